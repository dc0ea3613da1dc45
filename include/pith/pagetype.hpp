// pith/pagetype.hpp — HTML mode: what kind of page is this?
//
// Article extractors assume a story: one box of prose. Forum threads,
// product pages, documentation, service (landing) pages, listings and
// collections are built differently, and their main content is different
// too: every post of a thread, a product's description and specifications,
// a reference page's code and tables, a landing page's several sections, a
// listing's repeated cards. This stage decides the type from the page
// itself, before extraction is tuned to it (typed.hpp):
//
//   - what the page declares: JSON-LD @type (Product, DiscussionForumPosting,
//     QAPage, TechArticle, ItemList…) and og:type ("product.group" is a shop's
//     category; an article naming a Product reviews it);
//   - its structure: the largest list of alike siblings (cards, posts) and
//     how much of the text it holds, boxes named post/message/comment,
//     <pre>/<code> and table density, prices (a dozen make a grid);
//   - the URL's shape when Options carries one (/forum/, /docs/, /product/…).
//
//   pith::PageTypeInfo t = pith::detect_page_type(blocks, doc.nodes, ld, og_type, url);
//   // t.type == PageType::Forum, t.evidence == "JSON-LD DiscussionForumPosting"
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pith/dom_priors.hpp"
#include "pith/jsonld.hpp"
#include "pith/parse.hpp"
#include "pith/region.hpp"
#include "pith/types.hpp"

