// End-to-end tests of HTML mode's region stage (region.hpp) and JSON-LD
// evidence (jsonld.hpp), through pith::clean_html on hand-written pages of a
// realistic size: the article's paragraphs stay, every one, and the boxes
// around them (sidebars, teaser cards, comments, banners, captions) go.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <string>
#include <vector>

namespace {

// The story: seven paragraphs of news prose.
const std::vector<std::string> kStory = {
    "The town council of Millbrook voted on Tuesday night to spend four million pounds on new flood defences along "
    "the River Wend, two years after the worst floods in living memory forced hundreds of families from their homes.",
    "The plan, which has been debated for more than eighteen months, will raise the embankments on both sides of the "
    "river by almost a metre and replace the old sluice gates near the mill with a pumping station that can be run "
    "from the town hall.",
    "Residents who packed into the public gallery applauded when the result was announced, although several of them "
    "said afterwards that they would believe the work was happening only when they saw the diggers arrive on the "
    "riverbank.",
    "Margaret Hale, whose bakery on Bridge Street was under a metre of water in the winter of the floods, said that "
    "she had spent most of her savings on repairs and that her insurer had since refused to renew her policy at any "
    "price she could afford.",
    "The council's engineers expect construction to begin in the spring and to last about two years, during which "
    "the towpath between the mill and the railway bridge will be closed to walkers and cyclists for several months "
    "at a time.",
    "Opposition councillors argued that the money would have been better spent on restoring the wetlands upstream, "
    "which they said would slow the water before it reached the town, but their amendment was defeated by eleven "
    "votes to four.",
    "The Environment Agency, which is paying for a third of the scheme, said in a statement that it welcomed the "
    "decision and that it would publish its own assessment of the upstream options before the end of the year.",
};

const std::string kShort = "He declined to comment.";
const std::string kTitle = "Millbrook approves four million pound flood defence plan";

std::string story_paragraphs(std::size_t from = 0, std::size_t to = 7) {
  std::string s;
  for (std::size_t i = from; i < to && i < kStory.size(); ++i) s += "<p>" + kStory[i] + "</p>\n";
  return s;
}

std::string head(const std::string& extra = "") {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + kTitle +
         " | The Wend Valley Gazette</title>\n<meta property=\"og:title\" content=\"" + kTitle + "\">\n" + extra +
         "</head>\n";
}

std::string site_nav() {
  return "<header class=\"site-header\"><a href=\"/\" class=\"logo\">The Wend Valley Gazette</a>"
         "<nav class=\"main-nav\"><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li>"
         "<li><a href=\"/business\">Business</a></li><li><a href=\"/opinion\">Opinion</a></li>"
         "<li><a href=\"/weather\">Weather</a></li></ul></nav></header>\n";
}

std::string site_footer() {
  return "<footer class=\"site-footer\"><p>&copy; 2024 The Wend Valley Gazette. All rights reserved.</p>"
         "<ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li>"
         "<li><a href=\"/privacy\">Privacy policy</a></li></ul></footer>\n";
}

const std::vector<std::string> kRelated = {
    "Bridge Street traders count the cost of a second wet winter",
    "Railway line between Millbrook and Ashford reopens after repairs",
    "Council tax to rise by three per cent as budget gap widens",
    "New primary school approved for the east of Millbrook",
};

/// The article inside its page; `inside` goes in the article after paragraph `at`, `outside` after the article.
std::string article_page(const std::string& inside = "", std::size_t at = 3, const std::string& outside = "",
                         const std::string& head_extra = "") {
  return head(head_extra) + "<body>\n" + site_nav() + "<main><article class=\"story\">\n<h1>" + kTitle + "</h1>\n" +
         "<p class=\"byline\">By Tom Archer, local democracy reporter</p>\n" + story_paragraphs(0, at) + inside +
         story_paragraphs(at) + "</article>\n" + outside + "</main>\n" + site_footer() + "</body></html>\n";
}

bool in_text(const pith::Result& r, const std::string& s) { return r.text.find(s) != std::string::npos; }

void expect_whole_story(const pith::Result& r) {
  ASSERT_TRUE(r.ok()) << r.error;
  for (const std::string& p : kStory) EXPECT_TRUE(in_text(r, p)) << "missing paragraph: " << p.substr(0, 60) << "\n"
                                                                 << pith::render(r, pith::Format::Explain);
  // In order, each once.
  std::size_t pos = 0;
  for (const std::string& p : kStory) {
    std::size_t at = r.text.find(p, pos);
    if (at == std::string::npos) continue;
    EXPECT_EQ(r.text.find(p, at + p.size()), std::string::npos) << "twice: " << p.substr(0, 60);
    pos = at + p.size();
  }
}

const pith::Block* block_starting(const pith::Result& r, const std::string& prefix) {
  for (const pith::Block& b : r.blocks)
    if (b.text.rfind(prefix, 0) == 0) return &b;
  return nullptr;
}

// --- the baseline -------------------------------------------------------------------------

TEST(RegionBaseline, PlainArticleKeepsEveryParagraphAndDropsChrome) {
  pith::Result r = pith::clean_html(article_page());
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "Privacy policy"));
  EXPECT_FALSE(in_text(r, "All rights reserved"));
  EXPECT_FALSE(in_text(r, "Business"));
  EXPECT_EQ(r.metadata.language, "en");
  const pith::Block* p = block_starting(r, "The town council of Millbrook");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->features.region_score, 1.0);
  const pith::Block* f = block_starting(r, "About us");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->features.region_score, 0.0);
}

