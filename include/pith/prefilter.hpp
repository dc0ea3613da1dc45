// pith/prefilter.hpp — drops what a reader never sees before Gumbo parses a page.
//
// About 60% of a typical page's bytes are scripts, style sheets, inline SVG
// and comments. pith skips all of them after parsing, but Gumbo still has to
// tokenize them one code point at a time and build nodes for them. This
// header removes them first, in one linear byte-level pass, so the parser
// only sees markup that can end up as text.
//
//   std::string slim = pith::strip_invisible(utf8_html);
//   pith::HtmlDoc doc = pith::parse_html(slim);   // same blocks, less work
//
//   pith::ValueStash stash;                       // less still: Gumbo gets tokens
//   std::string slimmer = pith::strip_invisible(utf8_html, stash);  // for text and class names
//   pith::HtmlDoc same = pith::parse_html(slimmer, false, &stash);
//
// Removed, tags included: <script> (except type="application/ld+json", which
// pith reads for metadata), <style>, <svg>, <template>, <noscript> and
// comments. Runs of white space in text shrink to one byte (pith folds white
// space anyway). Everything else is copied byte for byte.
//
// A removed range leaves a trace where the tree builder would notice its
// absence: an empty comment "<!---->" ends the text before it exactly where
// the removed token did (in a table, and at a </form>, that decides where the
// text goes), and an <svg> or <noscript> in the body leaves an empty <svg/>,
// a start tag that reopens formatting elements (<b>, <a>) as theirs did.
//
// The goal is that Gumbo builds the same visible tree from the output as from
// the input, so the scan follows the HTML tokenizer rather than patterns:
//   * script and style are raw text: they end at the first `</script` /
//     `</style` (any case) followed by whitespace, `/` or `>`; scripts also
//     follow the `<!--` / `<script` "escaped" states of the tokenizer.
//   * comments end at `-->` or `--!>`, or right away as `<!-->` / `<!--->`.
//   * the other raw-text and RCDATA elements (textarea, title, xmp, iframe,
//     noembed, noframes) and <plaintext> are skipped over whole, so a
//     `<script` inside them stays text, as does anything in a quoted
//     attribute value: start and end tags are scanned with the tokenizer's
//     attribute states (an attribute like title="<script>" is common enough
//     in templated pages, and scanning it right costs little).
//   * inside <select>, as in a browser, only script and template start tags
//     mean anything.
//   * <svg> (and <math>, which is kept) is foreign content: no raw text,
//     CDATA sections, and an HTML tag such as <p> or <div> ends it early.
//   * <template> ends at its matching `</template>`, nesting counted.
//   * <noscript> is removed only when its content cannot leak out of it in
//     the tree builder (the parser runs with scripting off, so noscript
//     content is markup): in <head> only <link>, <style> and the like (a
//     <meta> in it keeps it: pith reads the head's metadata), in the body
//     only balanced elements that cannot close an outer <p>.
//   * unterminated script, style, comment, svg or template runs to the end.
//   * the document's first element stays: removing it would let a later
//     DOCTYPE count, and turn quirks mode into standards mode.
//   * a template holding a <td>, <caption> or the like stays (Gumbo 0.10.1
//     leaves formatting elements open after such a template).
// Whenever a case is unclear (a <frameset>, HTML inside SVG's <foreignObject>,
// a mismatched end tag inside <svg>, table tags inside a <select> once a table
// was seen), the rest of the input is copied as is: slower, never different.
// Gumbo 0.10.1 is the reference: its quirks are followed where they differ
// from the HTML standard (they are marked "Gumbo 0.10.1" below).
//
// Checked by tests/test_prefilter.cpp: every corpus page parses to the same
// HtmlDoc with and without the filter, as do thousands of random documents.
//
// Cost: one pass, O(n), no allocation besides the output string; safe on any
// bytes (NULs, truncated tags, megabytes of unclosed elements).
#pragma once

#include <emmintrin.h>  // SSE2 only: part of every x86-64 CPU (as in text_model.hpp)

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pith {

/// Text and attribute values the prefilter takes out of a page and hands to
/// parse_html beside it (strip_invisible's second form). Gumbo decodes every
/// byte of text and of attribute values one code point at a time, and runs
/// each character of text through its tree builder: most of its time. It
/// only stores them, so it gets a short token in their place, and
/// parse_html puts each value back after the parse:
///
///   * Attribute values: `class=3f` (the index in base 64). A token counts
///     as one only at the offset where the prefilter wrote it, so a page's
///     own attribute that looks like one stays what it is. Stashed: class,
///     id, href and content (what parse.hpp reads and the tree builder does
///     not) when they reach parse.hpp byte for byte (tokenizes_as_is) and are
///     longer than their token.
///   * Text: the part of a run of text between tags from its first to its
///     last non-blank byte becomes kTextMark and a few digits. The tree
///     builder treats all non-blank characters alike, so the token's stand in
///     for the text's; the blanks around stay (they decide where text goes in
///     a <table>, a <head> or after a <pre>). Gumbo may join it with neighbouring text in
///     one node, so the mark is what finds it: a page holding the mark's
///     character itself (or a reference to it) keeps its text. Stashed: runs
///     Gumbo would copy byte for byte (no references, CR, NUL or characters
///     it replaces) longer than a token, white space shortened as in the page;
///     and so the whole content of a JSON-LD script, a text node as well.
class ValueStash {
 public:
  static constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  /// U+E000, the first private-use character: what starts a text token.
  static constexpr std::string_view kTextMark = "\xEE\x80\x80";
  static constexpr std::size_t kMaxTexts = std::size_t{1} << 30;

  /// The value of a base-64 digit, or -1 for a byte that is none (a table: tokens are read in every text node).
  static int digit(char c) {
    static constexpr auto kValue = [] {
      std::array<std::int8_t, 256> v{};
      for (auto& x : v) x = -1;
      for (std::size_t i = 0; i < kDigits.size(); ++i) v[static_cast<unsigned char>(kDigits[i])] = static_cast<std::int8_t>(i);
      return v;
    }();
    return kValue[static_cast<unsigned char>(c)];
  }

  /// A text token: kTextMark, then the index in base 32, least significant
  /// digit first, the last one from the upper half of kDigits: it ends the
  /// token, whatever text Gumbo joined to it.
  static constexpr std::size_t text_token_size(std::size_t index) {
    std::size_t n = kTextMark.size() + 1;
    while (index >= 32) index >>= 5, ++n;
    return n;
  }

  /// An attribute token: the index in base 64, least significant digit first.
  static constexpr std::size_t token_size(std::size_t index) {
    std::size_t n = 1;
    while (index >= 64) index >>= 6, ++n;
    return n;
  }

  bool empty() const { return attrs_.empty() && texts_.empty(); }
  std::size_t attributes() const { return attrs_.size(); }
  std::size_t texts() const { return texts_.size(); }
  void clear() { attrs_.clear(), texts_.clear(), values_.clear(); }

  /// Stashes the attribute value `value` (quoted with `quote`, or 0 for
  /// none, in the page) and appends its token to `out`.
  void put_attribute(std::string& out, std::string_view value, char quote) {
    std::size_t index = attrs_.size();
    attrs_.push_back({out.size(), values_.size(), value.size(), quote});
    values_.append(value).push_back('\0');  // NUL-terminated, as Gumbo's own values are
    do out.push_back(kDigits[index & 63]), index >>= 6;
    while (index);
  }

  /// Stashes the text `value` and appends its token to `out` (fewer than kMaxTexts).
  void put_text(std::string& out, std::string_view value) {
    std::size_t index = texts_.size();
    texts_.push_back({out.size(), values_.size(), value.size(), 0});
    values_.append(value);
    out += kTextMark;
    for (; index >= 32; index >>= 5) out.push_back(kDigits[index & 31]);
    out.push_back(kDigits[32 + index]);
  }

  /// The stashed value whose token Gumbo read as the attribute value `raw`
  /// (its original_value, which points into `page`), or null when `raw` is
  /// not one of the tokens. The result is NUL-terminated.
  const char* find_attribute(std::string_view page, std::string_view raw) const {
    if (raw.empty() || raw.size() > 5 || raw.data() < page.data() || raw.data() >= page.data() + page.size()) return nullptr;
    std::size_t index = 0;
    for (std::size_t k = raw.size(); k-- > 0;) {
      const int d = digit(raw[k]);
      if (d < 0) return nullptr;
      index = index << 6 | static_cast<std::size_t>(d);
    }
    if (index >= attrs_.size() || token_size(index) != raw.size() ||
        attrs_[index].at != static_cast<std::size_t>(raw.data() - page.data()))
      return nullptr;
    return values_.data() + attrs_[index].value;
  }

  /// Whether the NUL-terminated `text` (a text node's) may hold a text token.
  bool has_text_token(const char* text) const { return !texts_.empty() && std::strstr(text, kTextMark.data()); }

  /// Calls `piece(string_view)` for each piece of `text` with its text tokens
  /// replaced by their values, in order.
  template <class Piece>
  void with_texts(std::string_view text, Piece&& piece) const {
    std::size_t from = 0;
    for (std::size_t at = text.find(kTextMark); at != std::string_view::npos; at = text.find(kTextMark, at)) {
      std::size_t index = 0, k = at + kTextMark.size();
      int d = -1;
      for (unsigned shift = 0; k < text.size() && shift < 35; shift += 5, ++k) {
        d = digit(text[k]);
        if (d < 0) break;
        index |= static_cast<std::size_t>(d & 31) << shift;
        if (d >= 32) break;  // the last digit
      }
      if (d < 32 || index >= texts_.size()) {  // cannot be: the page had no mark of its own
        at += kTextMark.size();
        continue;
      }
      piece(text.substr(from, at - from));
      piece(std::string_view(values_.data() + texts_[index].value, texts_[index].size));
      from = at = k + 1;
    }
    piece(text.substr(from));
  }
  std::string with_texts(std::string_view text) const {
    std::string out;
    with_texts(text, [&](std::string_view p) { out += p; });
    return out;
  }

  /// `page` (the prefilter's output) with every token replaced by its value, quoted as it was:
  /// for the rare steps after the prefilter that cut or rewrite bytes, and would move the tokens.
  std::string restore(std::string_view page) const {
    std::string out;
    out.reserve(page.size() + values_.size());
    std::size_t from = 0, a = 0, t = 0;
    while (a < attrs_.size() || t < texts_.size()) {
      const bool attr = t == texts_.size() || (a < attrs_.size() && attrs_[a].at < texts_[t].at);
      const Entry& e = attr ? attrs_[a] : texts_[t];
      out.append(page.data() + from, e.at - from);
      if (e.quote) out += e.quote;
      out.append(values_.data() + e.value, e.size);
      if (e.quote) out += e.quote;
      from = e.at + (attr ? token_size(a++) : text_token_size(t++));
    }
    out.append(page.data() + from, page.size() - from);
    return out;
  }

 private:
  struct Entry {
    std::size_t at;     // where the token starts in the prefilter's output
    std::size_t value;  // where the value starts in values_
    std::size_t size;
    char quote;
  };
  std::vector<Entry> attrs_, texts_;
  std::string values_;
};

namespace detail {

/// A numeric character reference's digits ("&#8217;", "&#x2019"), as Gumbo adds them up.
struct NumericRef {
  std::uint32_t value = 0;  // saturates at 0x110000, the first value past Unicode
  std::size_t end = 0;      // just past the digits
  bool digits = false;      // any at all (without, "&#" is text)
};

/// The numeric reference whose "&#" is at `at` in `s`.
inline NumericRef numeric_ref(std::string_view s, std::size_t at) {
  NumericRef r;
  std::size_t i = at + 2;
  const bool hex = i < s.size() && (s[i] | 0x20) == 'x';
  i += hex;
  const std::size_t from = i;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    else break;
    r.value = std::min<std::uint32_t>(0x110000, r.value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d));
  }
  r.end = i;
  r.digits = i > from;
  return r;
}

