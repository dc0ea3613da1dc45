// Tests of the render stage (render.hpp): each Format on real results —
// text, Markdown marks, JSON fields, the explain view — and UTF-8 validity
// of every format whatever the input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pith/pith.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string kTitle = "Volunteers restore the old canal lock at Hatherley";

const std::vector<std::string> kParas = {
    "Volunteers from the Hatherley Canal Society have finished restoring the lock gates at the top of the flight, "
    "seventy years after the last working boat passed through them on its way to the coal wharf at the edge of town.",
    "The work took four summers and was paid for almost entirely by donations, raffles and a long series of cake "
    "sales, according to the society's chairwoman, who said that more than two hundred people had helped at one time or another.",
    "The new gates were made from green oak by a boatyard in the next county, and were lifted into place by a crane "
    "that had to be driven along the towpath at walking pace because the lane to the lock was too narrow for it.",
    "The society hopes that the rest of the flight can be reopened within ten years, which would allow boats to reach "
    "the town centre again for the first time since the canal was closed to traffic after the war.",
};

const std::string kQuote =
    "We never thought we would see water in this lock again, and now we have boats waiting to come through it next spring.";
const std::string kCode = "lock.open(gate = \"upper\");";

std::string article_html() {
  std::string s = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + kTitle +
                  " - Hatherley News</title><meta property=\"og:title\" content=\"" + kTitle +
                  "\"><meta property=\"og:type\" content=\"article\"></head><body>"
                  "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li><li><a href=\"/events\">Events</a></li></ul></nav>"
                  "<article><h1>" + kTitle + "</h1><p>" + kParas[0] + "</p><p>" + kParas[1] + "</p>"
                  "<h2>How the gates were made</h2><p>" + kParas[2] + "</p>"
                  "<ul><li>Green oak gates from a local boatyard</li><li>A crane driven along the towpath</li>"
                  "<li>Four summers of volunteer work on the lock</li></ul>"
                  "<blockquote><p>" + kQuote + "</p></blockquote>"
                  "<pre><code>" + kCode + "</code></pre>"
                  "<p>" + kParas[3] + "</p></article>"
                  "<footer><p>Copyright 2024 Hatherley News</p><a href=\"/privacy\">Privacy</a></footer></body></html>";
  return s;
}

