// Tests that pith's fast paths give exactly what the plain versions they
// replace give: the stop-word hash table against a search of each sorted list,
// to_lower_into against to_lower, hash_bytes_padded against hash_bytes, the
// per-document word-break cache against breaking each time, and the fused
// context_and_features against make_context followed by compute_features,
// and dom_priors' class-word splitting and name flags against their plain versions.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

namespace d = pith::detail;
namespace lx = pith::lexicon;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Texts in many scripts: the language samples and the seeds.
std::vector<std::string> sample_texts() {
  std::vector<std::string> out;
  const std::filesystem::path root(PITH_SOURCE_DIR);
  for (const char* dir : {"tests/data/languages", "corpus/seeds"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(root / dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out.push_back(read_file(f));
  }
  out.push_back("İSTANBUL İÇİN ılık\nΟΔΟΣ ΣΟΦΟΣ\nKELVIN \u212A Ω \u2126 ß STRASSE ﬁ\n東京都の天気は晴れです。\nสวัสดีครับ ยินดีต้อนรับ\n"
                "ສະບາຍດີ ສະບາຍດີ\nសួស្តី ពិភពលោក\nမင်္ဂလာပါ\n한국어 문장입니다.\nHome » News » Europe\n« quotes » a / b / c\n"
                "don’t “quote” — dash … e\u0301te\u0301 bad\xFF byte\n");
  return out;
}

TEST(FastPaths, StopwordTableAgreesWithTheSortedLists) {
  namespace ld = d::lexdata;
  auto check = [](std::string_view w) {
    std::uint64_t want = 0;
    for (std::size_t l = 0; l < ld::kLanguageCount; ++l) {
      const bool in_list = d::sorted_contains(ld::kLanguages[l].words, ld::kLanguages[l].count, w);
      want |= static_cast<std::uint64_t>(in_list) << l;
      ASSERT_EQ(lx::is_stopword(static_cast<lx::LangId>(l), w), in_list) << w << " in " << ld::kLanguages[l].tag;
    }
    ASSERT_EQ(d::stopword_langs(w), want) << w;
    // Detection reads the combined list; it must say the same.
    const std::string_view* end = ld::kAllStopwords + ld::kAllStopwordCount;
    const std::string_view* it = std::lower_bound(ld::kAllStopwords, end, w);
    ASSERT_EQ(it != end && *it == w ? ld::kAllStopwordLangs[it - ld::kAllStopwords] : 0, want) << w;
  };
  for (std::size_t i = 0; i < ld::kAllStopwordCount; ++i) {
    std::string w(ld::kAllStopwords[i]);
    check(w);
    for (std::size_t cut = 1; cut < w.size(); ++cut) check(std::string_view(w).substr(0, cut));
    check(w + "s");
    std::string v = w;
    v.back() = static_cast<char>(v.back() ^ 1);
    check(v);
  }
  // Every language's own list: each word found, in (at least) that language.
  for (std::size_t l = 0; l < ld::kLanguageCount; ++l)
    for (std::size_t k = 0; k < ld::kLanguages[l].count; ++k) {
      const std::string_view w = ld::kLanguages[l].words[k];
      ASSERT_TRUE((d::stopword_langs(w) >> l) & 1) << w << " in " << ld::kLanguages[l].tag;
      check(w);
    }
  std::mt19937 rng(1);
  for (int k = 0; k < 20000; ++k) {
    std::string w;
    for (int n = 1 + static_cast<int>(rng() % 12); n > 0; --n) w.push_back(static_cast<char>('a' + rng() % 26));
    check(w);
  }
}

TEST(FastPaths, LowerIntoMatchesToLower) {
  std::vector<UChar32> pool;
  for (UChar32 c = 0x20; c < 0x250; ++c) pool.push_back(c);
  for (UChar32 c = 0x370; c < 0x460; ++c) pool.push_back(c);
  for (UChar32 c = 0x2000; c < 0x2200; ++c) pool.push_back(c);
  for (UChar32 c : {0x130, 0x131, 0x307, 0x3A3, 0x1E9E, 0x212A, 0x4E00, 0x3042, 0x1F600, 0xFFFD, 0xFF21, 0x10400}) pool.push_back(c);
  std::mt19937 rng(7);
  std::string out;
  for (int it = 0; it < 50000; ++it) {
    std::string s;
    for (int n = 1 + static_cast<int>(rng() % 10); n > 0; --n) {
      if (rng() % 40 == 0) {
        s.push_back(static_cast<char>(0x80 + rng() % 0x80));  // a bad byte
        continue;
      }
      d::append_utf8(s, rng() % 3 ? static_cast<UChar32>('A' + rng() % 58) : pool[rng() % pool.size()]);
    }
    d::to_lower_into(s, out);
    ASSERT_EQ(out, d::to_lower(s)) << s;
  }
}

TEST(FastPaths, PaddedHashMatchesHash) {
  std::mt19937 rng(5);
  char buf[80];
  for (int it = 0; it < 100000; ++it) {
    for (char& c : buf) c = static_cast<char>(rng());
    const std::size_t n = rng() % 65;
    ASSERT_EQ(d::hash_bytes(buf, n), d::hash_bytes_padded(buf, n)) << n;
  }
}

std::vector<std::pair<std::string, bool>> words_of(std::string_view text) {
  std::vector<std::pair<std::string, bool>> out;
  d::for_each_word(text, [&](std::string_view w, bool spaceless) { out.emplace_back(std::string(w), spaceless); });
  return out;
}

TEST(FastPaths, SegmentCacheBreaksAsICUDoes) {
  for (const std::string& t : sample_texts()) {
    const auto plain = words_of(t);
    d::SegmentScope scope;
    EXPECT_EQ(words_of(t), plain);
    EXPECT_EQ(words_of(t), plain);  // from the cache
  }
}

void expect_same_features(const pith::Features& a, const pith::Features& b) {
  EXPECT_EQ(a.chars, b.chars);
  EXPECT_EQ(a.words, b.words);
  EXPECT_EQ(a.mean_word_len, b.mean_word_len);
  EXPECT_EQ(a.stopword_density, b.stopword_density);
  EXPECT_EQ(a.capitalised_ratio, b.capitalised_ratio);
  EXPECT_EQ(a.digit_ratio, b.digit_ratio);
  EXPECT_EQ(a.symbol_ratio, b.symbol_ratio);
  EXPECT_EQ(a.separators, b.separators);
  EXPECT_EQ(a.terminal_punct, b.terminal_punct);
  EXPECT_EQ(a.starts_list_marker, b.starts_list_marker);
  EXPECT_EQ(a.has_date, b.has_date);
  EXPECT_EQ(a.chrome_lead, b.chrome_lead);
  EXPECT_EQ(a.chrome_lexicon, b.chrome_lexicon);
  EXPECT_EQ(a.chrome_category, b.chrome_category);
  EXPECT_EQ(a.link_density, b.link_density);
  EXPECT_EQ(a.position, b.position);
}

/// The same context and block features from two walks of one document.
void expect_same_documents(const pith::DocContext& ca, const std::vector<pith::Block>& a, const pith::DocContext& cb,
                           const std::vector<pith::Block>& b) {
  EXPECT_EQ(ca.lang, cb.lang);
  EXPECT_EQ(ca.spaceless_share, cb.spaceless_share);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].text);
    expect_same_features(a[i].features, b[i].features);
  }
}

