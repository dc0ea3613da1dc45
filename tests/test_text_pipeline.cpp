// Tests of the text pipeline's fast paths around the features (decode's
// control count and NFC shortcut, rendering): each checked against the plain
// way it replaces, on small and edge-case inputs.
#include <gtest/gtest.h>
#include <pith/pith.hpp>
#include <unicode/normalizer2.h>

#include <random>
#include <string>
#include <vector>

namespace {

namespace d = pith::detail;

std::size_t controls_bytewise(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += d::is_control_byte(static_cast<unsigned char>(c));
  return n;
}

std::string nfc_by_icu(const std::string& s) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, ec);
  EXPECT_TRUE(U_SUCCESS(ec));
  return out;
}

std::string utf8_of(UChar32 cp) {
  std::string s;
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cp, error);
  s.assign(buf, static_cast<std::size_t>(len));
  return s;
}

TEST(TextPipeline, ControlCountOfLongInputsMatchesBytewise) {
  // Sixteen-byte steps, the eight-byte step and the byte tail, at every length
  // up to a few chunks and on a long mixed input (many psadbw sums).
  std::mt19937 rng(7);
  for (std::size_t len = 0; len < 80; ++len) {
    std::string s;
    for (std::size_t k = 0; k < len; ++k) s.push_back(static_cast<char>(rng() % 3 ? rng() % 0x22 : rng()));
    ASSERT_EQ(d::count_controls(s), controls_bytewise(s)) << len;
  }
  std::string all(1 << 20, '\0');
  for (char& c : all) c = static_cast<char>(rng());
  EXPECT_EQ(d::count_controls(all), controls_bytewise(all));
  EXPECT_EQ(d::count_controls(std::string(4096, '\x01')), 4096u);
  EXPECT_EQ(d::count_controls(std::string(4096, '\t')), 0u);
}

TEST(TextPipeline, LooksBinaryGivenTheCountIsLooksBinary) {
  // decode counts the head's control bytes once and hands the count on.
  std::mt19937 rng(11);
  std::string noise(20000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  const std::string utf16 = std::string("\xFF\xFE") + std::string("h\0e\0l\0l\0o\0 \0", 12);
  for (const std::string& s : {std::string("plain text\r\nwith lines\n"), std::string(4000, '\x01'), noise, utf16, std::string("\x89PNG\r\n\x1a\n rest"),
                               std::string(9000, '\x1F') + "tail"}) {
    std::string why_a, why_b;
    const bool a = pith::looks_binary(s, &why_a);
    const bool b = d::looks_binary_counted(s, controls_bytewise(std::string_view(s).substr(0, d::kSniffBytes)), &why_b);
    EXPECT_EQ(a, b);
    EXPECT_EQ(why_a, why_b);
  }
  std::string why;
  EXPECT_FALSE(pith::looks_binary("plain text\r\nwith lines\n", &why));
  EXPECT_TRUE(pith::looks_binary(noise, &why));
  EXPECT_TRUE(pith::looks_binary("\x89PNG\r\n\x1a\n rest", &why));
}

TEST(TextPipeline, NfcQuickYesStartersAreNfcNextToAnything) {
  // Every BMP character the shortcut lets through is NFC after an ASCII letter
  // (which a following combining mark could compose with) and before one.
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  ASSERT_TRUE(U_SUCCESS(ec));
  std::size_t yes = 0;
  for (UChar32 cp = 0x80; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not characters
    if (!d::nfc_quick_yes_starter(cp)) continue;
    ++yes;
    const std::string s = "e" + utf8_of(cp) + "a";
    ec = U_ZERO_ERROR;
    ASSERT_TRUE(nfc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), ec)) << std::hex << cp;
  }
  EXPECT_GT(yes, 50000u);
  // Combining marks, singletons (OHM SIGN), Hangul jamo and beyond the BMP do not qualify.
  for (UChar32 cp : {0x0301, 0x0308, 0x2126, 0x212B, 0x1161, 0x11A8, 0x3099, 0x1F600}) EXPECT_FALSE(d::nfc_quick_yes_starter(cp)) << std::hex << cp;
}

