// End-to-end tests in twelve languages: a news story with localised chrome
// (skip link, breadcrumbs, byline, share bar, related label with other
// stories' headlines, copyright line) keeps all its body and drops all the
// chrome, both as scraped text and as HTML.
//
// The stories live in tests/data/languages/<lang>.txt (format in the README
// beside them). From each, the tests build the two pages a crawler meets:
//   * text mode: the lines in the order a naive scraper emits them;
//   * HTML mode: a page with <header>/<nav>, <article>, a share bar, an
//     <aside class="related"> and a <footer>.
// A failure names the line kept or dropped wrongly and prints pith's explain
// view of its block.
#include <gtest/gtest.h>
#include <pith/pith.hpp>
#include <unicode/normalizer2.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

const std::vector<std::string> kLanguages = {"de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar", "ja", "zh"};

// --- fixtures -----------------------------------------------------------------------

struct Story {
  std::string lang, site, skip, breadcrumb, title, byline, related, copyright;
  std::vector<std::string> body;  // paragraphs and the subheading, in order
  std::size_t subheading = 0;     // index of the subheading in `body`
  std::vector<std::string> share, headlines;

  /// Every line that is page furniture: all of it must go.
  std::vector<std::string> chrome() const {
    std::vector<std::string> c{skip, breadcrumb, byline, related, copyright};
    c.insert(c.end(), share.begin(), share.end());
    c.insert(c.end(), headlines.begin(), headlines.end());
    return c;
  }
};

std::string fixture_path(const std::string& lang) { return std::string(PITH_SOURCE_DIR) + "/tests/data/languages/" + lang + ".txt"; }

Story load_story(const std::string& lang) {
  std::ifstream in(fixture_path(lang), std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + fixture_path(lang));
  std::map<std::string, std::vector<std::string>> sections;
  std::string line, section;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == ';') continue;
    if (line[0] == '@') {
      section = line.substr(1);
      continue;
    }
    if (section.empty()) throw std::runtime_error(lang + ": text before the first @section");
    sections[section].push_back(line);
  }
  auto one = [&](const char* name) {
    const auto& v = sections[name];
    if (v.size() != 1) throw std::runtime_error(lang + ": @" + name + " must have exactly one line");
    return v[0];
  };
  Story s;
  s.lang = one("lang");
  s.site = one("site");
  s.skip = one("skip");
  s.breadcrumb = one("breadcrumb");
  s.title = one("title");
  s.byline = one("byline");
  s.related = one("related");
  s.copyright = one("copyright");
  s.share = sections["share"];
  s.headlines = sections["headlines"];
  int subheads = 0;
  for (const std::string& b : sections["body"]) {
    if (b.rfind("== ", 0) == 0) {
      s.subheading = s.body.size();
      s.body.push_back(b.substr(3));
      ++subheads;
    } else {
      s.body.push_back(b);
    }
  }
  if (subheads != 1) throw std::runtime_error(lang + ": @body needs exactly one '== ' subheading");
  return s;
}

const Story& story(const std::string& lang) {
  static std::map<std::string, Story> cache;
  auto it = cache.find(lang);
  if (it == cache.end()) it = cache.emplace(lang, load_story(lang)).first;
  return it->second;
}

// --- the two pages --------------------------------------------------------------------

/// What a naive scraper emits: header chrome, title, byline, body, then the
/// related box, then the share bar and the footer, one block per line.
std::string text_page(const Story& s) {
  std::string out;
  for (const std::string* l : {&s.skip, &s.breadcrumb, &s.title, &s.byline}) out += *l + "\n";
  for (const std::string& b : s.body) out += b + "\n";
  out += s.related + "\n";
  for (const std::string& h : s.headlines) out += h + "\n";
  for (const std::string& h : s.share) out += h + "\n";
  out += s.copyright + "\n";
  return out;
}

