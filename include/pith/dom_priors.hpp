// pith/dom_priors.hpp — what an element's tag, role and class/id names say
// about the text inside it, before reading that text.
//
// Web pages name their boxes: `<nav>`, `<aside>`, `class="related-posts"`,
// `id="comments"`, `class="entry-content"`, `itemprop="articleBody"`. These
// names are the strongest evidence HTML mode has that text is chrome or
// body. `element_prior` turns one element's names into a signed prior:
// negative for navigation, footers, sidebars, sharing, comments, ads…;
// positive for article and content containers.
//
//   std::string tokens;
//   auto p = pith::dom_priors::element_prior(GUMBO_TAG_DIV, "post-share social", "", "", "", tokens);
//   // p.prior < 0, tokens == "post share social"
#pragma once

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pith::rules {

/// An id of this many words or more can be a slug of the element's text; fewer ("related-posts",
/// "main-menu") are names for the box, even when the text happens to say the same.
inline constexpr int kSlugIdMinWords = 3;
/// Words a CMS may put before a slug ("h-", "1-heading-", "toc-1-") and words before the slugged
/// phrase in the text (a number, an icon's label): a couple, not a sentence.
inline constexpr int kSlugIdPrefixWords = 2;

}  // namespace pith::rules

namespace pith::dom_priors {

/// Prior of a boilerplate container: strong enough that prose inside it needs
/// more than prose-like text to be kept, weak enough that it can.
inline constexpr float kChrome = -2.0f;
/// Prior of a container named by a word that is usually, not always, boilerplate.
inline constexpr float kWeakChrome = -1.0f;
/// Prior of a container named for content (article, entry-content, story).
inline constexpr float kContent = 1.0f;

struct ElementPrior {
  float prior = 0;
  bool content_root = false;  // an element that holds the article as a whole
  bool semantic_chrome = false;  // <nav>, <aside>, <footer>, role=navigation…: chrome by the page's own markup
};

/// What an element's class/id words name, as bits (page-type evidence and
/// type-aware extraction; see pagetype.hpp).
enum NameFlag : std::uint8_t {
  kNamePost = 1,      // post, message, reply, answer, thread, topic: one entry of a discussion
  kNameComment = 2,   // comment, comments, disqus: a comment section (content on a forum)
  kNameCard = 4,      // card, item, tile, teaser, product, result: one entry of a grid or list
  kNameToc = 8,       // toc: a table of contents
  kNameFilter = 16,   // filter, facet, refine, sort: a listing's controls
  kNameCode = 32,     // code, highlight, syntax, snippet: a code sample
  kNameCta = 64,      // cta: a call to action ("Get a free quote", a button and a line)
  kNameReview = 128,  // review, reviews, rating, ratings: customers' reviews (not a product's description)
};

namespace detail {

// Class/id words naming boilerplate, matched as whole words of a token
// ("nav" in "main-nav", not in "canvas").
// ("bio": a box about the writer — prose, inside the article, never the story.)
inline constexpr std::string_view kChromeWords[] = {
    "ad", "ads", "adsense", "advert", "advertisement", "advertising", "bio", "breadcrumb", "breadcrumbs", "caption",
    "comment", "comments", "cookie", "cookies", "copyright", "credit", "credits", "disqus", "footer", "masthead",
    "menu", "modal", "nav", "navbar", "navigation", "newsletter", "outbrain", "pagination", "popup", "promo",
    "related", "share", "sharing", "sidebar", "social", "subscribe", "taboola", "tags", "ticker",
};

// Words that name boilerplate often but not always (page builders call every
// box a "widget"; "meta" and "byline" boxes sit inside articles): half weight.
inline constexpr std::string_view kWeakChromeWords[] = {
    "affiliate", "agegate", "aside", "author-bio", "banner", "breaking", "byline", "callout", "carousel",
    "consent", "contact", "disclaimer", "dropdown", "embed", "facebook", "footnotes-nav", "gdpr", "lightbox", "login",
    "meta", "overlay", "pager", "paywall", "popular", "print", "promotion", "rail", "recirc", "recommend",
    "recommended", "reply", "rss", "search", "signup", "skip", "sponsor", "sponsored", "subnav", "subscription",
    "toolbar", "tools", "topbar", "trending", "twitter", "utility", "widget", "widgets",
};

// Class/id words naming the content itself.
inline constexpr std::string_view kContentWords[] = {
    "article", "articlebody", "blog-post", "content", "entry", "main", "post", "story",
};

/// The first `n` bytes of UTF-8 text, cut on a character boundary.
inline std::string_view utf8_cut(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

/// Splits class/id values into lower-case words: on space, '-', '_' and
/// camelCase humps ("relatedPosts" → "related posts").
inline void split_words(std::string_view s, std::string& out) {
  // Written through a pointer into room made up front: std::string's push_back is an out-of-line
  // call per byte. A byte adds at most 3 ("x" -> " x", a space -> " | "), the end at most 3.
  const std::size_t had = out.size();
  out.resize(had + 3 * s.size() + 4);
  char* const begin = &out[0];
  char* o = begin + had;
  bool start = true;
  char prev = 0;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space && o != begin && o[-1] != '|') {
      if (o[-1] != ' ') *o++ = ' ';
      *o++ = '|', *o++ = ' ';  // a class-token boundary: modifiers like "has-" reach only within a token
    }
    bool sep = space || c == '-' || c == '_' || c == ':' || c == '/' || c == '.';
    if (sep) {
      start = true;
      prev = c;
      continue;
    }
    bool hump = c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z';
    if ((start || hump) && o != begin && o[-1] != ' ') *o++ = ' ';
    start = false;
    *o++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    prev = c;
  }
  if (o != begin && o[-1] != ' ') *o++ = ' ';
  if (o != begin && o[-1] == ' ' && o - begin >= 2 && o[-2] != '|') *o++ = '|', *o++ = ' ';
  out.resize(static_cast<std::size_t>(o - begin));
}

/// Words that turn the next one into a modifier: "has-sidebar" and
/// "with-right-rail" describe a layout, not a sidebar or a rail.
inline constexpr std::string_view kModifierWords[] = {"has", "with", "no", "without", "hide", "show", "is", "enable", "disable"};

// The words behind each NameFlag, in the order name_flags tries them (a word
// in two groups counts for the first).
inline constexpr std::string_view kPostWords[] = {"post", "posts", "message", "messages", "reply", "replies", "answer",
                                                  "answers", "thread", "topic", "postbody", "forum", "discussion"};
inline constexpr std::string_view kCommentWords[] = {"comment", "comments", "disqus"};
inline constexpr std::string_view kCardWords[] = {"card", "cards", "item", "tile", "teaser", "product", "result", "listing", "entry"};
inline constexpr std::string_view kTocWords[] = {"toc"};
inline constexpr std::string_view kFilterWords[] = {"filter", "filters", "facet", "facets", "refine", "sort", "sorting"};
inline constexpr std::string_view kCtaWords[] = {"cta"};
inline constexpr std::string_view kCodeWords[] = {"code", "highlight", "syntax", "snippet", "codehilite", "sourcecode"};
inline constexpr std::string_view kReviewWords[] = {"review", "reviews", "rating", "ratings"};

enum WordList : std::uint8_t { kUnlisted, kContentList, kWeakList, kChromeList };

/// Everything the word lists say about one word.
struct WordInfo {
  WordList list = kUnlisted;  // the first of kChromeWords, kWeakChromeWords, kContentWords that has it
  bool modifier = false;
  std::uint8_t names = 0;     // its NameFlag, if any
};

/// All word lists in one hash table: a page has thousands of class words,
/// and one lookup each beats a dozen binary-search steps and forty compares.
inline const WordInfo* word_info(std::string_view w) {
  using Table = std::unordered_map<std::string_view, WordInfo>;
  static const Table table = [] {
    Table t;
    // Later lists overwrite earlier ones: the order is the reverse of priority.
    for (std::string_view x : kContentWords) t[x].list = kContentList;
    for (std::string_view x : kWeakChromeWords) t[x].list = kWeakList;
    for (std::string_view x : kChromeWords) t[x].list = kChromeList;
    for (std::string_view x : kModifierWords) t[x].modifier = true;
    const std::pair<const std::string_view*, std::pair<std::size_t, std::uint8_t>> groups[] = {
        {kReviewWords, {std::size(kReviewWords), kNameReview}}, {kCodeWords, {std::size(kCodeWords), kNameCode}},
        {kCtaWords, {std::size(kCtaWords), kNameCta}},          {kFilterWords, {std::size(kFilterWords), kNameFilter}},
        {kTocWords, {std::size(kTocWords), kNameToc}},          {kCardWords, {std::size(kCardWords), kNameCard}},
        {kCommentWords, {std::size(kCommentWords), kNameComment}}, {kPostWords, {std::size(kPostWords), kNamePost}}};
    for (const auto& [words, g] : groups)
      for (std::size_t k = 0; k < g.first; ++k) t[words[k]].names = g.second;
    return t;
  }();
  // Most class words are longer than every listed one (utility-CSS names, hashes): no hashing for those.
  static const std::size_t longest = [] {
    std::size_t n = 0;
    for (const auto& kv : table) n = std::max(n, kv.first.size());
    return n;
  }();
  if (w.size() > longest) return nullptr;
  auto it = table.find(w);
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace detail

/// What an element's class/id words say, apart from its tag and role.
struct ClassWords {
  bool chrome = false, weak = false, content = false;
};

/// Splits class and id into lower-case words (into `tokens`, as
/// element_prior writes them) and looks them up in the word lists. Depends on
/// nothing else, so a page's many elements with the same class and id can
/// share one answer (parse.hpp caches it).
/// With `names`, also sets it to name_flags(tokens), from the same word
/// lookups (parse.hpp needs both for every distinct class/id).
inline ClassWords class_words(std::string_view cls, std::string_view id, std::string& tokens, std::uint8_t* names = nullptr) {
  tokens.clear();
  // Long class attributes (utility CSS frameworks) name styling, not purpose.
  cls = detail::utf8_cut(cls, 200);
  id = detail::utf8_cut(id, 100);
  // split_words writes at most 3 bytes per input byte (a space becomes " | ") plus a closing "| "
  // per value: one allocation instead of a growth per doubling.
  tokens.reserve(3 * (cls.size() + id.size()) + 8);
  detail::split_words(cls, tokens);
  detail::split_words(id, tokens);
  ClassWords c;
  std::uint8_t name_bits = 0;
  bool modified = false;
  std::size_t s = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] != ' ') continue;
    std::string_view w(tokens.data() + s, i - s);
    s = i + 1;
    if (w == "|") {
      modified = false;
      continue;
    }
    if (modified && !names) continue;  // everything after "has"/"with" in a token describes a layout
    const detail::WordInfo* info = detail::word_info(w);
    if (!info) continue;
    name_bits |= info->names;  // name_flags reads every word, modified or not
    if (modified) continue;
    if (info->modifier) {
      modified = true;
      continue;
    }
    c.chrome |= info->list == detail::kChromeList;
    c.weak |= info->list == detail::kWeakList;
    c.content |= info->list == detail::kContentList;
  }
  while (!tokens.empty() && (tokens.back() == ' ' || tokens.back() == '|')) tokens.pop_back();
  if (names) *names = name_bits;
  return c;
}

