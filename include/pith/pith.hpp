// pith/pith.hpp — strip boilerplate from web pages and scraped text.
//
// The one header to include. pith takes a page — HTML bytes in any charset,
// or plain text scraped from a page, one block per line — and returns its
// article body, one paragraph per line, with every block's decision and the
// reasons behind it.
//
//   #include <pith/pith.hpp>
//
//   pith::Result r = pith::clean(bytes);            // sniffs HTML or text
//   if (!r.ok()) std::cerr << r.error << '\n';
//   std::cout << r.text;                            // the article body
//   std::cout << pith::render(r, pith::Format::Json);
//
// The pipeline, one header per stage:
//   decode.hpp      bytes → UTF-8 (BOM, hint, <meta>, detection)
//   split.hpp       text mode: lines → blocks
//   parse.hpp       HTML mode: Gumbo DOM → blocks (+ dom_priors.hpp)
//   features.hpp    per-block numbers (+ lexicon.hpp: stop words, UI phrases)
//   classify.hpp    context-free class per block
//   region.hpp      HTML mode: the main-content subtree
//   jsonld.hpp      HTML mode: schema.org metadata and articleBody evidence
//   pagetype.hpp    HTML mode: article, forum, product, documentation, service, listing, collection
//   postprocess.hpp context: neighbours, headline runs, duplicates
//   text_model.hpp  text mode: a learned model revisits the rules' line labels
//   render.hpp      text, Markdown, JSON, explain
#pragma once

#include <string>
#include <string_view>

#include "pith/classify.hpp"
#include "pith/decode.hpp"
#include "pith/features.hpp"
#include "pith/jsonld.hpp"
#include "pith/pagetype.hpp"
#include "pith/parse.hpp"
#include "pith/postprocess.hpp"
#include "pith/prefilter.hpp"
#include "pith/region.hpp"
#include "pith/render.hpp"
#include "pith/split.hpp"
#include "pith/text_model.hpp"
#include "pith/typed.hpp"
#include "pith/types.hpp"

#define PITH_VERSION "0.1.0"

namespace pith {

namespace rules {

/// A page with fewer visible characters than this (a sentence or two) is drawn by scripts;
/// its <noscript> content is read instead when that holds more.
inline constexpr std::size_t kNoscriptFallbackChars = 200;

}  // namespace rules

namespace detail {

inline std::size_t visible_chars(const HtmlDoc& doc) {
  std::size_t n = 0;
  for (const Block& b : doc.blocks) n += b.text.size();
  return n;
}

inline Result refused(std::string why, InputMode mode) {
  Result r;
  r.mode = mode;
  r.error = std::move(why);
  return r;
}

/// Drops blocks that repeat the page title (it is metadata, not body) unless
/// the caller asked for it, in which case the title becomes the first line.
inline void handle_title(Result& r, const Options& opt) {
  if (r.metadata.title.empty()) return;
  std::string title_key = dedup_key(r.metadata.title);
  for (Block& b : r.blocks) {
    if (b.label != Label::Keep || b.heading_level == 0 && b.features.words > 30) continue;
    if (dedup_key(b.text) == title_key) {
      b.label = Label::Drop;
      b.reasons.emplace_back("page title");
    }
  }
  if (opt.include_title) r.text = r.metadata.title + "\n";
}

inline void finish(Result& r, const Options& opt) {
  if (r.mode == InputMode::Html) handle_title(r, opt);
  if (r.text.empty()) r.text = render_text(r.blocks);  // moved in, not copied
  else r.text += render_text(r.blocks);
}

}  // namespace detail

/// Guesses whether bytes are HTML: markup near the start, or enough tags overall.
inline bool looks_like_html(std::string_view s) {
  std::size_t i = 0;
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  std::string head;
  for (std::size_t k = i; k < s.size() && head.size() < 512; ++k) head.push_back(static_cast<char>(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]));
  for (const char* m : {"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<div", "<p>", "<p ", "<table", "<article", "<section", "<span", "<a "})
    if (head.rfind(m, 0) == 0) return true;
  // Otherwise: count tag-like sequences in the first 64 KiB; scraped text has
  // a few stray '<', markup has one every line or two.
  std::size_t tags = 0, lines = 1;
  std::size_t end = std::min<std::size_t>(s.size(), 65536);
  for (std::size_t k = i; k + 1 < end; ++k) {
    if (s[k] == '\n') ++lines;
    if (s[k] == '<' && (((s[k + 1] | 32) >= 'a' && (s[k + 1] | 32) <= 'z') || s[k + 1] == '/' || s[k + 1] == '!')) ++tags;
  }
  return tags >= 3 && tags * 2 >= lines;
}