/// Whether a link points at a site's home page ("/", "https://host/",
/// "//host"): what a logo links to, and an article's headline does not.
/// All parse.hpp reads of a link's address, so all the prefilter keeps of it.
inline bool is_home_href(std::string_view href) {
  while (!href.empty() && (href.front() == ' ' || href.front() == '\t' || href.front() == '\n')) href.remove_prefix(1);
  while (!href.empty() && (href.back() == ' ' || href.back() == '\t' || href.back() == '\n')) href.remove_suffix(1);
  href = href.substr(0, std::min(href.find('?'), href.find('#')));
  std::size_t host = href.find("//");
  if (host != std::string_view::npos && (host == 0 || href.substr(0, host).back() == ':')) {
    std::size_t path = href.find('/', host + 2);
    return path == std::string_view::npos || href.substr(path) == "/";
  }
  return href == "/";
}

/// Whether parse.hpp reads a <meta> whose lower-cased key (its property,
/// else name, else itemprop) is `key`: the metadata it fills in. The
/// prefilter drops the content of every other <meta> (a third of a page's
/// <head>: viewport, og:image, verification tokens…), so a key parse.hpp
/// starts reading must be added here first.
inline bool is_read_meta_key(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "og:title", "twitter:title", "author", "article:author", "dc.creator", "parsely-author",
      "article:published_time", "datepublished", "date", "dc.date", "pubdate", "publish-date", "parsely-pub-date",
      "og:site_name", "description", "og:description", "og:url", "og:type",
  };
  for (std::string_view k : kKeys)
    if (k == key) return true;
  return false;
}

/// Values of role, itemprop and aria-hidden that dom_priors::tag_prior and
/// parse.hpp's is_hidden and is_collapsed_panel act on; any other value is as
/// good as none, so the prefilter drops it. Keep in step with those.
inline bool is_read_role(std::string_view v) {
  for (std::string_view r : {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
                             "alert", "main", "article"})
    if (v == r) return true;
  // is_collapsed_panel compares these two without case.
  for (std::string_view r : {"tabpanel", "region"}) {
    if (v.size() != r.size()) continue;
    std::size_t k = 0;
    while (k < r.size() && (v[k] | 32) == r[k]) ++k;
    if (k == r.size()) return true;
  }
  return false;
}
inline bool is_read_itemprop(std::string_view v) { return v == "articleBody" || v == "text" || v == "reviewBody"; }
inline bool is_read_aria_hidden(std::string_view v) {  // parse.hpp's iequals_ascii(v, "true")
  if (v.size() != 4) return false;
  for (std::size_t k = 0; k < 4; ++k)
    if ((v[k] | 32) != ("true"[k] | 32)) return false;
  return true;
}
/// Whether an inline style hides its element as parse.hpp's is_hidden reads it.
inline bool is_read_style(std::string_view v) {
  std::string s;
  s.reserve(v.size());
  for (char c : v)
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

namespace prefilter {

// Tag names the scan needs to tell apart, in the sorted order of kTagNames.
enum Tag : std::uint8_t {
  kOther,
  kA, kAddress, kAnnotationXml, kApplet, kArea, kArticle, kAside, kB, kBase, kBasefont, kBgsound, kBig, kBlockquote,
  kBody, kBr, kButton, kCaption, kCenter, kCode, kCol, kColgroup, kDd, kDesc, kDetails, kDialog, kDir, kDiv, kDl,
  kDt, kEm, kEmbed, kFieldset, kFigcaption, kFigure, kFont, kFooter, kForeignObject, kForm, kFrame, kFrameset, kH1,
  kH2, kH3, kH4, kH5, kH6, kHead, kHeader, kHgroup, kHr, kHtml, kI, kIframe, kImage, kImg, kInput, kIsindex, kKeygen,
  kLi, kLink, kListing, kMain, kMalignmark, kMarquee, kMath, kMenu, kMenuitem, kMeta, kMglyph, kMi, kMn, kMo, kMs,
  kMtext, kNav, kNobr, kNoembed, kNoframes, kNoscript, kObject, kOl, kOptgroup, kOption, kP, kParam, kPlaintext,
  kPre, kRb, kRp, kRt, kRtc, kRuby, kS, kScript, kSearch, kSection, kSelect, kSmall, kSource, kSpan, kStrike,
  kStrong, kStyle, kSub, kSummary, kSup, kSvg, kTable, kTbody, kTd, kTemplate, kTextarea, kTfoot, kTh, kThead,
  kTitle, kTr, kTrack, kTt, kU, kUl, kVar, kWbr, kXmp,
  kTagCount
};

inline constexpr std::string_view kTagNames[kTagCount] = {
  "",
  "a", "address", "annotation-xml", "applet", "area", "article", "aside", "b", "base", "basefont", "bgsound", "big",
  "blockquote", "body", "br", "button", "caption", "center", "code", "col", "colgroup", "dd", "desc", "details",
  "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer",
  "foreignobject", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
  "html", "i", "iframe", "image", "img", "input", "isindex", "keygen", "li", "link", "listing", "main", "malignmark",
  "marquee", "math", "menu", "menuitem", "meta", "mglyph", "mi", "mn", "mo", "ms", "mtext", "nav", "nobr", "noembed",
  "noframes", "noscript", "object", "ol", "optgroup", "option", "p", "param", "plaintext", "pre", "rb", "rp", "rt",
  "rtc", "ruby", "s", "script", "search", "section", "select", "small", "source", "span", "strike", "strong",
  "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
  "title", "tr", "track", "tt", "u", "ul", "var", "wbr", "xmp",
};

// What the tree builder does with each tag, as far as the scan cares.
enum Prop : std::uint16_t {
  kVoid = 1 << 0,        // never has an end tag
  kHeadSet = 1 << 1,     // stays in <head> (anything else starts the body)
  kClosesP = 1 << 2,     // a start tag that closes an open <p>
  kLeaksNoscript = 1 << 3,  // inside <noscript>, may reshape the tree around it
  kBreaksForeign = 1 << 4,  // a start tag that ends SVG/MathML content
  kTableish = 1 << 5,    // ends a <select> inside a table
  kSvgPoint = 1 << 6,    // SVG element whose children are HTML
  kMathPoint = 1 << 7,   // MathML element whose children are HTML
  kMarker = 1 << 8,      // puts a marker in the list of active formatting elements
};

constexpr std::uint16_t base_props(Tag t) {
  switch (t) {
    case kArea: case kCol: case kEmbed: case kImage: case kImg: case kInput: case kKeygen: case kParam:
    case kSource: case kTrack: case kWbr: case kMenuitem:
      return kVoid | (t == kEmbed || t == kImg ? kBreaksForeign : 0) | (t == kCol ? kLeaksNoscript : 0) |
             (t == kKeygen ? kLeaksNoscript : 0);
    case kBase: case kBasefont: case kBgsound: case kLink: return kVoid | kHeadSet;
    case kMeta: return kVoid | kHeadSet | kBreaksForeign;
    case kBr: return kVoid | kBreaksForeign;
    case kHr: return kVoid | kClosesP | kBreaksForeign;
    case kFrame: return kVoid | kLeaksNoscript;
    case kHtml: return kHeadSet | kLeaksNoscript;
    case kHead: return kHeadSet | kBreaksForeign;
    case kTitle: return kHeadSet | kSvgPoint;
    case kNoscript: case kNoframes: case kStyle: case kScript: case kTemplate: return kHeadSet;
    case kBody: return kLeaksNoscript | kBreaksForeign;
    case kAddress: case kArticle: case kAside: case kDetails: case kDialog: case kDir: case kFieldset:
    case kFigcaption: case kFigure: case kFooter: case kHeader: case kHgroup: case kMain: case kNav: case kSearch:
    case kSection: case kSummary: case kXmp:
      return kClosesP;
    case kBlockquote: case kCenter: case kDd: case kDiv: case kDl: case kDt: case kH1: case kH2: case kH3: case kH4:
    case kH5: case kH6: case kLi: case kListing: case kMenu: case kOl: case kP: case kPre: case kUl:
      return kClosesP | kBreaksForeign;
    case kTable: return kClosesP | kBreaksForeign | kLeaksNoscript | kTableish;
    case kForm: case kPlaintext: return kClosesP | kLeaksNoscript;
    case kA: case kButton: case kSelect: case kOption: case kOptgroup: case kRb: case kRp: case kRt: case kRtc:
    case kFrameset: case kIsindex:
      return kLeaksNoscript;
    case kNobr: return kLeaksNoscript | kBreaksForeign;
    case kColgroup: return kLeaksNoscript;
    case kCaption: case kTbody: case kTd: case kTfoot: case kTh: case kThead: case kTr:
      return kLeaksNoscript | kTableish;
    case kB: case kBig: case kCode: case kEm: case kI: case kRuby: case kS: case kSmall: case kSpan: case kStrike:
    case kStrong: case kSub: case kSup: case kTt: case kU: case kVar:
      return kBreaksForeign;
    case kForeignObject: case kDesc: return kSvgPoint;
    case kMi: case kMn: case kMo: case kMs: case kMtext: case kAnnotationXml: return kMathPoint;
    default: return 0;
  }
}

constexpr std::uint16_t props_of(Tag t) {
  switch (t) {
    case kApplet: case kObject: case kMarquee: case kTd: case kTh: case kCaption:
      return base_props(t) | kMarker;
    default:
      return base_props(t);
  }
}

inline bool is_space(char c) {
  // The tokenizer's whitespace; '\r' too, since input CRs become LFs first.
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}
inline bool is_alpha(char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// ASCII case-insensitive `a == b` for a lower-case `b`.
inline bool ieq(const char* a, std::string_view b) {
  for (std::size_t k = 0; k < b.size(); ++k)
    if (lower(a[k]) != b[k]) return false;
  return true;
}

/// Whether an attribute value reaches parse.hpp byte for byte: printable
/// ASCII, tab and line feed, but no '&' (a character reference). Links are a
/// fifth of a page's tags, their addresses long: 16 bytes per step.
/// Whether the 16 bytes at `p` are printable ASCII, tab or line feed, without '&'.
inline bool plain16(const char* p) {
  const __m128i space = _mm_set1_epi8(0x20), amp = _mm_set1_epi8('&'), del = _mm_set1_epi8(0x7f);
  const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n');
  const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed: bytes from 0x80 are negative, below 0x20 like the controls.
  const __m128i control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(c, tab), _mm_cmpeq_epi8(c, lf)), _mm_cmplt_epi8(c, space));
  const __m128i bad = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(c, amp), _mm_cmpeq_epi8(c, del)));
  return _mm_movemask_epi8(bad) == 0;
}