TEST(FastPaths, FusedContextAndFeaturesMatchTheTwoStages) {
  for (const std::string& t : sample_texts()) {
    std::vector<pith::Block> a = pith::split_lines(t), b = a;
    pith::DocContext ca = pith::make_context(a, {});
    pith::compute_features(a, ca);
    d::SegmentScope scope;
    pith::DocContext cb = d::context_and_features(b, {});
    expect_same_documents(ca, a, cb, b);
  }
}

TEST(FastPaths, RepeatedLinesMatchTheTwoStages) {
  // context_and_features gives a line it has met before in the document the
  // features of its first copy and adds its words' evidence again: the same
  // features, language and spaceless share as the two stages, on documents made
  // of a few lines repeated in any order (every script of the samples, lines
  // with non-ASCII words that are computed again each time, and a document
  // past the 128 KiB language sample, whose later lines count for nothing).
  std::vector<std::string> lines;
  for (const std::string& t : sample_texts())
    for (const pith::Block& b : pith::split_lines(t)) lines.push_back(b.text);
  ASSERT_FALSE(lines.empty());
  std::mt19937 rng(29);
  for (int doc = 0; doc < 60; ++doc) {
    std::vector<std::string> pool;
    for (int k = 0; k < 1 + doc % 12; ++k) pool.push_back(lines[rng() % lines.size()]);
    if (doc % 3 == 0) pool.push_back("Share | Tweet | Email");  // ASCII chrome, repeated
    const std::size_t bytes = doc == 7 ? (std::size_t{200} << 10) : 0;
    const std::size_t count = 20 + rng() % 200;
    std::string text;
    for (std::size_t k = 0; k < count || text.size() < bytes; ++k) text += pool[rng() % pool.size()] + "\n";
    std::vector<pith::Block> a = pith::split_lines(text), b = a;
    pith::DocContext ca = pith::make_context(a, {});
    pith::compute_features(a, ca);
    d::SegmentScope scope;
    pith::DocContext cb = d::context_and_features(b, {});
    SCOPED_TRACE(doc);
    expect_same_documents(ca, a, cb, b);
  }
}

TEST(FastPaths, HashIndexActsAsAMap) {
  // The per-document word-hash memo's table against std::unordered_map: inserts,
  // repeats, lookups of absent keys, key 0, growth, and clearing between documents.
  std::mt19937_64 rng(11);
  d::HashIndex64 index;
  for (int doc = 0; doc < 4; ++doc) {
    std::unordered_map<std::uint64_t, d::HashIndex64::Value> want;
    EXPECT_TRUE(index.empty());
    EXPECT_EQ(index.find(0), nullptr);
    const int n = doc == 2 ? 0 : 3000 << doc;
    for (int k = 0; k < n; ++k) {
      const std::uint64_t key = k % 7 == 0 ? rng() % 64 : rng();  // small keys collide in the low bits, and repeat
      auto [value, fresh] = index.try_emplace(key);
      auto [it, want_fresh] = want.try_emplace(key, d::HashIndex64::Value{0, 0});
      ASSERT_EQ(fresh, want_fresh);
      if (fresh) *value = it->second = {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(key)};
      ASSERT_EQ(*value, it->second);
    }
    for (const auto& [key, v] : want) {
      const d::HashIndex64::Value* got = index.find(key);
      ASSERT_NE(got, nullptr);
      ASSERT_EQ(*got, v);
    }
    for (int k = 0; k < 1000; ++k) {
      const std::uint64_t key = rng();
      ASSERT_EQ(index.find(key) != nullptr, want.count(key) == 1);
    }
    index.clear();
  }
}

TEST(FastPaths, DedupKeyAloneMatchesDedupHashes) {
  std::vector<std::string> texts = sample_texts();
  texts.insert(texts.end(), {"", " ", "...", "a", "a b", "a b c", "A B C d", "Ünïcödé wörds here", "東京都の天気", "x\xFFy"});
  std::vector<std::uint64_t> grams;
  for (const std::string& t : texts) {
    for (const pith::Block& b : pith::split_lines(t)) ASSERT_EQ(d::dedup_key_hash(b.text), d::dedup_hashes(b.text, grams)) << b.text;
    ASSERT_EQ(d::dedup_key_hash(t), d::dedup_hashes(t, grams));
    // Inside a document, with the words recalled from the features stage.
    std::vector<pith::Block> blocks = pith::split_lines(t);
    d::SegmentScope scope;
    d::context_and_features(blocks, {});
    for (const pith::Block& b : blocks) ASSERT_EQ(d::dedup_key_hash(b.text), d::dedup_hashes(b.text, grams)) << b.text;
  }
}