std::string article_text() {
  // Scraped text: chrome lines around the story, blank lines between.
  std::string s = "Home | News | Events\n\nSign in\n\n" + kTitle + "\n\n";
  for (const std::string& p : kParas) s += p + "\n\n";
  return s + "Share this article\nCopyright 2024 Hatherley News\n";
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& s, const std::string& line) {
  for (const std::string& l : lines_of(s))
    if (l == line) return true;
  return false;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

const std::vector<pith::Format> kFormats = {pith::Format::Text, pith::Format::Markdown, pith::Format::Json, pith::Format::Explain};

// --- Text ----------------------------------------------------------------------------

TEST(RenderText, EqualsResultText) {
  pith::Result h = pith::clean_html(article_html());
  ASSERT_TRUE(h.ok());
  ASSERT_FALSE(h.text.empty());
  EXPECT_EQ(pith::render(h, pith::Format::Text), h.text);
  pith::Result t = pith::clean_text(article_text());
  ASSERT_FALSE(t.text.empty());
  EXPECT_EQ(pith::render(t, pith::Format::Text), t.text);
  pith::Options opt;
  opt.include_title = true;
  pith::Result ht = pith::clean_html(article_html(), opt);
  EXPECT_EQ(pith::render(ht, pith::Format::Text), ht.text);
  EXPECT_EQ(ht.text.rfind(kTitle + "\n", 0), 0u);
}

TEST(RenderText, RenderTextIsKeptBlocksOnePerLine) {
  pith::Result r = pith::clean_html(article_html());
  std::string expect;
  for (const pith::Block& b : r.blocks)
    if (b.label == pith::Label::Keep) expect += b.text + "\n";
  EXPECT_EQ(pith::render_text(r.blocks), expect);
  EXPECT_EQ(r.text, expect);
  for (const std::string& p : kParas) EXPECT_TRUE(has_line(r.text, p)) << p.substr(0, 50);
}

// --- Markdown --------------------------------------------------------------------------

TEST(RenderMarkdown, StartsWithTheTitle) {
  pith::Result r = pith::clean_html(article_html());
  ASSERT_EQ(r.metadata.title, kTitle);
  std::string md = pith::render(r, pith::Format::Markdown);
  EXPECT_EQ(md.rfind("# " + kTitle + "\n\n", 0), 0u) << md.substr(0, 200);
  EXPECT_EQ(count(md, kTitle), 1u) << "the title once";
}

TEST(RenderMarkdown, NoTitleNoTitleLine) {
  pith::Result r = pith::clean_text(article_text());
  ASSERT_TRUE(r.metadata.title.empty());
  std::string md = pith::render(r, pith::Format::Markdown);
  EXPECT_NE(md.rfind("# ", 0), 0u);
  ASSERT_FALSE(r.text.empty());
  std::string first = r.text.substr(0, r.text.find('\n'));
  EXPECT_EQ(md.rfind(first + "\n\n", 0), 0u) << md.substr(0, 200);
  for (const std::string& p : kParas) EXPECT_TRUE(has_line(md, p)) << p.substr(0, 50);
}

TEST(RenderMarkdown, ParagraphsAreSeparatedByBlankLines) {
  pith::Result r = pith::clean_html(article_html());
  std::string md = pith::render(r, pith::Format::Markdown);
  EXPECT_NE(md.find(kParas[0] + "\n\n" + kParas[1] + "\n\n"), std::string::npos) << md;
}

TEST(RenderMarkdown, MarksHeadingsListsQuotesAndCode) {
  pith::Result r = pith::clean_html(article_html());
  std::string md = pith::render(r, pith::Format::Markdown);
  SCOPED_TRACE(md + "\n" + pith::render(r, pith::Format::Explain));
  // A subhead: one or more '#' then a space (below the title's level).
  bool heading = false;
  for (const std::string& l : lines_of(md))
    if (l.size() > 2 && l[0] == '#' && l.find("How the gates were made") != std::string::npos)
      heading = l.find_first_not_of('#') >= 2 && l[l.find_first_not_of('#')] == ' ' && l.substr(l.find(' ') + 1) == "How the gates were made";
  EXPECT_TRUE(heading);
  EXPECT_TRUE(has_line(md, "- Green oak gates from a local boatyard"));
  EXPECT_TRUE(has_line(md, "- A crane driven along the towpath"));
  EXPECT_TRUE(has_line(md, "- Four summers of volunteer work on the lock"));
  EXPECT_TRUE(has_line(md, "> " + kQuote));
  EXPECT_NE(md.find("```\n" + kCode + "\n```\n"), std::string::npos);
  // Paragraphs are not marked.
  EXPECT_TRUE(has_line(md, kParas[2]));
}

TEST(RenderMarkdown, HandBuiltBlocks) {
  // The renderer alone, on blocks whose flags are set by hand.
  pith::Result r;
  r.mode = pith::InputMode::Html;
  r.metadata.title = "T";
  auto add = [&](const std::string& text, auto&& set) {
    pith::Block b;
    b.text = text;
    b.label = pith::Label::Keep;
    set(b);
    r.blocks.push_back(b);
  };
  add("Sub", [](pith::Block& b) { b.heading_level = 2; });
  add("para", [](pith::Block&) {});
  add("item", [](pith::Block& b) { b.in_list = true; });
  add("- already marked", [](pith::Block& b) { b.features.starts_list_marker = true; });
  add("quoted", [](pith::Block& b) { b.in_blockquote = true; });
  add("dropped", [](pith::Block& b) { b.label = pith::Label::Drop; });
  add("code one", [](pith::Block& b) { b.in_pre = true; });
  add("code two", [](pith::Block& b) { b.in_pre = true; });
  add("after code", [](pith::Block&) {});
  add("last code", [](pith::Block& b) { b.in_pre = true; });
  std::string md = pith::render_markdown(r);
  EXPECT_EQ(md,
            "# T\n\n"
            "### Sub\n\n"
            "para\n\n"
            "- item\n\n"
            "- already marked\n\n"
            "> quoted\n\n"
            "```\ncode one\ncode two\n```\n"
            "after code\n\n"
            "```\nlast code\n```\n")
      << md;
}

// --- JSON -------------------------------------------------------------------------------

TEST(RenderJson, ParsesAndCarriesTextModeMetadataAndBlocks) {
  pith::Result r = pith::clean_html(article_html());
  std::string out = pith::render(r, pith::Format::Json);
  nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out.substr(0, 300);
  EXPECT_EQ(j.at("text").get<std::string>(), r.text);
  EXPECT_EQ(j.at("mode").get<std::string>(), "html");
  const nlohmann::json& m = j.at("metadata");
  EXPECT_EQ(m.at("title").get<std::string>(), kTitle);
  EXPECT_EQ(m.at("language").get<std::string>(), "en");
  EXPECT_EQ(m.at("charset").get<std::string>(), "UTF-8");
  EXPECT_EQ(m.at("page_type").get<std::string>(), "article");
  for (const char* k : {"author", "date", "site_name", "description", "url"}) EXPECT_TRUE(m.contains(k)) << k;
  EXPECT_FALSE(j.contains("error"));
  const nlohmann::json& blocks = j.at("blocks");
  ASSERT_TRUE(blocks.is_array());
  ASSERT_EQ(blocks.size(), r.blocks.size());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const nlohmann::json& b = blocks[i];
    const pith::Block& rb = r.blocks[i];
    EXPECT_EQ(b.at("text").get<std::string>(), rb.text);
    std::string label = b.at("label").get<std::string>();
    EXPECT_TRUE(label == "keep" || label == "drop") << label;
    EXPECT_EQ(label == "keep", rb.label == pith::Label::Keep);
    kept += label == "keep";
    EXPECT_DOUBLE_EQ(b.at("score").get<double>(), rb.score);
    EXPECT_EQ(b.at("quality").get<std::string>(), pith::to_string(rb.quality));
    EXPECT_EQ(b.at("revised").get<std::string>(), pith::to_string(rb.revised));
    EXPECT_TRUE(b.at("reasons").is_array());
    EXPECT_EQ(b.at("reasons").size(), rb.reasons.size());
    const nlohmann::json& f = b.at("features");
    EXPECT_EQ(f.at("chars").get<std::size_t>(), rb.features.chars);
    EXPECT_EQ(f.at("words").get<std::size_t>(), rb.features.words);
    for (const char* k : {"link_density", "stopword_density", "dom_prior", "region_score", "terminal_punct"}) EXPECT_TRUE(f.contains(k)) << k;
    EXPECT_EQ(b.at("tag").get<std::string>(), rb.tag);
    EXPECT_EQ(b.contains("dom_path"), !rb.dom_path.empty());
    if (rb.heading_level) EXPECT_EQ(b.at("heading_level").get<int>(), rb.heading_level);
  }
  EXPECT_GE(kept, kParas.size());
  EXPECT_LT(kept, blocks.size()) << "the nav and footer are dropped, and listed";
}

