// bench/shingle_f1.hpp — the article-extraction benchmark's score, in C++.
//
// The same numbers as ../shared/tools/shingle_f1.py: tokens are Python's
// `\w+` (letters of any script, digits, underscore; not combining marks),
// a document is the multiset of its 4-token shingles, tp/fp/fn are multiset
// overlaps normalised per document, precision and recall are averaged over
// documents and F1 is computed from the two averages.
//
//   std::vector<pith_bench::Counts> rows;
//   rows.push_back(pith_bench::doc_counts(gold_text, predicted_text));
//   pith_bench::Score s = pith_bench::score(rows);   // s.f1, s.precision, s.recall
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pith_bench {

/// Python's `\w`: Unicode letters (L*), numbers (N*) and '_'.
inline bool is_py_word(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

inline std::vector<std::string> py_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, n, c);
    if (is_py_word(c)) {
      cur.append(s.data() + start, static_cast<std::size_t>(i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

using Shingles = std::unordered_map<std::string, int>;

inline Shingles shingles(std::string_view text, std::size_t n = 4) {
  std::vector<std::string> t = py_words(text);
  Shingles out;
  if (t.empty()) return out;
  std::size_t count = t.size() >= n ? t.size() - n + 1 : 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string key;
    for (std::size_t k = i; k < std::min(t.size(), i + n); ++k) {
      key += t[k];
      key.push_back('\x1f');
    }
    ++out[key];
  }
  return out;
}

struct Counts {
  double tp = 0, fp = 0, fn = 0;  // normalised: tp + fp + fn == 1 (or all 0)
};

inline Counts doc_counts(std::string_view gold, std::string_view pred) {
  Shingles g = shingles(gold), p = shingles(pred);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [k, c] : p) {
    auto it = g.find(k);
    int gc = it == g.end() ? 0 : it->second;
    tp += std::min(c, gc);
    fp += std::max(0, c - gc);
  }
  for (const auto& [k, c] : g) {
    auto it = p.find(k);
    int pc = it == p.end() ? 0 : it->second;
    fn += std::max(0, c - pc);
  }
  double total = tp + fp + fn;
  if (total == 0) return {};
  return {tp / total, fp / total, fn / total};
}

struct Score {
  double f1 = 0, precision = 0, recall = 0;
};

inline double doc_precision(const Counts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  return (c.tp == 0 && c.fp == 0) ? 0.0 : c.tp / (c.tp + c.fp);
}

inline double doc_recall(const Counts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  return (c.tp == 0 && c.fn == 0) ? 0.0 : c.tp / (c.tp + c.fn);
}

/// Document-averaged precision and recall, and F1 from the averages.
inline Score score(const std::vector<Counts>& rows) {
  double ps = 0, rs = 0;
  std::size_t np = 0, nr = 0;
  for (const Counts& c : rows) {
    if (c.tp + c.fp > 0) ps += doc_precision(c), ++np;
    if (c.tp + c.fn > 0) rs += doc_recall(c), ++nr;
  }
  Score s;
  s.precision = np ? ps / static_cast<double>(np) : 0;
  s.recall = nr ? rs / static_cast<double>(nr) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

/// Per-document F1, for listing the pages where a system loses most.
inline double doc_f1(const Counts& c) {
  double p = doc_precision(c), r = doc_recall(c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace pith_bench
