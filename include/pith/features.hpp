// pith/features.hpp — the features stage: the numbers each block is judged by.
//
// Every feature is a property of one block's text (length, stop words,
// punctuation, headline case, separators, UI-phrase lexicon) or of its place
// in the page (position, link density and DOM priors, filled by the HTML
// parse stage). Nothing here decides anything; classify.hpp does.
//
//   pith::DocContext ctx = pith::make_context(blocks, options.language, html_lang);
//   pith::compute_features(blocks, ctx);
//   pith::Features f = pith::text_features("Share this post", ctx.lang);
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>  // SSE2 only: part of every x86-64 CPU (as in text_model.hpp)
#endif

#include "pith/detail/unicode.hpp"
#include "pith/lexicon.hpp"
#include "pith/types.hpp"

namespace pith {

/// What the features of one block depend on beyond the block itself.
struct DocContext {
  lexicon::LangId lang = lexicon::kUnknown;
  /// HTML mode: blocks carry markup features (links, DOM) that text lines lack.
  bool html = false;
  /// Stop-word thresholds are multiplied by this (classify.hpp calibrates it
  /// per document): languages whose function words are particles glued to
  /// words (Korean, Japanese) or whose lists are short show lower densities.
  double stop_scale = 1.0;
  /// Share of the document's letters in spaceless scripts (zh, ja, th…), which
  /// makes character-count thresholds count each such character more.
  double spaceless_share = 0;
  /// Whether the stages write Block::reasons (Options::reasons); the decisions are the same either way.
  bool reasons = true;
};

namespace detail {

/// Closing quotes and brackets that may follow a sentence's final punctuation.
inline bool is_closing_mark(UChar32 cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0x00BB ||
         cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == 0x203A || cp == '*';
}

/// Sentence-final punctuation of the scripts pith meets.
inline bool is_sentence_end(UChar32 cp) {
  switch (cp) {
    case '.': case '!': case '?':
    case 0x2026:  // …
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E:  // 。！？．
    case 0x061F: case 0x06D4:  // Arabic question mark, Urdu full stop
    case 0x0964: case 0x0965:  // Devanagari danda
    case 0x1362:  // Ethiopic full stop
    case 0x0589:  // Armenian full stop
      return true;
    default:
      return false;
  }
}

/// Characters that separate items in bylines, breadcrumbs and menus.
inline bool is_separator_cp(UChar32 cp) {
  switch (cp) {
    case '|': case 0x2022 /*•*/: case 0x00B7 /*·*/:
    case 0x203A /*›*/: case 0x2039 /*‹*/: case 0x2219 /*∙*/: case 0x25E6 /*◦*/: case 0x25AA /*▪*/:
    case 0x25A0 /*■*/: case 0x2666 /*♦*/: case 0x25B8 /*▸*/: case 0x25B6 /*▶*/: case 0x2192 /*→*/:
    case 0x27E9 /*⟩*/: case 0x00A6 /*¦*/: case 0x2023 /*‣*/: case 0x22C5 /*⋅*/:
      return true;
    default:
      return false;
  }
}

/// Each ASCII byte's share of text_features_with's ASCII counts, packed in
/// 16-bit lanes: letters A-Z a-z (bits 0-15), digits (16-31), punctuation and
/// symbols (32-47), '|' (48-63).
struct AsciiCountTable {
  std::uint64_t v[128] = {};
  constexpr AsciiCountTable() {
    for (int b = 0; b < 128; ++b) {
      const std::uint8_t c = kAscii.c[b];
      v[b] = ((c & kAsciiAlpha) ? std::uint64_t{1} : 0) | ((c & kAsciiDigit) ? std::uint64_t{1} << 16 : 0) |
             ((c & kAsciiPunct) ? std::uint64_t{1} << 32 : 0) | (b == '|' ? std::uint64_t{1} << 48 : 0);
    }
  }
};
inline constexpr AsciiCountTable kAsciiCounts{};

#if defined(__SSE2__)
/// Bytes of `x` from `lo` to `hi` (ASCII), 0xFF each, else 0. Signed
/// compares: bytes from 0x80 up are negative, so in no such range.
inline __m128i bytes_in(__m128i x, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))), _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

/// Sixteen bytes' ASCII classes as kAsciiCounts counts them (0xFF a byte in the
/// class, else 0; no byte from 0x80 up is in any).
struct AsciiChunkClasses {
  __m128i letter, digit, punct;
};
inline AsciiChunkClasses ascii_chunk_classes(__m128i v) {
  const __m128i letter = bytes_in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');  // kAsciiAlpha
  const __m128i digit = bytes_in(v, '0', '9');                                       // kAsciiDigit
  const __m128i punct = _mm_andnot_si128(_mm_or_si128(letter, digit), bytes_in(v, 0x21, 0x7E));  // kAsciiPunct: printable, no letter or digit
  return {letter, digit, punct};
}

