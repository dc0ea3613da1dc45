// pith/detail/unicode.hpp — the UTF-8 and word-level helpers every stage uses.
//
// pith's text is always valid UTF-8 (the decode stage guarantees it). These
// helpers walk it without copying: an ASCII fast path handles the common
// case byte by byte, and ICU is called only where a code point is not ASCII
// (case mapping, character classes, word breaking for scripts written
// without spaces such as Chinese, Japanese and Thai).
//
//   pith::detail::for_each_word(text, [](std::string_view w, bool is_cjk) { ... });
//   std::string low = pith::detail::to_lower(text);
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>  // SSE2 only: part of every x86-64 CPU (as in text_model.hpp)
#endif
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define PITH_HOT_INLINE inline __attribute__((always_inline))
#define PITH_NOINLINE __attribute__((noinline))
#else
#define PITH_HOT_INLINE inline
#define PITH_NOINLINE
#endif

namespace pith::detail {

/// next_cp for a byte >= 0x80: out of line, so that next_cp's ASCII case
/// inlines into every loop that calls it (the compiler otherwise gives up
/// inlining the whole function in the larger loops).
PITH_NOINLINE inline UChar32 next_cp_multibyte(std::string_view s, std::size_t& i) {
  UChar32 cp;
  int32_t idx = static_cast<int32_t>(i);
  U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(s.data()), idx, static_cast<int32_t>(s.size()), cp);
  i = static_cast<std::size_t>(idx);
  return cp;
}

/// Decodes the code point at `i` and advances `i`; invalid bytes yield U+FFFD.
PITH_HOT_INLINE UChar32 next_cp(std::string_view s, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return next_cp_multibyte(s, i);
}

inline void append_utf8(std::string& out, UChar32 cp) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cp, err);
  if (!err) out.append(buf, static_cast<std::size_t>(len));
}