TEST(RegionBaseline, FindRegionPicksTheArticleBox) {
  std::string html = article_page();
  pith::HtmlDoc doc = pith::parse_html(html);
  pith::DocContext ctx = pith::make_context(doc.blocks, "en");
  ctx.html = true;
  pith::compute_features(doc.blocks, ctx);
  pith::classify(doc.blocks, ctx);
  pith::Region region = pith::find_region(doc.blocks, doc.nodes);
  ASSERT_GE(region.best, 0);
  const pith::DomNode& best = doc.nodes[static_cast<std::size_t>(region.best)];
  // The <article> (or the <main> around it): not <body>, not one paragraph.
  EXPECT_TRUE(best.tag == GUMBO_TAG_ARTICLE || best.tag == GUMBO_TAG_MAIN) << gumbo_normalized_tagname(best.tag);
  for (const pith::Block& b : doc.blocks) {
    bool story = b.text == kStory[0] || b.text == kStory[6];
    if (story) EXPECT_TRUE(region.contains(region.best, b.container)) << b.text.substr(0, 40);
    if (b.text == "About us") EXPECT_FALSE(region.contains(region.best, b.container));
  }
}

// --- sidebars -----------------------------------------------------------------------------------

std::string related_list(const std::string& open, const std::string& close) {
  std::string s = open + "<h2>Related stories</h2><ul>";
  for (const std::string& t : kRelated) s += "<li><a href=\"/news/" + std::to_string(t.size()) + "\">" + t + "</a></li>";
  return s + "</ul>" + close + "\n";
}

TEST(RegionSidebar, AsideOfRelatedStoriesIsDropped) {
  pith::Result r = pith::clean_html(article_page("", 3, related_list("<aside>", "</aside>")));
  expect_whole_story(r);
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
  EXPECT_FALSE(in_text(r, "Related stories"));
}

TEST(RegionSidebar, ClassSidebarOfRelatedStoriesIsDropped) {
  pith::Result r = pith::clean_html(article_page("", 3, related_list("<div class=\"sidebar\">", "</div>")));
  expect_whole_story(r);
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
}

TEST(RegionSidebar, RelatedBoxInsideTheArticleIsDropped) {
  pith::Result r = pith::clean_html(article_page(related_list("<div class=\"related-posts\">", "</div>"), 4));
  expect_whole_story(r);
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
}

TEST(RegionSidebar, SidebarWithProseTeasersIsDropped) {
  // Sidebar items written as sentences: the region, not the text, gives them away.
  std::string side = "<aside class=\"sidebar\"><h3>Most read</h3>"
                     "<p><a href=\"/a\">Ashford</a> residents say the new bus timetable has left villages without an evening service.</p>"
                     "<p><a href=\"/b\">Police</a> appeal for witnesses after a car was driven into the window of a shop on the high street.</p>"
                     "</aside>";
  pith::Result r = pith::clean_html(article_page("", 3, side));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "new bus timetable"));
  EXPECT_FALSE(in_text(r, "appeal for witnesses"));
}

TEST(RegionSidebar, StickySidebarWrapperAroundTheArticleKeepsIt) {
  // Theme wrappers named "sidebar" hold whole articles.
  std::string html = head() + "<body>" + site_nav() + "<div class=\"theia-sticky-sidebar\"><div class=\"post-inner\"><h1>" + kTitle +
                     "</h1>" + story_paragraphs(0, 4) + "<p>" + kShort + "</p>" + story_paragraphs(4) + "</div></div>" +
                     related_list("<div class=\"widget-area sidebar\">", "</div>") + site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  EXPECT_TRUE(in_text(r, kShort));
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
}