/// kAsciiCounts's four counts — letters, digits, symbols, '|' — sixteen bytes
/// at a time: each class's flags (0 or -1 a byte) are subtracted into byte
/// counters, summed out (psadbw) before a counter could wrap.
struct AsciiClassCounts {
  __m128i alpha = _mm_setzero_si128(), digit = alpha, punct = alpha, bar = alpha;
  unsigned rounds = 0;
  std::size_t sums[4] = {};
  void add(__m128i v, const AsciiChunkClasses& c) {
    alpha = _mm_sub_epi8(alpha, c.letter);
    digit = _mm_sub_epi8(digit, c.digit);
    punct = _mm_sub_epi8(punct, c.punct);
    bar = _mm_sub_epi8(bar, _mm_cmpeq_epi8(v, _mm_set1_epi8('|')));
    if (++rounds == 255) sum_out();  // a byte counter holds 255
  }
  void sum_out() {
    const __m128i zero = _mm_setzero_si128();
    auto sum = [&](__m128i c) {
      const __m128i s = _mm_sad_epu8(c, zero);  // two 64-bit sums of eight bytes each
      return static_cast<std::size_t>(_mm_cvtsi128_si32(s)) + static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(s, 8)));
    };
    sums[0] += sum(alpha), sums[1] += sum(digit), sums[2] += sum(punct), sums[3] += sum(bar);
    alpha = digit = punct = bar = zero;
    rounds = 0;
  }
  /// Adds the counts so far to the four totals.
  void flush(std::size_t& letters, std::size_t& digits, std::size_t& symbols, std::size_t& bars) {
    sum_out();
    letters += sums[0], digits += sums[1], symbols += sums[2], bars += sums[3];
    sums[0] = sums[1] = sums[2] = sums[3] = 0;
  }
};
#endif

/// True when the text opens with a list marker: "- ", "* ", "• ", "1. ", "2) ".
inline bool has_list_marker(std::string_view t) {
  if (t.size() < 2) return false;
  if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return true;
  if (t.rfind("\xE2\x80\xA2 ", 0) == 0 || t.rfind("\xE2\x80\x93 ", 0) == 0) return true;  // "• ", "– "
  std::size_t i = 0;
  while (i < t.size() && i < 3 && t[i] >= '0' && t[i] <= '9') ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

/// The place of the first ASCII digit of `t` from `i` on (t.size() if none),
/// eight bytes at a time: has_date_or_time passes over the text between numbers.
inline std::size_t next_ascii_digit(std::string_view t, std::size_t i) {
#ifdef PITH_SWAR
  constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
  for (; i + 8 <= t.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, t.data() + i, 8);
    // (b | 0x80) - a keeps its top bit exactly when b's low seven bits are >= a, with no borrow between bytes.
    const std::uint64_t low7 = (x & ~H) | H;
    const std::uint64_t digit = (low7 - '0' * L) & ~(low7 - ('9' + 1) * L) & ~x & H;  // bytes from 0x80 up are no digit
    if (digit) return i + static_cast<std::size_t>(__builtin_ctzll(digit)) / 8;
  }
#endif
  for (; i < t.size(); ++i)
    if (t[i] >= '0' && t[i] <= '9') return i;
  return t.size();
}

/// `s` as lexicon::match_chrome wants it: text whose lower-casing changes
/// only ASCII capitals (all ASCII text, and most scraped English with its
/// curly quotes and dashes: lowers_as_ascii) as it is — the matcher folds
/// ASCII capitals itself, so the result is the same as for to_lower(s) —
/// other text lower-cased into `buf`.
inline std::string_view lower_for_chrome(std::string_view s, std::string& buf) {
  if (is_ascii(s) || lowers_as_ascii(s)) return s;
  to_lower_into(s, buf);
  return buf;
}

}  // namespace detail

/// True when the text holds a year 1900–2099 standing alone or a clock time
/// like 9:41 or 09:41: the marks of datelines and timestamps.
inline bool has_date_or_time(std::string_view t) {
  auto digit = [&](std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  // Each run of digits, found from its first digit: the search starts at the
  // text's start or just past a run, so the digit it finds opens a run.
  for (std::size_t i = detail::next_ascii_digit(t, 0); i < t.size(); i = detail::next_ascii_digit(t, i)) {
    std::size_t j = i;
    while (digit(j)) ++j;
    std::size_t len = j - i;
    if (len == 4 && (t.compare(i, 2, "19") == 0 || t.compare(i, 2, "20") == 0)) return true;
    if ((len == 1 || len == 2) && j + 2 < t.size() + 0 && t[j] == ':' && digit(j + 1) && digit(j + 2) && !digit(j + 3)) return true;
    i = j;
  }
  return false;
}

/// The lexicon category id of `name` ("meta", "related"…), -1 if none.
inline int chrome_category_id(std::string_view name) {
  for (int c = 0; c < lexicon::chrome_category_count(); ++c)
    if (lexicon::chrome_category_name(c) == name) return c;
  return -1;
}

/// True when a line opens with a UI label and says little else: a label
/// before a colon ("Further Reading: …", "Photo: …", "Lire aussi : …"), or a
/// byline ("by editor", "Von Anna Schmidt") — a credit word and a name.
inline bool opens_with_chrome(std::string_view text, std::size_t words, bool terminal) {
  constexpr std::size_t kMaxLabelBytes = 40;   // UI labels are a few words; a longer lead-in is a sentence
  constexpr std::size_t kMaxBylineWords = 6;   // "By Jane Doe and John Roe, Staff" at most
  thread_local std::string buf;
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon > 0 && colon <= kMaxLabelBytes) {
    lexicon::ChromeHit h = lexicon::match_chrome(detail::lower_for_chrome(text.substr(0, colon), buf));
    if (h.coverage >= 0.99) return true;
  }
  if (words <= kMaxBylineWords && !terminal) {
    static const int meta = chrome_category_id("meta");
    std::size_t sp = text.find(' ');
    if (sp != std::string_view::npos && sp > 0) {
      lexicon::ChromeHit h = lexicon::match_chrome(detail::lower_for_chrome(text.substr(0, sp), buf));
      if (h.coverage >= 0.99 && h.category == meta) return true;
    }
  }
  return false;
}

