// pith/decode.hpp — the decode stage: bytes in any charset → NFC UTF-8.
//
// Every later stage of pith works on valid, NFC-normalised UTF-8. This header
// turns whatever bytes a crawler or a file handed us into that, deciding the
// charset the way browsers do (the WHATWG HTML "encoding sniffing algorithm",
// adapted for a library that sees the whole document at once):
//
//   1. a byte order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE) wins outright;
//   2. then the transport hint (HTTP Content-Type, crawler metadata);
//   3. then, for HTML, the standard prescan of the first 1024 bytes for
//      <meta charset> / <meta http-equiv="Content-Type">, with an
//      <?xml encoding="…"?> declaration as the fallback;
//   4. with no usable declaration: BOM-less UTF-16/32 by structure, valid
//      UTF-8, ICU's statistical detector, and finally windows-1252.
//
// A declaration of UTF-8 that the bytes contradict is skipped, and a declared
// legacy charset on bytes that are valid multi-byte UTF-8 yields UTF-8 (lying
// <meta> tags are common). Obvious binaries (images, archives, executables,
// or lots of control bytes) are refused with an error instead of decoded.
//
//   pith::Decoded d = pith::decode(bytes, /*charset_hint=*/"", /*is_html=*/true);
//   if (!d.error.empty()) { /* "not text: looks like a PNG image" */ }
//   use(d.text);                       // valid UTF-8, NFC
//   log(d.charset, d.method);          // e.g. "Shift_JIS", "meta"
//
//   std::string safe = pith::to_valid_utf8(untrusted);   // U+FFFD repair only
//
// Everything is linear in the input size; conversion streams through ICU in
// fixed-size chunks, and valid UTF-8 that is already NFC is copied once.
#pragma once

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <emmintrin.h>  // SSE2 only: part of every x86-64 CPU (as in text_model.hpp)

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace pith {

/// The result of decoding: UTF-8 text plus how its charset was chosen.
struct Decoded {
  std::string text;     // valid UTF-8, NFC
  std::string charset;  // canonical name of the charset used, e.g. "windows-1252", "UTF-8", "Shift_JIS"
  std::string method;   // "bom", "hint", "meta", "xml", "detected", "fallback", "utf8"
  int confidence = 0;   // 0-100 when method == "detected": ICU's confidence, or for BOM-less
                        // UTF-16/32 the share of code units that read as plausible text
  std::string error;    // non-empty => input refused (e.g. "not text: looks like a PNG image")
};

namespace detail {

// ---------------------------------------------------------------------------
// UTF-8 validation and repair
// ---------------------------------------------------------------------------

/// Length of the valid UTF-8 sequence starting at `p` (1-4), or 0 when the
/// bytes there are not a valid sequence. `*consumed` receives the length of
/// the maximal ill-formed subpart to skip (Unicode §3.9, "U+FFFD substitution
/// of maximal subparts", which is also what WHATWG and ICU do).
inline std::size_t utf8_seq(const unsigned char* p, std::size_t avail, std::size_t* consumed) {
  unsigned char c = p[0];
  if (c < 0x80) return *consumed = 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;        // no overlongs
    else if (c == 0xED) hi = 0x9F;   // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;        // no overlongs
    else if (c == 0xF4) hi = 0x8F;   // nothing above U+10FFFF
  } else {
    *consumed = 1;                   // 80-C1, F5-FF never start a sequence
    return 0;
  }
  std::size_t i = 1;
  for (; i <= need; ++i) {
    if (i >= avail) break;
    unsigned char b = p[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
  }
  if (i == need + 1) return *consumed = need + 1;
  *consumed = i;  // the lead plus the continuation bytes that were still plausible
  return 0;
}

/// First index at or after `i` (and before `n`) whose byte is not ASCII, or
/// `n`. Pages are mostly ASCII markup, and every validating or normalising
/// pass spends its time here: 16 bytes per compare, 64 per loop, instead of
/// one code point at a time.
inline std::size_t ascii_run_end(const unsigned char* p, std::size_t i, std::size_t n) {
  for (; i + 64 <= n; i += 64) {
    const auto* q = reinterpret_cast<const __m128i*>(p + i);
    const __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
                                     _mm_or_si128(_mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3)));
    if (_mm_movemask_epi8(any) != 0) break;  // the 16-byte steps below find the byte
  }
  for (; i + 16 <= n; i += 16) {
    const int high = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    if (high != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(high)));
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

/// What a full pass over the bytes found, read as UTF-8.
struct Utf8Scan {
  bool valid = true;            // every sequence well formed
  bool truncated_tail = false;  // the only defect is a sequence cut off at the very end
  std::size_t multibyte = 0;    // well-formed sequences of 2-4 bytes
  std::size_t invalid = 0;      // ill-formed subparts
  /// Usable as UTF-8: valid, or valid but for a character cut off by truncation
  /// (scrapers and size caps cut pages mid-character all the time).
  bool ok() const { return valid || truncated_tail; }
};

inline Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    i = ascii_run_end(p, i, n);
    if (i == n) break;
    std::size_t used;
    if (utf8_seq(p + i, n - i, &used)) {
      ++r.multibyte;
    } else {
      bool at_end = i + used == n && p[i] >= 0xC2 && p[i] <= 0xF4;
      if (r.valid && at_end) {
        r.truncated_tail = true;  // a lead byte and continuations, then end of input
      } else {
        r.truncated_tail = false;
      }
      r.valid = false;
      ++r.invalid;
    }
    i += used;
  }
  return r;
}

inline bool is_ascii_fast(std::string_view s) {
  return ascii_run_end(reinterpret_cast<const unsigned char*>(s.data()), 0, s.size()) == s.size();
}

// ---------------------------------------------------------------------------
// Small byte helpers
// ---------------------------------------------------------------------------

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

inline unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// The HTML standard's "ASCII whitespace" as used by the prescan.
inline bool html_space(unsigned char c) { return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20; }

inline bool ascii_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// Case-insensitive match of the ASCII word `lower_word` at `pos`.
inline bool match_ci(std::string_view s, std::size_t pos, std::string_view lower_word) {
  if (pos > s.size() || s.size() - pos < lower_word.size()) return false;
  for (std::size_t k = 0; k < lower_word.size(); ++k)
    if (ascii_lower(s[pos + k]) != lower_word[k]) return false;
  return true;
}

/// Bytes that do not occur in text in any ASCII-compatible charset: C0 controls
/// other than tab, LF, VT, FF, CR, SO/SI and ESC (ISO-2022 shifts use those
/// three), plus DEL.
inline bool is_control_byte(unsigned char c) {
  if (c == 0x7F) return true;
  if (c >= 0x20) return false;
  return !(c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x0E || c == 0x0F || c == 0x1B);
}

/// How much of the input the binary and UTF-16/32 sniffers look at: enough for
/// hundreds of characters, small enough to cost nothing on large inputs.
constexpr std::size_t kSniffBytes = 8192;

/// is_control_byte for every byte value: counting is then one lookup a byte.
struct ControlTable {
  std::uint8_t is[256] = {};
  constexpr ControlTable() {
    for (int c = 0; c < 256; ++c) is[c] = c == 0x7F || (c < 0x20 && !(c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x0E || c == 0x0F || c == 0x1B));
  }
};
inline constexpr ControlTable kControls{};

