// pith/typed.hpp — HTML mode: extraction tuned to the page type.
//
// The article pipeline (classify → region → post-process) looks for one box
// of prose and keeps little else. That is right for a story and wrong for
// most other pages, whose main content is not prose in one box:
//
//   forum          every post of the thread: a "comment" box is content here;
//   documentation  the reference's code blocks and tables, not its sidebar TOC;
//   service        a landing page's several sections, not the single best one;
//   listing,       the repeated cards (titles and excerpts), without the
//   collection     filters, facets and sorting controls around them (the page's
//                  largest list of cards counts even in a box named like
//                  chrome, "related-products");
//   product        the description and specifications, and JSON-LD's
//                  description when the visible page hides it; not the
//                  customers' reviews nor a grid of other products' cards
//                  (priced and titled, at any depth of nesting), unless those
//                  cards are nearly all of the page (a category page).
//
// `apply_page_type` runs after the post-process stage: for pages that are
// not articles (and articles whose body the article pipeline missed) it widens what is kept to the text the page does not mark as
// chrome (nav, aside, footer, ARIA chrome, boxes named like boilerplate),
// with each type's exceptions, and a sentence the page repeats only once.
//
// `drop_product_repeats` keeps each line of a product page once (a field label
// and the value after it excepted), and
// `drop_purchase_widgets` drops a product or collection page's text inside boxes
// named like the buy box, cart, wish list or promotion bar (rules::kPurchaseWords), and
// `add_product_description` then adds a product's JSON-LD description when
// the kept text holds less than half of its words (a script draws it).
//
//   pith::apply_page_type(r.blocks, doc.nodes, region, r.page);
//   pith::drop_post_counters(r.blocks, doc.nodes, r.page);
//   pith::drop_product_repeats(r.blocks, r.page);
//   pith::drop_purchase_widgets(r.blocks, r.page);
//   pith::add_product_description(r.blocks, ld, r.page);
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pith/classify.hpp"
#include "pith/dom_priors.hpp"
#include "pith/jsonld.hpp"
#include "pith/pagetype.hpp"
#include "pith/parse.hpp"
#include "pith/postprocess.hpp"
#include "pith/region.hpp"
#include "pith/types.hpp"

