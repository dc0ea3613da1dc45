// -----------------------------------------------------------------------------
// File: pith/lexicon.hpp
// -----------------------------------------------------------------------------
//
// This header is pith's language knowledge: stop-word lists for 36 languages,
// a language detector built on them, and the "chrome lexicon", the multilingual
// list of UI phrases ("Share this article", "Lire aussi", "関連記事", "جميع
// الحقوق محفوظة") whose presence marks a block as page furniture rather than
// article text.
//
// The classifier uses all three: the stop-word density of a block is the
// strongest single sign of running prose (jusText's insight), it needs the
// document's language to know which list to count with, and a block that is
// mostly UI phrases is boilerplate however long it is.
//
// The data is not written here. It lives in data/stopwords-iso/ and
// data/chrome_lexicon.tsv and is compiled by tools/gen_lexicon.py into
// pith/detail/lexicon_data.hpp: sorted constexpr arrays. Stop-word lookups go
// through a hash table over them and phrase matching through a trie, each
// built once on first use; no lookup allocates.
// Edit the data files and regenerate; never edit the generated header.
//
// Example:
//
//   pith::lexicon::LangId lang = pith::lexicon::detect_language(document_text);
//   if (pith::lexicon::is_stopword(lang, "und")) { ... }
//   pith::lexicon::ChromeHit hit = pith::lexicon::match_chrome("share this article");
//   // hit.coverage == 1.0, chrome_category_name(hit.category) == "share"
//
// Thread safety: every function may be called from any thread. The only
// shared state, the phrase trie behind match_chrome() and the stop-word hash
// table, is built once on first use by function-local statics (thread-safe
// initialisation); per-call scratch space is thread_local.
#pragma once

#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pith/detail/lexicon_data.hpp"
#include "pith/detail/unicode.hpp"

namespace pith::lexicon {

/// Index into the language table (languages sorted by ISO 639-1 tag); -1 = unknown.
using LangId = int;
inline constexpr LangId kUnknown = -1;

/// Result of matching the chrome lexicon against one block of text.
struct ChromeHit {
  double coverage = 0;  // share of the block's letter/digit code points inside matched phrases, 0..1
  int category = -1;    // the category whose phrases cover the most; -1 when nothing matched
};

LangId lang_from_tag(std::string_view bcp47);
std::string_view lang_tag(LangId id);
std::size_t language_count();
bool is_stopword(LangId id, std::string_view lower_word);
LangId detect_language(std::string_view text);
ChromeHit match_chrome(std::string_view lower_text);
std::string_view chrome_category_name(int category);
int chrome_category_count();

}  // namespace pith::lexicon