TEST(RenderJson, TextModeAndErrors) {
  pith::Result t = pith::clean_text(article_text());
  nlohmann::json j = nlohmann::json::parse(pith::render(t, pith::Format::Json), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.at("mode").get<std::string>(), "text");
  EXPECT_EQ(j.at("text").get<std::string>(), t.text);
  pith::Options opt;
  opt.max_bytes = 10;
  pith::Result e = pith::clean(article_text(), opt);
  ASSERT_FALSE(e.ok());
  nlohmann::json je = nlohmann::json::parse(pith::render(e, pith::Format::Json), nullptr, false);
  ASSERT_FALSE(je.is_discarded());
  EXPECT_EQ(je.at("error").get<std::string>(), e.error);
  EXPECT_TRUE(je.at("blocks").empty());
}

TEST(RenderJson, ControlCharactersAndQuotesRoundTrip) {
  pith::Result r;
  pith::Block b;
  using namespace std::string_literals;
  b.text = "quote \" backslash \\ tab \t nul \0 end \xE2\x80\xA8 sep \x01\x1F"s;
  ASSERT_NE(b.text.find('\0'), std::string::npos);
  b.label = pith::Label::Keep;
  r.blocks.push_back(b);
  r.text = b.text + "\n";
  nlohmann::json j = nlohmann::json::parse(pith::render(r, pith::Format::Json), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.at("blocks")[0].at("text").get<std::string>(), b.text);
}