namespace pith {

namespace rules {

/// An article page whose body kept less than this share of the words its non-chrome text holds
/// was misread (a listicle of cards, an event list): the article pipeline found no body there, so
/// the page's non-chrome text is kept instead. (At 0.2 the article benchmark loses nothing.)
inline constexpr double kArticleFallbackShare = 0.2;
/// Other products' priced cards holding more than this share of a product page's text are
/// the page itself (a category page that declares a Product), not recommendations beside it.
inline constexpr double kMaxOtherProductsShare = 0.8;
/// A listing's largest list counts as its cards (kept inside boxes named like chrome) when its
/// items hold this many characters on average: a card is a title and a line or two, a menu's
/// or a language picker's item a short link.
inline constexpr double kMinMainCardChars = 60;
/// A product's JSON-LD description needs this many words to be a description (a few words are a name or a tagline).
inline constexpr std::size_t kMinProductDescriptionWords = 10;
/// Below this share of its words in the kept text, the page shows the product's JSON-LD description
/// nowhere (a script draws it): it is added. Kept text covers a shown description almost fully.
inline constexpr double kProductDescriptionShown = 0.5;
/// Class/id words (whole words, as parse.hpp splits them) naming a shop's purchase widgets: the buy
/// box and its quantity and availability lines, the cart and mini-cart, the wish list, bundle and
/// upsell offers, payment and instalment notes, loyalty points, the announcement bar. On a product
/// or collection page their text (prices, "Add to basket", "Earn 40 points", "Pay in 4") is neither
/// the product's description nor the category's cards: on WCXB product pages, kept text under these
/// words was about one content word to 25 of chrome, on collection pages one to five. (Not "price",
/// "shipping", "size", "stock", "sale", "delivery": pages name their specifications and description
/// boxes with those too.)
inline constexpr std::string_view kPurchaseWords[] = {"cart",     "basket",       "checkout", "wishlist", "purchase", "bundle",
                                                      "quantity", "availability", "rewards",  "loyalty",  "announcement", "payment",
                                                      "afterpay", "affirm",       "klarna",   "upsell",   "buy"};
/// …and, on a product page only, a box named "message" (a promotion or stock message bar): a
/// collection's category introduction sits in boxes so named too (on WCXB, 399 content words to 1187).
inline constexpr std::string_view kProductMessageWords[] = {"message"};
/// A post holds a body of its own (remarks under it are not posts) when this much of its prose sits
/// outside comment boxes: a sentence or two; a post feed's header or a byline is less.
inline constexpr double kPostBodyChars = 100;
/// Remarks under posts are told from a thread's replies by sitting under this many posts (a question
/// and an answer at least): a single post with comments below it is a thread of replies.
inline constexpr std::size_t kPostsWithRemarks = 2;
/// A post header's counters (reputation, badge or post counts: "1,992 2 gold badges") are a few words;
/// a line of a post's prose says more.
inline constexpr std::size_t kFlairMaxWords = 10;
/// …and numbers are a good share of their words (a counter per label); a post's short lines mention a number or none.
inline constexpr double kFlairDigitWords = 0.4;
/// …and each post's header repeats them: at the same place in at least this many posts (a question and an answer).
inline constexpr int kFlairRepeats = 2;

}  // namespace rules

namespace detail {

/// Per node: inside a remark on a post — a box named comment inside a box named post/answer/message
/// that holds a body of its own outside any comment box (a Q&A site's comments under each answer).
/// A thread's own posts are its content; remarks on them are not. (Forums that name every post a
/// "comment" inside a "post feed" have no body outside the comments, and replies that hold a
/// "post-body" of their own are posts: both stay.)
inline std::vector<char> remarks_on_posts(const std::vector<Block>& blocks, const std::vector<DomNode>& nodes) {
  const std::size_t n = nodes.size();
  std::vector<char> in_comment(n, 0), remark(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    in_comment[i] = (p >= 0 && in_comment[static_cast<std::size_t>(p)]) || (nodes[i].names & dom_priors::kNameComment);
  }
  // Per post-named node: characters of prose it holds outside comment boxes (its own body).
  std::vector<double> body(n, 0.0);
  for (const Block& b : blocks) {
    const bool prose = b.quality == Quality::Good || b.quality == Quality::NearGood;
    if (b.container < 0 || !prose || in_comment[static_cast<std::size_t>(b.container)]) continue;
    for (int id = b.container; id >= 0; id = nodes[static_cast<std::size_t>(id)].parent)
      if (nodes[static_cast<std::size_t>(id)].names & dom_priors::kNamePost) body[static_cast<std::size_t>(id)] += static_cast<double>(b.features.chars);
  }
  // Per node: a post-named box inside it (replies that are posts of their own: "comment" > "post-body").
  std::vector<char> post_below(n, 0);
  for (std::size_t i = n; i-- > 0;) {
    const int p = nodes[i].parent;
    if (p >= 0 && (post_below[i] || (nodes[i].names & dom_priors::kNamePost))) post_below[static_cast<std::size_t>(p)] = 1;
  }
  std::vector<int> owner(n, -1);  // the nearest post-named ancestor-or-self with a body of its own
  std::unordered_set<int> owners;  // posts with remarks under them
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    const int above = p >= 0 ? owner[static_cast<std::size_t>(p)] : -1;
    owner[i] = (nodes[i].names & dom_priors::kNamePost) && body[i] >= rules::kPostBodyChars ? static_cast<int>(i) : above;
    // The outermost comment box under such a post, holding no post of its own.
    // (Its own name may say post too: "post-comments-component".)
    const bool root = above >= 0 && (nodes[i].names & dom_priors::kNameComment) && !in_comment[static_cast<std::size_t>(p)] && !post_below[i];
    if (root) owners.insert(above);
    remark[i] = (p >= 0 && remark[static_cast<std::size_t>(p)]) || root;
  }
  // Remarks sit under several posts (a question and its answers); one post followed by its comments
  // is a thread whose replies are those comments.
  if (owners.size() < rules::kPostsWithRemarks) std::fill(remark.begin(), remark.end(), 0);
  return remark;
}

}  // namespace detail