std::string esc(std::string_view t) {
  std::string out;
  for (char c : t) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

/// Splits "A › B › C" (or "A > B > C") into its items and the separator.
std::vector<std::string> crumbs(const std::string& line, std::string& sep) {
  for (const char* cand : {" \xE2\x80\xBA ", " > ", " \xC2\xBB ", " / "}) {  // › > » /
    if (line.find(cand) == std::string::npos) continue;
    sep = cand;
    std::vector<std::string> items;
    std::size_t start = 0;
    for (std::size_t p; (p = line.find(sep, start)) != std::string::npos; start = p + sep.size()) items.push_back(line.substr(start, p - start));
    items.push_back(line.substr(start));
    return items;
  }
  sep.clear();
  return {line};
}

/// A news page as a CMS renders it.
std::string html_page(const Story& s) {
  const bool rtl = s.lang == "ar";
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"" + s.lang + "\"" + (rtl ? " dir=\"rtl\"" : "") + ">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + esc(s.title) + " | " + esc(s.site) + "</title>\n";
  h += "<link rel=\"stylesheet\" href=\"/assets/site.css\">\n</head>\n<body class=\"article-page\">\n";

  h += "<header class=\"site-header\">\n  <a class=\"skip-link\" href=\"#main\">" + esc(s.skip) + "</a>\n";
  h += "  <div class=\"logo\"><a href=\"/\"><img src=\"/assets/logo.svg\" alt=\"\"></a></div>\n";
  std::string sep;
  std::vector<std::string> items = crumbs(s.breadcrumb, sep);
  h += "  <nav class=\"breadcrumb\" aria-label=\"breadcrumb\">";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) h += esc(sep);
    if (i + 1 < items.size()) h += "<a href=\"/section/" + std::to_string(i) + "\">" + esc(items[i]) + "</a>";
    else h += "<span aria-current=\"page\">" + esc(items[i]) + "</span>";
  }
  h += "</nav>\n</header>\n";

  h += "<main id=\"main\">\n<article class=\"story\">\n  <h1 class=\"story-title\">" + esc(s.title) + "</h1>\n";
  // Byline: the author, then the date in a <time>, joined by " | ".
  std::size_t bar = s.byline.rfind(" | ");
  h += "  <div class=\"byline\">";
  if (bar == std::string::npos) {
    h += esc(s.byline);
  } else {
    h += "<span class=\"author\">" + esc(s.byline.substr(0, bar)) + "</span> | <time datetime=\"2024-03-12T10:15:00+01:00\">" +
         esc(s.byline.substr(bar + 3)) + "</time>";
  }
  h += "</div>\n  <div class=\"story-body\">\n";
  for (std::size_t i = 0; i < s.body.size(); ++i) {
    if (i == s.subheading) h += "    <h2>" + esc(s.body[i]) + "</h2>\n";
    else h += "    <p>" + esc(s.body[i]) + "</p>\n";
  }
  h += "  </div>\n  <ul class=\"share\">\n";
  for (std::size_t i = 0; i < s.share.size(); ++i) h += "    <li><a href=\"#share-" + std::to_string(i) + "\">" + esc(s.share[i]) + "</a></li>\n";
  h += "  </ul>\n</article>\n";

  h += "<aside class=\"related\">\n  <h2>" + esc(s.related) + "</h2>\n  <ul>\n";
  for (std::size_t i = 0; i < s.headlines.size(); ++i)
    h += "    <li><a href=\"/story/" + std::to_string(1000 + i) + "\">" + esc(s.headlines[i]) + "</a></li>\n";
  h += "  </ul>\n</aside>\n</main>\n";

  h += "<footer class=\"site-footer\">\n  <p>" + esc(s.copyright) + "</p>\n</footer>\n</body>\n</html>\n";
  return h;
}

// --- checking a result ----------------------------------------------------------------

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// pith's explain view of one block, with its real index.
std::string explain_block(const pith::Result& r, std::size_t i) {
  pith::Result one;
  one.blocks = {r.blocks[i]};
  std::string e = pith::render(one, pith::Format::Explain);
  char idx[8];
  std::snprintf(idx, sizeof idx, "%4zu", i);
  return "    " + e.replace(0, 4, idx);
}

/// Explain views of every block whose text contains `needle` (or, when
/// `exact`, equals it).
std::string explain_blocks_with(const pith::Result& r, const std::string& needle, bool exact) {
  std::string out;
  for (std::size_t i = 0; i < r.blocks.size(); ++i)
    if (exact ? r.blocks[i].text == needle : r.blocks[i].text.find(needle) != std::string::npos) out += explain_block(r, i);
  return out.empty() ? "    (no block has this text: it was split or merged with another)\n" : out;
}

