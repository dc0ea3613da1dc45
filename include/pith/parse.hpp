// pith/parse.hpp — HTML mode's parse stage: UTF-8 HTML → DOM → text blocks.
//
// Gumbo parses the page as a browser would. A walk of the tree (iterative:
// pages nest 100 000 deep) makes one `Block` per block-level element and per
// `<br><br>`, joining inline text, and skipping what a reader never sees
// (script, style, templates, SVG, form controls, hidden elements). Each block
// keeps what only HTML knows: its tag, heading level, characters inside
// links, list/table/quote/pre context, DOM path and ancestors' class/id
// tokens. The tree itself is kept as a compact table of `DomNode`s (parent
// links, tag, prior) so the region stage can score subtrees without Gumbo.
//
//   pith::HtmlDoc doc = pith::parse_html("<p>Hello <a href=#>world</a>.</p>");
//   // doc.blocks[0].text == "Hello world.", doc.blocks[0].link_chars == 5
#pragma once

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pith/detail/unicode.hpp"
#include "pith/dom_priors.hpp"
#include "pith/prefilter.hpp"  // is_home_href
#include "pith/types.hpp"

namespace pith {

namespace rules {

/// Class substrings naming a collapsed accordion or tab panel ("accordion__panel", "collapse-body",
/// "tab__content", "a-expander-content", "faq-answer"; matched without '-' and '_'): a box hidden
/// until a click opens it, whose text is the page's (a product's description, a specification tab,
/// an FAQ answer), unlike a hidden menu, drawer or pop-up. (On WCXB, reading them gained +3.60
/// page-points on odd ids and +2.73 on even.)
inline constexpr const char* kCollapsedPanelWords[] = {"accordion", "collapse", "expander", "tabpane", "tabpanel", "tabcontent", "faqanswer"};

}  // namespace rules

/// One element of the parsed page, as the region stage needs it.
struct DomNode {
  int parent = -1;             // index into HtmlDoc::nodes, -1 for the root
  int depth = 0;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  float prior = 0;             // this element's own prior (dom_priors.hpp), not its ancestors'
  bool content_root = false;   // <article>, <main>, itemprop=articleBody and the like
  bool semantic_chrome = false;  // <nav>, <aside>, <footer>, chrome ARIA roles
  std::uint32_t signature = 0; // hash of tag and class: siblings alike in both are repeated items (cards, posts)
  std::uint32_t repeats = 1;   // siblings (itself included) with the same signature
  bool has_class = false;
  std::uint8_t names = 0;      // dom_priors::NameFlag bits of its class/id words
  bool code = false;           // <pre>, <code>, <kbd>, <samp>: a code sample
  bool email_input = false;    // holds an <input> for an e-mail address as a child: a sign-up or contact form
};

/// The parse stage's output.
struct HtmlDoc {
  std::vector<Block> blocks;
  std::vector<DomNode> nodes;
  Metadata meta;
  std::string h1;              // text of the first <h1>, a title candidate
  std::vector<std::string> json_ld;  // raw JSON-LD scripts (hidden boxes too), for metadata and page type
};

namespace detail {

/// Returns `html` with every numeric character reference whose value is above
/// U+10FFFF ("&#99999999999;", "&#x110000;") rewritten as "&#65533;", or
/// `html` itself (no copy) when it has none. Why: Gumbo 0.10 adds up the
/// digits in an int without an overflow check, so a long reference wraps to a
/// negative code point that passes its range test and comes out as bytes that
/// are not UTF-8. The HTML standard turns all such references into U+FFFD,
/// which is what Gumbo then produces from the rewritten one.
inline std::string_view fix_overflowing_charrefs(std::string_view html, std::string& storage) {
  std::size_t copied = 0;  // html[0, copied) is already in storage (when storage is in use)
  bool rewritten = false;
  for (std::size_t at = html.find("&#"); at != std::string_view::npos; at = html.find("&#", at + 2)) {
    const NumericRef r = numeric_ref(html, at);
    if (!r.digits || r.value < 0x110000) continue;
    if (!rewritten) storage.clear(), storage.reserve(html.size()), rewritten = true;
    // Decimal, whatever the original's base: what follows the digits (";" or
    // not) is copied as it was and is never a decimal digit, whereas after a
    // hex replacement a following "d" or "e" would extend the number again.
    storage.append(html.data() + copied, at - copied).append("&#65533");
    copied = r.end;
  }
  if (!rewritten) return html;
  storage.append(html.data() + copied, html.size() - copied);
  return storage;
}

/// Gumbo allocates through this arena: one free at the end instead of a
/// recursive gumbo_destroy_output (which overflows the stack on deep pages)
/// and hundreds of thousands of small frees.
class GumboArena {
 public:
  static void* alloc(void* self, size_t size) { return static_cast<GumboArena*>(self)->take(size); }
  static void release(void*, void*) {}

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;  // 1 MiB chunks keep waste small on small pages
  std::vector<std::unique_ptr<unsigned char[]>> chunks_;
  unsigned char* cur_ = nullptr;
  std::size_t left_ = 0;