namespace pith::detail {

namespace lexdata_check {
// The detector keeps per-language sets in a 64-bit mask.
static_assert(lexdata::kLanguageCount <= 64, "language sets are 64-bit masks");
// Chrome categories are stored per byte in an int8_t.
static_assert(lexdata::kChromeCategoryCount < 127, "category ids must fit in int8_t");
}  // namespace lexdata_check

/// Turkish "İ" lower-cases (root locale) to "i" + U+0307 COMBINING DOT ABOVE;
/// the lists spell it "i". True when `s` contains that pair.
inline bool has_dotted_i(std::string_view s) {
  // Look for the rare byte 0xCC rather than the frequent 'i'.
  for (std::size_t p = s.find('\xCC'); p != std::string_view::npos; p = s.find('\xCC', p + 1))
    if (p > 0 && s[p - 1] == 'i' && p + 1 < s.size() && s[p + 1] == '\x87') return true;
  return false;
}

/// Copies `s` into `out` without the U+0307 that follows an "i".
inline void strip_dotted_i(std::string_view s, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xCC' && i + 1 < s.size() && s[i + 1] == '\x87' && i > 0 && s[i - 1] == 'i') {
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
}

inline bool sorted_contains(const std::string_view* words, std::size_t n, std::string_view w) {
  const std::string_view* end = words + n;
  const std::string_view* it = std::lower_bound(words, end, w);
  return it != end && *it == w;
}

/// The first 8 bytes of a word (fewer: zero-padded) as one number, the first
/// byte lowest. `p` must have 8 readable bytes; those past `n` are ignored.
PITH_HOT_INLINE std::uint64_t word_key8(const char* p, std::size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return n >= 8 ? v : v & ((std::uint64_t{1} << (8 * n)) - 1);
#else
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < n && k < 8; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
  return v;
#endif
}

/// Hash of a word from its length and first 8 bytes (words that share both
/// share a hash; the table compares them in full).
PITH_HOT_INLINE std::uint64_t word_key_hash(std::uint64_t key8, std::size_t n) {
  std::uint64_t h = (key8 ^ (static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 29;
  return h;
}

/// Every language's stop words in one open-addressing hash table, built once
/// from the per-language lists: a word's entry holds its first 8 bytes, its
/// length, its index in kAllStopwords and the set of languages whose list has
/// it, so a lookup reads one 16-byte slot (words longer than 8 bytes are then
/// compared in full). A 32 KiB bitmap of hashes settles most words that are
/// no stop word before the table is touched.
struct StopwordIndex {
  static_assert(lexdata::kLanguageCount <= 40, "language sets use the low 40 bits of a slot");
  static_assert(lexdata::kAllStopwordCount < 0xFFFF, "word indexes are 16-bit");
  struct Slot {
    std::uint64_t key8 = 0;
    std::uint64_t meta = 0;  // languages (bits 0-39) | index in kAllStopwords << 40 | length << 56; 0 = empty
  };
  static constexpr std::size_t kSlotBits = 15;  // 32768 slots for ~15.6k words: load under 1/2
  static_assert((std::size_t{1} << kSlotBits) >= 2 * lexdata::kAllStopwordCount, "keep the load under 1/2");
  static constexpr std::size_t kFilterBits = std::size_t{1} << 18;
  std::vector<Slot> slots = std::vector<Slot>(std::size_t{1} << kSlotBits);
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>(kFilterBits / 64, 0);  // bit (hash >> 46) of every stop word
  std::size_t max_len = 0;

  StopwordIndex() {
    // From the combined list (every language's words once, with their language
    // set): each word's index is its place there, no search per word. The
    // same words with the same sets as inserting language by language, so the
    // same answers (tests/test_fast_paths.cpp checks every list's words).
    for (std::size_t i = 0; i < lexdata::kAllStopwordCount; ++i) insert(lexdata::kAllStopwords[i], lexdata::kAllStopwordLangs[i], i);
  }
  void insert(std::string_view w, std::uint64_t langs, std::size_t index) {
    if (w.empty() || w.size() > 255) return;
    char buf[8] = {};
    std::memcpy(buf, w.data(), std::min<std::size_t>(w.size(), 8));
    const std::uint64_t key8 = word_key8(buf, w.size());
    const std::uint64_t h = word_key_hash(key8, w.size());
    const std::size_t mask = slots.size() - 1;
    for (std::size_t pos = static_cast<std::size_t>(h) & mask;; pos = (pos + 1) & mask) {
      Slot& sl = slots[pos];
      if (!sl.meta) {
        sl.key8 = key8;
        sl.meta = langs | static_cast<std::uint64_t>(index) << 40 | static_cast<std::uint64_t>(w.size()) << 56;
        break;
      }
      if (sl.key8 == key8 && (sl.meta >> 56) == w.size() && same_word(sl, w)) {
        sl.meta |= langs;
        break;
      }
    }
    const std::size_t bit = static_cast<std::size_t>(h >> 46);
    filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
    max_len = std::max(max_len, w.size());
  }
  /// `w` (with the slot's first 8 bytes and length) is the slot's word.
  static bool same_word(const Slot& sl, std::string_view w) {
    if (w.size() <= 8) return true;
    const std::size_t index = static_cast<std::size_t>((sl.meta >> 40) & 0xFFFF);
    return index < lexdata::kAllStopwordCount && lexdata::kAllStopwords[index] == w;
  }
  /// Languages (bit i = kLanguages[i]) whose list has exactly `w` (`key8` = word_key8(w)); 0 for none.
  std::uint64_t langs(std::string_view w, std::uint64_t key8) const {
    if (w.size() > max_len || w.empty()) return 0;
    const std::uint64_t h = word_key_hash(key8, w.size());
    const std::size_t bit = static_cast<std::size_t>(h >> 46);
    if (!(filter[bit / 64] >> (bit % 64) & 1)) return 0;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t pos = static_cast<std::size_t>(h) & mask;; pos = (pos + 1) & mask) {
      const Slot& sl = slots[pos];
      if (!sl.meta) return 0;
      if (sl.key8 == key8 && (sl.meta >> 56) == w.size() && same_word(sl, w)) return sl.meta & ((std::uint64_t{1} << 40) - 1);
    }
  }
  std::uint64_t langs(std::string_view w) const {
    char buf[8] = {};
    std::memcpy(buf, w.data(), std::min<std::size_t>(w.size(), 8));
    return langs(w, word_key8(buf, w.size()));
  }
};

inline const StopwordIndex& stopword_index() {
  static const StopwordIndex index;  // thread-safe one-time init
  return index;
}

/// Languages whose stop-word list has `lower_word` (exact bytes, already
/// lower-cased); bit i = kLanguages[i]. Same answer as a search of each list.
inline std::uint64_t stopword_langs(std::string_view lower_word) { return stopword_index().langs(lower_word); }

/// True when the stop-word list of language `id` (a valid id) has `lower_word` (exact bytes).
inline bool in_stop_list(std::size_t id, std::string_view lower_word) { return (stopword_langs(lower_word) >> id) & 1; }

/// A word character of a space-separated script (Latin, Cyrillic, Arabic...):
/// the characters a whole-word match must not touch.
inline bool is_spaced_word_cp(UChar32 cp) {
  if (cp < 0x80) return is_word_cp(cp);
  return !is_spaceless_script_cp(cp) && is_word_cp(cp);  // the range test first: no ICU lookup for CJK
}

// --- language detection ------------------------------------------------------

/// Script groups the detector counts letters in.
enum class DetScript : int { Latin, Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari, Hangul, Han, Kana, Other, kCount };

inline DetScript det_script(UChar32 cp) {
  if (cp < 0x80) return ((cp | 32) >= 'a' && (cp | 32) <= 'z') ? DetScript::Latin : DetScript::Other;
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(cp, &err)) {
    case USCRIPT_LATIN: return DetScript::Latin;
    case USCRIPT_CYRILLIC: return DetScript::Cyrillic;
    case USCRIPT_GREEK: return DetScript::Greek;
    case USCRIPT_ARABIC: return DetScript::Arabic;
    case USCRIPT_HEBREW: return DetScript::Hebrew;
    case USCRIPT_THAI: return DetScript::Thai;
    case USCRIPT_DEVANAGARI: return DetScript::Devanagari;
    case USCRIPT_HANGUL: return DetScript::Hangul;
    case USCRIPT_HAN: return DetScript::Han;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA: return DetScript::Kana;
    default: return DetScript::Other;
  }
}

/// The generator's script for each group the detector can decide on.
inline constexpr std::size_t det_index(DetScript s) { return static_cast<std::size_t>(s); }

inline lexdata::Script det_to_lexdata(DetScript s) {
  switch (s) {
    case DetScript::Latin: return lexdata::Script::Latin;
    case DetScript::Cyrillic: return lexdata::Script::Cyrillic;
    case DetScript::Greek: return lexdata::Script::Greek;
    case DetScript::Arabic: return lexdata::Script::Arabic;
    case DetScript::Hebrew: return lexdata::Script::Hebrew;
    case DetScript::Thai: return lexdata::Script::Thai;
    case DetScript::Devanagari: return lexdata::Script::Devanagari;
    case DetScript::Hangul: return lexdata::Script::Hangul;
    case DetScript::Han: return lexdata::Script::Han;
    default: return lexdata::Script::Japanese;
  }
}

// Detection constants.
// At most this many words are read: 20 000 words name a language as surely as a whole book.
inline constexpr std::size_t kDetectMaxWords = 20000;
// ...and at most this many bytes, so the ICU word breaker never walks a huge CJK tail it will not use.
inline constexpr std::size_t kDetectMaxBytes = std::size_t{256} << 10;
// Han characters and Hangul syllables each carry about a word's worth of text (an alphabetic
// word is ~5 letters), so they count 3x against alphabetic letters when picking the main script.
inline constexpr double kSyllabicWeight = 3.0;
// Kana count 2x: each is a syllable, about two alphabetic letters.
inline constexpr double kKanaWeight = 2.0;
// Japanese prose is 30-60% kana; Chinese has none, so a tenth of kana among Han+kana means Japanese.
inline constexpr double kJapaneseKanaShare = 0.10;
// Naive-Bayes weight of a stop-word hit: log(alpha * V / ((1 - alpha) * N)) for a list of N words,
// with alpha = 0.4 (share of stop words in running prose) and V = 1e6 (open vocabulary). A hit in
// a long list is thus worth less than one in a short list, so big lists do not win by size alone.
inline constexpr double kStopShare = 0.4;
inline constexpr double kOpenVocabulary = 1e6;
// Two stop-word hits (or one plus distinctive letters) before a Latin-script language is named: one can be a name.
inline constexpr int kDetectMinHits = 2;
// Fewer letters than this in the main script say nothing about the language.
inline constexpr double kDetectMinLetters = 4;
// A letter only a few languages write (ł → pl, ı → tr, ї → uk, پ → fa; the list is in the generator) is worth
// this fraction of a stop-word hit, shared among those languages: letters are frequent, so each counts a little.
inline constexpr double kCueLetterWeight = 0.5;

inline double stop_hit_weight(std::size_t list_size) {
  return std::log(kStopShare * kOpenVocabulary / ((1.0 - kStopShare) * static_cast<double>(list_size)));
}

/// Languages (bit mask) that write non-ASCII letter `cp` distinctively; 0 for most letters.
inline std::uint64_t cue_langs(UChar32 cp) {
  const lexdata::CueLetter* begin = lexdata::kCueLetters;
  const lexdata::CueLetter* end = begin + lexdata::kCueLetterCount;
  const lexdata::CueLetter* it =
      std::lower_bound(begin, end, cp, [](const lexdata::CueLetter& c, UChar32 v) { return static_cast<UChar32>(c.cp) < v; });
  return (it != end && static_cast<UChar32>(it->cp) == cp) ? it->langs : 0;
}

inline int popcount64(std::uint64_t m) {
  int n = 0;
  for (; m; m &= m - 1) ++n;
  return n;
}

inline int lang_index(std::string_view tag) {
  for (std::size_t i = 0; i < lexdata::kLanguageCount; ++i)
    if (lexdata::kLanguages[i].tag == tag) return static_cast<int>(i);
  return -1;
}

// --- chrome lexicon matcher -----------------------------------------------------

/// A byte trie over every chrome phrase, built once. Matching starts a walk at
/// each possible phrase start and keeps the longest phrase that ends on a
/// boundary; a block of ~200 bytes costs a few hundred node steps.
struct ChromeTrie {
  // Terminal flags: the phrase's first / last code point is a word character of a
  // space-separated script, so the text must not continue the word on that side.
  static constexpr std::uint8_t kNeedStart = 1, kNeedEnd = 2;
  struct Node {
    std::uint32_t first_edge = 0;
    std::uint16_t edge_count = 0;
    std::int8_t category = -1;  // >= 0 when a phrase ends here
    std::uint8_t flags = 0;
  };
  std::vector<Node> nodes;                    // nodes[0] is the root
  std::vector<std::uint8_t> edge_byte;        // per node, sorted by byte
  std::vector<std::uint32_t> edge_target;
  std::array<std::int32_t, 256> root_next{};  // the root's edges, indexed directly (it has ~100)
  // Filters that settle most walks before they start (text bytes with ASCII
  // capitals folded, as in the walk). A phrase that starts with an ASCII
  // letter/digit can match at a word start only if its leading run of ASCII
  // letters/digits equals the text's there (the text's run cannot go on: the
  // phrase then has a non-letter, or must end at a word end). So a walk is
  // needed only if the text's run is a whole phrase's (first_word, with
  // kPhraseEnd), or the run with the byte after it starts a phrase
  // (first_word), or — for phrases going on with a space and a second run —
  // the text's first two runs are the phrase's (pair_first, pair). Any other
  // phrase can match only if its first byte is a whole phrase (first1), its
  // first two bytes are (first2), or its first three bytes hash to a set bit
  // of first3.
  // Before those, one test settles most words: `lead` has the bit (top 16
  // bits of run_hash) of every phrase's leading run, whatever follows it.
  static constexpr unsigned kPhraseEnd = 0x100;  // "no byte": the phrase is the run
  std::vector<std::uint64_t> lead = std::vector<std::uint64_t>(1024, 0);        // 65536 bits
  std::vector<std::uint64_t> first_word = std::vector<std::uint64_t>(1024, 0);  // 65536 bits
  std::vector<std::uint64_t> pair_first = std::vector<std::uint64_t>(1024, 0);  // 65536 bits
  std::vector<std::uint64_t> pair = std::vector<std::uint64_t>(1024, 0);        // 65536 bits
  // The runs' hashes are well mixed already (run_hash), so one multiply
  // carries them and the byte after into the top 16 bits that pick a bit: a
  // walk is tested twice at every word start, and a full mix there cost more
  // than the rare extra walk a weaker one lets through (build and lookup share
  // these functions, so a match is never missed).
  /// first_word's bit for a run (its hash: run_hash) followed by byte `after` (or kPhraseEnd).
  static std::uint32_t word_bit(std::uint64_t run, unsigned after) {
    return static_cast<std::uint32_t>(((run ^ (static_cast<std::uint64_t>(after) + 1) * 0xD6E8FEB86659FD93ull) * 0x94D049BB133111EBull) >> 48);
  }
  /// pair's bit for two runs separated by one space.
  static std::uint32_t pair_bit(std::uint64_t run1, std::uint64_t run2) {
    return static_cast<std::uint32_t>(((run1 * 0x9E3779B97F4A7C15ull + run2) * 0xBF58476D1CE4E5B9ull) >> 48);
  }
  /// Hash of a run of ASCII letters/digits of `len` bytes whose first (up to) 8 bytes, folded, are `key8` (see word_key8).
  static std::uint64_t run_hash(std::uint64_t key8, std::size_t len) { return word_key_hash(key8, len); }
  std::array<std::uint64_t, 4> first1{};
  std::array<std::uint64_t, 4> first_byte{};  // first bytes of the phrases not starting with an ASCII letter/digit
  bool space_starts = false;                  // some phrase starts with ' ' (none does: phrases are trimmed)
  std::vector<std::uint64_t> first2 = std::vector<std::uint64_t>(1024, 0);  // 65536 bits
  std::vector<std::uint64_t> first3 = std::vector<std::uint64_t>(1024, 0);  // 65536 bits
  static std::uint32_t hash3(std::uint8_t a, std::uint8_t b, std::uint8_t c) {
    return ((static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b) << 8 | static_cast<std::uint32_t>(c) << 16) * 0x9E3779B1u) >> 16;
  }
  static bool test(const std::uint64_t* bits, std::uint32_t i) { return (bits[i >> 6] >> (i & 63)) & 1; }
  static void set(std::uint64_t* bits, std::uint32_t i) { bits[i >> 6] |= std::uint64_t{1} << (i & 63); }
  /// False when no phrase can start at s[0..] (n >= 3 bytes there, ASCII capitals folded) that does not start with an ASCII letter/digit.
  bool may_start(const char* s) const {
    auto fold = [](char ch) {
      std::uint8_t b = static_cast<std::uint8_t>(ch);
      return b >= 'A' && b <= 'Z' ? static_cast<std::uint8_t>(b + 32) : b;
    };
    std::uint8_t a = fold(s[0]);
    if (!test(first_byte.data(), a)) return false;
    std::uint8_t b = fold(s[1]), c = fold(s[2]);
    return test(first1.data(), a) || test(first2.data(), static_cast<std::uint32_t>(a) << 8 | b) || test(first3.data(), hash3(a, b, c));
  }