/// Cleans text scraped from a page: one block per line, chrome included.
inline Result clean_text(std::string_view bytes, const Options& opt = {}) {
  detail::SegmentScope segment_once;  // the stages share ICU's word breaks of this document
  if (bytes.size() > opt.max_bytes) return detail::refused("input too large: " + std::to_string(bytes.size()) + " bytes (limit " + std::to_string(opt.max_bytes) + ")", InputMode::Text);
  Decoded d = decode(bytes, opt.charset, false);
  if (!d.error.empty()) return detail::refused(d.error, InputMode::Text);
  Result r;
  r.mode = InputMode::Text;
  r.metadata.charset = d.charset;
  r.metadata.url = opt.url;
  r.blocks = split_lines(d.text);
  DocContext ctx = detail::context_and_features(r.blocks, opt.language);  // make_context + compute_features
  ctx.reasons = opt.reasons;
  r.metadata.language = std::string(lexicon::lang_tag(ctx.lang));
  classify(r.blocks, ctx);
  postprocess(r.blocks, ctx);
  if (opt.text_model) text_model::apply(r.blocks, ctx);
  detail::finish(r, opt);
  return r;
}

/// Cleans an HTML page.
inline Result clean_html(std::string_view bytes, const Options& opt = {}) {
  detail::SegmentScope segment_once;  // the stages share ICU's word breaks of this document
  if (bytes.size() > opt.max_bytes) return detail::refused("input too large: " + std::to_string(bytes.size()) + " bytes (limit " + std::to_string(opt.max_bytes) + ")", InputMode::Html);
  Decoded d = decode(bytes, opt.charset, true);
  if (!d.error.empty()) return detail::refused(d.error, InputMode::Html);
  ValueStash stash;  // text and class names, which Gumbo need not decode (prefilter.hpp)
  HtmlDoc doc = parse_html(cap_nesting(strip_invisible(d.text, stash), stash), false, &stash);
  if (detail::visible_chars(doc) < rules::kNoscriptFallbackChars) {
    // Next to no visible text: a page drawn by scripts. Its <noscript> crawler view, if any, is the page.
    HtmlDoc alt = parse_html(cap_nesting(d.text), /*walk_noscript=*/true);
    if (detail::visible_chars(alt) > detail::visible_chars(doc)) doc = std::move(alt);
  }
  Result r;
  r.mode = InputMode::Html;
  r.metadata = std::move(doc.meta);
  r.metadata.charset = d.charset;
  if (r.metadata.url.empty()) r.metadata.url = opt.url;
  r.blocks = std::move(doc.blocks);
  DocContext ctx = detail::context_and_features(r.blocks, opt.language, r.metadata.language);  // make_context + compute_features
  ctx.html = true;
  if (ctx.lang != lexicon::kUnknown) r.metadata.language = std::string(lexicon::lang_tag(ctx.lang));
  classify(r.blocks, ctx);
  clear_misnamed_wrappers(r.blocks, doc.nodes, ctx);
  JsonLd ld = read_json_ld(doc.json_ld);
  r.page = detect_page_type(r.blocks, doc.nodes, ld, r.metadata.page_type, opt.url);  // the caller's URL, not og:url
  if (!opt.page_type.empty()) set_page_type(r.page, opt.page_type);
  drop_teaser_cards(r.blocks, doc.nodes);
  drop_signup_boxes(r.blocks, doc.nodes);
  Region region = find_region(r.blocks, doc.nodes);
  mark_region(r.blocks, region);
  restore_headed_cards(r.blocks, region, ctx);
  apply_region(r.blocks, region);
  apply_json_ld(r.blocks, ld);
  if (r.metadata.author.empty()) r.metadata.author = ld.author;
  if (r.metadata.date.empty()) r.metadata.date = ld.date_published;
  if (r.metadata.title.empty()) r.metadata.title = ld.headline;
  if (r.metadata.description.empty()) r.metadata.description = ld.description;
  if (!ld.type.empty()) r.metadata.page_type = ld.type;
  postprocess(r.blocks, ctx);
  apply_page_type(r.blocks, doc.nodes, region, r.page);
  drop_post_counters(r.blocks, doc.nodes, r.page);
  drop_product_repeats(r.blocks, r.page);
  drop_purchase_widgets(r.blocks, r.page);
  add_product_description(r.blocks, ld, r.page);
  detail::finish(r, opt);
  return r;
}

/// Cleans bytes of either kind: `opt.input` decides, or sniffing when Auto.
inline Result clean(std::string_view bytes, const Options& opt = {}) {
  InputMode m = opt.input;
  if (m == InputMode::Auto) {
    // UTF-16/32 pages hide their markup behind NUL bytes: sniff a decoded prefix.
    std::string_view head = bytes.substr(0, 4096);
    if (head.find('\0') != std::string_view::npos) {
      Decoded d = decode(head, opt.charset, false);
      m = d.error.empty() && looks_like_html(d.text) ? InputMode::Html : InputMode::Text;
    } else {
      m = looks_like_html(bytes) ? InputMode::Html : InputMode::Text;
    }
  }
  return m == InputMode::Html ? clean_html(bytes, opt) : clean_text(bytes, opt);
}

}  // namespace pith