namespace detail {

/// The letters make_context counts for the spaceless share.
struct ScriptLetters {
  std::size_t letters = 0, spaceless = 0;
};

/// What text_features counts of a text's words.
struct WordCounts {
  std::size_t letters = 0;  // code points in words
  std::size_t cased = 0;    // words of spaced scripts that do not open with a digit...
  std::size_t upper = 0;    // ...and those of them that open with a capital
  std::size_t stop = 0;     // stop words
};

/// The rest of text_features once the text's characters (f.chars,
/// f.separators from '|' and the like, `digits`, `symbols`) and words
/// (f.words, `wc`) are counted: the " / " separators, the ratios, and the
/// properties read off the text itself. `ascii`: the text is all ASCII.
inline void finish_text_features(std::string_view text, bool ascii, std::size_t digits, std::size_t symbols, const WordCounts& wc,
                                 Features& f) {
  // " / " between words separates breadcrumb and menu items as '|' does.
  // (Found from the rare '/', not the frequent ' '; matches do not overlap.)
  for (std::size_t q = text.find('/', 1), next = 0; q != std::string_view::npos; q = text.find('/', q + 1))
    if (q - 1 >= next && q + 1 < text.size() && text[q - 1] == ' ' && text[q + 1] == ' ') ++f.separators, next = q + 2;
  if (f.words) {
    f.mean_word_len = static_cast<double>(wc.letters) / static_cast<double>(f.words);
    f.stopword_density = static_cast<double>(wc.stop) / static_cast<double>(f.words);
  }
  if (wc.cased) f.capitalised_ratio = static_cast<double>(wc.upper) / static_cast<double>(wc.cased);
  if (f.chars) {
    f.digit_ratio = static_cast<double>(digits) / static_cast<double>(f.chars);
    f.symbol_ratio = static_cast<double>(symbols) / static_cast<double>(f.chars);
  }
  // Terminal punctuation: skip closing quotes/brackets, then look for a sentence end.
  {
    std::size_t end = text.size();
    while (end > 0) {
      std::size_t s = end - 1;
      while (s > 0 && (static_cast<unsigned char>(text[s]) & 0xC0) == 0x80) --s;
      std::size_t j = s;
      UChar32 cp = detail::next_cp(text, j);
      // Closing quotes, brackets and emoji may follow the sentence's end mark.
      if (detail::is_closing_mark(cp) || detail::is_space_cp(cp) || (cp >= 0x80 && u_charType(cp) == U_OTHER_SYMBOL) ||
          cp == 0xFE0F /* emoji presentation selector */) {
        end = s;
        continue;
      }
      f.terminal_punct = detail::is_sentence_end(cp);
      break;
    }
  }
  f.starts_list_marker = detail::has_list_marker(text);
  f.has_date = f.digit_ratio > 0 && has_date_or_time(text);
  f.chrome_lead = opens_with_chrome(text, f.words, f.terminal_punct);
  thread_local std::string chrome_buf;
  lexicon::ChromeHit hit = lexicon::match_chrome(ascii ? text : detail::lower_for_chrome(text, chrome_buf));
  f.chrome_lexicon = hit.coverage;
  f.chrome_category = hit.category;
}

/// text_features, with the stop-word test of each word left to
/// `word_stop(word, spaceless, text_is_ascii)` (returns how many stop words
/// the word is: 0 or 1). When `sl` is given, the text's letters are added to
/// it as make_context counts them.
template <class WordStop>
Features text_features_with(std::string_view text, WordStop&& word_stop, ScriptLetters* sl = nullptr) {
  Features f;
  std::size_t digits = 0, symbols = 0, chars = 0;
  std::size_t guillemet_open = 0, guillemet_close = 0;
  std::size_t alpha = 0, spaceless_letters = 0;  // for `sl`
  bool ascii = true;
  for (std::size_t i = 0; i < text.size();) {
    // ASCII, counted without branches: one table lookup and one addition a
    // byte count letters, digits, symbols and '|' (ASCII's only separator, and
    // a symbol) at once, in the 16-bit lanes of kAsciiCounts.
    std::size_t bars = 0, start = i;
    while (i < text.size()) {
      const std::size_t chunk_end = std::min(text.size(), i + 0xFFFF);  // a lane holds 65535
      std::uint64_t acc = 0;
#if defined(__SSE2__)
      // Sixteen ASCII bytes at a time: each class's flags (0 or -1 a byte)
      // are subtracted into byte counters, summed out (psadbw) before a
      // counter could wrap; the table loop below takes the rest.
      {
        AsciiClassCounts counts;
        while (i + 16 <= chunk_end) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
          if (_mm_movemask_epi8(v)) break;  // a non-ASCII byte: below
          counts.add(v, ascii_chunk_classes(v));
          i += 16;
        }
        counts.flush(alpha, digits, symbols, bars);
      }
#endif
      for (; i < chunk_end; ++i) {
        const unsigned char b = static_cast<unsigned char>(text[i]);
        if (b >= 0x80) break;
        acc += detail::kAsciiCounts.v[b];
      }
      alpha += acc & 0xFFFF;
      digits += (acc >> 16) & 0xFFFF;
      symbols += (acc >> 32) & 0xFFFF;
      bars += acc >> 48;
      if (i < chunk_end) break;  // a non-ASCII byte
    }
    chars += i - start;
    f.separators += static_cast<int>(bars);
    if (i >= text.size()) break;
    ++chars;
    ascii = false;
    UChar32 cp = detail::next_cp(text, i);
    if (sl && detail::is_word_cp(cp)) ++alpha, spaceless_letters += detail::is_spaceless_script_cp(cp);
    if (cp == 0x00AB) ++guillemet_open, ++symbols;        // «
    else if (cp == 0x00BB) ++guillemet_close, ++symbols;  // »
    else if (detail::is_digit_cp(cp)) ++digits;
    else if (detail::is_separator_cp(cp)) ++f.separators, ++symbols;
    else if (detail::is_punct_or_symbol_cp(cp)) ++symbols;
  }
  f.chars = chars;
  if (sl) sl->letters += alpha, sl->spaceless += spaceless_letters;
  WordCounts wc;
  detail::for_each_word(text, [&](std::string_view w, bool spaceless) {
    ++f.words;
    wc.letters += ascii ? w.size() : detail::cp_count(w);
    if (!spaceless) {
      UChar32 c0 = detail::first_cp(w);
      if (!detail::is_digit_cp(c0)) {
        ++wc.cased;
        if (detail::is_upper_cp(c0)) ++wc.upper;
      }
    }
    wc.stop += word_stop(w, spaceless, ascii);
  });
  // « » in pairs are quotation marks (French, Russian); unpaired » is a
  // breadcrumb separator ("Home » News » Europe").
  f.separators += static_cast<int>(guillemet_open > guillemet_close ? guillemet_open - guillemet_close : guillemet_close - guillemet_open);
  finish_text_features(text, ascii, digits, symbols, wc, f);
  return f;
}

}  // namespace detail