std::string short_text(const std::string& t) {
  if (t.size() <= 90) return t;
  std::size_t cut = 87;
  while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  return t.substr(0, cut) + "...";
}

/// The body stays, once each and in order; no chrome line stays, alone or inside
/// another block; nothing else but the title stays.
void expect_clean(const Story& s, const pith::Result& r) {
  ASSERT_TRUE(r.ok()) << r.error;
  const std::vector<std::string> out = lines_of(r.text);
  const std::string context = "  [" + s.lang + ", detected language: " + (r.metadata.language.empty() ? "none" : r.metadata.language) + "]\n";

  std::size_t last_pos = 0;
  bool have_last = false;
  for (std::size_t k = 0; k < s.body.size(); ++k) {
    const std::string& want = s.body[k];
    const char* what = k == s.subheading ? "subheading" : "body paragraph";
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < out.size(); ++i)
      if (out[i] == want) at.push_back(i);
    if (at.size() != 1) {
      ADD_FAILURE() << what << " " << k << (at.empty() ? " dropped" : " kept more than once (" + std::to_string(at.size()) + "x)")
                    << ": " << short_text(want) << "\n" << context << explain_blocks_with(r, want, true);
      continue;
    }
    if (have_last && at[0] < last_pos)
      ADD_FAILURE() << what << " " << k << " out of order: " << short_text(want) << "\n" << context;
    last_pos = at[0];
    have_last = true;
  }

  for (const std::string& c : s.chrome()) {
    for (const std::string& o : out) {
      if (o.find(c) == std::string::npos) continue;
      ADD_FAILURE() << "chrome kept: \"" << c << "\"" << (o == c ? "" : " inside \"" + short_text(o) + "\"") << "\n"
                    << context << explain_blocks_with(r, o, true);
    }
  }

  for (const std::string& o : out) {
    bool known = o == s.title;
    for (const std::string& b : s.body) known = known || o == b;
    bool chrome = false;
    for (const std::string& c : s.chrome()) chrome = chrome || o.find(c) != std::string::npos;
    if (!known && !chrome)  // chrome lines were reported above
      ADD_FAILURE() << "unexpected line kept: \"" << short_text(o) << "\"\n" << context << explain_blocks_with(r, o, true);
  }
}

/// With PITH_LANGUAGES_DUMP=<dir>, each mode test writes its page there
/// (<lang>.txt, <lang>.html) for `pith --explain`.
void dump_page(const std::string& name, const std::string& page) {
  const char* dir = std::getenv("PITH_LANGUAGES_DUMP");
  if (!dir || !*dir) return;
  std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << page;
}

class LanguageTest : public ::testing::TestWithParam<std::string> {
 protected:
  const Story& s() { return story(GetParam()); }
};

std::string lang_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// --- the fixtures are what they claim to be ----------------------------------------------

class Fixture : public LanguageTest {};

TEST_P(Fixture, IsWellFormed) {
  const Story& st = s();
  EXPECT_EQ(st.lang, GetParam());
  // 5–7 paragraphs besides the subheading, one of them a single short sentence.
  EXPECT_GE(st.body.size(), 6u);
  EXPECT_LE(st.body.size(), 8u);
  EXPECT_GE(st.share.size(), 2u);
  EXPECT_EQ(st.headlines.size(), 4u);
  // Chrome must not occur inside the body, or "chrome kept" could not be told
  // from "body kept".
  for (const std::string& c : st.chrome())
    for (const std::string& b : st.body) EXPECT_EQ(b.find(c), std::string::npos) << "\"" << c << "\" occurs in: " << b;
  // pith normalises to NFC; byte comparisons need NFC fixtures.
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  ASSERT_TRUE(U_SUCCESS(err));
  std::vector<std::string> all = st.chrome();
  all.insert(all.end(), st.body.begin(), st.body.end());
  all.push_back(st.title);
  for (const std::string& t : all) {
    UErrorCode e = U_ZERO_ERROR;
    EXPECT_TRUE(nfc->isNormalized(icu::UnicodeString::fromUTF8(t), e) && U_SUCCESS(e)) << "not NFC: " << t;
  }
}