inline std::size_t count_controls(std::string_view sample) {
  std::size_t n = 0, i = 0;
  {
    // Sixteen bytes a step (SSE2): a control byte is at most 0x1F (unsigned)
    // and not 09-0F or 1B, or is 0x7F. The flags (one per byte) are summed by
    // psadbw into two 64-bit lanes, which cannot overflow.
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1);
    __m128i sums = zero;
    for (; i + 16 <= sample.size(); i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sample.data() + i));
      const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);                 // 00-1F
      const __m128i shift = _mm_sub_epi8(v, _mm_set1_epi8(0x09));
      const __m128i kept = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(shift, _mm_set1_epi8(6)), shift),  // 09-0F
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8(0x1B)));                       // ESC
      const __m128i control = _mm_or_si128(_mm_andnot_si128(kept, low), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
      sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_and_si128(control, one), zero));
    }
    n += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) + static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // Eight bytes at a time, without branches: a control byte is below 0x20
  // and not one of 09-0F or 1B, or is 0x7F. Each test leaves 0x80 in the
  // bytes it holds for (exactly: no lane borrows from the next), and the
  // multiplication adds the eight flags up in the top byte.
  constexpr std::uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
  const auto ge = [](std::uint64_t t, unsigned a) { return ((t | H) - a * L) & H; };  // t's 7-bit byte >= a
  const auto eq = [](std::uint64_t x, unsigned a) {
    const std::uint64_t t = x ^ (a * L);
    return ~(((t & ~H) + ~H) | t) & H;
  };
  for (; i + 8 <= sample.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, sample.data() + i, 8);
    const std::uint64_t t = x & ~H;
    const std::uint64_t below20 = ~ge(t, 0x20) & ~x & H;   // bytes 00-1F (not 80-9F)
    const std::uint64_t shifts = ge(t, 0x09) & ~ge(t, 0x10);  // 09-0F (with 89-8F, dropped by below20)
    const std::uint64_t control = (below20 & ~shifts & ~eq(x, 0x1B)) | eq(x, 0x7F);
    n += static_cast<std::size_t>(((control >> 7) * L) >> 56);
  }
#endif
  for (; i < sample.size(); ++i) n += kControls.is[static_cast<unsigned char>(sample[i])];
  return n;
}

// ---------------------------------------------------------------------------
// BOM-less UTF-16 / UTF-32 by structure
// ---------------------------------------------------------------------------

/// Code points that make up ordinary text in the world's common scripts. Read
/// as UTF-16, random bytes land here about 73% of the time, real text ~100%.
inline bool plausible_text_cp(std::uint32_t cp) {
  if (cp < 0x80) return cp >= 0x20 ? cp != 0x7F : (cp == 0x09 || cp == 0x0A || cp == 0x0C || cp == 0x0D);
  return (cp >= 0xA0 && cp < 0x0800) ||       // Latin-1 … Arabic, Syriac, Thaana, NKo
         (cp >= 0x0900 && cp < 0x1200) ||     // Indic, Thai, Lao, Tibetan, Myanmar, Georgian, Jamo
         (cp >= 0x1E00 && cp < 0x2800) ||     // Latin/Greek extended, punctuation, symbols
         (cp >= 0x2E80 && cp < 0xA000) ||     // CJK radicals, kana, ideographs
         (cp >= 0xAC00 && cp < 0xD7B0) ||     // Hangul syllables
         (cp >= 0xF900 && cp < 0xFB00) ||     // CJK compatibility ideographs
         (cp >= 0xFE30 && cp < 0xFFF0) ||     // CJK forms, Arabic forms, fullwidth forms
         (cp >= 0x1F000 && cp < 0x1FB00) ||   // emoji
         (cp >= 0x20000 && cp < 0x32000);     // CJK extension ideographs
}

/// Real UTF-16/32 text reads as ≥ 95% plausible code points; random or legacy
/// bytes read that way manage ~73%, so 95% separates them with a wide margin.
constexpr int kWidePlausiblePercent = 95;
/// Too few code units say nothing either way.
constexpr std::size_t kWideMinUnits = 8;

struct WideGuess {
  const char* charset = nullptr;  // "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"
  int percent = 0;                // share of plausible code points
};

/// Guesses BOM-less UTF-16/32 from the first bytes: every unit must be a valid
/// code point, nearly all plausible text, and for UTF-16 the NUL bytes (the
/// high halves of ASCII characters) must sit on the high-byte side.
inline WideGuess sniff_wide(std::string_view s) {
  WideGuess best;
  std::string_view sample = s.substr(0, kSniffBytes);
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  std::size_t n = sample.size();
  // UTF-32 first: UTF-16 text never reads as valid UTF-32, the reverse can.
  for (int be = 0; be < 2 && n / 4 >= kWideMinUnits; ++be) {
    std::size_t units = n / 4, good = 0;
    bool valid = true;
    for (std::size_t u = 0; u < units && valid; ++u) {
      const unsigned char* q = p + 4 * u;
      std::uint32_t cp = be ? (std::uint32_t{q[0]} << 24 | std::uint32_t{q[1]} << 16 | std::uint32_t{q[2]} << 8 | q[3])
                            : (std::uint32_t{q[3]} << 24 | std::uint32_t{q[2]} << 16 | std::uint32_t{q[1]} << 8 | q[0]);
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) valid = false;
      good += plausible_text_cp(cp);
    }
    int pct = valid ? static_cast<int>(good * 100 / units) : 0;
    if (pct >= kWidePlausiblePercent) return {be ? "UTF-32BE" : "UTF-32LE", pct};
  }
  if (n / 2 < kWideMinUnits) return best;
  std::size_t nul_even = 0, nul_odd = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == 0) ++(i % 2 ? nul_odd : nul_even);
  for (int be = 0; be < 2; ++be) {
    // NULs are the high bytes of ASCII characters: odd offsets in LE, even in BE.
    std::size_t nul_high = be ? nul_even : nul_odd, nul_low = be ? nul_odd : nul_even;
    // A few stray NULs prove nothing; once there are several, 80% on the
    // high side is far from the 50/50 split of NULs in non-UTF-16 data.
    if (nul_high + nul_low >= 2 && nul_high * 5 < (nul_high + nul_low) * 4) continue;
    std::size_t units = n / 2, good = 0, counted = 0;
    for (std::size_t u = 0; u < units; ++u) {
      const unsigned char* q = p + 2 * u;
      std::uint32_t cu = be ? (std::uint32_t{q[0]} << 8 | q[1]) : (std::uint32_t{q[1]} << 8 | q[0]);
      ++counted;
      if (cu >= 0xD800 && cu <= 0xDBFF && u + 1 < units) {
        const unsigned char* r = q + 2;
        std::uint32_t lo = be ? (std::uint32_t{r[0]} << 8 | r[1]) : (std::uint32_t{r[1]} << 8 | r[0]);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          good += plausible_text_cp(0x10000 + ((cu - 0xD800) << 10) + (lo - 0xDC00));
          ++u;
          continue;
        }
      }
      good += plausible_text_cp(cu);  // lone surrogates are not plausible
    }
    int pct = static_cast<int>(good * 100 / counted);
    if (pct >= kWidePlausiblePercent && pct > best.percent) best = {be ? "UTF-16BE" : "UTF-16LE", pct};
  }
  return best;
}

// ---------------------------------------------------------------------------
// Binary sniffing
// ---------------------------------------------------------------------------

