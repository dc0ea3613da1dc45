// pith/text_model.hpp — text mode's learned stage: a line is kept when a small model says so.
//
// The rules (classify.hpp, postprocess.hpp) decide each line from hand-set
// thresholds. This stage revisits their decision with an ensemble of shallow
// regression trees (gradient boosting) trained on labelled lines
// (tools/train_text_model.py: the text set's and the WCXB pages' lines,
// rendered to text, labelled by whether they are main content). Its inputs
// are the line's own features, the rules' verdicts, and the same for its
// neighbours (context: a menu is a run of short lines, an article a run of
// sentences). Trees rather than one weighted sum because the same line means
// different things on different pages: a run of short titles is chrome beside
// an article and the content of a listing. A line the rules kept stays when
// the model's probability reaches kThreshold; a line they dropped comes back
// only from kFlipThreshold (overturning the rules takes more confidence).
// Kept lines that repeat earlier kept text then go (postprocess.hpp's
// drop_duplicates).
//
//   pith::text_model::apply(blocks, ctx);       // after classify + postprocess
//   std::vector<float> x;                        // or just the inputs:
//   pith::text_model::inputs(blocks, ctx, x);    // blocks.size() rows of kInputs
//   double p = pith::text_model::probability(&x[i * pith::text_model::kInputs]);
//
// The trees live in detail/text_model_weights.hpp, written by the training
// script; nothing here is keyed to a page's text, URL or id.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>  // SSE2: part of every x86-64 CPU
#endif
// AVX2 (not every x86-64 CPU has it): compiled for its own functions only and
// used when the CPU reports it (raw_scores), so the build needs no -mavx2.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PITH_TEXT_MODEL_AVX2 1
#include <immintrin.h>
#else
#define PITH_TEXT_MODEL_AVX2 0
#endif

#include "pith/classify.hpp"
#include "pith/detail/text_model_weights.hpp"
#include "pith/postprocess.hpp"
#include "pith/types.hpp"