/// The prior of an element from its tag, ARIA role and itemprop alone.
/// The prefilter drops role and itemprop values not listed here
/// (prefilter.hpp, is_read_role and is_read_itemprop): add any new one there too.
inline ElementPrior tag_prior(GumboTag tag, std::string_view role, std::string_view itemprop) {
  ElementPrior p;
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MENU:
      p.prior = kChrome;
      p.semantic_chrome = true;
      break;
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
      p.prior = kContent;
      p.content_root = true;
      break;
    default:
      break;
  }
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" || role == "menu" ||
      role == "menubar" || role == "search" || role == "dialog" || role == "alert")
    p.prior = kChrome, p.semantic_chrome = true;
  if (role == "main" || role == "article") p.prior = std::max(p.prior, kContent), p.content_root = true;
  if (itemprop == "articleBody" || itemprop == "text" || itemprop == "reviewBody") p.prior = kContent, p.content_root = true;
  return p;
}

/// Elements that open a section of the page: a <header> inside one is that section's header.
inline bool opens_section(GumboTag tag) {
  return tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_MAIN;
}

/// Whether an element is the site's banner: a <header> with no article, section, main or content
/// root around it (`sectioned`), which browsers give the implicit role=banner. Sites put their logo
/// and their mega-menus there, often in plain lists without a <nav>.
inline bool is_site_banner(GumboTag tag, bool sectioned) { return tag == GUMBO_TAG_HEADER && !sectioned; }