inline bool tokenizes_as_is(const char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16)
    if (!plain16(p + i)) return false;
  for (; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '&' || c > 0x7e || (c < 0x20 && c != '\t' && c != '\n')) return false;
  }
  return true;
}

/// Whether `t` at `at` (an '&') starts a numeric character reference past
/// U+10FFFF, which parse_html rewrites before Gumbo sees it, wherever it is
/// (see fix_overflowing_charrefs in parse.hpp).
inline bool overflowing_charref(std::string_view t, std::size_t at) {
  return at + 1 < t.size() && t[at + 1] == '#' && numeric_ref(t, at).value >= 0x110000;
}

/// Whether Gumbo's text node holds text `t` byte for byte: valid UTF-8
/// without references ('&'; in `raw_text`, a script's, '&' is a letter, but
/// for a reference parse_html rewrites), CR, NUL or the characters Gumbo
/// replaces with U+FFFD (controls other than tab, line feed and form feed;
/// U+007F-U+009F; U+FDD0-U+FDEF; U+xFFFE, U+xFFFF).
inline bool copied_as_text(std::string_view t, bool raw_text = false) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n;) {
    while (i + 16 <= n && plain16(t.data() + i)) i += 16;  // plain ASCII, the usual case
    if (i == n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      if ((c == '&' && (!raw_text || overflowing_charref(t, i))) || c == 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\f')) return false;
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > n) return false;
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (p[i + k] & 0x3F);
    }
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // overlong, too big, surrogate
    if (cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return false;
    i += len;
  }
  return true;
}

/// Whether `page` holds ValueStash::kTextMark's character, as bytes or as a
/// numeric character reference (&#57344;, &#xE000;): such a page keeps its text.
inline bool mentions_text_mark(std::string_view page) {
  if (page.find(ValueStash::kTextMark) != std::string_view::npos) return true;
  for (std::size_t at = page.find("&#"); at != std::string_view::npos; at = page.find("&#", at + 2))
    if (numeric_ref(page, at).value == 0xE000) return true;
  return false;
}

/// Where the names of each first letter start in kTagNames (sorted, so
/// they are contiguous): a tag name is compared with a dozen names at most.
struct FirstLetterIndex {
  std::uint8_t at[27];
};
constexpr FirstLetterIndex make_first_letter_index() {
  FirstLetterIndex x{};
  std::size_t k = 1;
  for (int c = 0; c < 26; ++c) {
    x.at[c] = static_cast<std::uint8_t>(k);
    while (k < kTagCount && kTagNames[k][0] == 'a' + c) ++k;
  }
  x.at[26] = static_cast<std::uint8_t>(k);
  return x;
}
inline constexpr FirstLetterIndex kByFirstLetter = make_first_letter_index();

inline Tag classify(const char* name, std::size_t len) {
  if (len == 0) return kOther;
  const unsigned letter = static_cast<unsigned char>(lower(name[0])) - 'a';
  if (letter >= 26) return kOther;
  for (std::size_t k = kByFirstLetter.at[letter]; k < kByFirstLetter.at[letter + 1]; ++k)
    if (kTagNames[k].size() == len && ieq(name, kTagNames[k])) return static_cast<Tag>(k);
  return kOther;
}

/// Where one attribute of a tag lies: its name is [at, name_end), its value
/// (without quotes; empty without one) [value_at, value_end), and the whole
/// attribute, value and quotes included, [at, end).
struct AttrSpan {
  std::size_t at, name_end, value_at, value_end, end;
};

/// One start or end tag, scanned with the tokenizer's attribute states.
struct TagToken {
  std::size_t name = 0, name_len = 0;
  std::size_t end = 0;          // just past the closing '>'
  bool complete = false;        // false: input ended inside the tag (the tokenizer drops it)
  bool self_closing = false;
  bool has_attributes = false;
  bool json_ld = false;         // a script start tag pith wants kept
  Tag tag = kOther;
};

class Stripper {
 public:
  /// With a `stash`, long text and attribute values go there, tokens in their place (see ValueStash).
  Stripper(const char* s, std::size_t n, ValueStash* stash = nullptr)
      : s_(s), n_(n), stash_(stash), stash_text_(stash && !mentions_text_mark(std::string_view(s, n))) {}

  std::string run() {
    out_.reserve(n_);
    std::size_t i = 0;
    while (i < n_ && !done_) {
      const char* p = static_cast<const char*>(std::memchr(s_ + i, '<', n_ - i));
      std::size_t lt = p ? static_cast<std::size_t>(p - s_) : n_;
      if (watching_text() || !started_) {
        for (std::size_t k = i; k < lt; ++k)
          if (!is_space(s_[k])) {
            started_ = true;
            if (watching_text()) on_visible_text();
            break;
          }
      }
      if (mode_ == kNormal) on_text(i, lt);
      if (!p) break;
      i = on_lt(lt);
    }
    if (abandoned_) {
      if (stash_) stash_->clear();
      return std::string(s_, n_);
    }
    if (!done_) {
      // An element still being removed at the end runs to the end (Gumbo
      // closes it there: nothing after it is visible).
      if ((mode_ == kInNoscript && !noscript_keep_) || (mode_ == kInTemplate && !template_leaks_))
        drop(strip_begin_, n_, mode_ == kInNoscript && !noscript_in_head_);
      emit_until(n_);
    }
    return std::move(out_);
  }

 private:
  enum Mode { kNormal, kInTemplate, kInNoscript };
  enum ForeignEnd { kClosed, kBrokenOut, kAtEnd, kUnsure };
  struct Name {
    std::size_t at, len;
  };
  static constexpr int kMaxStack = 64;

  const char* s_;
  std::size_t n_;
  ValueStash* stash_;
  bool stash_text_;               // the page has no text token's mark of its own
  std::string out_;
  std::size_t emitted_ = 0;       // input before this is in out_ or dropped
  bool done_ = false;
  bool abandoned_ = false;        // the input goes through unchanged

  Mode mode_ = kNormal;
  std::size_t strip_begin_ = 0;   // where the element being removed starts
  int template_depth_ = 0;        // <template>s open inside the element being removed
  bool template_leaks_ = false;   // formatting elements may outlive this template (kept then)
  bool keep_next_ = false;        // keep the element at hand (see its uses)
  bool noscript_in_head_ = false;
  bool noscript_keep_ = false;    // followed to its end but not removed
  Name noscript_stack_[kMaxStack];
  std::vector<AttrSpan> attrs_;   // the attributes of the start tag at hand
  bool meta_read_ = true;         // the start tag at hand is not a <meta> parse.hpp ignores
  unsigned unread_values_ = 0;    // of the start tag at hand (see unread_values)
  std::vector<std::uint8_t> uses_;  // an AttrUse per attribute in attrs_
  int noscript_top_ = 0;

  std::string text_;               // the text being stashed
  bool started_ = false;          // past the "initial" insertion mode (a DOCTYPE is ignored now)
  bool in_body_ = false;          // the tree builder is in <body> (or may be)
  bool head_done_ = false;        // after </head>: a <noscript> starts the body
  bool p_seen_ = false;           // a <p> may be open somewhere
  bool in_select_ = false;
  int pre_depth_ = 0;             // <pre>/<listing> open: white space left as is
  bool table_seen_ = false;       // a <select> may be in a table
  std::uint64_t select_outside_ = 0;  // in_select_ around each open <template> (64 deep)

