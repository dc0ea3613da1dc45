// pith/postprocess.hpp — the post-process stage: context decides.
//
// The classify stage judged each block alone. Here neighbours and the whole
// document have their say, in this order, each step a named function:
//
//   1. revise_headings       a short heading followed by good text is body
//   2. revise_by_context     jusText: short and near-good blocks take the
//                            class of their good/bad neighbours
//   3. drop_headline_runs    three or more title-like lines in a row are a
//                            list of other stories
//   4. drop_off_topic_lists  list items that share no words with the body
//   5. drop_off_topic_blocks text mode: kept blocks must share words with
//                            the rest of the main run of body text
//   6. drop_duplicates       a second copy of a block (exact or near) goes
//   7. label                 Good → Keep
//
//   pith::postprocess(blocks, ctx);
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pith/classify.hpp"
#include "pith/detail/unicode.hpp"
#include "pith/types.hpp"

namespace pith {
namespace rules {

/// jusText's max_heading_distance: a heading introduces text within this many characters.
inline constexpr std::size_t kMaxHeadingDistance = 200;
/// A neighbour further than this many undecided blocks away is no context (a teaser list has no good prose near).
inline constexpr std::size_t kMaxNeighbourSkip = 8;
/// A heading-like line: no sentence end and at most this many words.
inline constexpr std::size_t kMaxHeadingWords = 20;
/// This many title-like lines in a row are a list of other stories, not an article's subheads.
inline constexpr std::size_t kHeadlineRun = 3;
/// A list item sharing less than this share of its content words with the body is off topic.
inline constexpr double kMinTopicOverlap = 0.2;
/// The topic test needs a body to compare with: at least this many content words outside lists.
inline constexpr std::size_t kMinBodyWordsForTopic = 30;
/// A short block costs this much in the main-span sum: a few labels between paragraphs do not split an article.
inline constexpr double kSpanShortCost = 20;
/// Blocks with fewer words than this are too short for the topic test; their neighbours decide.
inline constexpr std::size_t kMinWordsForTopicTest = 8;
/// A block whose word 3-grams are this much contained in earlier kept text is a copy.
inline constexpr double kNearDuplicate = 0.8;
/// HTML mode deduplicates only paragraphs of at least this many words.
inline constexpr std::size_t kMinWordsForHtmlDedup = 20;
/// Blocks with fewer word 3-grams than this are too short for the near-duplicate test.
inline constexpr std::size_t kMinShinglesForNearDup = 4;

}  // namespace rules

namespace detail {

inline bool is_candidate(Quality q) { return q != Quality::Bad; }

/// Records why `b` changed class, unless the caller asked for no reasons (DocContext::reasons).
inline void add_reason(Block& b, const DocContext& ctx, const char* why) {
  if (ctx.reasons) b.reasons.emplace_back(why);
}

/// Heading-like: an HTML heading, or a line that reads as a title (no
/// sentence end, not too many words).
inline bool heading_like(const Block& b) {
  if (b.heading_level > 0) return true;
  const Features& f = b.features;
  // A title is a phrase: it has a function word or several words. Credits
  // ("UNAMA/Fraidoon Poya") and labels are two or three bare names.
  const bool phrase = f.stopword_density > 0 || f.words >= 4;
  return !f.terminal_punct && f.words > 0 && f.words <= rules::kMaxHeadingWords && f.link_density < 0.5 && phrase;
}

/// jusText's neighbour lookup: the class of the nearest block before/after
/// `i` that is not Short (and, when `ignore_neargood`, not NearGood either).
/// The document's edges count as Bad.
inline Quality neighbour(const std::vector<Block>& bs, std::size_t i, int dir, bool ignore_neargood) {
  std::size_t skipped = 0;
  for (std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + dir; j >= 0 && j < static_cast<std::ptrdiff_t>(bs.size()); j += dir) {
    Quality q = bs[static_cast<std::size_t>(j)].revised;
    if (q == Quality::Short || (ignore_neargood && q == Quality::NearGood)) {
      // Unlike jusText, context is local: good text far away says nothing.
      if (++skipped > rules::kMaxNeighbourSkip) return Quality::Bad;
      continue;
    }
    return q;
  }
  return Quality::Bad;
}

/// Lower-cased words of a block that carry content (not stop words, not 1–2 letters).
template <class Fn>
void for_each_content_word(const Block& b, const DocContext& ctx, Fn&& fn) {
  std::string low;  // reused: no allocation per word
  for_each_word(b.text, [&](std::string_view w, bool spaceless) {
    to_lower_into(w, low);
    if (!spaceless && cp_count(low) < 3) return;
    if (lexicon::is_stopword(ctx.lang, low)) return;
    fn(static_cast<const std::string&>(low));
  });
}

/// for_each_content_word, as the 64-bit hashes of the words (hash_bytes of
/// each lower-cased word), into `out`; recalled from the features stage when
/// it walked the same text in this document.
inline void content_word_hashes(const Block& b, const DocContext& ctx, std::vector<std::uint64_t>& out) {
  out.clear();
  thread_local std::vector<std::uint64_t> hashes, info;
  const bool lang_known = ctx.lang >= 0 && static_cast<std::size_t>(ctx.lang) < lexicon::language_count();
  if (recall_word_hashes(b.text, hashes, &info)) {
    for (std::size_t k = 0; k < hashes.size(); ++k) {
      if (info[k] & kShortWord) continue;
      if (lang_known && ((info[k] & kStopMaskBits) >> ctx.lang) & 1) continue;
      out.push_back(hashes[k]);
    }
    return;
  }
  for_each_content_word(b, ctx, [&](const std::string& w) { out.push_back(hash_bytes(w.data(), w.size())); });
}

/// Normalised key for duplicate detection: lower-cased words joined by spaces.
inline std::string dedup_key(std::string_view text) {
  std::string key, low;
  for_each_word(text, [&](std::string_view w, bool) {
    if (!key.empty()) key.push_back(' ');
    to_lower_into(w, low);
    key += low;
  });
  return key;
}

/// The hashes of `text`'s words, lower-cased as dedup_key does (hash_bytes of
/// each), into `words`: recalled when the features stage walked the same text
/// in this document, else computed. `text_hash`, when given, is
/// hash_bytes(text) (the caller has it already).
inline void dedup_word_hashes(std::string_view text, std::vector<std::uint64_t>& words, const std::uint64_t* text_hash = nullptr) {
  if (text_hash ? recall_word_hashes_of(*text_hash, words) : recall_word_hashes(text, words)) return;
  words.clear();
  std::string low;
  for_each_word(text, [&](std::string_view w, bool) {
    char small[64];
    if (w.size() <= sizeof small && is_ascii(w)) {
      for (std::size_t k = 0; k < w.size(); ++k) small[k] = lower_ascii_byte(w[k]);
      words.push_back(hash_bytes(small, w.size()));
    } else {
      to_lower_into(w, low);
      words.push_back(hash_bytes(low.data(), low.size()));
    }
  });
}

/// The 64-bit hash of dedup_key(text) from its words' hashes (0 when there are none).
inline std::uint64_t dedup_key_of(const std::uint64_t* words, std::size_t n) {
  if (n == 0) return 0;
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < n; ++k) {
    key = (key ^ words[k]) * 0x9E3779B97F4A7C15ull;
    key ^= key >> 29;
  }
  key ^= static_cast<std::uint64_t>(n) * 0xC2B2AE3D27D4EB4Full;
  return key ? key : 1;
}
inline std::uint64_t dedup_key_of(const std::vector<std::uint64_t>& words) { return dedup_key_of(words.data(), words.size()); }

/// What drop_duplicates compares, without building strings: a 64-bit hash of
/// dedup_key(text) (0 when the key is empty) and, into `grams`, 64-bit hashes
/// of word_trigrams(dedup_key(text)), in order. Each word is lower-cased as
/// dedup_key does and hashed once (see dedup_word_hashes); a 3-gram's hash
/// mixes its words' hashes. Inside a SegmentScope the answer is remembered
/// per text (SegmentCache::dedup_index): the text model asks for every line's
/// key and drop_duplicates runs twice over the kept lines.
inline std::uint64_t dedup_hashes(std::string_view text, std::vector<std::uint64_t>& grams) {
  SegmentCache& c = segment_cache();
  std::uint64_t text_hash = 0;
  if (c.depth > 0) {
    text_hash = hash_bytes(text.data(), text.size());
    if (const HashIndex64::Value* found = c.dedup_index.find(text_hash)) {
      const std::uint64_t* d = c.dedup_data.data() + found->first;
      grams.assign(d + 1, d + found->second);
      return d[0];
    }
  }
  thread_local std::vector<std::uint64_t> words;
  dedup_word_hashes(text, words, c.depth > 0 ? &text_hash : nullptr);
  grams.resize(words.size() > 2 ? words.size() - 2 : 0);  // sized once: no push_back per 3-gram
  for (std::size_t k = 2; k < words.size(); ++k) {
    const std::uint64_t tri[3] = {words[k - 2], words[k - 1], words[k]};
    grams[k - 2] = hash_bytes(reinterpret_cast<const char*>(tri), sizeof tri);
  }
  const std::uint64_t key = dedup_key_of(words);
  if (c.depth > 0 && c.dedup_data.size() + grams.size() + 1 < 0xFFFFFFFFu) {  // offsets are 32-bit
    *c.dedup_index.try_emplace(text_hash).first = {static_cast<std::uint32_t>(c.dedup_data.size()), static_cast<std::uint32_t>(grams.size() + 1)};
    c.dedup_data.push_back(key);
    c.dedup_data.insert(c.dedup_data.end(), grams.begin(), grams.end());
  }
  return key;
}

/// dedup_hashes(text, grams) without the 3-grams (the text model needs only
/// the key): remembered when drop_duplicates asked for the text already, else
/// computed (and not remembered: most lines are never asked for their 3-grams).
inline std::uint64_t dedup_key_hash(std::string_view text) {
  const SegmentCache& c = segment_cache();
  const bool ask_dedup = c.depth > 0 && !c.dedup_index.empty();
  // The text hashed once, for both memos, when either may have it.
  const bool hashed = ask_dedup || may_recall_word_hashes();
  const std::uint64_t text_hash = hashed ? hash_bytes(text.data(), text.size()) : 0;
  if (ask_dedup)
    if (const HashIndex64::Value* found = c.dedup_index.find(text_hash)) return c.dedup_data[found->first];
  // The words the features stage remembered, read where they are (what
  // recall_word_hashes_of would copy out).
  if (hashed && c.depth > 0 && !c.word_hash_index.empty())
    if (const HashIndex64::Value* found = c.word_hash_index.find(text_hash)) return dedup_key_of(c.word_hashes.data() + found->first, found->second);
  thread_local std::vector<std::uint64_t> words;
  dedup_word_hashes(text, words, hashed ? &text_hash : nullptr);
  return dedup_key_of(words);
}

/// A set of 64-bit hashes, open addressing: no allocation per insert.
class HashSet64 {
 public:
  bool contains(std::uint64_t h) const {
    if (slots_.empty()) return false;
    h = h ? h : 1;
    for (std::size_t p = h & (slots_.size() - 1);; p = (p + 1) & (slots_.size() - 1)) {
      if (slots_[p] == h) return true;
      if (slots_[p] == 0) return false;
    }
  }
  void insert(std::uint64_t h) {
    h = h ? h : 1;  // 0 marks an empty slot
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t p = h & (slots_.size() - 1);
    for (; slots_[p] != 0; p = (p + 1) & (slots_.size() - 1))
      if (slots_[p] == h) return;
    slots_[p] = h;
    ++size_;
  }
  /// Room for `n` hashes without growing (the table is allocated once, not doubled from 256).
  void reserve(std::size_t n) {
    std::size_t want = 256;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) {
      std::vector<std::uint64_t> old;
      old.swap(slots_);
      slots_.assign(want, 0);
      size_ = 0;
      for (std::uint64_t h : old)
        if (h) insert(h);
    }
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 256 : 2 * old.size(), 0);
    size_ = 0;
    for (std::uint64_t h : old)
      if (h) insert(h);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

inline std::vector<std::string> word_trigrams(std::string_view key) {
  std::vector<std::string_view> ws;
  std::size_t s = 0;
  for (std::size_t i = 0; i <= key.size(); ++i)
    if (i == key.size() || key[i] == ' ') {
      if (i > s) ws.push_back(key.substr(s, i - s));
      s = i + 1;
    }
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 2 < ws.size(); ++i) {
    std::string g(ws[i]);
    g.push_back(' ');
    g += ws[i + 1];
    g.push_back(' ');
    g += ws[i + 2];
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace detail

/// 1. A short or near-good heading followed, within kMaxHeadingDistance
/// characters, by a Good block introduces it: it becomes NearGood.
inline void revise_headings(std::vector<Block>& bs, const DocContext& ctx = DocContext{}) {
  for (std::size_t i = 0; i < bs.size(); ++i) {
    Block& b = bs[i];
    if (b.revised != Quality::Short || !detail::heading_like(b)) continue;
    std::size_t distance = 0;
    for (std::size_t j = i + 1; j < bs.size() && distance <= rules::kMaxHeadingDistance; ++j) {
      if (bs[j].revised == Quality::Good) {
        b.revised = Quality::NearGood;
        detail::add_reason(b, ctx, "heading before good text");
        break;
      }
      distance += bs[j].features.chars;
    }
  }
}

/// 2. jusText's context revision: a Short block between Good blocks is Good,
/// between Bad ones Bad; a NearGood block is Good unless both sides are Bad.
inline void revise_by_context(std::vector<Block>& bs, const DocContext& ctx = DocContext{}) {
  std::vector<Quality> next(bs.size());
  for (std::size_t i = 0; i < bs.size(); ++i) {
    next[i] = bs[i].revised;
    if (bs[i].revised != Quality::Short) continue;
    Quality p = detail::neighbour(bs, i, -1, true), n = detail::neighbour(bs, i, +1, true);
    if (p == Quality::Good && n == Quality::Good) {
      next[i] = Quality::Good;
      detail::add_reason(bs[i], ctx, "between good blocks");
    } else if (p == Quality::Bad && n == Quality::Bad) {
      next[i] = Quality::Bad;
      detail::add_reason(bs[i], ctx, "between bad blocks");
    } else if ((p == Quality::Bad && detail::neighbour(bs, i, -1, false) == Quality::NearGood) ||
               (n == Quality::Bad && detail::neighbour(bs, i, +1, false) == Quality::NearGood)) {
      next[i] = Quality::Good;
      detail::add_reason(bs[i], ctx, "next to near-good text");
    } else {
      next[i] = Quality::Bad;
      detail::add_reason(bs[i], ctx, "at the edge of good text");
    }
  }
  for (std::size_t i = 0; i < bs.size(); ++i) bs[i].revised = next[i];
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (bs[i].revised != Quality::NearGood) continue;
    Quality p = detail::neighbour(bs, i, -1, true), n = detail::neighbour(bs, i, +1, true);
    if (p == Quality::Bad && n == Quality::Bad) {
      next[i] = Quality::Bad;
      detail::add_reason(bs[i], ctx, "near-good between bad blocks");
    } else {
      next[i] = Quality::Good;
      detail::add_reason(bs[i], ctx, "near-good next to good text");
    }
  }
  for (std::size_t i = 0; i < bs.size(); ++i) bs[i].revised = next[i];
}

/// 3. Runs of kHeadlineRun or more consecutive title-like lines (no sentence
/// end, no list marker) are a list of other stories' headlines.
inline void drop_headline_runs(std::vector<Block>& bs, const DocContext& ctx) {
  std::size_t i = 0;
  while (i < bs.size()) {
    // In HTML, other stories' headlines are links; unlinked title-like lines
    // in a row are a schedule, a spec list or a table.
    auto titleish = [&](const Block& b) {
      return b.heading_level == 0 && !b.features.starts_list_marker && !b.in_list && detail::heading_like(b) && b.features.words >= 3 &&
             (!ctx.html || b.link_chars > 0);
    };
    if (!titleish(bs[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < bs.size() && titleish(bs[j])) ++j;
    if (j - i >= rules::kHeadlineRun) {
      for (std::size_t k = i; k < j; ++k)
        if (bs[k].revised != Quality::Bad) {
          bs[k].revised = Quality::Bad;
          detail::add_reason(bs[k], ctx, "run of headline-like lines");
        }
    }
    i = j;
  }
}

/// 4. Runs of list items (marked "- ", "1. " or inside <li>) kept so far whose
/// content words barely occur in the rest of the body are lists of other
/// stories; lists that summarise or detail the article share its words.
inline void drop_off_topic_lists(std::vector<Block>& bs, const DocContext& ctx) {
  // Only headline-like items: an item written as sentences is content whatever its words.
  // In HTML, a list inside the main-content region is the article's own.
  auto is_item = [&](const Block& b) {
    return (b.features.starts_list_marker || b.in_list) && detail::heading_like(b) && !(ctx.html && b.features.region_score > 0);
  };
  // Nothing to test without a kept item: skip reading the body.
  if (std::none_of(bs.begin(), bs.end(), [&](const Block& b) { return b.revised == Quality::Good && is_item(b); })) return;
  // Content words of body blocks that are not list items (by 64-bit hash).
  detail::HashSet64 body;
  std::size_t body_words = 0;
  std::vector<std::uint64_t> words;
  for (const Block& b : bs)
    if (b.revised == Quality::Good && !is_item(b)) {
      detail::content_word_hashes(b, ctx, words);
      for (std::uint64_t w : words) body.insert(w);
      body_words += words.size();
    }
  if (body_words < rules::kMinBodyWordsForTopic) return;
  std::size_t i = 0;
  while (i < bs.size()) {
    if (!is_item(bs[i]) || bs[i].revised != Quality::Good) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t item_words = 0, hits = 0;
    while (j < bs.size() && is_item(bs[j]) && bs[j].revised == Quality::Good) {
      detail::content_word_hashes(bs[j], ctx, words);
      item_words += words.size();
      for (std::uint64_t w : words) hits += body.contains(w);
      ++j;
    }
    if (item_words > 0 && static_cast<double>(hits) / static_cast<double>(item_words) < rules::kMinTopicOverlap)
      for (std::size_t k = i; k < j; ++k) {
        bs[k].revised = Quality::Bad;
        detail::add_reason(bs[k], ctx, "list off the body's topic");
      }
    i = j;
  }
}

/// 6. A block kept so far that repeats earlier kept text goes: exactly (same
/// words) or nearly (kNearDuplicate of its word 3-grams seen before).
inline void drop_duplicates(std::vector<Block>& bs, const DocContext& ctx) {
  // Keys and 3-grams by 64-bit hash (detail::dedup_hashes): no strings built.
  detail::HashSet64 seen_keys;
  detail::HashSet64 seen_grams;
  {
    // At most a key per candidate and a 3-gram per word of it: sized once, no rehashing.
    std::size_t candidates = 0, words = 0;
    for (const Block& b : bs)
      if (b.revised == Quality::Good) ++candidates, words += b.features.words;
    seen_keys.reserve(candidates);
    seen_grams.reserve(words);
  }
  thread_local std::vector<std::uint64_t> grams;
  for (Block& b : bs) {
    if (b.revised != Quality::Good) continue;
    // In HTML, short lines repeat by design (a recipe's "1 cup rice" in two
    // plans, table cells); repeated paragraphs are desktop/mobile copies.
    if (ctx.html && b.features.words < rules::kMinWordsForHtmlDedup) continue;
    const std::uint64_t key = detail::dedup_hashes(b.text, grams);
    if (!key) continue;  // no words
    bool dup = seen_keys.contains(key);
    if (!dup && grams.size() >= rules::kMinShinglesForNearDup) {
      std::size_t hit = 0;
      for (std::uint64_t g : grams) hit += seen_grams.contains(g);
      dup = static_cast<double>(hit) >= rules::kNearDuplicate * static_cast<double>(grams.size());
    }
    if (dup) {
      b.revised = Quality::Bad;
      detail::add_reason(b, ctx, "repeats earlier text");
      continue;
    }
    seen_keys.insert(key);
    for (std::uint64_t g : grams) seen_grams.insert(g);
  }
}

/// The main span: the contiguous run of blocks with the most body text net
/// of boilerplate (maximum-sum subarray over per-block weights). An article
/// is one such run, perhaps broken by an ad or a related-links box that
/// costs less than the text after it brings.
inline std::pair<std::size_t, std::size_t> main_span(const std::vector<Block>& bs) {
  double best = 0, run = 0;
  std::size_t best_lo = 0, best_hi = 0, lo = 0;
  for (std::size_t i = 0; i < bs.size(); ++i) {
    const double chars = static_cast<double>(bs[i].features.chars);
    double w;
    switch (bs[i].revised) {
      case Quality::Good: w = chars; break;
      case Quality::NearGood: w = 0.5 * chars; break;
      case Quality::Short: w = -rules::kSpanShortCost; break;
      default: w = -(rules::kSpanShortCost + 0.5 * chars); break;
    }
    if (run <= 0) run = 0, lo = i;
    run += w;
    if (run > best) best = run, best_lo = lo, best_hi = i + 1;
  }
  return {best_lo, best_hi};
}

/// 5. Body text is about one thing: a kept block of some length whose content
/// words barely occur in any other kept block of the main span is another
/// story's teaser, an ad or a comment. Short blocks left alone between
/// dropped ones then go as well.
inline void drop_off_topic_blocks(std::vector<Block>& bs, const DocContext& ctx) {
  auto [lo, hi] = main_span(bs);
  if (hi <= lo) return;
  // For each content word, the number of span blocks it occurs in.
  std::unordered_map<std::string, int> block_freq;
  std::vector<std::vector<std::string>> words(bs.size());
  std::size_t span_words = 0;
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (bs[i].revised != Quality::Good) continue;
    detail::for_each_content_word(bs[i], ctx, [&](const std::string& w) { words[i].push_back(w); });
    if (i < lo || i >= hi) continue;
    std::vector<std::string> uniq = words[i];
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    for (const std::string& w : uniq) ++block_freq[w];
    span_words += words[i].size();
  }
  if (span_words < rules::kMinBodyWordsForTopic) return;
  std::vector<char> dropped(bs.size(), 0);
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (bs[i].revised != Quality::Good || bs[i].features.words < rules::kMinWordsForTopicTest || words[i].empty()) continue;
    const bool in_span = i >= lo && i < hi;
    if (in_span) continue;  // inside the main span, neighbours have spoken
    std::vector<std::string> uniq = words[i];
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    std::size_t hits = 0;
    for (const std::string& w : words[i]) {
      auto it = block_freq.find(w);
      int others = it == block_freq.end() ? 0 : it->second - (in_span && std::binary_search(uniq.begin(), uniq.end(), w) ? 1 : 0);
      hits += others > 0;
    }
    if (static_cast<double>(hits) < rules::kMinTopicOverlap * static_cast<double>(words[i].size())) {
      bs[i].revised = Quality::Bad;
      detail::add_reason(bs[i], ctx, "off the topic of the main text");
      dropped[i] = 1;
    }
  }
  // A short block kept only for its neighbours goes when they went.
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (bs[i].revised != Quality::Good || bs[i].features.words >= rules::kMinWordsForTopicTest) continue;
    auto gone_or_bad = [&](std::ptrdiff_t j) { return j < 0 || j >= static_cast<std::ptrdiff_t>(bs.size()) || bs[static_cast<std::size_t>(j)].revised == Quality::Bad; };
    std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i);
    bool near_dropped = (k > 0 && dropped[i - 1]) || (i + 1 < bs.size() && dropped[i + 1]);
    if (near_dropped && gone_or_bad(k - 1) && gone_or_bad(k + 1)) {
      bs[i].revised = Quality::Bad;
      detail::add_reason(bs[i], ctx, "between off-topic blocks");
    }
  }
}

/// Runs every post-process step and sets the final labels.
inline void postprocess(std::vector<Block>& bs, const DocContext& ctx) {
  revise_headings(bs, ctx);
  revise_by_context(bs, ctx);
  drop_headline_runs(bs, ctx);
  drop_off_topic_lists(bs, ctx);
  // (drop_off_topic_blocks is not run: on the text set it cost more recall than it gained precision.)
  drop_duplicates(bs, ctx);
  for (Block& b : bs) b.label = b.revised == Quality::Good ? Label::Keep : Label::Drop;
}

}  // namespace pith
