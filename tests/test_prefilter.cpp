// Tests of prefilter.hpp: each removal rule, the tokenizer edge cases, and
// the promise that matters — Gumbo builds the same visible document from the
// filtered page as from the original (random documents and the whole corpus).
#include <gtest/gtest.h>
#include <pith/pith.hpp>
#include <pith/prefilter.hpp>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using pith::strip_invisible;

/// Everything parse_html hands to the rest of the pipeline, as text: when
/// two pages agree on this, pith's output for them is the same.
std::string describe(const pith::HtmlDoc& d) {
  std::string s;
  for (const pith::Block& b : d.blocks) {
    s += b.text + " | " + b.tag + " h" + std::to_string(b.heading_level) + " l" + std::to_string(b.link_chars) +
         (b.in_list ? " L" : "") + (b.in_table ? " T" : "") + (b.in_blockquote ? " Q" : "") + (b.in_pre ? " P" : "") +
         (b.in_figure ? " F" : "") + (b.starts_with_link ? " A" : "") + " [" + b.dom_path + "] c" + std::to_string(b.container) + " x" +
         std::to_string(b.chrome_box) + " w" + std::to_string(b.weak_box) + " p" + std::to_string(b.features.dom_prior);
    for (const std::string& t : b.ancestor_tokens) s += " ." + t;
    s += '\n';
  }
  for (const pith::DomNode& n : d.nodes)
    s += std::to_string(n.parent) + "/" + std::to_string(n.depth) + "/" + std::to_string(n.tag) + "/" + std::to_string(n.prior) +
         (n.content_root ? "R" : "") + (n.semantic_chrome ? "C" : "") + "/" + std::to_string(n.signature) + "/" +
         std::to_string(n.repeats) + (n.has_class ? "c" : "") + "/" + std::to_string(n.names) + (n.code ? "K" : "") +
         (n.email_input ? "E" : "") + " ";
  s += "\n";
  const pith::Metadata& m = d.meta;
  s += "meta: " + m.title + " | " + m.author + " | " + m.date + " | " + m.language + " | " + m.site_name + " | " +
       m.description + " | " + m.url + " | " + m.page_type + "\nh1: " + d.h1 + "\n";
  for (const std::string& j : d.json_ld) s += "ld: " + j + "\n";
  return s;
}

/// The first line where two descriptions differ, for readable failures.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0, line = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) line += a[i++] == '\n';
  auto line_at = [](const std::string& s, std::size_t at) {
    std::size_t from = s.rfind('\n', at == 0 ? 0 : at - 1);
    from = from == std::string::npos ? 0 : from + 1;
    return s.substr(from, s.find('\n', from) - from);
  };
  return "line " + std::to_string(line) + ":\n  without filter: " + line_at(a, i) + "\n  with filter:    " + line_at(b, i);
}

/// parse_html of the filtered page with its attribute values stashed, as clean_html reads a page.
pith::HtmlDoc parse_stashed(const std::string& html) {
  pith::ValueStash stash;
  const std::string slim = pith::cap_nesting(strip_invisible(html, stash), stash);
  return pith::parse_html(slim, false, &stash);
}

::testing::AssertionResult parses_the_same(const std::string& html) {
  std::string a = describe(pith::parse_html(html)), b = describe(pith::parse_html(strip_invisible(html)));
  if (a != b)
    return ::testing::AssertionFailure() << "input: " << html << "\nfiltered: " << strip_invisible(html) << "\n"
                                         << first_difference(a, b);
  pith::ValueStash stash;
  b = describe(parse_stashed(html));
  if (a != b)
    return ::testing::AssertionFailure() << "input: " << html << "\nfiltered, values stashed: " << strip_invisible(html, stash)
                                         << "\n" << first_difference(a, b);
  return ::testing::AssertionSuccess();
}

/// The filter on `html` after a first element: the first one is always
/// kept (see StartOfDocumentIsKept), which would hide the rule under test.
std::string strip(const std::string& html) {
  std::string out = strip_invisible("<b>" + html);
  EXPECT_EQ(out.substr(0, 3), "<b>");
  return out.substr(3);
}

// ---- removal rules ----

TEST(Prefilter, EmptyAndPlainInputPassThrough) {
  EXPECT_EQ(strip_invisible(""), "");
  EXPECT_EQ(strip_invisible("just text"), "just text");
  EXPECT_EQ(strip_invisible("<p>Hello <b>world</b></p>"), "<p>Hello <b>world</b></p>");
}

TEST(Prefilter, RemovesScriptsAndStyles) {
  // A removed range leaves an empty comment, which ends the text before it
  // where the removed token did (see drop() in prefilter.hpp).
  EXPECT_EQ(strip_invisible("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>"), "<p>a</p><!----><p>b</p>");
  EXPECT_EQ(strip_invisible("<p>a</p><style>p > a { color: red }</style><p>b</p>"), "<p>a</p><!----><p>b</p>");
  EXPECT_EQ(strip("<script src=x.js></script>"), "");
  EXPECT_EQ(strip("<script/>x</script>y"), "<!---->y");  // no self-closing HTML script
}

TEST(Prefilter, EndTagsAreCaseInsensitiveAndNeedADelimiter) {
  EXPECT_EQ(strip("<SCRIPT>a</ScRiPt>b"), "<!---->b");
  EXPECT_EQ(strip("<script>a</script >b"), "<!---->b");
  EXPECT_EQ(strip("<script>a</script\tfoo=\">\">b"), "<!---->b");
  EXPECT_EQ(strip("<script>a</script/>b"), "<!---->b");
  EXPECT_EQ(strip("<style>a</STYLE\n>b"), "<!---->b");
  // Not end tags: the script goes on.
  EXPECT_EQ(strip("<script>a</scriptx>b</script>c"), "<!---->c");
  EXPECT_EQ(strip("<script>a</scrip>b</script>c"), "<!---->c");
  EXPECT_EQ(strip("<style>a</stylesheet>b</style>c"), "<!---->c");
}

TEST(Prefilter, ScriptEscapedStatesFollowTheTokenizer) {
  // "<!--" then "<script>" inside a script: the next </script> does not end it.
  EXPECT_EQ(strip("<script><!-- document.write('<script></script>'); --></script>after"), "<!---->after");
  // Without the inner <script>, </script> ends it even inside "<!--".
  EXPECT_EQ(strip("<script><!-- a </script>after"), "<!---->after");
  EXPECT_TRUE(parses_the_same("<p>x<script><!--<script>a</script>b--></script>c</p>"));
  EXPECT_TRUE(parses_the_same("<p>x<script><!--<script>a</script>b</script>c</p>"));
}