/// Widens the kept text of non-article pages, and of article pages where the
/// article pipeline kept almost nothing (see the header comment).
inline void apply_page_type(std::vector<Block>& blocks, const std::vector<DomNode>& nodes, const Region& region, PageTypeInfo& page) {
  const PageType t = page.type;
  const std::size_t n = nodes.size();
  // Per node: inside page-marked chrome (<nav>, <aside>, <footer>, ARIA chrome),
  // or inside a box named comment/post, filter/facet, toc, or review.
  std::vector<char> semantic(n, 0), comment(n, 0), filter(n, 0), toc(n, 0), review(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    const bool up = p >= 0;
    semantic[i] = nodes[i].semantic_chrome || (up && semantic[static_cast<std::size_t>(p)]);
    comment[i] = (nodes[i].names & (dom_priors::kNameComment | dom_priors::kNamePost)) || (up && comment[static_cast<std::size_t>(p)]);
    filter[i] = (nodes[i].names & dom_priors::kNameFilter) || (up && filter[static_cast<std::size_t>(p)]);
    toc[i] = (nodes[i].names & dom_priors::kNameToc) || (up && toc[static_cast<std::size_t>(p)]);
    review[i] = (nodes[i].names & dom_priors::kNameReview) || (up && review[static_cast<std::size_t>(p)]);
  }
  const std::vector<char> remark = t == PageType::Forum ? detail::remarks_on_posts(blocks, nodes) : std::vector<char>(n, 0);
  const bool drop_reviews = t == PageType::Product;
  const bool links_are_content = t == PageType::Listing || t == PageType::Collection;
  // Per node: inside one item of a list of alike siblings (a card, a tile, a row) — whose
  // linked title is part of the content wherever such a list sits in the content.
  std::vector<char> card(n, 0), card_item(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const DomNode& d = nodes[i];
    const int p = d.parent;
    card_item[i] = d.repeats >= static_cast<std::uint32_t>(rules::kGroupMinItems) &&
                   (d.tag == GUMBO_TAG_LI || d.tag == GUMBO_TAG_ARTICLE || ((d.tag == GUMBO_TAG_DIV || d.tag == GUMBO_TAG_SECTION) && d.has_class));
    card[i] = card_item[i] || (p >= 0 && card[static_cast<std::size_t>(p)]);
  }
  // Per card item (at every level: a carousel of cards may itself be one of a few alike boxes),
  // whether a price and a title sit in it — on a product page such cards are other products
  // ("Customers also viewed").
  auto for_each_item = [&](std::size_t c, auto&& f) {  // the card items holding node c, innermost first
    for (int x = static_cast<int>(c); x >= 0 && card[static_cast<std::size_t>(x)]; x = nodes[static_cast<std::size_t>(x)].parent)
      if (card_item[static_cast<std::size_t>(x)] && f(static_cast<std::size_t>(x))) return true;
    return false;
  };
  std::vector<char> priced_item(n, 0), linked_item(n, 0);
  std::vector<std::size_t> item_chars(n, 0);
  if (t == PageType::Product)
    for (const Block& b : blocks) {
      if (b.container < 0) continue;
      for_each_item(static_cast<std::size_t>(b.container), [&](std::size_t it) {
        priced_item[it] |= detail::count_prices(b.text) > 0;
        linked_item[it] |= b.link_chars > 0 || b.heading_level > 0;  // a titled card (its link may be an overlay without text)
        item_chars[it] += b.features.chars;
        return false;
      });
    }
  auto teaser = [&](std::size_t i) { return priced_item[i] && linked_item[i] && static_cast<double>(item_chars[i]) <= rules::kCardMaxMeanChars; };
  // Teasers count per list (parent and signature): the product itself may be one priced box among unlike siblings.
  std::unordered_map<std::uint64_t, int> teasers;
  auto list_key = [&](std::size_t i) { return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(nodes[i].parent)) << 32) | nodes[i].signature; };
  if (t == PageType::Product)
    for (std::size_t i = 0; i < n; ++i)
      if (card_item[i] && teaser(i)) ++teasers[list_key(i)];
  auto other_product = [&](std::size_t c) {
    return for_each_item(c, [&](std::size_t i) {
      if (!teaser(i)) return false;
      auto k = teasers.find(list_key(i));
      return k != teasers.end() && k->second >= rules::kGroupMinItems;
    });
  };
  // Per node: inside an item of the page's largest list of alike items (pagetype.hpp's group):
  // on a listing, those cards are the content even in a box named like chrome ("related").
  std::vector<char> main_group(n, 0);
  if (links_are_content && page.signals.group_items > 0 && page.signals.group_item_chars >= rules::kMinMainCardChars)
    for (std::size_t i = 0; i < n; ++i) {
      const int p = nodes[i].parent;
      main_group[i] = (p >= 0 && (main_group[static_cast<std::size_t>(p)] || list_key(i) == page.signals.group_key));
    }
  bool drop_other_products = false;  // set below, once not_chrome can measure them
  // Is a block text the page does not mark as chrome (for this page type)?
  auto not_chrome = [&](const Block& b) {
    if (b.container < 0 || b.features.words == 0) return false;
    const std::size_t c = static_cast<std::size_t>(b.container);
    if (semantic[c]) return false;
    const bool in_chrome_box = b.chrome_box >= 0 && !(region.best >= 0 && region.contains(b.chrome_box, region.best));
    // On a forum, comments are the content (not remarks on a post); on a listing, its cards.
    if (in_chrome_box && !(t == PageType::Forum && comment[c] && !remark[c]) && !main_group[c]) return false;
    if (filter[c] && links_are_content) return false;  // a listing's filters and facets
    if (toc[c] && t == PageType::Documentation) return false;  // a reference's table of contents
    if (review[c] && drop_reviews) return false;  // customers' reviews of a product are not its description
    const Features& f = b.features;
    if (f.chrome_lexicon >= rules::kChromeCoverage || f.chrome_lead) return false;  // UI phrases ("Add to cart", "Share")
    // Captions and credits — except where figures are the cards of a listing's main group (a
    // product tile drawn as a <figure> holding its title and price).
    if (b.in_figure && !main_group[c]) return false;
    // A product page's grid of priced cards lists other products: the product is not a list.
    if (drop_other_products && other_product(c)) return false;
    // Dates, times, counters — except on shop pages, where prices and specifications are content.
    if (f.digit_ratio > rules::kMaxDigitRatio && !b.in_table && !links_are_content && t != PageType::Product) return false;
    // Bylines and datelines: "Jane Doe | 12 March 2024", "Updated 09:41".
    const bool shop = t == PageType::Product;  // "Colour: red | Size: M" are specifications there
    if ((f.separators >= rules::kSeparatorItems && !f.terminal_punct && !shop) ||
        (f.has_date && !f.terminal_punct && static_cast<double>(f.chars) < rules::kDatelineMaxChars && f.words <= rules::kDatelineMaxWords))
      return false;
    // Links are navigation, except a listing's card titles and sentences that carry a link.
    // (Only headings: linked lines inside cards are as often "Read more" and tag links.)
    const bool card_title = card[c] && b.heading_level > 0;
    if (!links_are_content && !card_title && f.link_density > rules::kMaxLinkDensity && !(f.terminal_punct && f.words >= rules::kMinSentenceWords)) return false;
    return true;
  };
  if (t == PageType::Product) {
    // Other products' cards that hold nearly all of the page's text are the page: a shop's
    // category page declaring a Product, not a product with a few recommendations.
    std::size_t others = 0, all = 0;
    for (const Block& b : blocks) {
      if (b.label != Label::Keep && !not_chrome(b)) continue;
      all += b.features.words;
      if (b.container >= 0 && other_product(static_cast<std::size_t>(b.container))) others += b.features.words;
    }
    drop_other_products = static_cast<double>(others) <= rules::kMaxOtherProductsShare * static_cast<double>(all);
  }
  if (t == PageType::Article) {
    std::size_t kept = 0, wide = 0;
    for (const Block& b : blocks) {
      if (b.label == Label::Keep) kept += b.features.words;
      if (b.label == Label::Keep || not_chrome(b)) wide += b.features.words;
    }
    if (static_cast<double>(kept) >= rules::kArticleFallbackShare * static_cast<double>(wide)) return;
    // Without a body, a page whose text is mostly links (a list page: tables of links and figures) is an
    // index: its links are its content, as on a listing.
    if (page.signals.link_share >= rules::kLinkPageShare) {
      page.type = PageType::Listing;
      page.evidence += "; the article pipeline found no body, and links fill the text: read as a listing";
      apply_page_type(blocks, nodes, region, page);
      return;
    }
    page.evidence += "; the article pipeline found no body: non-chrome text kept";
  }
  // A sentence the page repeats (a banner drawn twice, for two screen sizes) is kept once.
  std::unordered_set<std::string_view> kept_sentences;
  for (const Block& b : blocks)
    if (b.label == Label::Keep && b.features.words >= rules::kMinSentenceWords) kept_sentences.insert(b.text);
  for (Block& b : blocks) {
    // Customers' reviews are not the product, wherever the article pipeline's region reached.
    if (drop_reviews && b.label == Label::Keep && b.container >= 0 && review[static_cast<std::size_t>(b.container)]) {
      b.label = Label::Drop;
      b.reasons.emplace_back("in a box named review on a product page");
      continue;
    }
    if (b.label == Label::Keep || !not_chrome(b)) continue;
    if (b.features.words >= rules::kMinSentenceWords && !kept_sentences.insert(b.text).second) continue;
    b.label = Label::Keep;
    b.reasons.emplace_back(std::string("not chrome on a ") + to_string(t) + " page");
  }
}