/// `p` (from tag_prior) with what the class/id words add.
inline ElementPrior with_class_words(ElementPrior p, const ClassWords& c) {
  if (c.chrome) p.prior = std::min(p.prior, kChrome);
  else if (c.weak) p.prior = std::min(p.prior, kWeakChrome);
  else if (c.content && p.prior == 0) p.prior = kContent * 0.5f;  // a class name is weaker evidence than <article>
  return p;
}

/// Whether an element's class and id describe the page rather than a box
/// within it: <html> and <body> classes (WordPress's "single-post",
/// "has-sidebar") say nothing about a box.
inline bool names_the_page(GumboTag tag) { return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY; }

/// The element's own prior from its tag, ARIA role, itemprop and class/id
/// words; `tokens` receives the lower-cased words for the explain view.
inline ElementPrior element_prior(GumboTag tag, std::string_view cls, std::string_view id, std::string_view role,
                                  std::string_view itemprop, std::string& tokens) {
  ElementPrior p = tag_prior(tag, role, itemprop);
  tokens.clear();
  if (names_the_page(tag)) return p;
  return with_class_words(p, class_words(cls, id, tokens));
}

/// Lower-case ASCII words (letters and digits) of `s`, at most `max` of them.
inline std::vector<std::string> ascii_words(std::string_view s, std::size_t max) {
  std::vector<std::string> w;
  std::string cur;
  for (std::size_t i = 0; i <= s.size() && w.size() < max; ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) cur.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    else if (!cur.empty()) w.push_back(std::move(cur)), cur.clear();
  }
  return w;
}