  std::int32_t next(std::uint32_t node, std::uint8_t b) const {
    if (node == 0) return root_next[b];
    const Node& n = nodes[node];
    const std::uint8_t* lo = edge_byte.data() + n.first_edge;
    const std::uint8_t* hi = lo + n.edge_count;
    for (const std::uint8_t* p = lo; p != hi; ++p) {  // most nodes have 1-3 edges: a scan beats a search
      if (*p == b) return static_cast<std::int32_t>(edge_target[n.first_edge + static_cast<std::uint32_t>(p - lo)]);
      if (*p > b) break;
    }
    return -1;
  }
};

inline ChromeTrie build_chrome_trie() {
  // Children as linked lists in flat arrays (first_kid, next_sibling; 0 =
  // none, as node 0 is the root and nobody's child): no allocation per node.
  struct TmpNode {
    std::uint32_t first_kid = 0, next_sibling = 0;
    std::uint8_t byte = 0;
    std::int8_t category = -1;
    std::uint8_t flags = 0;
  };
  std::vector<TmpNode> tmp(1);
  tmp.reserve(std::size_t{1} << 15);
  ChromeTrie t;
  for (int c = 0; c < lexdata::kChromeCategoryCount; ++c) {
    const lexdata::ChromeCategory& cat = lexdata::kChromeCategories[c];
    for (std::size_t k = 0; k < cat.count; ++k) {
      std::string_view p = cat.phrases[k].text;
      std::uint32_t node = 0;
      for (char ch : p) {
        std::uint8_t b = static_cast<std::uint8_t>(ch);
        std::uint32_t found = 0;
        for (std::uint32_t kid = tmp[node].first_kid; kid; kid = tmp[kid].next_sibling)
          if (tmp[kid].byte == b) {
            found = kid;
            break;
          }
        if (!found) {
          found = static_cast<std::uint32_t>(tmp.size());
          tmp.emplace_back();
          tmp[found].byte = b;
          tmp[found].next_sibling = tmp[node].first_kid;
          tmp[node].first_kid = found;
        }
        node = found;
      }
      std::size_t run = 0;  // leading ASCII letters/digits
      while (run < p.size() && static_cast<std::uint8_t>(p[run]) < 0x80 && (ascii_class(static_cast<std::uint8_t>(p[run])) & kAsciiWord)) ++run;
      if (run > 0) {
        auto run_of = [&](std::size_t from, std::size_t len) {
          std::uint64_t key8 = 0;
          for (std::size_t k = 0; k < len && k < 8; ++k) key8 |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(p[from + k])) << (8 * k);
          return ChromeTrie::run_hash(key8, len);
        };
        const std::uint64_t h1 = run_of(0, run);
        ChromeTrie::set(t.lead.data(), static_cast<std::uint32_t>(h1 >> 48));
        std::size_t run2 = 0;  // a second run after one space
        if (run + 1 < p.size() && p[run] == ' ')
          while (run + 1 + run2 < p.size() && static_cast<std::uint8_t>(p[run + 1 + run2]) < 0x80 && (ascii_class(static_cast<std::uint8_t>(p[run + 1 + run2])) & kAsciiWord))
            ++run2;
        if (run == p.size()) {
          ChromeTrie::set(t.first_word.data(), ChromeTrie::word_bit(h1, ChromeTrie::kPhraseEnd));
        } else if (run2 > 0) {
          ChromeTrie::set(t.pair_first.data(), static_cast<std::uint32_t>(h1 >> 48));
          ChromeTrie::set(t.pair.data(), ChromeTrie::pair_bit(h1, run_of(run + 1, run2)));
        } else {
          ChromeTrie::set(t.first_word.data(), ChromeTrie::word_bit(h1, static_cast<std::uint8_t>(p[run])));
        }
      } else if (p.size() == 1) ChromeTrie::set(t.first1.data(), static_cast<std::uint8_t>(p[0]));
      else if (p.size() == 2) ChromeTrie::set(t.first2.data(), static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[0])) << 8 | static_cast<std::uint8_t>(p[1]));
      else if (p.size() >= 3)
        ChromeTrie::set(t.first3.data(), ChromeTrie::hash3(static_cast<std::uint8_t>(p[0]), static_cast<std::uint8_t>(p[1]), static_cast<std::uint8_t>(p[2])));
      if (run == 0 && !p.empty()) ChromeTrie::set(t.first_byte.data(), static_cast<std::uint8_t>(p[0]));
      tmp[node].category = static_cast<std::int8_t>(c);
      tmp[node].flags = static_cast<std::uint8_t>((is_spaced_word_cp(first_cp(p)) ? ChromeTrie::kNeedStart : 0) |
                                                  (is_spaced_word_cp(last_cp(p)) ? ChromeTrie::kNeedEnd : 0));
    }
  }
  // Nodes in breadth-first order, each node's children by byte: the shallow
  // nodes every walk visits sit together in memory. A node's children take
  // consecutive places in that order, so its edges are those places: edge e
  // leads to node e + 1 (the root is nobody's child).
  std::vector<std::uint32_t> order{0};
  order.reserve(tmp.size());
  t.nodes.resize(tmp.size());
  std::vector<std::pair<std::uint8_t, std::uint32_t>> kids;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const TmpNode& old = tmp[order[k]];
    ChromeTrie::Node& n = t.nodes[k];
    n.category = old.category;
    n.flags = old.flags;
    n.first_edge = static_cast<std::uint32_t>(order.size() - 1);
    kids.clear();
    for (std::uint32_t kid = old.first_kid; kid; kid = tmp[kid].next_sibling) kids.emplace_back(tmp[kid].byte, kid);
    std::sort(kids.begin(), kids.end());
    n.edge_count = static_cast<std::uint16_t>(kids.size());
    for (auto& kid : kids) order.push_back(kid.second);
  }
  t.space_starts = ChromeTrie::test(t.first_byte.data(), ' ');
  t.root_next.fill(-1);
  t.edge_byte.resize(order.size() - 1);
  t.edge_target.resize(order.size() - 1);
  for (std::size_t e = 0; e + 1 < order.size(); ++e) {
    t.edge_byte[e] = tmp[order[e + 1]].byte;
    t.edge_target[e] = static_cast<std::uint32_t>(e + 1);
  }
  for (std::uint32_t e = 0; e < t.nodes[0].edge_count; ++e) t.root_next[t.edge_byte[e]] = static_cast<std::int32_t>(t.edge_target[e]);
  return t;
}