TEST(RegionSidebar, ArticleInABoxNamedForTheSidebarLayoutIsKept) {
  // "sidebar-layout" > "sidebar-content" names the layout beside a sidebar: the box holds
  // most of the page's prose, so it is the article, not a sidebar. The real sidebar still goes.
  std::string side = "<div class=\"sidebar\"><h3>Most read</h3>"
                     "<p><a href=\"/a\">Ashford</a> residents say the new bus timetable has left villages without an evening service.</p></div>";
  std::string html = head() + "<body>" + site_nav() + "<div class=\"sidebar-layout\"><div class=\"sidebar-content\"><h1>" + kTitle + "</h1>" +
                     story_paragraphs() + "</div>" + side + "</div>" + site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "new bus timetable"));
}

TEST(RegionSplit, ArticleSplitAroundAMidArticleStoriesListKeepsBothHalves) {
  // Some CMSs close the body box for an inline "more stories" module and
  // open a second one after it: two sibling content boxes, one article.
  std::string more = "<div class=\"more-stories\"><h3>More stories</h3><ul>";
  for (int i = 0; i < 3; ++i)
    for (const std::string& t : kRelated) more += "<li><a href=\"/news/" + std::to_string(i) + "\">" + t + "</a></li>";
  more += "</ul></div>\n";
  std::string html = head() + "<body>" + site_nav() + "<div class=\"wrap\"><h1>" + kTitle + "</h1>" +
                     "<div class=\"post-content\">" + story_paragraphs(0, 5) + "</div>" + more +
                     "<div class=\"post-content\">" + story_paragraphs(5) + "</div></div>" + site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
}

// --- short paragraphs, tables ------------------------------------------------------------------

TEST(RegionShort, ShortParagraphInsideTheArticleStays) {
  pith::Result r = pith::clean_html(article_page("<p>" + kShort + "</p>\n", 4));
  expect_whole_story(r);
  EXPECT_TRUE(in_text(r, kShort)) << pith::render(r, pith::Format::Explain);
}

TEST(RegionShort, SubheadInsideTheArticleStays) {
  pith::Result r = pith::clean_html(article_page("<h2>What happens next</h2>\n", 4));
  expect_whole_story(r);
  EXPECT_TRUE(in_text(r, "What happens next"));
}

TEST(RegionShort, ShortLineOutsideTheArticleGoes) {
  pith::Result r = pith::clean_html(article_page("", 3, "<div class=\"promo-box\"><p>Sign up for our weekly newsletter.</p></div>"));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "weekly newsletter"));
}

TEST(RegionTable, DataTableInsideTheArticleIsKeptAsRows) {
  std::string table = "<table><thead><tr><th>Ward</th><th>Homes flooded</th><th>Families moved</th></tr></thead><tbody>"
                      "<tr><td>Bridge Street</td><td>142</td><td>61</td></tr>"
                      "<tr><td>Mill Lane</td><td>87</td><td>30</td></tr>"
                      "<tr><td>Station Road</td><td>45</td><td>12</td></tr></tbody></table>\n";
  pith::Result r = pith::clean_html(article_page(table, 4));
  expect_whole_story(r);
  EXPECT_TRUE(in_text(r, "Ward Homes flooded Families moved\n")) << pith::render(r, pith::Format::Explain);
  EXPECT_TRUE(in_text(r, "Bridge Street 142 61\n"));
  EXPECT_TRUE(in_text(r, "Mill Lane 87 30\n"));
  EXPECT_TRUE(in_text(r, "Station Road 45 12\n"));
  // Rows stay in place, between the paragraphs around the table.
  EXPECT_LT(r.text.find(kStory[3]), r.text.find("Mill Lane 87 30"));
  EXPECT_LT(r.text.find("Mill Lane 87 30"), r.text.find(kStory[4]));
}

// --- teaser cards ------------------------------------------------------------------------------