namespace pith {
namespace text_model {

/// Lines this far on either side make a line's neighbourhood (a paragraph and the lines around it).
inline constexpr std::size_t kWindow = 5;
/// Distances to the nearest kept line are capped here: farther is "no kept line near".
inline constexpr double kMaxDistance = 20;
/// The model learned from whole pages (template and body); a document of fewer lines is a fragment and the rules decide it.
inline constexpr std::size_t kMinLines = 8;
/// Lines of at most this many words are "short" for run lengths (menu items, labels, bylines).
inline constexpr std::size_t kShortWords = 4;

/// Number of model inputs per line.
inline constexpr std::size_t kInputs = 64;

static_assert(detail::kTextModelInputs == kInputs, "text_model_weights.hpp is stale: run tools/train_text_model.py --write");

namespace detail {

inline double log1p_d(double v) { return std::log1p(std::max(0.0, v)); }

/// The per-line numbers the context features average over.
struct LineFacts {
  float log_chars = 0, terminal = 0, stop = 0, rule_keep = 0, good = 0, short_line = 0, bad = 0;
};

}  // namespace detail

namespace detail {

/// Lines per block of the layout the evaluation reads (raw_scores): input k of
/// line i at x[(i / kBlock) * kBlock * kInputs + k * kBlock + i % kBlock], so
/// that one input of a block's lines is contiguous (what a vector compare
/// loads) and the inputs are written there directly, with no transposition.
inline constexpr std::size_t kBlock = 16;

/// Where line i's row starts in x: row-major (Step 1, inputs()) or blocked (Step kBlock, see kBlock).
template <std::size_t Step, class Float>
inline Float* row_of(Float* x, std::size_t i) {
  static_assert(Step == 1 || Step == kBlock, "row-major or blocked");
  if constexpr (Step == 1) return x + i * kInputs;
  else return x + (i / kBlock) * kBlock * kInputs + i % kBlock;
}

/// std::log1p of the integers below 64 (word counts, run lengths), looked up:
/// the same doubles std::log1p gives, without its cost for every line.
struct Log1pOfSmall {
  double v[64];
  Log1pOfSmall() {
    for (std::size_t i = 0; i < 64; ++i) v[i] = std::log1p(static_cast<double>(i));
  }
};
inline const Log1pOfSmall kLog1pOfSmall{};

/// log1p_d() of a count.
inline double log1p_count(std::size_t v) { return v < 64 ? kLog1pOfSmall.v[v] : std::log1p(static_cast<double>(v)); }

/// log1p_d() of a length that is often a whole number (effective_length() without spaceless script).
inline double log1p_length(double v) {
  if (v >= 0 && v < 64) {
    const auto k = static_cast<std::size_t>(v);
    if (static_cast<double>(k) == v) return kLog1pOfSmall.v[k];
  }
  return log1p_d(v);
}

/// inputs(), for the lines of `bs`, into x laid out as Step says (row_of; x
/// already holds every row: each of a line's kInputs numbers is written).
template <std::size_t Step>
inline void inputs_of_lines(const std::vector<Block>& bs, const DocContext& ctx, float* x) {
  const std::size_t n = bs.size();
  if (n == 0) return;
  const bool stop_known = have_stopwords(ctx);
  // Per-thread buffers: no allocation per document once warm. Each is written
  // whole below before it is read, so resize (which fills only when it grows) suffices.
  thread_local std::vector<detail::LineFacts> facts;
  facts.resize(n);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Features& f = bs[i].features;
    detail::LineFacts& l = facts[i];
    l.log_chars = static_cast<float>(detail::log1p_length(effective_length(f, ctx)));
    l.terminal = f.terminal_punct ? 1.0f : 0.0f;
    l.stop = stop_known ? static_cast<float>(std::min(2.0, f.stopword_density / ctx.stop_scale)) : 0.0f;
    l.rule_keep = bs[i].label == Label::Keep ? 1.0f : 0.0f;
    l.good = bs[i].quality == Quality::Good ? 1.0f : 0.0f;
    l.bad = bs[i].quality == Quality::Bad ? 1.0f : 0.0f;
    l.short_line = f.words <= kShortWords ? 1.0f : 0.0f;
    kept += bs[i].label == Label::Keep;
  }
  // Exact repeats: a line whose words occur as another whole line (menus at top and bottom, a second copy).
  // Found in one pass over a table of the keys seen (key -> the first line
  // with it): a second line with a key marks both, and later ones themselves.
  // (A line without words has key 0 and repeats nothing.)
  thread_local std::vector<char> repeated;
  thread_local pith::detail::HashIndex64 first_line_of_key;
  repeated.assign(n, 0);
  first_line_of_key.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = pith::detail::dedup_key_hash(bs[i].text);
    if (!key) continue;
    auto [first, fresh] = first_line_of_key.try_emplace(key);
    if (fresh) {
      first->first = static_cast<std::uint32_t>(i);
    } else {
      repeated[first->first] = 1;
      repeated[i] = 1;
    }
  }
  // Runs: consecutive short lines, consecutive rule-kept lines, consecutive sentence-ending lines.
  thread_local std::vector<float> short_run, keep_run, term_run, title_run, list_run, dist_before, dist_after;
  for (auto* v : {&short_run, &keep_run, &term_run, &title_run, &list_run, &dist_before, &dist_after}) v->resize(n);
  auto runs = [&](auto pred, std::vector<float>& out) {
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i;
      if (pred(i)) {
        while (j < n && pred(j)) ++j;
      } else {
        ++j;
      }
      const float v = pred(i) ? static_cast<float>(detail::log1p_count(j - i)) : 0.0f;
      for (std::size_t k = i; k < j; ++k) out[k] = v;
      i = j;
    }
  };
  runs([&](std::size_t i) { return facts[i].short_line > 0; }, short_run);
  runs([&](std::size_t i) { return facts[i].rule_keep > 0; }, keep_run);
  runs([&](std::size_t i) { return facts[i].terminal > 0; }, term_run);
  // Runs of title-like lines (postprocess.hpp's headline-run test, whatever the lines' class) and of list items.
  thread_local std::vector<char> titleish;
  titleish.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    titleish[i] = bs[i].heading_level == 0 && !bs[i].features.starts_list_marker && pith::detail::heading_like(bs[i]) && bs[i].features.words >= 3;
  runs([&](std::size_t i) { return titleish[i] != 0; }, title_run);
  runs([&](std::size_t i) { return bs[i].features.starts_list_marker; }, list_run);
  // Distance to the nearest rule-kept line before and after.
  {
    double d = kMaxDistance;
    for (std::size_t i = 0; i < n; ++i) {
      dist_before[i] = static_cast<float>(std::min(d, kMaxDistance) / kMaxDistance);
      d = facts[i].rule_keep > 0 ? 1 : d + 1;
    }
    d = kMaxDistance;
    for (std::size_t i = n; i-- > 0;) {
      dist_after[i] = static_cast<float>(std::min(d, kMaxDistance) / kMaxDistance);
      d = facts[i].rule_keep > 0 ? 1 : d + 1;
    }
  }
  auto [span_lo, span_hi] = main_span(bs);
  const float doc_lines = static_cast<float>(detail::log1p_count(n));
  const float doc_kept = static_cast<float>(kept) / static_cast<float>(n);
  double doc_term = 0, doc_titleish = 0, doc_chars = 0;
  for (std::size_t i = 0; i < n; ++i) doc_term += facts[i].terminal, doc_titleish += titleish[i], doc_chars += facts[i].log_chars;
  doc_term /= static_cast<double>(n), doc_titleish /= static_cast<double>(n), doc_chars /= static_cast<double>(n);
  // Prefix sums for the window means.
  thread_local std::vector<double> pre_keep, pre_term, pre_chars, pre_stop;
  for (auto* v : {&pre_keep, &pre_term, &pre_chars, &pre_stop}) {
    v->resize(n + 1);
    (*v)[0] = 0.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    pre_keep[i + 1] = pre_keep[i] + facts[i].rule_keep;
    pre_term[i + 1] = pre_term[i] + facts[i].terminal;
    pre_chars[i + 1] = pre_chars[i] + facts[i].log_chars;
    pre_stop[i + 1] = pre_stop[i] + facts[i].stop;
  }
  const detail::LineFacts none{};
  for (std::size_t i = 0; i < n; ++i) {
    const Block& b = bs[i];
    const Features& f = b.features;
    float* r = row_of<Step>(x, i);
    std::size_t k = 0;
    auto put = [&](double v) { r[Step * k++] = static_cast<float>(v); };
    const detail::LineFacts& l = facts[i];
    const double bad_for_good = hard_bad(b) ? 1.0 : 0.0;
    // The line itself (0–19).
    put(1.0);  // bias
    put(l.log_chars);
    put(detail::log1p_count(f.words));
    put(std::min(f.mean_word_len, 20.0) / 10.0);
    put(l.stop);
    put(stop_known ? 0.0 : 1.0);
    put(f.capitalised_ratio);
    put(f.digit_ratio);
    put(f.symbol_ratio);
    put(std::min(f.separators, 4) / 4.0);
    put(l.terminal);
    put(f.starts_list_marker ? 1.0 : 0.0);
    put(f.has_date ? 1.0 : 0.0);
    put(f.chrome_lead ? 1.0 : 0.0);
    put(std::min(f.chrome_lexicon, 1.0));
    put(f.position);
    put(std::min<double>(static_cast<double>(i), kMaxDistance) / kMaxDistance);
    put(std::min<double>(static_cast<double>(n - 1 - i), kMaxDistance) / kMaxDistance);
    put(!b.text.empty() && b.text.back() == ':' ? 1.0 : 0.0);
    put(ctx.spaceless_share);
    // The rules' verdicts (20–25).
    put(b.quality == Quality::Short ? 1.0 : 0.0);
    put(b.quality == Quality::NearGood ? 1.0 : 0.0);
    put(l.good);
    put(l.rule_keep);
    put(b.revised == Quality::Bad && b.quality != Quality::Bad ? 1.0 : 0.0);  // demoted by context
    put(repeated[i] ? 1.0 : 0.0);
    // Neighbours (26–35).
    for (int d : {-1, +1}) {
      const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
      const detail::LineFacts& o = j >= 0 && j < static_cast<std::ptrdiff_t>(n) ? facts[static_cast<std::size_t>(j)] : none;
      put(o.log_chars);
      put(o.terminal);
      put(o.stop);
      put(o.rule_keep);
      put(o.bad);
    }
    // Window means, runs, distances, place in the main span, the document (36–47).
    const std::size_t lo = i >= kWindow ? i - kWindow : 0, hi = std::min(n, i + kWindow + 1);
    const double w = static_cast<double>(hi - lo);
    put((pre_keep[hi] - pre_keep[lo]) / w);
    put((pre_term[hi] - pre_term[lo]) / w);
    put((pre_chars[hi] - pre_chars[lo]) / w);
    put((pre_stop[hi] - pre_stop[lo]) / w);
    put(short_run[i]);
    put(keep_run[i]);
    put(term_run[i]);
    put(dist_before[i]);
    put(dist_after[i]);
    put(i >= span_lo && i < span_hi ? 1.0 : 0.0);
    put(doc_kept);
    put(doc_lines);
    // Lists of other stories and labels (48–53).
    put(title_run[i]);
    put(i > 0 && titleish[i - 1] ? 1.0 : 0.0);
    put(i + 1 < n && titleish[i + 1] ? 1.0 : 0.0);
    put(list_run[i]);
    put(bad_for_good);
    put(f.terminal_punct ? 0.0 : f.capitalised_ratio);  // headline case without a sentence end
    // Interactions a linear model cannot form itself (54–57): the same line means
    // different things inside running text and on a page of lists.
    const double win_term = (pre_term[hi] - pre_term[lo]) / w;
    put(title_run[i] * win_term);            // other stories' headlines between paragraphs
    put(title_run[i] * doc_kept);            // ... on a page the rules find article-like
    put(bad_for_good * ((pre_keep[hi] - pre_keep[lo]) / w));  // a UI label amid kept text
    put(l.short_line * win_term);            // a short line amid sentences: a label or a credit
    // What kind of page (58–63): on a listing, forum or shop page the body is short lines and titles.
    put(doc_term);
    put(doc_titleish);
    put(doc_chars);
    put(title_run[i] * (1.0 - doc_kept));
    put(l.short_line * (1.0 - doc_kept));
    put(list_run[i] * (1.0 - doc_kept));
  }
}

}  // namespace detail