inline const ChromeTrie& chrome_trie() {
  static const ChromeTrie trie = build_chrome_trie();  // thread-safe one-time init (C++11 magic statics)
  return trie;
}

// A number next to a phrase belongs to it ("12 comments", "© 2024", "5 min read"): up to this many
// spaces or punctuation marks may stand between them ("comments (12)" has two).
inline constexpr int kNumberReach = 3;

/// Start of the code point before byte `pos` (pos > 0).
inline std::size_t prev_cp_start(std::string_view s, std::size_t pos) {
  std::size_t p = pos - 1;
  while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  return p;
}

/// The end of the number whose first digit ends at `i`: digits with single
/// ',' or '.' between them ("1,200", "3.5"), counting its digits into
/// `digits` — a number beside a phrase is counted as one piece of it.
inline std::size_t number_end(std::string_view s, std::size_t i, std::size_t& digits) {
  const std::size_t n = s.size();
  std::size_t end = i;
  while (end < n) {
    std::size_t k = end;
    UChar32 c2 = next_cp(s, k);
    if (is_digit_cp(c2)) {
      ++digits, end = k;
      continue;
    }
    if ((c2 == ',' || c2 == '.') && k < n) {
      std::size_t m = k;
      if (is_digit_cp(next_cp(s, m))) {
        end = k;
        continue;
      }
    }
    break;
  }
  return end;
}

