// Hostile and degenerate inputs, each through all three entry points
// (pith::clean with sniffing, clean_html, clean_text): no crash, no hang,
// valid UTF-8 out, and a sensible result — a clear error or best-effort text.
#include <gtest/gtest.h>
#include <pith/pith.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string kProse =
    "The council met on Friday to discuss the budget, and members agreed that the new plan would be published "
    "next week after a final review by the finance committee and the mayor's office, which has asked for more "
    "time to study the costs.";
const std::string kProse2 =
    "Officials said the changes to the budget were needed because the old rules had not been updated for more "
    "than ten years, and that the public would be able to comment on the plan until the end of the month, when "
    "the council will vote on it.";

/// Everything a caller reads from a Result must be valid UTF-8.
void expect_valid_utf8(const pith::Result& r, const std::string& what) {
  EXPECT_TRUE(pith::is_valid_utf8(r.text)) << what << ": text";
  EXPECT_TRUE(pith::is_valid_utf8(r.error)) << what << ": error";
  for (const pith::Block& b : r.blocks) {
    EXPECT_TRUE(pith::is_valid_utf8(b.text)) << what << ": block text";
    EXPECT_TRUE(pith::is_valid_utf8(b.dom_path)) << what << ": dom path";
    for (const std::string& t : b.ancestor_tokens) EXPECT_TRUE(pith::is_valid_utf8(t)) << what << ": ancestor token";
  }
  const pith::Metadata& m = r.metadata;
  for (const std::string* s : {&m.title, &m.author, &m.date, &m.language, &m.site_name, &m.description, &m.url, &m.page_type, &m.charset})
    EXPECT_TRUE(pith::is_valid_utf8(*s)) << what << ": metadata";
}

/// Kept text equals the kept blocks, one per line (the invariant r.text rests on).
void expect_consistent(const pith::Result& r, const std::string& what) {
  if (!r.ok()) {
    EXPECT_TRUE(r.text.empty()) << what << ": a refused input has no text";
    EXPECT_TRUE(r.blocks.empty()) << what << ": a refused input has no blocks";
    return;
  }
  EXPECT_EQ(r.text, pith::render_text(r.blocks)) << what;
}

struct Three {
  pith::Result autod, html, text;
};

/// Runs the input through clean (auto), clean_html and clean_text and checks the invariants on each.
Three run_all(const std::string& input, const pith::Options& base = {}) {
  Three t;
  pith::Options opt = base;
  t.autod = pith::clean(input, opt);
  t.html = pith::clean_html(input, opt);
  t.text = pith::clean_text(input, opt);
  for (auto [r, name] : {std::pair{&t.autod, "clean"}, std::pair{&t.html, "clean_html"}, std::pair{&t.text, "clean_text"}}) {
    expect_valid_utf8(*r, name);
    expect_consistent(*r, name);
  }
  EXPECT_EQ(t.html.mode, pith::InputMode::Html);
  EXPECT_EQ(t.text.mode, pith::InputMode::Text);
  return t;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string page(const std::string& body) { return "<!DOCTYPE html><html><head><title>T</title></head><body>" + body + "</body></html>"; }

// --- empty and blank ----------------------------------------------------------------

TEST(HostileEmpty, EmptyInputIsOkAndEmpty) {
  Three t = run_all("");
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_TRUE(r->ok()) << r->error;
    EXPECT_EQ(r->text, "");
    EXPECT_TRUE(r->blocks.empty());
  }
}

TEST(HostileEmpty, WhitespaceOnlyIsOkAndEmpty) {
  Three t = run_all(" \n\t \r\n   \n\f\v \xC2\xA0\xE3\x80\x80\n");
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_TRUE(r->ok()) << r->error;
    EXPECT_EQ(r->text, "");
  }
}

TEST(HostileEmpty, MarkupWithoutTextIsOkAndEmpty) {
  Three t = run_all("<html><head></head><body><div><span></span><img src=x></div><hr><br><br></body></html>");
  EXPECT_TRUE(t.autod.ok());
  EXPECT_EQ(t.autod.text, "");
  EXPECT_EQ(t.html.text, "");
}