TEST(FastPaths, RememberedDedupHashesMatchComputed) {
  // Inside a document dedup_hashes answers a text it has seen from memory: the
  // same key and 3-grams as computing them, with or without the features
  // stage's word hashes, however often and in whatever order it is asked.
  std::vector<std::string> texts = sample_texts();
  texts.insert(texts.end(), {"", "a b c d", "A B C D", "a b c d", "Ünïcödé wörds here", "東京都の天気です", "x\xFFy z w"});
  for (bool features_first : {false, true}) {
    std::vector<pith::Block> blocks;
    for (const std::string& t : texts)
      for (pith::Block& b : pith::split_lines(t)) blocks.push_back(std::move(b));
    std::vector<std::uint64_t> keys, want_grams, grams;
    std::vector<std::vector<std::uint64_t>> all_grams;
    for (const pith::Block& b : blocks) {  // outside a document: computed each time
      keys.push_back(d::dedup_hashes(b.text, want_grams));
      all_grams.push_back(want_grams);
    }
    d::SegmentScope scope;
    if (features_first) d::context_and_features(blocks, {});
    for (int round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < blocks.size(); ++i) {
        const std::size_t k = round == 1 ? blocks.size() - 1 - i : i;
        if (round == 2) {
          ASSERT_EQ(d::dedup_key_hash(blocks[k].text), keys[k]) << blocks[k].text;
          continue;
        }
        grams = {1, 2, 3};  // a stale buffer, as in drop_duplicates
        ASSERT_EQ(d::dedup_hashes(blocks[k].text, grams), keys[k]) << blocks[k].text;
        ASSERT_EQ(grams, all_grams[k]) << blocks[k].text;
      }
  }
}

TEST(FastPaths, LowerAsciiWordMatchesByteLoop) {
  // The features stage lower-cases each ASCII word eight bytes at a time and
  // counts its letters from the same words: byte by byte gives the same.
  std::mt19937 rng(23);
  const std::string pool = "azAZmMqQ09_'-.@[`{\x7F\x01 ";
  for (int k = 0; k < 200000; ++k) {
    const std::size_t n = 1 + rng() % 64;
    std::string w;
    for (std::size_t i = 0; i < n; ++i)
      w.push_back(rng() % 3 ? pool[rng() % pool.size()] : static_cast<char>(rng() % 0x80));  // any ASCII byte too
    char small[64];
    std::memset(small, 0xAA, sizeof small);  // lower_ascii_word writes the padding itself
    // The word alone in a heap block of its size, so a read past its end is caught under ASan.
    std::unique_ptr<char[]> exact(new char[n]);
    std::memcpy(exact.get(), w.data(), n);
    const std::size_t letters = d::lower_ascii_word(exact.get(), n, small);
    std::size_t want_letters = 0;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(small[i], d::lower_ascii_byte(w[i])) << w << ' ' << i;
      want_letters += ((w[i] | 32) >= 'a' && (w[i] | 32) <= 'z');
    }
    ASSERT_EQ(letters, want_letters) << w;
    for (std::size_t i = n; i < ((n + 7) & ~std::size_t{7}); ++i) ASSERT_EQ(small[i], 0) << w << ' ' << i;  // the padding is zero
  }
}

TEST(FastPaths, ReservedHashSetActsAsGrown) {
  std::mt19937_64 rng(13);
  for (std::size_t reserve : {0, 1, 100, 5000}) {
    d::HashSet64 grown, reserved;
    reserved.reserve(reserve);
    std::vector<std::uint64_t> keys;
    for (int k = 0; k < 3000; ++k) keys.push_back(k % 5 == 0 ? rng() % 16 : rng());  // 0 and small keys too
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (k == 1500) reserved.reserve(4000);  // reserving when not empty keeps what is there
      grown.insert(keys[k]);
      reserved.insert(keys[k]);
    }
    for (std::uint64_t key : keys) ASSERT_TRUE(reserved.contains(key));
    for (int k = 0; k < 3000; ++k) {
      const std::uint64_t key = rng();
      ASSERT_EQ(reserved.contains(key), grown.contains(key));
    }
  }
}

/// fold_space as it was before its fast path: byte by byte.
std::string fold_space_slow(std::string_view s) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c > 0x20 && c != 0x7F) {
        if (pending) out.push_back(' '), pending = false;
        out.push_back(static_cast<char>(c));
      } else if (d::ascii_class(c) & d::kAsciiSpace) {
        pending = !out.empty();
      }
      continue;
    }
    const std::size_t start = i;
    const UChar32 cp = d::next_cp(s, i);
    if (d::is_space_cp(cp) || cp == 0xA0) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' '), pending = false;
    out.append(s.data() + start, i - start);
  }
  return out;
}

TEST(FastPaths, FoldSpaceFastPathMatchesTheByteLoop) {
  std::vector<std::string> texts = {"", " ", "  ", "a", " a", "a ", "a  b", "a b", "abcdefgh", "abcdefg  h", "abcdefgh  ijk",
                                    "abcdefg h", "abcdefgh ijklmnop q", "abcdefghi\tj", std::string("ab\0cd", 5), "ab\x7F" "cd",
                                    "caf\xC3\xA9 au lait", "a\xC2\xA0" "b", "1234567 1234567 ", "x\xFF",
                                    "don\xE2\x80\x99t \xE2\x80\x9Cquote\xE2\x80\x9D", "a\xE2\x80\x89" "b", "a\xE3\x80\x80" "b",
                                    "\xEF\xBB\xBF" "abc", "a\xE2\x80\x8B" "b", "x\xC2\x85y", "12345678\xE2\x80\xA8" "9", "\xE1\x9A\x80" "a"};
  for (const std::string& t : sample_texts()) {
    std::size_t start = 0;
    for (std::size_t nl = t.find('\n'); nl != std::string::npos; start = nl + 1, nl = t.find('\n', start)) texts.push_back(t.substr(start, nl - start));
  }
  std::mt19937 rng(17);
  const char pool[] = {'a', 'B', ' ', ' ', '.', '\t', '\x01', '\x7F', '\x1F', '~', '!', '\xC3', '\xA9', '\r', '\v', '\xE2', '\x80', '\x99', '\x89', '\xC2', '\xA0'};
  for (int k = 0; k < 50000; ++k) {
    std::string t;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) t.push_back(rng() % 3 ? static_cast<char>('a' + rng() % 26) : pool[rng() % sizeof pool]);
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    const std::string want = fold_space_slow(t);
    ASSERT_EQ(d::fold_space(t), want) << t;
    ASSERT_EQ(d::is_folded(t), want == t) << t;
  }
}

TEST(FastPaths, SpacePrefilterCoversEverySpace) {
  for (UChar32 cp = 0x80; cp <= 0x10FFFF; ++cp)
    if (d::is_space_cp(cp) || cp == 0xA0) ASSERT_TRUE(d::may_be_space_cp(cp)) << cp;
}