std::string teaser_cards(std::size_t n) {
  const char* summaries[] = {
      "Shopkeepers say footfall has fallen by a third since the bridge closed for repairs in the autumn.",
      "Services will run every half hour from Monday after engineers finished work on the embankment.",
      "The increase is the largest allowed without a referendum and will add about sixty pounds a year.",
      "The school will open in two years and take up to four hundred and twenty pupils from the new estate.",
  };
  std::string s = "<section class=\"more-news\"><h2>More from the Gazette</h2>";
  for (std::size_t i = 0; i < n; ++i)
    s += "<div class=\"card\"><h3><a href=\"/news/" + std::to_string(i) + "\">" + kRelated[i % 4] + "</a></h3><p>" + summaries[i % 4] +
         "</p></div>";
  return s + "</section>\n";
}

TEST(RegionTeasers, ListOfCardsAfterTheArticleIsDropped) {
  pith::Result r = pith::clean_html(article_page("", 3, teaser_cards(4)));
  expect_whole_story(r);
  for (const std::string& t : kRelated) EXPECT_FALSE(in_text(r, t)) << t;
  EXPECT_FALSE(in_text(r, "Shopkeepers say footfall")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(in_text(r, "largest allowed without a referendum"));
  const pith::Block* card = block_starting(r, "Services will run every half hour");
  ASSERT_NE(card, nullptr);
  EXPECT_TRUE(card->in_teaser);
}

TEST(RegionTeasers, ThreeCardsAreEnoughTwoAreNot) {
  pith::Result three = pith::clean_html(article_page("", 3, teaser_cards(3)));
  expect_whole_story(three);
  EXPECT_FALSE(in_text(three, "Shopkeepers say footfall"));
  const pith::Block* b = block_starting(three, "Shopkeepers say footfall");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->in_teaser);
  pith::Result two = pith::clean_html(article_page("", 3, teaser_cards(2)));
  const pith::Block* t = block_starting(two, "Shopkeepers say footfall");
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->in_teaser) << "two alike boxes may be a pair of columns";
}

TEST(RegionTeasers, CardsAtTheTopOfThePageDoNotAttractTheRegion) {
  // Teaser lists before the article (a "top stories" strip) must not win the region.
  std::string html = head() + "<body>" + site_nav() + teaser_cards(4) + "<article><h1>" + kTitle + "</h1>" + story_paragraphs() +
                     "</article>" + site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "Shopkeepers say footfall"));
}

TEST(RegionTeasers, FaqItemsInsideTheArticleAreNotTeasers) {
  // Repeated boxes with a heading and a paragraph, but no link anywhere:
  // questions and answers (or recipe steps, live-blog entries) of this page,
  // not teasers of other pages.
  const char* faq[][2] = {
      {"Will the towpath stay open during the work?", "Only in part. The stretch between the mill and the railway bridge will close for several months at a time, and the council will publish the dates in advance."},
      {"Who is paying for the scheme?", "The council is paying two thirds of the cost from its reserves, and the Environment Agency is paying the remaining third from its national flood defence budget."},
      {"Will my insurance premium go down?", "Insurers say they will take the new defences into account, but only once the work is finished and the flood maps for the town have been redrawn."},
      {"How can I comment on the plans?", "Residents can write to the council's engineers or attend one of the public meetings that will be held at the town hall before construction begins."},
  };
  std::string section = "<h2>Questions and answers</h2>\n";
  for (const auto& qa : faq) section += std::string("<div class=\"faq-item\"><h3>") + qa[0] + "</h3><p>" + qa[1] + "</p></div>\n";
  pith::Result r = pith::clean_html(article_page(section, 7));
  expect_whole_story(r);
  for (const auto& qa : faq) {
    EXPECT_TRUE(in_text(r, qa[1])) << "answer dropped: " << qa[1] << "\n" << pith::render(r, pith::Format::Explain);
    const pith::Block* b = block_starting(r, qa[1]);
    ASSERT_NE(b, nullptr);
    EXPECT_FALSE(b->in_teaser);
  }
}

TEST(RegionTeasers, HeadedEntriesInWidgetBoxesInsideTheArticleAreKept) {
  // Rich-text editors wrap each entry of a listicle in a "widget" box: a box named only
  // usually boilerplate does not make an unlinked heading's entry a teaser.
  const char* plants[][2] = {
      {"Snake plant", "Who needs flowers when leaves offer such a dramatic effect? The upright foliage creates a focal point in a dim corner of the room."},
      {"ZZ plant", "Although its common name is short, this plant is no snoozer: it grows two to four feet tall and forgives a missed watering or two."},
      {"Spider plant", "Spider plants have been popular for more than a century, and on a shelf their arching leaves and plantlets cascade over the edge."},
  };
  std::string section;
  for (const auto& p : plants) section += std::string("<div class=\"ck-widget\"><h6>") + p[0] + "</h6><p>" + p[1] + "</p></div>\n";
  pith::Result r = pith::clean_html(article_page(section, 7));
  expect_whole_story(r);
  for (const auto& p : plants) EXPECT_TRUE(in_text(r, p[1])) << "entry dropped: " << p[1] << "\n" << pith::render(r, pith::Format::Explain);
}