inline bool is_ascii(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {  // eight bytes at a time: lines are checked whole
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (x & 0x8080808080808080ull) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

/// Classes of the ASCII bytes, one table lookup instead of comparisons: the
/// same answers as is_word_cp, is_space_cp, is_digit_cp, is_upper_cp and
/// is_punct_or_symbol_cp give for code points below 0x80.
enum AsciiClass : std::uint8_t { kAsciiWord = 1, kAsciiSpace = 2, kAsciiDigit = 4, kAsciiUpper = 8, kAsciiPunct = 16, kAsciiAlpha = 32 };
struct AsciiTable {
  std::uint8_t c[128] = {};
  constexpr AsciiTable() {
    for (int i = 0; i < 128; ++i) {
      std::uint8_t f = 0;
      if ((i >= '0' && i <= '9') || ((i | 32) >= 'a' && (i | 32) <= 'z') || i == '_') f |= kAsciiWord;
      if (i == ' ' || i == '\t' || i == '\n' || i == '\r' || i == '\f' || i == '\v') f |= kAsciiSpace;
      if (i >= '0' && i <= '9') f |= kAsciiDigit;
      if (i >= 'A' && i <= 'Z') f |= kAsciiUpper;
      if ((i | 32) >= 'a' && (i | 32) <= 'z') f |= kAsciiAlpha;
      if ((i > 0x20 && i < 0x30) || (i > 0x39 && i < 0x41) || (i > 0x5A && i < 0x61) || (i > 0x7A && i < 0x7F)) f |= kAsciiPunct;
      c[i] = f;
    }
  }
};
inline constexpr AsciiTable kAscii{};
/// Class bits of an ASCII byte (b < 0x80).
inline std::uint8_t ascii_class(unsigned char b) { return kAscii.c[b]; }

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
#define PITH_SWAR 1
/// Eight bytes `y` with their top bits clear: 0x80 in each byte of `digit`
/// that is an ASCII digit, and of `word` that is an ASCII word character
/// ([0-9A-Za-z_], as is_word_cp says), exactly per byte.
struct AsciiWordBytes8 {
  std::uint64_t digit, word;
};
inline AsciiWordBytes8 ascii_word_bytes8(std::uint64_t y) {
  constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
  auto ge = [&](std::uint64_t v, unsigned a) { return ((v | H) - a * L) & H; };  // byte >= a, exact per byte
  const std::uint64_t z = y | (0x20 * L);                                       // ASCII letters folded to lower case
  const std::uint64_t digit = ge(y, '0') & ~ge(y, '9' + 1);
  const std::uint64_t alpha = ge(z, 'a') & ~ge(z, 'z' + 1);
  const std::uint64_t t = y ^ ('_' * L);
  const std::uint64_t under = ~(((t & ~H) + ~H) | t) & H;  // byte == '_', exact per byte
  return {digit, digit | alpha | under};
}

/// Eight bytes at a time (little-endian): the number of ASCII word characters
/// ([0-9A-Za-z_], as is_word_cp says) p[0..8) starts with, 0-8. `p` must have
/// 8 readable bytes.
inline std::size_t ascii_word_run8(const char* p) {
  constexpr std::uint64_t H = 0x8080808080808080ull;
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  const std::uint64_t hi = x & H;  // bytes >= 0x80 are no ASCII word characters
  const std::uint64_t nonword = ~(ascii_word_bytes8(x & ~H).word & ~hi) & H;
  return nonword ? static_cast<std::size_t>(__builtin_ctzll(nonword)) / 8 : 8;
}
#endif

/// Number of code points (not bytes): lengths in features are in characters.
inline std::size_t cp_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

inline bool is_space_cp(UChar32 cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  return u_isUWhiteSpace(cp) || cp == 0x200B /* zero width space */ || cp == 0xFEFF;
}

/// Scripts written without spaces between words: word counts there come from
/// ICU's dictionary-based break iterator, and lengths are judged in characters.
inline bool is_spaceless_script_cp(UChar32 cp) {
  if (cp < 0x2E80) return (cp >= 0x0E00 && cp <= 0x0EFF) /* Thai, Lao */ || (cp >= 0x1000 && cp <= 0x109F) /* Myanmar */ ||
                          (cp >= 0x1780 && cp <= 0x17FF) /* Khmer */;
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/// Code points from 0x80 up that may be white space to is_space_cp (or are
/// U+00A0): Unicode's White_Space characters there are U+0085, U+00A0,
/// U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F and U+3000, and pith
/// adds U+200B and U+FEFF. Outside these ranges no code point is (a test
/// checks every code point against ICU), so ICU is asked only inside them.
inline bool may_be_space_cp(UChar32 cp) {
  return cp <= 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x205F) || cp == 0x3000 || cp == 0xFEFF;
}

/// is_folded's rule on a chunk of `bytes` bytes of text whose spaces are
/// marked in `space`, byte k by bit k * `stride` (SSE2's movemask: stride 1;
/// an 8-byte word's flags shifted down: stride 8): false when two spaces
/// stand side by side in it, or its first byte is a space after one that
/// ended the chunk before (`prev_space`, then set for the next chunk).
inline bool spaces_apart(std::uint64_t space, unsigned stride, unsigned bytes, bool& prev_space) {
  const unsigned last = (bytes - 1) * stride;  // the last byte's bit
  if (space & (space >> stride)) return false;  // two spaces side by side
  if (prev_space && (space & 1)) return false;   // ...across the chunk boundary
  prev_space = ((space >> last) & 1) != 0;
  return true;
}

/// True when fold_space(s) would return `s` unchanged: words joined by
/// single ASCII spaces, none at either end, no other white space or control
/// byte. Most scraped lines are, and are then copied whole instead of byte by
/// byte; ASCII is checked eight bytes at a time, and only a non-ASCII
/// character that may be white space is looked up.
inline bool is_folded(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  bool prev_space = false;
  while (i < n) {
#if defined(__SSE2__)
    if (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      if (!_mm_movemask_epi8(v)) {  // sixteen ASCII bytes (so signed compares order them as bytes)
        if (_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))))) return false;  // a control byte
        const std::uint64_t space = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));  // a bit a byte
        if (!spaces_apart(space, 1, 16, prev_space)) return false;
        i += 16;
        continue;
      }
    } else if (n >= 16 && i < n) {
      // Fewer than sixteen bytes left: the line's last sixteen, loaded again
      // over bytes already checked, whose flags are shifted out.
      const unsigned fresh = static_cast<unsigned>(n - i), old = 16 - fresh;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
      if (!(static_cast<unsigned>(_mm_movemask_epi8(v)) >> old)) {  // ASCII
        if (static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))))) >> old)
          return false;  // a control byte
        const std::uint64_t space = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')))) >> old;
        return spaces_apart(space, 1, fresh, prev_space);
      }
    }
