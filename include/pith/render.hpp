// pith/render.hpp — the render stage: a Result as text, Markdown, JSON or an explain view.
//
//   std::cout << pith::render(result, pith::Format::Markdown);
//
// Text is the kept blocks, one per line. Markdown marks headings, list items,
// quotes and code. JSON carries the text, the metadata and every block's
// decision with its features. Explain prints every block, kept or not, with
// its label, score, classes and the reasons behind them: the view to read
// when pith gets a page wrong.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "pith/types.hpp"

namespace pith {

inline const char* to_string(Quality q) {
  switch (q) {
    case Quality::Bad: return "bad";
    case Quality::Short: return "short";
    case Quality::NearGood: return "near-good";
    case Quality::Good: return "good";
  }
  return "?";
}

inline const char* to_string(InputMode m) {
  switch (m) {
    case InputMode::Auto: return "auto";
    case InputMode::Html: return "html";
    case InputMode::Text: return "text";
  }
  return "?";
}

/// The kept blocks, one per line (what `Result::text` holds).
inline std::string render_text(const std::vector<Block>& blocks) {
  std::size_t size = 0;  // sized first: one allocation, not one per doubling
  for (const Block& b : blocks)
    if (b.label == Label::Keep) size += b.text.size() + 1;
  std::string out;
  out.reserve(size);
  for (const Block& b : blocks) {
    if (b.label != Label::Keep) continue;
    out += b.text;
    out.push_back('\n');
  }
  return out;
}

inline std::string render_markdown(const Result& r) {
  std::string out;
  if (!r.metadata.title.empty()) out += "# " + r.metadata.title + "\n\n";
  bool in_code = false;
  for (const Block& b : r.blocks) {
    if (b.label != Label::Keep) continue;
    if (b.in_pre != in_code) {
      out += "```\n";
      in_code = b.in_pre;
    }
    if (in_code) {
      out += b.text + "\n";
      continue;
    }
    if (b.heading_level > 0) out += std::string(static_cast<std::size_t>(std::min(b.heading_level + 1, 6)), '#') + " ";
    else if (b.in_list || b.features.starts_list_marker) out += b.features.starts_list_marker ? "" : "- ";
    else if (b.in_blockquote) out += "> ";
    out += b.text;
    out += "\n\n";
  }
  if (in_code) out += "```\n";
  return out;
}

inline nlohmann::json features_json(const Features& f) {
  return {{"chars", f.chars},
          {"words", f.words},
          {"mean_word_len", f.mean_word_len},
          {"stopword_density", f.stopword_density},
          {"capitalised_ratio", f.capitalised_ratio},
          {"digit_ratio", f.digit_ratio},
          {"symbol_ratio", f.symbol_ratio},
          {"separators", f.separators},
          {"terminal_punct", f.terminal_punct},
          {"starts_list_marker", f.starts_list_marker},
          {"has_date", f.has_date},
          {"chrome_lead", f.chrome_lead},
          {"chrome_lexicon", f.chrome_lexicon},
          {"chrome_category", f.chrome_category},
          {"link_density", f.link_density},
          {"position", f.position},
          {"dom_prior", f.dom_prior},
          {"region_score", f.region_score}};
}

inline std::string render_json(const Result& r) {
  using nlohmann::json;
  json blocks = json::array();
  for (const Block& b : r.blocks) {
    json jb = {{"text", b.text},
               {"tag", b.tag},
               {"label", b.label == Label::Keep ? "keep" : "drop"},
               {"score", b.score},
               {"quality", to_string(b.quality)},
               {"revised", to_string(b.revised)},
               {"reasons", b.reasons},
               {"features", features_json(b.features)}};
    if (b.heading_level) jb["heading_level"] = b.heading_level;
    if (!b.dom_path.empty()) jb["dom_path"] = b.dom_path;
    if (r.mode == InputMode::Text) jb["source_line"] = b.source_line;
    blocks.push_back(std::move(jb));
  }
  const Metadata& m = r.metadata;
  json out = {{"text", r.text},
              {"mode", to_string(r.mode)},
              {"metadata",
               {{"title", m.title},
                {"author", m.author},
                {"date", m.date},
                {"language", m.language},
                {"site_name", m.site_name},
                {"description", m.description},
                {"url", m.url},
                {"page_type", m.page_type},
                {"charset", m.charset}}},
              {"blocks", std::move(blocks)}};
  if (r.mode == InputMode::Html) {
    const PageSignals& ps = r.page.signals;
    out["page"] = {{"type", to_string(r.page.type)},
                   {"evidence", r.page.evidence},
                   {"signals",
                    {{"og_type", ps.og_type},
                     {"ld_types", ps.ld_types},
                     {"content_chars", ps.content_chars},
                     {"prose_share", ps.prose_share},
                     {"link_share", ps.link_share},
                     {"code_share", ps.code_share},
                     {"code_blocks", ps.code_blocks},
                     {"table_share", ps.table_share},
                     {"group_items", ps.group_items},
                     {"group_share", ps.group_share},
                     {"group_item_chars", ps.group_item_chars},
                     {"group_titled", ps.group_titled},
                     {"group_prose", ps.group_prose},
                     {"post_share", ps.post_share},
                     {"prices", ps.prices}}}};
  }
  if (!r.ok()) out["error"] = r.error;
  // Replace, not throw, should a string ever hold invalid UTF-8.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

inline std::string render_explain(const Result& r) {
  std::string out;
  if (r.mode == InputMode::Html) {
    const PageSignals& ps = r.page.signals;
    char line[320];
    std::snprintf(line, sizeof line,
                  "page type: %s (%s)\n      prose=%.2f link=%.2f code=%.2f/%d table=%.2f group=%d items %.2f of text %.0f chars/item titled=%.2f posts=%.2f prices=%d\n",
                  to_string(r.page.type), r.page.evidence.c_str(), ps.prose_share, ps.link_share, ps.code_share, ps.code_blocks, ps.table_share,
                  ps.group_items, ps.group_share, ps.group_item_chars, ps.group_titled, ps.post_share, ps.prices);
    out += line;
  }
  char head[96];
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const Block& b = r.blocks[i];
    std::snprintf(head, sizeof head, "%4zu %s %+6.2f %-9s %-9s %-5s ", i, b.label == Label::Keep ? "KEEP" : "drop", b.score,
                  to_string(b.quality), to_string(b.revised), b.tag.c_str());
    out += head;
    if (b.text.size() > 100) {
      std::size_t cut = 97;  // on a character boundary, never inside a UTF-8 sequence
      while (cut > 0 && (static_cast<unsigned char>(b.text[cut]) & 0xC0) == 0x80) --cut;
      out += b.text.substr(0, cut) + "...";
    } else {
      out += b.text;
    }
    out += "\n      why: ";
    for (std::size_t k = 0; k < b.reasons.size(); ++k) out += (k ? "; " : "") + b.reasons[k];
    char feats[200];
    const Features& f = b.features;
    std::snprintf(feats, sizeof feats, "\n      chars=%zu words=%zu stop=%.2f caps=%.2f link=%.2f chrome=%.2f sep=%d end=%d dom=%+.1f\n",
                  f.chars, f.words, f.stopword_density, f.capitalised_ratio, f.link_density, f.chrome_lexicon, f.separators,
                  f.terminal_punct ? 1 : 0, f.dom_prior);
    out += feats;
    if (!b.dom_path.empty()) {
      out += "      dom: " + b.dom_path + "  [";
      for (std::size_t k = 0; k < b.ancestor_tokens.size() && k < 24; ++k) out += (k ? " " : "") + b.ancestor_tokens[k];
      out += "]\n";
    }
  }
  return out;
}

/// Renders `r` in the asked format.
inline std::string render(const Result& r, Format format) {
  switch (format) {
    case Format::Text: return r.text;
    case Format::Markdown: return render_markdown(r);
    case Format::Json: return render_json(r);
    case Format::Explain: return render_explain(r);
  }
  return r.text;
}

}  // namespace pith