TEST(RenderJson, TextModeBlocksCarryTheirSourceLine) {
  // A JSON consumer needs each text-mode block's input line: blank lines are
  // not blocks, so the block index is not the line number.
  std::string text = article_text();
  pith::Result r = pith::clean_text(text);
  nlohmann::json j = nlohmann::json::parse(pith::render(r, pith::Format::Json), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  ASSERT_EQ(j.at("blocks").size(), r.blocks.size());
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const nlohmann::json& b = j.at("blocks")[i];
    ASSERT_TRUE(b.contains("source_line")) << "block " << i << " has no source_line in JSON";
    EXPECT_EQ(b.at("source_line").get<std::size_t>(), r.blocks[i].source_line);
  }
}

// --- source lines ---------------------------------------------------------------------------

TEST(RenderSourceLine, TextModeBlocksKnowTheirInputLine) {
  std::string text = article_text();
  std::vector<std::string> lines = lines_of(text);
  pith::Result r = pith::clean_text(text);
  ASSERT_FALSE(r.blocks.empty());
  for (const pith::Block& b : r.blocks) {
    ASSERT_LT(b.source_line, lines.size());
    EXPECT_EQ(b.text, lines[b.source_line]) << "line " << b.source_line;
  }
  // With CRLF and CR line ends too.
  pith::Result crlf = pith::clean_text("first line\r\n\r\nthird line\rfourth line\n");
  ASSERT_EQ(crlf.blocks.size(), 3u);
  EXPECT_EQ(crlf.blocks[0].source_line, 0u);
  EXPECT_EQ(crlf.blocks[1].source_line, 2u);
  EXPECT_EQ(crlf.blocks[2].source_line, 3u);
}

// --- Explain ------------------------------------------------------------------------------------

TEST(RenderExplain, ListsEveryBlockKeptAndDropped) {
  pith::Result r = pith::clean_html(article_html());
  std::string ex = pith::render(r, pith::Format::Explain);
  std::size_t keeps = 0, drops = 0;
  for (const pith::Block& b : r.blocks) (b.label == pith::Label::Keep ? keeps : drops)++;
  ASSERT_GT(keeps, 0u);
  ASSERT_GT(drops, 0u);
  EXPECT_EQ(count(ex, " KEEP "), keeps);
  EXPECT_EQ(count(ex, " drop "), drops);
  EXPECT_EQ(count(ex, "why: "), r.blocks.size());
  // Each block's header line: index, label, signed score, then the text.
  std::vector<std::string> ls = lines_of(ex);
  std::size_t i = 0;
  for (const std::string& l : ls) {
    if (l.rfind("page type: ", 0) == 0) continue;  // the HTML page type heads the view (pagetype.hpp)
    if (l.rfind("      ", 0) != 0) {  // continuation lines (why, features, dom) are indented six spaces
      ASSERT_LT(i, r.blocks.size());
      const pith::Block& b = r.blocks[i];
      char score[32];
      std::snprintf(score, sizeof score, "%+6.2f", b.score);
      EXPECT_NE(l.find(b.label == pith::Label::Keep ? "KEEP" : "drop"), std::string::npos) << l;
      EXPECT_NE(l.find(score), std::string::npos) << l;
      EXPECT_NE(l.find(b.text.substr(0, 40)), std::string::npos) << l;
      ++i;
    }
  }
  EXPECT_EQ(i, r.blocks.size());
}

TEST(RenderExplain, ReasonsAreShown) {
  pith::Result r = pith::clean_html(article_html());
  std::string ex = pith::render(r, pith::Format::Explain);
  for (const pith::Block& b : r.blocks) {
    std::string why = "why: ";
    for (std::size_t k = 0; k < b.reasons.size(); ++k) why += (k ? "; " : "") + b.reasons[k];
    EXPECT_NE(ex.find(why + "\n"), std::string::npos) << why;
  }
  EXPECT_NE(ex.find("dom: html>body>nav>ul>li"), std::string::npos);
}

TEST(RenderExplain, TextModeHasNoDomLine) {
  pith::Result r = pith::clean_text(article_text());
  std::string ex = pith::render(r, pith::Format::Explain);
  EXPECT_EQ(count(ex, "why: "), r.blocks.size());
  EXPECT_EQ(ex.find("dom: "), std::string::npos);
}

// --- UTF-8 -------------------------------------------------------------------------------------------