/// The features of one piece of text that do not depend on its neighbours or markup.
inline Features text_features(std::string_view text, lexicon::LangId lang) {
  const bool lang_known = lang >= 0 && static_cast<std::size_t>(lang) < lexicon::language_count();
  thread_local std::string lower_buf;
  return detail::text_features_with(text, [&](std::string_view w, bool, bool ascii) -> std::size_t {
    if (!lang_known) return 0;
    char small[64] = {};
    if (w.size() <= sizeof small && (ascii || detail::is_ascii(w))) {
      // to_lower() of ASCII is ASCII lower-casing: done on the stack.
      for (std::size_t k = 0; k < w.size(); ++k) small[k] = detail::lower_ascii_byte(w[k]);
      const std::string_view low(small, w.size());
      return (detail::stopword_index().langs(low, detail::word_key8(small, w.size())) >> lang) & 1;
    }
    detail::to_lower_into(w, lower_buf);
    return lexicon::is_stopword(lang, lower_buf);
  });
}

/// Detects the document's language and the share of spaceless-script text,
/// from the blocks' text. `forced` (the caller's Options::language) wins;
/// `page_hint` (<html lang>) is used only when the text names no language,
/// since templates often declare a language the article is not written in.
inline DocContext make_context(const std::vector<Block>& blocks, std::string_view forced, std::string_view page_hint = {}) {
  DocContext ctx;
  std::string sample;
  for (const Block& b : blocks) {
    if (sample.size() > (std::size_t{1} << 17)) break;  // 128 KiB of text names a language as well as all of it
    sample += b.text;
    sample += '\n';
  }
  if (!forced.empty()) ctx.lang = lexicon::lang_from_tag(forced);
  if (ctx.lang == lexicon::kUnknown) ctx.lang = lexicon::detect_language(sample);
  if (ctx.lang == lexicon::kUnknown && !page_hint.empty()) ctx.lang = lexicon::lang_from_tag(page_hint);
  std::size_t spaceless = 0, letters = 0;
  for (std::size_t i = 0; i < sample.size();) {
    unsigned char c = static_cast<unsigned char>(sample[i]);
    if (c < 0x80) {
      ++i;
      letters += (c | 32) >= 'a' && (c | 32) <= 'z';
      continue;
    }
    UChar32 cp = detail::next_cp(sample, i);
    if (detail::is_word_cp(cp)) {
      ++letters;
      spaceless += detail::is_spaceless_script_cp(cp);
    }
  }
  if (letters) ctx.spaceless_share = static_cast<double>(spaceless) / static_cast<double>(letters);
  return ctx;
}