/// Known file signatures; returns a description or nullptr.
inline const char* binary_magic(std::string_view s) {
  auto at = [&](std::size_t off, std::string_view sig) {
    return s.size() >= off + sig.size() && s.compare(off, sig.size(), sig) == 0;
  };
  using namespace std::string_view_literals;
  if (at(0, "\x89PNG\r\n\x1a\n"sv)) return "looks like a PNG image";
  if (at(0, "\xFF\xD8\xFF"sv)) return "looks like a JPEG image";
  if (at(0, "GIF87a"sv) || at(0, "GIF89a"sv)) return "looks like a GIF image";
  if (at(0, "%PDF-"sv)) return "looks like a PDF document";
  if (at(0, "RIFF"sv) && at(8, "WEBP"sv)) return "looks like a WebP image";
  if (at(0, "RIFF"sv) && at(8, "WAVE"sv)) return "looks like a WAV audio file";
  if (at(0, "RIFF"sv) && at(8, "AVI "sv)) return "looks like an AVI video";
  if (at(0, "II*\0"sv) || at(0, "MM\0*"sv)) return "looks like a TIFF image";
  if (at(0, "8BPS\0\x01"sv)) return "looks like a Photoshop image";
  if (at(0, "\0\0\x01\0"sv) && s.size() >= 6 && s[4] != 0) return "looks like an icon image";
  if (at(0, "wOFF"sv) || at(0, "wOF2"sv) || at(0, "OTTO\0"sv) || at(0, "\0\x01\0\0\0"sv)) return "looks like a font file";
  if (at(4, "ftyp"sv) && s[0] == 0) {
    if (at(8, "avif"sv) || at(8, "heic"sv) || at(8, "heix"sv) || at(8, "mif1"sv)) return "looks like an AVIF/HEIF image";
    if (at(8, "qt  "sv)) return "looks like a QuickTime video";
    if (at(8, "M4A "sv)) return "looks like an MP4 audio file";
    return "looks like an MP4 video";
  }
  if (at(0, "\x1A\x45\xDF\xA3"sv)) return "looks like a Matroska/WebM video";
  if (at(0, "OggS\0"sv)) return "looks like an Ogg media file";
  if (at(0, "fLaC"sv) && s.size() > 4 && (byte_at(s, 4) & 0x7F) == 0) return "looks like a FLAC audio file";
  if (at(0, "ID3"sv) && s.size() > 4 && byte_at(s, 3) >= 2 && byte_at(s, 3) <= 4 && byte_at(s, 4) < 0x10)
    return "looks like an MP3 audio file";
  if (at(0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return "looks like a Microsoft Office document (OLE2: doc/xls/ppt/msg)";
  if (at(0, "PK\x03\x04"sv) || at(0, "PK\x05\x06"sv) || at(0, "PK\x07\x08"sv)) {
    std::string_view head = s.substr(0, kSniffBytes);
    if (head.find("mimetypeapplication/epub+zip") != std::string_view::npos) return "looks like an EPUB e-book (ZIP)";
    if (head.find("mimetypeapplication/vnd.oasis.opendocument") != std::string_view::npos)
      return "looks like an OpenDocument file (ZIP)";
    if (head.find("[Content_Types].xml") != std::string_view::npos || head.find("word/") != std::string_view::npos ||
        head.find("xl/") != std::string_view::npos || head.find("ppt/") != std::string_view::npos)
      return "looks like an Office document (docx/xlsx/pptx, ZIP)";
    if (head.find("META-INF/MANIFEST.MF") != std::string_view::npos) return "looks like a Java archive (ZIP)";
    return "looks like a ZIP archive";
  }
  if (at(0, "\x1F\x8B"sv)) return "looks like a gzip-compressed file";
  if (at(0, "BZh"sv) && s.size() >= 10 && s[3] >= '1' && s[3] <= '9' && at(4, "1AY&SY"sv)) return "looks like a bzip2-compressed file";
  if (at(0, "\xFD" "7zXZ\0"sv)) return "looks like an xz-compressed file";
  if (at(0, "\x28\xB5\x2F\xFD"sv)) return "looks like a zstd-compressed file";
  if (at(0, "\x04\x22\x4D\x18"sv)) return "looks like an LZ4-compressed file";
  if (at(0, "7z\xBC\xAF\x27\x1C"sv)) return "looks like a 7z archive";
  if (at(0, "Rar!\x1A\x07"sv)) return "looks like a RAR archive";
  if (at(257, "ustar"sv)) return "looks like a tar archive";
  if (at(0, "\x7F" "ELF"sv)) return "looks like an ELF executable";
  if (at(0, "\xFE\xED\xFA\xCE"sv) || at(0, "\xFE\xED\xFA\xCF"sv) || at(0, "\xCE\xFA\xED\xFE"sv) || at(0, "\xCF\xFA\xED\xFE"sv))
    return "looks like a Mach-O executable";
  if (at(0, "\xCA\xFE\xBA\xBE"sv)) return "looks like a Java class or Mach-O universal binary";
  if (at(0, "\0asm"sv)) return "looks like a WebAssembly module";
  if (at(0, "SQLite format 3\0"sv)) return "looks like an SQLite database";
  if (at(0, "MZ"sv) && s.size() >= 64) {
    std::uint32_t pe = std::uint32_t{byte_at(s, 60)} | std::uint32_t{byte_at(s, 61)} << 8 | std::uint32_t{byte_at(s, 62)} << 16 |
                       std::uint32_t{byte_at(s, 63)} << 24;
    if (pe <= s.size() - 4 && at(pe, "PE\0\0"sv)) return "looks like a Windows executable";
  }
  return nullptr;
}

/// Text in any ASCII-compatible charset has (almost) no control bytes; random,
/// compressed or encrypted data has ~10%, so 5% is safely between the two.
constexpr std::size_t kBinaryControlPercent = 5;
/// …and a handful of stray NULs in a short string is not "clearly binary".
constexpr std::size_t kBinaryMinControls = 4;

}  // namespace detail

// ---------------------------------------------------------------------------
// Public helpers
// ---------------------------------------------------------------------------

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values
/// above U+10FFFF). NUL bytes are valid.
inline bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size(), i = 0;
  while (i < n) {
    i = detail::ascii_run_end(p, i, n);
    if (i == n) break;
    std::size_t used;
    if (!detail::utf8_seq(p + i, n - i, &used)) return false;
    i += used;
  }
  return true;
}

/// Repairs any byte string into valid UTF-8: each maximal ill-formed subpart
/// becomes one U+FFFD. Valid input is returned as a plain copy.
inline std::string to_valid_utf8(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size(), i = 0, run = 0;  // [run, i) is valid and not yet copied
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t used;
    if (detail::utf8_seq(p + i, n - i, &used)) {
      i += used;
      continue;
    }
    out.append(bytes.data() + run, i - run);
    out.append("\xEF\xBF\xBD");
    i += used;
    run = i;
  }
  out.append(bytes.data() + run, n - run);
  return out;
}

/// True when the bytes are clearly not text: a known file signature, or too
/// many control bytes in the first 8 KiB for any ASCII-compatible charset and
/// not explained by BOM-less UTF-16/32. `why` gets a short description.
inline bool looks_binary(std::string_view bytes, std::string* why = nullptr);

namespace detail {
/// looks_binary(), given count_controls() of the first kSniffBytes (decode needs the count twice).
inline bool looks_binary_counted(std::string_view bytes, std::size_t controls, std::string* why) {
  if (const char* magic = detail::binary_magic(bytes)) {
    if (why) *why = magic;
    return true;
  }
  std::string_view sample = bytes.substr(0, detail::kSniffBytes);
  if (controls < detail::kBinaryMinControls || controls * 100 < sample.size() * detail::kBinaryControlPercent) return false;
  if (detail::sniff_wide(sample).charset) return false;
  if (why) {
    *why = "looks like binary data (" + std::to_string(controls * 100 / sample.size()) + "% control bytes in the first " +
           std::to_string(sample.size()) + " bytes)";
  }
  return true;
}
}  // namespace detail

inline bool looks_binary(std::string_view bytes, std::string* why) {
  return detail::looks_binary_counted(bytes, detail::count_controls(bytes.substr(0, detail::kSniffBytes)), why);
}