TEST(FastPaths, ControlCountMatchesIsControlByte) {
  // Every byte value alone, at each place of an eight-byte chunk, and random mixes.
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at = 0; at < 17; ++at) {
      std::string s(17, 'a');
      s[at] = static_cast<char>(c);
      ASSERT_EQ(d::count_controls(s), d::is_control_byte(static_cast<unsigned char>(c)) ? 1u : 0u) << c << " at " << at;
    }
  }
  std::mt19937 rng(23);
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 70); n > 0; --n) s.push_back(static_cast<char>(rng() % 4 ? rng() % 0x24 : rng()));
    std::size_t want = 0;
    for (char c : s) want += d::is_control_byte(static_cast<unsigned char>(c));
    ASSERT_EQ(d::count_controls(s), want);
  }
}

TEST(FastPaths, ValidUtf8IsDecodedAsARepairWouldLeaveIt) {
  // decode_as with the scan's verdict copies valid UTF-8 instead of validating it again.
  std::vector<std::string> texts = sample_texts();
  texts.insert(texts.end(), {"", "a", "caf\xC3\xA9", "e\xCC\x81", "\xF0\x9F\x98\x80 x", "\xED\xA0\x80", "abc\xE2\x82"});
  for (const std::string& t : texts) {
    if (!pith::is_valid_utf8(t)) continue;
    pith::Decoded fast, slow;
    d::decode_as(t, d::utf8_charset(), fast, true);
    d::decode_as(t, d::utf8_charset(), slow, false);
    ASSERT_EQ(fast.text, slow.text) << t;
    ASSERT_EQ(fast.charset, slow.charset);
  }
  for (const std::string& t : texts) ASSERT_EQ(pith::decode(t, "", false).text, pith::decode(t, "utf-8", false).text) << t;
}

TEST(FastPaths, SizedGramsMatchAppendedGrams) {
  std::vector<std::string> texts = sample_texts();
  texts.insert(texts.end(), {"", "one", "one two", "one two three", "One two three four", "a b c d e f g"});
  std::vector<std::uint64_t> grams = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};  // a longer buffer than needed, as in drop_duplicates
  for (const std::string& t : texts) {
    for (const pith::Block& b : pith::split_lines(t)) {
      std::vector<std::uint64_t> words, want;
      std::string low;
      d::for_each_word(b.text, [&](std::string_view w, bool) {
        d::to_lower_into(w, low);
        words.push_back(d::hash_bytes(low.data(), low.size()));
      });
      for (std::size_t k = 2; k < words.size(); ++k) {
        const std::uint64_t tri[3] = {words[k - 2], words[k - 1], words[k]};
        want.push_back(d::hash_bytes(reinterpret_cast<const char*>(tri), sizeof tri));
      }
      d::dedup_hashes(b.text, grams);
      ASSERT_EQ(grams, want) << b.text;
    }
  }
}

TEST(FastPaths, PackedAsciiCountsMatchCountingEachCharacter) {
  // text_features_with counts ASCII letters, digits, symbols and '|' in the lanes of one
  // 64-bit sum; here each character is classified on its own, as non-ASCII ones are.
  std::vector<std::string> texts = {"", "a", "|", "a | b | c", "123 abc !?", "caf\xC3\xA9 | 12:30 \xE2\x80\xA2 x",
                                    std::string(70000, 'x') + " 12 | " + std::string(70000, '|') + "\xC3\xA9" + std::string(66000, '7')};
  std::mt19937 rng(19);
  const char pool[] = {'a', 'Z', '0', '9', '|', '|', '.', ',', '!', '_', ' ', '\t', '~', '\x01', '\xC3', '\xA9', '\xE2', '\x80', '\xA2'};
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    for (int n = static_cast<int>(rng() % 60); n > 0; --n) t.push_back(pool[rng() % sizeof pool]);
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    std::size_t chars = 0, digits = 0, symbols = 0;
    int separators = 0;
    for (std::size_t i = 0; i < t.size();) {
      const UChar32 cp = d::next_cp(t, i);
      ++chars;
      if (d::is_digit_cp(cp)) ++digits;
      else if (d::is_separator_cp(cp)) ++separators, ++symbols;
      else if (d::is_punct_or_symbol_cp(cp)) ++symbols;
    }
    const pith::Features f = pith::text_features(t, pith::lexicon::kUnknown);
    ASSERT_EQ(f.chars, chars) << t;
    ASSERT_EQ(f.separators, separators) << t;
    ASSERT_EQ(f.digit_ratio, chars ? static_cast<double>(digits) / static_cast<double>(chars) : 0.0) << t;
    ASSERT_EQ(f.symbol_ratio, chars ? static_cast<double>(symbols) / static_cast<double>(chars) : 0.0) << t;
  }
  // The Latin letters counted for the spaceless share, on a line longer than a lane holds.
  std::vector<pith::Block> a = pith::split_lines(texts.back() + "\n" + std::string(70000, 'q') + "\xE6\x9D\xB1\n"), b = a;
  const pith::DocContext ca = pith::make_context(a, {});
  d::SegmentScope scope;
  const pith::DocContext cb = d::context_and_features(b, {});
  EXPECT_EQ(ca.spaceless_share, cb.spaceless_share);
}

TEST(FastPaths, WideAsciiHelpersMatchBytewise) {
  // is_ascii and lower_ascii_bytes take eight bytes at a time: every byte value at
  // each place of a chunk and of the tail, and random lines.
  for (int c = 0; c < 256; ++c) {
    for (std::size_t len : {1, 7, 8, 9, 17}) {
      for (std::size_t at = 0; at < len; ++at) {
        std::string s(len, 'Q');
        s[at] = static_cast<char>(c);
        ASSERT_EQ(d::is_ascii(s), c < 0x80);
        std::string low(len, '\0');
        d::lower_ascii_bytes(s.data(), s.size(), low.data());
        for (std::size_t k = 0; k < len; ++k) ASSERT_EQ(low[k], d::lower_ascii_byte(s[k])) << c << " at " << at;
      }
    }
  }
  std::mt19937 rng(29);
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 90); n > 0; --n) s.push_back(static_cast<char>(rng() % 5 ? 'A' + rng() % 58 : rng()));
    std::string low = s;
    d::lower_ascii_bytes(low.data(), low.size(), low.data());  // in place, as to_lower_into may
    for (std::size_t i = 0; i < s.size(); ++i) ASSERT_EQ(low[i], d::lower_ascii_byte(s[i]));
  }
}