/// On a forum, the counters in each post's author box ("26.3k 23 gold badges 129 silver badges", "Posts: 1,204")
/// are dropped: short lines without a sentence's end, numbers in many of their words, inside a box named
/// post/comment, and repeated at the same place of the DOM in several posts. Run after apply_page_type.
inline void drop_post_counters(std::vector<Block>& blocks, const std::vector<DomNode>& nodes, const PageTypeInfo& page) {
  if (page.type != PageType::Forum) return;
  const std::size_t n = nodes.size();
  std::vector<char> in_post(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    in_post[i] = (nodes[i].names & (dom_priors::kNamePost | dom_priors::kNameComment)) || (p >= 0 && in_post[static_cast<std::size_t>(p)]);
  }
  auto counters = [&](const Block& b) {
    if (b.label != Label::Keep || b.container < 0 || !in_post[static_cast<std::size_t>(b.container)] || b.in_pre || b.in_table ||
        b.in_list || b.heading_level > 0)  // a post's own lists and headings (steps, specifications) are its body
      return false;
    const Features& f = b.features;
    if (f.terminal_punct || f.words == 0 || f.words > rules::kFlairMaxWords) return false;
    std::size_t words = 0, numbered = 0;
    bool digit = false, in_word = false;
    for (char ch : b.text) {
      const bool space = ch == ' ' || ch == '\t';
      if (space) {
        if (in_word) ++words, numbered += digit;
        in_word = digit = false;
      } else {
        in_word = true;
        digit |= ch >= '0' && ch <= '9';
      }
    }
    if (in_word) ++words, numbered += digit;
    return words > 0 && static_cast<double>(numbered) >= rules::kFlairDigitWords * static_cast<double>(words);
  };
  std::vector<std::size_t> counter_lines;  // each block's text is walked once
  std::unordered_map<std::string_view, int> places;  // per DOM path: counter lines there
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (counters(blocks[i])) counter_lines.push_back(i), ++places[blocks[i].dom_path];
  for (std::size_t i : counter_lines) {
    Block& b = blocks[i];
    if (places[b.dom_path] < rules::kFlairRepeats) continue;
    b.label = Label::Drop;
    b.reasons.emplace_back("counters in each post's header on a forum page");
  }
}