/// Fills `features` of every block: the text features plus position. Link
/// density and DOM priors are filled here from what the HTML stage recorded.
inline void compute_features(std::vector<Block>& blocks, const DocContext& ctx) {
  const double n = static_cast<double>(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    Features keep_html = b.features;  // the HTML stage may have set dom_prior/region_score already
    b.features = text_features(b.text, ctx.lang);
    b.features.dom_prior = keep_html.dom_prior;
    b.features.region_score = keep_html.region_score;
    b.features.position = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
    if (b.features.chars) b.features.link_density = std::min(1.0, static_cast<double>(b.link_chars) / static_cast<double>(b.features.chars));
  }
}

namespace detail {

/// What context_and_features remembers of each word besides its hash: the
/// languages whose stop-word lists have it (the low bits) and whether it is
/// too short to carry content (fewer than 3 characters, outside spaceless scripts).
inline constexpr std::uint64_t kShortWord = std::uint64_t{1} << 63;
inline constexpr std::uint64_t kStopMaskBits = (std::uint64_t{1} << 40) - 1;

/// What one line's walk hands context_and_features besides its Features, word
/// by word: the stop-word languages of each word that has any (`masks`), its
/// evidence for language detection when the line is in the detection sample
/// (`sampled`), what the line memo replays (`memo_words`: the mask, and the
/// Latin letters from kMemoLettersShift up), and the post-process stage's word
/// hashes and information (`word_hashes`, `word_info`: see kShortWord).
struct LineRecorder {
  static constexpr unsigned kMemoLettersShift = 40;  // above kStopMaskBits
  const StopwordIndex& stop_index;  // looked up once, not a guarded static per word
  U64Appender& masks;
  U64Appender& memo_words;
  LangEvidence& evidence;
  bool sampled = false;
  bool ascii_words = true;            // the line's words all took the ASCII path: the line may be memoised
  U64Appender word_hashes, word_info;  // the line's
  std::string buf, stripped;

  LineRecorder(U64Appender& masks_, U64Appender& memo_words_, LangEvidence& evidence_)
      : stop_index(stopword_index()), masks(masks_), memo_words(memo_words_), evidence(evidence_) {}

  /// Starts a line.
  void begin(bool in_sample) {
    sampled = in_sample;
    ascii_words = true;
    word_hashes.clear();
    word_info.clear();
  }

  /// An ASCII word of n <= 64 bytes, lower-cased at `low` (readable up to n
  /// rounded up to 8; the bytes past n are ignored), with `latin` letters A-Z a-z.
  PITH_HOT_INLINE void ascii_word(const char* low, std::size_t n, std::size_t latin) {
    const std::uint64_t mask = stop_index.langs(std::string_view(low, n), word_key8(low, n));
    if (mask) masks.push(mask);
    if (sampled) evidence.add_ascii(latin, mask);
    memo_words.push(mask | static_cast<std::uint64_t>(latin) << kMemoLettersShift);
    word_hashes.push(hash_bytes_padded(low, n));
    word_info.push(mask | (n < 3 ? kShortWord : 0));
  }

  /// Any word as for_each_word hands it over (`text_ascii`: the line is all
  /// ASCII), lower-cased as both stages do (is_stopword drops a dotted-i's dot
  /// too). Returns 0: the stop words are counted once the language is known.
  std::size_t word(std::string_view w, bool spaceless, bool text_ascii) {
    char small[64];
    if (w.size() <= sizeof small && (text_ascii || is_ascii(w))) {
      // (lower_ascii_word writes the zero padding word_key8 and hash_bytes_padded read.)
      ascii_word(small, w.size(), lower_ascii_word(w.data(), w.size(), small));
      return 0;
    }
    ascii_words = false;
    to_lower_into(w, buf);
    word_hashes.push(hash_bytes(buf.data(), buf.size()));
    const bool short_word = !spaceless && cp_count(buf) < 3;
    std::string_view low = buf;
    if (has_dotted_i(low)) {
      strip_dotted_i(low, stripped);
      low = stripped;
    }
    const std::uint64_t mask = stopword_langs(low);
    word_info.push(mask | (short_word ? kShortWord : 0));
    if (mask) masks.push(mask);
    if (sampled) evidence.add(w, spaceless, [mask](bool) { return mask; });
    return 0;
  }
};

/// Bit arrays over a line's bytes: bit k of the text is bit k % 64 of a[k / 64].
/// The arrays end in a block of zeros (past the text), where searches stop.
struct LineBitsView {
  std::uint64_t* a;
  PITH_HOT_INLINE bool test(std::size_t k) const { return (a[k >> 6] >> (k & 63)) & 1; }
  void set(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k < to; ++k) a[k >> 6] |= std::uint64_t{1} << (k & 63);
  }
  /// The first set bit from `k` on; `none` when there is none below `blocks` * 64.
  PITH_HOT_INLINE std::size_t next_set(std::size_t k, std::size_t blocks, std::size_t none) const {
    std::size_t b = k >> 6;
    if (b >= blocks) return none;
    std::uint64_t m = a[b] & (~std::uint64_t{0} << (k & 63));
    while (!m) {
      if (++b >= blocks) return none;
      m = a[b];
    }
    return b * 64 + static_cast<std::size_t>(__builtin_ctzll(m));
  }
  /// The first clear bit from `k` on (the zero block past the text has one).
  PITH_HOT_INLINE std::size_t next_clear(std::size_t k) const {
    std::size_t b = k >> 6;
    std::uint64_t m = ~a[b] & (~std::uint64_t{0} << (k & 63));
    while (!m) m = ~a[++b];
    return b * 64 + static_cast<std::size_t>(__builtin_ctzll(m));
  }
  /// Bits set from `s` to `e` (exclusive).
  std::size_t count(std::size_t s, std::size_t e) const {
    std::size_t n = 0;
    while (s < e) {
      const std::size_t off = s & 63, take = std::min<std::size_t>(64 - off, e - s);
      std::uint64_t m = a[s >> 6] >> off;
      if (take < 64) m &= (std::uint64_t{1} << take) - 1;
      for (; m; m &= m - 1) ++n;  // few bits: the callers count rare bytes
      s += take;
    }
    return n;
  }
};