  void* take(std::size_t size) {
    size = (size + 15) & ~std::size_t{15};
    if (size > left_) {
      std::size_t n = std::max(kChunk, size);
      chunks_.emplace_back(new unsigned char[n]);
      cur_ = chunks_.back().get();
      left_ = n;
    }
    void* p = cur_;
    cur_ += size;
    left_ -= size;
    return p;
  }
};

/// Puts the stash's values back in the tree in place of their tokens (the
/// tree is Gumbo's output, ours to change until it is freed): attributes
/// point at their values, text with tokens at a copy with the values in, from
/// `arena`. `page` is what Gumbo parsed. Cloned elements (the adoption
/// agency's) keep their attributes' original_value, so they are found too.
inline void restore_stashed(GumboNode* root, std::string_view page, const ValueStash& stash, GumboArena& arena) {
  std::vector<GumboNode*> stack{root};
  while (!stack.empty()) {
    GumboNode* n = stack.back();
    stack.pop_back();
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        if (stash.has_text_token(n->v.text.text)) {
          const std::string_view text = n->v.text.text;
          std::size_t size = 0;
          stash.with_texts(text, [&](std::string_view p) { size += p.size(); });
          char* out = static_cast<char*>(GumboArena::alloc(&arena, size + 1));
          n->v.text.text = out;
          stash.with_texts(text, [&](std::string_view p) { out = std::copy(p.begin(), p.end(), out); });
          *out = '\0';
        }
        break;
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        GumboVector& children = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
        if (n->type != GUMBO_NODE_DOCUMENT) {
          const GumboVector& attrs = n->v.element.attributes;
          for (unsigned i = 0; i < attrs.length; ++i) {
            GumboAttribute* a = static_cast<GumboAttribute*>(attrs.data[i]);
            if (const char* v = stash.find_attribute(page, std::string_view(a->original_value.data, a->original_value.length))) a->value = v;
          }
        }
        for (unsigned i = 0; i < children.length; ++i) stack.push_back(static_cast<GumboNode*>(children.data[i]));
        break;
      }
      default:
        break;
    }
  }
}

inline bool is_skipped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET:
      return true;
    default:
      return false;
  }
}

/// Elements that start a new line of text when a browser lays them out.
/// (Table cells do not: a row is a line; <tr> is the block.)
inline bool is_block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_MENU: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP: case GUMBO_TAG_DIR: case GUMBO_TAG_NOFRAMES:
      return true;
    default:
      return false;
  }
}

inline std::string_view attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 32) != (b[i] | 32)) return false;
  return true;
}

/// The attributes the walk reads, found in one pass over an element's
/// attributes instead of one gumbo_get_attribute scan each. As there, the
/// first attribute of a name counts and names compare ASCII case-blind.
struct WalkAttrs {
  std::string_view cls, id, role, itemprop, aria_hidden, style;
  bool hidden = false, href = false;
};

inline WalkAttrs walk_attrs(const GumboElement& e) {
  WalkAttrs a;
  unsigned seen = 0;
  auto take = [&](const char* name, std::size_t len, const char* want, unsigned bit) {
    if ((seen & bit) || std::strlen(want) != len) return false;
    for (std::size_t k = 0; k < len; ++k)
      if ((name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 : name[k]) != want[k]) return false;
    seen |= bit;
    return true;
  };
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const GumboAttribute* at = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const char* n = at->name;
    const std::size_t len = std::strlen(n);
    if (take(n, len, "class", 1)) a.cls = at->value;
    else if (take(n, len, "id", 2)) a.id = at->value;
    else if (take(n, len, "role", 4)) a.role = at->value;
    else if (take(n, len, "itemprop", 8)) a.itemprop = at->value;
    else if (take(n, len, "aria-hidden", 16)) a.aria_hidden = at->value;
    else if (take(n, len, "style", 32)) a.style = at->value;
    else if (take(n, len, "hidden", 64))
      // hidden="until-found" is collapsed, not hidden: find-in-page and
      // fragment links reveal it (mobile Wikipedia folds every section so).
      a.hidden = !iequals_ascii(at->value, "until-found");
    else if (take(n, len, "href", 128)) a.href = true;
  }
  return a;
}

/// A streamed server-rendering boundary (React's `<div hidden id="S:0">`):
/// the page's own script swaps it in for its `<template id="B:0">`
/// placeholder as soon as it loads, so the reader sees it.
inline bool is_streamed_boundary(const WalkAttrs& a) {
  if (a.id.size() < 3 || a.id[0] != 'S' || a.id[1] != ':') return false;
  for (std::size_t i = 2; i < a.id.size(); ++i)
    if (a.id[i] < '0' || a.id[i] > '9') return false;
  return true;
}

/// A collapsed panel of an accordion or a tab set (role tabpanel or region, or a class holding one
/// of rules::kCollapsedPanelWords): hidden until a click opens it, as a product's description and
/// specifications often are, so its text is the page's, not hidden boilerplate.
inline bool is_collapsed_panel(const WalkAttrs& a) {
  if (iequals_ascii(a.role, "tabpanel") || iequals_ascii(a.role, "region")) return true;
  std::string c;
  c.reserve(a.cls.size());
  for (char ch : a.cls)  // lower-cased, without '-' and '_': "tab__content", "tab-content" and "tabContent" alike
    if (ch != '-' && ch != '_') c.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
  for (const char* w : rules::kCollapsedPanelWords)
    if (c.find(w) != std::string::npos) return true;
  return false;
}

