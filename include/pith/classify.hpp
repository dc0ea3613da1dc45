// pith/classify.hpp — the classify stage: a context-free verdict per block.
//
// Each block gets one of jusText's four classes from its own features: `Bad`
// (UI phrases, link lists, bylines and breadcrumbs, text without function
// words), `Short` (too short to judge alone), `NearGood` and `Good` (prose:
// long enough, rich in stop words, ending like a sentence). It also gets a
// numeric score that the explain view prints and the post-process stage uses
// to find the main-content region. Neighbours are not looked at here; the
// post-process stage revises `Short` and `NearGood` blocks from their context.
//
//   pith::classify_block(block, ctx);        // one block
//   pith::classify(blocks, ctx);             // all of them
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "pith/features.hpp"
#include "pith/types.hpp"

namespace pith {
namespace rules {

// Thresholds, each with the reason it has the value it has.

/// Below this many characters a block is too short to judge alone (jusText's length_low).
inline constexpr double kLengthLow = 70;
/// From this many characters a block with enough stop words is surely prose (jusText's length_high).
inline constexpr double kLengthHigh = 200;
/// Prose in any language is at least this share function words; lists of names and menus are far below.
inline constexpr double kStopwordsLow = 0.22;
/// Above this share of stop words a block reads as running text (jusText's 0.32, lowered for lists with fewer entries).
inline constexpr double kStopwordsHigh = 0.28;
/// A block whose text is mostly inside links is navigation.
inline constexpr double kMaxLinkDensity = 0.5;
/// Above this link share a block cannot vouch for itself (jusText's 0.2; prose with inline citations reaches 0.3).
inline constexpr double kHighLinkDensity = 0.35;
/// A short block this much inside links is a link ("Read more: …"), not a sentence with a citation.
inline constexpr double kShortLinkDensity = 0.2;
/// Datelines ("Updated: 19 November 2019, 09:01 AM") are short and carry a year or a clock time…
inline constexpr double kDatelineMaxChars = 100;
/// …in a few words: a longer line with a year is a sentence about that year.
inline constexpr std::size_t kDatelineMaxWords = 10;
/// Once UI phrases cover half a block's letters, what is left is decoration ("Share this post", "3 comments").
inline constexpr double kChromeCoverage = 0.5;
/// Two or more separators (|, •, ») without a sentence end mark joined items: bylines, breadcrumbs, menus.
inline constexpr int kSeparatorItems = 2;
/// A line this digit-heavy is a date, a time, a price list or a score table, not prose.
inline constexpr double kMaxDigitRatio = 0.3;
/// Stop-word share of running text in a language whose list fits it well (English, German, French prose: 0.4–0.6).
inline constexpr double kTypicalProseStopwords = 0.45;
/// Calibration needs this many sentence-like blocks; fewer leave thresholds as they are.
inline constexpr std::size_t kMinCalibrationBlocks = 3;
/// A line ending in a sentence mark with at least this many words is a sentence, whatever its stop words.
inline constexpr std::size_t kMinSentenceWords = 8;
/// Each character of a spaceless script (Chinese, Japanese, Thai) carries about this many Latin characters' worth of text.
inline constexpr double kSpacelessCharWeight = 2.5;

}  // namespace rules

/// Length in "Latin-equivalent" characters, so CJK text is not judged short.
inline double effective_length(const Features& f, const DocContext& ctx) {
  return static_cast<double>(f.chars) * (1.0 + (rules::kSpacelessCharWeight - 1.0) * ctx.spaceless_share);
}

/// Stop-word density thresholds scale down where the language's list is
/// unknown (no lexicon → no stop words → judged by length and punctuation).
inline bool have_stopwords(const DocContext& ctx) { return ctx.lang != lexicon::kUnknown; }

/// Bad for reasons no context can undo: no words, link lists, UI phrases,
/// separator-joined items, digits. (Text merely short of stop words may be a
/// table cell or list entry of the article.)
inline bool hard_bad(const Block& b) {
  const Features& f = b.features;
  const double len = static_cast<double>(f.chars);
  const bool linked_sentence = f.terminal_punct && len >= rules::kLengthLow;
  return f.words == 0 || b.in_figure || b.in_teaser || b.in_signup || f.chrome_lead || (len < rules::kLengthLow && f.link_density > rules::kShortLinkDensity) ||
         (f.link_density > rules::kMaxLinkDensity && !linked_sentence) ||
         (len < rules::kDatelineMaxChars && f.words <= rules::kDatelineMaxWords && !f.terminal_punct && f.has_date) || f.chrome_lexicon >= rules::kChromeCoverage ||
         (f.separators >= rules::kSeparatorItems && !f.terminal_punct) || (f.digit_ratio > rules::kMaxDigitRatio && !b.in_table);
}

/// Gives `b` its context-free class, score and reasons.
inline void classify_block(Block& b, const DocContext& ctx) {
  const Features& f = b.features;
  b.reasons.clear();
  // This stage gives every block a reason and the later ones one or two more:
  // room for them at once, not three reallocations.
  if (ctx.reasons && b.reasons.capacity() < 4) b.reasons.reserve(4);
  const double len = effective_length(f, ctx);
  const bool stop_known = have_stopwords(ctx);
  const double stop = f.stopword_density / ctx.stop_scale;  // in English-prose units

  // Score: a signed sum of the evidence, near 0 for undecided blocks. The
  // class below is what the context stage works with; the score orders blocks
  // for region finding and shows in --explain.
  double score = 0;
  score += std::min(len, 400.0) / rules::kLengthHigh;                 // up to +2 for long text
  if (stop_known) score += (stop - rules::kStopwordsLow) * 4.0;       // ±1 around the low threshold
  if (f.terminal_punct) score += 0.5;
  score -= 2.0 * f.link_density;
  score -= 3.0 * f.chrome_lexicon;
  score -= 0.5 * std::min(f.separators, 4);
  score += f.dom_prior;
  b.score = score;

  auto verdict = [&](Quality q, const char* why) {
    b.quality = q;
    b.revised = q;
    if (ctx.reasons) b.reasons.emplace_back(why);
  };

  if (f.words == 0) return verdict(Quality::Bad, "no words");
  // A long sentence that is mostly one link is still a sentence: some sites link whole sentences.
  const bool linked_sentence = f.terminal_punct && len >= rules::kLengthLow && (!stop_known || stop >= rules::kStopwordsHigh);
  // Captions describe a picture, not the story; extractors and their gold leave them out.
  if (b.in_figure) return verdict(Quality::Bad, "figure caption");
  if (f.link_density > rules::kMaxLinkDensity && !linked_sentence) return verdict(Quality::Bad, "mostly link text");
  if (f.chrome_lexicon >= rules::kChromeCoverage) return verdict(Quality::Bad, "UI phrase");
  if (f.chrome_lead) return verdict(Quality::Bad, "opens with a UI label or byline");
  if (f.separators >= rules::kSeparatorItems && !f.terminal_punct) return verdict(Quality::Bad, "separator-joined items");
  if (f.digit_ratio > rules::kMaxDigitRatio) return verdict(Quality::Bad, "mostly digits");
  if (f.has_date && !f.terminal_punct && static_cast<double>(f.chars) < rules::kDatelineMaxChars && f.words <= rules::kDatelineMaxWords)
    return verdict(Quality::Bad, "dateline");
  if (f.link_density > rules::kHighLinkDensity) return verdict(Quality::Short, "many links: neighbours decide");
  if (len < rules::kLengthLow) {
    if (f.link_density > rules::kShortLinkDensity) return verdict(Quality::Bad, "short link");
    return verdict(Quality::Short, "short");
  }
  if (!stop_known) {
    // Without a stop-word list, sentence punctuation is the evidence of prose.
    if (f.terminal_punct) return verdict(len >= rules::kLengthHigh ? Quality::Good : Quality::NearGood, "sentence (no stop-word list)");
    return verdict(Quality::NearGood, "long, no sentence end (no stop-word list)");
  }
  if (stop >= rules::kStopwordsHigh) {
    if (len >= rules::kLengthHigh) return verdict(Quality::Good, "long, many stop words");
    return verdict(Quality::NearGood, "medium, many stop words");
  }
  if (stop >= rules::kStopwordsLow) return verdict(Quality::NearGood, "some stop words");
  // Sentences dense in names (sports results, lists of officials) are short of
  // function words but still sentences: their neighbours decide.
  if (f.terminal_punct && f.words >= rules::kMinSentenceWords) return verdict(Quality::NearGood, "a sentence with few stop words");
  return verdict(Quality::Bad, "few stop words");
}

/// Measures how dense in stop words this document's sentences are: the
/// upper quartile over sentence-like blocks (15+ words ending in a sentence
/// mark), relative to kTypicalProseStopwords. Only ever lowers the bar.
inline double calibrate_stopwords(const std::vector<Block>& blocks) {
  std::vector<double> d;
  for (const Block& b : blocks)
    if (b.features.words >= 15 && b.features.terminal_punct && b.features.link_density < 0.5) d.push_back(b.features.stopword_density);
  if (d.size() < rules::kMinCalibrationBlocks) return 1.0;
  std::size_t q = d.size() * 3 / 4;
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(q), d.end());
  return std::clamp(d[q] / rules::kTypicalProseStopwords, 0.1, 1.0);
}

/// Classifies every block on its own (after calibrating stop-word thresholds).
inline void classify(std::vector<Block>& blocks, DocContext& ctx) {
  ctx.stop_scale = calibrate_stopwords(blocks);
  for (Block& b : blocks) classify_block(b, ctx);
}

}  // namespace pith
