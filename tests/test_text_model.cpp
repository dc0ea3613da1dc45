// Tests of text mode's learned stage (pith/text_model.hpp): its inputs, its
// decisions on small pages, and that it can be switched off.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

const char* kPage =
    "Skip to main content\n"
    "Home\n"
    "News\n"
    "Sport\n"
    "Weather\n"
    "Contact us\n"
    "Council approves the new budget\n"
    "The city council approved the new budget on Tuesday after a long debate about the cost of public transport, "
    "which has risen every year since the old tram line was closed and the buses took over its routes.\n"
    "Members of the opposition said that the plan would raise fares for the people who can least afford them, and "
    "that the council should have looked for the money in its own offices before it turned to the passengers.\n"
    "The mayor replied that the fares had not changed in ten years and that the buses, most of which are older than "
    "the drivers who drive them, needed to be replaced before the winter if the service was to keep running.\n"
    "A final vote on the details is expected in the spring, when the council meets again to decide how the money "
    "will be spent and which of the routes will get the new buses first.\n"
    "Share this article\n"
    "Facebook\n"
    "Twitter\n"
    "Privacy policy\n"
    "Terms of use\n"
    "All rights reserved\n";

std::vector<pith::Block> rules_only(const std::string& text, pith::DocContext& ctx) {
  pith::detail::SegmentScope scope;
  std::vector<pith::Block> blocks = pith::split_lines(text);
  ctx = pith::detail::context_and_features(blocks, "");
  pith::classify(blocks, ctx);
  pith::postprocess(blocks, ctx);
  return blocks;
}

TEST(TextModel, InputsHaveOneRowPerLineWithBiasAndFiniteValues) {
  pith::DocContext ctx;
  std::vector<pith::Block> blocks = rules_only(kPage, ctx);
  std::vector<float> x;
  pith::text_model::inputs(blocks, ctx, x);
  ASSERT_EQ(x.size(), blocks.size() * pith::text_model::kInputs);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    EXPECT_EQ(x[i * pith::text_model::kInputs], 1.0f) << "bias of line " << i;
    for (std::size_t k = 0; k < pith::text_model::kInputs; ++k) EXPECT_TRUE(std::isfinite(x[i * pith::text_model::kInputs + k])) << i << "," << k;
  }
}

TEST(TextModel, InputsOfAnEmptyDocumentAreEmpty) {
  std::vector<pith::Block> blocks;
  pith::DocContext ctx;
  std::vector<float> x{1, 2, 3};
  pith::text_model::inputs(blocks, ctx, x);
  EXPECT_TRUE(x.empty());
  pith::text_model::apply(blocks, ctx);  // no crash
  EXPECT_TRUE(pith::clean_text("").text.empty());
  EXPECT_TRUE(pith::clean_text("\n\n  \n").text.empty());
}

TEST(TextModel, TreesGiveTheTrainersProbabilities) {
  // The training script writes some seed lines' inputs with the probability
  // scikit-learn gave them; the compiled trees must give the same.
  namespace d = pith::text_model::detail;
  for (std::size_t r = 0; r < d::kCheckRows; ++r)
    EXPECT_NEAR(pith::text_model::probability(d::kCheckInputs[r]), d::kCheckProbabilities[r], 1e-6) << "row " << r;
}

TEST(TextModel, EveryTreeReadsAnInputThatExists) {
  namespace d = pith::text_model::detail;
  for (std::size_t t = 0; t < d::kTrees; ++t)
    for (std::size_t k = 0; k < d::kTreeInner; ++k) EXPECT_LT(d::kForest[t].input[k], pith::text_model::kInputs) << t << ' ' << k;
}

TEST(TextModel, PredictOverLinesIsProbabilityOfEachRow) {
  // predict() runs tree by tree across the lines; each line's sum must be the
  // one probability() forms for its row alone, to the bit.
  pith::DocContext ctx;
  std::vector<pith::Block> blocks = rules_only(std::string(kPage) + kPage, ctx);
  std::vector<float> x, p;
  pith::text_model::inputs(blocks, ctx, x);
  pith::text_model::predict(blocks, ctx, p);
  ASSERT_EQ(p.size(), blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) EXPECT_EQ(p[i], pith::text_model::probability(&x[i * pith::text_model::kInputs])) << i;
}