void expect_all_formats_valid(const pith::Result& r, const std::string& what) {
  for (pith::Format f : kFormats) EXPECT_TRUE(pith::is_valid_utf8(pith::render(r, f))) << what << ": format " << static_cast<int>(f);
}

TEST(RenderUtf8, InvalidInputGivesValidOutputInEveryFormat) {
  std::string bad = "Caf\xE9 au lait \x80\x81 \xC3 and \xED\xA0\x80 then \xF4\x90\x80\x80 and \xFF\xFE end of the sentence.";
  std::string html = "<html><head><title>Bad \xFF title</title><meta name=\"author\" content=\"A\xC0\xAF\"></head><body><article>";
  for (const std::string& p : kParas) html += "<p>" + p + " " + bad + "</p>";
  html += "</article></body></html>";
  expect_all_formats_valid(pith::clean_html(html), "html");
  expect_all_formats_valid(pith::clean(html), "auto");
  std::string text;
  for (const std::string& p : kParas) text += p + " " + bad + "\n";
  expect_all_formats_valid(pith::clean_text(text), "text");
}

TEST(RenderUtf8, ExplainTruncatesLongNonAsciiTextOnACharacterBoundary) {
  // Explain cuts block text at 100 bytes; a cut inside a multi-byte character is invalid UTF-8.
  std::string cyr = "\xD0\x9B\xD0\xBE\xD0\xB4\xD0\xBA\xD0\xB0";  // "Лодка" (2-byte letters)
  std::string para = "\xD0\x92\xD0\xBE\xD0\xBB\xD0\xBE\xD0\xBD\xD1\x82\xD1\x91\xD1\x80\xD1\x8B ";  // "Волонтёры "
  for (int i = 0; i < 12; ++i) para += cyr + " ";
  for (std::size_t shift = 0; shift < 4; ++shift) {
    std::string text = std::string(shift, 'a') + " " + para + ".\n" + std::string(shift, 'b') + " " + para + "!\n";
    pith::Result r = pith::clean_text(text);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(pith::is_valid_utf8(pith::render(r, pith::Format::Explain))) << "shift " << shift;
    pith::Result h = pith::clean_html("<html><body><p>" + std::string(shift, 'a') + " " + para + "</p></body></html>");
    EXPECT_TRUE(pith::is_valid_utf8(pith::render(h, pith::Format::Explain))) << "html, shift " << shift;
  }
}

TEST(RenderUtf8, DomPathsOfNonAsciiIdsAndClassesAreValid) {
  // Headings on non-English wikis carry ids in their language; node names cut ids at 40 and classes at 60 bytes.
  // Shift 1 puts the id's cut inside a character, shift 2 the class's.
  std::string word = "\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x80\xD0\xB8\xD1\x8F_";  // "История_"
  std::string name;
  for (int i = 0; i < 20; ++i) name += word;
  for (std::size_t shift = 0; shift < 3; ++shift) {
    std::string attr = std::string(shift, 'x') + name;
    std::string html = "<html><body><article><h2 id=\"" + attr + "\">\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x80\xD0\xB8\xD1\x8F</h2>"
                       "<div class=\"" + attr + "\"><p>Text in a box with a long class name.</p></div></article></body></html>";
    pith::Result r = pith::clean_html(html);
    ASSERT_TRUE(r.ok());
    for (const pith::Block& b : r.blocks) {
      EXPECT_TRUE(pith::is_valid_utf8(b.dom_path)) << "shift " << shift << ": " << b.dom_path;
      for (const std::string& t : b.ancestor_tokens) EXPECT_TRUE(pith::is_valid_utf8(t)) << "shift " << shift << ": token";
    }
    expect_all_formats_valid(r, "shift " + std::to_string(shift));
  }
}

TEST(RenderUtf8, EmptyResultRendersInEveryFormat) {
  pith::Result r = pith::clean("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pith::render(r, pith::Format::Text), "");
  EXPECT_EQ(pith::render(r, pith::Format::Markdown), "");
  EXPECT_EQ(pith::render(r, pith::Format::Explain), "");
  nlohmann::json j = nlohmann::json::parse(pith::render(r, pith::Format::Json), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.at("text").get<std::string>(), "");
  EXPECT_TRUE(j.at("blocks").empty());
}

}  // namespace
