// lexicon::match_chrome against a plain reference: main's algorithm before the
// sixteen-byte scan (a walk of the trie at every word start, punctuation mark
// and non-ASCII code point), with or without its filters, over generated and
// edge-case text. The reference below is a deliberate copy of that older code
// (scalar, no SWAR), kept only as the test oracle.
#include <gtest/gtest.h>
#include <pith/lexicon.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#ifndef PITH_SOURCE_DIR
#define PITH_SOURCE_DIR "."
#endif

namespace {

namespace lx = pith::lexicon;
namespace d = pith::detail;

/// The matching pass as it was: `own` per byte (-1: no phrase), or empty when nothing matched.
/// `filters`: skip the walks the trie's filters rule out (false: walk everywhere a phrase may start).
std::vector<std::int8_t> reference_owners(std::string_view s, bool filters) {
  using namespace pith::detail;
  const ChromeTrie& trie = chrome_trie();
  const std::size_t n = s.size();
  std::vector<std::int8_t> own;
  auto spaced_at = [&](std::size_t k) {
    unsigned char b = static_cast<unsigned char>(s[k]);
    return b < 0x80 ? (ascii_class(b) & kAsciiWord) != 0 : is_spaced_word_cp(next_cp(s, k));
  };
  auto run_at = [&](std::size_t from, std::size_t& end) {
    std::uint64_t key8 = 0;
    std::size_t e = from;
    for (; e < n; ++e) {
      std::uint8_t c = static_cast<std::uint8_t>(s[e]);
      if (c >= 0x80 || !(ascii_class(c) & kAsciiWord)) break;
      if (e - from < 8) key8 |= static_cast<std::uint64_t>(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * (e - from));
    }
    end = e;
    return ChromeTrie::run_hash(key8, e - from);
  };
  bool prev_spaced = false;
  for (std::size_t i = 0; i < n;) {
    std::size_t start = i;
    bool cp_spaced;
    std::size_t word_end = 0;
    unsigned char b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80 && (ascii_class(b0) & kAsciiWord)) {
      ++i;
      if (prev_spaced) continue;
      std::size_t e;
      const std::uint64_t h1 = run_at(start, e);
      prev_spaced = true;
      const unsigned after = e < n ? static_cast<std::uint8_t>(s[e]) : ChromeTrie::kPhraseEnd;
      bool may = ChromeTrie::test(trie.first_word.data(), ChromeTrie::word_bit(h1, ChromeTrie::kPhraseEnd)) ||
                 (after != ChromeTrie::kPhraseEnd && ChromeTrie::test(trie.first_word.data(), ChromeTrie::word_bit(h1, after)));
      if (!may && after == ' ' && e + 1 < n && ChromeTrie::test(trie.pair_first.data(), static_cast<std::uint32_t>(h1 >> 48))) {
        const unsigned char c2 = static_cast<unsigned char>(s[e + 1]);
        if (c2 < 0x80 && (ascii_class(c2) & kAsciiWord)) {
          std::size_t e2;
          may = ChromeTrie::test(trie.pair.data(), ChromeTrie::pair_bit(h1, run_at(e + 1, e2)));
        }
      }
      if (!may && filters) {
        i = e;
        continue;
      }
      cp_spaced = true;
      word_end = e;
    } else {
      if (b0 < 0x80) {
        ++i;
        cp_spaced = false;
      } else {
        cp_spaced = is_spaced_word_cp(next_cp(s, i));
      }
      if (prev_spaced && cp_spaced) continue;
      if (filters && start + 3 <= n && !trie.may_start(s.data() + start)) {
        prev_spaced = cp_spaced;
        continue;
      }
    }
    const bool at_boundary = word_end ? true : !prev_spaced;
    std::int32_t node = 0;
    std::size_t best_end = 0;
    int best_cat = -1;
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
      best_cat = nd.category;
    }
    if (best_end) {
      if (own.empty()) own.assign(n, -1);
      for (std::size_t k = start; k < best_end; ++k) own[k] = static_cast<std::int8_t>(best_cat);
      prev_spaced = is_spaced_word_cp(last_cp(s.substr(start, best_end - start)));
      i = best_end;
      continue;
    }
    prev_spaced = cp_spaced;
    if (word_end) i = word_end;
  }
  return own;
}