/// Category of the matched phrase a digit run at [a, b) stands next to, or -1.
inline int number_owner(std::string_view s, const std::vector<std::int8_t>& own, std::size_t a, std::size_t b) {
  // Look left.
  std::size_t p = a;
  for (int steps = 0; p > 0 && steps <= kNumberReach; ++steps) {
    std::size_t q = prev_cp_start(s, p);
    if (own[q] >= 0) return own[q];
    std::size_t tmp = q;
    UChar32 cp = next_cp(s, tmp);
    if (is_word_cp(cp)) break;
    p = q;
  }
  // Look right.
  p = b;
  for (int steps = 0; p < s.size() && steps <= kNumberReach; ++steps) {
    if (own[p] >= 0) return own[p];
    std::size_t q = p;
    UChar32 cp = next_cp(s, q);
    if (is_word_cp(cp)) break;
    p = q;
  }
  return -1;
}

/// What language detection gathers from a text's words, one word at a time
/// (see lexicon::detect_language): letters per script, cue letters and
/// stop-word hits per language. Reads the first kDetectMaxWords words only.
struct LangEvidence {
  static constexpr std::size_t kScripts = det_index(DetScript::kCount);
  std::array<double, kScripts> letters{};
  std::array<int, lexdata::kLanguageCount> hits{};
  std::array<double, lexdata::kLanguageCount> cues{};
  std::size_t words = 0;

  /// Adds word `w`. `stop_mask(ascii)` returns the languages whose stop-word
  /// lists have the word lower-cased (see stopword_langs); it is called only
  /// when the word's script makes stop words count (`ascii`: the word is ASCII).
  template <class MaskFn>
  void add(std::string_view w, bool spaceless, MaskFn&& stop_mask) {
    if (words >= kDetectMaxWords) return;
    ++words;
    DetScript first = DetScript::Other;
    bool ascii = true;
    std::size_t latin = 0;  // ASCII letters, added to letters[Latin] once per word (whole numbers: the sum is exact)
    for (std::size_t i = 0; i < w.size();) {
      unsigned char b = static_cast<unsigned char>(w[i]);
      if (b < 0x80) {  // ASCII: a Latin letter, or a digit/'_' that counts for no script
        ++i;
        if (((b | 32) >= 'a' && (b | 32) <= 'z')) {
          if (first == DetScript::Other) first = DetScript::Latin;
          ++latin;
        }
        continue;
      }
      UChar32 cp = next_cp(w, i);
      ascii = false;
      if (is_digit_cp(cp)) continue;
      DetScript s = det_script(cp);
      if (s == DetScript::Other) continue;
      if (first == DetScript::Other) first = s;
      letters[det_index(s)] += 1;
      if (cp >= 0x80 && (s == DetScript::Latin || s == DetScript::Cyrillic || s == DetScript::Arabic)) {
        UChar32 low = u_tolower(cp);
        if (std::uint64_t m = cue_langs(low)) {
          double share = 1.0 / popcount64(m);
          for (std::size_t l = 0; m; ++l, m >>= 1)
            if (m & 1) cues[l] += share;
        }
      }
    }
    letters[det_index(DetScript::Latin)] += static_cast<double>(latin);
    // Stop words only decide inside the scripts several languages share.
    if (spaceless || !(first == DetScript::Latin || first == DetScript::Cyrillic || first == DetScript::Arabic)) return;
    count_hits(stop_mask(ascii));
  }

  /// add() for an ASCII word (never spaceless) with `latin` letters, whose
  /// lower-cased form is in the stop-word lists of `mask`.
  void add_ascii(std::size_t latin, std::uint64_t mask) {
    if (words >= kDetectMaxWords) return;
    ++words;
    letters[det_index(DetScript::Latin)] += static_cast<double>(latin);
    if (latin) count_hits(mask);  // its first letter, if any, is Latin
  }

  void count_hits(std::uint64_t mask) {
    for (; mask; mask &= mask - 1) {  // each set bit
#if defined(__GNUC__) || defined(__clang__)
      ++hits[static_cast<std::size_t>(__builtin_ctzll(mask))];
#else
      std::size_t l = 0;
      while (!((mask >> l) & 1)) ++l;
      ++hits[l];
#endif
    }
  }

  /// The language the evidence names, or lexicon::kUnknown.
  int decide() const {
    using lexdata::kLanguageCount;
    constexpr int kUnknown = -1;
    // The main script, with syllabic scripts weighted to word-equivalents.
    std::array<double, kScripts> weight = letters;
    weight[det_index(DetScript::Han)] *= kSyllabicWeight;
    weight[det_index(DetScript::Hangul)] *= kSyllabicWeight;
    weight[det_index(DetScript::Kana)] *= kKanaWeight;
    double cjk = weight[det_index(DetScript::Han)] + weight[det_index(DetScript::Kana)];
    std::size_t best_script = kScripts;  // none yet
    double best_weight = 0;
    for (std::size_t s = 0; s < det_index(DetScript::Other); ++s) {
      if (s == det_index(DetScript::Han) || s == det_index(DetScript::Kana)) continue;
      if (weight[s] > best_weight) best_weight = weight[s], best_script = s;
    }
    if (cjk > best_weight) {
      double han = letters[det_index(DetScript::Han)], kana = letters[det_index(DetScript::Kana)];
      if (han + kana < kDetectMinLetters) return kUnknown;
      return lang_index(kana >= kJapaneseKanaShare * (han + kana) ? "ja" : "zh");
    }
    if (best_script == kScripts || letters[best_script] < kDetectMinLetters) return kUnknown;
    lexdata::Script script = det_to_lexdata(static_cast<DetScript>(best_script));

    // Single-language scripts need no stop words.
    int only = -1, candidates = 0;
    for (std::size_t l = 0; l < kLanguageCount; ++l)
      if (lexdata::kLanguages[l].script == script) only = static_cast<int>(l), ++candidates;
    if (candidates == 1) return only;
    if (candidates == 0) return kUnknown;

    // Naive-Bayes score: stop-word hits and cue letters, each weighted by the size of the language's list.
    int best = -1;
    double best_score = 0, best_evidence = 0;
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
      const lexdata::Language& lang = lexdata::kLanguages[l];
      if (lang.script != script) continue;
      double evidence = hits[l] + kCueLetterWeight * cues[l];  // in stop-word-hit units
      if (evidence <= 0) continue;
      double score = evidence * stop_hit_weight(lang.count);
      if (best < 0 || score > best_score) best_score = score, best = static_cast<int>(l), best_evidence = evidence;
    }
    // Latin script needs real stop-word evidence: too many languages share it to guess.
    if (script == lexdata::Script::Latin) return best_evidence >= kDetectMinHits ? best : kUnknown;
    // Cyrillic or Arabic letters with no evidence either way: the language most pages in that script are in.
    if (best < 0) return lang_index(script == lexdata::Script::Arabic ? "ar" : "ru");
    return best;
  }
};

}  // namespace pith::detail