namespace detail {

// ---------------------------------------------------------------------------
// Charset labels
// ---------------------------------------------------------------------------

/// A charset pith can decode with: the name it reports and the ICU converter.
struct Charset {
  std::string name;   // canonical name reported in Decoded::charset
  std::string icu;    // name to open the ICU converter with
  enum Kind { Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE, Utf16Bom, Utf32Bom, Legacy } kind = Legacy;
  bool is_unicode() const { return kind != Legacy; }
  bool is_wide() const { return kind != Legacy && kind != Utf8; }
};

/// The WHATWG Encoding Standard's label → encoding choices that differ from a
/// plain ICU alias lookup: browsers decode ISO-8859-1/ASCII as windows-1252,
/// GB2312/GBK with the GB18030 superset, EUC-KR as its superset windows-949,
/// ISO-8859-9 as windows-1254 and TIS-620 as windows-874; "utf-16" means LE.
struct LabelEntry {
  const char* label;
  const char* name;
  const char* icu;
  Charset::Kind kind;
};

inline const LabelEntry* find_label(std::string_view label) {
  static const LabelEntry kLabels[] = {
      {"utf-8", "UTF-8", "UTF-8", Charset::Utf8},
      {"utf8", "UTF-8", "UTF-8", Charset::Utf8},
      {"unicode-1-1-utf-8", "UTF-8", "UTF-8", Charset::Utf8},
      {"unicode11utf8", "UTF-8", "UTF-8", Charset::Utf8},
      {"unicode20utf8", "UTF-8", "UTF-8", Charset::Utf8},
      {"x-unicode20utf8", "UTF-8", "UTF-8", Charset::Utf8},
      {"utf-16", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"utf-16le", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"unicode", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"ucs-2", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"csunicode", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"iso-10646-ucs-2", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"unicodefeff", "UTF-16LE", "UTF-16LE", Charset::Utf16LE},
      {"utf-16be", "UTF-16BE", "UTF-16BE", Charset::Utf16BE},
      {"unicodefffe", "UTF-16BE", "UTF-16BE", Charset::Utf16BE},
      {"utf-32le", "UTF-32LE", "UTF-32LE", Charset::Utf32LE},
      {"utf-32be", "UTF-32BE", "UTF-32BE", Charset::Utf32BE},
      {"utf-32", "UTF-32", "UTF-32", Charset::Utf32Bom},
      // windows-1252 and everything browsers decode as it
      {"windows-1252", "windows-1252", "windows-1252", Charset::Legacy},
      {"x-cp1252", "windows-1252", "windows-1252", Charset::Legacy},
      {"cp1252", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso-8859-1", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso8859-1", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso88591", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso_8859-1", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso_8859-1:1987", "windows-1252", "windows-1252", Charset::Legacy},
      {"iso-ir-100", "windows-1252", "windows-1252", Charset::Legacy},
      {"latin1", "windows-1252", "windows-1252", Charset::Legacy},
      {"l1", "windows-1252", "windows-1252", Charset::Legacy},
      {"cp819", "windows-1252", "windows-1252", Charset::Legacy},
      {"ibm819", "windows-1252", "windows-1252", Charset::Legacy},
      {"csisolatin1", "windows-1252", "windows-1252", Charset::Legacy},
      {"us-ascii", "windows-1252", "windows-1252", Charset::Legacy},
      {"ascii", "windows-1252", "windows-1252", Charset::Legacy},
      {"ansi_x3.4-1968", "windows-1252", "windows-1252", Charset::Legacy},
      {"x-user-defined", "windows-1252", "windows-1252", Charset::Legacy},
      // Chinese (simplified): GB18030 decodes every GBK/GB2312 byte sequence
      {"gb2312", "GB18030", "GB18030", Charset::Legacy},
      {"gb_2312", "GB18030", "GB18030", Charset::Legacy},
      {"gb_2312-80", "GB18030", "GB18030", Charset::Legacy},
      {"csgb2312", "GB18030", "GB18030", Charset::Legacy},
      {"csiso58gb231280", "GB18030", "GB18030", Charset::Legacy},
      {"iso-ir-58", "GB18030", "GB18030", Charset::Legacy},
      {"chinese", "GB18030", "GB18030", Charset::Legacy},
      {"gbk", "GB18030", "GB18030", Charset::Legacy},
      {"x-gbk", "GB18030", "GB18030", Charset::Legacy},
      {"cp936", "GB18030", "GB18030", Charset::Legacy},
      {"ms936", "GB18030", "GB18030", Charset::Legacy},
      {"windows-936", "GB18030", "GB18030", Charset::Legacy},
      {"gb18030", "GB18030", "GB18030", Charset::Legacy},
      {"euc-cn", "GB18030", "GB18030", Charset::Legacy},
      // Chinese (traditional)
      {"big5", "Big5", "Big5", Charset::Legacy},
      {"cn-big5", "Big5", "Big5", Charset::Legacy},
      {"csbig5", "Big5", "Big5", Charset::Legacy},
      {"x-x-big5", "Big5", "Big5", Charset::Legacy},
      {"cp950", "Big5", "Big5", Charset::Legacy},
      {"big5-hkscs", "Big5-HKSCS", "Big5-HKSCS", Charset::Legacy},
      // Japanese: Shift_JIS labels all mean Microsoft's superset (windows-31j)
      {"shift_jis", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"shift-jis", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"sjis", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"x-sjis", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"ms_kanji", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"csshiftjis", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"windows-31j", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"ms932", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"cp932", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"x-ms-cp932", "Shift_JIS", "windows-31j", Charset::Legacy},
      {"euc-jp", "EUC-JP", "EUC-JP", Charset::Legacy},
      {"x-euc-jp", "EUC-JP", "EUC-JP", Charset::Legacy},
      {"eucjp", "EUC-JP", "EUC-JP", Charset::Legacy},
      {"cseucpkdfmtjapanese", "EUC-JP", "EUC-JP", Charset::Legacy},
      // Korean: EUC-KR labels mean the windows-949 (UHC) superset
      {"euc-kr", "EUC-KR", "windows-949", Charset::Legacy},
      {"cseuckr", "EUC-KR", "windows-949", Charset::Legacy},
      {"csksc56011987", "EUC-KR", "windows-949", Charset::Legacy},
      {"iso-ir-149", "EUC-KR", "windows-949", Charset::Legacy},
      {"korean", "EUC-KR", "windows-949", Charset::Legacy},
      {"ks_c_5601-1987", "EUC-KR", "windows-949", Charset::Legacy},
      {"ks_c_5601-1989", "EUC-KR", "windows-949", Charset::Legacy},
      {"ksc5601", "EUC-KR", "windows-949", Charset::Legacy},
      {"ksc_5601", "EUC-KR", "windows-949", Charset::Legacy},
      {"windows-949", "EUC-KR", "windows-949", Charset::Legacy},
      // single-byte families browsers widen to the Windows superset
      {"iso-8859-9", "windows-1254", "windows-1254", Charset::Legacy},
      {"iso8859-9", "windows-1254", "windows-1254", Charset::Legacy},
      {"iso88599", "windows-1254", "windows-1254", Charset::Legacy},
      {"iso_8859-9", "windows-1254", "windows-1254", Charset::Legacy},
      {"latin5", "windows-1254", "windows-1254", Charset::Legacy},
      {"l5", "windows-1254", "windows-1254", Charset::Legacy},
      {"tis-620", "windows-874", "windows-874", Charset::Legacy},
      {"iso-8859-11", "windows-874", "windows-874", Charset::Legacy},
      {"iso8859-11", "windows-874", "windows-874", Charset::Legacy},
      {"dos-874", "windows-874", "windows-874", Charset::Legacy},
      {"windows-874", "windows-874", "windows-874", Charset::Legacy},
      {"iso-8859-8-i", "ISO-8859-8", "ISO-8859-8", Charset::Legacy},
      {"csiso88598i", "ISO-8859-8", "ISO-8859-8", Charset::Legacy},
      {"logical", "ISO-8859-8", "ISO-8859-8", Charset::Legacy},
      {"koi8-r", "KOI8-R", "KOI8-R", Charset::Legacy},
      {"koi8_r", "KOI8-R", "KOI8-R", Charset::Legacy},
      {"koi8", "KOI8-R", "KOI8-R", Charset::Legacy},
      {"koi", "KOI8-R", "KOI8-R", Charset::Legacy},
      {"cskoi8r", "KOI8-R", "KOI8-R", Charset::Legacy},
      {"koi8-u", "KOI8-U", "KOI8-U", Charset::Legacy},
      {"koi8-ru", "KOI8-U", "KOI8-U", Charset::Legacy},
      {"x-mac-roman", "macintosh", "macintosh", Charset::Legacy},
      {"mac", "macintosh", "macintosh", Charset::Legacy},
      {"macintosh", "macintosh", "macintosh", Charset::Legacy},
      {"csmacintosh", "macintosh", "macintosh", Charset::Legacy},
  };
  for (const LabelEntry& e : kLabels)
    if (label == e.label) return &e;
  return nullptr;
}

/// ICU converter names that decode ASCII bytes as something else or let
/// markup be smuggled past filters; browsers refuse them as labels too.
inline bool refused_icu_name(std::string_view icu_name) {
  return icu_name == "UTF-7" || icu_name == "IMAP-mailbox-name" || icu_name == "SCSU" || icu_name == "BOCU-1" ||
         icu_name == "CESU-8" || starts_with(icu_name, "UTF-16BE,") || starts_with(icu_name, "UTF-16LE,") ||
         starts_with(icu_name, "UTF-16,");
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

inline ConverterPtr open_converter(const std::string& name) {
  if (name.empty()) return nullptr;  // ucnv_open("") would open the platform default
  UErrorCode ec = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name.c_str(), &ec));
  if (U_FAILURE(ec)) return nullptr;
  return c;
}

/// True when the converter decodes the ASCII bytes a <meta> prescan matched
/// as those same ASCII characters (false for EBCDIC, UTF-16/32 and the like).
inline bool ascii_compatible(UConverter* cnv) {
  static const char kProbe[] = "<meta charset=\"x\">\t\r\n !#%&()*+,-./09:;=?@AZ[]_az{|}~'";
  constexpr int32_t n = sizeof kProbe - 1;
  UChar out[n + 8];
  UErrorCode ec = U_ZERO_ERROR;
  ucnv_reset(cnv);
  int32_t len = ucnv_toUChars(cnv, out, n + 8, kProbe, n, &ec);
  ucnv_reset(cnv);
  if (U_FAILURE(ec) || len != n) return false;
  for (int32_t i = 0; i < n; ++i)
    if (out[i] != static_cast<unsigned char>(kProbe[i])) return false;
  return true;
}

/// The Encoding Standard's "get an encoding", backed by ICU for labels outside
/// the WHATWG table. `from_prescan`: found by scanning ASCII bytes, so UTF-16/32
/// labels mean UTF-8 and charsets that are not ASCII-compatible are impossible.
inline std::optional<Charset> resolve_label(std::string_view raw, bool from_prescan) {
  std::size_t b = 0, e = raw.size();
  while (b < e && html_space(byte_at(raw, b))) ++b;
  while (e > b && html_space(byte_at(raw, e - 1))) --e;
  // Real labels are short printable ASCII; ICU rejects names past 60 bytes anyway.
  if (e == b || e - b > 60) return std::nullopt;
  std::string label;
  for (std::size_t i = b; i < e; ++i) {
    unsigned char c = byte_at(raw, i);
    if (c <= 0x20 || c >= 0x7F) return std::nullopt;
    label.push_back(ascii_lower(static_cast<char>(c)));
  }
  Charset cs;
  if (const LabelEntry* entry = find_label(label)) {
    cs.name = entry->name;
    cs.icu = entry->icu;
    cs.kind = entry->kind;
  } else {
    ConverterPtr cnv = open_converter(label);
    if (!cnv) return std::nullopt;
    UErrorCode ec = U_ZERO_ERROR;
    const char* icu_name = ucnv_getName(cnv.get(), &ec);
    if (U_FAILURE(ec) || !icu_name) return std::nullopt;
    std::string_view in(icu_name);
    if (in == "UTF-8") {
      cs.kind = Charset::Utf8;
    } else if (in == "UTF-16LE") {
      cs.kind = Charset::Utf16LE;
    } else if (in == "UTF-16BE") {
      cs.kind = Charset::Utf16BE;
    } else if (in == "UTF-32LE") {
      cs.kind = Charset::Utf32LE;
    } else if (in == "UTF-32BE") {
      cs.kind = Charset::Utf32BE;
    } else if (in == "UTF-16" || starts_with(in, "UTF16_")) {
      cs.kind = Charset::Utf16Bom;
    } else if (in == "UTF-32" || starts_with(in, "UTF32_")) {
      cs.kind = Charset::Utf32Bom;
    } else if (refused_icu_name(in)) {
      return std::nullopt;
    }
    if (cs.kind == Charset::Legacy && from_prescan && !ascii_compatible(cnv.get())) return std::nullopt;
    cs.icu = icu_name;
    const char* std_name = nullptr;
    for (const char* standard : {"MIME", "IANA", "WINDOWS"}) {
      UErrorCode ec2 = U_ZERO_ERROR;
      std_name = ucnv_getStandardName(icu_name, standard, &ec2);
      if (std_name && U_SUCCESS(ec2)) break;
      std_name = nullptr;
    }
    cs.name = std_name ? std_name : icu_name;
    if (cs.kind == Charset::Utf16Bom) cs.name = "UTF-16";
    if (cs.kind == Charset::Utf32Bom) cs.name = "UTF-32";
  }
  if (from_prescan && cs.is_wide()) {
    // Prescan read this label as ASCII bytes, so the bytes are not UTF-16/32;
    // the HTML standard says to use UTF-8 then.
    cs = Charset{"UTF-8", "UTF-8", Charset::Utf8};
  }
  return cs;
}

// ---------------------------------------------------------------------------
// The HTML prescan (WHATWG HTML §13.2.3.2) and the XML declaration
// ---------------------------------------------------------------------------

/// The prescan looks at this many bytes, as browsers do.
constexpr std::size_t kPrescanBytes = 1024;

struct Attr {
  std::string name, value;
};

/// "Get an attribute": reads one attribute at `pos` (advancing it); false when
/// there is none (a '>' or the end of the input).
inline bool get_attribute(std::string_view s, std::size_t& pos, Attr& a) {
  const std::size_t n = s.size();
  a.name.clear();
  a.value.clear();
  while (pos < n && (html_space(byte_at(s, pos)) || s[pos] == '/')) ++pos;
  if (pos >= n || s[pos] == '>') return false;
  // attribute name
  for (;;) {
    if (pos >= n) return false;
    char c = s[pos];
    if (c == '=' && !a.name.empty()) {
      ++pos;
      goto value;
    }
    if (html_space(static_cast<unsigned char>(c))) break;  // → spaces
    if (c == '/' || c == '>') return true;               // name only, pos stays on '/' or '>'
    a.name.push_back(ascii_lower(c));
    ++pos;
  }
  // spaces
  while (pos < n && html_space(byte_at(s, pos))) ++pos;
  if (pos >= n) return false;
  if (s[pos] != '=') return true;  // name only
  ++pos;
value:
  while (pos < n && html_space(byte_at(s, pos))) ++pos;
  if (pos >= n) return false;
  if (s[pos] == '"' || s[pos] == '\'') {
    char quote = s[pos];
    for (++pos; pos < n; ++pos) {
      if (s[pos] == quote) {
        ++pos;
        return true;
      }
      a.value.push_back(ascii_lower(s[pos]));
    }
    return false;  // unterminated quote runs off the end
  }
  if (s[pos] == '>') return true;  // empty value, pos stays on '>'
  a.value.push_back(ascii_lower(s[pos]));
  for (++pos; pos < n; ++pos) {
    if (html_space(byte_at(s, pos)) || s[pos] == '>') return true;
    a.value.push_back(ascii_lower(s[pos]));
  }
  return false;
}

/// "Extracting a character encoding from a meta element" (the content attribute).
inline std::optional<Charset> charset_from_content(std::string_view s) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t at = std::string_view::npos;
    for (std::size_t i = pos; i + 7 <= s.size(); ++i)
      if (match_ci(s, i, "charset")) {
        at = i;
        break;
      }
    if (at == std::string_view::npos) return std::nullopt;
    pos = at + 7;
    while (pos < s.size() && html_space(byte_at(s, pos))) ++pos;
    if (pos >= s.size()) return std::nullopt;
    if (s[pos] != '=') continue;  // loop: look for the next "charset"
    ++pos;
    while (pos < s.size() && html_space(byte_at(s, pos))) ++pos;
    if (pos >= s.size()) return std::nullopt;
    char c = s[pos];
    if (c == '"' || c == '\'') {
      std::size_t end = s.find(c, pos + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return resolve_label(s.substr(pos + 1, end - pos - 1), true);
    }
    std::size_t end = pos;
    while (end < s.size() && !html_space(byte_at(s, end)) && s[end] != ';') ++end;
    return resolve_label(s.substr(pos, end - pos), true);
  }
}