TEST(FastPaths, LowercasePrefilterAgreesWithICU) {
  for (UChar32 cp = 0; cp <= 0x10FFFF; ++cp)
    ASSERT_EQ(d::may_change_when_lowercased(cp), static_cast<bool>(u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_LOWERCASED))) << cp;
  // Long mixed lines (the chrome lexicon lower-cases whole lines) against ICU's lower-casing.
  std::string out;
  for (const std::string& t : sample_texts()) {
    d::to_lower_into(t, out);
    ASSERT_EQ(out, d::to_lower(t));
  }
  for (const char* t : {"Don\xE2\x80\x99t STOP \xE2\x80\x9C" "Believing\xE2\x80\x9D \xE2\x80\x94 JOURNEY\xE2\x80\xA6 ABCDEFGHIJKLMNOP",
                        "CAF\xC3\x89 Na\xC3\xAFve \xE2\x82\xAC" "100 \xE2\x85\xA0 \xE2\x84\xAA"}) {
    d::to_lower_into(t, out);
    ASSERT_EQ(out, d::to_lower(t)) << t;
  }
}

TEST(FastPaths, VectorTreeScoresMatchTheTreeWalk) {
  // raw_scores (eight lines at a time, every node compared, leaf from a code)
  // against the walk of each tree for each line, to the bit: rows of the
  // model's real inputs, rows set to the thresholds themselves and just
  // either side (the <= / > edge), infinities, NaN, and every length's tail.
  namespace tm = pith::text_model;
  namespace td = pith::text_model::detail;
  std::vector<float> x;
  for (const std::string& t : sample_texts()) {
    d::SegmentScope scope;
    std::vector<pith::Block> bs = pith::split_lines(t);
    pith::DocContext ctx = d::context_and_features(bs, {});
    pith::classify(bs, ctx);
    pith::postprocess(bs, ctx);
    std::vector<float> xi;
    tm::inputs(bs, ctx, xi);
    x.insert(x.end(), xi.begin(), xi.end());
  }
  std::mt19937 rng(5);
  const float specials[] = {0.0f, -0.0f, 1.0f, INFINITY, -INFINITY, NAN, 1e-30f, -1e30f};
  for (int r = 0; r < 3000; ++r) {
    std::vector<float> row(tm::kInputs);
    for (std::size_t f = 0; f < tm::kInputs; ++f) {
      const td::Tree& t = td::kForest[rng() % td::kTrees];
      const float th = t.threshold[rng() % td::kTreeInner];
      switch (rng() % 5) {
        case 0: row[f] = th; break;
        case 1: row[f] = std::nextafter(th, INFINITY); break;
        case 2: row[f] = std::nextafter(th, -INFINITY); break;
        case 3: row[f] = specials[rng() % (sizeof specials / sizeof *specials)]; break;
        default: row[f] = std::uniform_real_distribution<float>(-2.0f, 8.0f)(rng); break;
      }
    }
    x.insert(x.end(), row.begin(), row.end());
  }
  const std::size_t rows = x.size() / tm::kInputs;
  ASSERT_GT(rows, 3000u);
  // raw_scores reads lines in blocks (td::kBlock layout): rows first..first+n, laid out so, pad lines zero.
  auto blocked = [&](std::size_t first, std::size_t n) {
    std::vector<float> xb(td::blocked_size(n), 0.0f);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t f = 0; f < tm::kInputs; ++f) td::row_of<td::kBlock>(xb.data(), i)[f * td::kBlock] = x[(first + i) * tm::kInputs + f];
    return xb;
  };
  const std::vector<float> xb = blocked(0, rows);
  std::vector<double> fast(rows), plain(rows);
  td::raw_scores(xb.data(), rows, fast.data());
  td::raw_scores_plain(xb.data(), rows, plain.data());
  for (std::size_t i = 0; i < rows; ++i) {
    ASSERT_EQ(std::memcmp(&fast[i], &plain[i], sizeof(double)), 0) << "row " << i;
    const double one = tm::raw_score(&x[i * tm::kInputs]);
    ASSERT_EQ(std::memcmp(&fast[i], &one, sizeof(double)), 0) << "row " << i;
  }
  for (std::size_t n = 0; n <= 35; ++n) {  // short documents: every tail of the sixteen-line blocks
    std::vector<double> a(n + 1, 7.0), b(n + 1, 7.0);
    const std::vector<float> xn = blocked(3, n);
    td::raw_scores(xn.data(), n, a.data());
    td::raw_scores_plain(xn.data(), n, b.data());
    for (std::size_t i = 0; i <= n; ++i) ASSERT_EQ(std::memcmp(&a[i], &b[i], sizeof(double)), 0) << n << ' ' << i;  // a[n]: untouched
  }
}

TEST(FastPaths, ClassWordsNamesMatchNameFlags) {
  // class_words fills name_flags' answer from its own word lookups, also past a modifier
  // ("has-comments"), where the chrome/weak/content lists stop reading.
  std::vector<std::pair<std::string, std::string>> cases = {
      {"post-list-article card", "comments"}, {"has-comments sidebar", ""}, {"with-reviews product_tile", "toc"},
      {"relatedPosts codeHilite", "main-nav"}, {"", "disqus_thread"}, {"no-filter sort-by | cta", "x"},
      {"advertisementadvertisement averyveryverylongclassname", "filters"}, {"  reply\tanswers\n", "Rating"}};
  const std::string_view words[] = {"has", "with", "no", "post", "comments", "card", "review", "code", "sidebar", "nav",
                                    "toc", "filter", "cta", "entry", "content", "widget", "x", "Foo", "itemList"};
  const char seps[] = {' ', '-', '_', ':', '/', '.', '\t', 'A'};
  std::mt19937 rng(7);
  for (int k = 0; k < 2000; ++k) {
    std::string cls, id;
    for (int w = static_cast<int>(rng() % 6); w-- > 0;) cls += std::string(words[rng() % std::size(words)]) + seps[rng() % std::size(seps)];
    for (int w = static_cast<int>(rng() % 3); w-- > 0;) id += std::string(words[rng() % std::size(words)]) + seps[rng() % std::size(seps)];
    cases.emplace_back(cls, id);
  }
  for (const auto& [cls, id] : cases) {
    std::string plain_tokens, fused_tokens;
    const pith::dom_priors::ClassWords plain = pith::dom_priors::class_words(cls, id, plain_tokens);
    std::uint8_t names = 0xFF;
    const pith::dom_priors::ClassWords fused = pith::dom_priors::class_words(cls, id, fused_tokens, &names);
    EXPECT_EQ(fused_tokens, plain_tokens) << cls << " / " << id;
    EXPECT_EQ(fused.chrome, plain.chrome) << cls << " / " << id;
    EXPECT_EQ(fused.weak, plain.weak) << cls << " / " << id;
    EXPECT_EQ(fused.content, plain.content) << cls << " / " << id;
    EXPECT_EQ(names, pith::dom_priors::name_flags(plain_tokens)) << cls << " / " << id;
  }
}