namespace pith::lexicon {

/// Maps a BCP 47 tag ("de", "pt-BR", "zh-Hant-TW", "nb_NO") to a language by
/// its primary subtag, case-insensitively; kUnknown when pith has no list for it.
inline LangId lang_from_tag(std::string_view bcp47) {
  while (!bcp47.empty() && (bcp47.front() == ' ' || bcp47.front() == '\t')) bcp47.remove_prefix(1);
  std::string_view primary = bcp47.substr(0, bcp47.find_first_of("-_ \t;,"));
  if (primary.size() < 2 || primary.size() > 3) return kUnknown;
  char buf[3];
  for (std::size_t i = 0; i < primary.size(); ++i) {
    char c = primary[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c < 'a' || c > 'z') return kUnknown;
    buf[i] = c;
  }
  std::string_view code(buf, primary.size());
  // Deprecated, macrolanguage and individual-language codes that mean one of ours.
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"nb", "no"}, {"nn", "no"}, {"iw", "he"}, {"in", "id"}, {"cmn", "zh"}, {"yue", "zh"}, {"arb", "ar"}, {"pes", "fa"}};
  for (const auto& a : kAliases)
    if (a.first == code) code = a.second;
  if (code.size() != 2) return kUnknown;
  const auto* begin = detail::lexdata::kLanguages;
  const auto* end = begin + detail::lexdata::kLanguageCount;
  const auto* it = std::lower_bound(begin, end, code, [](const detail::lexdata::Language& l, std::string_view c) { return l.tag < c; });
  return (it != end && it->tag == code) ? static_cast<LangId>(it - begin) : kUnknown;
}

/// The ISO 639-1 tag of a language ("pt"); empty for kUnknown or an invalid id.
inline std::string_view lang_tag(LangId id) {
  if (id < 0 || static_cast<std::size_t>(id) >= detail::lexdata::kLanguageCount) return {};
  return detail::lexdata::kLanguages[id].tag;
}

/// Number of languages with a stop-word list; valid LangIds are 0..language_count()-1.
inline std::size_t language_count() { return detail::lexdata::kLanguageCount; }

/// True when `lower_word` (one lower-cased word, UTF-8) is a stop word of
/// language `id`. One hash probe, no allocation; false for kUnknown.
inline bool is_stopword(LangId id, std::string_view lower_word) {
  if (id < 0 || static_cast<std::size_t>(id) >= detail::lexdata::kLanguageCount || lower_word.empty()) return false;
  if (detail::has_dotted_i(lower_word)) {  // rare: only words from a Turkish capital İ
    thread_local std::string buf;
    detail::strip_dotted_i(lower_word, buf);
    return detail::in_stop_list(static_cast<std::size_t>(id), buf);
  }
  return detail::in_stop_list(static_cast<std::size_t>(id), lower_word);
}

/// Detects the language of a document from its text (any case). The script of
/// the letters decides first: Han without kana is Chinese, kana Japanese,
/// Hangul Korean, Hebrew, Thai, Greek and Devanagari their one language each.
/// Within Latin, Cyrillic (ru/uk/bg) and Arabic (ar/fa) script, stop-word hits
/// decide, each hit weighted down by the size of its list so that the long
/// lists do not win by size alone, helped by letters only a few languages
/// write (ł, ı, ő, ї, پ...). Reads at most the first ~20 000 words.
/// Returns kUnknown when the text gives too little evidence.
inline LangId detect_language(std::string_view text) {
  using namespace detail;
  if (text.size() > kDetectMaxBytes) {
    std::size_t cut = kDetectMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole code points only
    text = text.substr(0, cut);
  }
  LangEvidence ev;
  std::string buf, stripped;
  for_each_word(text, [&](std::string_view w, bool spaceless) {
    ev.add(w, spaceless, [&](bool ascii) {
      std::string_view low;
      char small[64];
      if (ascii && w.size() <= sizeof small) {
        for (std::size_t k = 0; k < w.size(); ++k) small[k] = lower_ascii_byte(w[k]);
        low = std::string_view(small, w.size());
      } else {
        to_lower_into(w, buf);
        low = buf;
        if (has_dotted_i(low)) {
          strip_dotted_i(low, stripped);
          low = stripped;
        }
      }
      return stopword_langs(low);
    });
  });
  return ev.decide();
}

}  // namespace pith::lexicon

namespace pith::detail {

/// Bit masks over up to 16 bytes p[0..avail) (bit k: p[k]); bits from
/// `avail` up are clear.
struct ByteMasks16 {
  std::uint32_t word = 0;      // ASCII word characters [0-9A-Za-z_], as is_word_cp says
  std::uint32_t nonascii = 0;  // bytes >= 0x80
  std::uint32_t space = 0;     // ' '
};

PITH_HOT_INLINE ByteMasks16 byte_masks16(const char* p, std::size_t avail) {
  ByteMasks16 m;
#if defined(__SSE2__)
  const __m128i x = load_upto16(p, avail);  // a short tail: zero bytes after it, ASCII and of no class
  // Signed compares: bytes >= 0x80 are negative, so below every ASCII bound.
  const __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
  const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const __m128i under = _mm_cmpeq_epi8(x, _mm_set1_epi8('_'));
  m.word = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), under)));
  m.nonascii = static_cast<std::uint32_t>(_mm_movemask_epi8(x));
  m.space = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))));
#else
  for (std::size_t k = 0; k < avail && k < 16; ++k) {
    const unsigned char b = static_cast<unsigned char>(p[k]);
    if (b >= 0x80) m.nonascii |= 1u << k;
    else if (ascii_class(b) & kAsciiWord) m.word |= 1u << k;
    else if (b == ' ') m.space |= 1u << k;
  }