/// Skips to just past the next '>' at or after `pos` (or to the end).
inline std::size_t skip_past_gt(std::string_view s, std::size_t pos) {
  std::size_t gt = s.find('>', pos);
  return gt == std::string_view::npos ? s.size() : gt + 1;
}

/// "Prescan a byte stream to determine its encoding", <meta> part: the first
/// usable <meta charset> / http-equiv Content-Type, skipping comments and
/// the insides of other tags.
inline std::optional<Charset> prescan_meta(std::string_view s) {
  s = s.substr(0, kPrescanBytes);
  const std::size_t n = s.size();
  std::size_t pos = 0;
  while (pos < n) {
    if (s[pos] != '<') {
      ++pos;
      continue;
    }
    if (starts_with(s.substr(pos), "<!--")) {
      // The comment ends at the first "-->" whose dashes may overlap "<!--".
      std::size_t end = s.find("-->", pos + 2);
      if (end == std::string_view::npos) return std::nullopt;
      pos = end + 3;
      continue;
    }
    if (match_ci(s, pos, "<meta") && pos + 5 < n && (html_space(byte_at(s, pos + 5)) || s[pos + 5] == '/')) {
      pos += 5;
      std::string seen[8];  // attribute names already seen (the first of each wins)
      std::size_t seen_n = 0;
      bool got_pragma = false;
      int need_pragma = -1;  // -1 null, 0 false, 1 true
      std::optional<Charset> charset;
      bool charset_set = false;  // "charset" is no longer null (it may be failure)
      Attr a;
      while (get_attribute(s, pos, a)) {
        if (std::find(seen, seen + seen_n, a.name) != seen + seen_n) continue;
        if (seen_n < 8) seen[seen_n++] = a.name;  // meta has few attributes; more are ignored
        if (a.name == "http-equiv") {
          if (a.value == "content-type") got_pragma = true;
        } else if (a.name == "content") {
          if (!charset_set) {
            if (auto cs = charset_from_content(a.value)) {
              charset = cs;
              charset_set = true;
              need_pragma = 1;
            }
          }
        } else if (a.name == "charset") {
          charset = resolve_label(a.value, true);
          charset_set = true;
          need_pragma = 0;
        }
      }
      if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || !charset) {
        // next byte: continue scanning after this tag's attributes
        if (pos < n && s[pos] == '>') ++pos;
        continue;
      }
      return charset;
    }
    if (pos + 1 < n && (ascii_alpha(byte_at(s, pos + 1)) || (s[pos + 1] == '/' && pos + 2 < n && ascii_alpha(byte_at(s, pos + 2))))) {
      // Another tag: skip its name, then its attributes (so quoted '>' and
      // "<meta" inside attribute values are not mistaken for markup).
      while (pos < n && !html_space(byte_at(s, pos)) && s[pos] != '>') ++pos;
      Attr a;
      while (get_attribute(s, pos, a)) {
      }
      if (pos < n) ++pos;
      continue;
    }
    if (pos + 1 < n && (s[pos + 1] == '!' || s[pos + 1] == '/' || s[pos + 1] == '?')) {
      pos = skip_past_gt(s, pos + 2);
      continue;
    }
    ++pos;
  }
  return std::nullopt;
}