namespace detail {

/// A label of a label/value pair ("Colour:", "Ideal for:"): a specification's field name.
inline bool is_field_label(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return !text.empty() && text.back() == ':';
}

}  // namespace detail

/// On a product page, a kept line that repeats an earlier kept line is dropped: a variant picker,
/// a stock notice or a "Loading..." drawn once per screen size, a banner shown twice. A field
/// label ("Ideal for:") and the value right after one are kept: a comparison of variants repeats
/// its fields and values in each column. (Not on a collection: cards of the same name there are
/// different items, in other colours or sizes.) Run after apply_page_type, which keeps the text
/// that repeats.
inline void drop_product_repeats(std::vector<Block>& blocks, const PageTypeInfo& page) {
  if (page.type != PageType::Product) return;
  std::unordered_set<std::string> seen;
  bool after_label = false;  // the previous kept block was a field label
  for (Block& b : blocks) {
    if (b.label != Label::Keep) continue;
    const bool label = detail::is_field_label(b.text);
    const bool pair = label || after_label;
    after_label = label;
    std::string key = detail::dedup_key(b.text);
    if (key.empty() || seen.insert(std::move(key)).second || pair) continue;
    b.label = Label::Drop;
    b.reasons.emplace_back("repeats an earlier line on a product page");
  }
}

