// pith/jsonld.hpp — HTML mode: what a page's schema.org JSON-LD says.
//
// Many pages describe themselves in `<script type="application/ld+json">`:
// their type (NewsArticle, Product, QAPage…), headline, author, dates, and
// often the whole article text as `articleBody`. pith reads that for
// metadata and uses `articleBody` as evidence: a block whose words appear in
// it is body; when the page's blocks cover it fully, a block that is not in
// it is not body either.
//
//   pith::JsonLd ld = pith::read_json_ld(doc.json_ld);
//   pith::apply_json_ld(blocks, ld);      // after the region stage
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pith/detail/unicode.hpp"
#include "pith/types.hpp"

namespace pith {
namespace rules {

/// An articleBody shorter than this many words is a summary, not the text.
inline constexpr std::size_t kMinJsonLdBodyWords = 80;
/// A block this much contained (by word 3-grams) in articleBody is body text.
inline constexpr double kJsonLdContained = 0.8;
/// When kept blocks cover this share of articleBody, the DOM shows the whole
/// article and blocks outside articleBody can go.
inline constexpr double kJsonLdCovered = 0.9;
/// Blocks need this many words before their absence from articleBody counts (subheads are often left out of it).
inline constexpr std::size_t kJsonLdMinWordsToDrop = 8;

}  // namespace rules

struct JsonLd {
  std::string type;          // the most specific @type seen, e.g. "NewsArticle"
  std::vector<std::string> types;  // every @type seen, in order, once each (page-type evidence)
  std::string headline, author, date_published, description;
  std::string article_body;  // the longest articleBody/text found
  std::string product_description;  // the description of the first Product (or ProductGroup) object
};

namespace detail {

inline std::string json_string(const nlohmann::json& value) {
  // Descend into first array elements iteratively and not far: hostile pages
  // nest arrays 100 000 deep.
  const nlohmann::json* v = &value;
  for (int depth = 0; depth < 8 && v->is_array() && !v->empty(); ++depth) v = &(*v)[0];
  if (v->is_string()) return v->get<std::string>();
  if (v->is_object() && v->contains("name") && (*v)["name"].is_string()) return (*v)["name"].get<std::string>();
  return {};
}

inline void walk_json_ld(const nlohmann::json& j, JsonLd& out, int depth) {
  if (depth > 8) return;  // JSON-LD graphs are shallow; bound the walk on hostile input
  if (j.is_array()) {
    for (const auto& e : j) walk_json_ld(e, out, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@type")) {
    const nlohmann::json& tv = j["@type"];
    bool product = false;
    for (const char* name : {"Product", "ProductGroup", "IndividualProduct"})
      product |= (tv.is_string() && tv.get<std::string>() == name) ||
                 (tv.is_array() && std::any_of(tv.begin(), tv.end(), [&](const nlohmann::json& e) { return e.is_string() && e.get<std::string>() == name; }));
    if (product && out.product_description.empty() && j.contains("description") && j["description"].is_string())
      out.product_description = j["description"].get<std::string>();
    // @type may be an array ("Product", "Thing"): each one is evidence.
    if (tv.is_string() && std::find(out.types.begin(), out.types.end(), tv.get<std::string>()) == out.types.end())
      out.types.push_back(tv.get<std::string>());
    else if (tv.is_array())
      for (const auto& e : tv)
        if (e.is_string() && std::find(out.types.begin(), out.types.end(), e.get<std::string>()) == out.types.end()) out.types.push_back(e.get<std::string>());
    std::string t = json_string(tv);
    // Prefer content types over site furniture (WebSite, Organization, BreadcrumbList).
    if (!t.empty() && t != "WebSite" && t != "Organization" && t != "BreadcrumbList" && t != "ImageObject" && t != "Person" &&
        t != "SiteNavigationElement" && t != "WPHeader" && t != "WPFooter" && t != "SearchAction" && (out.type.empty() || out.type == "WebPage"))
      out.type = t;
  }
  auto take = [&](const char* key, std::string& dst) {
    if (dst.empty() && j.contains(key)) dst = json_string(j[key]);
  };
  take("headline", out.headline);
  take("author", out.author);
  take("datePublished", out.date_published);
  take("description", out.description);
  for (const char* key : {"articleBody", "text"}) {
    if (j.contains(key) && j[key].is_string()) {
      std::string s = j[key].get<std::string>();
      if (s.size() > out.article_body.size()) out.article_body = std::move(s);
    }
  }
  for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"})
    if (j.contains(key)) walk_json_ld(j[key], out, depth + 1);
}

/// Lower-cased words of a text, for 3-gram containment.
inline std::vector<std::string> lower_words(std::string_view s) {
  std::vector<std::string> out;
  for_each_word(s, [&](std::string_view w, bool) { out.push_back(to_lower(w)); });
  return out;
}

inline std::uint64_t trigram_hash(const std::vector<std::string>& w, std::size_t i) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the three words
  for (std::size_t k = i; k < i + 3; ++k) {
    for (unsigned char c : w[k]) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
  }
  return h;
}

}  // namespace detail

/// Parses every JSON-LD script of a page; invalid JSON is skipped.
inline JsonLd read_json_ld(const std::vector<std::string>& scripts) {
  JsonLd out;
  for (const std::string& s : scripts) {
    nlohmann::json j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (j.is_discarded()) continue;
    detail::walk_json_ld(j, out, 0);
  }
  return out;
}

/// Uses articleBody as evidence (see the header comment). Blocks decided Bad
/// for hard reasons stay Bad unless articleBody holds them word for word.
inline void apply_json_ld(std::vector<Block>& blocks, const JsonLd& ld) {
  std::vector<std::string> body = detail::lower_words(detail::fold_space(ld.article_body));
  if (body.size() < rules::kMinJsonLdBodyWords) return;
  std::unordered_set<std::uint64_t> grams;
  for (std::size_t i = 0; i + 3 <= body.size(); ++i) grams.insert(detail::trigram_hash(body, i));

  std::vector<double> contained(blocks.size(), -1.0);
  std::unordered_set<std::uint64_t> covered;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    std::vector<std::string> w = detail::lower_words(blocks[b].text);
    if (w.size() < 3) continue;
    std::size_t hit = 0, n = w.size() - 2;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t h = detail::trigram_hash(w, i);
      if (grams.count(h)) {
        ++hit;
        if (blocks[b].revised == Quality::Good) covered.insert(h);
      }
    }
    contained[b] = static_cast<double>(hit) / static_cast<double>(n);
  }
  // First: blocks found in articleBody are body.
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (contained[b] < rules::kJsonLdContained || blocks[b].revised == Quality::Good) continue;
    blocks[b].revised = Quality::Good;
    blocks[b].reasons.emplace_back("in the page's JSON-LD articleBody");
    // (covered grows only from blocks already Good: recovered blocks do not vouch for the DOM's completeness)
  }
  // Then, when the DOM's body already covers articleBody, what is not in it goes.
  if (static_cast<double>(covered.size()) < rules::kJsonLdCovered * static_cast<double>(grams.size())) return;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].revised != Quality::Good || contained[b] < 0 || contained[b] > 0.2) continue;
    if (blocks[b].features.words < rules::kJsonLdMinWordsToDrop) continue;
    blocks[b].revised = Quality::Bad;
    blocks[b].reasons.emplace_back("not in the page's JSON-LD articleBody");
  }
}

}  // namespace pith