#endif
  return m;
}

PITH_HOT_INLINE unsigned ctz32(std::uint32_t x) {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_ctz(x));
#else
  unsigned k = 0;
  while (!((x >> k) & 1)) ++k;
  return k;
#endif
}

/// What chrome_owners found.
enum class ChromeScan { kNone, kMatched, kDottedI };

/// The matching pass of lexicon::match_chrome over `s`: at each position
/// where a phrase may start, the longest phrase that fits its boundaries is
/// recorded in `own` (its category on each of its bytes, -1 elsewhere; `own`
/// is written only when something matches) and the scan goes on after it.
/// With `check_dotted`, returns kDottedI as soon as it meets an "i" + U+0307
/// that must be stripped first.
///
/// ASCII is scanned sixteen bytes at a time: one set of masks gives every
/// word start and every punctuation mark there, and only those are looked at
/// (spaces never start a phrase, nor do word characters inside a word). A
/// word start costs one hash of its leading run and one bit test (`lead`)
/// before the finer filters; most words of running text stop there.
inline ChromeScan chrome_owners(std::string_view s, std::vector<std::int8_t>& own, bool check_dotted) {
  const ChromeTrie& trie = chrome_trie();
  const std::size_t n = s.size();
  bool any = false;

  // is_spaced_word_cp, with ASCII answered by a table lookup.
  auto spaced_at = [&](std::size_t k) {
    unsigned char b = static_cast<unsigned char>(s[k]);
    return b < 0x80 ? (ascii_class(b) & kAsciiWord) != 0 : is_spaced_word_cp(next_cp(s, k));
  };
  auto ascii_word_at = [&](std::size_t k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    return c < 0x80 && (ascii_class(c) & kAsciiWord);
  };
  // The hash of the ASCII run s[from, end) (end > from: the end of its letters/digits).
  auto run_hash_of = [&](std::size_t from, std::size_t end) {
    constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    const std::size_t len = end - from;
    std::uint64_t key8;
    if (from + 8 <= n) {
      std::memcpy(&key8, s.data() + from, 8);
      if (len < 8) key8 &= (std::uint64_t{1} << (8 * len)) - 1;
    } else {
      key8 = load_short_le(s.data() + from, len);  // len < 8 here
    }
    const std::uint64_t upper = (((key8 | H) - 'A' * L) & ~((key8 | H) - ('Z' + 1) * L)) & H;  // its bytes are all ASCII
    return ChromeTrie::run_hash(key8 | upper >> 2, len);
  };
  // The filters of a word start `from` whose run ends at `e` with hash h1: false when no phrase can start there.
  auto word_may_start = [&](std::size_t e, std::uint64_t h1) {
    if (!ChromeTrie::test(trie.lead.data(), static_cast<std::uint32_t>(h1 >> 48))) return false;
    const unsigned after = e < n ? static_cast<std::uint8_t>(s[e]) : ChromeTrie::kPhraseEnd;
    if (ChromeTrie::test(trie.first_word.data(), ChromeTrie::word_bit(h1, ChromeTrie::kPhraseEnd)) ||
        (after != ChromeTrie::kPhraseEnd && ChromeTrie::test(trie.first_word.data(), ChromeTrie::word_bit(h1, after))))
      return true;
    if (after != ' ' || e + 1 >= n || !ChromeTrie::test(trie.pair_first.data(), static_cast<std::uint32_t>(h1 >> 48)) || !ascii_word_at(e + 1))
      return false;
    std::size_t e2 = e + 1;
    while (e2 < n && ascii_word_at(e2)) ++e2;
    return ChromeTrie::test(trie.pair.data(), ChromeTrie::pair_bit(h1, run_hash_of(e + 1, e2)));
  };
  // The end of the longest phrase at `start` that fits its boundaries (0: none); its category into `cat`.
  auto walk = [&](std::size_t start, bool at_boundary, int& cat) {
    std::int32_t node = 0;
    std::size_t best_end = 0;
    for (std::size_t j = start; j < n;) {
      std::uint8_t b = static_cast<std::uint8_t>(s[j]);
      if (b >= 'A' && b <= 'Z') b = static_cast<std::uint8_t>(b + 32);
      node = trie.next(static_cast<std::uint32_t>(node), b);
      if (node < 0) break;
      ++j;
      const ChromeTrie::Node& nd = trie.nodes[static_cast<std::size_t>(node)];
      if (nd.category < 0) continue;
      if ((nd.flags & ChromeTrie::kNeedStart) && !at_boundary) continue;
      if ((nd.flags & ChromeTrie::kNeedEnd) && j < n && spaced_at(j)) continue;
      best_end = j;
      cat = nd.category;
    }
    return best_end;
  };
  // Records phrase [start, end) of category `cat`; returns whether its last code point is a spaced-script word character.
  auto take = [&](std::size_t start, std::size_t end, int cat) {
    if (!any) own.assign(n, -1);
    std::fill(own.begin() + static_cast<std::ptrdiff_t>(start), own.begin() + static_cast<std::ptrdiff_t>(end), static_cast<std::int8_t>(cat));
    any = true;
    return is_spaced_word_cp(last_cp(s.substr(start, end - start)));
  };

  bool prev_spaced = false;  // the code point before position i is a spaced-script word character (start of text: no)
  for (std::size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      // The ASCII stretch s[i, i + len) of the next sixteen bytes. Inside it
      // a position's left neighbour is a word character exactly when its
      // `word` bit is set; a walk is needed only at word starts and at
      // punctuation that starts some phrase.
      const ByteMasks16 m = byte_masks16(s.data() + i, std::min<std::size_t>(16, n - i));
      const std::size_t len = m.nonascii ? ctz32(m.nonascii) : std::min<std::size_t>(16, n - i);
      const std::uint32_t in = (std::uint32_t{1} << len) - 1;
      const std::uint32_t word = m.word & in;
      std::uint32_t cand = (word & ~((word << 1) | static_cast<std::uint32_t>(prev_spaced))) | (in & ~word & (trie.space_starts ? ~0u : ~m.space));
      bool jumped = false;  // i and prev_spaced have been moved on
      while (cand) {
        const unsigned k = ctz32(cand);
        cand &= cand - 1;
        const std::size_t p = i + k;
        int cat = -1;
        std::size_t end;
        if ((word >> k) & 1) {  // a word start: only phrases whose leading run is this word's can match
          std::size_t e = p + ctz32(~word >> k);
          if (e == i + 16)  // the run goes on past these sixteen bytes
            while (e < n && ascii_word_at(e)) ++e;
          if (!word_may_start(e, run_hash_of(p, e))) continue;
          end = walk(p, true, cat);
        } else {  // punctuation or a control byte (never a capital: no folding)
          if (!ChromeTrie::test(trie.first_byte.data(), static_cast<std::uint8_t>(s[p]))) continue;  // no phrase starts with it
          if (p + 3 <= n && !trie.may_start(s.data() + p)) continue;
          const bool left_spaced = k ? ((word >> (k - 1)) & 1) != 0 : prev_spaced;
          end = walk(p, !left_spaced, cat);
        }
        if (end) {
          prev_spaced = take(p, end, cat);
          i = end;
          jumped = true;
          break;
        }
      }
      if (!jumped) {
        prev_spaced = (word >> (len - 1)) & 1;
        i += len;
      }
      continue;
    }
    // A non-ASCII code point.
    if (check_dotted) {  // any "i" + U+0307 lies from here on
      check_dotted = false;
      if (has_dotted_i(s.substr(i ? i - 1 : 0))) return ChromeScan::kDottedI;
    }
    const std::size_t start = i;
    const bool cp_spaced = is_spaced_word_cp(next_cp(s, i));
    if (prev_spaced && cp_spaced) continue;  // inside a word: only phrases not starting with a letter could begin here
    if (start + 3 <= n && !trie.may_start(s.data() + start)) {  // no phrase starts here: the walk would find nothing
      prev_spaced = cp_spaced;
      continue;
    }
    int cat = -1;
    if (const std::size_t end = walk(start, !prev_spaced, cat)) {
      prev_spaced = take(start, end, cat);
      i = end;
      continue;
    }
    prev_spaced = cp_spaced;
  }
  return any ? ChromeScan::kMatched : ChromeScan::kNone;
}

}  // namespace pith::detail