  // ---- output ----

  void emit_until(std::size_t at) {
    if (at > emitted_) out_.append(s_ + emitted_, at - emitted_);
    emitted_ = std::max(emitted_, at);
  }
  /// Removes input [from, to); returns false (and removes nothing) when the
  /// bytes on either side would join into something new.
  bool drop(std::size_t from, std::size_t to, bool reopen = false) {
    emit_until(from);
    if (would_join(to)) return false;
    if (reopen) {
      // The removed start tag reopened formatting elements a block had
      // closed (<p><b>x</p><svg>: a new <b> wraps what follows) or, in
      // <head>, started the body. An empty <svg/> does both, and pith skips it.
      out_ += "<svg/>";
      emitted_ = to;
      return true;
    }
    // The removed token ended the text before it, and where that text goes
    // depends on the token that ends it: in a table, whitespace before it
    // stays while text after it is moved before the table; Gumbo 0.10.1 puts
    // text still pending at a </form> after the form; tokens it ignores (a
    // stray </x>) leave text pending. An empty comment ends the text at the
    // same point, in every insertion mode.
    static constexpr std::string_view kMark = "<!---->";
    if (!out_.empty() && to < n_ && (out_.size() < kMark.size() || out_.compare(out_.size() - kMark.size(), kMark.size(), kMark) != 0))
      out_ += kMark;
    emitted_ = to;
    return true;
  }