// dom_priors::detail::split_words as it was written with push_back, byte by byte.
void split_words_plain(std::string_view s, std::string& out) {
  bool start = true;
  char prev = 0;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space && !out.empty() && out.back() != '|') {
      if (out.back() != ' ') out.push_back(' ');
      out += "| ";
    }
    bool sep = space || c == '-' || c == '_' || c == ':' || c == '/' || c == '.';
    if (sep) {
      start = true;
      prev = c;
      continue;
    }
    bool hump = c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z';
    if ((start || hump) && !out.empty() && out.back() != ' ') out.push_back(' ');
    start = false;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    prev = c;
  }
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
  if (!out.empty() && out.back() == ' ' && out.size() >= 2 && out[out.size() - 2] != '|') out += "| ";
}

TEST(FastPaths, SplitWordsMatchesPushBackVersion) {
  const char alphabet[] = {' ', '\t', '\n', '-', '_', ':', '/', '.', '|', 'a', 'z', 'A', 'Z', 'm', '0', '\xC3', '\xA9'};
  std::mt19937 rng(11);
  for (int k = 0; k < 20000; ++k) {
    std::string s, prefix;
    for (int n = static_cast<int>(rng() % 24); n-- > 0;) s += alphabet[rng() % std::size(alphabet)];
    for (int n = static_cast<int>(rng() % 4); n-- > 0;) prefix += alphabet[rng() % std::size(alphabet)];
    std::string fast = prefix, plain = prefix;  // a second value appends to the first's words
    pith::dom_priors::detail::split_words(s, fast);
    split_words_plain(s, plain);
    ASSERT_EQ(fast, plain) << '[' << prefix << "] [" << s << ']';
  }
}

}  // namespace

namespace {

// split_lines as a plain byte loop: LF, CR, CRLF, U+2028 and U+2029 end
// lines; every line is folded; blank ones are skipped but counted.
std::vector<std::pair<std::string, std::size_t>> split_lines_slow(std::string_view s) {
  std::vector<std::pair<std::string, std::size_t>> out;
  std::size_t line_no = 0, start = 0;
  auto emit = [&](std::size_t end) {
    std::string t = fold_space_slow(s.substr(start, end - start));
    if (!t.empty()) out.emplace_back(t, line_no);
  };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (s[i] == '\n') len = 1;
    else if (s[i] == '\r') len = i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    else if (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9") len = 3;
    if (!len) {
      ++i;
      continue;
    }
    emit(i);
    ++line_no;
    i += len;
    start = i;
  }
  emit(s.size());
  return out;
}

}  // namespace

TEST(FastPaths, SplitLinesMatchesTheByteLoop) {
  // split_lines finds LF-only text's lines with memchr, in one pass, after
  // ruling out CR and U+2028/U+2029 from the rare bytes: the same lines and
  // line numbers as the plain loop.
  std::vector<std::string> texts = {"", "\n", "\n\n", "a", "a\n", "\na", "a\nb", "  \n \t \n x \n", "a\r\nb\rc\n\nd",
                                    "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "end\xE2", "end\xE2\x80", "x\xE2\x80\xA8", "\xE2\x80\x99q\n\xE2\x80\x9Cr\xE2\x80\x9D",
                                    "\xE6\x9D\xB1\xE4\xBA\xAC\n\xE3\x80\x80\n \xE3\x80\x80 \xE6\x97\xA5\n", std::string(70000, 'q') + "\n" + std::string(5, ' '),
                                    "caf\xC3\xA9\n\xC2\xA0\n\xFF\n"};
  for (const std::string& t : sample_texts()) texts.push_back(t);
  std::mt19937 rng(31);
  const char pool[] = {'a', 'B', ' ', '\n', '\n', '\r', '\t', '\xE2', '\x80', '\xA8', '\xA9', '\x99', '\xC2', '\xA0', '.'};
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    for (int n = static_cast<int>(rng() % 60); n > 0; --n) t.push_back(rng() % 2 ? static_cast<char>('a' + rng() % 26) : pool[rng() % sizeof pool]);
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    const auto want = split_lines_slow(t);
    const std::vector<pith::Block> got = pith::split_lines(t);
    ASSERT_EQ(got.size(), want.size()) << t;
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].text, want[i].first) << t;
      ASSERT_EQ(got[i].source_line, want[i].second) << t;
      ASSERT_EQ(got[i].tag, "line");
    }
    const bool has_sep = t.find("\xE2\x80\xA8") != std::string::npos || t.find("\xE2\x80\xA9") != std::string::npos;
    ASSERT_EQ(d::has_unicode_line_break(t), has_sep) << t;
  }
}