#endif
#ifdef PITH_SWAR
    if (i + 8 <= n) {
      constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
      std::uint64_t x;
      std::memcpy(&x, p + i, 8);
      if (!(x & H)) {                                          // eight ASCII bytes
        if ((x - 0x20 * L) & ~x & H) return false;             // a byte < 0x20 (exact once no byte is >= 0x80)
        const std::uint64_t del = x ^ (0x7F * L);
        if ((del - L) & ~del & H) return false;                // a DEL byte
        const std::uint64_t t = x ^ (0x20 * L);
        const std::uint64_t space = ~(((t & ~H) + ~H) | t) & H;  // 0x80 in each space byte, exactly
        if (!spaces_apart(space >> 7, 8, 8, prev_space)) return false;
        i += 8;
        continue;
      }
    }
#endif
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ') {
        if (prev_space) return false;
        prev_space = true;
        continue;
      }
      if (c < 0x21 || c == 0x7F) return false;
      prev_space = false;
      continue;
    }
    const UChar32 cp = next_cp(s, i);  // (fold_space copies every other character's bytes as they are, bad bytes too)
    if (may_be_space_cp(cp) && (cp == 0xA0 || is_space_cp(cp))) return false;
    prev_space = false;
  }
  return true;
}

/// Trims and folds every run of white space (Unicode included) to one ASCII space.
inline std::string fold_space(std::string_view s) {
  if (is_folded(s)) return std::string(s);  // nothing to fold: one copy
  // Folding never lengthens the text: write straight into a buffer of its size.
  std::string out(s.size(), '\0');
  char* const begin = &out[0];
  char* o = begin;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c > 0x20 && c != 0x7F) {  // printable
        if (pending) *o++ = ' ', pending = false;
        *o++ = static_cast<char>(c);
        continue;
      }
      if (ascii_class(c) & kAsciiSpace) pending = o != begin;
      continue;  // control characters carry no text
    }
    std::size_t start = i;
    UChar32 cp = next_cp(s, i);
    if (is_space_cp(cp) || cp == 0xA0) {
      pending = o != begin;
      continue;
    }
    if (pending) *o++ = ' ', pending = false;
    std::memcpy(o, s.data() + start, i - start);
    o += i - start;
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

/// Lower-cases UTF-8 text (full Unicode case mapping; ASCII without ICU).
inline std::string to_lower(std::string_view s) {
  if (is_ascii(s)) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).toLower().toUTF8String(out);
  return out;
}

/// ASCII lower-casing of one byte.
inline char lower_ascii_byte(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// lower_ascii_byte of each of `n` bytes from `in` into `out` (which may be
/// `in`), eight bytes at a time: whole lines are lower-cased for the chrome
/// lexicon.
inline void lower_ascii_bytes(const char* in, std::size_t n, char* out) {
  constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, in + i, 8);
    const std::uint64_t t = x & ~H;  // each byte's low 7 bits: no lane borrows below
    const std::uint64_t upper = ((t | H) - 'A' * L) & ~((t | H) - ('Z' + 1) * L) & ~x & H;  // 0x80 in each byte A-Z, exactly
    x |= upper >> 2;                                                                        // + 0x20
    std::memcpy(out + i, &x, 8);
  }
  for (; i < n; ++i) out[i] = lower_ascii_byte(in[i]);
}

/// Bytes p[0..n) (n < 8) as the low bytes of a 64-bit word, the rest zero
/// (little-endian order), read without touching p[n] or beyond: a memcpy of a
/// variable length was a call into libc for every word.
PITH_HOT_INLINE std::uint64_t load_short_le(const char* p, std::size_t n) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])); };
  if (n >= 4) {  // two 4-byte reads that overlap in the middle
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return static_cast<std::uint64_t>(lo) | static_cast<std::uint64_t>(hi) << (8 * (n - 4));
  }
  if (n >= 2) return byte(0) | byte(1) << 8 | byte(n - 1) << (8 * (n - 1));
  return n ? byte(0) : 0;
}

#if defined(__SSE2__)
/// Up to sixteen bytes p[0..n) in a vector, zeros after them, read without
/// touching p[n] or beyond (a line's last bytes need not be followed by more):
/// zero bytes are ASCII and in no class, so the scans need no tail loop.
PITH_HOT_INLINE __m128i load_upto16(const char* p, std::size_t n) {
  if (n >= 16) return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  std::uint64_t lo, hi = 0;
  if (n >= 8) {
    std::memcpy(&lo, p, 8);
    hi = load_short_le(p + 8, n - 8);
  } else {
    lo = load_short_le(p, n);
  }
  return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
}
#endif