// Blocked inputs (text_model::detail::kBlock layout) of n lines: the rows of a
// real page, repeated, with some inputs moved onto the trees' thresholds (the
// "<=" edge), just above them, and to NaN, so that every leaf of most trees is
// reached and a path that mixes up left and right shows.
std::vector<float> blocked_test_inputs(std::size_t n) {
  namespace d = pith::text_model::detail;
  constexpr std::size_t K = pith::text_model::kInputs;
  pith::DocContext ctx;
  std::vector<pith::Block> blocks = rules_only(std::string(kPage) + kPage, ctx);
  std::vector<float> rows;
  pith::text_model::inputs(blocks, ctx, rows);
  std::vector<float> x(d::blocked_size(n), 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    float* r = d::row_of<d::kBlock>(x.data(), i);
    for (std::size_t k = 0; k < K; ++k) r[k * d::kBlock] = rows[(i % blocks.size()) * K + k];
    const d::Tree& t = d::kForest[(i * 7) % d::kTrees];
    const std::size_t node = i % d::kTreeInner;
    const float th = t.threshold[node];
    float& v = r[t.input[node] * d::kBlock];
    switch (i % 4) {
      case 0: v = th; break;                                      // equal: left
      case 1: v = std::nextafter(th, 1e30f); break;               // just above: right
      case 2: v = std::numeric_limits<float>::quiet_NaN(); break;  // NaN: left, as in scalar code
      default: break;                                             // the page's own value
    }
  }
  return x;
}

TEST(TextModel, VectorWalksGiveThePlainSumsToTheBit) {
  // raw_scores() picks SSE2 or AVX2 (when the CPU has it); each must add the
  // same leaves in the same order as the plain walk, for every line of a
  // block and for a last block only partly filled.
  namespace d = pith::text_model::detail;
  for (std::size_t n : {1u, 15u, 16u, 17u, 40u, 203u}) {
    const std::vector<float> x = blocked_test_inputs(n);
    std::vector<double> plain(n), fast(n, -1.0);
    d::raw_scores_plain(x.data(), n, plain.data());
    d::raw_scores(x.data(), n, fast.data());
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(fast[i], plain[i]) << "raw_scores, line " << i << " of " << n;
#if defined(__SSE2__)
    std::vector<double> sse2(n, -1.0);
    d::raw_scores_sse2(x.data(), n, sse2.data());
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(sse2[i], plain[i]) << "SSE2, line " << i << " of " << n;
#endif
#if PITH_TEXT_MODEL_AVX2
    if (d::have_avx2()) {
      std::vector<double> avx2(n, -1.0);
      d::raw_scores_avx2(x.data(), n, avx2.data());
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(avx2[i], plain[i]) << "AVX2, line " << i << " of " << n;
    }
#endif
  }
}

TEST(TextModel, PlainBlockedWalkIsRawScoreOfEachRow) {
  // The blocked layout holds the same rows: the plain walk over it must give
  // raw_score() of each row read back out of it.
  namespace d = pith::text_model::detail;
  const std::size_t n = 37;
  const std::vector<float> x = blocked_test_inputs(n);
  std::vector<double> z(n);
  d::raw_scores_plain(x.data(), n, z.data());
  for (std::size_t i = 0; i < n; ++i) {
    float row[pith::text_model::kInputs];
    for (std::size_t k = 0; k < pith::text_model::kInputs; ++k) row[k] = d::row_of<d::kBlock>(x.data(), i)[k * d::kBlock];
    EXPECT_EQ(z[i], pith::text_model::raw_score(row)) << i;
  }
}

TEST(TextModel, LoggedCountsAreLog1p) {
  // The table of small counts' logarithms must be std::log1p's own values.
  namespace d = pith::text_model::detail;
  for (std::size_t v = 0; v < 200; ++v) {
    EXPECT_EQ(d::log1p_count(v), std::log1p(static_cast<double>(v))) << v;
    EXPECT_EQ(d::log1p_length(static_cast<double>(v)), std::log1p(static_cast<double>(v))) << v;
    EXPECT_EQ(d::log1p_length(v + 0.5), std::log1p(v + 0.5)) << v;
  }
  EXPECT_EQ(d::log1p_length(-3.0), 0.0);
}