TEST(FastPaths, ChromeMatchOfTextLoweringAsAsciiNeedsNoCopy) {
  // lower_for_chrome hands match_chrome text whose lower-casing changes only
  // ASCII capitals as it is: the matcher folds those itself, so every line
  // and every line's prefix (opens_with_chrome matches prefixes) matches as
  // its full lower-casing does.
  std::vector<std::string> texts = {"Share this", "SHARE THIS \xE2\x80\x94 Tweet", "\xE2\x80\x9CRead More\xE2\x80\x9D \xE2\x80\xA6",
                                    "Posted by Jane \xE2\x80\x99s", "\xC3\x89" "CRIT PAR", "Lire aussi\xC2\xA0: la suite", "COMMENTS (12)",
                                    "\xC2\xA9 2024 ALL RIGHTS RESERVED", "\xD0\x9F\xD0\x9E\xD0\x94\xD0\x95\xD0\x9B\xD0\x98\xD0\xA2\xD0\xAC\xD0\xA1\xD0\xAF",
                                    "I\xCC\x87stanbul \xC4\xB0" "\xC3\x87IN", "bad\xFF" "byte Share", "Photo: \xE6\x9D\xB1\xE4\xBA\xAC"};
  for (const std::string& t : sample_texts())
    for (const pith::Block& b : pith::split_lines(t)) texts.push_back(b.text);
  std::string buf;
  auto same = [&](std::string_view s) {
    const lx::ChromeHit want = lx::match_chrome(d::to_lower(s));
    const lx::ChromeHit got = lx::match_chrome(d::lower_for_chrome(s, buf));
    ASSERT_EQ(got.coverage, want.coverage) << s;
    ASSERT_EQ(got.category, want.category) << s;
  };
  for (const std::string& t : texts) {
    same(t);
    for (std::size_t k = 1; k < t.size() && k <= 48; ++k)
      if ((static_cast<unsigned char>(t[k]) & 0xC0) != 0x80) same(std::string_view(t).substr(0, k));
  }
}

namespace {

/// context_and_features's walk of a line as it was before walk_line, in its
/// plainest form: text_features_with's character and word passes, and each
/// word lower-cased by to_lower, looked up by stopword_langs, hashed by
/// hash_bytes and added to the evidence by LangEvidence::add. Words of at most
/// 64 bytes, all ASCII, are the ones the line memo replays.
pith::Features plain_walk(std::string_view text, d::LineRecorder& rec, d::ScriptLetters& letters) {
  return d::text_features_with(
      text,
      [&](std::string_view w, bool spaceless, bool) -> std::size_t {
        const std::string low = d::to_lower(w);
        std::string key = low;
        if (d::has_dotted_i(low)) d::strip_dotted_i(low, key);
        const std::uint64_t mask = d::stopword_langs(key);
        if (mask) rec.masks.push(mask);
        if (rec.sampled) rec.evidence.add(w, spaceless, [mask](bool) { return mask; });
        rec.word_hashes.push(d::hash_bytes(low.data(), low.size()));
        rec.word_info.push(mask | (!spaceless && d::cp_count(low) < 3 ? d::kShortWord : 0));
        if (w.size() <= 64 && d::is_ascii(w)) {
          std::uint64_t latin = 0;
          for (char c : w) latin += (c | 32) >= 'a' && (c | 32) <= 'z';
          rec.memo_words.push(mask | latin << d::LineRecorder::kMemoLettersShift);
        } else {
          rec.ascii_words = false;
        }
        return 0;
      },
      &letters);
}

std::vector<std::uint64_t> appended(const d::U64Appender& a) { return std::vector<std::uint64_t>(a.data(), a.data() + a.size); }

/// Lines for the walks: the samples' and the text set's lines, and lines made
/// of pieces that meet every rule of the walk (joiners between and beside word
/// characters, spaceless runs beside spaced words, bad bytes, a dotted capital
/// I, guillemets, " / ", words of 63 to 65 bytes and longer, lines across
/// 64-byte blocks and past what a byte counter holds).
std::vector<std::string> walk_lines() {
  std::vector<std::string> lines = {"", " ", "a", "A", "_", "9", "'", "a'", "'a", "a'b", "a''b", "a'-b", "a-.b", "a.b.c", "1.5", "x_y",
                                    "don\xE2\x80\x99t", "don\xE2\x80\x99\xE2\x80\x99t", "a\xE2\x80\x99", "\xE2\x80\x99" "a", "a\xE2\x80\x99-b",
                                    "caf\xC3\xA9-au-lait", "\xC3\xA9t\xC3\xA9", "e\xCC\x81t\xCC\x81" "e", "abc\xE6\x9D\xB1\xE4\xBA\xAC" "def",
                                    "\xE6\x9D\xB1\xE4\xBA\xAC'abc", "abc'\xE6\x9D\xB1", "a.\xE6\x9D\xB1", "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1" "abc",
                                    "\xC4\xB0STANBUL \xC4\xB0\xC3\x87\xC4\xB0N I\xCC\x87yi", "bad\xFF" "byte", "\x80\x80" "a", "ab\xE2\x82", "\xE2\x82" "ab",
                                    "\xF0\x9F\x98\x80 smile \xF0\x9F\x98\x80", "Home \xC2\xBB News \xC2\xBB Europe", "\xC2\xAB quoted \xC2\xBB",
                                    "a / b / c", "a // b", "Share | Tweet | Email", "\xD9\xA3\xD9\xA4 digits", "Updated: 19 November 2019, 09:01 AM",
                                    "- item", "2. Second step", "He said \xE2\x80\x9Chi.\xE2\x80\x9D", "\t tabs \t", std::string(63, 'a'),
                                    std::string(64, 'B'), std::string(65, 'c'), std::string(130, 'D') + " the", std::string(5000, 'e'),
                                    std::string(62, ' ') + "ab cd", std::string(63, ' ') + "a'b", std::string(63, 'x') + "\xE2\x80\x99" "y"};
  for (const std::string& t : sample_texts())
    for (const pith::Block& b : pith::split_lines(t)) lines.push_back(b.text);
  const std::filesystem::path textset = std::filesystem::path(PITH_SOURCE_DIR) / "corpus/textset";
  if (std::filesystem::exists(textset)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(textset)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      for (const pith::Block& b : pith::split_lines(read_file(f))) lines.push_back(b.text);
  }
  const std::vector<std::string> pieces = {"a", "Z", "the", "The", "and", "of", "9", "2019", "12:30", "_", "'", "-", ".", " ", " ", " ", "  ",
                                           "|", "/", " / ", ",", "!", "?", "\"", ")", "*", "\t", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB",
                                           "\xC3\xA9", "\xC3\x89", "\xC4\xB0", "i\xCC\x87", "\xCC\x81", "\xE6\x9D\xB1", "\xE4\xBA\xAC",
                                           "\xE3\x81\xAE", "\xE0\xB8\xAA", "\xD0\xB8", "\xD9\x85", "\xE2\x80\xA2", "\xE2\x80\xA6", "\xF0\x9F\x98\x80",
                                           "\xFF", "\x80", "\xE2\x82", "\xEF\xBC\x91", "\xE2\x80\x8B", "\xC2\xA0", std::string(40, 'w')};
  std::mt19937 rng(31);
  for (int k = 0; k < 30000; ++k) {
    std::string t;
    const int count = k % 50 == 0 ? 400 : static_cast<int>(rng() % 40);
    for (int p = 0; p < count; ++p) t += pieces[rng() % pieces.size()];
    lines.push_back(t);
  }
  return lines;
}

TEST(LineWalk, MatchesThePlainWalkOnEachLine) {
  // Every output of a line's walk: its Features, each word's stop-word
  // languages, hash and information, the memo's records and whether the line
  // may be memoised, its letters, and the language evidence it adds.
  const std::vector<std::string> lines = walk_lines();
  d::SegmentScope scope;  // the spaceless runs' words from the cache, as in a document
  for (const std::string& t : lines) {
    SCOPED_TRACE(t.size() > 300 ? t.substr(0, 300) + "..." : t);
    d::U64Appender masks_a, masks_b, memo_a, memo_b;
    d::LangEvidence ev_a, ev_b;
    d::LineRecorder a(masks_a, memo_a, ev_a), b(masks_b, memo_b, ev_b);
    a.begin(true);
    b.begin(true);
    d::ScriptLetters la, lb;
    const pith::Features fa = plain_walk(t, a, la);
    const pith::Features fb = d::walk_line(t, b, lb);
    expect_same_features(fa, fb);
    ASSERT_EQ(appended(masks_a), appended(masks_b));
    ASSERT_EQ(appended(a.word_hashes), appended(b.word_hashes));
    ASSERT_EQ(appended(a.word_info), appended(b.word_info));
    ASSERT_EQ(a.ascii_words, b.ascii_words);
    if (a.ascii_words) ASSERT_EQ(appended(memo_a), appended(memo_b));
    ASSERT_EQ(la.letters, lb.letters);
    ASSERT_EQ(la.spaceless, lb.spaceless);
    ASSERT_EQ(ev_a.letters, ev_b.letters);
    ASSERT_EQ(ev_a.hits, ev_b.hits);
    ASSERT_EQ(ev_a.cues, ev_b.cues);
    ASSERT_EQ(ev_a.words, ev_b.words);
    if (testing::Test::HasFailure()) return;
  }
}

TEST(LineWalk, DocumentsMatchThePlainWalk) {
  // Whole documents (the samples, and lines drawn from all of the above with
  // repeats, as the line memo meets them): the same context, features, and
  // word hashes remembered for the post-process stage.
  const std::vector<std::string> lines = walk_lines();
  std::vector<std::string> docs = sample_texts();
  std::mt19937 rng(37);
  for (int doc = 0; doc < 40; ++doc) {
    std::string text;
    for (int k = 0; k < 200; ++k) text += lines[rng() % (k % 3 ? 30 + doc : lines.size())] + "\n";
    docs.push_back(text);
  }
  for (const std::string& t : docs) {
    std::vector<pith::Block> a = pith::split_lines(t), b = a;
    std::vector<std::vector<std::uint64_t>> hashes_a, info_a;
    pith::DocContext ca;
    {
      d::SegmentScope scope;
      ca = d::context_and_features_with(a, {}, {}, plain_walk);
      for (const pith::Block& blk : a) {
        hashes_a.emplace_back();
        info_a.emplace_back();
        ASSERT_TRUE(d::recall_word_hashes(blk.text, hashes_a.back(), &info_a.back()));
      }
    }
    d::SegmentScope scope;
    const pith::DocContext cb = d::context_and_features(b, {});
    expect_same_documents(ca, a, cb, b);
    for (std::size_t i = 0; i < a.size(); ++i) {
      SCOPED_TRACE(a[i].text);
      std::vector<std::uint64_t> hashes, info;
      ASSERT_TRUE(d::recall_word_hashes(b[i].text, hashes, &info));
      ASSERT_EQ(hashes, hashes_a[i]);
      ASSERT_EQ(info, info_a[i]);
    }
  }
}

}  // namespace