// --- NUL bytes and invalid UTF-8 ---------------------------------------------------------

TEST(HostileBytes, NulBytesInsideText) {
  std::string text = kProse + "\n" + std::string("He said\0 nothing\0 more.", 23) + "\n" + kProse2 + "\n";
  Three t = run_all(text);
  EXPECT_TRUE(t.text.ok()) << t.text.error;
  EXPECT_TRUE(t.autod.ok()) << t.autod.error;
  EXPECT_TRUE(contains(t.text.text, "The council met on Friday")) << t.text.text;
  EXPECT_TRUE(contains(t.text.text, "Officials said the changes"));
}

TEST(HostileBytes, NulBytesInsideHtml) {
  using namespace std::string_literals;
  std::string html = page("<article><p>" + kProse + "</p><p>Nul\0byte <b\0>and\0 a tag</b></p><p a\0b=\"\0\">"s + kProse2 +
                          "</p></article>");
  ASSERT_EQ(std::count(html.begin(), html.end(), '\0'), 5);
  Three t = run_all(html);
  EXPECT_TRUE(t.html.ok()) << t.html.error;
  EXPECT_TRUE(t.autod.ok()) << t.autod.error;
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday")) << t.html.text;
  EXPECT_TRUE(contains(t.html.text, "Officials said the changes"));
  EXPECT_FALSE(contains(t.html.text, std::string(1, '\0')));
}

TEST(HostileBytes, InvalidUtf8IsRepairedNotPassedThrough) {
  // Lone continuation bytes, a truncated sequence, an overlong, a surrogate, a byte > F4.
  std::string bad = "Caf\xE9 \x80\x81 na\xC3 \xC0\xAF \xED\xA0\x80 \xF8\x88\x80\x80\x80 end.";
  std::string text = kProse + "\n" + bad + "\n" + kProse2 + "\n";
  Three t = run_all(text);
  EXPECT_TRUE(t.text.ok()) << t.text.error;
  EXPECT_TRUE(contains(t.text.text, "The council met on Friday"));
  Three h = run_all(page("<p>" + kProse + "</p><p>" + bad + "</p><p>" + kProse2 + "</p>"));
  EXPECT_TRUE(h.html.ok()) << h.html.error;
  EXPECT_TRUE(contains(h.html.text, "The council met on Friday"));
}

TEST(HostileBytes, InvalidUtf8InAttributesAndMetadata) {
  std::string html = "<html lang=\"e\xFFn\"><head><title>Ti\xC3tle</title><meta name=\"author\" content=\"J\xE9r\xF4me\">"
                     "<script type=\"application/ld+json\">{\"@type\":\"News\xFF\",\"headline\":\"H\xC0\"}</script></head>"
                     "<body><div class=\"st\xFFory\" id=\"m\xC3\"><p>" + kProse + "</p></div></body></html>";
  Three t = run_all(html);
  EXPECT_TRUE(t.html.ok()) << t.html.error;
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday"));
}

TEST(HostileBytes, OverflowingNumericCharacterReferencesBecomeReplacementCharacters) {
  // Gumbo sums a reference's digits in an int; these wrap round (found by fuzz_clean_text).
  for (const std::string ref : {"&#02044825017568460779;", "&#99999999999", "&#x7FFFFFFFFF;", "&#x110000;", "&#4294967361;", "&#6666666dddddddddd!"}) {
    const std::string html = page("<p>" + kProse + " Ref " + ref + " end.</p><p title=\"" + ref + "\">" + kProse2 + "</p>");
    Three t = run_all(html);
    ASSERT_TRUE(t.html.ok()) << t.html.error;
    expect_valid_utf8(t.html, ref);  // run_all checked all three; this names the reference
    EXPECT_TRUE(contains(t.html.text, "Ref \xEF\xBF\xBD")) << ref << ": " << t.html.text;
  }
}