/// context_and_features's walk of one line: its Features (as text_features
/// gives them, stop-word density aside) and its words handed to `rec`, its
/// letters added to `letters` as make_context counts them — text_features_with
/// and for_each_word's results in one pass over the bytes and one over the
/// words. Sixteen bytes at a time, the ASCII bytes are classified (the counts
/// text_features_with takes), lower-cased into a buffer, and marked in bit
/// arrays of word characters, joiners and letters; each other character is
/// decoded once, counted and marked too (word character of a spaced or a
/// spaceless script, joiner ’). The words are then read off the arrays as
/// for_each_word finds them: runs of word characters of spaced scripts, joined
/// by single ' ’ - . between two of them, and runs of spaceless-script word
/// characters, broken into words by ICU. An ASCII word is looked up and hashed
/// from the lower-cased buffer in place; others as LineRecorder::word does.
inline Features walk_line(std::string_view text, LineRecorder& rec, ScriptLetters& letters) {
#if defined(__SSE2__)
  Features f;
  const std::size_t n = text.size();
  const std::size_t nblocks = (n + 63) / 64;  // 64 bytes: one bit array word
  const std::size_t stride = nblocks + 1;      // each array, with its zero block
  // Word characters of spaced scripts; their extent once joined (ASCII joiners
  // first); letters A-Z a-z (then: the words' bytes that are none); bytes from
  // 0x80 up; word characters of spaceless scripts; and with those, word characters of either.
  enum : std::size_t { kWord, kExtent, kLetter, kHigh, kSpaceless, kAny, kArrays };
  thread_local std::vector<std::uint64_t> bits;
  thread_local std::string lowered;
  thread_local std::vector<std::size_t> quotes;  // where the joiners ’ are
  if (bits.size() < kArrays * stride) bits.resize(kArrays * stride);
  // The lower-cased text, readable 8 bytes past its end (word_key8 and hash_bytes_padded read whole words).
  if (lowered.size() < nblocks * 64 + 8) lowered.resize(nblocks * 64 + 8);
  std::fill(bits.data(), bits.data() + kArrays * stride, 0);
  const LineBitsView word{bits.data()}, extent{word.a + stride}, letter{extent.a + stride}, high{letter.a + stride},
      spaceless{high.a + stride};
  char* const low = &lowered[0];
  AsciiClassCounts counts;
  std::size_t alpha = 0, digits = 0, symbols = 0, bars = 0;
  bool ascii = true;
  for (std::size_t i = 0; i < n; i += 16) {
    // The last bytes come with zeros after them: a zero byte counts as nothing and is no word character.
    const __m128i v = load_upto16(text.data() + i, n - i);
    // Bytes from 0x80 up are in no ASCII class (see ascii_chunk_classes).
    const AsciiChunkClasses c = ascii_chunk_classes(v);
    const __m128i upper = bytes_in(v, 'A', 'Z');
    const __m128i word_v = _mm_or_si128(_mm_or_si128(c.letter, c.digit), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));  // kAsciiWord
    const __m128i joiner = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-'))),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(low + i), _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    counts.add(v, c);
    const std::size_t b = i / 64;
    const unsigned shift = static_cast<unsigned>(i % 64);
    auto mask = [&](__m128i x) { return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(x))) << shift; };
    word.a[b] |= mask(word_v);
    extent.a[b] |= mask(joiner);
    letter.a[b] |= mask(c.letter);
    const std::uint64_t hi = mask(v);
    high.a[b] |= hi;
    ascii &= !hi;
  }
  counts.flush(alpha, digits, symbols, bars);
  std::size_t chars = n;  // less the bytes after the first of each character, below
  quotes.clear();
  bool any_spaceless = false;
  if (!ascii) {
    // The other characters, decoded once, counted as text_features_with does and marked for the words.
    std::size_t guillemet_open = 0, guillemet_close = 0;
    for (std::size_t p = high.next_set(0, nblocks, n); p < n;) {
      std::size_t q = p;
      const UChar32 cp = next_cp_multibyte(text, q);
      chars -= q - p - 1;
      if (is_word_cp(cp)) {
        ++alpha;
        if (is_spaceless_script_cp(cp)) {
          ++letters.spaceless;
          spaceless.set(p, q);
          any_spaceless = true;
        } else {
          word.set(p, q);
        }
      } else if (cp == 0x2019) {
        quotes.push_back(p);
      }
      if (cp == 0x00AB) ++guillemet_open, ++symbols;        // «
      else if (cp == 0x00BB) ++guillemet_close, ++symbols;  // »
      else if (is_digit_cp(cp)) ++digits;
      else if (is_separator_cp(cp)) ++f.separators, ++symbols;
      else if (is_punct_or_symbol_cp(cp)) ++symbols;
      p = high.next_set(q, nblocks, n);
    }
    // « » in pairs are quotation marks (French, Russian); unpaired » is a
    // breadcrumb separator ("Home » News » Europe").
    f.separators += static_cast<int>(guillemet_open > guillemet_close ? guillemet_open - guillemet_close : guillemet_close - guillemet_open);
  }
  // A joiner belongs to a word between two word characters of spaced scripts
  // (for_each_word's rule: a word only starts at a word character, and takes
  // a joiner when one follows it).
  for (std::size_t b = 0; b < nblocks; ++b) {
    const std::uint64_t w = word.a[b];
    const std::uint64_t after_word = w << 1 | (b ? word.a[b - 1] >> 63 : 0);
    const std::uint64_t before_word = w >> 1 | word.a[b + 1] << 63;
    extent.a[b] = w | (extent.a[b] & after_word & before_word);
    letter.a[b] = extent.a[b] & ~letter.a[b];  // from here on: the words' bytes that are no letter
  }
  for (std::size_t p : quotes) {
    constexpr std::size_t kQuoteBytes = 3;  // ’ in UTF-8
    if (p > 0 && word.test(p - 1) && word.test(p + kQuoteBytes)) extent.set(p, p + kQuoteBytes);
  }
  WordCounts wc;
  // The words start where a run of `extent` or of `spaceless` does (the two never overlap).
  const LineBitsView any{any_spaceless ? spaceless.a + stride : extent.a};
  if (any_spaceless)
    for (std::size_t b = 0; b <= nblocks; ++b) any.a[b] = extent.a[b] | spaceless.a[b];
  for (std::size_t s = any.next_set(0, nblocks, n); s < n;) {
    if (any_spaceless && spaceless.test(s)) {
      const std::size_t e = spaceless.next_clear(s);
      for_each_spaceless_word(text.substr(s, e - s), [&](std::string_view w) {
        ++f.words;
        wc.letters += cp_count(w);
        rec.word(w, true, false);
      });
      s = any.next_set(e, nblocks, n);
      continue;
    }
    const std::size_t e = extent.next_clear(s);
    const std::size_t len = e - s;
    ++f.words;
    const unsigned char c0 = static_cast<unsigned char>(text[s]);
    if (ascii || !high.count(s, e)) {
      wc.letters += len;
      if (!(c0 >= '0' && c0 <= '9')) {
        ++wc.cased;
        wc.upper += c0 >= 'A' && c0 <= 'Z';
      }
      // Its letters: all its bytes but the digits, '_' and joiners, which are rare.
      if (len <= 64) rec.ascii_word(low + s, len, len - letter.count(s, e));
      else rec.word(text.substr(s, len), false, ascii);  // as the plain walk takes it
    } else {
      const std::string_view w = text.substr(s, len);
      wc.letters += cp_count(w);
      const UChar32 first = first_cp(w);
      if (!is_digit_cp(first)) {
        ++wc.cased;
        if (is_upper_cp(first)) ++wc.upper;
      }
      rec.word(w, false, false);
    }
    s = any.next_set(e, nblocks, n);
  }
  f.chars = chars;
  f.separators += static_cast<int>(bars);
  letters.letters += alpha;
  finish_text_features(text, ascii, digits, symbols, wc, f);
  constexpr std::size_t kKeepBytes = std::size_t{1} << 20;  // a line longer than 1 MiB is rare: do not hold on to its buffers
  if (lowered.size() > kKeepBytes) {
    std::string().swap(lowered);
    std::vector<std::uint64_t>().swap(bits);
    std::vector<std::size_t>().swap(quotes);
  }
  return f;