TEST(RegionTeasers, TickerOfTruncatedExcerptsBesideTheStoryIsDropped) {
  // A "latest news" strip inside the story's column: each item a linked headline run into an
  // excerpt the site cut short. The items read as prose; their cut-off ending marks them teasers.
  const char* items[][2] = {
      {"Harbour board approves new ferry timetable", "ASHFORD: The harbour board on Monday approved a new timetable for the winter ferry service, which will add two evening crossings and..."},
      {"Hospital trust appoints new chief executive", "WENDOVER: The hospital trust has appointed a new chief executive after a search that lasted nearly a year and drew applicants from..."},
      {"School meals contract goes to local supplier", "MILLBROOK: A local supplier has won the contract to provide school meals across the district for the next five years, the council \xE2\x80\xA6"},
      {"Police appeal for witnesses after bridge crash", "ASHFORD: Police have appealed for witnesses after a car left the road near the old railway bridge late on Saturday evening and..."},
  };
  auto page = [&](bool cut) {
    std::string ticker = "<div class=\"latest\"><ul>";
    for (const auto& it : items) {
      std::string excerpt = it[1];
      if (!cut) excerpt = excerpt.substr(0, excerpt.rfind(' ')) + ".";  // the same items written out as sentences
      ticker += std::string("<li><a href=\"/news/x\">") + it[0] + "</a> <span>" + excerpt + "</span></li>";
    }
    ticker += "</ul></div>\n";
    return head("<meta property=\"og:type\" content=\"article\">\n") + "<body>\n" + site_nav() + "<div class=\"wrapper\"><div class=\"column-left\">" +
           ticker + "<div class=\"story-body\"><h2>" + kTitle + "</h2>" + story_paragraphs() + "</div></div></div>\n" + site_footer() + "</body></html>\n";
  };
  pith::Result r = pith::clean_html(page(true));
  expect_whole_story(r);
  for (const auto& it : items) {
    EXPECT_FALSE(in_text(r, it[0])) << it[0] << "\n" << pith::render(r, pith::Format::Explain);
    const pith::Block* b = block_starting(r, it[0]);
    ASSERT_NE(b, nullptr);
    EXPECT_TRUE(b->in_teaser);
  }
  // Items that end their sentences are a roundup's entries, not teasers.
  pith::Result whole = pith::clean_html(page(false));
  const pith::Block* b = block_starting(whole, items[0][0]);
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->in_teaser);
}

TEST(RegionTeasers, TruncatedTeaserNeedsALinkedTitleAndAnExcerpt) {
  pith::Block b;
  b.text = "Harbour board approves new ferry timetable ASHFORD: The harbour board on Monday approved a new timetable and...";
  b.starts_with_link = true;
  b.link_chars = 42;
  b.features.chars = b.text.size();
  EXPECT_TRUE(pith::truncated_teaser(b));
  b.starts_with_link = false;  // a sentence trailing off, no linked title
  EXPECT_FALSE(pith::truncated_teaser(b));
  b.starts_with_link = true;
  b.link_chars = b.features.chars - 10;  // a link with a few words after it
  EXPECT_FALSE(pith::truncated_teaser(b));
  b.link_chars = 42;
  b.text.back() = '.', b.text.pop_back(), b.text.pop_back();  // ends a sentence
  EXPECT_FALSE(pith::truncated_teaser(b));
}

TEST(RegionTeasers, StoryChunksEndingInALinkToAnotherStoryAreNotTeasers) {
  // Some sites cut the story into alike boxes between photos; a box may end with a linked
  // "See more: …" line. Its sentences come before that link, as no teaser's excerpt does.
  std::string body;
  for (std::size_t i = 0; i < 6; i += 2) {
    body += "<div class=\"text-chunk\"><p>" + kStory[i] + "</p>";
    if (i == 2) body += "<p>SEE MORE: <a href=\"/news/1\">" + kRelated[0] + "</a></p>";
    body += "</div><div class=\"photo\"><img src=\"/p.jpg\"></div>";
    body += "<div class=\"text-chunk\"><p>" + kStory[i + 1] + "</p></div>";
  }
  body += "<div class=\"text-chunk\"><p>" + kStory[6] + "</p></div>";
  std::string html = head("<meta property=\"og:type\" content=\"article\">\n") + "<body>\n" + site_nav() + "<article><h1>" + kTitle + "</h1>" + body +
                     "</article>\n" + site_footer() + "</body></html>\n";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  const pith::Block* b = block_starting(r, kStory[2].substr(0, 40));
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->in_teaser);
  EXPECT_FALSE(in_text(r, kRelated[0]));
}