/// The XML declaration `<?xml version="1.0" encoding="…"?>` at the start of
/// the document (the HTML standard's "get an XML encoding"), used when no
/// <meta> declares a charset.
inline std::optional<Charset> xml_declaration(std::string_view s) {
  s = s.substr(0, kPrescanBytes);
  if (!starts_with(s, "<?xml")) return std::nullopt;
  std::size_t decl_end = s.find('>');
  if (decl_end == std::string_view::npos) return std::nullopt;
  std::string_view decl = s.substr(0, decl_end);
  std::size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return std::nullopt;
  pos += 8;
  while (pos < decl.size() && byte_at(decl, pos) <= 0x20) ++pos;
  if (pos >= decl.size() || decl[pos] != '=') return std::nullopt;
  ++pos;
  while (pos < decl.size() && byte_at(decl, pos) <= 0x20) ++pos;
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return std::nullopt;
  char quote = decl[pos];
  std::size_t end = decl.find(quote, pos + 1);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view value = decl.substr(pos + 1, end - pos - 1);
  for (char c : value)
    if (static_cast<unsigned char>(c) <= 0x20) return std::nullopt;
  return resolve_label(value, true);
}

/// UTF-16 text starting with "<?x" and no BOM (the prescan's first step).
inline std::optional<Charset> utf16_xml_start(std::string_view s) {
  using namespace std::string_view_literals;
  if (starts_with(s, "<\0?\0x\0"sv)) return Charset{"UTF-16LE", "UTF-16LE", Charset::Utf16LE};
  if (starts_with(s, "\0<\0?\0x"sv)) return Charset{"UTF-16BE", "UTF-16BE", Charset::Utf16BE};
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Conversion and normalisation
// ---------------------------------------------------------------------------

/// ICU to-Unicode callback: every unassigned, illegal or truncated input
/// sequence becomes U+FFFD (ICU's default would give U+001A for some
/// single-byte codepages).
inline void to_unicode_fffd(const void*, UConverterToUnicodeArgs* args, const char*, int32_t, UConverterCallbackReason reason,
                            UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

/// Converts `bytes` from the ICU charset to UTF-8, streaming through fixed
/// buffers so memory stays proportional to the output. False when ICU cannot
/// open the converter.
inline bool convert_to_utf8(std::string_view bytes, const std::string& icu_name, std::string& out) {
  ConverterPtr src = open_converter(icu_name);
  ConverterPtr utf8 = open_converter("UTF-8");
  if (!src || !utf8) return false;
  UErrorCode ec = U_ZERO_ERROR;
  ucnv_setToUCallBack(src.get(), to_unicode_fffd, nullptr, nullptr, nullptr, &ec);
  if (U_FAILURE(ec)) return false;
  out.clear();
  // Output is usually about 1-1.5x the input (CJK: 2 bytes → 3); one reserve
  // avoids most regrowth, and std::string growth is amortised linear anyway.
  out.reserve(bytes.size() + bytes.size() / 2 + 16);
  // 64 KiB of output and 16 Ki UTF-16 units of pivot per round keep ICU's
  // per-call overhead negligible without a large stack frame.
  constexpr std::size_t kOut = 65536, kPivot = 16384;
  std::unique_ptr<char[]> buf(new char[kOut]);
  std::unique_ptr<UChar[]> pivot(new UChar[kPivot]);
  UChar* pivot_source = pivot.get();
  UChar* pivot_target = pivot.get();
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  bool reset = true;
  for (;;) {
    char* target = buf.get();
    ec = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), src.get(), &target, buf.get() + kOut, &source, source_limit, pivot.get(), &pivot_source,
                   &pivot_target, pivot.get() + kPivot, reset, /*flush=*/true, &ec);
    reset = false;
    out.append(buf.get(), static_cast<std::size_t>(target - buf.get()));
    if (ec == U_BUFFER_OVERFLOW_ERROR) continue;
    break;
  }
  if (U_FAILURE(ec)) {
    // Should not happen with the substituting callback; keep what converted
    // and repair the remainder rather than lose it.
    out += to_valid_utf8(std::string_view(source, static_cast<std::size_t>(source_limit - source)));
  }
  return true;
}

/// NFC normalisation works on segments this large so ICU's 32-bit lengths are
/// never exceeded and the temporary copy stays bounded.
constexpr std::size_t kNfcSegment = std::size_t{16} << 20;
/// A segment boundary is moved at most this far looking for a normalisation
/// boundary; only a pathological run of combining marks gets that long.
constexpr std::size_t kNfcBoundarySearch = std::size_t{1} << 20;

/// End of the NFC segment starting at `pos` in valid UTF-8 `s`.
inline std::size_t nfc_segment_end(const std::string& s, std::size_t pos, const icu::Normalizer2* nfc) {
  const std::size_t n = s.size();
  if (n - pos <= kNfcSegment) return n;
  std::size_t e = pos + kNfcSegment;
  while (e < n && (byte_at(s, e) & 0xC0) == 0x80) ++e;  // to a character start
  const std::size_t limit = std::min(n, e + kNfcBoundarySearch);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (e < limit) {
    int32_t used = 0;
    UChar32 cp;
    U8_NEXT_OR_FFFD(p + e, used, static_cast<int32_t>(std::min<std::size_t>(4, n - e)), cp);
    if (nfc->hasBoundaryBefore(cp)) return e;
    e += static_cast<std::size_t>(used);
  }
  return std::min(n, e);
}

/// UAX #15's stream-safe limit: after this many non-starters in a row a
/// COMBINING GRAPHEME JOINER is inserted. No real text comes near it, and it
/// keeps ICU's canonical reordering (an insertion sort) from going quadratic
/// on an endless run of combining marks.
constexpr int kMaxNonStarters = 30;