namespace detail {

/// True when a class/id word of one of the block's ancestors names a purchase widget
/// (rules::kPurchaseWords; on a product page rules::kProductMessageWords too).
inline bool in_purchase_widget(const Block& b, bool product) {
  for (const std::string& t : b.ancestor_tokens) {
    for (std::string_view w : rules::kPurchaseWords)
      if (t == w) return true;
    if (product)
      for (std::string_view w : rules::kProductMessageWords)
        if (t == w) return true;
  }
  return false;
}

}  // namespace detail

/// On a product or collection page, kept text inside a box named like a purchase widget
/// (rules::kPurchaseWords) is dropped, except table rows (a bulk-price or specification table).
inline void drop_purchase_widgets(std::vector<Block>& blocks, const PageTypeInfo& page) {
  if (page.type != PageType::Product && page.type != PageType::Collection) return;
  for (Block& b : blocks) {
    if (b.label != Label::Keep || b.in_table || !detail::in_purchase_widget(b, page.type == PageType::Product)) continue;
    b.label = Label::Drop;
    b.reasons.emplace_back("in a box named like a purchase widget on a shop page");
  }
}

namespace detail {

/// Text of an HTML fragment (JSON-LD descriptions often carry markup): tags dropped, block tags
/// and line breaks become line breaks, the commonest entities decoded.
inline std::string fragment_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      const std::size_t e = s.find('>', i);
      if (e == std::string_view::npos) break;
      const std::string_view tag = s.substr(i + 1, e - i - 1);
      const bool inline_tag = !tag.empty() && (tag[0] == 'a' || tag[0] == 'b' || tag[0] == 'i' || tag[0] == 's' || tag[0] == 'e' ||
                                               tag.substr(0, 2) == "/a" || tag.substr(0, 2) == "/b" || tag.substr(0, 2) == "/i" ||
                                               tag.substr(0, 2) == "/s" || tag.substr(0, 2) == "/e");
      out += (inline_tag && tag.substr(0, 2) != "br") ? " " : "\n";
      i = e + 1;
      continue;
    }
    if (s[i] == '&') {
      bool hit = false;
      for (const auto& [ent, ch] : {std::pair<std::string_view, std::string_view>{"&amp;", "&"}, {"&nbsp;", " "}, {"&quot;", "\""}, {"&#39;", "'"},
                                    {"&lt;", "<"}, {"&gt;", ">"}})
        if (s.substr(i, ent.size()) == ent) {
          out += ch;
          i += ent.size();
          hit = true;
          break;
        }
      if (hit) continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

}  // namespace detail

/// A product page whose kept text lacks the product's JSON-LD description (drawn by a script,
/// or behind a tab the page leaves empty) gets it, one block per line, before its kept text.
inline void add_product_description(std::vector<Block>& blocks, const JsonLd& ld, PageTypeInfo& page) {
  if (page.type != PageType::Product || ld.product_description.empty()) return;
  const std::string text = detail::fragment_text(ld.product_description);
  // Prose has spaces between its words: an encoded string ("An%20elegant%20sofa") is not text.
  if (text.find(' ') == std::string::npos) return;
  const std::vector<std::string> words = detail::lower_words(text);
  if (words.size() < rules::kMinProductDescriptionWords) return;
  std::unordered_set<std::string> kept;
  std::size_t first_kept = blocks.size();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].label != Label::Keep) continue;
    first_kept = std::min(first_kept, i);
    for (std::string& w : detail::lower_words(blocks[i].text)) kept.insert(std::move(w));
  }
  std::size_t shown = 0;
  for (const std::string& w : words) shown += kept.count(w);
  if (static_cast<double>(shown) >= rules::kProductDescriptionShown * static_cast<double>(words.size())) return;
  std::vector<Block> added;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = detail::fold_space(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    Block b;
    b.text = std::move(line);
    b.tag = "p";
    b.label = Label::Keep;
    b.quality = b.revised = Quality::Good;
    b.reasons.emplace_back("the product's JSON-LD description, which the page does not show");
    added.push_back(std::move(b));
  }
  if (added.empty()) return;
  page.evidence += "; JSON-LD description added";
  blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(first_kept), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

}  // namespace pith
