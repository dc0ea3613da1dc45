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

/// True when the text opens with a list marker: "- ", "* ", "• ", "1. ", "2) ".
inline bool has_list_marker(std::string_view t) {
  if (t.size() < 2) return false;
  if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return true;
  if (t.rfind("\xE2\x80\xA2 ", 0) == 0 || t.rfind("\xE2\x80\x93 ", 0) == 0) return true;  // "• ", "– "
  std::size_t i = 0;
  while (i < t.size() && i < 3 && t[i] >= '0' && t[i] <= '9') ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
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
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;
    std::size_t j = i;
    while (digit(j)) ++j;
    std::size_t len = j - i;
    if (len == 4 && (t.compare(i, 2, "19") == 0 || t.compare(i, 2, "20") == 0)) return true;
    if ((len == 1 || len == 2) && j + 2 < t.size() + 0 && t[j] == ':' && digit(j + 1) && digit(j + 2) && !digit(j + 3)) return true;
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

/// text_features, with the stop-word test of each word left to
/// `word_stop(word, spaceless, text_is_ascii)` (returns how many stop words
/// the word is: 0 or 1). When `sl` is given, the text's letters are added to
/// it as make_context counts them.
template <class WordStop>
Features text_features_with(std::string_view text, WordStop&& word_stop, ScriptLetters* sl = nullptr) {
  Features f;
  std::size_t digits = 0, symbols = 0, chars = 0, upper_words = 0, cased_words = 0, stop = 0;
  std::size_t word_letters = 0;
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
        const __m128i zero = _mm_setzero_si128();
        __m128i n_alpha = zero, n_digit = zero, n_punct = zero, n_bar = zero;
        unsigned rounds = 0;
        auto flush = [&] {
          auto sum = [&](__m128i c) {
            const __m128i s = _mm_sad_epu8(c, zero);  // two 64-bit sums of eight bytes each
            return static_cast<std::size_t>(_mm_cvtsi128_si32(s)) + static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(s, 8)));
          };
          alpha += sum(n_alpha), digits += sum(n_digit), symbols += sum(n_punct), bars += sum(n_bar);
          n_alpha = n_digit = n_punct = n_bar = zero;
          rounds = 0;
        };
        while (i + 16 <= chunk_end) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
          if (_mm_movemask_epi8(v)) break;  // a non-ASCII byte: below
          // Every byte is below 0x80 here, so signed compares order them as bytes.
          auto in = [&](__m128i x, char lo, char hi) {
            return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))), _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
          };
          const __m128i letter = in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');  // kAsciiAlpha
          const __m128i digit = in(v, '0', '9');                                       // kAsciiDigit
          const __m128i punct = _mm_andnot_si128(_mm_or_si128(letter, digit), in(v, 0x21, 0x7E));  // kAsciiPunct: printable, no letter or digit
          n_alpha = _mm_sub_epi8(n_alpha, letter);
          n_digit = _mm_sub_epi8(n_digit, digit);
          n_punct = _mm_sub_epi8(n_punct, punct);
          n_bar = _mm_sub_epi8(n_bar, _mm_cmpeq_epi8(v, _mm_set1_epi8('|')));
          i += 16;
          if (++rounds == 255) flush();  // a byte counter holds 255
        }
        flush();
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
  detail::for_each_word(text, [&](std::string_view w, bool spaceless) {
    ++f.words;
    word_letters += ascii ? w.size() : detail::cp_count(w);
    if (!spaceless) {
      UChar32 c0 = detail::first_cp(w);
      if (!detail::is_digit_cp(c0)) {
        ++cased_words;
        if (detail::is_upper_cp(c0)) ++upper_words;
      }
    }
    stop += word_stop(w, spaceless, ascii);
  });
  // « » in pairs are quotation marks (French, Russian); unpaired » is a
  // breadcrumb separator ("Home » News » Europe").
  f.separators += static_cast<int>(guillemet_open > guillemet_close ? guillemet_open - guillemet_close : guillemet_close - guillemet_open);
  // " / " between words separates breadcrumb and menu items as '|' does.
  // (Found from the rare '/', not the frequent ' '; matches do not overlap.)
  for (std::size_t q = text.find('/', 1), next = 0; q != std::string_view::npos; q = text.find('/', q + 1))
    if (q - 1 >= next && q + 1 < text.size() && text[q - 1] == ' ' && text[q + 1] == ' ') ++f.separators, next = q + 2;
  if (f.words) {
    f.mean_word_len = static_cast<double>(word_letters) / static_cast<double>(f.words);
    f.stopword_density = static_cast<double>(stop) / static_cast<double>(f.words);
  }
  if (cased_words) f.capitalised_ratio = static_cast<double>(upper_words) / static_cast<double>(cased_words);
  if (chars) {
    f.digit_ratio = static_cast<double>(digits) / static_cast<double>(chars);
    f.symbol_ratio = static_cast<double>(symbols) / static_cast<double>(chars);
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

/// make_context and then compute_features, with the same results, in one walk
/// over the words: language detection reads the blocks' text (joined by
/// newlines, so the same words), and the stop-word count of the features
/// needs the language detected. Each word is lower-cased and looked up once,
/// in every language's list at a time; its language mask serves detection,
/// and once the language is known, each block's stop words are counted from
/// the masks. Falls back to the two stages when the language is forced or
/// detection would cut the sample inside a block.
inline DocContext context_and_features(std::vector<Block>& blocks, std::string_view forced, std::string_view page_hint = {}) {
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
  std::string buf, stripped;
  // The block's words lower-cased, hashed, and their stop-word masks (kStopMaskBits) with kShortWord:
  // kept for the post-process stage (see detail::content_word_hashes).
  U64Appender word_hashes, word_info;
  // Lines repeat within a page (a menu at the top and again at the bottom,
  // "Reply" under every comment). A text met before whose words all took the
  // ASCII path below gets the features computed for it then (they depend on
  // the text alone), and what its walk added to the document's evidence is
  // added again, word by word in the same order: each word's stop-word mask
  // and Latin letters (remembered as mask | letters << kMemoLettersShift), the
  // line's letters for the spaceless share. Its word hashes are remembered
  // already. Texts are compared in full, not by hash alone.
  struct LineMemo {
    Features f;            // as text_features_with returned them
    ScriptLetters letters;
    std::size_t block, words_off, words_len;
  };
  constexpr unsigned kMemoLettersShift = 40;
  thread_local std::vector<LineMemo> memos;
  thread_local HashIndex64 memo_index;  // text hash → (1 + index in memos, 0); 0: not reusable
  thread_local U64Appender memo_words;
  if (memos.capacity() > (std::size_t{1} << 16)) std::vector<LineMemo>().swap(memos);  // do not hold on to a huge document's lines
  memos.clear();
  memo_index.clear();
  memo_words.clear();
  const double n = static_cast<double>(blocks.size());
  const StopwordIndex& stop_index = stopword_index();  // once, not a guarded static per word
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
      word_hashes.clear();
      word_info.clear();
      ScriptLetters line_letters;
      bool ascii_words = true;  // the line's words all took the ASCII path
      const std::size_t words_off = memo_words.size;
      b.features = text_features_with(
          b.text,
          [&](std::string_view w, bool spaceless, bool text_ascii) -> std::size_t {
            // The word lower-cased as both stages do (is_stopword drops a dotted-i's dot too).
            char small[64];
            if (w.size() <= sizeof small && (text_ascii || is_ascii(w))) {
              // (lower_ascii_word writes the zero padding word_key8 and hash_bytes_padded read.)
              const std::size_t latin = lower_ascii_word(w.data(), w.size(), small);
              const std::uint64_t mask = stop_index.langs(std::string_view(small, w.size()), word_key8(small, w.size()));
              if (mask) masks.push(mask);
              if (sampled) evidence.add_ascii(latin, mask);
              memo_words.push(mask | static_cast<std::uint64_t>(latin) << kMemoLettersShift);
              word_hashes.push(hash_bytes_padded(small, w.size()));
              word_info.push(mask | (w.size() < 3 ? kShortWord : 0));
              return 0;  // counted below, once the language is known
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
            return 0;  // counted below, once the language is known
          },
          &line_letters);
      if (sampled) sl.letters += line_letters.letters, sl.spaceless += line_letters.spaceless;
      masks_end[i] = masks.size;
      remember_word_hashes_of(text_hash, word_hashes.data(), word_info.data(), word_hashes.size);
      if (unseen && ascii_words) {
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

}  // namespace detail

}  // namespace pith