/// Writes the stream-safe form of valid UTF-8 `in` to `out`; false (and `out`
/// untouched) when `in` already is stream-safe, the normal case.
inline bool make_stream_safe(std::string_view in, const icu::Normalizer2* nfc, std::string& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const std::size_t n = in.size();
  std::size_t copied = 0;
  int run = 0;
  bool changed = false;
  for (std::size_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      run = 0;
      ++i;
      continue;
    }
    int32_t used = 0;
    UChar32 cp;
    U8_NEXT_OR_FFFD(p + i, used, static_cast<int32_t>(std::min<std::size_t>(4, n - i)), cp);
    if (nfc->getCombiningClass(cp) == 0) {
      run = 0;
    } else if (++run > kMaxNonStarters) {
      if (!changed) {
        out.clear();
        out.reserve(n + n / 16);
        changed = true;
      }
      out.append(in.data() + copied, i - copied);
      out.append("\xCD\x8F");  // U+034F COMBINING GRAPHEME JOINER (a starter)
      copied = i;
      run = 1;
    }
    i += static_cast<std::size_t>(used);
  }
  if (changed) out.append(in.data() + copied, n - copied);
  return changed;
}

/// Whether BMP code point `cp` has NFC quick check Yes and combining class 0:
/// text made only of such characters is NFC as it stands (UAX #15's quick
/// check answers Yes), with no call to the normaliser. ICU is asked once per
/// code point and thread, the first time the code point is met (no lock; a
/// page uses a few hundred distinct characters). Beyond the BMP: false (the
/// caller asks ICU).
inline bool nfc_quick_yes_starter(UChar32 cp) {
  struct Table {
    std::uint64_t known[0x10000 / 64];  // bit cp: looked up
    std::uint64_t yes[0x10000 / 64];    // bit cp: qualifies
  };
  thread_local Table t{};
  if (cp < 0 || cp >= 0x10000) return false;
  const auto w = static_cast<unsigned>(cp) / 64;
  const std::uint64_t bit = std::uint64_t{1} << (static_cast<unsigned>(cp) % 64);
  if (!(t.known[w] & bit)) {
    t.known[w] |= bit;
    if (u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(cp) == 0) t.yes[w] |= bit;
  }
  return (t.yes[w] & bit) != 0;
}

/// True when the valid UTF-8 s[from, to) is all nfc_quick_yes_starter characters.
inline bool all_nfc_quick_yes(const std::string& s, std::size_t from, std::size_t to) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = from; i < to;) {
    const unsigned char b = p[i];
    UChar32 cp;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xE0) {
      if (i + 2 > to) return false;
      cp = static_cast<UChar32>((b & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu));
      i += 2;
    } else if (b < 0xF0) {
      if (i + 3 > to) return false;
      cp = static_cast<UChar32>((b & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu));
      i += 3;
    } else {
      return false;  // beyond the BMP: ICU decides
    }
    if (!nfc_quick_yes_starter(cp)) return false;
  }
  return true;
}

/// First byte at or after `i` that is not ASCII, or s.size().
inline std::size_t next_non_ascii(const std::string& s, std::size_t i) {
  return ascii_run_end(reinterpret_cast<const unsigned char*>(s.data()), i, s.size());
}

/// NFC-normalises valid UTF-8 in place. ASCII and already-NFC text (the usual
/// case) is only scanned, never copied.
///
/// Only the non-ASCII islands go to ICU, each with the ASCII character before
/// it: ASCII is NFC, and every ASCII character is a normalisation boundary
/// (it never combines with what precedes it), so an island from the ASCII
/// letter before it (which a following accent may compose with) up to the
/// next ASCII byte normalises on its own. On a mostly-English page this skips
/// ICU for all but a few dozen bytes.
inline void nfc_in_place(std::string& s) {
  if (is_ascii_fast(s)) return;
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  if (U_FAILURE(ec) || !nfc) return;
  std::string out, safe;
  bool copying = false;
  std::size_t pos = 0;  // s before this is in `out` (when copying) or final
  while (pos < s.size()) {
    const std::size_t f = next_non_ascii(s, pos);
    if (f == s.size()) break;
    const std::size_t start = f > pos ? f - 1 : f;  // the ASCII starter before the island
    std::size_t end = f;
    while (end < s.size() && byte_at(s, end) >= 0x80) ++end;
    end = std::min(end, nfc_segment_end(s, start, nfc));
    if (end <= f) end = f + 1;  // always progress (nfc_segment_end returns a character start past `start`)
    while (end < s.size() && (byte_at(s, end) & 0xC0) == 0x80) ++end;
    std::string_view seg(s.data() + start, end - start);
    bool unsafe = false, normal = true;
    // Most islands (accented letters, curly quotes, dashes, Cyrillic, CJK) are
    // starters that pass the quick check: NFC and stream-safe as they are.
    if (!all_nfc_quick_yes(s, f, end)) {
      // Stream-safe first: ICU's quick check is itself quadratic on long runs
      // of combining marks. A segment that needed a CGJ is copied anyway.
      unsafe = make_stream_safe(seg, nfc, safe);
      if (unsafe) seg = safe;
      ec = U_ZERO_ERROR;
      normal = nfc->isNormalizedUTF8(icu::StringPiece(seg.data(), static_cast<int32_t>(seg.size())), ec);
      if (U_FAILURE(ec)) normal = true;  // cannot tell: leave the text as it is
    }
    icu::StringPiece piece(seg.data(), static_cast<int32_t>(seg.size()));
    if ((unsafe || !normal) && !copying) {
      out.reserve(s.size() + s.size() / 8);
      out.append(s, 0, start);
      copying = true;
    } else if (copying) {
      out.append(s, pos, start - pos);
    }
    if (copying) {
      std::size_t before = out.size();
      bool done = false;
      if (!normal) {
        ec = U_ZERO_ERROR;
        icu::StringByteSink<std::string> sink(&out);
        nfc->normalizeUTF8(0, piece, sink, nullptr, ec);
        done = U_SUCCESS(ec);
        if (!done) out.resize(before);
      }
      if (!done) out.append(seg);
    }
    pos = end;
  }
  if (copying) {
    out.append(s, pos, std::string::npos);
    s.swap(out);
  }
}

/// Input fed to ICU's detector: enough for a confident statistical verdict,
/// and bounded so detection costs the same on a 100 MB file as on 64 KiB.
constexpr std::size_t kDetectBytes = 65536;
/// Minimum detector confidence to trust: ICU's recognisers score exactly 10
/// when they merely cannot rule the input out (UTF-16 on ASCII, Shift_JIS with
/// no double-byte characters), so only scores above that carry evidence.
constexpr int32_t kDetectMinConfidence = 11;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

/// ICU's statistical detector over the first 64 KiB: the best match ICU can
/// decode, with its confidence; nullopt below the threshold.
inline std::optional<std::pair<Charset, int>> detect(std::string_view bytes, bool is_html) {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&ec));
  if (U_FAILURE(ec) || !det) return std::nullopt;
  std::string_view head = bytes.substr(0, kDetectBytes);
  ucsdet_setText(det.get(), head.data(), static_cast<int32_t>(head.size()), &ec);
  ucsdet_enableInputFilter(det.get(), is_html);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &ec);
  if (U_FAILURE(ec) || !matches) return std::nullopt;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode e2 = U_ZERO_ERROR;
    int32_t conf = ucsdet_getConfidence(matches[i], &e2);
    const char* name = ucsdet_getName(matches[i], &e2);
    if (U_FAILURE(e2) || !name) continue;
    if (conf < kDetectMinConfidence) break;  // matches come best first
    std::string label(name);
    // ICU names its EBCDIC Arabic/Hebrew guesses "IBM420_rtl" etc.; the
    // converter is the same for both directions.
    for (const char* suffix : {"_rtl", "_ltr"})
      if (label.size() > 4 && label.compare(label.size() - 4, 4, suffix) == 0) label.resize(label.size() - 4);
    auto cs = resolve_label(label, false);
    // UTF-16/32 are judged by sniff_wide (ICU scores them on NULs alone), and
    // UTF-8 was already ruled out before detection (ICU still scores it 15 on
    // inputs such as "Caf\xE9").
    if (!cs || cs->is_unicode()) continue;
    return std::make_pair(*cs, static_cast<int>(conf));
  }
  return std::nullopt;
}