namespace pith {
namespace rules {

/// A list of alike siblings needs as many items as region.hpp's list of cards (two could be a pair
/// of columns): one notion of "a list", so that page typing and card detection move together.
inline constexpr int kGroupMinItems = static_cast<int>(kCardRepeats);
/// Code makes a page documentation when this share of its text is in <pre>/<code> blocks…
inline constexpr double kDocCodeShare = 0.12;
/// …or when it holds this many separate code samples (reference pages: many short snippets).
inline constexpr int kDocCodeBlocks = 4;
/// A page whose largest list of alike items holds this share of its text is built around that list.
inline constexpr double kListDominates = 0.35;
/// Cards are teasers: a title and a line or two. Items longer than this on average are posts or sections.
inline constexpr double kCardMaxMeanChars = 400;
/// Items of a listing mostly open with a title (heading or link).
inline constexpr double kCardsTitled = 0.5;
/// A thread: this share of the text sits in repeated boxes named post/message/comment/reply.
inline constexpr double kForumPostShare = 0.3;
/// A thread's posts hold at least this share of its prose (an article with comments has its prose outside them).
inline constexpr double kForumProseInPosts = 0.5;
/// A page this much prose (Good blocks) reads as an article whatever its other signals.
inline constexpr double kArticleProse = 0.6;
/// Below this share of prose, a page without an article declaration is a service/landing page, or a listing or
/// grid when links or prices fill it; from here up to kArticleProse, half its text prose, it is a service page.
inline constexpr double kServiceProse = 0.45;
/// A page without much prose whose text is this much inside links points to other pages: a listing.
inline constexpr double kLinkPageShare = 0.4;
/// A page declaring an article with less prose than this share, its text mostly links (kLinkPageShare)
/// and held by a list of cards, is an index of articles: sites stamp og:type "article" on every page.
inline constexpr double kDeclaredArticleMinProse = 0.15;
/// This many prices on a page without a product declaration make it a product grid (a collection).
inline constexpr int kCollectionPrices = 4;
/// A page of little prose that is not mostly links is still a product grid with this many prices: a
/// product or pricing page shows a handful (its price, variants, three or four plans), a grid one per item.
inline constexpr int kGridPrices = 12;
/// A landing page's sections each open with a heading: at least this share of the largest list's
/// items must (a list of paragraphs whose first lines happen to be links is not a page of sections).
inline constexpr double kSectionsTitled = 0.8;

}  // namespace rules

namespace detail {

inline bool has_type(const std::vector<std::string>& ts, std::initializer_list<const char*> names) {
  for (const std::string& t : ts)
    for (const char* n : names)
      if (t == n) return true;
  return false;
}

/// Counts price-like tokens: a currency sign next to a digit ($12, 12,99 €, £5).
inline int count_prices(std::string_view s) {
  int n = 0;
  static const char* const kSigns[] = {"$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */, "\xC2\xA5" /* ¥ */, "\xE2\x82\xB9" /* ₹ */};
  for (const char* sign : kSigns) {
    const std::size_t len = std::char_traits<char>::length(sign);
    for (std::size_t p = s.find(sign); p != std::string_view::npos; p = s.find(sign, p + len)) {
      const bool digit_after = p + len < s.size() && s[p + len] >= '0' && s[p + len] <= '9';
      std::size_t q = p;
      while (q > 0 && s[q - 1] == ' ') --q;
      const bool digit_before = q > 0 && s[q - 1] >= '0' && s[q - 1] <= '9';
      n += digit_after || digit_before;
    }
  }
  return n;
}

/// True when the path of `url` has a segment among `words` (whole segments or their dash-separated parts).
inline bool url_has_segment(std::string_view url, std::initializer_list<const char*> words) {
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return false;
  std::string low;
  for (char c : url.substr(start)) low.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  std::size_t s = 0;
  for (std::size_t i = 0; i <= low.size(); ++i) {
    if (i < low.size() && low[i] != '/' && low[i] != '-' && low[i] != '_' && low[i] != '.' && low[i] != '?' && low[i] != '=') continue;
    std::string_view w(low.data() + s, i - s);
    s = i + 1;
    for (const char* x : words)
      if (w == x) return true;
  }
  return false;
}

/// A landing page built of sections: no article declaration, and a list of alike items
/// (kGroupMinItems or more) that nearly all open with a title holds the text (kListDominates), each
/// item longer than a card (those are listings, decided before). A story is not cut into alike
/// titled boxes; a service page's features, steps and plans are.
inline bool titled_sections(const PageSignals& s, bool declares_article) {
  return !declares_article && s.group_items >= rules::kGroupMinItems && s.group_share >= rules::kListDominates &&
         s.group_titled >= rules::kSectionsTitled;
}

/// A page whose text is mostly prose (kArticleProse) reads as an article even when a list of alike
/// boxes holds much of it: a guide's headed sections repeat as cards do, while a listing's teasers
/// are a title and a line or two, which seldom read as prose.
inline bool prose_outweighs_cards(const PageSignals& s) { return s.prose_share >= rules::kArticleProse; }

}  // namespace detail

/// Measures the signals of a parsed, classified page (blocks with features
/// and context-free classes; nodes from parse_html).
inline PageSignals page_signals(const std::vector<Block>& blocks, const std::vector<DomNode>& nodes, const JsonLd& ld,
                                std::string_view og_type) {
  PageSignals s;
  s.og_type = std::string(og_type);
  s.ld_types = ld.types;
  const std::size_t n = nodes.size();
  // Per node: inside <nav>/<aside>/<footer>, the site's banner or ARIA chrome (parents precede children).
  std::vector<char> semantic(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    semantic[i] = nodes[i].semantic_chrome || (p >= 0 && semantic[static_cast<std::size_t>(p)]);
  }
  // Per node: the nearest ancestor-or-self that is an item of a list of alike siblings.
  std::vector<int> item(n, -1);
  auto is_item = [&](const DomNode& d) {
    if (d.repeats < static_cast<std::uint32_t>(rules::kGroupMinItems)) return false;
    // As for teaser cards: list items, <article>s, <tr>s and named boxes; bare <div>s and <p>s repeat everywhere.
    return d.tag == GUMBO_TAG_LI || d.tag == GUMBO_TAG_ARTICLE || d.tag == GUMBO_TAG_TR || d.tag == GUMBO_TAG_DT ||
           ((d.tag == GUMBO_TAG_DIV || d.tag == GUMBO_TAG_SECTION) && d.has_class);
  };
  // Outermost item wins: a post's inner list items are part of the post.
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    if (p >= 0 && item[static_cast<std::size_t>(p)] >= 0) item[i] = item[static_cast<std::size_t>(p)];
    else if (is_item(nodes[i])) item[i] = static_cast<int>(i);
  }
  struct Group {
    int items = 0;
    double chars = 0, link = 0, prose = 0, titled = 0;
    std::uint8_t names = 0;
  };
  std::unordered_map<std::uint64_t, Group> groups;
  std::unordered_map<int, char> item_titled, item_seen;
  auto group_key = [&](int id) {
    const DomNode& d = nodes[static_cast<std::size_t>(id)];
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(d.parent)) << 32) | d.signature;
  };
  double total = 0, prose = 0, link = 0, code = 0, table = 0, post = 0;
  for (const Block& b : blocks) {
    if (b.container < 0 || semantic[static_cast<std::size_t>(b.container)]) continue;
    const double c = static_cast<double>(b.features.chars);
    total += c;
    if (b.quality == Quality::Good) prose += c;
    link += static_cast<double>(b.link_chars);
    s.prices += detail::count_prices(b.text);
    bool in_code = b.in_pre;
    for (int id = b.container, k = 0; id >= 0 && k < 4 && !in_code; id = nodes[static_cast<std::size_t>(id)].parent, ++k)
      in_code = nodes[static_cast<std::size_t>(id)].code;
    if (in_code) {
      code += c;
      if (b.in_pre) ++s.code_blocks;
    }
    if (b.in_table) table += c;
    const int it = item[static_cast<std::size_t>(b.container)];
    if (it < 0) continue;
    Group& g = groups[group_key(it)];
    g.names |= nodes[static_cast<std::size_t>(it)].names;
    if (!item_seen[it]) {
      item_seen[it] = 1;
      ++g.items;
      // The item's first block tells whether it opens with a title.
      if (b.heading_level > 0 || b.starts_with_link) g.titled += 1;
    }
    g.chars += c;
    g.link += static_cast<double>(b.link_chars);
    if (b.quality == Quality::Good) g.prose += c;
  }
  s.content_chars = total;
  if (total <= 0) return s;
  s.prose_share = prose / total;
  s.link_share = link / total;
  s.code_share = code / total;
  s.table_share = table / total;
  const Group* best = nullptr;
  for (const auto& [k, g] : groups) {
    if (g.items < rules::kGroupMinItems) continue;  // items with text: the rest are empty boxes
    if (g.names & (dom_priors::kNamePost | dom_priors::kNameComment)) post += g.chars;
    if (!best || g.chars > best->chars || (g.chars == best->chars && k < s.group_key)) best = &g, s.group_key = k;
  }
  s.post_share = post / total;
  if (best) {
    s.group_items = best->items;
    s.group_share = best->chars / total;
    s.group_item_chars = best->chars / best->items;
    s.group_titled = best->titled / best->items;
    s.group_prose = best->chars > 0 ? best->prose / best->chars : 0;
  }
  return s;
}