/// What a reader never sees: the `hidden` attribute (not "until-found"), aria-hidden, inline display:none / visibility:hidden.
/// (Not a collapsed accordion or tab panel, which a click opens, whichever of these hides it: scripts
/// mark closed panels aria-hidden as often as display:none.)
/// The prefilter drops role, style and aria-hidden values this ignores (prefilter.hpp, is_read_role,
/// is_read_style and is_read_aria_hidden): change them together.
inline bool is_hidden(const WalkAttrs& a) {
  if (a.hidden && !is_streamed_boundary(a)) return !is_collapsed_panel(a);
  if (iequals_ascii(a.aria_hidden, "true")) return !is_collapsed_panel(a);
  // One reading of a hiding style, shared with the prefilter, which keeps only the styles that hide.
  return !a.style.empty() && is_read_style(a.style) && !is_collapsed_panel(a);
}
inline bool is_hidden(const GumboElement& e) { return is_hidden(walk_attrs(e)); }

inline int heading_level_of(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

inline std::string tag_name(const GumboNode* n) {
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n->v.element.tag);
  GumboStringPiece p = n->v.element.original_tag;
  gumbo_tag_from_original_text(&p);
  std::string s(p.data ? std::string(p.data, p.length) : std::string("unknown"));
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

/// The first `max` or so bytes of an element's text, as inner_text reads it (for a glance at how it starts).
inline std::string leading_text(const GumboNode* root, std::size_t max) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty() && out.size() < max) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_WHITESPACE) {
      out.push_back(' ');
    } else if (n->type == GUMBO_NODE_ELEMENT && !is_skipped_tag(n->v.element.tag) && (n == root || !is_hidden(n->v.element))) {
      out.push_back(' ');
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
  }
  return out;
}

/// Text of an element's descendants (for <title>, <h1>) as the block builder
/// reads it: inline markup joins its text to its neighbours' ("Why
/// <b>COVID</b>-19" is "Why COVID-19"), while line breaks, cells and
/// block-level elements separate words; hidden elements hold no text.
/// Iterative: a null entry on the stack marks the end of a separating element.
inline std::string inner_text(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!n) {
      out.push_back(' ');
    } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_WHITESPACE) {
      out.push_back(' ');
    } else if (n->type == GUMBO_NODE_ELEMENT && !is_skipped_tag(n->v.element.tag) && n->v.element.tag != GUMBO_TAG_HEAD &&
               (n == root || !is_hidden(n->v.element))) {
      const GumboTag t = n->v.element.tag;
      if (t == GUMBO_TAG_BR || t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || is_block_tag(t)) {
        out.push_back(' ');
        stack.push_back(nullptr);
      }
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
  }
  return fold_space(out);
}

/// Whether all of an <h1>'s text (`text`, from inner_text) is a link home:
/// the logo heading many themes print on every page.
inline bool is_home_link_heading(const GumboNode* h1, const std::string& text) {
  std::vector<const GumboNode*> stack{h1};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_A) {
      if (const GumboAttribute* href = gumbo_get_attribute(&e.attributes, "href"))
        if (is_home_href(href->value) && inner_text(n) == text) return true;
      continue;
    }
    for (unsigned i = 0; i < e.children.length; ++i) stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
  }
  return false;
}

/// A title without the site name sites put before or after the headline
/// ("Budget vote delayed | The Daily" → "Budget vote delayed"); unchanged
/// when the name is not a whole leading or trailing part of it.
inline std::string without_site_name(const std::string& title, std::string_view site) {
  static constexpr std::string_view kSeparators[] = {
      " | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " \u2022 ", " \u00bb ", " \u00ab ", " : ", ": ", " / ", " :: ", " ~ "};
  std::string_view t = title;
  if (site.empty() || t.size() <= site.size()) return title;
  for (std::string_view sep : kSeparators) {
    std::string_view rest;
    if (t.size() >= site.size() + sep.size() && iequals_ascii(t.substr(t.size() - site.size()), site) &&
        t.substr(t.size() - site.size() - sep.size(), sep.size()) == sep)
      rest = t.substr(0, t.size() - site.size() - sep.size());
    else if (t.size() >= site.size() + sep.size() && iequals_ascii(t.substr(0, site.size()), site) &&
             t.substr(site.size(), sep.size()) == sep)
      rest = t.substr(site.size() + sep.size());
    std::string r = fold_space(rest);
    if (!r.empty()) return r;
  }
  return title;
}

/// Collects the JSON-LD scripts of a subtree the walk skips as hidden, without recursion.
/// Not in <svg> (an SVG script), <template> (inert) or <noscript>: the
/// prefilter removes those, and a page must read the same with it or without.
inline void read_hidden_json_ld(const GumboNode* root, HtmlDoc& doc) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_SVG || e.tag == GUMBO_TAG_NOSCRIPT) continue;
    if (e.tag == GUMBO_TAG_SCRIPT) {
      if (iequals_ascii(attr(e, "type"), "application/ld+json") && e.children.length > 0) {
        const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA) doc.json_ld.emplace_back(t->v.text.text);
      }
      continue;
    }
    for (unsigned i = e.children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
  }
}