TEST(HostileBytes, FixOverflowingCharrefsTouchesOnlyReferencesPastUnicode) {
  std::string storage;
  // In range, however many leading zeros, and not references at all: the input itself, no copy.
  for (const std::string_view ok : {"&#65; &#x10FFFF; &#0000000000065; &#; &#x; & # &#xZZ", ""}) {
    const std::string_view out = pith::detail::fix_overflowing_charrefs(ok, storage);
    EXPECT_EQ(out, ok);
    EXPECT_EQ(out.data(), ok.data());
  }
  EXPECT_EQ(pith::detail::fix_overflowing_charrefs("a&#1114112;b &#X110000g &#65;&#99999999999999999999", storage),
            "a&#65533;b &#65533g &#65;&#65533");
  // The replacement must not run on into what follows: hex letters after a decimal reference.
  EXPECT_EQ(pith::detail::fix_overflowing_charrefs("&#6666666ddd; &#x7FFFFFFFFFFz", storage), "&#65533ddd; &#65533z");
}

// --- size --------------------------------------------------------------------------------------

TEST(HostileSize, TenMegabyteSingleLineOfProse) {
  std::string line;
  line.reserve(10u << 20);
  while (line.size() < (10u << 20)) line += kProse + " ";
  line.push_back('\n');
  Three t = run_all(line);
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_TRUE(r->ok()) << r->error;
    // One enormous paragraph of prose: kept whole (trimmed), or (best effort) dropped — never cut or mangled.
    if (!r->text.empty()) EXPECT_TRUE(r->text == line.substr(0, line.size() - 2) + "\n") << "kept text is not the line";
  }
  EXPECT_EQ(t.text.blocks.size(), 1u);
  EXPECT_EQ(t.autod.mode, pith::InputMode::Text);
  EXPECT_FALSE(t.text.text.empty()) << "ten megabytes of prose is body text";
}

TEST(HostileSize, EightMegabyteAttributeValue) {
  std::string huge(8u << 20, 'x');
  for (std::size_t i = 0; i < huge.size(); i += 97) huge[i] = ' ';  // many class tokens too
  std::string html = page("<article class=\"" + huge + "\" id=\"" + huge.substr(0, 1u << 20) + "\" style=\"color:red;" + huge +
                          "\"><p title=\"" + huge + "\">" + kProse + "</p><p>" + kProse2 + "</p></article>");
  Three t = run_all(html);
  EXPECT_TRUE(t.html.ok()) << t.html.error;
  EXPECT_TRUE(t.autod.ok()) << t.autod.error;
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday"));
  EXPECT_TRUE(contains(t.html.text, "Officials said the changes"));
  for (const pith::Block& b : t.html.blocks) EXPECT_LT(b.dom_path.size(), 4096u) << "DOM paths are bounded";
}

TEST(HostileSize, LargerThanMaxBytesIsRefusedWithTheLimit) {
  pith::Options opt;
  opt.max_bytes = 1000;
  std::string big = page("<p>" + kProse + kProse + kProse + kProse + kProse + "</p>");
  ASSERT_GT(big.size(), 1000u);
  Three t = run_all(big, opt);
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_FALSE(r->ok());
    EXPECT_TRUE(contains(r->error, "1000")) << r->error;
    EXPECT_TRUE(r->text.empty());
  }
  // At the limit exactly: processed.
  opt.max_bytes = big.size();
  EXPECT_TRUE(pith::clean(big, opt).ok());
}

// --- malformed markup --------------------------------------------------------------------------

TEST(HostileMarkup, TruncatedTagAtEof) {
  Three t = run_all("<html><body><p>" + kProse + "</p><p>" + kProse2 + "</p><p>Hello <a href=\"");
  EXPECT_TRUE(t.html.ok()) << t.html.error;
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday")) << t.html.text;
  EXPECT_TRUE(contains(t.html.text, "Officials said the changes"));
  EXPECT_FALSE(contains(t.html.text, "href"));
  for (const char* tail : {"<", "<p", "</", "<!", "<!-", "<a href", "<a href=", "<a href='x", "&", "&#", "&#x", "&amp"}) {
    std::string html = "<p>" + kProse + "</p>" + tail;
    pith::Result r = pith::clean(html);
    EXPECT_TRUE(r.ok()) << tail;
    EXPECT_TRUE(pith::is_valid_utf8(r.text)) << tail;
    EXPECT_TRUE(contains(r.text, "The council met on Friday")) << tail;
  }
}