TEST(TextModel, TreeStepsGoLeftAtOrBelowTheThreshold) {
  // A hand-made tree of the generated kind: input 1 at the root, then input 2.
  namespace d = pith::text_model::detail;
  d::Tree t{};
  t.input[0] = 1;
  t.threshold[0] = 0.5f;
  for (std::size_t k = 1; k < d::kTreeInner; ++k) t.input[k] = 2, t.threshold[k] = 10.0f;
  for (std::size_t j = 0; j < d::kTreeLeaves; ++j) t.leaf[j] = static_cast<double>(j);
  float x[pith::text_model::kInputs] = {};
  x[1] = 0.5f;  // equal: left
  x[2] = 10.0f;  // equal: left all the way
  EXPECT_EQ(d::tree_value(t, x), 0.0);
  x[1] = 0.50001f;  // above: right subtree, then left
  EXPECT_EQ(d::tree_value(t, x), static_cast<double>(d::kTreeLeaves / 2));
  x[2] = 11.0f;  // above at every later level: the last leaf
  EXPECT_EQ(d::tree_value(t, x), static_cast<double>(d::kTreeLeaves - 1));
}

TEST(TextModel, KeepsTheArticleAndDropsTheMenuAndFooter) {
  pith::Result r = pith::clean_text(kPage);
  EXPECT_NE(r.text.find("The city council approved"), std::string::npos);
  EXPECT_NE(r.text.find("A final vote on the details"), std::string::npos);
  EXPECT_EQ(r.text.find("Contact us"), std::string::npos);
  EXPECT_EQ(r.text.find("Privacy policy"), std::string::npos);
  EXPECT_EQ(r.text.find("Share this article"), std::string::npos);
}

TEST(TextModel, ASecondCopyOfTheArticleIsDropped) {
  std::string twice = std::string(kPage) + kPage;
  pith::Result r = pith::clean_text(twice);
  const std::string para = "The mayor replied that the fares had not changed";
  std::size_t first = r.text.find(para);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(r.text.find(para, first + 1), std::string::npos);
}

TEST(TextModel, CanBeSwitchedOffLeavingTheRulesLabels) {
  pith::DocContext ctx;
  std::vector<pith::Block> rules = rules_only(kPage, ctx);
  pith::Options opt;
  opt.text_model = false;
  pith::Result r = pith::clean_text(kPage, opt);
  ASSERT_EQ(r.blocks.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) EXPECT_EQ(r.blocks[i].label, rules[i].label) << i;
}

TEST(TextModel, SkippingReasonsChangesNoDecision) {
  // Options::reasons = false only leaves the explanations out (the CLI's text view).
  std::string twice = std::string(kPage) + kPage;  // a copy: duplicate removal adds its reasons too
  pith::Options no_reasons;
  no_reasons.reasons = false;
  for (bool model : {true, false}) {
    pith::Options with;
    with.text_model = model;
    no_reasons.text_model = model;
    pith::Result a = pith::clean_text(twice, with), b = pith::clean_text(twice, no_reasons);
    EXPECT_EQ(a.text, b.text);
    ASSERT_EQ(a.blocks.size(), b.blocks.size());
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
      EXPECT_EQ(a.blocks[i].label, b.blocks[i].label) << i;
      EXPECT_EQ(a.blocks[i].quality, b.blocks[i].quality) << i;
      EXPECT_EQ(a.blocks[i].revised, b.blocks[i].revised) << i;
      EXPECT_EQ(a.blocks[i].score, b.blocks[i].score) << i;
      EXPECT_FALSE(a.blocks[i].reasons.empty()) << i;
      EXPECT_TRUE(b.blocks[i].reasons.empty()) << i;
    }
  }
}

TEST(TextModel, KeptLinesAreInputLinesInOrder) {
  pith::Result r = pith::clean_text(kPage);
  std::size_t last = 0;
  for (const pith::Block& b : r.blocks) {
    if (b.label != pith::Label::Keep) continue;
    EXPECT_GE(b.source_line, last);
    last = b.source_line;
    EXPECT_NE(std::string(kPage).find(b.text), std::string::npos);
  }
}

TEST(TextModel, AFragmentOfAFewLinesIsLeftToTheRules) {
  // One paragraph alone is unlike the pages the model learned from (text_model::kMinLines).
  const std::string para =
      "The city council approved the new budget on Tuesday after a long debate about the cost of public transport, "
      "which has risen every year since the old tram line was closed and the buses took over its routes.";
  EXPECT_EQ(pith::clean_text(para + "\n").text, para + "\n");
}

TEST(TextModel, HtmlModeDoesNotUseIt) {
  // The model is text mode's: an HTML page's labels do not depend on it.
  const std::string html = std::string("<html><body><nav><a href=/>Home</a></nav><article><p>") +
                           "The city council approved the new budget on Tuesday after a long debate about the cost of public transport." +
                           "</p></article></body></html>";
  pith::Options on, off;
  off.text_model = false;
  EXPECT_EQ(pith::clean_html(html, on).text, pith::clean_html(html, off).text);
}

}  // namespace