/// Decodes `bytes` (BOM already removed) as `cs` into `d`, then NFC.
/// `valid_utf8`: the caller's scan found `bytes` well-formed UTF-8, so UTF-8
/// needs a copy, not a second validating pass.
inline void decode_as(std::string_view bytes, const Charset& cs, Decoded& d, bool valid_utf8 = false) {
  d.charset = cs.name;
  if (cs.kind == Charset::Utf8 && valid_utf8) {
    d.text.assign(bytes.data(), bytes.size());  // what to_valid_utf8 returns for valid input
  } else if (cs.kind == Charset::Utf8 || !convert_to_utf8(bytes, cs.icu, d.text)) {
    if (cs.kind != Charset::Utf8) d.charset = "UTF-8";  // ICU lacks the converter: repair as UTF-8
    d.text = to_valid_utf8(bytes);
  }
  nfc_in_place(d.text);
}

inline Charset utf8_charset() { return Charset{"UTF-8", "UTF-8", Charset::Utf8}; }

/// Valid UTF-8 multi-byte sequences are vanishingly rare by accident in
/// legacy-charset text, so once the non-ASCII sequences are this
/// overwhelmingly valid, the page is UTF-8 with a few corrupt bytes.
constexpr std::size_t kMostlyUtf8Ratio = 20;
/// …judged only with enough multi-byte sequences to be evidence.
constexpr std::size_t kMostlyUtf8MinValid = 16;

/// Share of control bytes above which valid UTF-8 is rather checked for
/// BOM-less UTF-16/32: UTF-16 of Latin/Cyrillic/Greek text is ~50% NUL or
/// control bytes, real UTF-8 text has next to none.
constexpr std::size_t kWideGateValidPercent = 20;
/// For bytes that are not UTF-8, any noticeable share of control bytes (1%)
/// means they are not a legacy ASCII-compatible charset either.
constexpr std::size_t kWideGateInvalidPercent = 1;

}  // namespace detail

/// Decodes bytes in any charset to NFC UTF-8. Decision order: BOM; transport
/// `charset_hint` (when ICU knows it); when `is_html`, the <meta> prescan of
/// the first 1024 bytes and then an XML declaration; then, undeclared:
/// BOM-less UTF-16/32 by structure, valid UTF-8, ICU's detector, windows-1252.
/// Binary input (see looks_binary) is refused with `error` = "not text: …".
inline Decoded decode(std::string_view bytes, std::string_view charset_hint = {}, bool is_html = true) {
  using namespace std::string_view_literals;
  using detail::Charset;
  Decoded d;
  if (bytes.empty()) {
    d.charset = "UTF-8";
    d.method = "utf8";
    return d;
  }

  // (1) Byte order marks. UTF-32LE's BOM begins with UTF-16LE's, so it goes first.
  struct Bom {
    std::string_view mark;
    Charset cs;
  };
  const Bom boms[] = {
      {"\xEF\xBB\xBF"sv, detail::utf8_charset()},
      {"\xFF\xFE\0\0"sv, Charset{"UTF-32LE", "UTF-32LE", Charset::Utf32LE}},
      {"\0\0\xFE\xFF"sv, Charset{"UTF-32BE", "UTF-32BE", Charset::Utf32BE}},
      {"\xFF\xFE"sv, Charset{"UTF-16LE", "UTF-16LE", Charset::Utf16LE}},
      {"\xFE\xFF"sv, Charset{"UTF-16BE", "UTF-16BE", Charset::Utf16BE}},
  };
  for (const Bom& bom : boms) {
    if (!detail::starts_with(bytes, bom.mark)) continue;
    std::string_view rest = bytes.substr(bom.mark.size());
    std::string why;
    if (bom.cs.kind == Charset::Utf8 && looks_binary(rest, &why)) {
      d.error = "not text: " + why;
      return d;
    }
    d.method = "bom";
    detail::decode_as(rest, bom.cs, d);
    return d;
  }

  std::optional<Charset> hint;
  if (!charset_hint.empty()) hint = detail::resolve_label(charset_hint, false);

  // The control bytes of the head, counted once: the binary test and the
  // UTF-16/32 gate (4) both look at them.
  const std::string_view sample = bytes.substr(0, detail::kSniffBytes);
  const std::size_t controls = detail::count_controls(sample);

  // Binary refusal. A UTF-16/32 hint vouches for control bytes, so then only
  // file signatures count.
  {
    std::string why;
    bool binary = false;
    if (hint && hint->is_wide()) {
      if (const char* magic = detail::binary_magic(bytes)) {
        why = magic;
        binary = true;
      }
    } else {
      binary = detail::looks_binary_counted(bytes, controls, &why);
    }
    if (binary) {
      d.error = "not text: " + why;
      return d;
    }
  }

  const detail::Utf8Scan scan = detail::scan_utf8(bytes);

  // Whether a declared charset is used as declared; sets `d` when it is.
  auto use_declared = [&](const Charset& cs, const char* method) -> bool {
    if (cs.kind == Charset::Utf8) {
      if (!scan.ok()) return false;  // contradicted by the bytes: try the next source
      d.method = method;
      detail::decode_as(bytes, cs, d, scan.valid);
      return true;
    }
    if (cs.kind == Charset::Legacy && scan.ok() && scan.multibyte > 0) {
      // The declaration names a legacy charset, but the bytes are valid UTF-8
      // with multi-byte sequences. Legacy text is essentially never valid
      // UTF-8 by accident, while pages that switched to UTF-8 and kept an old
      // <meta> (or servers sending a stale default) are common: trust the bytes.
      d.method = "utf8";
      detail::decode_as(bytes, detail::utf8_charset(), d, scan.valid);
      return true;
    }
    Charset use = cs;
    if (cs.kind == Charset::Utf16Bom || cs.kind == Charset::Utf32Bom) {
      // No BOM (handled above): UTF-16 defaults to LE per the Encoding Standard
      // unless the bytes are clearly BE; UTF-32 likewise.
      detail::WideGuess g = detail::sniff_wide(bytes);
      bool be = g.charset && std::string_view(g.charset).substr(6) == "BE";
      bool utf16 = cs.kind == Charset::Utf16Bom;
      use = utf16 ? (be ? Charset{"UTF-16BE", "UTF-16BE", Charset::Utf16BE} : Charset{"UTF-16LE", "UTF-16LE", Charset::Utf16LE})
                  : (be ? Charset{"UTF-32BE", "UTF-32BE", Charset::Utf32BE} : Charset{"UTF-32LE", "UTF-32LE", Charset::Utf32LE});
    }
    d.method = method;
    detail::decode_as(bytes, use, d);
    return true;
  };

  // (2) Transport hint.
  if (hint && use_declared(*hint, "hint")) return d;

  // (3) HTML prescan: <meta>, else the XML declaration.
  if (is_html) {
    if (auto cs = detail::utf16_xml_start(bytes)) {
      d.method = "xml";
      detail::decode_as(bytes, *cs, d);
      return d;
    }
    if (auto cs = detail::prescan_meta(bytes); cs && use_declared(*cs, "meta")) return d;
    if (auto cs = detail::xml_declaration(bytes); cs && use_declared(*cs, "xml")) return d;
  }

  // (4) Nothing usable declared.
  {
    std::size_t gate = scan.ok() ? detail::kWideGateValidPercent : detail::kWideGateInvalidPercent;
    if (sample.size() >= 2 * detail::kWideMinUnits && controls > 0 && controls * 100 >= sample.size() * gate) {
      detail::WideGuess g = detail::sniff_wide(sample);
      if (g.charset) {
        std::string_view name(g.charset);
        Charset cs{std::string(name), std::string(name),
                   name == "UTF-16LE"   ? Charset::Utf16LE
                   : name == "UTF-16BE" ? Charset::Utf16BE
                   : name == "UTF-32LE" ? Charset::Utf32LE
                                        : Charset::Utf32BE};
        d.method = "detected";
        d.confidence = g.percent;
        detail::decode_as(bytes, cs, d);
        return d;
      }
    }
  }
  if (scan.ok() || (scan.multibyte >= detail::kMostlyUtf8MinValid && scan.multibyte >= scan.invalid * detail::kMostlyUtf8Ratio)) {
    d.method = "utf8";
    detail::decode_as(bytes, detail::utf8_charset(), d, scan.valid);
    return d;
  }
  if (auto found = detail::detect(bytes, is_html)) {
    d.method = "detected";
    d.confidence = found->second;
    detail::decode_as(bytes, found->first, d);
    return d;
  }
  d.method = "fallback";
  detail::decode_as(bytes, Charset{"windows-1252", "windows-1252", Charset::Legacy}, d);
  return d;
}

}  // namespace pith