/// Reads <title>, <meta>, <html lang> and JSON-LD from the document head (and
/// JSON-LD wherever it is).
inline void read_head_element(const GumboNode* n, HtmlDoc& doc, std::string& title_tag) {
  const GumboElement& e = n->v.element;
  switch (e.tag) {
    case GUMBO_TAG_TITLE:
      if (title_tag.empty()) title_tag = inner_text(n);
      break;
    case GUMBO_TAG_META: {
      std::string_view key = attr(e, "property");
      if (key.empty()) key = attr(e, "name");
      if (key.empty()) key = attr(e, "itemprop");
      std::string k = to_lower(key);
      // The prefilter drops the content of a <meta> with any other key.
      if (!is_read_meta_key(k)) break;
      std::string v = fold_space(attr(e, "content"));
      if (v.empty()) break;
      Metadata& m = doc.meta;
      if (k == "og:title" || k == "twitter:title") {
        if (m.title.empty()) m.title = v;
      } else if (k == "author" || k == "article:author" || k == "dc.creator" || k == "parsely-author") {
        if (m.author.empty() && v.rfind("http", 0) != 0) m.author = v;
      } else if (k == "article:published_time" || k == "datepublished" || k == "date" || k == "dc.date" ||
                 k == "pubdate" || k == "publish-date" || k == "parsely-pub-date") {
        if (m.date.empty()) m.date = v;
      } else if (k == "og:site_name") {
        if (m.site_name.empty()) m.site_name = v;
      } else if (k == "description" || k == "og:description") {
        if (m.description.empty()) m.description = v;
      } else if (k == "og:url") {
        if (m.url.empty()) m.url = v;
      } else if (k == "og:type") {
        if (m.page_type.empty()) m.page_type = to_lower(v);
      }
      break;
    }
    case GUMBO_TAG_HTML: {
      std::string_view lang = attr(e, "lang");
      if (lang.empty()) lang = attr(e, "xml:lang");
      if (!lang.empty() && doc.meta.language.empty()) doc.meta.language = std::string(lang);
      break;
    }
    case GUMBO_TAG_SCRIPT:
      if (iequals_ascii(attr(e, "type"), "application/ld+json") && e.children.length > 0) {
        const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA) doc.json_ld.emplace_back(t->v.text.text);
      }
      break;
    default:
      break;
  }
}

/// Hash of a tag and its first class word without digits: cards of one list
/// differ in ids ("post-753397") and per-item classes ("category-economy")
/// but share the first, structural class ("post-list-article").
inline std::uint32_t class_signature(GumboTag tag, std::string_view cls) {
  std::uint32_t h = 2166136261u ^ static_cast<std::uint32_t>(tag);  // FNV-1a
  std::size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n')) ++i;
    std::size_t s = i;
    bool digit = false;
    while (i < cls.size() && cls[i] != ' ' && cls[i] != '\t' && cls[i] != '\n') digit |= (cls[i] >= '0' && cls[i] <= '9'), ++i;
    if (digit || i == s) continue;
    for (std::size_t k = s; k < i; ++k) h = (h ^ static_cast<unsigned char>(cls[k])) * 16777619u;
    break;
  }
  return h;
}

/// dom_priors::class_words and name_flags per distinct (class, id) pair of a
/// page: pages repeat the same class strings hundreds of times (every card,
/// every menu item), and splitting them into words is most of the work.
/// Keys point into Gumbo's tree, entries stay put: both live as long as the
/// parse.
class ClassWordsCache {
 public:
  struct Entry {
    std::string tokens;  // as element_prior writes them
    dom_priors::ClassWords words;
    std::uint8_t names = 0;  // dom_priors::name_flags(tokens)
  };

  const Entry& get(std::string_view cls, std::string_view id) {
    if (cls.empty() && id.empty()) return none_;
    auto [it, fresh] = map_.try_emplace(Key{cls, id});
    if (fresh) {
      it->second.words = dom_priors::class_words(cls, id, it->second.tokens, &it->second.names);
    }
    return it->second;
  }
  const Entry& none() const { return none_; }

 private:
  struct Key {
    std::string_view cls, id;
    bool operator==(const Key& o) const { return cls == o.cls && id == o.id; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::string_view>{}(k.cls) * 31 + std::hash<std::string_view>{}(k.id);
    }
  };
  std::unordered_map<Key, Entry, KeyHash> map_;
  Entry none_;
};

/// Builds blocks while the walk visits the tree.
class BlockBuilder {
 public:
  explicit BlockBuilder(HtmlDoc& doc) : doc_(doc) {}

  struct Context {
    int container = -1;         // node id of the innermost block-level element
    std::string container_tag;
    int heading = 0, list = 0, table = 0, quote = 0, pre = 0, figure = 0;
  };