/// Decides the page type from its signals (and the URL, when known).
inline PageTypeInfo decide_page_type(const PageSignals& s, std::string_view url) {
  PageTypeInfo t;
  t.signals = s;
  auto pick = [&](PageType type, std::string why) {
    t.type = type;
    t.evidence = std::move(why);
    return t;
  };
  const auto& ld = s.ld_types;
  // What the page declares, most specific first.
  if (detail::has_type(ld, {"DiscussionForumPosting", "QAPage"}) || s.og_type == "forum")
    return pick(PageType::Forum, "declares a discussion (JSON-LD DiscussionForumPosting/QAPage or og:type forum)");
  // og:type "product.group" is a group of products — a shop's category page (Shopify stamps it on
  // every collection), not one product.
  const bool declares_product_group = s.og_type == "product.group";
  const bool declares_product = detail::has_type(ld, {"Product", "ProductGroup", "IndividualProduct", "Vehicle", "Book", "SoftwareApplication"}) ||
                                s.og_type == "product" || s.og_type == "og:product" ||
                                (s.og_type.rfind("product", 0) == 0 && !declares_product_group);
  const bool ld_article = detail::has_type(ld, {"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "OpinionNewsArticle",
                                                      "AnalysisNewsArticle", "Recipe", "HowTo", "LiveBlogPosting", "ReviewNewsArticle"});
  const bool declares_article = ld_article || s.og_type == "article";
  // A JSON-LD article that also names a Product is a review of it (the product is the item reviewed).
  const bool product_review = ld_article && declares_product;
  const bool declares_list = detail::has_type(ld, {"CollectionPage", "ItemList", "SearchResultsPage", "OfferCatalog"});
  // A list of titled cards holds the text, on a page without an article declaration or whose
  // declaration is a site-wide default (next to no prose, mostly links: its long items are
  // cards with several lines, not posts or sections, so their length is not asked).
  const bool index_declared_article = s.prose_share < rules::kDeclaredArticleMinProse && s.link_share >= rules::kLinkPageShare;
  const bool cards = (!declares_article || index_declared_article) && !detail::prose_outweighs_cards(s) && s.group_items >= rules::kGroupMinItems &&
                     s.group_share >= rules::kListDominates && (s.group_item_chars <= rules::kCardMaxMeanChars || index_declared_article) &&
                     s.group_titled >= rules::kCardsTitled;
  if (detail::has_type(ld, {"TechArticle", "APIReference"}))
    return pick(PageType::Documentation, "declares documentation (JSON-LD TechArticle/APIReference)");
  // (Blogs name their story box "post" and their comments "comment": an article declaration outweighs the names.)
  // And most of the page's prose is in the posts: an article's comment section is not a thread.
  if (s.post_share >= rules::kForumPostShare && !declares_product && !declares_article &&
      s.group_prose * s.group_share >= rules::kForumProseInPosts * s.prose_share)
    return pick(PageType::Forum, "repeated boxes named post/message/comment hold the text");
  if (declares_product_group) return pick(PageType::Collection, "declares a group of products (og:type product.group)");
  if (declares_product && !cards && !product_review) return pick(PageType::Product, "declares a product (JSON-LD or og:type)");
  if (cards) {
    if (s.prices >= rules::kCollectionPrices || declares_product)
      return pick(PageType::Collection, "a grid of alike cards with prices holds the text");
    return pick(PageType::Listing, "a list of alike cards opening with titles holds the text");
  }
  if (declares_list && !declares_article) return pick(PageType::Listing, "declares a list (JSON-LD CollectionPage/ItemList)");
  // (Tutorials declared as articles carry code too: they are articles.)
  if (!declares_article && (s.code_share >= rules::kDocCodeShare || s.code_blocks >= rules::kDocCodeBlocks))
    return pick(PageType::Documentation, "code samples");
  if (!url.empty() && !declares_article) {
    if (detail::url_has_segment(url, {"forum", "forums", "thread", "threads", "topic", "community", "discussion"}))
      return pick(PageType::Forum, "URL names a forum");
    if (detail::url_has_segment(url, {"docs", "doc", "documentation", "reference", "api", "manual"}))
      return pick(PageType::Documentation, "URL names documentation");
  }
  if (detail::titled_sections(s, declares_article)) return pick(PageType::Service, "alike titled sections hold the text, no article declaration");
  if (declares_article || s.prose_share >= rules::kArticleProse) return pick(PageType::Article, declares_article ? "declares an article" : "mostly prose");
  if (s.prose_share < rules::kServiceProse) {
    if (s.link_share >= rules::kLinkPageShare)
      return pick(s.prices >= rules::kCollectionPrices ? PageType::Collection : PageType::Listing, "little prose, mostly links to other pages");
    if (s.prices >= rules::kGridPrices) return pick(PageType::Collection, "little prose, a dozen prices or more: a grid of priced items");
    return pick(PageType::Service, "little prose, no article declaration");
  }
  // Between the two (some prose, no declaration, not a list of links nor a grid): a landing page
  // whose prose is a few pitches among headings and labels; a story declares itself or is mostly prose.
  return pick(PageType::Service, "some prose, no article declaration");
}

/// Sets the type the caller named (as to_string spells it); unknown names leave the detected type.
inline bool set_page_type(PageTypeInfo& t, std::string_view name) {
  for (int k = 0; k <= static_cast<int>(PageType::Collection); ++k)
    if (name == to_string(static_cast<PageType>(k))) {
      t.type = static_cast<PageType>(k);
      t.evidence = "set by the caller";
      return true;
    }
  return false;
}

/// Measures and decides in one call.
inline PageTypeInfo detect_page_type(const std::vector<Block>& blocks, const std::vector<DomNode>& nodes, const JsonLd& ld,
                                     std::string_view og_type, std::string_view url) {
  return decide_page_type(page_signals(blocks, nodes, ld, og_type), url);
}

}  // namespace pith
