// Unit tests of the features, classify and post-process stages: one small
// input per rule, each showing the rule fire and not fire.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <string>
#include <vector>

namespace {

pith::DocContext english() {
  pith::DocContext ctx;
  ctx.lang = pith::lexicon::lang_from_tag("en");
  return ctx;
}

pith::Block block(const std::string& text) {
  pith::Block b;
  b.text = text;
  b.tag = "line";
  return b;
}

pith::Block classified(const std::string& text, pith::DocContext ctx = english()) {
  std::vector<pith::Block> bs{block(text)};
  pith::compute_features(bs, ctx);
  pith::classify(bs, ctx);
  return bs[0];
}

const char* kProse =
    "The council met on Friday to discuss the budget, and members agreed that the new plan would be published "
    "next week after a final review by the finance committee and the mayor's office, which has asked for more "
    "time to study the costs.";

// --- features ---------------------------------------------------------------

TEST(Features, CountsWordsAndCharacters) {
  pith::Features f = pith::text_features("Hello, wide world!", english().lang);
  EXPECT_EQ(f.words, 3u);
  EXPECT_EQ(f.chars, 18u);
  EXPECT_TRUE(f.terminal_punct);
}

TEST(Features, TerminalPunctuationLooksPastQuotesAndEmoji) {
  EXPECT_TRUE(pith::text_features("He called that \"the big, big, big challenge.\xE2\x80\x9D", english().lang).terminal_punct);
  EXPECT_TRUE(pith::text_features("We hope to see you soon! \xF0\x9F\x99\x82", english().lang).terminal_punct);
  EXPECT_TRUE(pith::text_features("\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5\xBD\xE3\x80\x82", -1).terminal_punct);  // 今天天气很好。
  EXPECT_FALSE(pith::text_features("Related Posts", english().lang).terminal_punct);
}

TEST(Features, StopwordDensityNeedsALanguage) {
  pith::Features en = pith::text_features("the cat is on the mat", english().lang);
  EXPECT_GT(en.stopword_density, 0.4);
  pith::Features none = pith::text_features("the cat is on the mat", pith::lexicon::kUnknown);
  EXPECT_EQ(none.stopword_density, 0.0);
}

TEST(Features, SeparatorsCountBylineAndBreadcrumbMarks) {
  EXPECT_EQ(pith::text_features("Just Earth News | @justearthnews | 16 Aug 2021", english().lang).separators, 2);
  EXPECT_EQ(pith::text_features("Home \xC2\xBB World \xC2\xBB Europe", english().lang).separators, 2);
  EXPECT_EQ(pith::text_features("A plain sentence.", english().lang).separators, 0);
}

TEST(Features, ListMarkersAndDates) {
  EXPECT_TRUE(pith::text_features("- The Taliban has said it wants good relations", english().lang).starts_list_marker);
  EXPECT_TRUE(pith::text_features("2. Second step", english().lang).starts_list_marker);
  EXPECT_FALSE(pith::text_features("-5 degrees tonight", english().lang).starts_list_marker);
  EXPECT_TRUE(pith::text_features("Updated: 19 November 2019, 09:01 AM", english().lang).has_date);
  EXPECT_FALSE(pith::text_features("He scored 12 points", english().lang).has_date);
}

TEST(Features, ChromeLexiconCoversUiPhrases) {
  EXPECT_GE(pith::text_features("Share this post", english().lang).chrome_lexicon, 0.5);
  EXPECT_LT(pith::text_features(kProse, english().lang).chrome_lexicon, 0.2);
}

// --- classify: one test per rule ------------------------------------------------

TEST(Classify, LongProseIsGood) { EXPECT_EQ(classified(kProse).quality, pith::Quality::Good); }

TEST(Classify, ShortLineIsShort) { EXPECT_EQ(classified("He declined to comment.").quality, pith::Quality::Short); }

TEST(Classify, UiPhraseIsBad) {
  pith::Block b = classified("Share this post");
  EXPECT_EQ(b.quality, pith::Quality::Bad);
}

TEST(Classify, SeparatorJoinedBylineIsBad) {
  pith::Block b = classified("Just Earth News | @justearthnews | 16 Aug 2021, 07:27 am Print");
  EXPECT_EQ(b.quality, pith::Quality::Bad);
}

TEST(Classify, DigitsAndDatelinesAreBad) {
  EXPECT_EQ(classified("2019-11-18 16:10 | 4,512 views").quality, pith::Quality::Bad);
  EXPECT_EQ(classified("First Published: Tuesday, November 19, 2019 08:38 AM").quality, pith::Quality::Bad);
}

TEST(Classify, LinkHeavyShortBlockIsBad) {
  std::vector<pith::Block> bs{block("Read the full report here")};
  bs[0].link_chars = 25;
  pith::DocContext ctx = english();
  pith::compute_features(bs, ctx);
  pith::classify(bs, ctx);
  EXPECT_EQ(bs[0].quality, pith::Quality::Bad);
}

TEST(Classify, ListOfNamesWithoutFunctionWordsIsBad) {
  pith::Block b = classified(
      "Kandahar Helmand Herat Badghis Ghor Logar Zabul Oruzgan Paktia Wardak Kabul Kunduz Takhar Baghlan Samangan "
      "Balkh Jowzjan Faryab");
  EXPECT_EQ(b.quality, pith::Quality::Bad);
}

TEST(Classify, FigureCaptionIsBad) {
  std::vector<pith::Block> bs{block(kProse)};
  bs[0].in_figure = true;
  pith::DocContext ctx = english();
  pith::compute_features(bs, ctx);
  pith::classify(bs, ctx);
  EXPECT_EQ(bs[0].quality, pith::Quality::Bad);
}

TEST(Classify, EveryVerdictHasAReason) {
  for (const char* t : {kProse, "Share this post", "He declined to comment.", "Home | News | Sport"}) EXPECT_FALSE(classified(t).reasons.empty()) << t;
}

// --- post-process -------------------------------------------------------------

std::vector<pith::Block> run_text(const std::string& text) {
  pith::Options opt;
  opt.input = pith::InputMode::Text;
  opt.language = "en";
  return pith::clean(text, opt).blocks;
}

bool kept(const std::vector<pith::Block>& bs, const std::string& prefix) {
  for (const auto& b : bs)
    if (b.text.rfind(prefix, 0) == 0) return b.label == pith::Label::Keep;
  ADD_FAILURE() << "no block starting with " << prefix;
  return false;
}

const std::string kPara2 =
    "Officials said the changes to the budget were needed because the old rules had not been updated for more "
    "than ten years, and that the public would be able to comment on the plan until the end of the month, when "
    "the council will vote on it.";
const std::string kPara3 =
    "Critics of the budget plan said it would raise costs for small businesses in the city, but the mayor argued "
    "that the savings from the new system would more than make up for it within two years of the council's vote.";

TEST(Postprocess, ShortLineBetweenGoodBlocksIsKept) {
  auto bs = run_text(std::string(kProse) + "\nHe declined to comment.\n" + kPara2 + "\n");
  EXPECT_TRUE(kept(bs, "He declined to comment."));
}

TEST(Postprocess, ShortLineBetweenBadBlocksIsDropped) {
  auto bs = run_text("Share this post\nHe declined to comment.\nRelated Posts\n" + std::string(kProse) + "\n");
  EXPECT_FALSE(kept(bs, "He declined to comment."));
  EXPECT_TRUE(kept(bs, "The council met"));
}

TEST(Postprocess, HeadingBeforeGoodTextIsKept) {
  auto bs = run_text(std::string(kProse) + "\nWhat the plan means for residents\n" + kPara2 + "\n");
  EXPECT_TRUE(kept(bs, "What the plan means for residents"));
}

TEST(Postprocess, RunOfHeadlinesIsDropped) {
  auto bs = run_text(std::string(kProse) + "\n" + kPara2 +
                     "\nMayor opens new bridge over the river\nCity council votes to extend library hours\n"
                     "Local team wins regional championship final\nNew bakery opens in the old town square\n" +
                     kPara3 + "\n");
  EXPECT_FALSE(kept(bs, "Mayor opens new bridge"));
  EXPECT_FALSE(kept(bs, "New bakery opens"));
  EXPECT_TRUE(kept(bs, "Critics of the budget plan"));
}

TEST(Postprocess, OffTopicListIsDroppedOnTopicListKept) {
  // The same place in the same story: a key-points list shares the story's
  // words; a list of other stories' headlines does not.
  std::string head = std::string(kProse) + "\n" + kPara2 + "\n";
  auto on = run_text(head + "- The budget plan will be published next week\n- The finance committee reviews the budget costs\n" + kPara3 + "\n");
  EXPECT_TRUE(kept(on, "- The budget plan will be published"));
  EXPECT_TRUE(kept(on, "- The finance committee"));
  auto off = run_text(head + "- Volcano erupts on a remote Pacific island\n- Pop star announces world tour dates\n" + kPara3 + "\n");
  EXPECT_FALSE(kept(off, "- Volcano erupts"));
  EXPECT_FALSE(kept(off, "- Pop star"));
  EXPECT_TRUE(kept(off, "Critics of the budget plan"));
}

TEST(Postprocess, SecondCopyIsDropped) {
  auto bs = run_text(std::string(kProse) + "\n" + kPara2 + "\n" + kProse + "\n");
  int keeps = 0;
  for (const auto& b : bs)
    if (b.text == kProse && b.label == pith::Label::Keep) ++keeps;
  EXPECT_EQ(keeps, 1);
}

TEST(Postprocess, NearDuplicateIsDropped) {
  std::string teaser = "The council met on Friday to discuss the budget, and members agreed that the new plan would be published next week.";
  auto bs = run_text(std::string(kProse) + "\n" + kPara2 + "\n" + teaser + "\n" + kPara3 + "\n");
  EXPECT_FALSE(kept(bs, teaser));
  EXPECT_TRUE(kept(bs, "Critics of the budget plan"));
}

}  // namespace