  void text(std::string_view t, bool in_link, const Context& ctx) {
    if (buf_.empty() || all_space_) {
      ctx_ = ctx;  // the block's context is where its first text is
      starts_with_link_ = in_link;
    }
    for (unsigned char c : t) {
      bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (!sp) {
        all_space_ = false;
        if ((c & 0xC0) != 0x80) {
          ++nonspace_;
          if (in_link) ++link_nonspace_;
        }
      }
    }
    buf_.append(t);
    br_run_ = 0;
  }

  void space() { buf_.push_back(' '); }

  /// <br>: a second one in a row ends the block.
  void br() {
    if (++br_run_ >= 2) flush();
    else buf_.push_back(' ');
  }

  void flush() {
    br_run_ = 0;
    if (all_space_) {
      buf_.clear();
      return;
    }
    Block b;
    b.text = fold_space(buf_);
    buf_.clear();
    all_space_ = true;
    if (b.text.empty()) return;
    std::size_t chars = cp_count(b.text);
    // Link share measured on non-space characters, reported in characters of the folded text.
    b.link_chars = nonspace_ ? static_cast<std::size_t>(static_cast<double>(chars) * static_cast<double>(link_nonspace_) /
                                                        static_cast<double>(nonspace_) + 0.5)
                             : 0;
    nonspace_ = link_nonspace_ = 0;
    b.tag = ctx_.container_tag;
    b.container = ctx_.container;
    b.heading_level = ctx_.heading;
    b.in_list = ctx_.list > 0;
    b.in_table = ctx_.table > 0;
    b.in_blockquote = ctx_.quote > 0;
    b.in_pre = ctx_.pre > 0;
    b.starts_with_link = starts_with_link_;
    b.in_figure = ctx_.figure > 0;
    doc_.blocks.push_back(std::move(b));
  }

 private:
  HtmlDoc& doc_;
  std::string buf_;
  bool all_space_ = true;
  std::size_t nonspace_ = 0, link_nonspace_ = 0;
  int br_run_ = 0;
  bool starts_with_link_ = false;
  Context ctx_;
};

/// "div#main.story": an element's name in a DOM path.
/// The first `max_bytes` of a UTF-8 string, cut on a character boundary.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

inline std::string node_name(const GumboNode* n) {
  const GumboElement& e = n->v.element;
  std::string_view cls = attr(e, "class"), id = attr(e, "id");
  std::string name = tag_name(n);
  const std::string_view id_part = utf8_prefix(id, 40);
  std::string c = cls.empty() ? std::string() : fold_space(utf8_prefix(cls, 60));
  name.reserve(name.size() + 2 + id_part.size() + c.size());  // one allocation, no temporaries
  if (!id.empty()) name += '#', name += id_part;
  if (!cls.empty()) {
    for (char& ch : c)
      if (ch == ' ') ch = '.';
    name += '.', name += c;
  }
  return name;
}

