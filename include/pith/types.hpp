// pith/types.hpp — the data that flows through pith's pipeline.
//
// pith turns a page (HTML bytes or scraped text) into its article body in
// stages: decode → parse/split → blocks → features → classify → post-process
// → render. Each stage reads and fills the types declared here, so each stage
// can be tested on its own: build a `Block` by hand, run `features::compute`,
// check the numbers.
//
//   pith::Options opt;                 // defaults suit news articles
//   pith::Result r = pith::clean_text(text, opt);
//   for (const pith::Block& b : r.blocks) std::cout << b.label << ' ' << b.text;
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pith {

/// What kind of input a document is. `Auto` sniffs the bytes.
enum class InputMode { Auto, Html, Text };

/// The output renderings the CLI and `render` offer.
enum class Format { Text, Markdown, Json, Explain };

/// A block's final decision.
enum class Label : std::uint8_t { Drop = 0, Keep = 1 };

/// The classifier's first, context-free verdict on a block (jusText's four
/// classes): `Good` body text, `NearGood` probably body, `Short` too short to
/// judge alone (its neighbours decide), `Bad` boilerplate.
enum class Quality : std::uint8_t { Bad = 0, Short = 1, NearGood = 2, Good = 3 };

/// What kind of page an HTML document is (pagetype.hpp decides it). The
/// main content of each kind looks different: an article is prose, a forum
/// thread is every post, a listing is its repeated cards.
enum class PageType : std::uint8_t { Article = 0, Forum, Product, Documentation, Service, Listing, Collection };

inline const char* to_string(PageType t) {
  switch (t) {
    case PageType::Article: return "article";
    case PageType::Forum: return "forum";
    case PageType::Product: return "product";
    case PageType::Documentation: return "documentation";
    case PageType::Service: return "service";
    case PageType::Listing: return "listing";
    case PageType::Collection: return "collection";
  }
  return "article";
}

/// The numbers the page type is decided from, kept for the explain view and JSON.
struct PageSignals {
  std::string og_type;                 // <meta property="og:type">, lower-cased
  std::vector<std::string> ld_types;   // every JSON-LD @type
  double content_chars = 0;            // characters outside <nav>/<aside>/<footer> and ARIA chrome
  double prose_share = 0;              // share of them in Good (prose) blocks
  double link_share = 0;               // share of them inside links
  double code_share = 0;               // share of them in <pre>/<code> blocks
  int code_blocks = 0;                 // <pre> blocks of a line or more
  double table_share = 0;              // share of them in table rows
  int group_items = 0;                 // items of the largest list of alike siblings (cards, posts)
  double group_share = 0;              // its share of the content characters
  double group_item_chars = 0;         // its mean characters per item
  double group_titled = 0;             // share of its items that open with a title (heading or link)
  double group_prose = 0;              // share of its characters in prose blocks
  std::uint64_t group_key = 0;         // its list: parent node id << 32 | the items' class signature (typed.hpp)
  double post_share = 0;               // share of the content in repeated boxes named post/message/comment
  int prices = 0;                      // price-like tokens ($12.99, 12,99 €) in the content
};

/// The page type and why.
struct PageTypeInfo {
  PageType type = PageType::Article;
  std::string evidence;                // one line: the signals that decided
  PageSignals signals;
};

/// Caller's knobs. The defaults are what the CLI uses.
struct Options {
  InputMode input = InputMode::Auto;
  /// A transport-level charset hint (HTTP header, crawler metadata); empty = none.
  std::string charset;
  /// Documents larger than this are refused with an error instead of processed.
  std::size_t max_bytes = std::size_t{64} << 20;
  /// HTML mode: put the page title as the first line of the body.
  bool include_title = false;
  /// Language hint (BCP 47 like "de" or "pt-BR"); empty = detect.
  std::string language;
  /// Page URL when known; used for metadata and page-type hints only.
  std::string url;
  /// Text mode: let the learned line model (text_model.hpp) revisit the rules' labels.
  bool text_model = true;
  /// Text mode: fill every Block's `reasons` (what --explain and JSON show). A caller
  /// that only wants the text (or the labels) sets false and gets them empty: the
  /// strings cost more than the decisions themselves.
  bool reasons = true;
  /// HTML mode: the page type when the caller knows it ("forum", "product", … as to_string(PageType)
  /// spells them); empty = detect it from the page.
  std::string page_type;
};

/// The numbers a block is judged by. Filled by the features stage; plain data
/// so the explain view and JSON can show them and tests can construct them.
struct Features {
  std::size_t chars = 0;            // Unicode code points of the trimmed text
  std::size_t words = 0;            // words (ICU word breaking outside ASCII)
  double mean_word_len = 0;         // code points per word
  double stopword_density = 0;      // stop words / words, in the document's language
  double capitalised_ratio = 0;     // words starting upper-case / words (headline case)
  double digit_ratio = 0;           // digits / chars
  double symbol_ratio = 0;          // punctuation+symbols / chars
  int separators = 0;               // count of | • » · / style separators between words
  bool terminal_punct = false;      // ends a sentence (. ! ? … 。 ؟ and closing quotes)
  bool starts_list_marker = false;  // "- ", "* ", "• ", "1. " at the start
  bool has_date = false;            // a year (1900–2099) or a clock time (09:41) appears
  bool chrome_lead = false;         // opens with a UI label: "Read more: …", "Photo: …", "By Jane Doe"
  double chrome_lexicon = 0;        // share of the words covered by UI phrases
  int chrome_category = -1;         // which UI phrase family matched best (-1 none)
  double link_density = 0;          // HTML: chars inside <a> / chars
  double position = 0;              // block index / block count, 0 = top
  double dom_prior = 0;             // HTML: + content containers, − nav/footer/aside…
  double region_score = 0;          // HTML: 1 when inside the main-content region
};

/// One unit of text: a line in text mode, a block-level element in HTML mode.
struct Block {
  std::string text;                 // trimmed, white space folded, UTF-8
  std::string tag;                  // "line" in text mode; "p", "li", "h2"… in HTML
  int heading_level = 0;            // 1–6 for h1–h6, 0 otherwise
  std::size_t link_chars = 0;       // code points inside <a>
  bool in_list = false, in_table = false, in_blockquote = false, in_pre = false;
  bool in_figure = false;           // HTML: inside <figure>/<figcaption> (captions and credits)
  bool starts_with_link = false;    // HTML: its first text is inside a link (a teaser's title)
  bool in_teaser = false;           // HTML: inside one card of a list of teasers (region.hpp)
  bool in_signup = false;           // HTML: inside a sign-up or call-to-action box: a pitch, not content (region.hpp)
  bool headed_card = false;         // HTML: …whose title is an unlinked heading (region.hpp)
  std::string dom_path;             // e.g. "body>div#main.story>p" (HTML mode)
  std::vector<std::string> ancestor_tokens;  // lower-cased class/id tokens of ancestors
  int container = -1;               // HTML: DOM node id of the block-level element it came from
  int chrome_box = -1;              // HTML: nearest ancestor surely boilerplate (nav, footer, "comments"…), -1 none
  int weak_box = -1;                // HTML: nearest ancestor named like boilerplate at all ("widget", "meta"…), -1 none
  std::size_t source_line = 0;      // text mode: 0-based line number in the input

  Features features;
  double score = 0;                 // classifier's score; > 0 leans keep
  Quality quality = Quality::Bad;   // context-free class (classify stage)
  Quality revised = Quality::Bad;   // class after context and post-processing
  Label label = Label::Drop;
  std::vector<std::string> reasons; // human-readable, for --explain and JSON
};

/// Metadata found on the page (HTML mode) or guessed (text mode).
struct Metadata {
  std::string title;
  std::string author;
  std::string date;
  std::string language;
  std::string site_name;
  std::string description;
  std::string url;
  std::string page_type;            // article, forum, documentation, product, …
  std::string charset;              // the charset the bytes were decoded from
};

/// What pith returns: the kept text plus everything needed to see why.
struct Result {
  std::string text;                 // article body, one paragraph per line
  std::vector<Block> blocks;        // every block, kept or dropped, in order
  Metadata metadata;
  InputMode mode = InputMode::Text; // the mode actually used
  PageTypeInfo page;                // HTML mode: the page type and its evidence
  std::string error;                // empty on success; a clear message otherwise
  bool ok() const { return error.empty(); }
};

}  // namespace pith