  /// Whether the output so far, followed directly by input from `next`,
  /// would tokenize differently than with the removed bytes between them:
  /// a text '<' followed by a letter opens a tag, and "&am" + "p;" is a
  /// character reference.
  bool would_join(std::size_t next) const {
    if (out_.empty()) return false;
    const char last = out_.back();
    if (last == '<') return true;
    if (next >= n_) return false;
    const char c = s_[next];
    if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == ';' || c == '#')) return false;
    // An '&' then up to 32 letters, digits or '#' at the end of the output.
    for (std::size_t k = out_.size(), steps = 0; k-- > 0 && steps <= 32; ++steps) {
      const char b = out_[k];
      if (b == '&') return true;
      if (!(is_alpha(b) || (b >= '0' && b <= '9') || b == '#')) return false;
    }
    return false;
  }
  /// Something the scan cannot model for sure: the rest goes through as is.
  std::size_t give_up() {
    for (std::size_t j = emitted_; j < n_;) {  // unless a <frameset> is in it
      const char* p = static_cast<const char*>(std::memchr(s_ + j, '<', n_ - j));
      if (!p) break;
      j = static_cast<std::size_t>(p - s_) + 1;
      if (n_ - j >= 8 && ieq(s_ + j, "frameset")) return abandon();
    }
    emit_until(n_);
    done_ = true;
    return n_;
  }
  /// A <frameset> replaces the body only if nothing before it set the
  /// parser's frameset-ok flag, and removed elements may have: keep it all.
  std::size_t abandon() {
    abandoned_ = done_ = true;
    return n_;
  }

  // ---- tokenizer pieces ----

  /// `</name` + whitespace, '/' or '>' at `j`: an end tag that closes raw text.
  bool end_tag_at(std::size_t j, std::string_view name) const {
    return j + 2 + name.size() < n_ && s_[j + 1] == '/' && ieq(s_ + j + 2, name) && (is_space(s_[j + 2 + name.size()]) ||
           s_[j + 2 + name.size()] == '/' || s_[j + 2 + name.size()] == '>');
  }

  /// Just past the '>' that ends a bogus comment or DOCTYPE starting at `j`.
  std::size_t past_gt(std::size_t j) const {
    const void* p = std::memchr(s_ + j, '>', n_ - j);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s_) + 1 : n_;
  }

  /// Just past the comment that starts with "<!--" at `lt`.
  std::size_t comment_end(std::size_t lt) const {
    std::size_t k = lt + 4;
    if (k < n_ && s_[k] == '>') return k + 1;                            // <!-->
    if (k + 1 < n_ && s_[k] == '-' && s_[k + 1] == '>') return k + 2;    // <!--->
    for (std::size_t j = k; j + 2 < n_;) {
      const char* p = static_cast<const char*>(std::memchr(s_ + j, '-', n_ - j - 2));
      if (!p) break;
      j = static_cast<std::size_t>(p - s_);
      if (s_[j + 1] == '-') {
        if (s_[j + 2] == '>') return j + 3;
        if (s_[j + 2] == '!' && j + 3 < n_ && s_[j + 3] == '>') return j + 4;
      }
      ++j;
    }
    return n_;
  }

  /// Scans the tag at `lt`; with `attrs`, also where each attribute lies.
  TagToken scan_tag(std::size_t lt, bool end_tag, std::vector<AttrSpan>* attrs = nullptr) const {
    TagToken t;
    if (attrs) attrs->clear();
    std::size_t j = lt + (end_tag ? 2 : 1);
    t.name = j;
    while (j < n_ && !is_space(s_[j]) && s_[j] != '/' && s_[j] != '>') ++j;
    t.name_len = j - t.name;
    t.tag = classify(s_ + t.name, t.name_len);
    const bool want_type = !end_tag && t.tag == kScript;
    bool type_seen = false, this_is_type = false;
    std::size_t attr = 0;
    auto name_done = [&](std::size_t at) {
      if (attrs) {
        AttrSpan& a = attrs->back();
        a.name_end = a.value_at = a.value_end = a.end = at;
      }
      // The first "type" attribute counts; the tokenizer drops duplicates.
      this_is_type = want_type && !type_seen && at - attr == 4 && ieq(s_ + attr, "type");
      if (this_is_type) type_seen = true;
    };
    auto value = [&](std::size_t from, std::size_t to) {
      if (!this_is_type) return;
      std::string_view v(s_ + from, to - from);
      // Keep it when it says ld+json, or might once entities are decoded.
      t.json_ld = (v.size() == 19 && ieq(v.data(), "application/ld+json")) || v.find('&') != std::string_view::npos;
    };
    enum { kBeforeName, kName, kAfterName, kBeforeValue, kAfterQuoted } st = kBeforeName;
    while (j < n_) {
      char c = s_[j];
      if (c == '>' && st != kBeforeValue) {
        if (st == kName) name_done(j);
        t.end = j + 1;
        t.complete = true;
        return t;
      }
      if (c == '/' && st != kBeforeValue) {
        if (st == kName) name_done(j);
        ++j;
        if (j < n_ && s_[j] == '>') {
          t.self_closing = true;
          t.end = j + 1;
          t.complete = true;
          return t;
        }
        st = kBeforeName;
        continue;
      }
      switch (st) {
        case kBeforeName:
        case kAfterName:
          if (is_space(c)) {
            ++j;
          } else if (c == '=' && st == kAfterName) {
            st = kBeforeValue;
            ++j;
          } else {  // a new attribute; its name may start with '='
            t.has_attributes = true;
            if (attrs) attrs->push_back({j, j, j, j, j});
            attr = j++;
            this_is_type = false;
            st = kName;
          }
          break;
        case kName:
          if (is_space(c)) {
            name_done(j);
            st = kAfterName;
          } else if (c == '=') {
            name_done(j);
            st = kBeforeValue;
          }
          ++j;
          break;
        case kBeforeValue:
          if (is_space(c)) {
            ++j;
          } else if (c == '>') {  // attribute without a value
            t.end = j + 1;
            t.complete = true;
            return t;
          } else if (c == '"' || c == '\'') {
            const void* q = std::memchr(s_ + j + 1, c, n_ - j - 1);
            if (!q) return t.end = n_, t;
            std::size_t close = static_cast<std::size_t>(static_cast<const char*>(q) - s_);
            value(j + 1, close);
            if (attrs) attrs->back().value_at = j + 1, attrs->back().value_end = close, attrs->back().end = close + 1;
            j = close + 1;
            st = kAfterQuoted;
          } else {
            std::size_t from = j;
            while (j < n_ && !is_space(s_[j]) && s_[j] != '>') ++j;
            value(from, j);
            if (attrs) attrs->back().value_at = from, attrs->back().value_end = attrs->back().end = j;
            st = kBeforeName;
          }
          break;
        case kAfterQuoted:
          st = kBeforeName;
          if (is_space(c)) ++j;  // else: the next attribute starts right here
          break;
      }
    }
    t.end = n_;
    return t;
  }

  /// Where the end tag of a raw-text or RCDATA element starts, or n_.
  std::size_t raw_text_end(std::size_t j, std::string_view name) const {
    while (j < n_) {
      const char* p = static_cast<const char*>(std::memchr(s_ + j, '<', n_ - j));
      if (!p) break;
      j = static_cast<std::size_t>(p - s_);
      if (end_tag_at(j, name)) return j;
      ++j;
    }
    return n_;
  }

  /// Where the `</script>` that ends script data starts, or n_, following the
  /// tokenizer's script data (double) escaped states.
  std::size_t script_end(std::size_t j) const {
    enum { kData, kEsc, kEscDash, kEscDashDash, kDbl, kDblDash, kDblDashDash } st = kData;
    while (j < n_) {
      if (st == kData) {
        const char* p = static_cast<const char*>(std::memchr(s_ + j, '<', n_ - j));
        if (!p) return n_;
        j = static_cast<std::size_t>(p - s_);
        if (end_tag_at(j, "script")) return j;
        if (j + 3 < n_ && s_[j + 1] == '!' && s_[j + 2] == '-' && s_[j + 3] == '-') {
          st = kEscDashDash;
          j += 4;
        } else {
          ++j;
        }
        continue;
      }
      const char c = s_[j];
      const bool dbl = st == kDbl || st == kDblDash || st == kDblDashDash;
      if (c == '-') {
        st = st == kEsc ? kEscDash : st == kDbl ? kDblDash : dbl ? kDblDashDash : kEscDashDash;
        ++j;
      } else if (c == '>' && (st == kEscDashDash || st == kDblDashDash)) {
        st = kData;
        ++j;
      } else if (c == '<' && !dbl) {
        if (end_tag_at(j, "script")) return j;
        std::size_t k = j + 1;
        while (k < n_ && is_alpha(s_[k])) ++k;
        if (k - j - 1 == 6 && ieq(s_ + j + 1, "script") && k < n_ && (is_space(s_[k]) || s_[k] == '/' || s_[k] == '>')) {
          st = kDbl;
          j = k + 1;
        } else {
          st = kEsc;
          j = std::max(k, j + 1);
        }
      } else if (c == '<') {
        st = kDbl;
        if (j + 1 < n_ && s_[j + 1] == '/') {
          std::size_t k = j + 2;
          while (k < n_ && is_alpha(s_[k])) ++k;
          if (k - j - 2 == 6 && ieq(s_ + j + 2, "script") && k < n_ && (is_space(s_[k]) || s_[k] == '/' || s_[k] == '>')) {
            st = kEsc;
            j = k + 1;
          } else {
            j = k;
          }
        } else {
          ++j;
        }
      } else {
        st = dbl ? kDbl : kEsc;
        ++j;
      }
    }
    return n_;
  }

  /// Just past the end tag that starts at `lt` (n_ when there is none).
  std::size_t past_end_tag(std::size_t lt) const { return lt >= n_ ? n_ : scan_tag(lt, true).end; }

  /// Skips SVG or MathML content after the root's start tag: the end of the
  /// root's end tag (kClosed), the HTML start tag that ends it (kBrokenOut),
  /// the end of input, or kUnsure when the tree builder's choice depends on
  /// more than the scan tracks.
  ForeignEnd skip_foreign(std::size_t j, Tag root, std::size_t& end) const {
    Name stack[kMaxStack];
    bool point[kMaxStack];
    int top = 0;
    const std::uint16_t point_prop = root == kSvg ? kSvgPoint : kMathPoint;
    const std::string_view root_name = kTagNames[root];
    while (j < n_) {
      const char* p = static_cast<const char*>(std::memchr(s_ + j, '<', n_ - j));
      if (!p) break;
      std::size_t lt = static_cast<std::size_t>(p - s_);
      if (lt + 1 >= n_) break;
      char c = s_[lt + 1];
      if (c == '!') {
        if (lt + 3 < n_ && s_[lt + 2] == '-' && s_[lt + 3] == '-') {
          j = comment_end(lt);
        } else if (n_ - lt >= 9 && std::memcmp(s_ + lt, "<![CDATA[", 9) == 0) {
          std::string_view rest(s_ + lt + 9, n_ - lt - 9);
          std::size_t e = rest.find("]]>");
          j = e == std::string_view::npos ? n_ : lt + 9 + e + 3;
        } else {
          j = past_gt(lt);
        }
      } else if (c == '?') {
        j = past_gt(lt);
      } else if (c == '/') {
        if (lt + 2 >= n_) break;
        if (s_[lt + 2] == '>') {
          j = lt + 3;
        } else if (!is_alpha(s_[lt + 2])) {
          j = past_gt(lt);
        } else {
          TagToken t = scan_tag(lt, true);
          if (!t.complete) break;
          // Gumbo 0.10.1 ignores "</g x>" and "</svg/>" in foreign content.
          if (t.has_attributes || t.self_closing) return kUnsure;
          int k = top;
          while (k > 0 && !(stack[k - 1].len == t.name_len && names_equal(stack[k - 1].at, t.name, t.name_len))) --k;
          // In an integration point Gumbo handles other end tags as HTML.
          if (top > 0 && point[top - 1] && k != top) return kUnsure;
          if (k > 0) {
            top = k - 1;
          } else if (t.name_len == root_name.size() && ieq(s_ + t.name, root_name)) {
            end = t.end;
            return kClosed;
          } else {
            return kUnsure;  // may close HTML elements around it, or be ignored
          }
          j = t.end;
        }
      } else if (is_alpha(c)) {
        TagToken t = scan_tag(lt, false);
        if (!t.complete) break;
        // Below an integration point (<foreignObject>, <desc>, <title>, <mi>...)
        // start tags are HTML again: too much to follow.
        if (top > 0 && point[top - 1]) return kUnsure;
        const std::uint16_t pr = props_of(t.tag);
        if (pr & kBreaksForeign) {
          end = lt;
          return kBrokenOut;
        }
        if (t.tag == kFont) return kUnsure;  // breaks out only with color/face/size
        if (!t.self_closing) {
          if (top == kMaxStack) return kUnsure;
          stack[top] = {t.name, t.name_len};
          point[top++] = (pr & point_prop) != 0;
        }
        j = t.end;
      } else {
        j = lt + 1;
      }
    }
    end = n_;
    return kAtEnd;
  }

  // ---- attributes ----

  /// Whether the tree builder may compare or read every attribute of a
  /// `tag` element, so that none can go.
  static bool keeps_all_attributes(Tag tag) {
    switch (tag) {
      // Formatting elements: the tree builder drops the earliest of three
      // open ones whose attributes all match (the "Noah's Ark" clause), so
      // an attribute pith never reads still tells them apart. <a> is not
      // among them: a new <a> closes the open one first, so there is never
      // more than one to compare.
      case kB: case kBig: case kCode: case kEm: case kFont: case kI: case kNobr: case kS: case kSmall: case kStrike:
      case kStrong: case kTt: case kU:
      // <isindex> turns its prompt, action and name into a form; the rest
      // are foreign content or removed before they get here.
      case kIsindex: case kSvg: case kMath: case kScript: case kStyle: case kTemplate: case kNoscript:
        return true;
      default:
        return false;
    }
  }

  /// Elements parse.hpp skips with everything inside them (is_skipped_tag),
  /// those of them that get this far: none of their attributes is read but
  /// an <input>'s type and name.
  static bool unwalked(Tag tag) {
    switch (tag) {
      case kIframe: case kObject: case kEmbed: case kSelect: case kOption: case kTextarea: case kInput: case kButton:
      case kHead: case kKeygen: case kApplet:
        return true;
      default:
        return false;
    }
  }

  /// Whether parse.hpp or the tree builder reads the attribute [at, at+len)
  /// of a `tag` element (ASCII case-blind, as the tokenizer lower-cases names).
  bool read_attribute(Tag tag, std::size_t at, std::size_t len) const {
    const char* p = s_ + at;
    // "type": <input type=hidden> (the tree builder) and e-mail fields.
    if (unwalked(tag)) return tag == kInput && len == 4 && (ieq(p, "type") || ieq(p, "name"));
    switch (len) {
      case 2: return ieq(p, "id");
      case 4:  // "lang" is read on <html> only; "type" on <script> decides ld+json
        return ieq(p, "role") || (tag == kScript && ieq(p, "type")) || (tag == kHtml && ieq(p, "lang")) ||
               (tag == kA && ieq(p, "href")) || (tag == kMeta && meta_read_ && ieq(p, "name"));
      case 5: return ieq(p, "class") || ieq(p, "style");  // style: display:none hides a box
      case 6: return ieq(p, "hidden");
      case 7: return tag == kMeta && meta_read_ && ieq(p, "content");
      case 8:  // "encoding" makes <annotation-xml> an HTML integration point
        return ieq(p, "itemprop") || (tag == kHtml && ieq(p, "xml:lang")) || ieq(p, "encoding") ||
               (tag == kMeta && meta_read_ && ieq(p, "property"));
      case 11: return ieq(p, "aria-hidden");
      default: return false;
    }
  }

  /// Attributes parse.hpp reads only for some values (is_read_role…): their
  /// index in the unread_values_ bit set, or 0 for the others.
  unsigned valued_name(const AttrSpan& a) const {
    const char* p = s_ + a.at;
    switch (a.name_end - a.at) {
      case 4: return ieq(p, "role") ? 1 : 0;
      case 5: return ieq(p, "style") ? 2 : 0;
      case 8: return ieq(p, "itemprop") ? 3 : 0;
      case 11: return ieq(p, "aria-hidden") ? 4 : 0;
      default: return 0;
    }
  }

  /// The bit set of valued_name()s whose first attribute (the one the
  /// tokenizer keeps) has a value parse.hpp ignores: all of that name go.
  /// Values the tokenizer would rewrite (references, CR, NUL) count as read.
  unsigned unread_values(Tag tag) const {
    unsigned seen = 0, unread = 0;
    for (const AttrSpan& a : attrs_) {
      const unsigned k = valued_name(a);
      if (k == 0 || (seen & (1u << k))) continue;
      seen |= 1u << k;
      const std::string_view v(s_ + a.value_at, a.value_end - a.value_at);
      if (v.find_first_of(std::string_view("&\r\0", 3)) != std::string_view::npos) continue;
      const bool read = k == 1   ? is_read_role(v)
                        : k == 2 ? is_read_style(v)
                        : k == 3 ? is_read_itemprop(v) || tag == kMeta  // a <meta>'s key (meta_is_read)
                                 : is_read_aria_hidden(v);
      if (!read) unread |= 1u << k;
    }
    return unread;
  }

  /// Whether parse.hpp reads the <meta> whose attributes are in attrs_ (see
  /// read_head_element): its key is the first property, else name, else
  /// itemprop attribute that is not empty. A key the tokenizer would change
  /// (character references, CR, NUL, anything not ASCII) counts as read.
  bool meta_is_read() const {
    std::string_view found[3];  // property, name, itemprop: the first of each
    bool seen[3] = {false, false, false};
    for (const AttrSpan& a : attrs_) {
      const std::size_t len = a.name_end - a.at;
      const int k = len == 8 && ieq(s_ + a.at, "property") ? 0 : len == 4 && ieq(s_ + a.at, "name") ? 1
                    : len == 8 && ieq(s_ + a.at, "itemprop") ? 2 : -1;
      if (k < 0 || seen[k]) continue;
      seen[k] = true;
      found[k] = std::string_view(s_ + a.value_at, a.value_end - a.value_at);
    }
    const std::string_view key = !found[0].empty() ? found[0] : !found[1].empty() ? found[1] : found[2];
    std::string lowered(key);
    for (char& c : lowered) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u == '&' || u == '\r' || u == 0 || u >= 0x80) return true;
      c = lower(c);
    }
    return is_read_meta_key(lowered);
  }

  enum AttrUse { kDrop, kKeep, kNameOnly, kStash };

  /// Whether a kept attribute's value goes to the stash (see ValueStash).
  bool stashed(const AttrSpan& a) const {
    if (!stash_ || a.value_end - a.value_at <= ValueStash::token_size(stash_->attributes())) return false;
    const char* p = s_ + a.at;
    const std::size_t len = a.name_end - a.at;
    const bool named = len == 5 ? ieq(p, "class") : len == 2 ? ieq(p, "id") : len == 4 ? ieq(p, "href") : len == 7 && ieq(p, "content");
    return named && tokenizes_as_is(s_ + a.value_at, a.value_end - a.value_at);
  }

  /// What of an attribute parse.hpp reads. Of a link's address only whether
  /// it leads home (is_home_href), so an address that does not becomes a bare
  /// `href` (there is a link all the same). is_home_href reads an address up
  /// to its first '?' or '#', and only white space, '/', ':', '?' and '#'
  /// matter to it: when no '&' (a reference may decode to any of those), CR
  /// (Gumbo makes it a line feed) or NUL comes before, the bytes as they are
  /// give its answer, whatever Gumbo does to other bytes (U+FFFD for invalid
  /// ones). Other addresses stay as they are.
  AttrUse use_of(Tag tag, const AttrSpan& a) const {
    if (!read_attribute(tag, a.at, a.name_end - a.at)) return kDrop;
    if (unread_values_ != 0 && (unread_values_ & (1u << valued_name(a))) != 0) return kDrop;
    if (tag != kA || a.value_end == a.value_at || a.name_end - a.at != 4 || !ieq(s_ + a.at, "href")) return kKeep;
    const std::string_view href(s_ + a.value_at, a.value_end - a.value_at);
    if (!tokenizes_as_is(href.data(), href.size())) {  // most addresses are plain: 16 bytes a step
      for (const char c : href) {
        if (c == '?' || c == '#') break;
        if (c == '&' || c == '\r' || c == '\0') return kKeep;
      }
    }
    return is_home_href(href) ? kKeep : kNameOnly;
  }

  /// Rewrites the start tag at `lt` (already scanned into attrs_) with only
  /// what pith reads of its attributes (use_of). Attributes are three quarters
  /// of what is left of a page after the removals (data-*, srcset, tracking
  /// parameters in URLs…), and Gumbo decodes each byte of them as slowly as
  /// text.
  ///
  /// The tag tokenizes as before: its name and each kept attribute are
  /// copied byte for byte (so values decode alike and the first of two
  /// same-named attributes still wins), separated as they were up to the
  /// first attribute that changes and by one space after it, and it ends
  /// in ">" or, if it was self-closing, " />" (the space ends an unquoted
  /// value that "/" would otherwise join). A stashed value becomes its
  /// unquoted token (ValueStash), which parse_html swaps back.
  void slim_attributes(std::size_t lt, const TagToken& t) {
    if (keeps_all_attributes(t.tag)) return;
    meta_read_ = t.tag != kMeta || meta_is_read();
    unread_values_ = unread_values(t.tag);
    uses_.resize(attrs_.size());
    std::size_t first_change = attrs_.size();
    for (std::size_t k = 0; k < attrs_.size(); ++k) {
      AttrUse use = use_of(t.tag, attrs_[k]);
      if (use == kKeep && stashed(attrs_[k])) use = kStash;
      uses_[k] = static_cast<std::uint8_t>(use);
      if (use != kKeep && first_change == attrs_.size()) first_change = k;
    }
    if (first_change == attrs_.size()) return;
    emit_until(lt);
    // Up to the first change the tag is copied as it was.
    out_.append(s_ + lt, (first_change ? attrs_[first_change - 1].end : t.name + t.name_len) - lt);
    for (std::size_t k = first_change; k < attrs_.size(); ++k) {
      const AttrSpan& a = attrs_[k];
      const AttrUse use = static_cast<AttrUse>(uses_[k]);
      if (use == kStash) {
        out_.append(1, ' ').append(s_ + a.at, a.name_end - a.at).append(1, '=');
        const char quote = a.value_at > a.name_end && (s_[a.value_at - 1] == '"' || s_[a.value_at - 1] == '\'') ? s_[a.value_at - 1] : 0;
        stash_->put_attribute(out_, std::string_view(s_ + a.value_at, a.value_end - a.value_at), quote);
      } else if (use != kDrop) {
        out_.append(1, ' ').append(s_ + a.at, (use == kKeep ? a.end : a.name_end) - a.at);
      }
    }
    out_ += t.self_closing ? " />" : ">";
    emitted_ = t.end;
  }

  bool names_equal(std::size_t a, std::size_t b, std::size_t len) const {
    for (std::size_t k = 0; k < len; ++k)
      if (lower(s_[a + k]) != lower(s_[b + k])) return false;
    return true;
  }

  /// Text between tags: runs of white space shrink to one byte. pith folds
  /// white space anyway, and Gumbo spends as long on a blank as on a letter
  /// (indentation is a tenth of a page). A run that starts with a line break
  /// keeps one more byte (two for CR LF): the parser drops a line break right
  /// after <pre>, <listing> and <textarea>, and a blank must stay a blank.
  void shorten_space_runs(std::size_t from, std::size_t to) {
    for_each_kept_piece(from, to, [&](std::size_t kept_end, std::size_t run_end) {
      emit_until(kept_end);
      emitted_ = run_end;
    });
  }

  /// The white-space runs of [from, to) shorter_space_runs shortens: calls
  /// `cut(kept_end, run_end)` for each, in order, where [kept_end, run_end) goes.
  template <class Cut>
  void for_each_kept_piece(std::size_t from, std::size_t to, Cut&& cut) const {
    for (std::size_t k = from; k < to; ++k) {
      if (!is_space(s_[k]) || k + 1 >= to || !is_space(s_[k + 1])) continue;
      std::size_t end = k + 2;
      while (end < to && is_space(s_[end])) ++end;
      std::size_t keep = s_[k] == '\r' && s_[k + 1] == '\n' ? 3 : s_[k] == '\n' || s_[k] == '\r' ? 2 : 1;
      if (end - k > keep) cut(k + keep, end);
      k = end - 1;
    }
  }

  /// Text [from, to) between tags, to be kept: white space shortened
  /// (outside <pre>), and its non-blank part stashed when it can be (ValueStash).
  void on_text(std::size_t from, std::size_t to) {
    const bool shorten = pre_depth_ == 0 && to - from > 2;
    const std::size_t token = ValueStash::text_token_size(stash_text_ ? stash_->texts() : 0);
    if (stash_text_ && to - from > token) {
      std::size_t first = from, last = to;
      while (first < to && is_space(s_[first])) ++first;
      while (last > first && is_space(s_[last - 1])) --last;
      if (last - first > token && stash_->texts() < ValueStash::kMaxTexts &&
          copied_as_text(std::string_view(s_ + first, last - first))) {
        if (shorten) shorten_space_runs(from, first);
        emit_until(first);
        text_.clear();
        std::size_t at = first;
        if (shorten)
          for_each_kept_piece(first, last, [&](std::size_t kept_end, std::size_t run_end) {
            text_.append(s_ + at, kept_end - at);
            at = run_end;
          });
        text_.append(s_ + at, last - at);
        stash_->put_text(out_, text_);
        emitted_ = last;
        if (shorten) shorten_space_runs(last, to);
        return;
      }
    }
    if (shorten) shorten_space_runs(from, to);
  }

  // ---- tree-builder state ----

  /// Template contents start outside any <select>; the </template> returns to it.
  void open_template() {
    if (template_depth_ < 64) {
      const std::uint64_t bit = std::uint64_t{1} << template_depth_;
      select_outside_ = in_select_ ? select_outside_ | bit : select_outside_ & ~bit;
    }
    ++template_depth_;
    in_select_ = false;
  }
  void close_template() {
    --template_depth_;
    in_select_ = template_depth_ < 64 && ((select_outside_ >> template_depth_) & 1) != 0;
  }

  bool watching_text() const {
    return (mode_ == kNormal && !in_body_) || (mode_ == kInNoscript && noscript_in_head_ && template_depth_ == 0);
  }

  /// Non-whitespace text: in <head> it starts the body; in a <noscript> in
  /// <head> it closes the noscript and shows.
  void on_visible_text() {
    if (mode_ == kInNoscript) mode_ = kNormal;
    in_body_ = true;
  }

  /// What a start tag does to the tokenizer, wherever it is: skips raw text,
  /// RCDATA and foreign content. Returns where scanning resumes.
  std::size_t tokenize_start(const TagToken& t, bool& consumed) {
    consumed = true;
    if (in_select_) {
      if (t.tag == kSelect) {  // closes the open one, opens nothing
        in_select_ = false;
        consumed = false;
        return t.end;
      }
      // Table tags close it only in a table ("in select in table"), which
      // the scan does not track: unclear once a table has been seen.
      if (table_seen_ && (props_of(t.tag) & kTableish)) return give_up();
      if (t.tag == kInput || t.tag == kKeygen || t.tag == kTextarea)
        in_select_ = false;
      else if (t.tag != kScript) {  // the tree builder ignores the rest
        consumed = false;
        return t.end;
      }
    }
    switch (t.tag) {
      case kScript: return past_end_tag(script_end(t.end));
      case kStyle: case kXmp: case kIframe: case kNoembed: case kNoframes: case kTextarea: case kTitle:
        return past_end_tag(raw_text_end(t.end, kTagNames[t.tag]));
      case kPlaintext: return n_;
      case kSvg:
      case kMath: {
        if (t.self_closing) return t.end;
        std::size_t end = n_;
        ForeignEnd how = skip_foreign(t.end, t.tag, end);
        if (how == kUnsure) return give_up();
        return end;
      }
      case kSelect: in_select_ = true; break;
      case kTable: table_seen_ = true; break;
      default: break;
    }
    consumed = false;
    return t.end;
  }

  std::size_t on_lt(std::size_t lt) {
    if (lt + 2 >= n_ && (lt + 1 >= n_ || s_[lt + 1] == '/')) {  // "<" or "</" at the end: text
      started_ = true;
      if (watching_text()) on_visible_text();
      return n_;
    }
    const char c = s_[lt + 1];
    if (c == '!') {
      if (lt + 3 < n_ && s_[lt + 2] == '-' && s_[lt + 3] == '-') {
        std::size_t e = comment_end(lt);
        if (mode_ == kNormal) drop(lt, e);
        return e;
      }
      if (n_ - lt >= 9 && ieq(s_ + lt + 2, "doctype")) started_ = true;
      return past_gt(lt);  // DOCTYPE or bogus comment
    }
    if (c == '?') return past_gt(lt);
    if (c == '/') {
      if (s_[lt + 2] == '>') return lt + 3;
      if (!is_alpha(s_[lt + 2])) return past_gt(lt);
      TagToken t = scan_tag(lt, true);
      if (!t.complete) return n_;
      return on_end_tag(t);
    }
    if (is_alpha(c)) {
      TagToken t = scan_tag(lt, false, &attrs_);
      if (!t.complete) return n_;
      return on_start_tag(lt, t);
    }
    started_ = true;
    if (watching_text()) on_visible_text();  // a lone '<' is text
    return lt + 1;
  }

  std::size_t on_start_tag(std::size_t lt, const TagToken& t) {
    if (t.tag == kFrameset) return abandon();
    if (!started_) {
      // Before anything but comments, a DOCTYPE sets the document's mode
      // (quirks or not, which decides whether a <table> closes a <p>); after
      // anything it is ignored. Removing the first element would let a
      // DOCTYPE after it count: keep that one.
      started_ = keep_next_ = true;
      std::size_t next = on_normal_start_tag(lt, t);
      keep_next_ = false;
      return next;
    }
    if (mode_ != kNormal && template_depth_ > 0) {  // inside a template being removed
      if (t.tag == kP) p_seen_ = true;
      // Gumbo 0.10.1's </template> clears the formatting-element list only
      // back to the last marker: with a <td> or <caption> left open inside,
      // an <a> in the template is reopened after it, and the template's own
      // marker stays, stopping an <a> from before it being reopened.
      if (props_of(t.tag) & kMarker) {
        template_leaks_ = true;
        if (mode_ == kInNoscript) noscript_keep_ = true;  // it would leak out of the noscript too
      }
      if (t.tag == kTemplate) {
        open_template();
        return t.end;
      }
      bool consumed;
      return tokenize_start(t, consumed);
    }
    if (mode_ == kInNoscript) {
      if (noscript_allows(t)) {
        // pith reads <meta> and <html lang> anywhere in <head>: such a
        // noscript stays, though it is followed to its end all the same.
        if (t.tag == kMeta || t.tag == kHtml) noscript_keep_ = true;
        if (t.tag == kP) p_seen_ = true;
        if (t.tag == kTemplate) {
          open_template();
          return t.end;
        }
        bool consumed;
        std::size_t next = tokenize_start(t, consumed);
        if (!consumed && !noscript_in_head_ && !(props_of(t.tag) & kVoid)) {
          if (noscript_top_ == kMaxStack) {
            mode_ = kNormal;  // too deep to follow: keep the noscript
          } else {
            noscript_stack_[noscript_top_++] = {t.name, t.name_len};
          }
        }
        return next;
      }
      // Keep this noscript. The tag closes it, so keep that too.
      keep_next_ = noscript_in_head_;
      mode_ = kNormal;
    }
    std::size_t next = on_normal_start_tag(lt, t);
    keep_next_ = false;
    return next;
  }

  /// Whether a start tag inside a <noscript> being removed keeps the
  /// noscript's content inside it in the tree builder.
  bool noscript_allows(const TagToken& t) const {
    const std::uint16_t pr = props_of(t.tag);
    // "in head noscript": anything else closes the noscript and shows.
    if (noscript_in_head_)
      return t.tag == kLink || t.tag == kBasefont || t.tag == kBgsound || t.tag == kStyle || t.tag == kNoframes ||
             t.tag == kMeta || t.tag == kHtml || t.tag == kHead || t.tag == kNoscript;  // the last two are ignored
    if (in_select_ || (pr & kLeaksNoscript)) return false;
    // A <div> closes a <p> open outside the noscript, taking the noscript with it.
    if ((pr & kClosesP) && p_seen_) return false;
    return true;
  }

  std::size_t on_normal_start_tag(std::size_t lt, const TagToken& t) {
    if (t.tag == kP) p_seen_ = true;
    if (t.tag == kPre || t.tag == kListing) ++pre_depth_;
    if (t.tag == kTemplate) {
      mode_ = kInTemplate;
      strip_begin_ = lt;
      template_depth_ = 0;
      template_leaks_ = keep_next_;
      open_template();
      return t.end;
    }
    if (t.tag == kScript) {
      const std::size_t content_end = script_end(t.end), end = past_end_tag(content_end);
      if (!t.json_ld && !keep_next_) {
        drop(lt, end);
      } else if (const std::string_view content(s_ + t.end, content_end - t.end);
                 stash_text_ && content.size() > ValueStash::text_token_size(stash_->texts()) && stash_->texts() < ValueStash::kMaxTexts &&
                 content.find_first_not_of(" \t\n\f\r") != std::string_view::npos && copied_as_text(content, true)) {
        // JSON-LD: the script's one text node, which Gumbo reads a character at a time too (not
        // when blank: that is a white-space node, which parse.hpp does not read).
        emit_until(t.end);
        stash_->put_text(out_, content);
        emitted_ = content_end;
      }
      return end;
    }
    if (!in_select_) {
      if (t.tag == kNoscript) {
        if (head_done_) in_body_ = true;  // "after head": anything but head content starts the body
        mode_ = kInNoscript;
        strip_begin_ = lt;
        noscript_keep_ = keep_next_;
        noscript_in_head_ = !in_body_;
        noscript_top_ = 0;
        template_depth_ = 0;
        return t.end;
      }
      if (t.tag == kStyle) {
        std::size_t end = past_end_tag(raw_text_end(t.end, "style"));
        if (!keep_next_) drop(lt, end);
        return end;
      }
      if (t.tag == kSvg) {
        std::size_t end = t.end;
        ForeignEnd how = t.self_closing ? kClosed : skip_foreign(t.end, kSvg, end);
        if (how == kUnsure) return give_up();
        if (!keep_next_) drop(lt, end, true);
        in_body_ = true;
        return end;
      }
    }
    if (!(props_of(t.tag) & kHeadSet)) in_body_ = true;
    if (t.has_attributes) slim_attributes(lt, t);
    bool consumed;
    return tokenize_start(t, consumed);
  }

  std::size_t on_end_tag(const TagToken& t) {
    started_ = true;
    if (t.tag == kP) p_seen_ = true;  // a stray </p> creates a <p>
    if (mode_ != kNormal && template_depth_ > 0) {
      if (t.tag == kSelect) in_select_ = false;
      if (t.tag == kTemplate) {
        close_template();
        if (template_depth_ == 0 && mode_ == kInTemplate) {
          if (!template_leaks_) drop(strip_begin_, t.end);
          mode_ = kNormal;
        }
      }
      return t.end;
    }
    if (mode_ == kInNoscript) {
      if (noscript_in_head_ && t.tag != kNoscript && t.tag != kBr) return t.end;  // ignored there
      if (noscript_top_ == 0 && t.tag == kNoscript) {
        if (!noscript_keep_) drop(strip_begin_, t.end, !noscript_in_head_);
        mode_ = kNormal;
        return t.end;
      }
      if (!noscript_in_head_ && noscript_top_ > 0 && noscript_stack_[noscript_top_ - 1].len == t.name_len &&
          names_equal(noscript_stack_[noscript_top_ - 1].at, t.name, t.name_len)) {
        --noscript_top_;
        return t.end;
      }
      mode_ = kNormal;  // an end tag that may reach outside: keep the noscript
    }
    switch (t.tag) {
      case kPre: case kListing: pre_depth_ = std::max(0, pre_depth_ - 1); break;
      case kHead: head_done_ = true; break;
      case kBody: case kHtml: case kBr: in_body_ = true; break;
      case kSelect: in_select_ = false; break;
      default:
        if (in_select_ && table_seen_ && (props_of(t.tag) & kTableish)) return give_up();  // as in tokenize_start
        break;
    }
    return t.end;
  }
};