/// The ASCII word w[0..n) (n <= 64, every byte below 0x80) lower-cased into
/// `out`, eight bytes at a time, returning how many letters A-Z a-z it has:
/// what the features stage needs of each word, without a step per byte.
/// `out` must have room for n rounded up to a multiple of 8; its bytes from n
/// up to there are written zero (word_key8 and hash_bytes_padded read them).
inline std::size_t lower_ascii_word(const char* w, std::size_t n, char* out) {
  constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < n; i += 8) {
    // The word read straight from `w`, never past its end: the last partial
    // chunk is the word's last eight bytes shifted down (zeros come in from
    // the top), or, in a word shorter than eight, read in pieces.
    std::uint64_t x;
    if (i + 8 <= n) {
      std::memcpy(&x, w + i, 8);
    } else if (n >= 8) {
      std::memcpy(&x, w + n - 8, 8);
      x >>= 8 * (8 - (n - i));
    } else {
      x = load_short_le(w, n);
    }
    // (b | 0x80) - a keeps its top bit exactly when b >= a, and never borrows from the next byte (b < 0x80).
    auto ge = [&](std::uint64_t a) { return (x | H) - a * L; };
    x |= (ge('A') & ~ge('Z' + 1) & H) >> 2;  // + 0x20 for each capital
    const std::uint64_t letter = ge('a') & ~ge('z' + 1) & H;
    letters += static_cast<std::size_t>(((letter >> 7) * L) >> 56);  // the bytes' flags summed into the top byte
    std::memcpy(out + i, &x, 8);
  }
  return letters;
}

/// False for code points that lower-casing surely leaves alone without asking
/// ICU: U+2000-20FF (general punctuation — curly quotes, dashes, the ellipsis —
/// super- and subscripts, currency signs, combining marks for symbols) has no
/// cased letter (a test checks each against ICU).
inline bool may_change_when_lowercased(UChar32 cp) {
  if (cp >= 0x2000 && cp <= 0x20FF) return false;
  return u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_LOWERCASED);
}

/// True when ICU's full lower-casing (default locale) of `s` changes only its
/// ASCII capitals: every other character is valid UTF-8 that lower-casing
/// leaves alone (punctuation, symbols, lower-case and caseless letters), and
/// the default locale is not one (tr, az, lt) whose rules touch "I" or
/// combining marks. Scraped English is full of ’ “ ” — … and this saves ICU
/// for it.
inline bool lowers_as_ascii(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      while (i + 8 <= s.size()) {  // the ASCII between non-ASCII characters, eight bytes at a time
        std::uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        if (x & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    UChar32 cp = next_cp(s, i);
    if (cp == 0xFFFD || may_change_when_lowercased(cp)) return false;  // U+FFFD: maybe a bad byte
  }
  const char* loc = uloc_getDefault();
  if (!loc) return false;
  auto lang_is = [&](const char* l) {
    for (std::size_t k = 0; l[k]; ++k)
      if ((loc[k] | 32) != l[k]) return false;
    return true;
  };
  return !lang_is("tr") && !lang_is("az") && !lang_is("lt");
}

/// to_lower() into a reused buffer: `out` receives what to_lower(s) returns,
/// with no allocation once the buffers have grown. Non-ASCII text takes the
/// same ICU path (UTF-8 → UTF-16 with U+FFFD for bad bytes, full lower-casing
/// in the default locale, back to UTF-8) unless lowers_as_ascii(s).
inline void to_lower_into(std::string_view s, std::string& out) {
  if (is_ascii(s) || lowers_as_ascii(s)) {
    out.resize(s.size());
    lower_ascii_bytes(s.data(), s.size(), out.data());
    return;
  }
  thread_local std::u16string u16, low16;
  UErrorCode st = U_ZERO_ERROR;
  int32_t n16 = 0;
  u16.resize(s.size() + 1);  // UTF-16 never has more units than UTF-8 has bytes
  u_strFromUTF8WithSub(u16.data(), static_cast<int32_t>(u16.size()), &n16, s.data(), static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &st);
  if (U_FAILURE(st)) {
    out = to_lower(s);
    return;
  }
  if (low16.size() < u16.size()) low16.resize(u16.size());
  int32_t nl = u_strToLower(low16.data(), static_cast<int32_t>(low16.size()), u16.data(), n16, nullptr, &st);
  if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
    st = U_ZERO_ERROR;
    low16.resize(static_cast<std::size_t>(nl) + 1);
    nl = u_strToLower(low16.data(), static_cast<int32_t>(low16.size()), u16.data(), n16, nullptr, &st);
  }
  if (U_FAILURE(st)) {
    out = to_lower(s);
    return;
  }
  int32_t n8 = 0;
  out.resize(static_cast<std::size_t>(nl) * 3 + 1);  // each UTF-16 unit is at most 3 UTF-8 bytes
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &n8, low16.data(), nl, 0xFFFD, nullptr, &st);
  if (U_FAILURE(st)) {
    out = to_lower(s);
    return;
  }
  out.resize(static_cast<std::size_t>(n8));
}

