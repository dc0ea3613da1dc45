// bench/word_f1.hpp — WCXB's main-content score, as ../shared/tools/word_f1.py computes it.
//
// Per page: bags of lower-cased \w+ words (Python's Unicode \w: letters,
// digits and '_') of the reference main_content and of the prediction;
// precision, recall and F1 of their multiset overlap; then each averaged over
// pages. 'with' is the share of must-appear snippets found (case-blind),
// 'without' the share of must-not-appear snippets found (lower is better).
// Also the loader for corpus/wcxb (html/<id>.html.gz, ground-truth/<id>.json).
//
//   pith_bench::WordScore s = pith_bench::word_score(page, predicted_text);
#pragma once

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus.hpp"

namespace pith_bench {

struct WcxbPage {
  std::string id, type, main_content, input;
  std::vector<std::string> with, without;
};

struct WordScore {
  double precision = 0, recall = 0, f1 = 0, with = 1, without = 0;
};

/// Python's str.lower(), near enough: ICU's root-locale full lower-casing.
inline std::string lower_utf8(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).toLower().toUTF8String(out);
  return out;
}

/// Python's re \w on str: Unicode letters and numbers (categories L*, N*) and '_'.
inline bool is_word_cp(UChar32 c) {
  if (c == '_') return true;
  const std::int32_t cat = u_charType(c);
  return cat == U_UPPERCASE_LETTER || cat == U_LOWERCASE_LETTER || cat == U_TITLECASE_LETTER || cat == U_MODIFIER_LETTER ||
         cat == U_OTHER_LETTER || cat == U_DECIMAL_DIGIT_NUMBER || cat == U_LETTER_NUMBER || cat == U_OTHER_NUMBER;
}

/// The bag of lower-cased \w+ words of a text.
inline std::unordered_map<std::string, int> word_bag(std::string_view text) {
  std::unordered_map<std::string, int> bag;
  const std::string low = lower_utf8(text);
  std::string word;
  const auto* p = reinterpret_cast<const std::uint8_t*>(low.data());
  const std::int32_t n = static_cast<std::int32_t>(low.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && is_word_cp(c)) {
      word.append(low, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!word.empty()) {
      ++bag[word];
      word.clear();
    }
  }
  if (!word.empty()) ++bag[word];
  return bag;
}

inline WordScore word_score(const WcxbPage& page, const std::string& pred) {
  WordScore s;
  const auto p = word_bag(pred), r = word_bag(page.main_content);
  long np = 0, nr = 0, overlap = 0;
  for (const auto& [w, k] : p) np += k;
  for (const auto& [w, k] : r) {
    nr += k;
    auto it = p.find(w);
    if (it != p.end()) overlap += std::min(k, it->second);
  }
  if (nr == 0) {
    s.precision = s.recall = s.f1 = np == 0 ? 1.0 : 0.0;
  } else if (np > 0) {
    s.precision = static_cast<double>(overlap) / static_cast<double>(np);
    s.recall = static_cast<double>(overlap) / static_cast<double>(nr);
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  }
  const std::string low = lower_utf8(pred);
  if (!page.with.empty()) {
    int hit = 0;
    for (const std::string& w : page.with) hit += low.find(lower_utf8(w)) != std::string::npos;
    s.with = static_cast<double>(hit) / static_cast<double>(page.with.size());
  }
  if (!page.without.empty()) {
    int hit = 0;
    for (const std::string& w : page.without) hit += low.find(lower_utf8(w)) != std::string::npos;
    s.without = static_cast<double>(hit) / static_cast<double>(page.without.size());
  }
  return s;
}

/// Loads corpus/wcxb: every ground-truth/<id>.json with its html/<id>.html.gz, sorted by id.
inline std::vector<WcxbPage> load_wcxb(const fs::path& dir) {
  std::vector<WcxbPage> pages;
  if (!fs::exists(dir / "ground-truth")) return pages;
  for (const auto& e : fs::directory_iterator(dir / "ground-truth")) {
    if (e.path().extension() != ".json") continue;
    nlohmann::json j = nlohmann::json::parse(read_file(e.path()));
    WcxbPage p;
    p.id = e.path().stem().string();
    const auto& g = j["ground_truth"];
    auto str = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
    if (g.contains("main_content")) p.main_content = str(g["main_content"]);
    auto list = [&](const char* key, std::vector<std::string>& out) {
      if (g.contains(key) && g[key].is_array())
        for (const auto& x : g[key]) out.push_back(str(x));
    };
    list("with", p.with);
    list("without", p.without);
    p.type = "?";
    if (j.contains("_internal") && j["_internal"].is_object() && j["_internal"].contains("page_type") && j["_internal"]["page_type"].is_object())
      p.type = str(j["_internal"]["page_type"].value("primary", nlohmann::json()));
    else if (j.contains("page_type"))
      p.type = str(j["page_type"]);
    const fs::path html = dir / "html" / (p.id + ".html.gz");
    if (fs::exists(html)) p.input = read_maybe_gz(html);
    pages.push_back(std::move(p));
  }
  std::sort(pages.begin(), pages.end(), [](const WcxbPage& a, const WcxbPage& b) { return a.id < b.id; });
  return pages;
}

/// The mean of each score over pages.
inline WordScore mean_score(const std::vector<WordScore>& rows) {
  WordScore m{0, 0, 0, 0, 0};
  if (rows.empty()) return m;
  for (const WordScore& s : rows) m.precision += s.precision, m.recall += s.recall, m.f1 += s.f1, m.with += s.with, m.without += s.without;
  const double n = static_cast<double>(rows.size());
  m.precision /= n, m.recall /= n, m.f1 /= n, m.with /= n, m.without /= n;
  return m;
}

}  // namespace pith_bench