TEST(HostileMarkup, UnterminatedComment) {
  Three t = run_all(page("<p>" + kProse + "</p><p>" + kProse2 + "</p><!-- never closed <p>commented out paragraph text</p>"));
  EXPECT_TRUE(t.html.ok());
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday"));
  EXPECT_FALSE(contains(t.html.text, "commented out"));
  EXPECT_FALSE(contains(t.autod.text, "commented out"));
}

TEST(HostileMarkup, UnterminatedScript) {
  Three t = run_all(page("<p>" + kProse + "</p><p>" + kProse2 + "</p><script>var leaked = \"<p>script text</p>\"; function f() {"));
  EXPECT_TRUE(t.html.ok());
  EXPECT_TRUE(contains(t.html.text, "The council met on Friday"));
  EXPECT_FALSE(contains(t.html.text, "leaked"));
  EXPECT_FALSE(contains(t.html.text, "script text"));
  EXPECT_FALSE(contains(t.autod.text, "leaked"));
}

TEST(HostileMarkup, UnterminatedStyleAndTemplate) {
  for (const char* tail : {"<style>p { color: red } .leaked::after { content: 'x' ", "<template><p>leaked template text</p>",
                           "<svg><text>leaked svg text</text>", "<textarea>leaked textarea text", "<title>leaked title text"}) {
    pith::Result r = pith::clean_html("<html><body><p>" + kProse + "</p><p>" + kProse2 + "</p>" + tail);
    EXPECT_TRUE(r.ok()) << tail;
    EXPECT_TRUE(contains(r.text, "The council met on Friday")) << tail;
    EXPECT_FALSE(contains(r.text, "leaked")) << tail << "\n" << r.text;
  }
}

// --- deep and unclosed ----------------------------------------------------------------------

std::string deep_divs(std::size_t depth) {
  std::string s = "<html><body>";
  s.reserve(depth * 5 + 1000);
  for (std::size_t i = 0; i < depth; ++i) s += "<div>";
  s += "<p>" + kProse + "</p>";
  return s + "</body></html>";
}

std::string unclosed_bold(std::size_t n) {
  std::string s = "<html><body>";
  s.reserve(n * 3 + 1000);
  for (std::size_t i = 0; i < n; ++i) s += "<b>";
  s += "<p>" + kProse + "</p>";
  return s + "</body></html>";
}

/// clean_html in a worker thread (default stack) while clean runs on this
/// thread, then clean_text: proves no recursion in either, and costs two
/// parses of the page rather than three.
void run_deep(const std::string& html, const char* what) {
  pith::Result in_thread;
  std::thread worker([&] { in_thread = pith::clean_html(html); });
  pith::Result autod = pith::clean(html);
  worker.join();
  pith::Result text = pith::clean_text(html);
  for (auto [r, name] : {std::pair{&autod, "clean"}, std::pair{&in_thread, "clean_html in std::thread"}, std::pair{&text, "clean_text"}}) {
    SCOPED_TRACE(std::string(what) + " via " + name);
    EXPECT_TRUE(r->ok()) << r->error;
    expect_valid_utf8(*r, name);
    expect_consistent(*r, name);
  }
  EXPECT_EQ(autod.mode, pith::InputMode::Html);
  EXPECT_TRUE(contains(autod.text, kProse)) << what << ": the paragraph at the bottom must come out";
  EXPECT_TRUE(contains(in_thread.text, kProse)) << what << ": the paragraph at the bottom must come out (worker thread)";
  EXPECT_EQ(autod.text, in_thread.text);
}