/// Flattens nesting deeper than kMaxDepth: a start tag that would open an
/// element below that depth is removed, and so is the end tag that matches
/// it; the text inside stays, in the deepest element kept.
///
/// Why: Gumbo's tree builder scans the stack of open elements for most
/// tags, so a page nested n deep costs O(n^2) (100 000 nested <div>s take
/// 13 s, 200 000 take 90 s). Browsers flatten too: Chromium's HTML parser
/// stops nesting at 512 (kMaximumHTMLParserDOMTreeDepth) and adds deeper
/// elements as siblings, so nothing a reader sees lives deeper than that.
///
/// The scan models the tree builder loosely: a stack of open element names,
/// where an end tag pops back to its match (closing what was left open
/// inside, as a generic end tag does) and is ignored without one. Elements
/// whose end tag may be left out (p, li, td, option …) and void elements are
/// not counted, so sloppy markup does not look deep; unclosed inline tags
/// (200 000 <b>s) do count, as they do in Gumbo. Below the cap the input is
/// returned unchanged, so ordinary pages never see this pass.
/// How many '<' in `s` are followed by an ASCII letter (where a start tag
/// may open), 16 bytes at a time: cap_nesting counts them on every page.
inline std::size_t count_start_tags(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const __m128i lt = _mm_set1_epi8('<'), case_bit = _mm_set1_epi8(0x20);
  const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
  std::size_t count = 0, i = 0;
  while (i + 17 <= n) {
    // Per-byte counters (a match is -1, subtracted) summed every 255 blocks,
    // before a counter can wrap; x86-64's baseline has no popcnt instruction.
    __m128i acc = _mm_setzero_si128();
    for (int blocks = 0; blocks < 255 && i + 17 <= n; ++blocks, i += 16) {
      const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i next = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1)), case_bit);
      // Signed compares: bytes from 0x80 are negative, never letters.
      const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(next, before_a), _mm_cmplt_epi8(next, after_z));
      acc = _mm_sub_epi8(acc, _mm_and_si128(_mm_cmpeq_epi8(here, lt), letter));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
  for (; i + 1 < n; ++i) count += p[i] == '<' && is_alpha(static_cast<char>(p[i + 1]));
  return count;
}

