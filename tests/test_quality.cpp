// End-to-end quality gates on the bundled corpora. The floors only rise:
// raise them when pith improves, never lower them to make a change pass.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <map>
#include <string>
#include <vector>

#include "../bench/corpus.hpp"
#include "../bench/segments.hpp"
#include "../bench/shingle_f1.hpp"
#include "../bench/word_f1.hpp"

namespace {

const std::string kCorpus = std::string(PITH_SOURCE_DIR) + "/corpus";

// Measured 2026-11-24 (pith_eval): seeds 0/156 lines wrong; text 0.846, 0.865 with the text model (100 trees); HTML 0.9756
// (rs_trafilatura 0.9742 on the same pages).
constexpr double kTextF1Floor = 0.86;
constexpr double kHtmlF1Floor = 0.975;
// WCXB pages rendered to text, scored by their with/without snippets (bench/segments.hpp);
// measured 2026-11-24: 0.860 with the tree model (0.856 cross-validated by domain; rules alone 0.773); the C4
// line rules score 0.779 there, keeping everything 0.687.
constexpr double kWcxbTextF1Floor = 0.855;
// The open-source peers on the same pages, which pith must stay ahead of.
constexpr double kTrafilaturaF1 = 0.954;
constexpr double kReadabilityJsF1 = 0.950;

TEST(QualityGate, EverySeedMatchesItsGold) {
  for (const auto& s : pith_bench::load_seeds(kCorpus + "/seeds")) {
    pith::Options opt;
    opt.input = pith::InputMode::Text;
    pith::Result r = pith::clean(s.text, opt);
    ASSERT_TRUE(r.ok()) << s.name << ": " << r.error;
    std::vector<char> kept(s.labels.size(), 0);
    for (const pith::Block& b : r.blocks)
      if (b.label == pith::Label::Keep && b.source_line < kept.size()) kept[b.source_line] = 1;
    for (std::size_t i = 0; i < s.labels.size(); ++i) {
      if (s.labels[i] == 'K') EXPECT_TRUE(kept[i]) << s.name << " line " << i + 1 << " must be kept";
      if (s.labels[i] == 'D') EXPECT_FALSE(kept[i]) << s.name << " line " << i + 1 << " must be dropped";
    }
  }
}

TEST(QualityGate, SeedBodyComesOutUnchangedAndOnce) {
  // Kept lines are the input lines, trimmed, in order, none twice.
  for (const auto& s : pith_bench::load_seeds(kCorpus + "/seeds")) {
    pith::Result r = pith::clean_text(s.text);
    std::vector<std::string> seen;
    for (const pith::Block& b : r.blocks) {
      if (b.label != pith::Label::Keep) continue;
      EXPECT_EQ(std::find(seen.begin(), seen.end(), b.text), seen.end()) << s.name << ": kept twice: " << b.text;
      seen.push_back(b.text);
    }
  }
}

TEST(QualityGate, TextModeOnRenderedPages) {
  auto docs = pith_bench::load_text_set(kCorpus + "/textset");
  ASSERT_GE(docs.size(), 100u);
  std::vector<pith_bench::Counts> rows;
  for (const auto& d : docs) rows.push_back(pith_bench::doc_counts(d.gold, pith::clean_text(d.input).text));
  pith_bench::Score s = pith_bench::score(rows);
  EXPECT_GE(s.f1, kTextF1Floor) << "precision " << s.precision << " recall " << s.recall;
}

TEST(QualityGate, TextModeOnWcxbPagesRenderedToText) {
  auto docs = pith_bench::load_wcxb_text_set(kCorpus + "/wcxb-text", kCorpus + "/wcxb");
  ASSERT_GE(docs.size(), 1000u);
  std::vector<pith_bench::SegmentCounts> rows;
  for (const auto& d : docs) rows.push_back(pith_bench::segment_counts(pith::clean_text(d.input).text, d.with, d.without));
  pith_bench::Score s = pith_bench::segment_score(rows);
  EXPECT_GE(s.f1, kWcxbTextF1Floor) << "precision " << s.precision << " recall " << s.recall;
}

TEST(QualityGate, SegmentScoreOfTheBaselinesIsCalibrated) {
  // Keeping everything must score near the held-out set's 0.691 (0.687 here): the definition is fixed.
  auto docs = pith_bench::load_wcxb_text_set(kCorpus + "/wcxb-text", kCorpus + "/wcxb");
  std::vector<pith_bench::SegmentCounts> rows;
  for (const auto& d : docs) rows.push_back(pith_bench::segment_counts(d.input, d.with, d.without));
  EXPECT_NEAR(pith_bench::segment_score(rows).f1, 0.687, 0.002);
}

TEST(QualityGate, HtmlModeOnArticleBenchmark) {
  auto docs = pith_bench::load_html_set(kCorpus + "/scrapinghub");
  ASSERT_GE(docs.size(), 100u);
  std::vector<pith_bench::Counts> rows;
  for (const auto& d : docs) rows.push_back(pith_bench::doc_counts(d.gold, pith::clean_html(d.input).text));
  pith_bench::Score s = pith_bench::score(rows);
  EXPECT_GE(s.f1, kHtmlF1Floor) << "precision " << s.precision << " recall " << s.recall;
  EXPECT_GT(s.f1, kTrafilaturaF1);
  EXPECT_GT(s.f1, kReadabilityJsF1);
}

TEST(QualityGate, PeerScoresAreComputedAsPublished) {
  // The C++ scorer must reproduce the benchmark's own numbers for a peer.
  auto docs = pith_bench::load_html_set(kCorpus + "/scrapinghub");
  auto peers = pith_bench::load_peers(kCorpus + "/scrapinghub/peers");
  ASSERT_TRUE(peers.count("trafilatura"));
  std::vector<pith_bench::Counts> rows;
  for (const auto& d : docs) rows.push_back(pith_bench::doc_counts(d.gold, peers["trafilatura"][d.id]));
  EXPECT_NEAR(pith_bench::score(rows).f1, kTrafilaturaF1, 0.0005);
}

// WCXB dev split (corpus/wcxb), word F1 as word_f1.py. Measured 2026-11-23, session 6
// (pith_eval --set wcxb): overall 0.862 (odd ids 0.865, even 0.860); article 0.945, collection 0.672,
// documentation 0.913, forum 0.791, listing 0.729, product 0.688, service 0.830.
constexpr double kWcxbF1Floor = 0.86;
// The held-out multilingual set's score (bench/segments.hpp: with/without snippets) on the
// article pages' HTML-mode output; measured 2026-11-23 (pith_eval --set wcxb): 0.922 (p 0.958).
constexpr double kWcxbArticleSegmentF1Floor = 0.92;
const std::map<std::string, double> kWcxbTypeFloors = {{"article", 0.943}, {"collection", 0.665}, {"documentation", 0.91}, {"forum", 0.785},
                                                       {"listing", 0.72},  {"product", 0.68},     {"service", 0.825}};

TEST(QualityGate, HtmlModeOnWcxbPageTypes) {
  auto pages = pith_bench::load_wcxb(kCorpus + "/wcxb");
  ASSERT_GE(pages.size(), 1000u);
  std::vector<pith_bench::WordScore> all;
  std::map<std::string, std::vector<pith_bench::WordScore>> by_type;
  std::vector<pith_bench::SegmentCounts> article_segments;
  for (const auto& p : pages) {
    const std::string text = pith::clean_html(p.input).text;
    pith_bench::WordScore s = pith_bench::word_score(p, text);
    all.push_back(s);
    by_type[p.type].push_back(s);
    if (p.type == "article") article_segments.push_back(pith_bench::segment_counts(text, p.with, p.without));
  }
  EXPECT_GE(pith_bench::mean_score(all).f1, kWcxbF1Floor);
  EXPECT_GE(pith_bench::segment_score(article_segments).f1, kWcxbArticleSegmentF1Floor);
  for (const auto& [type, floor] : kWcxbTypeFloors) {
    ASSERT_TRUE(by_type.count(type)) << type;
    EXPECT_GE(pith_bench::mean_score(by_type[type]).f1, floor) << type;
  }
}

}  // namespace