#else
  return text_features_with(
      text, [&](std::string_view w, bool spaceless, bool text_ascii) { return rec.word(w, spaceless, text_ascii); }, &letters);
#endif
}

/// make_context and then compute_features, with the same results, in one walk
/// over the words: language detection reads the blocks' text (joined by
/// newlines, so the same words), and the stop-word count of the features
/// needs the language detected. Each word is lower-cased and looked up once,
/// in every language's list at a time; its language mask serves detection,
/// and once the language is known, each block's stop words are counted from
/// the masks. Falls back to the two stages when the language is forced or
/// detection would cut the sample inside a block. `walk(text, recorder,
/// letters)` walks each line (walk_line; tests give it the plain walk).
template <class Walk>
DocContext context_and_features_with(std::vector<Block>& blocks, std::string_view forced, std::string_view page_hint, Walk&& walk) {
  DocContext ctx;
  if (!forced.empty()) ctx.lang = lexicon::lang_from_tag(forced);
  // make_context's sample: whole blocks, newline after each, until past 128 KiB.
  std::size_t in_sample = 0, sample_bytes = 0;
  while (in_sample < blocks.size() && sample_bytes <= (std::size_t{1} << 17)) sample_bytes += blocks[in_sample++].text.size() + 1;
  if (ctx.lang != lexicon::kUnknown || sample_bytes > kDetectMaxBytes) {
    ctx = make_context(blocks, forced, page_hint);
    compute_features(blocks, ctx);
    return ctx;
  }
  LangEvidence evidence;
  ScriptLetters sl;
  thread_local U64Appender masks;  // language masks of the stop words, block after block
  masks.clear();
  std::vector<std::size_t> masks_end(blocks.size());
  // Lines repeat within a page (a menu at the top and again at the bottom,
  // "Reply" under every comment). A text met before whose words all took the
  // ASCII path gets the features computed for it then (they depend on
  // the text alone), and what its walk added to the document's evidence is
  // added again, word by word in the same order: each word's stop-word mask
  // and Latin letters (memo_words), the line's letters for the spaceless
  // share. Its word hashes are remembered already. Texts are compared in
  // full, not by hash alone.
  struct LineMemo {
    Features f;            // as the walk returned them
    ScriptLetters letters;
    std::size_t block, words_off, words_len;
  };
  constexpr unsigned kMemoLettersShift = LineRecorder::kMemoLettersShift;
  thread_local std::vector<LineMemo> memos;
  thread_local HashIndex64 memo_index;  // text hash → (1 + index in memos, 0); 0: not reusable
  thread_local U64Appender memo_words;
  if (memos.capacity() > (std::size_t{1} << 16)) std::vector<LineMemo>().swap(memos);  // do not hold on to a huge document's lines
  memos.clear();
  memo_index.clear();
  memo_words.clear();
  LineRecorder rec(masks, memo_words, evidence);
  const double n = static_cast<double>(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    const bool sampled = i < in_sample;
    Features keep_html = b.features;  // the HTML stage may have set dom_prior/region_score already
    const std::uint64_t text_hash = hash_bytes(b.text.data(), b.text.size());
    auto [memo_slot, unseen] = memo_index.try_emplace(text_hash);
    const LineMemo* memo = !unseen && memo_slot->first ? &memos[memo_slot->first - 1] : nullptr;
    if (memo && blocks[memo->block].text == b.text) {
      b.features = memo->f;
      for (std::size_t k = memo->words_off; k < memo->words_off + memo->words_len; ++k) {
        const std::uint64_t mask = memo_words[k] & kStopMaskBits;
        if (mask) masks.push(mask);
        if (sampled) evidence.add_ascii(static_cast<std::size_t>(memo_words[k] >> kMemoLettersShift), mask);
      }
      if (sampled) sl.letters += memo->letters.letters, sl.spaceless += memo->letters.spaceless;
      masks_end[i] = masks.size;
    } else {
      rec.begin(sampled);
      ScriptLetters line_letters;
      const std::size_t words_off = memo_words.size;
      b.features = walk(std::string_view(b.text), rec, line_letters);
      if (sampled) sl.letters += line_letters.letters, sl.spaceless += line_letters.spaceless;
      masks_end[i] = masks.size;
      remember_word_hashes_of(text_hash, rec.word_hashes.data(), rec.word_info.data(), rec.word_hashes.size);
      if (unseen && rec.ascii_words) {
        memos.push_back(LineMemo{b.features, line_letters, i, words_off, memo_words.size - words_off});
        *memo_slot = {static_cast<std::uint32_t>(memos.size()), 0};
      } else {
        memo_words.size = words_off;  // not reusable: its words' records go
      }
    }
    b.features.dom_prior = keep_html.dom_prior;
    b.features.region_score = keep_html.region_score;
    b.features.position = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
    if (b.features.chars) b.features.link_density = std::min(1.0, static_cast<double>(b.link_chars) / static_cast<double>(b.features.chars));
  }
  ctx.lang = evidence.decide();
  if (ctx.lang == lexicon::kUnknown && !page_hint.empty()) ctx.lang = lexicon::lang_from_tag(page_hint);
  if (sl.letters) ctx.spaceless_share = static_cast<double>(sl.spaceless) / static_cast<double>(sl.letters);
  if (ctx.lang != lexicon::kUnknown) {
    const unsigned bit = static_cast<unsigned>(ctx.lang);
    std::size_t k = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      std::size_t stop = 0;
      for (; k < masks_end[i]; ++k) stop += (masks[k] >> bit) & 1;
      Features& f = blocks[i].features;
      if (f.words) f.stopword_density = static_cast<double>(stop) / static_cast<double>(f.words);
    }
  }
  return ctx;
}

/// context_and_features_with the walk of walk_line.
inline DocContext context_and_features(std::vector<Block>& blocks, std::string_view forced, std::string_view page_hint = {}) {
  return context_and_features_with(blocks, forced, page_hint, walk_line);
}

}  // namespace detail

}  // namespace pith