// --- language detection ----------------------------------------------------------------

class Detection : public LanguageTest {};

TEST_P(Detection, BodyNamesItsLanguage) {
  std::string body;
  for (const std::string& b : s().body) body += b + "\n";
  pith::lexicon::LangId id = pith::lexicon::detect_language(body);
  EXPECT_EQ(std::string(pith::lexicon::lang_tag(id)), GetParam()) << "detected: " << (id == pith::lexicon::kUnknown ? "unknown" : std::string(pith::lexicon::lang_tag(id)));
}

// --- the two modes -----------------------------------------------------------------------

class TextMode : public LanguageTest {};

TEST_P(TextMode, KeepsBodyDropsChrome) {
  pith::Options opt;
  opt.input = pith::InputMode::Text;
  const std::string page = text_page(s());
  dump_page(GetParam() + ".txt", page);
  pith::Result r = pith::clean(page, opt);
  expect_clean(s(), r);
}

class HtmlMode : public LanguageTest {};

TEST_P(HtmlMode, KeepsBodyDropsChrome) {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  const std::string page = html_page(s());
  dump_page(GetParam() + ".html", page);
  pith::Result r = pith::clean(page, opt);
  expect_clean(s(), r);
}

TEST_P(HtmlMode, SniffedAsHtml) {
  EXPECT_TRUE(pith::looks_like_html(html_page(s())));
  EXPECT_FALSE(pith::looks_like_html(text_page(s())));
}

INSTANTIATE_TEST_SUITE_P(Languages, Fixture, ::testing::ValuesIn(kLanguages), lang_name);
INSTANTIATE_TEST_SUITE_P(Languages, Detection, ::testing::ValuesIn(kLanguages), lang_name);
INSTANTIATE_TEST_SUITE_P(Languages, TextMode, ::testing::ValuesIn(kLanguages), lang_name);
INSTANTIATE_TEST_SUITE_P(Languages, HtmlMode, ::testing::ValuesIn(kLanguages), lang_name);

// --- right-to-left text comes out byte for byte ------------------------------------------

const char kLrm[] = "\xE2\x80\x8E";  // U+200E LEFT-TO-RIGHT MARK
const char kRlm[] = "\xE2\x80\x8F";  // U+200F RIGHT-TO-LEFT MARK

std::size_t count_of(const std::string& hay, const char* needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

TEST(LanguagesArabic, BidiMarksSurviveByteIdentical) {
  const Story& s = story("ar");
  const std::string* marked = nullptr;
  for (const std::string& b : s.body)
    if (b.find(kLrm) != std::string::npos && b.find(kRlm) != std::string::npos) marked = &b;
  ASSERT_NE(marked, nullptr) << "ar.txt needs a body paragraph with U+200E and U+200F";
  for (pith::InputMode mode : {pith::InputMode::Text, pith::InputMode::Html}) {
    SCOPED_TRACE(mode == pith::InputMode::Text ? "text mode" : "html mode");
    pith::Options opt;
    opt.input = mode;
    pith::Result r = pith::clean(mode == pith::InputMode::Text ? text_page(s) : html_page(s), opt);
    ASSERT_TRUE(r.ok()) << r.error;
    std::vector<std::string> out = lines_of(r.text);
    bool found = false;
    for (const std::string& o : out) found = found || o == *marked;
    EXPECT_TRUE(found) << "the paragraph with bidi marks is not in the output byte for byte\n" << explain_blocks_with(r, marked->substr(0, 30), false);
    EXPECT_EQ(count_of(r.text, kLrm), 1u);
    EXPECT_EQ(count_of(r.text, kRlm), 1u);
    // Every kept Arabic paragraph is byte-identical to its source.
    for (const std::string& o : out) {
      bool source = o == s.title;
      for (const std::string& b : s.body) source = source || o == b;
      bool chrome = false;
      for (const std::string& c : s.chrome()) chrome = chrome || o == c;
      EXPECT_TRUE(source || chrome) << "kept line matches no source line byte for byte: " << o;
    }
  }
}

}  // namespace