/// Fills each block's DOM path and ancestor tokens, and the DOM prior from
/// its ancestors, walking parent links a bounded number of levels. Names are
/// built only for the few levels a path shows (`node_elems` points into
/// Gumbo's tree, alive until parse_html returns).
///
/// All of that depends on the block's container alone: blocks that share one
/// (the paragraphs of a <div> split by a child) copy the first one's answers.
inline void annotate_ancestry(HtmlDoc& doc, const std::vector<const GumboNode*>& node_elems,
                              const std::vector<std::string_view>& node_tokens) {
  constexpr int kPathLevels = 6;       // enough of the path to read where a block sits
  constexpr int kPriorLevels = 64;     // priors further up than this say little about one block
  constexpr int kTokenLevels = 12;
  std::vector<std::string> names(node_elems.size());  // filled on first use
  // Each node's class/id words (node_tokens split at ' ', without "|"), as
  // ids of distinct words, split on first use into word_ids[first, last).
  // Ids make "is this word already among the block's tokens" one lookup in
  // taken[] (which holds 1 + the index of the last block that took a word)
  // instead of a scan of the tokens so far.
  constexpr std::uint32_t kUnsplit = ~std::uint32_t{0};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_range(node_tokens.size(), {kUnsplit, kUnsplit});
  std::vector<std::uint32_t> word_ids;
  std::vector<std::string_view> word_text;  // by id
  std::unordered_map<std::string_view, std::uint32_t> id_of;
  std::vector<std::size_t> taken;
  auto words_of = [&](std::size_t id) {
    auto& r = word_range[id];
    if (r.first == kUnsplit) {
      r.first = static_cast<std::uint32_t>(word_ids.size());
      std::string_view toks = node_tokens[id];
      std::size_t s = 0;
      for (std::size_t i = 0; i <= toks.size(); ++i)
        if (i == toks.size() || toks[i] == ' ') {
          std::string_view t = toks.substr(s, i - s);
          if (i > s && t != "|") {
            auto [it, fresh] = id_of.try_emplace(t, static_cast<std::uint32_t>(word_text.size()));
            if (fresh) word_text.push_back(t), taken.push_back(0);
            word_ids.push_back(it->second);
          }
          s = i + 1;
        }
      r.second = static_cast<std::uint32_t>(word_ids.size());
    }
    return r;
  };
  std::vector<std::size_t> done_by(doc.nodes.size(), 0);  // per container: 1 + index of the block that filled its fields
  std::vector<std::uint32_t> new_words;
  // Per node, the nearest node at or above it that has a prior, is chrome, is weak, is semantic
  // chrome (-1: none): what a block's walk up to kPriorLevels parents looks for, read in one step
  // instead (a depth check keeps the level limit). Parents precede their children in doc.nodes,
  // so one forward pass fills them.
  struct Nearest {
    int prior = -1, chrome = -1, weak = -1, semantic = -1;
  };
  std::vector<Nearest> up(doc.nodes.size());
  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    const DomNode& n = doc.nodes[i];
    Nearest u = n.parent >= 0 && static_cast<std::size_t>(n.parent) < i ? up[static_cast<std::size_t>(n.parent)] : Nearest{};
    const int self = static_cast<int>(i);
    if (n.prior != 0) u.prior = self;
    if (n.prior <= dom_priors::kChrome) u.chrome = self;
    if (n.prior < 0) u.weak = self;
    if (n.semantic_chrome) u.semantic = self;
    up[i] = u;
  }
  for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
    Block& b = doc.blocks[bi];
    const bool fresh = b.chrome_box < 0 && b.weak_box < 0 && b.ancestor_tokens.empty() && b.dom_path.empty();
    const bool known = b.container >= 0 && static_cast<std::size_t>(b.container) < done_by.size();
    if (fresh && known && done_by[static_cast<std::size_t>(b.container)]) {  // same container, same answers
      const Block& first = doc.blocks[done_by[static_cast<std::size_t>(b.container)] - 1];
      b.dom_path = first.dom_path;
      b.ancestor_tokens = first.ancestor_tokens;
      b.chrome_box = first.chrome_box;
      b.weak_box = first.weak_box;
      b.features.dom_prior = first.features.dom_prior;
      continue;
    }
    std::string_view path[kPathLevels];
    int path_len = 0;
    float nearest = 0;
    bool semantic = false;
    if (b.container >= 0) {
      const Nearest& u = up[static_cast<std::size_t>(b.container)];
      const int depth = doc.nodes[static_cast<std::size_t>(b.container)].depth;
      auto within = [&](int id) { return id >= 0 && depth - doc.nodes[static_cast<std::size_t>(id)].depth < kPriorLevels; };
      if (within(u.prior)) nearest = doc.nodes[static_cast<std::size_t>(u.prior)].prior;
      if (b.chrome_box < 0 && within(u.chrome)) b.chrome_box = u.chrome;
      if (b.weak_box < 0 && within(u.weak)) b.weak_box = u.weak;
      semantic = within(u.semantic);
    }
    int level = 0;
    new_words.clear();
    static_assert(kPathLevels <= kTokenLevels && kTokenLevels <= kPriorLevels, "the walk below covers paths and tokens");
    for (int id = b.container; id >= 0 && level < kTokenLevels; id = doc.nodes[static_cast<std::size_t>(id)].parent, ++level) {
      if (level < kPathLevels) {
        std::string& name = names[static_cast<std::size_t>(id)];
        if (name.empty()) name = node_name(node_elems[static_cast<std::size_t>(id)]);
        path[path_len++] = name;
      }
      if (!node_tokens[static_cast<std::size_t>(id)].empty()) {
        auto r = words_of(static_cast<std::size_t>(id));
        for (std::uint32_t k = r.first; k < r.second; ++k) {
          const std::uint32_t w = word_ids[k];
          if (taken[w] == bi + 1) continue;
          taken[w] = bi + 1;
          new_words.push_back(w);
        }
      }
    }
    // Tokens a block had before (none, from the walk) come first and are not repeated.
    b.ancestor_tokens.reserve(b.ancestor_tokens.size() + new_words.size());
    const std::size_t had = b.ancestor_tokens.size();
    for (std::uint32_t w : new_words)
      if (std::find(b.ancestor_tokens.begin(), b.ancestor_tokens.begin() + static_cast<std::ptrdiff_t>(had), word_text[w]) ==
          b.ancestor_tokens.begin() + static_cast<std::ptrdiff_t>(had))
        b.ancestor_tokens.emplace_back(word_text[w]);
    std::size_t path_bytes = b.dom_path.size();
    for (int k = 0; k < path_len; ++k) path_bytes += path[k].size() + 1;
    b.dom_path.reserve(path_bytes);  // one allocation, not one per level
    for (int k = path_len; k-- > 0;) {
      if (!b.dom_path.empty()) b.dom_path += '>';
      b.dom_path += path[k];
    }
    // The nearest named container speaks for the block: a "related" box
    // inside an <article> is a related box, and an "entry-content" box inside
    // a "sticky-sidebar" wrapper is content.
    // Except the page's own semantic markup: an <article> card inside an
    // <aside> is still in the aside.
    b.features.dom_prior = semantic ? dom_priors::kChrome : nearest;
    if (fresh && known) done_by[static_cast<std::size_t>(b.container)] = bi + 1;
  }
}

}  // namespace detail