class DepthCap {
 public:
  /// Deeper than this, the parser's cost grows faster than the page does,
  /// and no browser shows the difference (Chromium flattens at 512).
  static constexpr std::size_t kMaxDepth = 512;
  /// Pages with fewer tags than this cannot be that deep: skip the scan.
  static constexpr std::size_t kMinTagsToScan = kMaxDepth;

  DepthCap(const char* s, std::size_t n) : s_(s), n_(n) {}

  /// Whether anything was removed; the result is then in `out`.
  /// `start_tags` is count_start_tags of the input.
  bool run(std::string& out, std::size_t start_tags) {
    std::size_t i = 0, seen = 0;  // seen: the '<' + letter the scan has reached
    while (i < n_) {
      // Each pushed element opens at a '<' + letter of its own, so no more
      // than those still ahead can be pushed: once they cannot fill the stack
      // to the cap, and nothing was cut (a flattened element's end tag is cut
      // too), the rest of the page changes nothing. On an ordinary page that
      // skips its last ~500 start tags, more than half of the scan.
      if (cuts_.empty() && stack_.size() + (start_tags - seen) < kMaxDepth) return false;
      const char* p = static_cast<const char*>(std::memchr(s_ + i, '<', n_ - i));
      if (!p) break;
      const std::size_t lt = static_cast<std::size_t>(p - s_);
      seen += lt + 1 < n_ && is_alpha(s_[lt + 1]);
      i = on_lt(lt);
    }
    if (cuts_.empty()) return false;
    out.clear();
    out.reserve(n_);
    std::size_t at = 0;
    for (auto [from, to] : cuts_) {
      out.append(s_ + at, from - at);
      at = to;
    }
    out.append(s_ + at, n_ - at);
    return true;
  }