/// A fast 64-bit hash of a short byte string (words, runs, n-grams); not
/// stable across builds, never stored.

/// A growing array of 64-bit numbers whose append is a compare and a store
/// the compiler inlines (the growth is out of line): the features stage
/// appends two or three per word, and std::vector::push_back was an
/// out-of-line call each time.
struct U64Appender {
  std::vector<std::uint64_t> buf;
  std::size_t size = 0;
  void clear() { size = 0; }
  PITH_HOT_INLINE void push(std::uint64_t v) {
    if (size == buf.size()) grow();
    buf[size++] = v;
  }
  PITH_NOINLINE void grow() { buf.resize(buf.size() * 2 + 256); }
  const std::uint64_t* data() const { return buf.data(); }
  std::uint64_t operator[](std::size_t k) const { return buf[k]; }
};
// The three steps hash_bytes and hash_bytes_padded share, so the two can only
// differ in how they read the last partial word.
PITH_HOT_INLINE std::uint64_t hash_seed(std::size_t n) {
  return 0x9E3779B97F4A7C15ull ^ (static_cast<std::uint64_t>(n) * 0xC2B2AE3D27D4EB4Full);
}
PITH_HOT_INLINE std::uint64_t hash_words(std::uint64_t h, const char*& p, std::size_t& n) {
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  return h;
}
PITH_HOT_INLINE std::uint64_t hash_finish(std::uint64_t h, std::size_t n, std::uint64_t tail) {
  if (n) h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

PITH_HOT_INLINE std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t h = hash_words(hash_seed(n), p, n);
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < n; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
  return hash_finish(h, n, v);
}

/// hash_bytes(p, n), reading whole 8-byte words: `p` must be readable up to
/// n rounded up to a multiple of 8 (the bytes past n are ignored).
PITH_HOT_INLINE std::uint64_t hash_bytes_padded(const char* p, std::size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::uint64_t h = hash_words(hash_seed(n), p, n);
  std::uint64_t v = 0;
  if (n) {
    std::memcpy(&v, p, 8);
    v &= (std::uint64_t{1} << (8 * n)) - 1;  // the bytes hash_bytes packs
  }
  return hash_finish(h, n, v);
#else
  return hash_bytes(p, n);
#endif
}

/// Per-thread ICU word break iterator: creating one costs far more than using it.
inline icu::BreakIterator* word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    if (U_FAILURE(st)) b.reset();
    return b;
  }();
  return it.get();
}