TEST(HostileDeep, HundredThousandNestedDivs) { run_deep(deep_divs(100000), "100 000 nested <div>"); }

TEST(HostileDeep, TwoHundredThousandUnclosedInlineTags) { run_deep(unclosed_bold(200000), "200 000 unclosed <b>"); }

TEST(HostileMarkup, FiftyThousandSignupFormsAreEachDroppedOnce) {
  // Every e-mail field makes a sign-up box (region.hpp drop_signup_boxes); marking
  // the blocks inside them must stay linear in the page, not blocks x boxes.
  std::string html = "<html><body><article><p>" + std::string(kProse) + "</p><p>" + kProse2 + "</p></article>";
  for (int i = 0; i < 50000; ++i) html += "<div><p>Get our newsletter " + std::to_string(i) + "</p><input type=email name=e></div>";
  html += "</body></html>";
  pith::Result r = pith::clean_html(html);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(contains(r.text, kProse));
  EXPECT_FALSE(contains(r.text, "Get our newsletter"));
  std::size_t in_signup = 0;
  for (const pith::Block& b : r.blocks) in_signup += b.in_signup;
  EXPECT_EQ(in_signup, 50000u);
}

TEST(HostileDeep, DeepNestingParsesIteratively) {
  // The parse stage alone, in a worker thread, on a smaller but still deep tree.
  pith::HtmlDoc doc;
  std::thread worker([&] { doc = pith::parse_html(deep_divs(20000)); });
  worker.join();
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text, kProse);
  EXPECT_GE(doc.nodes.size(), 20000u);
  EXPECT_EQ(doc.blocks[0].dom_path.substr(doc.blocks[0].dom_path.size() - 5), "div>p");
}

// --- hostile JSON-LD ----------------------------------------------------------------------------

std::string with_json_ld(const std::string& json) {
  return "<html><head><script type=\"application/ld+json\">" + json + "</script></head><body><article><p>" + kProse + "</p><p>" +
         kProse2 + "</p></article></body></html>";
}

TEST(HostileJsonLd, MalformedAndOddlyTypedJsonLdIsHarmless) {
  for (const char* json : {"", "{", "[", "{\"@type\":", "null", "42", "\"str\"", "[[[[]]]]", "{\"@type\":[]}", "{\"@type\":5}",
                           "{\"@type\":{\"name\":7}}", "{\"author\":[{\"name\":null}],\"headline\":[1,2]}",
                           "{\"articleBody\":5,\"text\":{\"a\":1}}", "{\"@graph\":{\"@graph\":{\"@graph\":{}}}}",
                           "{\"headline\":\"\\ud800\"}", "{\"headline\":\"a\\u0000b\"} // comment", "/* c */ {\"@type\":\"NewsArticle\"}"}) {
    pith::Result r = pith::clean_html(with_json_ld(json));
    EXPECT_TRUE(r.ok()) << json;
    expect_valid_utf8(r, json);
    EXPECT_TRUE(contains(r.text, "The council met on Friday")) << json;
  }
}

TEST(HostileJsonLd, DeeplyNestedGraphIsBounded) {
  std::string json;
  for (int i = 0; i < 100000; ++i) json += "{\"@graph\":";
  json += "{}";
  for (int i = 0; i < 100000; ++i) json += "}";
  pith::Result r = pith::clean_html(with_json_ld(json));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(contains(r.text, "The council met on Friday"));
  pith::Result deep_elsewhere = pith::clean_html(with_json_ld("{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}"));
  EXPECT_TRUE(contains(deep_elsewhere.text, "The council met on Friday"));
}

TEST(HostileJsonLd, DeeplyNestedArrayInAStringFieldDoesNotOverflowTheStack) {
  for (const char* key : {"@type", "author", "headline"}) {
    std::string json = std::string("{\"") + key + "\":" + std::string(100000, '[') + "\"X\"" + std::string(100000, ']') + "}";
    pith::Result r = pith::clean_html(with_json_ld(json));
    EXPECT_TRUE(r.ok()) << key;
    EXPECT_TRUE(contains(r.text, "The council met on Friday")) << key;
  }
}