namespace {

/// has_date_or_time's rule run by run, a byte at a time.
bool has_date_or_time_plain(std::string_view t) {
  const auto is_digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  for (std::size_t k = 0; k < t.size();) {
    if (!is_digit(k)) {
      ++k;
      continue;
    }
    std::size_t e = k;
    while (is_digit(e)) ++e;
    const std::string run(t.substr(k, e - k));
    if (run.size() == 4 && (run.rfind("19", 0) == 0 || run.rfind("20", 0) == 0)) return true;
    if (run.size() <= 2 && e + 2 < t.size() && t[e] == ':' && is_digit(e + 1) && is_digit(e + 2) && !is_digit(e + 3)) return true;
    k = e;
  }
  return false;
}

TEST(FastPaths, DateSearchMatchesTheByteLoop) {
  // has_date_or_time skips to each number eight bytes at a time: every byte
  // value beside a number, numbers at each place of a chunk, and random lines.
  std::vector<std::string> texts = {"", "1", "19", "1999", "2099", "2100", "12345", "9:41", "09:41", "109:41", "9:412", "9:4", "a 2019 b",
                                    "x\xC2\xB9\xB0" "2020", "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x90"};
  for (int c = 0; c < 256; ++c)
    for (std::size_t at = 0; at < 17; ++at) {
      std::string s(20, 'x');
      s[at] = static_cast<char>(c);
      texts.push_back(s);
      texts.push_back(s.substr(0, at + 1) + "2019" + s.substr(at + 1));
      texts.push_back(s.substr(0, at) + "7:30" + s.substr(at));
    }
  std::mt19937 rng(41);
  const char pool[] = {'0', '1', '2', '9', ':', ' ', 'a', '\xB0', '\xB9', '\xC2', '/', '.'};
  for (int k = 0; k < 50000; ++k) {
    std::string t;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) t.push_back(pool[rng() % sizeof pool]);
    texts.push_back(t);
  }
  for (const std::string& t : texts) ASSERT_EQ(pith::has_date_or_time(t), has_date_or_time_plain(t)) << t;
}

}  // namespace