inline bool is_word_cp(UChar32 cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z') || cp == '_';
  return u_isalnum(cp) || u_hasBinaryProperty(cp, UCHAR_ALPHABETIC) || u_getIntPropertyValue(cp, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK ||
         u_charType(cp) == U_COMBINING_SPACING_MARK;
}


/// The words of a run of spaceless-script word characters (Chinese, Japanese,
/// Thai…), as ICU's dictionary-based word breaker finds them: appends each
/// word's end (byte offset into `run`) to `ends`. Without a breaker, each
/// character is a word.
inline void spaceless_word_ends(std::string_view run, std::vector<std::uint32_t>& ends) {
  icu::BreakIterator* bi = word_breaker();
  if (!bi) {
    for (std::size_t k = 0; k < run.size();) {  // one word per character
      next_cp(run, k);
      ends.push_back(static_cast<std::uint32_t>(k));
    }
    return;
  }
  icu::UnicodeString us = icu::UnicodeString::fromUTF8(icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
  bi->setText(us);
  bi->first();
  // Map UTF-16 offsets back to UTF-8 by walking both strings together. (ICU
  // could read the UTF-8 in place through a UText, but its Lao, Khmer and
  // Burmese breakers then find other boundaries.)
  std::size_t u8 = 0;
  int32_t u16 = 0;
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    while (u16 < b) {
      UChar32 c3 = next_cp(run, u8);
      u16 += U16_LENGTH(c3);
    }
    ends.push_back(static_cast<std::uint32_t>(u8));
  }
}

/// A map from 64-bit hashes (well mixed already: the low bits index it) to a
/// pair of 32-bit numbers, open addressing, for per-document memos that are
/// filled once per line: std::unordered_map allocated a node per line.
/// Emptied between documents by resetting only the slots in use.
class HashIndex64 {
 public:
  using Value = std::pair<std::uint32_t, std::uint32_t>;
  /// The value stored for `key`, and true, after inserting it (value {0, 0}) if absent; false when it was there.
  std::pair<Value*, bool> try_emplace(std::uint64_t key) {
    if (2 * (used_.size() + 1) > slots_.size()) grow();
    std::size_t p = static_cast<std::size_t>(key) & (slots_.size() - 1);
    for (; slots_[p].full; p = (p + 1) & (slots_.size() - 1))
      if (slots_[p].key == key) return {&slots_[p].value, false};
    slots_[p] = Slot{key, Value{0, 0}, true};
    used_.push_back(static_cast<std::uint32_t>(p));
    return {&slots_[p].value, true};
  }
  const Value* find(std::uint64_t key) const {
    if (used_.empty()) return nullptr;
    for (std::size_t p = static_cast<std::size_t>(key) & (slots_.size() - 1); slots_[p].full; p = (p + 1) & (slots_.size() - 1))
      if (slots_[p].key == key) return &slots_[p].value;
    return nullptr;
  }
  bool empty() const { return used_.empty(); }
  void clear() {
    if (slots_.size() > (std::size_t{1} << 16)) {  // do not hold on to a huge document's table
      std::vector<Slot>().swap(slots_);
      std::vector<std::uint32_t>().swap(used_);
      return;
    }
    for (std::uint32_t p : used_) slots_[p].full = false;
    used_.clear();
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    Value value{0, 0};
    bool full = false;
  };
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    used_.clear();
    for (const Slot& s : old)
      if (s.full) *try_emplace(s.key).first = s.value;
  }
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> used_;  // the full slots, for clear()
};

/// ICU's word breaking is by far the slowest step of walking a spaceless
/// run, and detection, features and post-processing walk the same text: while
/// a document is cleaned (a SegmentScope is open on the thread), each distinct
/// run is broken once and its word ends remembered. The cache is emptied when
/// the outermost scope closes, so nothing carries over between documents.
struct SegmentCache {
  struct Entry {
    std::uint32_t text_off, text_len, ends_off, ends_len;
    std::int32_t next;  // the next entry with the same hash, -1 none
  };
  int depth = 0;
  std::unordered_map<std::uint64_t, std::int32_t> head;  // run hash → first entry
  std::vector<Entry> entries;
  std::string text;                 // the runs, back to back
  std::vector<std::uint32_t> ends;  // their word ends, back to back

  /// Index of the entry for `run`, breaking it with ICU the first time.
  std::size_t find_or_add(std::string_view run) {
    std::uint64_t h = hash_bytes(run.data(), run.size());
    auto [it, fresh] = head.try_emplace(h, -1);
    for (std::int32_t e = it->second; e >= 0; e = entries[static_cast<std::size_t>(e)].next) {
      const Entry& en = entries[static_cast<std::size_t>(e)];
      if (std::string_view(text).substr(en.text_off, en.text_len) == run) return static_cast<std::size_t>(e);
    }
    (void)fresh;
    Entry en;
    en.text_off = static_cast<std::uint32_t>(text.size());
    en.text_len = static_cast<std::uint32_t>(run.size());
    en.ends_off = static_cast<std::uint32_t>(ends.size());
    text.append(run);
    spaceless_word_ends(run, ends);
    en.ends_len = static_cast<std::uint32_t>(ends.size() - en.ends_off);
    en.next = it->second;
    it->second = static_cast<std::int32_t>(entries.size());
    entries.push_back(en);
    return entries.size() - 1;
  }
  // Also remembered per document: the hashes of a text's words, lower-cased,
  // and a word of information on each (see remember_word_hashes), by a 64-bit
  // hash of the text.
  HashIndex64 word_hash_index;  // text hash → (offset, count)
  std::vector<std::uint64_t> word_hashes, word_info;
  // And what duplicate detection compares of a text (postprocess.hpp's
  // dedup_hashes: its key, then its word 3-grams), by the same hash: the text
  // model's inputs and both drop_duplicates passes ask for the same lines.
  HashIndex64 dedup_index;  // text hash → (offset, count) in dedup_data
  std::vector<std::uint64_t> dedup_data;