/// Fills `x` with blocks.size() rows of kInputs numbers: the model's inputs.
/// Needs the blocks as classify and postprocess left them (quality, revised, label).
inline void inputs(const std::vector<Block>& bs, const DocContext& ctx, std::vector<float>& x) {
  x.assign(bs.size() * kInputs, 0.0f);
  detail::inputs_of_lines<1>(bs, ctx, x.data());
}

inline float sigmoid(double z) { return static_cast<float>(1.0 / (1.0 + std::exp(-z))); }

namespace detail {
/// What one tree adds to the score of the line whose inputs are x[0], x[step],
/// ... x[(kInputs - 1) * step]: kTreeDepth steps down a complete tree, each a
/// comparison turned into an index (no branch to mispredict: which way a line
/// goes is as good as random).
inline double tree_value(const Tree& t, const float* x, std::size_t step = 1) {
  std::size_t k = 0;
  for (std::size_t level = 0; level < kTreeDepth; ++level) k = 2 * k + 1 + static_cast<std::size_t>(x[t.input[k] * step] > t.threshold[k]);
  return t.leaf[k - kTreeInner];
}
}  // namespace detail

/// The model's score for one row of kInputs inputs, before the sigmoid: the
/// trees' values added, in tree order, to the base score (the trainer's order,
/// so the sum is the trainer's to the bit).
inline double raw_score(const float* x) {
  double z = detail::kBaseScore;
  for (const detail::Tree& t : detail::kForest) z += detail::tree_value(t, x);
  return z;
}