TEST(RegionSignup, NewsletterBoxInsideTheArticleIsDropped) {
  // A sign-up box in the story's column: a pitch that reads as prose, an e-mail field, the
  // messages the form shows. Its e-mail field marks it; the story around it stays.
  const std::string pitch = "Get the day's top headlines from the valley delivered to your inbox every morning by signing up for our newsletter.";
  const std::string thanks = "You have been successfully subscribed to the morning briefing!";
  std::string box = "<div class=\"mb4 pa4\"><p>" + pitch + "</p><form action=\"/s\"><input type=\"email\" name=\"addr\"><button>Go</button></form><div>" +
                    thanks + "</div></div>\n";
  pith::Result r = pith::clean_html(article_page(box, 4));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, pitch)) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(in_text(r, thanks));
  // Older forms: a text field named for the address.
  std::string old = box;
  old.replace(old.find("type=\"email\" name=\"addr\""), 25, "type=\"text\" name=\"email\"");
  pith::Result o = pith::clean_html(article_page(old, 4));
  expect_whole_story(o);
  EXPECT_FALSE(in_text(o, pitch));
  // A search field is no sign-up form: the same box with one keeps its text.
  std::string search = box;
  search.replace(search.find("type=\"email\" name=\"addr\""), 25, "type=\"search\" name=\"q\"");
  pith::Result q = pith::clean_html(article_page(search, 4));
  EXPECT_TRUE(in_text(q, pitch));
}

TEST(RegionSignup, SmallCallToActionBoxIsDroppedALargeOneIsNot) {
  const std::string pitch = "Thinking about flood protection for your own home? Our surveyors can help you plan it.";
  std::string cta = "<div class=\"post-cta\"><h3>Ready to protect your home?</h3><p>" + pitch + "</p><a href=\"/quote\">Get a free quote</a></div>\n";
  std::string page = article_page();
  page.insert(page.find("</article>"), cta);  // at the end of the story, inside the article
  pith::Result r = pith::clean_html(page);
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, pitch)) << pith::render(r, pith::Format::Explain);
  // A page builder's section named after its button, holding the story itself, stays.
  std::string wrapped = head() + "<body>" + site_nav() + "<div class=\"section-cta\"><h1>" + kTitle + "</h1>" + story_paragraphs() + "</div>" +
                        site_footer() + "</body></html>";
  expect_whole_story(pith::clean_html(wrapped));
}

TEST(RegionSignup, AShortArticleAroundAFormKeepsItsText) {
  // The box grows only while it stays small: a form inside the article's own box does not take the article with it.
  std::string form = "<form><input type=\"email\"></form>";
  pith::Result r = pith::clean_html(article_page(form, 1));
  expect_whole_story(r);
}

TEST(RegionByline, AuthorBioBoxAtTheEndOfTheStoryIsDropped) {
  // The box about the writer reads as prose, sits inside the article, and is not the story.
  const std::string bio = "Tom Archer is the local democracy reporter for the Wend Valley Gazette, where he has covered the town council, "
                          "planning and the river since joining the paper from the Ashford Herald in 2015.";
  pith::Result r = pith::clean_html(article_page("<div class=\"author-bio\"><p>" + bio + "</p></div>\n", 7));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, bio)) << pith::render(r, pith::Format::Explain);
}

// --- comments, banners, captions ------------------------------------------------------------------

TEST(RegionComments, CommentsSectionWithProseIsDropped) {
  std::string comments =
      "<section id=\"comments\"><h2>4 comments</h2><ol class=\"comment-list\">"
      "<li><p class=\"author\">RiversideResident</p><p>I have lived on Mill Lane for thirty years and I will believe it when I see it, "
      "because the council promised exactly the same thing after the floods of the nineties and nothing was ever built.</p></li>"
      "<li><p class=\"author\">Ashford_Dave</p><p>Four million pounds is a lot of money for a town this size, and I would like to know "
      "how much of it is going to consultants rather than to the people who will actually be building the walls.</p></li>"
      "<li><p class=\"author\">greenwend</p><p>The opposition were right about the wetlands, and it is a shame that nobody on the "
      "council was willing to listen to the people who have been studying the river upstream for years.</p></li>"
      "</ol><form><textarea></textarea><button>Post comment</button></form></section>\n";
  pith::Result r = pith::clean_html(article_page("", 3, comments));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "I have lived on Mill Lane")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(in_text(r, "consultants"));
  EXPECT_FALSE(in_text(r, "studying the river upstream"));
  EXPECT_FALSE(in_text(r, "RiversideResident"));
}