TEST(Prefilter, KeepsJsonLd) {
  const std::string ld = R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"</scrip"}</script>)";
  EXPECT_EQ(strip_invisible(ld), ld);
  EXPECT_EQ(strip_invisible("<script TYPE='Application/LD+JSON'>{}</script>"), "<script TYPE='Application/LD+JSON'>{}</script>");
  EXPECT_EQ(strip_invisible("<script type=application/ld+json>{}</script>"), "<script type=application/ld+json>{}</script>");
  // The first type attribute counts, as in the tokenizer; other JSON goes.
  EXPECT_EQ(strip("<script type=text/javascript type=application/ld+json>{}</script>"), "");
  EXPECT_EQ(strip("<script type=application/json>{}</script>"), "");
  pith::HtmlDoc doc = pith::parse_html(strip_invisible("<body>" + ld + "<p>Text</p></body>"));
  ASSERT_EQ(doc.json_ld.size(), 1u);
}

TEST(Prefilter, CommentForms) {
  EXPECT_EQ(strip_invisible("a<!-- x -->b"), "a<!---->b");
  EXPECT_EQ(strip_invisible("<!-- x -->b"), "b");
  EXPECT_EQ(strip_invisible("<!-- x --!>b"), "b");
  EXPECT_EQ(strip_invisible("<!-->b"), "b");
  EXPECT_EQ(strip_invisible("<!--->b"), "b");
  EXPECT_EQ(strip_invisible("<!---->b"), "b");
  EXPECT_EQ(strip_invisible("<!-- a -- b --->c"), "c");
  EXPECT_EQ(strip_invisible("<!--!>still comment-->c"), "c");
  EXPECT_EQ(strip_invisible("<!-- --!-> still -->c"), "c");
  EXPECT_EQ(strip_invisible("<!--[if IE]><p>old</p><![endif]-->c"), "c");
  // DOCTYPE and bogus comments stay.
  EXPECT_EQ(strip_invisible("<!DOCTYPE html><?xml x?>a"), "<!DOCTYPE html><?xml x?>a");
}

TEST(Prefilter, UnterminatedRunsToTheEnd) {
  EXPECT_EQ(strip_invisible("<p>a</p><script>if (a < b) {"), "<p>a</p>");
  EXPECT_EQ(strip_invisible("<p>a</p><script>x</script"), "<p>a</p>");  // "</script" + EOF is no end tag
  EXPECT_EQ(strip_invisible("<p>a</p><!-- never closed <p>b</p>"), "<p>a</p>");
  EXPECT_EQ(strip_invisible("<p>a</p><style>p{}"), "<p>a</p>");
  EXPECT_EQ(strip_invisible("<p>a</p><template><p>b</p>"), "<p>a</p>");
  EXPECT_TRUE(parses_the_same("<p>a</p><svg><g><text>b</text>"));
}

TEST(Prefilter, SvgIsForeignContent) {
  // Removed whole, nesting counted; an empty <svg/> stays for the tree builder.
  EXPECT_EQ(strip_invisible("<p>a<svg><svg><g/></svg><path d='M0'/></svg>b</p>"), "<p>a<svg/>b</p>");
  // No raw text in SVG: its <style> and <script> end at tags, and CDATA hides them.
  EXPECT_EQ(strip("<svg><style>a</svg>b"), "<svg/>b");
  EXPECT_EQ(strip("<svg><script><![CDATA[ '</svg>' ]]></script></svg>b"), "<svg/>b");
  // An HTML tag ends SVG content early, as in a browser.
  EXPECT_EQ(strip("<svg><g><p>text</p>"), "<svg/><p>text</p>");
  EXPECT_TRUE(parses_the_same("<div><svg><g><p>text</p></g></svg>after</div>"));
  // HTML inside <foreignObject> is too much to follow: kept as is.
  const std::string fo = "<svg><foreignObject><div>t</div></foreignObject></svg>";
  EXPECT_EQ(strip_invisible(fo), fo);
  EXPECT_TRUE(parses_the_same("<p><b>x</p><svg><title>icon</title></svg><div>y</div>"));
}

TEST(Prefilter, TagNamesMustEnd) {
  for (const char* s : {"<scripts>a</scripts>", "<svgx>a</svgx>", "<styles>a</styles>", "<noscripts>a</noscripts>",
                        "<template-x>a</template-x>", "<script-x>a</script-x>"})
    EXPECT_EQ(strip_invisible(s), s) << s;
  EXPECT_EQ(strip("<script\n>a</script>b"), "<!---->b");
  EXPECT_EQ(strip("<svg/>b"), "<svg/>b");
}

TEST(Prefilter, RawTextAndRcdataStayText) {
  for (const char* s : {"<textarea><script>a</script><!-- b --></textarea>", "<title><script>a</script></title>",
                        "<xmp><script>a</script></xmp>", "<iframe><script>a</script></iframe>",
                        "<noembed><!-- a --></noembed>", "<plaintext><script>a</script><style>", "<noframes><svg></noframes>"})
    EXPECT_EQ(strip_invisible(s), s) << s;
  EXPECT_EQ(strip_invisible("<textarea>x</textarea><script>a</script>b"), "<textarea>x</textarea><!---->b");
}

TEST(Prefilter, QuotedAttributeValuesAreNotMarkup) {
  // (In attributes pith reads: the others go, see DropsAttributesPithNeverReads.)
  EXPECT_EQ(strip_invisible("<p class=\"<script>\">a</p>"), "<p class=\"<script>\">a</p>");
  EXPECT_EQ(strip_invisible("<a class='--><script>x</script>'>a</a>"), "<a class='--><script>x</script>'>a</a>");
  EXPECT_EQ(strip_invisible("<a id=\"x>\"><!--c-->y</a>"), "<a id=\"x>\"><!---->y</a>");
  EXPECT_EQ(strip_invisible("<p title=\"<script>\">a</p>"), "<p>a</p>");
}