// --- sniffing -------------------------------------------------------------------------------------

std::string utf16(const std::string& ascii, bool big_endian, bool bom) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    if (big_endian) out.push_back('\0');
    out.push_back(c);
    if (!big_endian) out.push_back('\0');
  }
  return out;
}

TEST(HostileSniff, Utf16HtmlIsCleanedAsHtml) {
  // clean() must see markup whatever the charset: UTF-16 pages (with or without a BOM) are HTML.
  std::string html = "<!DOCTYPE html><html><head><title>T</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                     "<article><p>" + kProse + "</p><p>" + kProse2 + "</p></article></body></html>";
  for (auto [be, bom] : {std::pair{false, true}, std::pair{true, true}, std::pair{false, false}}) {
    std::string bytes = utf16(html, be, bom);
    SCOPED_TRACE(std::string(be ? "UTF-16BE" : "UTF-16LE") + (bom ? " with BOM" : " without BOM"));
    pith::Result forced = pith::clean_html(bytes);
    ASSERT_TRUE(forced.ok()) << forced.error;
    EXPECT_TRUE(contains(forced.text, kProse));
    EXPECT_FALSE(contains(forced.text, "<p>"));
    pith::Result r = pith::clean(bytes);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(pith::is_valid_utf8(r.text));
    EXPECT_STREQ(pith::to_string(r.mode), "html");
    EXPECT_FALSE(contains(r.text, "<p>")) << r.text.substr(0, 120);
    EXPECT_EQ(r.text, forced.text);
  }
}

TEST(HostileSniff, TextWithAFewAngleBracketsStaysText) {
  std::string text = kProse + "\nIf a < b and b > c, then nothing follows about a and c.\n" + kProse2 + "\n";
  pith::Result r = pith::clean(text);
  EXPECT_STREQ(pith::to_string(r.mode), "text");
  EXPECT_TRUE(contains(r.text, "If a < b and b > c")) << r.text;
}

// --- not text at all -------------------------------------------------------------------------

std::string random_bytes(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

TEST(HostileBinary, PngIsRefusedAsNotText) {
  std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + random_bytes(20000, 7);
  Three t = run_all(png);
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_FALSE(r->ok());
    EXPECT_EQ(r->error.rfind("not text", 0), 0u) << r->error;
    EXPECT_TRUE(r->text.empty());
  }
}

TEST(HostileBinary, RandomBytesAreRefusedAsNotText) {
  Three t = run_all(random_bytes(50000, 42));
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_FALSE(r->ok());
    EXPECT_EQ(r->error.rfind("not text", 0), 0u) << r->error;
  }
}

std::string gzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(HostileBinary, GzipBlobIsRefusedNotCrashed) {
  std::string html = page("<article><p>" + kProse + "</p><p>" + kProse2 + "</p></article>");
  for (int i = 0; i < 5; ++i) html += "<p>" + kProse2 + " " + std::to_string(i) + "</p>";
  std::string gz = gzip(html);
  ASSERT_EQ(gz.substr(0, 2), "\x1F\x8B");
  Three t = run_all(gz);
  for (const pith::Result* r : {&t.autod, &t.html, &t.text}) {
    EXPECT_FALSE(r->ok());
    EXPECT_EQ(r->error.rfind("not text", 0), 0u) << r->error;
    EXPECT_TRUE(contains(r->error, "gzip")) << r->error;
  }
}

TEST(HostileBinary, ErrorsRenderAsValidOutput) {
  pith::Result r = pith::clean(random_bytes(4096, 3));
  ASSERT_FALSE(r.ok());
  for (pith::Format f : {pith::Format::Text, pith::Format::Markdown, pith::Format::Json, pith::Format::Explain})
    EXPECT_TRUE(pith::is_valid_utf8(pith::render(r, f)));
  EXPECT_TRUE(contains(pith::render(r, pith::Format::Json), "\"error\""));
}

}  // namespace