TEST(RegionBanner, CookieBannerIsDropped) {
  std::string banner =
      "<div id=\"cookie-notice\" class=\"cookie-banner\"><p>We use cookies to give you the best possible experience on our "
      "website, to analyse how the site is used and to show you relevant advertising. By continuing to browse you agree to "
      "our use of cookies.</p><a href=\"/cookies\">Manage settings</a> <a href=\"#\">Accept all</a></div>\n";
  std::string html = head() + "<body>" + banner + site_nav() + "<article><h1>" + kTitle + "</h1>" + story_paragraphs() + "</article>" +
                     site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "We use cookies")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(in_text(r, "Accept all"));
}

TEST(RegionFigure, FigureCaptionsAreDropped) {
  std::string figure =
      "<figure class=\"wp-block-image\"><img src=\"/img/river.jpg\" alt=\"\"><figcaption>Floodwater on Bridge Street in the winter of "
      "the floods, when the river rose higher than at any time since records began. Photograph: Jane Miller/Gazette</figcaption>"
      "</figure>\n";
  pith::Result r = pith::clean_html(article_page(figure, 2));
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "Floodwater on Bridge Street")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(in_text(r, "Photograph: Jane Miller"));
}

TEST(RegionByline, BylineIsNotBody) {
  pith::Result r = pith::clean_html(article_page());
  expect_whole_story(r);
  EXPECT_FALSE(in_text(r, "By Tom Archer")) << pith::render(r, pith::Format::Explain);
}

// --- JSON-LD articleBody ----------------------------------------------------------------------------

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '\n') {
      o += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') o.push_back('\\');
    o.push_back(c);
  }
  return o;
}

std::string json_ld_script(const std::string& body) {
  return "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Gazette\"},"
         "{\"@type\":\"NewsArticle\",\"headline\":\"" + json_escape(kTitle) + "\",\"author\":{\"@type\":\"Person\",\"name\":\"Tom Archer\"},"
         "\"datePublished\":\"2024-03-05T21:40:00Z\",\"articleBody\":\"" + json_escape(body) + "\"}]}</script>\n";
}

TEST(RegionJsonLd, ReadJsonLdFindsTypeMetadataAndBody) {
  std::string body;
  for (const std::string& p : kStory) body += p + "\n\n";
  std::string script = json_ld_script(body);
  pith::HtmlDoc doc = pith::parse_html(head(script) + "<body><p>x</p></body></html>");
  ASSERT_EQ(doc.json_ld.size(), 1u);
  pith::JsonLd ld = pith::read_json_ld(doc.json_ld);
  EXPECT_EQ(ld.type, "NewsArticle");
  EXPECT_EQ(ld.headline, kTitle);
  EXPECT_EQ(ld.author, "Tom Archer");
  EXPECT_EQ(ld.date_published, "2024-03-05T21:40:00Z");
  EXPECT_EQ(ld.article_body, body);
}

TEST(RegionJsonLd, ArticleBodyRecoversAParagraphTheDomDrops) {
  // One paragraph of the story sits in a box named "promo" between two ads:
  // the DOM rules drop it; the page's own articleBody says it is body.
  std::string body;
  for (const std::string& p : kStory) body += p + " ";
  std::string promo = "<div class=\"promo\"><p>" + kStory[3] + "</p></div>\n";
  std::string page_without = head() + "<body>" + site_nav() + "<article><h1>" + kTitle + "</h1>" + story_paragraphs(0, 3) + promo +
                             story_paragraphs(4) + "</article>" + site_footer() + "</body></html>";
  pith::Result without = pith::clean_html(page_without);
  ASSERT_FALSE(in_text(without, kStory[3])) << "premise: the DOM rules alone drop the paragraph in the promo box";
  std::string page_with = head(json_ld_script(body)) + page_without.substr(head().size());
  pith::Result with = pith::clean_html(page_with);
  expect_whole_story(with);
  const pith::Block* b = block_starting(with, kStory[3].substr(0, 40));
  ASSERT_NE(b, nullptr);
  bool reason = false;
  for (const std::string& why : b->reasons) reason |= why.find("JSON-LD") != std::string::npos;
  EXPECT_TRUE(reason) << pith::render(with, pith::Format::Explain);
  EXPECT_EQ(with.metadata.page_type, "NewsArticle");
  EXPECT_EQ(with.metadata.author, "Tom Archer");
}