/// The probability that the line whose inputs are x[0..kInputs) is main content.
inline float probability(const float* x) { return sigmoid(raw_score(x)); }

namespace detail {

/// Floats of blocked inputs (kBlock layout) that hold n lines: whole blocks.
inline std::size_t blocked_size(std::size_t n) { return (n + kBlock - 1) / kBlock * kBlock * kInputs; }

/// raw_score() of each of the n lines of x (blocked: kBlock) into z: tree by
/// tree across the lines (one tree's nodes stay in cache and the lines' walks
/// overlap in the CPU). The plain version the vector ones must agree with to
/// the bit.
inline void raw_scores_plain(const float* x, std::size_t n, double* z) {
  for (std::size_t i = 0; i < n; ++i) z[i] = kBaseScore;
  for (const Tree& t : kForest)
    for (std::size_t i = 0; i < n; ++i) z[i] += tree_value(t, row_of<kBlock>(x, i), kBlock);
}

#if defined(__SSE2__)
/// Which leaf a line reaches, from all of a depth-3 tree's comparisons at once:
/// bit kTreeInner-1-k of the code is "x[input[k]] > threshold[k]" for inner
/// node k (the nodes are shifted in from the top, node 0 first); the walk of
/// tree_value() reads three of them.
struct LeafOfCode {
  std::uint8_t leaf[std::size_t{1} << kTreeInner] = {};
  constexpr LeafOfCode() {
    for (std::size_t code = 0; code < (std::size_t{1} << kTreeInner); ++code) {
      std::size_t k = 0;
      for (std::size_t level = 0; level < kTreeDepth; ++level) k = 2 * k + 1 + ((code >> (kTreeInner - 1 - k)) & 1);
      leaf[code] = static_cast<std::uint8_t>(k - kTreeInner);
    }
  }
};

/// The forest as the SSE2 walk reads it: each threshold already in all four
/// lanes, each input number as the offset of its column in a block.
struct SseForest {
  alignas(16) float threshold[kTrees][kTreeInner][4];
  std::uint32_t column[kTrees][kTreeInner];
  SseForest() {
    for (std::size_t t = 0; t < kTrees; ++t)
      for (std::size_t k = 0; k < kTreeInner; ++k) {
        for (float& v : threshold[t][k]) v = kForest[t].threshold[k];
        column[t][k] = static_cast<std::uint32_t>(kForest[t].input[k] * kBlock);
      }
  }
};

/// raw_scores_plain(), a block of sixteen lines at a time with SSE2: every
/// inner node of a tree compared for all sixteen at once (7 x 4 vector
/// comparisons instead of 16 x 3 dependent steps, each an index load, a
/// gather and a compare), the comparison bits collected into a 7-bit code per
/// line (one byte lane each) and the leaf looked up from it. Each line's
/// leaves are still added one tree after another in tree order, in double, so
/// every sum is the plain one to the bit (x > t is the same test in cmpgt_ps
/// as in scalar code, NaN included: false).
inline void raw_scores_sse2(const float* x, std::size_t n, double* z) {
  static_assert(kBlock == 16, "sixteen byte lanes");
  static constexpr LeafOfCode kLeaf{};
  static const SseForest forest;
  alignas(16) std::uint8_t code[kBlock];
  for (std::size_t i0 = 0; i0 < n; i0 += kBlock) {
    const float* xb = x + i0 * kInputs;  // the block's columns (pad lines: zeros, finite)
    // Two lines' sums per register: addpd adds each lane as addsd would (no fusing, no reordering).
    __m128d zs[kBlock / 2];
    for (__m128d& v : zs) v = _mm_set1_pd(kBaseScore);
    for (std::size_t t = 0; t < kTrees; ++t) {
      __m128i c = _mm_setzero_si128();  // sixteen 8-bit codes
      for (std::size_t k = 0; k < kTreeInner; ++k) {
        const __m128 th = _mm_load_ps(forest.threshold[t][k]);
        const float* col = xb + forest.column[t][k];
        auto gt4 = [&](std::size_t l) { return _mm_castps_si128(_mm_cmpgt_ps(_mm_loadu_ps(col + l), th)); };
        // The sixteen lines' comparisons (all ones when true) as byte lanes, in line order; code = 2 * code - mask.
        const __m128i gt = _mm_packs_epi16(_mm_packs_epi32(gt4(0), gt4(4)), _mm_packs_epi32(gt4(8), gt4(12)));
        c = _mm_sub_epi8(_mm_add_epi8(c, c), gt);
      }
      _mm_store_si128(reinterpret_cast<__m128i*>(code), c);
      const double* leaf = kForest[t].leaf;
      for (std::size_t l = 0; l < kBlock; l += 2)
        zs[l / 2] = _mm_add_pd(zs[l / 2], _mm_loadh_pd(_mm_load_sd(&leaf[kLeaf.leaf[code[l]]]), &leaf[kLeaf.leaf[code[l + 1]]]));
    }
    alignas(16) double zz[kBlock];
    for (std::size_t l = 0; l < kBlock; l += 2) _mm_store_pd(zz + l, zs[l / 2]);
    for (std::size_t l = 0; l < std::min(kBlock, n - i0); ++l) z[i0 + l] = zz[l];
  }
}
#endif

#if PITH_TEXT_MODEL_AVX2
/// The forest as the AVX2 walk reads it: thresholds, column offsets in a
/// block (in bytes), and each tree's eight leaves split into their low and high 32-bit
/// halves, in the order a negated leaf number picks them (slot (8 - j) % 8
/// holds leaf j: see raw_scores_avx2).
struct Avx2Forest {
  float threshold[kTrees][kTreeInner];
  std::uint32_t column[kTrees][kTreeInner];
  alignas(32) std::uint32_t leaf_lo[kTrees][8];
  alignas(32) std::uint32_t leaf_hi[kTrees][8];
  Avx2Forest() {
    for (std::size_t t = 0; t < kTrees; ++t) {
      for (std::size_t k = 0; k < kTreeInner; ++k) {
        threshold[t][k] = kForest[t].threshold[k];
        column[t][k] = static_cast<std::uint32_t>(kForest[t].input[k] * kBlock * sizeof(float));
      }
      for (std::size_t j = 0; j < 8; ++j) {
        std::uint64_t bits;
        std::memcpy(&bits, &kForest[t].leaf[j], sizeof bits);
        leaf_lo[t][(8 - j) % 8] = static_cast<std::uint32_t>(bits);
        leaf_hi[t][(8 - j) % 8] = static_cast<std::uint32_t>(bits >> 32);
      }
    }
  }
};

/// "x > threshold" for the eight floats at x (all ones when true; NaN: false, as in scalar code),
/// written "threshold < x" so that the load of x folds into the compare.
/// A function, not a lambda, because a lambda would not inherit the target.
__attribute__((target("avx2"))) inline __m256 greater_avx2(const float* x, float threshold) {
  return _mm256_cmp_ps(_mm256_set1_ps(threshold), _mm256_loadu_ps(x), _CMP_LT_OQ);
}

/// blendv: b where mask is all ones, else a. In asm because GCC 12 rebuilds
/// the mask of _mm256_blendv_ps with an extra compare (not knowing that a
/// compare's result is all ones or zeros) and then spills the sums.
__attribute__((target("avx2"))) inline __m256 select_avx2(__m256 a, __m256 b, __m256 mask) {
  __m256 r;
  asm("vblendvps %3, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b), "x"(mask));
  return r;
}

/// The float `bytes` after p.
inline const float* at(const char* p, std::uint32_t bytes) { return reinterpret_cast<const float*>(p + bytes); }

/// raw_scores_sse2()'s work with AVX2, eight lines to a register: the seven
/// comparisons of a line (all ones or zeros) choose the path with three blends
/// (node 1 or 2 by node 0, then node 3-6 by both), the path is summed as
/// minus the leaf number (-4, -2, -1 per "greater" step) and that picks the
/// leaf's two 32-bit halves out of a register each (vpermd: no lookup tables,
/// no gathers). Interleaving the halves gives lines {0,1,4,5} and {2,3,6,7}
/// of the eight as doubles; each line's leaves are added in tree order in
/// double, so every sum is the plain one to the bit.
__attribute__((target("avx2"))) inline void raw_scores_avx2(const float* x, std::size_t n, double* z) {
  static_assert(kBlock == 16 && kTreeDepth == 3, "two groups of eight lines, eight leaves");
  static const Avx2Forest forest;
  // Where the lines of a block end up after the interleave (slot -> line).
  static constexpr std::uint8_t kLineOfSlot[kBlock] = {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15};
  for (std::size_t i0 = 0; i0 < n; i0 += kBlock) {
    const float* xb = x + i0 * kInputs;  // the block's columns (pad lines: zeros, finite)
    __m256d acc[4];
    for (__m256d& v : acc) v = _mm256_set1_pd(kBaseScore);
    for (std::size_t t = 0; t < kTrees; ++t) {
      const __m256i lo = _mm256_load_si256(reinterpret_cast<const __m256i*>(forest.leaf_lo[t]));
      const __m256i hi = _mm256_load_si256(reinterpret_cast<const __m256i*>(forest.leaf_hi[t]));
      const float* th = forest.threshold[t];
      const std::uint32_t* col = forest.column[t];
      for (std::size_t g = 0; g < 2; ++g) {
        const char* xg = reinterpret_cast<const char*>(xb + 8 * g);
        const __m256 b0 = greater_avx2(at(xg, col[0]), th[0]);
        const __m256 b1 = select_avx2(greater_avx2(at(xg, col[1]), th[1]), greater_avx2(at(xg, col[2]), th[2]), b0);
        const __m256 b2 = select_avx2(select_avx2(greater_avx2(at(xg, col[3]), th[3]), greater_avx2(at(xg, col[4]), th[4]), b1),
                                      select_avx2(greater_avx2(at(xg, col[5]), th[5]), greater_avx2(at(xg, col[6]), th[6]), b1), b0);
        __m256i s = _mm256_castps_si256(b0);
        s = _mm256_add_epi32(_mm256_add_epi32(s, s), _mm256_castps_si256(b1));
        s = _mm256_add_epi32(_mm256_add_epi32(s, s), _mm256_castps_si256(b2));  // minus the leaf number
        const __m256i vlo = _mm256_permutevar8x32_epi32(lo, s), vhi = _mm256_permutevar8x32_epi32(hi, s);
        acc[2 * g] = _mm256_add_pd(acc[2 * g], _mm256_castsi256_pd(_mm256_unpacklo_epi32(vlo, vhi)));
        acc[2 * g + 1] = _mm256_add_pd(acc[2 * g + 1], _mm256_castsi256_pd(_mm256_unpackhi_epi32(vlo, vhi)));
      }
    }
    alignas(32) double zz[kBlock];
    for (std::size_t a = 0; a < 4; ++a) _mm256_store_pd(zz + 4 * a, acc[a]);
    for (std::size_t s = 0; s < kBlock; ++s)
      if (i0 + kLineOfSlot[s] < n) z[i0 + kLineOfSlot[s]] = zz[s];
  }
}

/// Whether this CPU runs raw_scores_avx2 (asked once).
inline bool have_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

/// raw_score() of each of the n lines of x (blocked: kBlock, blocked_size(n)
/// floats) into z, the fastest way this build and CPU have.
inline void raw_scores(const float* x, std::size_t n, double* z) {
#if PITH_TEXT_MODEL_AVX2
  if constexpr (kTreeDepth == 3) {  // eight leaves: one register of halves
    if (have_avx2()) {
      raw_scores_avx2(x, n, z);
      return;
    }
  }
#endif
#if defined(__SSE2__)
  if constexpr (kTreeDepth <= 3 && kInputs <= 256) {  // a code of kTreeInner bits indexes a small table
    raw_scores_sse2(x, n, z);
    return;
  }
#endif
  raw_scores_plain(x, n, z);
}

/// The blocked inputs of bs's lines into x (grown to at least blocked_size(n)
/// floats, never shrunk: a per-thread x is then not zero-filled again for
/// every document; pad lines zero).
inline void blocked_inputs(const std::vector<Block>& bs, const DocContext& ctx, std::vector<float>& x) {
  const std::size_t n = bs.size();
  if (x.size() < blocked_size(n)) x.resize(blocked_size(n));
  for (std::size_t i = n; i % kBlock != 0; ++i)
    for (std::size_t k = 0; k < kInputs; ++k) row_of<kBlock>(x.data(), i)[k * kBlock] = 0.0f;
  inputs_of_lines<kBlock>(bs, ctx, x.data());
}

}  // namespace detail

/// The model's probability for every line; the same as probability() of each
/// row, to the bit (see detail::raw_scores).
inline void predict(const std::vector<Block>& bs, const DocContext& ctx, std::vector<float>& p) {
  thread_local std::vector<float> x;
  thread_local std::vector<double> z;
  detail::blocked_inputs(bs, ctx, x);
  const std::size_t n = bs.size();
  z.resize(n);
  detail::raw_scores(x.data(), n, z.data());
  p.resize(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = sigmoid(z[i]);
}

/// Decides every line with the model (after classify and postprocess), then
/// drops repeats of earlier kept text and sets the labels.
inline void apply(std::vector<Block>& bs, const DocContext& ctx) {
  if (!detail::kTrained) return;  // no weights yet: the rules' labels stand
  if (bs.size() < kMinLines) return;  // a fragment, not a page: the rules' labels stand
  thread_local std::vector<float> p;
  predict(bs, ctx, p);
  for (std::size_t i = 0; i < bs.size(); ++i) {
    Block& b = bs[i];
    const bool was = b.label == Label::Keep;
    // Overturning the rules takes more confidence than confirming them.
    const float threshold = was ? detail::kThreshold : detail::kFlipThreshold;
    const bool keep = b.features.words > 0 && p[i] >= threshold;
    b.score = static_cast<double>(p[i]) - threshold;
    b.revised = keep ? Quality::Good : Quality::Bad;
    if (keep != was) pith::detail::add_reason(b, ctx, keep ? "model: keep" : "model: drop");
  }
  drop_duplicates(bs, ctx);
  for (Block& b : bs) b.label = b.revised == Quality::Good ? Label::Keep : Label::Drop;
}

}  // namespace text_model
}  // namespace pith