/// lexicon::match_chrome as it was, on top of reference_owners (the counting pass without its SWAR shortcut).
lx::ChromeHit reference_match_chrome(std::string_view lower_text, bool filters) {
  using namespace pith::detail;
  lx::ChromeHit hit;
  if (lower_text.empty()) return hit;
  std::string dotless;
  if (has_dotted_i(lower_text)) {
    strip_dotted_i(lower_text, dotless);
    lower_text = dotless;
  }
  const std::string_view s = lower_text;
  const std::size_t n = s.size();
  const std::vector<std::int8_t> own = reference_owners(s, filters);
  if (own.empty()) return hit;
  std::vector<std::size_t> cover(lexdata::kChromeCategoryCount, 0);
  std::size_t total = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t start = i;
    UChar32 cp = next_cp(s, i);
    if (!is_word_cp(cp)) continue;
    if (own[start] < 0 && is_digit_cp(cp)) {
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
  std::size_t covered = 0, best = 0;
  for (int c = 0; c < lexdata::kChromeCategoryCount; ++c) {
    covered += cover[static_cast<std::size_t>(c)];
    if (cover[static_cast<std::size_t>(c)] > best) best = cover[static_cast<std::size_t>(c)], hit.category = c;
  }
  if (total == 0) {
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

/// Checks match_chrome against both reference forms; returns false (after one failure report) on a difference.
bool same_as_reference(std::string_view text) {
  const lx::ChromeHit got = lx::match_chrome(text);
  for (bool filters : {true, false}) {
    const lx::ChromeHit want = reference_match_chrome(text, filters);
    if (got.coverage != want.coverage || got.category != want.category) {
      ADD_FAILURE() << "text \"" << text << "\" (" << text.size() << " bytes, filters " << filters << "): got " << got.coverage << "/"
                    << got.category << ", want " << want.coverage << "/" << want.category;
      return false;
    }
  }
  return true;
}

std::string ascii_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return s;
}

std::vector<std::string> all_phrases() {
  std::vector<std::string> out;
  for (int c = 0; c < d::lexdata::kChromeCategoryCount; ++c) {
    const d::lexdata::ChromeCategory& cat = d::lexdata::kChromeCategories[c];
    for (std::size_t k = 0; k < cat.count; ++k) out.emplace_back(cat.phrases[k].text);
  }
  return out;
}

TEST(ChromeMatch, EdgeCases) {
  const char* cases[] = {
      "", " ", "  ", ".", "...", "!!!", "©", "© 2024", "(12)", "12", "1,234.5", "_", "__init__", "a", "A", "Z", "\xff", "\xcc",
      "\xcc\x87", "i\xcc\x87", "\xc4\xb0", "share", "SHARE", "Share", "shares", "timeshare", "share2024", "share 2024",
      "share,", ",share", "share\xcc\x87", "shar\xc3\xa9", "\xc3\xa9share", "share\xc3\xa9", "comments (12)", "12 comments",
      "read more", "Read More", "read  more", "read\tmore", "read\nmore", "read more\xe2\x80\xa6", "l\xc4\xb1nk", "bağlantı",
      "payla\xc5\x9f", "paylaş", "i\xcc\x87leti\xc5\x9fi\xcc\x87m", "\xe5\x88\x86\xe4\xba\xab", "分享到微博", "阅读量 123",
      "อ่านต่อ", "แชร์", "\xe0\xb8", "\x80\x80share", "share\x80", "\xf0\x9f\x91\x8d like", "like\xf0\x9f\x91\x8d",
      "\xe2\x80\x9cshare\xe2\x80\x9d", "skip to content", "Skip to main content", "back to top", "log in", "lo\xcc\x87g in",
      "sign up for our newsletter", "all rights reserved", "(c) 2024 all rights reserved.", "previous post", "next article",
      "advertisement", "ADVERTISEMENT", "tags:", "posted by", "by", "By", "photo:", "12345678901234567890share",
  };
  for (const char* c : cases) {
    same_as_reference(c);
    same_as_reference(d::to_lower(c));
  }
  // Phrases at a sixteen-byte boundary, at the very end, and after long words.
  for (std::size_t pad = 0; pad < 40; ++pad)
    for (const char* p : {"share", "read more", "comments", "log in", "©", "分享"}) {
      same_as_reference(std::string(pad, 'x') + " " + p);
      same_as_reference(std::string(pad, ' ') + p);
      same_as_reference(std::string(pad, 'x') + p);
      same_as_reference(std::string(p) + std::string(pad, ' ') + "x");
      same_as_reference(std::string(pad, '-') + p + "12");
      same_as_reference(std::string(pad, 'a') + "\xc3\xa9 " + p + " \xc3\xa9");
    }
}

TEST(ChromeMatch, EveryPhraseInContext) {
  for (const std::string& p : all_phrases()) {
    const std::string up = ascii_upper(p);
    const std::string forms[] = {
        p, up, "x " + p + " y", p + "s", "pre" + p, p + " 12", "12 " + p, p + "2024", p + ",", "(" + p + ")", p + " " + p, p + p,
        "\xc3\xa9" + p, p + "\xc3\xa9", "\xe4\xb8\xad" + p + "\xe4\xb8\xad", "the quick " + up + " jumps", p + ":", "_" + p, p + "_",
        std::string(13, 'a') + " " + p, std::string(15, ' ') + p, "i\xcc\x87 " + p, p + " i\xcc\x87",
    };
    for (const std::string& f : forms)
      if (!same_as_reference(f)) return;
  }
}

TEST(ChromeMatch, RandomText) {
  // Tokens that make matches, near-matches, boundaries and broken UTF-8 likely.
  std::vector<std::string> tokens = {" ", " ", " ", "  ", ",", ".", ":", "(", ")", "-", "|", "/", "©", "12", "2024", "1,5", "a", "A",
                                     "the", "The", "of", "and", "to", "shared", "reading", "more", "MORE", "i\xcc\x87", "\xc4\xb0",
                                     "\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87", "\xe0\xb8\xa3\xe0\xb8\xb2", "\xff", "\xcc", "\x80",
                                     "\xe2\x80\x94", "\xe2\x80\x99", "\t", "_", "x9", "\xf0\x9f\x98\x80"};
  const std::vector<std::string> phrases = all_phrases();
  std::mt19937 rng(20261208);
  for (int t = 0; t < 30000; ++t) {
    std::string s;
    const int len = static_cast<int>(rng() % (t % 100 == 0 ? 600 : 14));
    for (int k = 0; k < len; ++k) {
      const unsigned r = rng() % 10;
      if (r < 4) {
        std::string p = phrases[rng() % phrases.size()];
        if (rng() % 4 == 0) p = ascii_upper(p);
        s += p;
      } else {
        s += tokens[rng() % tokens.size()];
      }
    }
    if (!same_as_reference(s)) return;
  }
}

TEST(ChromeMatch, CorpusLines) {
  // Real lines of the text set, as they come and lower-cased (as features.hpp hands them over).
  std::size_t lines = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PITH_SOURCE_DIR) + "/corpus/textset")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      ++lines;
      if (!same_as_reference(line) || !same_as_reference(d::to_lower(line))) return;
    }
  }
  EXPECT_GT(lines, 1000u);
}

}  // namespace