TEST(RegionJsonLd, ApplyJsonLdDirectly) {
  std::vector<pith::Block> blocks(3);
  blocks[0].text = kStory[0];
  blocks[1].text = kStory[1];
  blocks[2].text = "Subscribe to our newsletter for the latest news from the valley and beyond, every morning.";
  for (pith::Block& b : blocks) b.features.words = 20;
  blocks[0].revised = pith::Quality::Good;
  blocks[1].revised = pith::Quality::Bad;  // dropped by the DOM rules
  blocks[2].revised = pith::Quality::Good;
  pith::JsonLd ld;
  for (const std::string& p : kStory) ld.article_body += p + " ";
  pith::apply_json_ld(blocks, ld);
  EXPECT_EQ(blocks[1].revised, pith::Quality::Good) << "in articleBody: recovered";
  EXPECT_EQ(blocks[2].revised, pith::Quality::Good) << "kept blocks cover only 2 of 7 paragraphs: no drops on absence";
  // A summary-length articleBody is no evidence.
  std::vector<pith::Block> again(1);
  again[0].text = kStory[1];
  again[0].revised = pith::Quality::Bad;
  pith::JsonLd summary;
  summary.article_body = kStory[1];
  pith::apply_json_ld(again, summary);
  EXPECT_EQ(again[0].revised, pith::Quality::Bad);
}

TEST(RegionJsonLd, InvalidJsonLdIsIgnored) {
  std::string bad = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": </script>\n";
  pith::Result r = pith::clean_html(article_page("", 3, "", bad));
  expect_whole_story(r);
  EXPECT_NE(r.metadata.page_type, "NewsArticle");
}

// --- the title ---------------------------------------------------------------------------------------

TEST(RegionTitle, TitleIsNotInTheTextByDefault) {
  pith::Result r = pith::clean_html(article_page());
  expect_whole_story(r);
  EXPECT_EQ(r.metadata.title, kTitle);
  EXPECT_FALSE(in_text(r, kTitle)) << r.text;
  const pith::Block* h1 = block_starting(r, kTitle);
  ASSERT_NE(h1, nullptr);
  EXPECT_EQ(h1->label, pith::Label::Drop);
}

TEST(RegionTitle, HeadlineWithInlineMarkupIsNotInTheText) {
  // No og:title: the title comes from <title> and the <h1>, whose inline
  // markup must not change its words.
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><title>Millbrook approves \u00a34m flood plan | The Wend Valley Gazette</title>"
                     "</head><body>" + site_nav() + "<article><h1>Millbrook approves <em>\u00a3</em>4m flood plan</h1>" +
                     story_paragraphs() + "</article>" + site_footer() + "</body></html>";
  pith::Result r = pith::clean_html(html);
  expect_whole_story(r);
  EXPECT_EQ(r.metadata.title, "Millbrook approves \u00a34m flood plan");
  EXPECT_FALSE(in_text(r, "flood plan")) << r.text.substr(0, 200);
}

TEST(RegionTitle, IncludeTitlePutsItFirstOnce) {
  pith::Options opt;
  opt.include_title = true;
  pith::Result r = pith::clean_html(article_page(), opt);
  expect_whole_story(r);
  EXPECT_EQ(r.text.rfind(kTitle + "\n", 0), 0u) << r.text.substr(0, 200);
  EXPECT_EQ(r.text.find(kTitle, 1), std::string::npos) << "the title once, not again from the <h1>";
  EXPECT_EQ(r.text.substr(kTitle.size() + 1, 40), kStory[0].substr(0, 40));
}

TEST(RegionTitle, TextModeIgnoresIncludeTitle) {
  pith::Options opt;
  opt.include_title = true;
  std::string text;
  for (const std::string& p : kStory) text += p + "\n";
  pith::Result r = pith::clean_text(text, opt);
  EXPECT_TRUE(r.metadata.title.empty());
  EXPECT_EQ(r.text.rfind(kStory[0], 0), 0u);
}

}  // namespace