  void clear() {
    head.clear();
    entries.clear();
    text.clear();
    ends.clear();
    word_hash_index.clear();
    word_hashes.clear();
    word_info.clear();
    dedup_index.clear();
    dedup_data.clear();
    if (text.capacity() > (std::size_t{4} << 20)) {  // do not hold on to a huge document's runs
      std::string().swap(text);
      std::vector<std::uint32_t>().swap(ends);
      std::vector<Entry>().swap(entries);
    }
    if (word_hashes.capacity() > (std::size_t{1} << 20)) {
      std::vector<std::uint64_t>().swap(word_hashes);
      std::vector<std::uint64_t>().swap(word_info);
    }
    if (dedup_data.capacity() > (std::size_t{1} << 20)) std::vector<std::uint64_t>().swap(dedup_data);
  }
};

inline SegmentCache& segment_cache() {
  thread_local SegmentCache cache;
  return cache;
}

/// Opens the per-document segmentation cache on this thread for its lifetime
/// (pith::clean_text / clean_html hold one); scopes nest.
struct SegmentScope {
  SegmentScope() { ++segment_cache().depth; }
  ~SegmentScope() {
    SegmentCache& c = segment_cache();
    if (--c.depth == 0) c.clear();
  }
  SegmentScope(const SegmentScope&) = delete;
  SegmentScope& operator=(const SegmentScope&) = delete;
};

/// remember_word_hashes, for the text whose hash_bytes is `text_hash` (the
/// features stage has it already).
inline void remember_word_hashes_of(std::uint64_t text_hash, const std::uint64_t* hashes, const std::uint64_t* info, std::size_t n) {
  SegmentCache& c = segment_cache();
  if (c.depth <= 0 || c.word_hashes.size() + n >= 0xFFFFFFFFu) return;  // offsets are 32-bit
  auto [value, fresh] = c.word_hash_index.try_emplace(text_hash);
  if (!fresh) return;
  *value = {static_cast<std::uint32_t>(c.word_hashes.size()), static_cast<std::uint32_t>(n)};
  c.word_hashes.insert(c.word_hashes.end(), hashes, hashes + n);
  c.word_info.insert(c.word_info.end(), info, info + n);
}

/// Inside a SegmentScope: remembers that the words of `text`, lower-cased
/// (to_lower of each word), hash (hash_bytes) to `hashes[0..n)`, with
/// `info[0..n)` about each (the caller's encoding), so a later stage walking
/// the same text can skip the walk. No-op outside a scope.
inline void remember_word_hashes(std::string_view text, const std::uint64_t* hashes, const std::uint64_t* info, std::size_t n) {
  remember_word_hashes_of(hash_bytes(text.data(), text.size()), hashes, info, n);
}

/// True when recall_word_hashes could find anything: inside a SegmentScope,
/// after some text's words were remembered.
inline bool may_recall_word_hashes() {
  const SegmentCache& c = segment_cache();
  return c.depth > 0 && !c.word_hash_index.empty();
}

/// recall_word_hashes, for the text whose hash_bytes is `text_hash` (callers
/// that have hashed the text already need not hash it again).
inline bool recall_word_hashes_of(std::uint64_t text_hash, std::vector<std::uint64_t>& out, std::vector<std::uint64_t>* info = nullptr) {
  SegmentCache& c = segment_cache();
  if (c.depth <= 0 || c.word_hash_index.empty()) return false;
  const HashIndex64::Value* found = c.word_hash_index.find(text_hash);
  if (!found) return false;
  const std::size_t off = found->first, n = found->second;
  out.assign(c.word_hashes.data() + off, c.word_hashes.data() + off + n);
  if (info) info->assign(c.word_info.data() + off, c.word_info.data() + off + n);
  return true;
}

/// The word hashes (and, when `info` is given, their information) remembered
/// for `text`; false when none are.
inline bool recall_word_hashes(std::string_view text, std::vector<std::uint64_t>& out, std::vector<std::uint64_t>* info = nullptr) {
  if (!may_recall_word_hashes()) return false;  // nothing to find: the text need not be hashed
  return recall_word_hashes_of(hash_bytes(text.data(), text.size()), out, info);
}