TEST(Prefilter, DropsAttributesPithNeverReads) {
  // {input, filtered}: the input follows a first element (see strip()).
  const std::pair<const char*, const char*> cases[] = {
      {"<div data-x=\"1\" class=\"a\" onclick='f()'>t</div>", "<div class=\"a\">t</div>"},
      {"<img src=x.png srcset=\"a 1x, b 2x\" alt=y>", "<img>"},
      // Self-closing: a space keeps "/" out of an unquoted value.
      {"<img class=b data-x=1 />", "<img class=b />"},
      {"<img data-x=1/>", "<img>"},  // "1/" was the value: not self-closing
      // Names are case-blind; the tag name and kept attributes are copied as they were.
      {"<DIV CLASS=a DATA-X=1 Id = 'q'>t</DIV>", "<DIV CLASS=a Id = 'q'>t</DIV>"},
      // Duplicates stay in order: the tokenizer keeps the first.
      {"<div class=a data-x=1 class=b>", "<div class=a class=b>"},
      // Quoted values may hold '>' and quotes of the other kind; entities stay as written.
      {"<p title=\"a>b'\" class='c\"d' data-e=\"&lt;\" id=\"x&amp;y\">t", "<p class='c\"d' id=\"x&amp;y\">t"},
      // After "class=" and spaces comes its value, however it looks.
      {"<div class= data-x=1>t", "<div class= data-x=1>t"},
      {"<div class=>t", "<div class=>t"},
      // Attribute names may start with '=' or hold quotes; '/' separates them.
      {"<div/data-x=1 /class=a =b \"c=d>t", "<div class=a>t"},
      {"<a href=/ rel=nofollow target=_blank>x</a>", "<a href=/>x</a>"},
      // Of a link's address pith reads whether it leads home: other addresses
      // go, unless Gumbo would decode them into something else (below).
      {"<a href=\"https://x.com/story/1?utm=2\" class=c>x</a>", "<a href class=c>x</a>"},
      {"<a class=c href=/x/>x</a>", "<a class=c href>x</a>"},
      {"<p href=x content=y name=z property=w>", "<p>"},
      {"<link rel=stylesheet href=a.css>", "<link>"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(strip(in), out) << in;
  // What pith reads: hidden boxes, roles, metadata, links, e-mail fields, language.
  for (const char* s : {"<div hidden aria-hidden=true style=\"display:none\" role=main itemprop=text>",
                        "<meta property=og:title name=x itemprop=y content=T>", "<a href=/>", "<input type=email name=m>",
                        "<html lang=en xml:lang=en>", "<script type=\"application/ld+json\" data-x=1>{}</script>"})
    EXPECT_EQ(strip(s), s) << s;
  // Links home keep their address; so do those whose reading up to the query could change in Gumbo's hands.
  for (const char* s : {"<a href=\"https://x.com/\">", "<a href='//x.com'>", "<a href=\" /#top\">", "<a href=\"/?a=1&amp;b=2\">",
                        "<a href=\"/\r\">", "<a href=\"&#47;\">", "<a href=\"/a&amp;b\">", "<a href=\"\">"})
    EXPECT_EQ(strip(s), s) << s;
  // The others are plain links, even with references past the query or bytes Gumbo would replace.
  for (const char* s : {"<a href=\"/s?a=1&amp;b=2\">", "<a href=\"/caf\xc3\xa9\">", "<a href=\"/x#a&amp;b\">", "<a href=\"/a\x01\">"})
    EXPECT_EQ(strip(s), "<a href>") << s;
  // The tree builder compares formatting elements' attributes (three alike:
  // the earliest is dropped), and <isindex> shows its prompt: kept whole.
  for (const char* s : {"<b data-x=1>", "<i class=a data-y=2>", "<font size=2 face=x>", "<isindex prompt=Find action=/s>"})
    EXPECT_EQ(strip(s), s) << s;
  // Truncated tags are left alone.
  for (const char* s : {"<div data-x=\"1", "<div data-x=1", "<div data-x=1 class=a"}) EXPECT_EQ(strip(s), s) << s;
  for (const char* s : {"<p><b data-a=1>x<b data-a=2>y<b data-a=1>z<b data-a=3>w<b data-a=1>v</p>t",
                        "<p><a href=/ data-a=1>x<a href=/ data-a=2>y</p><a href=/ data-a=3>z", "<table><input type=hidden data-x=1>t",
                        "<div><isindex prompt=Find action=/s data-x=1></div>", "<html lang=de data-x=1><body class=a data-y=2><html lang=en>t",
                        "<noscript><div data-x=1>a</div></noscript><p data-y=2>b", "<math><annotation-xml encoding=text/html data-x=1><p>a</math>",
                        "<div class=a data-x=1>x</div><div class=a data-x=2>y</div>",
                        "<h1><a href=\"https://x.com/?r=1\">Site</a></h1><h1><a href=/a>Headline</a></h1>",
                        "<h1><a href=\"/\r\">Logo</a></h1><p>t", "<h1><a href=\"/&#x3f;q\">Logo</a></h1><p>t",
                        "<h1><a href=\"/a/b\">Title</a></h1>", "<h1><a href=\"/?a&amp;b\">Logo</a></h1><p>t",
                        "<h1><a href=\"/\x01\">Title</a></h1><p>t", "<h1><a href=\"/s?q=&amp;\">Title</a></h1><p>t"})
    EXPECT_TRUE(parses_the_same(s));
}

TEST(Prefilter, DropsWhatParseNeverReadsOfMetaAndUnwalkedElements) {
  const std::pair<const char*, const char*> cases[] = {
      // A <meta> whose key parse.hpp ignores loses its key and content.
      {"<meta name=viewport content=\"width=device-width\">", "<meta>"},
      {"<meta property=og:image content=x.png itemprop=image>", "<meta itemprop=image>"},
      {"<meta charset=utf-8>", "<meta>"},
      // The key is the first non-empty property, else name, else itemprop.
      {"<meta property=og:image name=description content=d>", "<meta>"},
      {"<meta property=\"\" name=description content=d>", "<meta property=\"\" name=description content=d>"},
      {"<meta itemprop=datePublished content=2020>", "<meta itemprop=datePublished content=2020>"},
      {"<meta name=x name=author content=a>", "<meta>"},  // the tokenizer keeps the first name
      {"<meta NAME=Author CONTENT=a>", "<meta NAME=Author CONTENT=a>"},
      // Keys the tokenizer would rewrite are kept, read or not.
      {"<meta name=\"og&#58;title\" content=t>", "<meta name=\"og&#58;title\" content=t>"},
      {"<meta name=\"caf\xc3\xa9\" content=t>", "<meta name=\"caf\xc3\xa9\" content=t>"},
      // type and lang are read on <script>, <input> and <html> only.
      {"<link rel=x type=text/css id=s>", "<link id=s>"},
      {"<a href=/ type=x lang=fr>y</a>", "<a href=/>y</a>"},
      {"<p lang=fr xml:lang=fr class=c>t", "<p class=c>t"},
      // parse.hpp skips these elements whole: of an <input> only type and name count.
      {"<button class=b id=i type=submit>x</button>", "<button>x</button>"},
      {"<input class=c id=i type=text name=email>", "<input type=text name=email>"},
      {"<select class=s><option value=1 class=o>a</select>", "<select><option>a</select>"},
      {"<iframe src=x class=f></iframe>", "<iframe></iframe>"},
      // role, itemprop, aria-hidden and style count only with the values parse.hpp acts on...
      {"<a role=button class=c href=/>x</a>", "<a class=c href=/>x</a>"},
      {"<div itemprop=author style=\"color: red\" aria-hidden=false class=c>t", "<div class=c>t"},
      {"<div role=main itemprop=articleBody style=\"Display: None\" aria-hidden=TRUE>t",
       "<div role=main itemprop=articleBody style=\"Display: None\" aria-hidden=TRUE>t"},
      // ...in the first attribute of the name (the tokenizer drops the rest): all go, or all stay.
      {"<div role=x role=main>t", "<div>t"},
      {"<div role=main role=x>t", "<div role=main role=x>t"},
      // A collapsed tab or accordion panel is read although hidden (parse.hpp is_collapsed_panel), in any case.
      {"<div role=TabPanel hidden>t", "<div role=TabPanel hidden>t"},
      {"<div role=region aria-hidden=true>t", "<div role=region aria-hidden=true>t"},
      {"<div style=\"color:red\" style=\"display:none\">t", "<div>t"},
      // Values the tokenizer would rewrite stay.
      {"<div style=\"display&#58;none\" role=\"ma&#105;n\">t", "<div style=\"display&#58;none\" role=\"ma&#105;n\">t"},
      {"<div style=\"display:\rnone\">t", "<div style=\"display:\rnone\">t"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(strip(in), out) << in;
  for (const char* k : {"og:title", "twitter:title", "author", "article:author", "dc.creator", "parsely-author",
                        "article:published_time", "datepublished", "date", "dc.date", "pubdate", "publish-date",
                        "parsely-pub-date", "og:site_name", "description", "og:description", "og:url", "og:type"}) {
    const std::string meta = std::string("<meta name=\"") + k + "\" content=\"V\">";
    EXPECT_EQ(strip(meta), meta) << k;
    EXPECT_TRUE(parses_the_same("<html><head>" + meta + "</head><body><p>t"));
    EXPECT_TRUE(parses_the_same("<p>t" + meta + "<p>u"));
  }
  for (const char* s : {"<meta name=generator content=x><meta name=author content=a>",
                        "<meta name=keywords content=k><meta property=og:title content=T>",
                        "<body><meta itemprop=author content=a class=c><p>t", "<table><meta name=x content=y>t",
                        "<p><button class=nav-menu id=b>Menu</button><input class=q type=hidden name=x>",
                        "<table><input type=hidden class=x>t", "<select class=a><option class=b>x</select>t"})
    EXPECT_TRUE(parses_the_same(s)) << s;
}

TEST(Prefilter, StashesLongValuesGumboOnlyStores) {
  pith::ValueStash stash;
  // class, id, href (a home link's) and a read <meta>'s content: tokens, index in base 64.
  EXPECT_EQ(strip_invisible("<b>x</b><p class=\"story-body wide\" id='main-text'>a</p><a href=\"https://example.com/\">b</a>", stash),
            "<b>x</b><p class=0 id=1>a</p><a href=2>b</a>");
  EXPECT_EQ(stash.attributes(), 3u);
  EXPECT_EQ(strip_invisible("<b>x</b><meta name=description content=\"A page\"><p role=navigation>a</p>", stash),
            "<b>x</b><meta name=description content=0><p role=navigation>a</p>");
  // Not: values no longer than a token, values Gumbo would change, attributes of elements kept whole.
  for (const char* kept : {"<p class=a id=b>x</p>", "<p class=\"a&amp;b\">x</p>", "<p class=\"caf\xc3\xa9s\">x</p>",
                           "<b class=\"formatting element\">x</b>"}) {
    EXPECT_EQ(strip_invisible(std::string("<b>x</b>") + kept, stash), std::string("<b>x</b>") + kept);
    EXPECT_TRUE(stash.empty()) << kept;
  }
  // A page's own value that looks like a token is itself: a token counts only where it was written.
  for (const char* page : {"<b class=0>x</b><p class=\"long class\">y</p>", "<p class=0 id=long-id>y</p>",
                           "<p class=\"long class\"><b id=0>x</b></p>", "<p class=\"long class\"><code class=0>x</code></p>"})
    EXPECT_TRUE(parses_the_same(page)) << page;
  std::string many = "<body>";
  for (int k = 0; k < 5000; ++k) many += "<p class=\"item item-" + std::to_string(k) + "\" id=para" + std::to_string(k) + ">t</p>";
  EXPECT_TRUE(parses_the_same(many));
  EXPECT_EQ(strip_invisible(many, stash).find("para"), std::string::npos);
  EXPECT_EQ(stash.attributes(), 10000u);
}

TEST(Prefilter, StashesTextGumboOnlyStores) {
  const std::string mark(pith::ValueStash::kTextMark);
  pith::ValueStash stash;
  // From the first to the last non-blank byte, white space shortened as elsewhere; the blanks around stay.
  EXPECT_EQ(strip_invisible("<b>x</b><p>  Hello   world, a long text\n\n\n</p>", stash), "<b>x</b><p> " + mark + "W\n\n</p>");
  EXPECT_EQ(stash.texts(), 1u);
  EXPECT_EQ(stash.with_texts("a " + mark + "W."), "a Hello world, a long text.");
  // Tokens past the 32nd take more digits, the last one from the upper half.
  std::string many = "<b>x</b>";
  for (int k = 0; k < 40; ++k) many += "<p>text number " + std::to_string(k) + "</p>";
  const std::string slim = strip_invisible(many, stash);
  EXPECT_EQ(stash.texts(), 40u);
  EXPECT_NE(slim.find("<p>" + mark + "W</p>"), std::string::npos);
  EXPECT_NE(slim.find("<p>" + mark + "7X</p>"), std::string::npos);  // 39 = 7 + 32 * 1
  EXPECT_EQ(stash.with_texts(mark + "7X" + mark + "W9"), "text number 39text number 0" "9");
  EXPECT_TRUE(parses_the_same(many));
  EXPECT_EQ(strip_invisible("<b>x</b><pre>\n  Hello   world</pre>", stash), "<b>x</b><pre>\n  " + mark + "W</pre>");
  EXPECT_EQ(stash.with_texts(mark + "W"), "Hello   world");  // in <pre> as it is
  // Not: short text, text Gumbo would change (references, CR, NUL, characters it replaces).
  for (const char* kept : {"<p>Hey</p>", "<p>Fish &amp; chips, a long text</p>", "<p>a long text\r\nwith CR LF</p>",
                           "<p>a long text\x01 with a control</p>", "<p>a long text \xC2\x85 with a C1 control</p>",
                           "<p>a long text \xEF\xB7\x90 with a noncharacter</p>", "<p>a long text \xFF invalid</p>"}) {
    EXPECT_EQ(strip_invisible(std::string("<b>x</b>") + kept, stash), std::string("<b>x</b>") + kept);
    EXPECT_EQ(stash.texts(), 0u) << kept;
  }
  EXPECT_EQ(strip_invisible("<b>x</b><p>caf\xC3\xA9s and t\xC3\xA9 served</p>", stash), "<b>x</b><p>" + mark + "W</p>");
  // A page that holds the mark's character, as bytes or as a reference, keeps its text.
  for (const std::string page : {"<p>private " + mark + " use, a long text</p>", std::string("<p>a long text</p><p>&#xE000;</p>"),
                                 std::string("<p>a long text</p><p>&#57344</p>"), std::string("<p>a long text</p><p>&#0057344;</p>")}) {
    EXPECT_EQ(strip_invisible(page, stash), page);
    EXPECT_EQ(stash.texts(), 0u) << page;
    EXPECT_TRUE(parses_the_same(page)) << page;
  }
  // The tree builder puts the text where it put the page's: tables, <head>, <pre>, formatting elements
  // reopened, text joined with its neighbours in one node (across an ignored tag, beside a reference).
  for (const char* page : {"<table>  some long text here <tr><td>a cell with text</td></tr>more text, fostered</table>",
                           "<html><head> a long text in the head<title>The long title</title></head>",
                           "<head><title>x</title></head>  \n a long text after the head", "<pre>\n  code line one\n\n   two</pre>",
                           "<textarea>\n a long text inside</textarea>", "<p>abc<b>bold and long text</p>after the paragraph",
                           "<p>a long text one</span>a long text two</p>", "<p>a long text one</x> &amp; more long text</p>",
                           "<select><option>a long option text</option></select>", "<table><colgroup> a long text in a colgroup</table>",
                           "<frameset> a long text in a frameset</frameset>", "<p>text</p></body></html> a long text after the end",
                           "<svg><desc>a long description</desc></svg><math><mi>a long identifier</mi></math>",
                           "<p>a long text <!-- c --> and more long text</p>", "<p>a long text<br>on two long lines</p>"})
    EXPECT_TRUE(parses_the_same(page)) << page;
}

TEST(Prefilter, StashesJsonLd) {
  const std::string mark(pith::ValueStash::kTextMark);
  pith::ValueStash stash;
  const std::string ld = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"name\": \"Fish & chips\"}</script>";
  EXPECT_EQ(strip_invisible("<b>x</b>" + ld, stash), "<b>x</b><script type=\"application/ld+json\">" + mark + "W</script>");
  EXPECT_EQ(stash.with_texts(mark + "W"), "{\"@type\": \"NewsArticle\", \"name\": \"Fish & chips\"}");  // '&' is a letter in a script
  for (const std::string page : {"<head>" + ld + "</head><p>a long text</p>", "<body><div hidden>" + ld + "</div><p>text</p>",
                                 std::string("<script type=application/ld+json><!--<script>{\"a\": 1}</script>--></script><p>t"),
                                 std::string("<script type=application/ld+json>{\"a\":\r\n 1}</script><p>t"),
                                 std::string("<script type=application/ld+json>{\"a\": \"\x01\"}</script><p>t"),
                                 // blank content is a white-space node, which parse_html does not read (found by fuzzing)
                                 std::string("<p>t</p><script type=application/ld+json>\n\n\n\n\n\n</script>"),
                                 std::string("<p>t</p><script type=application/ld+json>\n\n\n\n\n\n"),
                                 // parse_html rewrites a reference past U+10FFFF even in a script (found by fuzzing)
                                 std::string("<p>t</p><script type=application/ld+json>{\"a\": \"&#x7E000e; &#8217;\"}</script>")})
    EXPECT_TRUE(parses_the_same(page)) << page;
}

TEST(Prefilter, StashedValuesSurviveStepsThatMoveBytes) {
  // A reference past U+10FFFF is rewritten before the parse; nesting past 512 is flattened.
  EXPECT_TRUE(parses_the_same("<div class=\"wrapper main\">&#99999999999;<p class=\"story body\">a</p></div>"));
  std::string deep = "<body>";
  for (int k = 0; k < 700; ++k) deep += "<div class=\"level level-" + std::to_string(k) + "\">";
  deep += "<p class=\"story body\">text</p>";
  pith::ValueStash stash;
  const std::string capped = pith::cap_nesting(strip_invisible(deep, stash), stash);
  EXPECT_TRUE(stash.empty());  // the values went back in before flattening
  EXPECT_EQ(describe(pith::parse_html(capped, false, &stash)), describe(pith::parse_html(pith::cap_nesting(strip_invisible(deep)))));
}

TEST(Prefilter, PlainAttributeBytesFastPathAgreesWithTheByteLoop) {
  auto slow = [](const std::string& v) {
    for (unsigned char c : v)
      if (c == '&' || c > 0x7e || (c < 0x20 && c != '\t' && c != '\n')) return false;
    return true;
  };
  std::mt19937 rng(5);
  for (int round = 0; round < 5000; ++round) {
    std::string v(rng() % 70, 'x');
    for (char& c : v) c = static_cast<char>(rng() % 40 == 0 ? rng() : 0x20 + rng() % 0x5e);  // mostly printable ASCII
    if (!v.empty() && round % 2) v[rng() % v.size()] = "\t\n&\x7f\x1f\x80\xff\r~ "[rng() % 10];
    EXPECT_EQ(pith::detail::prefilter::tokenizes_as_is(v.data(), v.size()), slow(v)) << round;
  }
}

TEST(Prefilter, TemplateNesting) {
  EXPECT_EQ(strip_invisible("a<template><template>b</template>c</template>d"), "a<!---->d");
  EXPECT_EQ(strip("<template><script>'</template>'</script></template>d"), "<!---->d");
  EXPECT_TRUE(parses_the_same("<div>a<template><p>b<template>c</template>d</p></template>e</div>"));
}

TEST(Prefilter, NoscriptOnlyWhenItCannotLeak) {
  // In the body: balanced content that cannot close an outer <p>.
  EXPECT_EQ(strip_invisible("<body><noscript><img src=x></noscript>a"), "<body><svg/>a");
  EXPECT_EQ(strip_invisible("<body><noscript><iframe src=gtm></iframe></noscript>a"), "<body><svg/>a");
  EXPECT_EQ(strip_invisible("<body><noscript><div><img></div></noscript>a"), "<body><svg/>a");
  // After a <p>, a <div> would close it and the noscript with it: kept.
  const std::string leaky = "<body><p>x<noscript><div>Enable JS</div></noscript>";
  EXPECT_EQ(strip_invisible(leaky), leaky);
  EXPECT_TRUE(parses_the_same(leaky + "<p>y"));
  // In <head> (the parser runs with scripting off): only head content stays inside.
  EXPECT_EQ(strip_invisible("<head><noscript><link rel=stylesheet href=x></noscript></head>"), "<head><!----></head>");
  const std::string shows = "<head><noscript>Please enable JavaScript</noscript></head><body><p>a";
  EXPECT_EQ(strip_invisible(shows), shows);
  EXPECT_TRUE(parses_the_same(shows));
  EXPECT_TRUE(parses_the_same("<head><noscript><img src=x></noscript><title>T</title></head><body><p>a"));
  EXPECT_TRUE(parses_the_same("<head><noscript><meta name=author content=A></noscript></head><body><p>a"));
}

TEST(Prefilter, SelectIgnoresMostTags) {
  // In <select> the tree builder drops <style> and <svg>; <script> still counts.
  EXPECT_TRUE(parses_the_same("<select><style><option>a</style><script>b</script></select><p>c"));
  EXPECT_TRUE(parses_the_same("<select><option>a<textarea><script>t</script></textarea><p>c"));
}

TEST(Prefilter, NothingJoinsAcrossARemovedRange) {
  EXPECT_TRUE(parses_the_same("<p><<!-- c -->b>text</p>"));
  EXPECT_TRUE(parses_the_same("<p>&am<!-- c -->p;x &l<script>s</script>t; y</p>"));
  EXPECT_TRUE(parses_the_same("<form>text<!-- c --></form>after"));
  EXPECT_TRUE(parses_the_same("<table> <script>s</script>x<tr><td>c</td></tr></table>"));
}

TEST(Prefilter, WhiteSpaceRunsShrink) {
  EXPECT_EQ(strip_invisible("<p>a     b\t\t c</p>"), "<p>a b\tc</p>");
  // A run starting with a line break keeps two bytes (three for CR LF): the
  // parser drops one line break after <pre>, <listing> and <textarea>.
  EXPECT_EQ(strip_invisible("<p>a\n\n\n   b\r\n\r\n c</p>"), "<p>a\n\nb\r\n\rc</p>");
  // Inside <pre> and raw text, white space is left alone.
  EXPECT_EQ(strip_invisible("<pre>a     b</pre>"), "<pre>a     b</pre>");
  EXPECT_EQ(strip_invisible("<textarea>a     b</textarea>"), "<textarea>a     b</textarea>");
  EXPECT_EQ(strip_invisible("<script type=application/ld+json>{ \"a\":     1 }</script>"),
            "<script type=application/ld+json>{ \"a\":     1 }</script>");
  EXPECT_TRUE(parses_the_same("<div>\n\n   <span>a</span>   \n  <span>b</span>\n</div><pre>\n\n  x</pre><listing>\r\n\r\n y</listing>"));
}

TEST(Prefilter, UnclearCasesAreCopied) {
  // Gumbo 0.10.1 ignores end tags with attributes inside SVG.
  const std::string svg = "<svg><g></g></svg x><script>a</script><p>b";
  EXPECT_EQ(strip_invisible(svg), svg);
  EXPECT_TRUE(parses_the_same(svg));
  // Table tags in a <select> close it only "in select in table".
  const std::string select = "<table><tr><td><select><option>a</td><style>x</style><p>b";
  EXPECT_EQ(strip_invisible(select), select);
  EXPECT_TRUE(parses_the_same(select));
  // A <meta> in a <head> noscript is read by pith: the noscript stays.
  const std::string meta = "<head><noscript><meta name=author content=A></noscript><title>T</title></head><p>x";
  EXPECT_EQ(strip_invisible(meta), meta);
  // Gumbo's </template> leaves formatting elements open past a <caption>.
  const std::string leak = "<body><template><table><caption><a href=x>y</template>z";
  EXPECT_EQ(strip_invisible(leak), leak);
  EXPECT_TRUE(parses_the_same(leak));
}

TEST(Prefilter, StartOfDocumentIsKept) {
  // Before anything but comments a DOCTYPE sets quirks mode or not (whether
  // a <table> closes a <p>); after an element it is ignored. So the first
  // element stays, and a DOCTYPE after it still does not count.
  const std::string page = "<template>t</template><!DOCTYPE html><p>a<table><tr><td>b</table>";
  EXPECT_EQ(strip_invisible(page), page);
  EXPECT_TRUE(parses_the_same(page));
  EXPECT_EQ(strip_invisible("<!-- c --><!DOCTYPE html><script>a</script><p>b"), "<!DOCTYPE html><!----><p>b");
}

TEST(Prefilter, FramesetLeavesThePageAlone) {
  const std::string page = "<head><script>a</script></head><frameset><frame src=x></frameset>";
  EXPECT_EQ(strip_invisible(page), page);
}

TEST(Prefilter, AnyBytesAreSafe) {
  std::string nul("<p>a\0b<script>\0</script>c<scr\0ipt>d</p>", 37);
  std::string out = strip_invisible(nul);
  EXPECT_EQ(out.find("</script>"), std::string::npos);
  EXPECT_NE(out.find("<scr\0ipt>", 0, 9), std::string::npos);
  EXPECT_TRUE(parses_the_same(nul));
  for (const char* s : {"<", "</", "<!", "<!-", "<!--", "<a", "<a href=\"", "<a href='x' ", "<script", "<script>",
                        "<script><!--", "<svg", "<svg><", "</svg", "<template>", "<noscript>", "<p title=\"<script>"})
    EXPECT_TRUE(parses_the_same(s)) << s;
  std::mt19937 rng(7);
  for (int k = 0; k < 200; ++k) {
    std::string junk(1 + rng() % 300, ' ');
    for (char& c : junk) c = static_cast<char>(rng() % 4 ? "<>/!-=\"'sSvgcriptylemplaten \n\0"[rng() % 30] : rng());
    EXPECT_TRUE(parses_the_same(junk));
  }
}

// No timing assertion (speed is measured in bench/): these inputs, which make a
// naive scanner rescan from every '<', must simply finish and keep their size
// bounded; a quadratic pass would run into CTest's timeout instead.
TEST(Prefilter, PathologicalInputFinishes) {
  for (const char* unit : {"<svg>", "<template>", "<noscript>", "<div><noscript>", "<select>", "<math>", "<g>", "<p>",
                           "<script>", "<!--", "<a title='", "<svg><desc>", "<noscript><span>"}) {
    std::string s;
    for (int k = 0; k < 200000; ++k) s += unit;
    std::string out = strip_invisible(s);
    EXPECT_LE(out.size(), s.size() + 16) << unit;
  }
  std::string big;
  const std::string chunk = "<div class=a><p>Some text &amp; more.</p><script>if (a < b) x();</script><!-- c --></div>\n";
  while (big.size() < (std::size_t{16} << 20)) big += chunk;
  std::string out = strip_invisible(big);
  EXPECT_LT(out.size(), big.size());
  EXPECT_EQ(out.find("<script>"), std::string::npos);
}

/// Random documents from pieces that exercise the rules above: the filtered
/// page must parse to the same blocks, nodes and metadata.
TEST(Prefilter, RandomDocumentsParseTheSame) {
  const std::vector<std::string> pieces = {
      "<p>", "</p>", "<div class=x>", "</div>", "text ", "<b>", "</b>", "<a href=#>", "</a>", "<script>", "</script>",
      "<script type=\"application/ld+json\">{}", "</SCRIPT >", "</scriptx>", "<!--", "-->", "--!>", "<!-->", "<style>",
      "</style>", "<svg>", "</svg>", "<svg/>", "<g>", "</g>", "<title>", "</title>", "<desc>", "<foreignObject>",
      "<template>", "</template>", "<noscript>", "</noscript>", "<img src=x>", "<iframe>", "</iframe>", "<textarea>",
      "</textarea>", "<select>", "</select>", "<table>", "<tr>", "<td>", "</table>", "<li>", "<ul>", "</ul>", "<math>",
      "<mi>", "</math>", "<![CDATA[", "]]>", "<head>", "</head>", "<body>", "</body>", "<span>", "</span>", "<h1>", "</h1>",
      "\n", "<br>", "<meta name=a content=b>", "<link rel=x>", "<p title=\"<script>\">", "<", "&am", "p;", "<form>",
      "</form>", "<caption>", "<nobr>", "<option>", "<script><!--<script>", "-->", "<div data-x=1 class=y>",
      "<a href=/ data-t='>'>", "<b data-n=1>", "<b data-n=2>", "<i class=q data-z=\"a\">", "<img src=x/>",
      "<input type=hidden data-x=1>", "<p hidden data-q=1>", "<span style=\"display:none\" onclick=x>",
      "<isindex prompt=Hi action=x>", "<meta property=og:title content=T data-z=1>", "<html lang=en data-x=1>",
      "<body class=b data-y=2>", "<li data-a=\"&amp\" id=a&amp>", "<td data-x=1 class=c>", "<a href=/ rel=x/>",
      "<h1>", "</h1>", "<a href=\"https://x.com/y\">", "<a href='//x.com/'>", "<meta name=viewport content=w>",
      "<meta name=description content=D>", "<meta property=og:type name=author content=A>", "<meta itemprop=date content=1>",
      "<meta property=\"\" name=og:url content=U>", "<meta NAME=Og:Title CONTENT=T>", "<meta name=\"og&#58;type\" content=x>",
      "<button class=b>", "</button>", "<input class=c type=email name=e>", "<link type=text/css id=l>",
      "<p lang=fr class=l>", "<a type=x href=/>", "<div role=navigation class=n>", "<div role=button style=\"color:red\">",
      "<section itemprop=articleBody role=x>", "<div style=\"display: none\" style=color:red>", "<div style=x style=\"visibility:hidden\">",
      "<span aria-hidden=True>", "<span aria-hidden=false role=main>", "<div itemprop=text itemprop=x>",
      "<div role=Tabpanel hidden>", "<div role=region style=\"display:none\">", "<div class=accordion aria-hidden=true role=x>",
      "some longer text, ", "  a sentence of text.  ", "caf\xC3\xA9 au lait ", "\xC2\x85 after a C1 ", "&#xE000;", "\xEE\x80\x80 mark ",
      "<pre>\n", "</pre>", "<colgroup>", "<frameset>", "</html>", "</x>", "a&amp;b ",
      "<script type=application/ld+json>{\"name\": \"A & B\", \"x\": 1}</script>", "<script type=application/ld+json>{\"a\":\r\n1}"};
  std::mt19937 rng(12345);
  int failures = 0;
  for (int k = 0; k < 3000 && failures < 5; ++k) {
    std::string doc;
    for (int n = 1 + static_cast<int>(rng() % 30); n > 0; --n) doc += pieces[rng() % pieces.size()];
    ::testing::AssertionResult same = parses_the_same(doc);
    EXPECT_TRUE(same);
    failures += !same;
  }
}

// ---- the corpus ----

std::string gunzip(const std::filesystem::path& p) {
  std::string out;
  gzFile f = gzopen(p.string().c_str(), "rb");
  if (!f) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

/// Every corpus page parses to the same HtmlDoc with and without the filter,
/// so pith's output does not change — and the filter removes most bytes.
TEST(Prefilter, CorpusPagesParseTheSame) {
  namespace fs = std::filesystem;
  const char* env = std::getenv("PITH_CORPUS_DIR");
  fs::path dir = fs::path(env ? env : PITH_SOURCE_DIR "/corpus/scrapinghub") / "html";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not found (set PITH_CORPUS_DIR to the scrapinghub set)";
  std::size_t pages = 0, before = 0, after = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".gz") continue;
    pith::Decoded d = pith::decode(gunzip(entry.path()), {}, true);
    ASSERT_TRUE(d.error.empty()) << entry.path();
    std::string filtered = strip_invisible(d.text);
    std::string a = describe(pith::parse_html(d.text)), b = describe(pith::parse_html(filtered));
    EXPECT_EQ(a == b, true) << entry.path().filename() << " " << first_difference(a, b);
    b = describe(parse_stashed(d.text));
    EXPECT_EQ(a == b, true) << entry.path().filename() << " (values stashed) " << first_difference(a, b);
    ++pages;
    before += d.text.size();
    after += filtered.size();
  }
  EXPECT_GT(pages, 100u);
  EXPECT_LT(static_cast<double>(after), 0.5 * static_cast<double>(before)) << after << " of " << before << " bytes left";
}


// ---- the depth cap ----

std::size_t count_of(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

std::string nest(const std::string& open, const std::string& close, std::size_t n, const std::string& inner) {
  std::string s = "<html><body>";
  for (std::size_t k = 0; k < n; ++k) s += open;
  s += inner;
  for (std::size_t k = 0; k < n; ++k) s += close;
  return s + "<p>after</p></body></html>";
}

TEST(DepthCap, ShallowPagesComeBackUnchanged) {
  const std::string page = nest("<div class=\"a>b\">", "</div>", 500, "<p>x</p>");
  EXPECT_EQ(pith::cap_nesting(page), page);
  EXPECT_EQ(pith::cap_nesting(""), "");
}

TEST(DepthCap, DeepNestingIsFlattenedAtTheCapWithItsEndTags) {
  const std::string page = nest("<div>", "</div>", 2000, "<p>deep text</p>");
  const std::string capped = pith::cap_nesting(page);
  EXPECT_EQ(count_of(capped, "<div>"), pith::detail::prefilter::DepthCap::kMaxDepth);
  EXPECT_EQ(count_of(capped, "</div>"), pith::detail::prefilter::DepthCap::kMaxDepth);
  EXPECT_NE(capped.find("<p>deep text</p>"), std::string::npos);
  EXPECT_NE(capped.find("<p>after</p>"), std::string::npos);
}

TEST(DepthCap, NestingAtTheVeryEndIsStillCapped) {
  // The scan stops once the '<' left cannot reach the cap: depth that only
  // builds up in the last tags must still count, to the exact tag.
  using pith::detail::prefilter::DepthCap;
  std::string lead;
  for (int k = 0; k < 3000; ++k) lead += k % 3 ? "<p>x" : "<span>y</span><br>";
  for (std::size_t depth : {DepthCap::kMaxDepth - 1, DepthCap::kMaxDepth, DepthCap::kMaxDepth + 1, DepthCap::kMaxDepth + 7}) {
    std::string open;
    for (std::size_t k = 0; k < depth; ++k) open += "<div>";
    for (const std::string& page : {lead + open, lead + open + "t", lead + open + "<p>t</p>" + std::string(depth, '<')}) {
      const std::string capped = pith::cap_nesting(page);
      EXPECT_EQ(count_of(capped, "<div>"), std::min(depth, DepthCap::kMaxDepth)) << depth;
      EXPECT_EQ(capped.size(), page.size() - 5 * (depth - std::min(depth, DepthCap::kMaxDepth)));
    }
    // Flattened elements' end tags go too, however far past the cap they are.
    std::string closed = lead + open + "t";
    for (std::size_t k = 0; k < depth; ++k) closed += "</div>";
    EXPECT_EQ(count_of(pith::cap_nesting(closed), "</div>"), std::min(depth, DepthCap::kMaxDepth)) << depth;
  }
  // count_start_tags against a byte loop: lengths around the 16-byte stride
  // and the 255-block flush, any bytes after the '<'.
  std::mt19937 rng(99);
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{33},
                        std::size_t{1000}, std::size_t{16 * 255 + 1}, std::size_t{16 * 255 + 17}, std::size_t{20000}}) {
    for (int round = 0; round < 4; ++round) {
      std::string s(n, 'a');
      for (char& c : s) c = rng() % 3 == 0 ? '<' : static_cast<char>(rng() % 4 ? "azAZ@[`{/!<\x80\xff\xe0"[rng() % 15] : rng());
      std::size_t want = 0;
      for (std::size_t k = 0; k + 1 < n; ++k) want += s[k] == '<' && pith::detail::prefilter::is_alpha(s[k + 1]);
      EXPECT_EQ(pith::detail::prefilter::count_start_tags(s), want) << n;
    }
  }
}

TEST(DepthCap, ElementsWithOptionalEndTagsAndUnclosedInlineTagsInBlocksDoNotLookDeep) {
  // 2 000 paragraphs and list items without end tags, and a span left open in
  // each of 2 000 divs: flat to the tree builder, so nothing is removed.
  std::string page = "<html><body><ul>";
  for (int k = 0; k < 2000; ++k) page += "<li>item<p>para";
  page += "</ul>";
  for (int k = 0; k < 2000; ++k) page += "<div><span>open</div>";
  page += "</body></html>";
  EXPECT_EQ(pith::cap_nesting(page), page);
}

TEST(DepthCap, RawTextAndCommentsAreNotTags) {
  std::string inner = "<textarea>";
  for (int k = 0; k < 1000; ++k) inner += "<div>";
  inner += "</textarea><!--";
  for (int k = 0; k < 1000; ++k) inner += "<div>";
  inner += "--><p title=\"<div><div>\">x</p>";
  const std::string page = "<html><body>" + inner + "</body></html>";
  EXPECT_EQ(pith::cap_nesting(page), page);
}

TEST(DepthCap, UnclosedInlineTagsAreCapped) {
  std::string page = "<html><body><p>";
  for (int k = 0; k < 5000; ++k) page += "<b>";
  page += "bold text</p></body></html>";
  const std::string capped = pith::cap_nesting(page);
  EXPECT_EQ(count_of(capped, "<b>"), pith::detail::prefilter::DepthCap::kMaxDepth);
  EXPECT_NE(capped.find("bold text"), std::string::npos);
}

TEST(DepthCap, TruncatedTagsAndAnyBytesAreSafe) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string page;
    for (int k = 0; k < 1500; ++k) {
      static const char* pieces[] = {"<div>", "</div>", "<b", "\"", "'", "=", ">", "<!--", "-->", "<script>", "</", "x"};
      page += pieces[rng() % 12];
    }
    const std::string capped = pith::cap_nesting(page);
    EXPECT_LE(capped.size(), page.size());
  }
}

/// No page of the corpora is deep enough to be touched by the cap.
TEST(DepthCap, CorpusPagesAreUnchanged) {
  namespace fs = std::filesystem;
  std::size_t pages = 0;
  for (const char* set : {"scrapinghub", "wcxb"}) {
    fs::path dir = fs::path(PITH_SOURCE_DIR "/corpus") / set / "html";
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".gz") continue;
      pith::Decoded d = pith::decode(gunzip(entry.path()), {}, true);
      const std::string filtered = strip_invisible(d.text);
      EXPECT_TRUE(pith::cap_nesting(filtered) == filtered) << entry.path().filename();
      ++pages;
    }
  }
  EXPECT_GT(pages, 1000u);
}

}  // namespace