/// Whether an id is an anchor made from the element's own text (a heading's
/// slug, "what-is-menu-engineering", or a section's named after its heading)
/// rather than a name for the box: its words, bar a short prefix a CMS adds
/// ("h-", "1-heading-"), run on as the text's first words, the last one maybe
/// cut short. Such an id says what the text says, not what the box is for, so
/// its words ("menu", "share", "related") are no evidence of chrome.
inline bool id_is_text_slug(std::string_view id, std::string_view text_start) {
  const std::vector<std::string> iw = ascii_words(id, 64);
  if (iw.size() < static_cast<std::size_t>(rules::kSlugIdMinWords)) return false;
  const std::vector<std::string> tw = ascii_words(text_start, iw.size() + static_cast<std::size_t>(rules::kSlugIdPrefixWords));
  for (std::size_t skip = 0; skip <= static_cast<std::size_t>(rules::kSlugIdPrefixWords) && iw.size() - skip >= static_cast<std::size_t>(rules::kSlugIdMinWords); ++skip)
    for (std::size_t at = 0; at <= static_cast<std::size_t>(rules::kSlugIdPrefixWords); ++at) {
      std::size_t k = skip;
      for (; k < iw.size() && at + k - skip < tw.size(); ++k) {
        const std::string& t = tw[at + k - skip];
        const bool last = k + 1 == iw.size();
        if (!(t == iw[k] || (last && t.compare(0, iw[k].size(), iw[k]) == 0))) break;
      }
      if (k == iw.size()) return true;
    }
  return false;
}

/// The NameFlag bits of lower-cased class/id words as element_prior writes them.
inline std::uint8_t name_flags(std::string_view tokens) {
  std::uint8_t f = 0;
  std::size_t s = 0;
  for (std::size_t i = 0; i <= tokens.size(); ++i) {
    if (i < tokens.size() && tokens[i] != ' ') continue;
    std::string_view w = tokens.substr(s, i - s);
    s = i + 1;
    if (w.empty() || w == "|") continue;
    if (const detail::WordInfo* info = detail::word_info(w)) f |= info->names;
  }
  return f;
}

}  // namespace pith::dom_priors