/// Calls `fn(word)` for each word of a run of spaceless-script word
/// characters (see spaceless_word_ends), in order: inside a document
/// (SegmentScope), each distinct run goes through ICU once.
template <class Fn>
void for_each_spaceless_word(std::string_view run, Fn&& fn) {
  SegmentCache& cache = segment_cache();
  if (cache.depth > 0 && cache.text.size() + run.size() < 0xFFFFFFFFu && cache.ends.size() + run.size() < 0xFFFFFFFFu) {
    const std::size_t idx = cache.find_or_add(run);
    const SegmentCache::Entry e = cache.entries[idx];
    std::size_t w_start = 0;
    for (std::uint32_t k = 0; k < e.ends_len; ++k) {
      std::size_t w_end = cache.ends[e.ends_off + k];  // re-read: fn may add entries
      fn(run.substr(w_start, w_end - w_start));
      w_start = w_end;
    }
    return;
  }
  std::vector<std::uint32_t> ends;
  spaceless_word_ends(run, ends);
  std::size_t w_start = 0;
  for (std::uint32_t w_end : ends) {
    fn(run.substr(w_start, w_end - w_start));
    w_start = w_end;
  }
}

/// Calls `fn(word, spaceless)` for each word of `s`, in order. A word is a run
/// of letters/digits (apostrophes and hyphens inside a word keep it whole); in
/// spaceless scripts each dictionary word ICU finds is one word. `spaceless`
/// tells the callback which kind it got.
template <class Fn>
void for_each_word(std::string_view s, Fn&& fn) {
  std::size_t i = 0, n = s.size();
  // A word character that does not belong to a spaceless script.
  auto spaced_word = [](UChar32 c) { return !(c >= 0x80 && is_spaceless_script_cp(c)) && is_word_cp(c); };  // range test first: no ICU for CJK
  while (i < n) {
    // Skip to the start of a word.
    std::size_t start = i;
    unsigned char b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {  // ASCII: one table lookup
      ++i;
      if (!(ascii_class(b0) & kAsciiWord)) continue;
    } else {
      UChar32 cp = next_cp(s, i);
      if (!is_word_cp(cp)) continue;
      if (is_spaceless_script_cp(cp)) {
        // Gather the whole spaceless run and hand it to ICU's dictionary breaker.
        std::size_t end = i;
        while (end < n) {
          std::size_t j = end;
          UChar32 c2 = next_cp(s, j);
          if (!(is_spaceless_script_cp(c2) && is_word_cp(c2))) break;
          end = j;
        }
        for_each_spaceless_word(s.substr(start, end - start), [&](std::string_view w) { fn(w, true); });
        i = end;
        continue;
      }
    }
    // A space-separated word: letters, digits, and inner ' ’ - . joining two word chars.
    std::size_t end = i;
    while (end < n) {
#ifdef PITH_SWAR
      if (end + 8 <= n) {  // a run of ASCII word characters, eight bytes at a time
        const std::size_t run = ascii_word_run8(s.data() + end);
        end += run;
        if (run == 8) continue;
      }
      if (end >= n) break;
#endif
      unsigned char c = static_cast<unsigned char>(s[end]);
      if (c < 0x80 && (ascii_class(c) & kAsciiWord)) {
        ++end;
        continue;
      }
      std::size_t j = end;
      UChar32 c2 = c < 0x80 ? (++j, static_cast<UChar32>(c)) : next_cp(s, j);
      if (c2 >= 0x80 && spaced_word(c2)) {
        end = j;
        continue;
      }
      if ((c2 == '\'' || c2 == 0x2019 || c2 == '-' || c2 == '.') && j < n) {
        std::size_t k = j;
        UChar32 c3 = next_cp(s, k);
        if (spaced_word(c3)) {
          end = k;
          continue;
        }
      }
      break;
    }
    fn(s.substr(start, end - start), false);
    i = end;
  }
}

/// First code point of a string (0 for empty).
inline UChar32 first_cp(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = 0;
  return next_cp(s, i);
}

/// Last code point of a string (0 for empty).
inline UChar32 last_cp(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t j = i;
  return next_cp(s, j);
}

inline bool is_upper_cp(UChar32 cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(cp) || u_istitle(cp);
}

inline bool is_digit_cp(UChar32 cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(cp);
}

inline bool is_punct_or_symbol_cp(UChar32 cp) {
  if (cp < 0x80) return (cp > 0x20 && cp < 0x30) || (cp > 0x39 && cp < 0x41) || (cp > 0x5A && cp < 0x61) || (cp > 0x7A && cp < 0x7F);
  return u_ispunct(cp) || (U_MASK(u_charType(cp)) & (U_GC_S_MASK)) != 0;
}

}  // namespace pith::detail