namespace pith::lexicon {

/// Finds chrome-lexicon phrases in one block's lower-cased text and reports how
/// much of the block they cover: the share of its letter/digit code points
/// inside matched phrases (a number right next to a phrase, as in "12
/// comments" or "© 2024", counts as part of it). Phrases in space-separated
/// scripts match whole words only ("share" does not match "shares" or
/// "timeshare"); Chinese/Japanese/Thai phrases match anywhere. At each position
/// the longest phrase wins. ASCII capitals are folded here; other text must
/// come lower-cased (detail::to_lower). No allocation per call once a thread
/// has seen its longest block.
inline ChromeHit match_chrome(std::string_view lower_text) {
  using namespace detail;
  ChromeHit hit;
  if (lower_text.empty()) return hit;
  thread_local std::vector<std::int8_t> own;
  ChromeScan scan = chrome_owners(lower_text, own, true);
  if (scan == ChromeScan::kDottedI) {  // rare: only text with a Turkish capital İ lower-cased
    thread_local std::string dotless;
    strip_dotted_i(lower_text, dotless);
    lower_text = dotless;
    scan = chrome_owners(lower_text, own, false);
  }
  if (scan == ChromeScan::kNone) return hit;
  const std::string_view s = lower_text;
  const std::size_t n = s.size();

  std::array<std::size_t, lexdata::kChromeCategoryCount> cover{};
  std::size_t total = 0;
  std::array<std::size_t, lexdata::kChromeCategoryCount + 1> cover1{};  // cover, shifted by one: [0] counts unowned
  for (std::size_t i = 0; i < n;) {
#ifdef PITH_SWAR
    // Eight bytes at a time while they are ASCII non-digits with one owner
    // each time (most of a block: unowned text, or inside one phrase): only
    // their word characters are counted, all for that owner.
    while (i + 8 <= n) {
      constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
      std::uint64_t x, o;
      std::memcpy(&x, s.data() + i, 8);
      std::memcpy(&o, own.data() + i, 8);
      if ((x & H) || o != (o & 0xFF) * L) break;  // a non-ASCII byte, or two owners
      const AsciiWordBytes8 m = ascii_word_bytes8(x);
      if (m.digit) break;  // numbers are counted whole, below
      const std::size_t words = static_cast<std::size_t>(((m.word >> 7) * L) >> 56);  // the bytes' flags summed into the top byte
      total += words;
      cover1[((o & 0xFF) + 1) & 0xFF] += words;  // owner + 1, as below (-1 is 0xFF: unowned goes to 0)
      i += 8;
    }
#endif
    // ASCII other than digits, without branches: a word character counts,
    // and counts for its owner. At most eight bytes, then back to the step
    // above (a phrase's edge or a number must not leave the rest of a long
    // block to this loop).
    const std::size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      const unsigned char b = static_cast<unsigned char>(s[i]);
      if (b >= 0x80 || (ascii_class(b) & kAsciiDigit)) break;
      const std::size_t word = (ascii_class(b) & kAsciiWord) != 0;
      total += word;
      cover1[static_cast<std::size_t>(own[i] + 1)] += word;
    }
    if (i >= n) break;
    if (i == stop) continue;  // eight bytes done, none of them a digit or non-ASCII
    std::size_t start = i;
    UChar32 cp = next_cp(s, i);
    if (!is_word_cp(cp)) continue;
    if (own[start] < 0 && is_digit_cp(cp)) {
      // A whole number: digits with , . between them.
      std::size_t digits = 1;
      const std::size_t end = number_end(s, i, digits);
      total += digits;
      int cat = number_owner(s, own, start, end);
      if (cat >= 0) cover[static_cast<std::size_t>(cat)] += digits;
      i = end;
      continue;
    }
    ++total;
    if (own[start] >= 0) ++cover[static_cast<std::size_t>(own[start])];
  }
  for (std::size_t c = 0; c < cover.size(); ++c) cover[c] += cover1[c + 1];
  std::size_t covered = 0, best = 0;
  for (int c = 0; c < lexdata::kChromeCategoryCount; ++c) {
    covered += cover[static_cast<std::size_t>(c)];
    if (cover[static_cast<std::size_t>(c)] > best) best = cover[static_cast<std::size_t>(c)], hit.category = c;
  }
  if (total == 0) {  // only symbols, e.g. a lone "©": the phrase is the whole block
    hit.coverage = 1.0;
    for (std::size_t i = 0; i < n; ++i)
      if (own[i] >= 0) {
        hit.category = own[i];
        break;
      }
    return hit;
  }
  hit.coverage = static_cast<double>(covered) / static_cast<double>(total);
  return hit;
}

/// Name of a chrome category ("skip", "nav", "share", "comment", "subscribe",
/// "related", "legal", "account", "ad", "media", "meta"); empty when out of range.
inline std::string_view chrome_category_name(int category) {
  if (category < 0 || category >= detail::lexdata::kChromeCategoryCount) return {};
  return detail::lexdata::kChromeCategories[category].name;
}

/// Number of chrome categories; valid categories are 0..chrome_category_count()-1.
inline int chrome_category_count() { return detail::lexdata::kChromeCategoryCount; }

}  // namespace pith::lexicon