/// Parses UTF-8 HTML into blocks, a DOM table and metadata. Never recursive;
/// never throws on malformed input (Gumbo recovers as browsers do).
/// `walk_noscript` reads <noscript> content as a browser without scripts
/// shows it (the fallback for pages that render everything with scripts and
/// keep a crawler view in <noscript>: forum software does).
/// With a `stash`, `utf8` is strip_invisible(page, *stash) (maybe through
/// cap_nesting(…, *stash)), and parses as strip_invisible(page) would.
inline HtmlDoc parse_html(std::string_view utf8, bool walk_noscript = false, const ValueStash* stash = nullptr) {
  HtmlDoc doc;
  detail::GumboArena arena;
  GumboOptions opts = kGumboDefaultOptions;
  opts.allocator = &detail::GumboArena::alloc;
  opts.deallocator = &detail::GumboArena::release;
  opts.userdata = &arena;
  opts.max_errors = 0;  // pith never reads parse errors; recording them costs time and memory
  std::string fixed, restored;
  if (stash && stash->empty()) stash = nullptr;
  std::string_view checked = detail::fix_overflowing_charrefs(utf8, fixed);
  if (stash && checked.data() != utf8.data()) {
    // The rewrite moves the tokens: put the values back in first.
    restored = stash->restore(utf8);
    stash = nullptr;
    checked = detail::fix_overflowing_charrefs(restored, fixed);
  }
  utf8 = checked;
  GumboOutput* out = gumbo_parse_with_options(&opts, utf8.data(), utf8.size());
  if (!out || !out->root) return doc;
  if (stash) detail::restore_stashed(out->document, utf8, *stash, arena);

  std::vector<const GumboNode*> node_elems;  // per node, for DOM path names (annotate_ancestry)
  detail::ClassWordsCache class_words;
  std::vector<std::string_view> node_tokens;  // lower-cased class/id tokens per node (in class_words)
  std::string title_tag;
  std::string site_h1;  // the text of a logo <h1> linking home
  detail::BlockBuilder builder(doc);

  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    int node_id;
    detail::BlockBuilder::Context ctx;
    int link_depth;
    bool block;
    bool sectioned;  // inside an <article>, <section>, <main> or content root
  };
  std::vector<Frame> stack;
  stack.reserve(64);

  auto enter = [&](const GumboNode* n, const Frame* parent) {
    const GumboElement& e = n->v.element;
    detail::read_head_element(n, doc, title_tag);
    if (e.tag == GUMBO_TAG_HEAD) {
      // The head holds no text to show, but <title>, <meta> and JSON-LD.
      std::vector<const GumboNode*> head{n};
      while (!head.empty()) {
        const GumboNode* h = head.back();
        head.pop_back();
        if (h->type != GUMBO_NODE_ELEMENT) continue;
        if (h != n) detail::read_head_element(h, doc, title_tag);
        const GumboVector& ch = h->v.element.children;
        for (unsigned i = 0; i < ch.length; ++i) head.push_back(static_cast<const GumboNode*>(ch.data[i]));
      }
      return;
    }
    if (e.tag == GUMBO_TAG_INPUT && parent) {
      // Fields have no text, but an e-mail field marks the box around it as a form (region.hpp).
      const std::string_view type = detail::attr(e, "type"), name = detail::attr(e, "name");
      if (detail::iequals_ascii(type, "email") || ((type.empty() || detail::iequals_ascii(type, "text")) && name.find("mail") != std::string_view::npos))
        doc.nodes[static_cast<std::size_t>(parent->node_id)].email_input = true;
    }
    if (detail::is_skipped_tag(e.tag) && !(walk_noscript && e.tag == GUMBO_TAG_NOSCRIPT)) return;
    const detail::WalkAttrs wa = detail::walk_attrs(e);
    if (detail::is_hidden(wa)) {
      // Hidden text is not shown, but a JSON-LD script in it still describes the page (shops wrap
      // their whole product section in a box a script reveals).
      detail::read_hidden_json_ld(n, doc);
      return;
    }
    if (e.tag == GUMBO_TAG_BR) {
      builder.br();
      return;
    }
    Frame f{n, 0, static_cast<int>(doc.nodes.size()), parent ? parent->ctx : detail::BlockBuilder::Context{},
            parent ? parent->link_depth : 0, detail::is_block_tag(e.tag), parent && parent->sectioned};
    DomNode dn;
    dn.parent = parent ? parent->node_id : -1;
    dn.depth = parent ? doc.nodes[static_cast<std::size_t>(parent->node_id)].depth + 1 : 0;
    dn.tag = e.tag;
    std::string_view cls = wa.cls, id = wa.id;
    // As dom_priors::element_prior, with the class/id part shared by elements alike in both.
    const detail::ClassWordsCache::Entry* wp = dom_priors::names_the_page(e.tag) ? &class_words.none() : &class_words.get(cls, id);
    if (!id.empty() && (wp->words.chrome || wp->words.weak)) {
      // An id made from the element's own text (a heading's slug) names no box: only the class counts.
      const detail::ClassWordsCache::Entry& by_class = class_words.get(cls, {});
      if ((by_class.words.chrome != wp->words.chrome || by_class.words.weak != wp->words.weak) &&
          dom_priors::id_is_text_slug(id, detail::leading_text(n, 4 * id.size() + 64)))
        wp = &by_class;
    }
    const detail::ClassWordsCache::Entry& words = *wp;
    dom_priors::ElementPrior ep = dom_priors::with_class_words(dom_priors::tag_prior(e.tag, wa.role, wa.itemprop), words.words);
    // The site's banner: a <header> outside any article, section or main is chrome, as <nav> is (a
    // browser gives it role=banner); the page's own header sits inside its article or main.
    if (dom_priors::is_site_banner(e.tag, f.sectioned)) ep.prior = dom_priors::kChrome, ep.semantic_chrome = true;
    f.sectioned = f.sectioned || dom_priors::opens_section(e.tag) || ep.content_root;
    dn.prior = ep.prior;
    dn.content_root = ep.content_root;
    dn.semantic_chrome = ep.semantic_chrome;
    dn.signature = detail::class_signature(e.tag, cls);
    dn.has_class = !cls.empty();
    dn.names = words.names;
    dn.code = e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_CODE || e.tag == GUMBO_TAG_KBD || e.tag == GUMBO_TAG_SAMP;
    doc.nodes.push_back(dn);
    node_elems.push_back(n);
    node_tokens.push_back(words.tokens);
    if (f.block) {
      builder.flush();
      f.ctx.container = f.node_id;
      if (e.tag != GUMBO_TAG_UNKNOWN) {
        f.ctx.container_tag = gumbo_normalized_tagname(e.tag);  // tag_name's answer, without building it twice
      } else {
        std::string tag = detail::tag_name(n);  // as in node_name(), up to the id or class
        f.ctx.container_tag = tag.substr(0, tag.find_first_of("#."));
      }
    }
    int h = detail::heading_level_of(e.tag);
    if (h) f.ctx.heading = h;
    if (e.tag == GUMBO_TAG_LI || e.tag == GUMBO_TAG_DD || e.tag == GUMBO_TAG_DT) ++f.ctx.list;
    if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) {
      // A table row is one line, as a browser shows it: cells join with a space.
      ++f.ctx.table;
      builder.space();
    }
    if (e.tag == GUMBO_TAG_BLOCKQUOTE) ++f.ctx.quote;
    if (e.tag == GUMBO_TAG_FIGURE || e.tag == GUMBO_TAG_FIGCAPTION) ++f.ctx.figure;
    // A table in a <figure> is the figure's content (WordPress wraps every table block in one), not
    // its caption or credit: only a <figcaption> inside the table makes a caption again.
    if (e.tag == GUMBO_TAG_TABLE) f.ctx.figure = 0;
    if (e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING || e.tag == GUMBO_TAG_XMP) ++f.ctx.pre;
    if (e.tag == GUMBO_TAG_A && wa.href) ++f.link_depth;
    if (e.tag == GUMBO_TAG_H1 && doc.h1.empty()) {
      // A logo <h1> linking home names the site, not the page: the headline is a later <h1>, if any.
      std::string text = detail::inner_text(n);
      if (!detail::is_home_link_heading(n, text)) doc.h1 = std::move(text);
      else if (site_h1.empty()) site_h1 = std::move(text);
    }
    stack.push_back(std::move(f));
  };

  // The root <html> element, then its subtree, depth first, without recursion.
  enter(out->root, nullptr);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& children = top.node->v.element.children;
    if (top.next_child >= children.length) {
      if (top.block) builder.flush();
      stack.pop_back();
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
    switch (child->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        enter(child, &top);  // reads `top` before its push_back, the only reallocation
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        builder.text(child->v.text.text, top.link_depth > 0, top.ctx);
        break;
      case GUMBO_NODE_WHITESPACE:
        builder.space();
        break;
      default:
        break;
    }
  }
  builder.flush();

  // Title: og:title, else <title>; the first <h1> when it is part of either
  // (sites append " | Site name" to <title>), unless that <h1> is the site's
  // name (og:site_name). A logo <h1> linking home is cut from the title's
  // start or end instead: it names the site.
  if (doc.meta.title.empty()) doc.meta.title = title_tag;
  if (!doc.h1.empty() && !detail::iequals_ascii(doc.h1, doc.meta.site_name) &&
      (doc.meta.title.empty() || title_tag.find(doc.h1) != std::string::npos || doc.meta.title.find(doc.h1) != std::string::npos))
    doc.meta.title = doc.h1;
  else
    doc.meta.title = detail::without_site_name(doc.meta.title, site_h1);
  detail::annotate_ancestry(doc, node_elems, node_tokens);
  {
    // Count siblings alike in tag and class: repeated items of a list of cards.
    // Sorted (key, node) pairs: runs of one key are the groups (no map node per element).
    auto key = [](const DomNode& d) { return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(d.parent)) << 32) | d.signature; };
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(doc.nodes.size());
    for (std::size_t i = 0; i < doc.nodes.size(); ++i) keyed[i] = {key(doc.nodes[i]), static_cast<std::uint32_t>(i)};
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size();) {
      std::size_t j = i;
      while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
      for (std::size_t k = i; k < j; ++k) doc.nodes[keyed[k].second].repeats = static_cast<std::uint32_t>(j - i);
      i = j;
    }
  }
  return doc;
}

}  // namespace pith