TEST(TextPipeline, NfcInPlaceMatchesIcu) {
  // Texts whose islands take the shortcut, need ICU, or mix both; empty, ASCII, CRLF, long lines.
  std::vector<std::string> texts = {
      "",
      "plain ASCII\r\nline two\n",
      "Caf\xC3\xA9 au lait, d\xC3\xA9j\xC3\xA0 vu \xE2\x80\x94 \xE2\x80\x9Cquoted\xE2\x80\x9D\xE2\x80\xA6",
      "Cafe\xCC\x81 (decomposed), A\xCC\x8A, \xE2\x84\xA6 ohm, \xE2\x84\xAB angstrom",
      "\xE1\x84\x80\xE1\x85\xA1 jamo, \xEA\xB0\x80 syllable, \xEA\xB0\x80\xE1\x86\xA8 syllable + trailing jamo",
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xE6\x9D\xB1\xE4\xBA\xAC \xE3\x81\x8B\xE3\x82\x99 \xF0\x9F\x98\x80 emoji",
      "Vi\xE1\xBB\x87t Nam, vie\xCC\xA3\xCC\x82t (decomposed), \xE1\xBA\xBF",
      std::string(5000, 'x') + "\xC3\xA9" + std::string(3000, 'y') + "e\xCC\x81",
  };
  std::string marks = "a";
  for (int k = 0; k < 40; ++k) marks += (k % 2 ? "\xCC\x81" : "\xCC\xA3");  // past the stream-safe limit
  texts.push_back(marks);
  for (const std::string& t : texts) {
    std::string s = t;
    d::nfc_in_place(s);
    if (t.find("\xCC\xA3\xCC\x81\xCC\xA3") == std::string::npos) EXPECT_EQ(s, nfc_by_icu(t)) << t;
    EXPECT_EQ(s, nfc_by_icu(s)) << t;  // NFC, in any case
  }
}

/// is_folded by its definition, a character at a time.
bool is_folded_slow(std::string_view s) {
  if (!s.empty() && (s.front() == ' ' || s.back() == ' ')) return false;
  bool prev_space = false;
  for (std::size_t i = 0; i < s.size();) {
    const UChar32 cp = d::next_cp(s, i);
    if (cp == ' ') {
      if (prev_space) return false;
      prev_space = true;
      continue;
    }
    prev_space = false;
    if (cp < 0x20 || cp == 0x7F || cp == 0xA0 || (cp >= 0x80 && d::is_space_cp(cp))) return false;
  }
  return true;
}

TEST(TextPipeline, FoldedTestOfLongLinesMatchesTheDefinition) {
  // Lines of 16 bytes and more end in an overlapping sixteen-byte load: every
  // tail length, with the defect (double space, control byte, no-break space,
  // a space at the end, bad UTF-8) before, inside and after the overlap.
  std::mt19937 rng(29);
  const char* bits[] = {"a", "b", " ", ".", "\t", "\x01", "\x7F", "\xC3\xA9", "\xC2\xA0", "\xE2\x80\x99", "\xE3\x80\x80", "\xFF", "\n", "\r"};
  for (int k = 0; k < 60000; ++k) {
    std::string t;
    const int len = 14 + static_cast<int>(rng() % 60);
    while (static_cast<int>(t.size()) < len) t += rng() % 4 ? std::string(1, static_cast<char>('a' + rng() % 26)) : bits[rng() % (sizeof bits / sizeof *bits)];
    ASSERT_EQ(d::is_folded(t), is_folded_slow(t)) << t;
    const std::string folded = d::fold_space(t);
    ASSERT_TRUE(is_folded_slow(folded)) << t;
  }
  for (std::size_t len = 16; len < 40; ++len) {
    std::string t(len, 'x');
    for (std::size_t at = 0; at + 1 < len; ++at) {
      std::string u = t;
      u[at] = ' ';
      u[at + 1] = ' ';
      ASSERT_FALSE(d::is_folded(u)) << len << " " << at;
      u = t;
      u[at] = '\x1F';
      ASSERT_FALSE(d::is_folded(u)) << len << " " << at;
      if (at > 0) {
        u = t;
        u[at] = ' ';
        ASSERT_TRUE(d::is_folded(u)) << len << " " << at;
      }
    }
  }
}

TEST(TextPipeline, SplitLinesDropsLinesThatFoldToNothing) {
  const std::string text = "one\n   \n\t\xC2\xA0 \n  two  words \r\n\r\n" + std::string(40, ' ') + "\n" + std::string(30, 'z') + "  end\n";
  const std::vector<pith::Block> bs = pith::split_lines(text);
  ASSERT_EQ(bs.size(), 3u);
  EXPECT_EQ(bs[0].text, "one");
  EXPECT_EQ(bs[1].text, "two words");
  EXPECT_EQ(bs[1].source_line, 3u);
  EXPECT_EQ(bs[2].text, std::string(30, 'z') + " end");
  EXPECT_EQ(bs[2].source_line, 6u);
  for (const pith::Block& b : bs) EXPECT_EQ(b.tag, "line");
}

TEST(TextPipeline, RenderedTextIsTheKeptLines) {
  std::vector<pith::Block> bs(4);
  const char* texts[] = {"one", "two", "", "four \xC3\xA9"};
  for (std::size_t i = 0; i < bs.size(); ++i) {
    bs[i].text = texts[i];
    bs[i].label = i == 1 ? pith::Label::Drop : pith::Label::Keep;
  }
  EXPECT_EQ(pith::render_text(bs), std::string("one\n\nfour \xC3\xA9\n"));
  EXPECT_EQ(pith::render_text({}), "");
}

}  // namespace