 private:
  struct Open {
    std::uint64_t name;  // hash of the lower-cased tag name
  };

  static std::uint64_t name_hash(const char* p, std::size_t len) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the lower-cased name
    for (std::size_t k = 0; k < len; ++k) h = (h ^ static_cast<unsigned char>(lower(p[k]))) * 1099511628211ull;
    return h;
  }

  /// Elements the tree builder closes on its own (or that never close):
  /// counting them would make long flat lists look deep.
  static bool uncounted(Tag t) {
    if (props_of(t) & kVoid) return true;
    switch (t) {
      case kP: case kLi: case kDd: case kDt: case kOption: case kOptgroup: case kTr: case kTd: case kTh: case kTbody:
      case kThead: case kTfoot: case kCaption: case kColgroup: case kRb: case kRp: case kRt: case kRtc: case kHtml:
      case kHead: case kBody: case kFrame: case kFrameset:
        return true;
      default:
        return false;
    }
  }

  std::size_t on_lt(std::size_t lt) {
    if (lt + 1 >= n_) return n_;
    const char c = s_[lt + 1];
    if (c == '!') {
      if (lt + 3 < n_ && s_[lt + 2] == '-' && s_[lt + 3] == '-') {  // a comment
        const std::size_t e = std::string_view(s_, n_).find("-->", lt + 4);
        return e == std::string_view::npos ? n_ : e + 3;
      }
      return past(lt, '>');
    }
    if (c == '?') return past(lt, '>');
    const bool end = c == '/';
    const std::size_t name = lt + (end ? 2 : 1);
    if (name >= n_ || !is_alpha(s_[name])) return lt + 1;
    std::size_t j = name;
    while (j < n_ && !is_space(s_[j]) && s_[j] != '/' && s_[j] != '>') ++j;
    const std::size_t name_len = j - name;
    bool self_closing = false;
    const std::size_t after = tag_end(j, self_closing);
    if (after > n_) return n_;  // truncated tag: the tokenizer drops it
    const Tag tag = classify(s_ + name, name_len);
    if (!end) {
      switch (tag) {  // raw text: nothing inside is a tag
        case kScript: case kStyle: case kXmp: case kIframe: case kNoembed: case kNoframes: case kTextarea: case kTitle:
          return raw_text_end(after, kTagNames[tag]);
        case kPlaintext: return n_;
        default: break;
      }
      if (uncounted(tag) || self_closing) return after;
      const std::uint64_t h = name_hash(s_ + name, name_len);
      if (stack_.size() < kMaxDepth) {
        stack_.push_back({h});
      } else {
        cuts_.push_back({lt, after});
        ++dropped_[h];
      }
      return after;
    }
    if (uncounted(tag)) return after;
    const std::uint64_t h = name_hash(s_ + name, name_len);
    auto d = dropped_.empty() ? dropped_.end() : dropped_.find(h);
    if (d != dropped_.end() && d->second > 0) {  // closes a flattened element: goes with it
      --d->second;
      cuts_.push_back({lt, after});
      return after;
    }
    for (std::size_t k = stack_.size(); k-- > 0;)
      if (stack_[k].name == h) {
        stack_.resize(k);
        break;
      }
    return after;
  }

  std::size_t past(std::size_t j, char ch) const {
    const void* p = std::memchr(s_ + j, ch, n_ - j);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s_) + 1 : n_;
  }

  /// Just past the '>' of a tag whose name ends at `j`, quoted attribute
  /// values skipped; n_ + 1 when the input ends first.
  std::size_t tag_end(std::size_t j, bool& self_closing) const {
    while (j < n_) {
      const char c = s_[j];
      if (c == '>') {
        self_closing = s_[j - 1] == '/';
        return j + 1;
      }
      if ((c == '"' || c == '\'') && opens_quote(j)) {  // skip the quoted value at once
        const void* q = std::memchr(s_ + j + 1, c, n_ - j - 1);
        if (!q) return n_ + 1;
        j = static_cast<std::size_t>(static_cast<const char*>(q) - s_) + 1;
        continue;
      }
      ++j;
    }
    return n_ + 1;
  }

  /// Whether the quote at `j` starts a quoted value: right after '=', or
  /// after '=' and spaces (`= "v"`).
  bool opens_quote(std::size_t j) const {
    if (s_[j - 1] == '=') return true;
    if (!is_space(s_[j - 1])) return false;
    std::size_t k = j - 1;
    while (k > 0 && is_space(s_[k])) --k;
    return s_[k] == '=';
  }

  /// Just past `</name` … `>` closing raw text that starts at `j`.
  std::size_t raw_text_end(std::size_t j, std::string_view name) const {
    for (;;) {
      const char* p = static_cast<const char*>(std::memchr(s_ + j, '<', n_ - j));
      if (!p) return n_;
      j = static_cast<std::size_t>(p - s_);
      if (j + 2 + name.size() <= n_ && s_[j + 1] == '/' && ieq(s_ + j + 2, name) &&
          (j + 2 + name.size() == n_ || is_space(s_[j + 2 + name.size()]) || s_[j + 2 + name.size()] == '/' ||
           s_[j + 2 + name.size()] == '>'))
        return past(j, '>');
      ++j;
    }
  }

  const char* s_;
  std::size_t n_;
  std::vector<Open> stack_;
  std::unordered_map<std::uint64_t, std::size_t> dropped_;
  std::vector<std::pair<std::size_t, std::size_t>> cuts_;  // input ranges to remove, in order
};

}  // namespace prefilter
}  // namespace detail

/// Returns `html` without the elements and comments a reader never sees
/// (see the top of this file). UTF-8 in, UTF-8 out; any bytes are safe.
inline std::string strip_invisible(std::string_view html) {
  return detail::prefilter::Stripper(html.data(), html.size()).run();
}

/// strip_invisible, with text and long attribute values moved to `stash`
/// (see ValueStash): parse_html(result, false, &stash) reads it as it reads
/// strip_invisible(html), in half of Gumbo's time. The stash holds copies:
/// `html` need not outlive the call.
inline std::string strip_invisible(std::string_view html, ValueStash& stash) {
  stash.clear();
  return detail::prefilter::Stripper(html.data(), html.size(), &stash).run();
}

/// Returns `html` with nesting deeper than 512 elements flattened (see
/// detail::prefilter::DepthCap): what Chromium shows, parsed in linear time.
/// Pages that are not that deep come back unchanged.
inline std::string cap_nesting(std::string html) {
  using detail::prefilter::DepthCap;
  const std::size_t start_tags = detail::prefilter::count_start_tags(html);
  if (start_tags < DepthCap::kMinTagsToScan) return html;
  std::string out;
  return DepthCap(html.data(), html.size()).run(out, start_tags) ? out : html;
}

/// cap_nesting of strip_invisible(html, stash)'s output: the tokens keep their
/// places unless flattening cuts tags, when the values go back in first.
inline std::string cap_nesting(std::string html, ValueStash& stash) {
  if (stash.empty()) return cap_nesting(std::move(html));
  using detail::prefilter::DepthCap;
  const std::size_t start_tags = detail::prefilter::count_start_tags(html);
  if (start_tags < DepthCap::kMinTagsToScan) return html;
  std::string out;
  if (!DepthCap(html.data(), html.size()).run(out, start_tags)) return html;
  out = stash.restore(html);
  stash.clear();
  return cap_nesting(std::move(out));
}

}  // namespace pith
