// Unit tests of HTML mode's parse stage (parse.hpp, dom_priors.hpp): one
// small page per rule — which elements make blocks, how inline text joins,
// what is skipped, the per-block HTML context and the page metadata.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

std::vector<std::string> texts(const pith::HtmlDoc& doc) {
  std::vector<std::string> out;
  for (const pith::Block& b : doc.blocks) out.push_back(b.text);
  return out;
}

std::vector<std::string> texts_of(const std::string& html) { return texts(pith::parse_html(html)); }

/// The block whose text is exactly `text`; fails the test when there is none.
const pith::Block& block_with(const pith::HtmlDoc& doc, const std::string& text) {
  for (const pith::Block& b : doc.blocks)
    if (b.text == text) return b;
  ADD_FAILURE() << "no block with text \"" << text << "\"";
  static const pith::Block none;
  return none;
}

bool has_text_containing(const pith::HtmlDoc& doc, const std::string& needle) {
  for (const pith::Block& b : doc.blocks)
    if (b.text.find(needle) != std::string::npos) return true;
  return false;
}

using Texts = std::vector<std::string>;

// --- blocks -------------------------------------------------------------------

TEST(ParseBlocks, OneBlockPerBlockLevelElement) {
  EXPECT_EQ(texts_of("<p>First.</p><p>Second.</p><div>Third.</div><h2>Fourth</h2><ul><li>Fifth</li><li>Sixth</li></ul>"),
            (Texts{"First.", "Second.", "Third.", "Fourth", "Fifth", "Sixth"}));
}

TEST(ParseBlocks, TextAroundANestedBlockSplitsIntoBlocks) {
  // A browser lays "before" and "after" on their own lines around the inner <p>.
  EXPECT_EQ(texts_of("<div>before<p>inner</p>after</div>"), (Texts{"before", "inner", "after"}));
}

TEST(ParseBlocks, InlineTextJoinsWithoutAddedSpaces) {
  EXPECT_EQ(texts_of("<p>a<b>b</b>c</p>"), Texts{"abc"});
  EXPECT_EQ(texts_of("<p>un<span>believ</span><em>able</em></p>"), Texts{"unbelievable"});
}

TEST(ParseBlocks, SpacesBetweenWordsAreKeptAndFolded) {
  EXPECT_EQ(texts_of("<p>one <i>two</i> three</p>"), Texts{"one two three"});
  EXPECT_EQ(texts_of("<p>  one\n\t two   <b> three </b>four  </p>"), Texts{"one two three four"});
  EXPECT_EQ(texts_of("<p>caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e</p>"), Texts{"caf\xC3\xA9 & cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e"});
}

TEST(ParseBlocks, SingleBrDoesNotSplit) {
  EXPECT_EQ(texts_of("<p>first line<br>second line</p>"), Texts{"first line second line"});
}

TEST(ParseBlocks, DoubleBrSplits) {
  EXPECT_EQ(texts_of("<p>left part<br><br>right part</p>"), (Texts{"left part", "right part"}));
  EXPECT_EQ(texts_of("<div>left part<br>\n<br/>right part</div>"), (Texts{"left part", "right part"}));
  // Text between the two <br>s resets the run.
  EXPECT_EQ(texts_of("<p>a<br>b<br>c</p>"), Texts{"a b c"});
}

TEST(ParseBlocks, TableRowIsOneBlock) {
  pith::HtmlDoc doc = pith::parse_html("<table><tr><th>No.</th><th>Name</th></tr><tr><td>1</td><td>Kyle</td></tr></table>");
  EXPECT_EQ(texts(doc), (Texts{"No. Name", "1 Kyle"}));
  EXPECT_EQ(block_with(doc, "1 Kyle").tag, "tr");
  EXPECT_TRUE(block_with(doc, "1 Kyle").in_table);
}

TEST(ParseBlocks, EmptyAndWhitespaceOnlyElementsMakeNoBlock) {
  EXPECT_TRUE(texts_of("<p></p><div>   \n </div><p><span> </span></p>").empty());
  EXPECT_TRUE(texts_of("").empty());
}

// --- skipped content --------------------------------------------------------------

TEST(ParseSkip, InvisibleElementsAreSkipped) {
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><title>T</title><style>.x{color:red}</style></head><body>"
      "<p>visible one</p>"
      "<script>var leak = 'scripttext';</script>"
      "<style>.leak::after{content:'styletext'}</style>"
      "<noscript>noscripttext</noscript>"
      "<template><p>templatetext</p></template>"
      "<svg><text>svgtext</text></svg>"
      "<iframe>iframetext</iframe>"
      "<select><option>optiontext</option></select>"
      "<textarea>textareatext</textarea>"
      "<button>buttontext</button>"
      "<p>visible two</p></body></html>");
  EXPECT_EQ(texts(doc), (Texts{"visible one", "visible two"}));
}

TEST(ParseSkip, HeadTextIsNotABlock) {
  pith::HtmlDoc doc = pith::parse_html("<html><head><title>Only a title</title></head><body><p>Body text.</p></body></html>");
  EXPECT_EQ(texts(doc), Texts{"Body text."});
}

TEST(ParseSkip, HiddenElementsAreSkipped) {
  pith::HtmlDoc doc = pith::parse_html(
      "<p>shown</p>"
      "<div hidden>hidden-attr</div>"
      "<div aria-hidden=\"true\">aria-hidden</div>"
      "<div style=\"display: none\">display-none</div>"
      "<div style=\"color:red;visibility:hidden\">visibility-hidden</div>"
      "<div style=\"DISPLAY : NONE ;\">display-none-upper</div>"
      "<p>text <span hidden>hidden-inline</span>continues</p>");
  EXPECT_EQ(texts(doc), (Texts{"shown", "text continues"}));
}

TEST(ParseSkip, HiddenUntilFoundIsContent) {
  // hidden="until-found" is collapsed content that find-in-page reveals;
  // mobile Wikipedia collapses every section after the lead this way.
  pith::HtmlDoc doc = pith::parse_html(
      "<main><section><p>Lead paragraph.</p></section><h2>Course</h2>"
      "<section class=\"collapsible-block\" hidden=\"until-found\"><p>Section paragraph.</p></section></main>");
  EXPECT_EQ(texts(doc), (Texts{"Lead paragraph.", "Course", "Section paragraph."}));
}

TEST(ParseSkip, CollapsedPanelsAreContent) {
  // An accordion's or a tab set's closed panel is hidden until a click opens it (a product's
  // description, a specification tab): its text is the page's. Other hidden boxes stay hidden.
  pith::HtmlDoc doc = pith::parse_html(
      "<main><h2>Description</h2><div class=\"accordion__panel\" style=\"display:none\"><p>Panel paragraph.</p></div>"
      "<div role=tabpanel hidden><p>Tab paragraph.</p></div><div class=\"Collapse-Body\" hidden><p>Collapse paragraph.</p></div>"
      "<div class=\"product-tab__content\" hidden><p>Tabs paragraph.</p></div><div class=\"a-expander-content\" style=\"display:none\"><p>Expander paragraph.</p></div>"
      "<div class=\"drawer\" style=\"display:none\"><p>drawer text</p></div>"
      "<div class=\"accordion__panel\" aria-hidden=\"true\"><p>Aria paragraph.</p></div><div aria-hidden=\"true\"><p>aria hidden</p></div></main>");
  EXPECT_EQ(texts(doc), (Texts{"Description", "Panel paragraph.", "Tab paragraph.", "Collapse paragraph.", "Tabs paragraph.", "Expander paragraph.",
                               "Aria paragraph."}));
}

TEST(ParseSkip, StreamedBoundaryIsContent) {
  // React streaming: the hidden <div id="S:0"> is swapped in for the
  // <template id="B:0"> placeholder by the page's script.
  pith::HtmlDoc doc = pith::parse_html(
      "<body><template id=\"B:0\"></template><div hidden id=\"S:0\"><p>Streamed paragraph.</p></div>"
      "<div hidden id=\"S:x\">not a boundary</div><div hidden id=\"menu\">hidden menu</div></body>");
  EXPECT_EQ(texts(doc), (Texts{"Streamed paragraph."}));
}

TEST(ParseSkip, NotHiddenLookalikesAreShown) {
  pith::HtmlDoc doc = pith::parse_html(
      "<div aria-hidden=\"false\">aria false</div><div style=\"display: block\">display block</div>"
      "<div class=\"hidden-xs\">class hidden-xs</div>");
  EXPECT_EQ(texts(doc), (Texts{"aria false", "display block", "class hidden-xs"}));
}

// --- per-block context ---------------------------------------------------------------

TEST(ParseContext, LinkCharsCountTextInsideAHref) {
  pith::HtmlDoc doc = pith::parse_html("<p>Hello <a href=\"#\">world</a>.</p><p><a>anchor</a> without href</p><p>No links here.</p>");
  EXPECT_EQ(block_with(doc, "Hello world.").link_chars, 5u);
  EXPECT_EQ(block_with(doc, "anchor without href").link_chars, 0u);
  EXPECT_EQ(block_with(doc, "No links here.").link_chars, 0u);
}

TEST(ParseContext, LinkCharsCountNestedInlineTextAndWholeLinkBlocks) {
  pith::HtmlDoc doc = pith::parse_html("<p><a href=\"/x\">Read <b>more</b></a></p><li><a href=\"/y\">Home</a></li>");
  EXPECT_EQ(block_with(doc, "Read more").link_chars, 9u);
  EXPECT_TRUE(block_with(doc, "Read more").starts_with_link);
  EXPECT_EQ(block_with(doc, "Home").link_chars, 4u);
}

TEST(ParseContext, HeadingLevels) {
  pith::HtmlDoc doc = pith::parse_html("<h1>H one</h1><h2>H two</h2><h3>H three</h3><h4>H four</h4><h5>H five</h5><h6>H six</h6><p>Para</p>");
  EXPECT_EQ(block_with(doc, "H one").heading_level, 1);
  EXPECT_EQ(block_with(doc, "H two").heading_level, 2);
  EXPECT_EQ(block_with(doc, "H three").heading_level, 3);
  EXPECT_EQ(block_with(doc, "H four").heading_level, 4);
  EXPECT_EQ(block_with(doc, "H five").heading_level, 5);
  EXPECT_EQ(block_with(doc, "H six").heading_level, 6);
  EXPECT_EQ(block_with(doc, "Para").heading_level, 0);
  EXPECT_EQ(block_with(doc, "H three").tag, "h3");
}

TEST(ParseContext, ListTableQuotePreFigureFlags) {
  pith::HtmlDoc doc = pith::parse_html(
      "<p>plain</p><ul><li>list item</li></ul><dl><dt>term</dt><dd>definition</dd></dl>"
      "<table><tr><td>cell a</td><td>cell b</td></tr></table>"
      "<blockquote><p>quoted words</p></blockquote><pre>int x = 1;</pre>"
      "<figure><img src=x.jpg><figcaption>caption words</figcaption></figure>");
  const pith::Block& plain = block_with(doc, "plain");
  EXPECT_FALSE(plain.in_list || plain.in_table || plain.in_blockquote || plain.in_pre || plain.in_figure);
  EXPECT_TRUE(block_with(doc, "list item").in_list);
  EXPECT_TRUE(block_with(doc, "term").in_list);
  EXPECT_TRUE(block_with(doc, "definition").in_list);
  EXPECT_TRUE(block_with(doc, "cell a cell b").in_table);
  EXPECT_FALSE(block_with(doc, "cell a cell b").in_list);
  EXPECT_TRUE(block_with(doc, "quoted words").in_blockquote);
  EXPECT_TRUE(block_with(doc, "int x = 1;").in_pre);
  EXPECT_TRUE(block_with(doc, "caption words").in_figure);
  EXPECT_FALSE(block_with(doc, "quoted words").in_pre);
}

TEST(ParseContext, DomPathAndAncestorTokens) {
  pith::HtmlDoc doc = pith::parse_html(
      "<body><div id=\"main\" class=\"story wrap\"><div class=\"relatedPosts box\"><p>inside</p></div></div></body>");
  const pith::Block& b = block_with(doc, "inside");
  EXPECT_NE(b.dom_path.find("div#main.story.wrap"), std::string::npos) << b.dom_path;
  EXPECT_NE(b.dom_path.find("div.relatedPosts.box>p"), std::string::npos) << b.dom_path;
  EXPECT_EQ(b.dom_path.substr(b.dom_path.size() - 2), ">p");
  auto has = [&](const char* t) { return std::find(b.ancestor_tokens.begin(), b.ancestor_tokens.end(), t) != b.ancestor_tokens.end(); };
  EXPECT_TRUE(has("related")) << ::testing::PrintToString(b.ancestor_tokens);
  EXPECT_TRUE(has("posts"));
  EXPECT_TRUE(has("box"));
  EXPECT_TRUE(has("story"));
  EXPECT_TRUE(has("main"));
  EXPECT_GE(b.container, 0);
  ASSERT_LT(static_cast<std::size_t>(b.container), doc.nodes.size());
  EXPECT_EQ(doc.nodes[static_cast<std::size_t>(b.container)].tag, GUMBO_TAG_P);
}

// --- DOM priors -------------------------------------------------------------------------

double prior_of(const std::string& wrapper_open, const std::string& wrapper_close) {
  pith::HtmlDoc doc = pith::parse_html("<body>" + wrapper_open + "<p>probe text</p>" + wrapper_close + "</body>");
  return block_with(doc, "probe text").features.dom_prior;
}

TEST(ParsePriors, ChromeContainersAreNegative) {
  EXPECT_LT(prior_of("<nav>", "</nav>"), 0);
  EXPECT_LT(prior_of("<footer>", "</footer>"), 0);
  EXPECT_LT(prior_of("<aside>", "</aside>"), 0);
  EXPECT_LT(prior_of("<div class=\"related-posts\">", "</div>"), 0);
  EXPECT_LT(prior_of("<section id=\"comments\">", "</section>"), 0);
  EXPECT_LT(prior_of("<div role=\"navigation\">", "</div>"), 0);
  EXPECT_LT(prior_of("<div class=\"shareBar\">", "</div>"), 0);  // camelCase split
}

TEST(ParsePriors, ContentContainersArePositive) {
  EXPECT_GT(prior_of("<article>", "</article>"), 0);
  EXPECT_GT(prior_of("<div itemprop=\"articleBody\">", "</div>"), 0);
  EXPECT_GT(prior_of("<div class=\"entry-content\">", "</div>"), 0);
  EXPECT_GT(prior_of("<main>", "</main>"), 0);
}

TEST(ParsePriors, NeutralContainerIsZero) {
  EXPECT_EQ(prior_of("<div class=\"wrapper\">", "</div>"), 0);
  EXPECT_EQ(prior_of("<div class=\"canvas\">", "</div>"), 0);  // "nav" only as a whole word
}

TEST(ParsePriors, ModifiersDoNotCount) {
  EXPECT_GE(prior_of("<div class=\"has-sidebar\">", "</div>"), 0);
  EXPECT_GE(prior_of("<div class=\"with-right-rail\">", "</div>"), 0);
  EXPECT_GE(prior_of("<div class=\"no-comments\">", "</div>"), 0);
  // …but only within their own class token.
  EXPECT_LT(prior_of("<div class=\"has-thumb sidebar\">", "</div>"), 0);
}

double prior_in_section(const std::string& open, const std::string& heading) {
  pith::HtmlDoc doc = pith::parse_html("<body>" + open + "<h2>" + heading + "</h2><p>probe text</p></div></body>");
  return block_with(doc, "probe text").features.dom_prior;
}

TEST(ParsePriors, AnIdMadeFromTheSectionsHeadingNamesNoBox) {
  // A section anchored by its heading's slug (cut short, as CMSs do) is not a menu, nor a share box.
  EXPECT_EQ(prior_in_section("<div id=\"menu-innovation-strategies-building-memo\">", "Menu Innovation Strategies: Building Memorable Dining"), 0);
  EXPECT_EQ(prior_in_section("<div id=\"h-share-of-adults-who-read\">", "Share of adults who read"), 0);
  // Controls: the same id over other text, and a short id that merely says what its heading says.
  EXPECT_LT(prior_in_section("<div id=\"menu-innovation-strategies-building-memo\">", "Our latest stories"), 0);
  EXPECT_LT(prior_in_section("<div id=\"related-posts\">", "Related posts"), 0);
  // The class still speaks: a slug id does not clear a box its class names as chrome.
  EXPECT_LT(prior_in_section("<div class=\"sidebar\" id=\"menu-innovation-strategies-building-memo\">", "Menu Innovation Strategies"), 0);
}

TEST(ParsePriors, TheSitesBannerIsChrome) {
  // A <header> outside any article, section or main is the site's banner (its mega-menu without a <nav>)…
  EXPECT_LT(prior_of("<header><div class=\"top\">", "</div></header>"), 0);
  // …one inside them is the page's own header: its title and byline.
  EXPECT_EQ(prior_of("<article><header>", "</header></article>"), 1);
  EXPECT_GE(prior_of("<main><div><header>", "</header></div></main>"), 0);
  EXPECT_GE(prior_of("<div itemprop=\"articleBody\"><header>", "</header></div>"), 0);
}

TEST(ParsePriors, NearestNamedContainerSpeaks) {
  // A related box inside an article is a related box.
  EXPECT_LT(prior_of("<article><div class=\"related\">", "</div></article>"), 0);
  // Content inside a layout wrapper named like chrome is content.
  EXPECT_GT(prior_of("<div class=\"theia-sticky-sidebar\"><div class=\"entry-content\">", "</div></div>"), 0);
}

TEST(ParsePriors, ElementPriorDirectly) {
  std::string tokens;
  auto p = pith::dom_priors::element_prior(GUMBO_TAG_DIV, "post-share social", "", "", "", tokens);
  EXPECT_LT(p.prior, 0);
  EXPECT_EQ(tokens.find("share") != std::string::npos, true) << tokens;
  auto nav = pith::dom_priors::element_prior(GUMBO_TAG_NAV, "", "", "", "", tokens);
  EXPECT_TRUE(nav.semantic_chrome);
  auto art = pith::dom_priors::element_prior(GUMBO_TAG_ARTICLE, "", "", "", "", tokens);
  EXPECT_TRUE(art.content_root);
  EXPECT_GT(art.prior, 0);
}

// --- DOM table ------------------------------------------------------------------------------

TEST(ParseDom, CardsOfOneListShareASignature) {
  pith::HtmlDoc doc = pith::parse_html(
      "<ul><li class=\"card post-1\"><a href=/1>One</a></li><li class=\"card post-2\"><a href=/2>Two</a></li>"
      "<li class=\"card post-3\"><a href=/3>Three</a></li><li class=\"other\">Other</li></ul>");
  std::vector<const pith::DomNode*> lis;
  for (const pith::DomNode& n : doc.nodes)
    if (n.tag == GUMBO_TAG_LI) lis.push_back(&n);
  ASSERT_EQ(lis.size(), 4u);
  EXPECT_EQ(lis[0]->signature, lis[1]->signature);
  EXPECT_EQ(lis[1]->signature, lis[2]->signature);
  EXPECT_NE(lis[0]->signature, lis[3]->signature);
  EXPECT_EQ(lis[0]->repeats, 3u);
  EXPECT_EQ(lis[3]->repeats, 1u);
  EXPECT_TRUE(lis[0]->has_class);
  EXPECT_EQ(lis[0]->parent, lis[3]->parent);
  EXPECT_EQ(pith::detail::class_signature(GUMBO_TAG_LI, "card post-1"), pith::detail::class_signature(GUMBO_TAG_LI, "card post-2"));
  EXPECT_NE(pith::detail::class_signature(GUMBO_TAG_LI, "card"), pith::detail::class_signature(GUMBO_TAG_DIV, "card"));
}

TEST(ParseDom, NodesAreInDocumentOrderWithParentsBefore) {
  pith::HtmlDoc doc = pith::parse_html("<div><p>a</p><div><p>b</p></div></div><p>c</p>");
  ASSERT_FALSE(doc.nodes.empty());
  EXPECT_EQ(doc.nodes[0].parent, -1);
  for (std::size_t i = 1; i < doc.nodes.size(); ++i) {
    EXPECT_GE(doc.nodes[i].parent, 0);
    EXPECT_LT(doc.nodes[i].parent, static_cast<int>(i));
    EXPECT_EQ(doc.nodes[i].depth, doc.nodes[static_cast<std::size_t>(doc.nodes[i].parent)].depth + 1);
  }
}

// --- metadata ---------------------------------------------------------------------------------

TEST(ParseMeta, TitleFromOgTitleFirst) {
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><title>Tag title | Site</title><meta property=\"og:title\" content=\"Open Graph title\"></head>"
      "<body><p>x</p></body></html>");
  EXPECT_EQ(doc.meta.title, "Open Graph title");
}

TEST(ParseMeta, TitleFromTitleTagWithoutOg) {
  pith::HtmlDoc doc = pith::parse_html("<html><head><title>  Tag   title </title></head><body><p>x</p></body></html>");
  EXPECT_EQ(doc.meta.title, "Tag title");
}

TEST(ParseMeta, TitleFromH1WhenPartOfTitleTagOrAlone) {
  pith::HtmlDoc a = pith::parse_html("<html><head><title>Budget vote delayed | The Daily</title></head><body><h1>Budget vote delayed</h1></body></html>");
  EXPECT_EQ(a.meta.title, "Budget vote delayed");
  EXPECT_EQ(a.h1, "Budget vote delayed");
  pith::HtmlDoc b = pith::parse_html("<html><body><h1>Only <em>a</em> heading</h1><p>x</p></body></html>");
  EXPECT_EQ(b.meta.title, "Only a heading");
  // An <h1> unrelated to the <title> (a site logo) does not replace it.
  pith::HtmlDoc c = pith::parse_html("<html><head><title>Budget vote delayed</title></head><body><h1>The Daily</h1></body></html>");
  EXPECT_EQ(c.meta.title, "Budget vote delayed");
}

TEST(ParseMeta, H1WithInlineMarkupKeepsItsWordsWhole) {
  // The <h1> text must read as the block does: inline markup adds no spaces.
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><title>Why COVID-19 matters | The Daily</title></head>"
      "<body><h1>Why <b>COVID</b>-19 matters</h1><p>x</p></body></html>");
  EXPECT_EQ(block_with(doc, "Why COVID-19 matters").heading_level, 1);
  EXPECT_EQ(doc.h1, "Why COVID-19 matters");
  EXPECT_EQ(doc.meta.title, "Why COVID-19 matters");
}

TEST(ParseMeta, SiteNameInH1DoesNotBecomeTheTitle) {
  // A logo <h1> holding the site name is part of "<headline> | <site>" too,
  // but it is not the page's title.
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><title>Budget vote delayed | The Daily</title></head><body>"
      "<header><h1 class=\"site-title\"><a href=\"/\">The Daily</a></h1></header>"
      "<article><h2>Budget vote delayed</h2><p>x</p></article></body></html>");
  EXPECT_NE(doc.meta.title, "The Daily");
  EXPECT_NE(doc.meta.title.find("Budget vote delayed"), std::string::npos) << doc.meta.title;
}

TEST(ParseMeta, AuthorDateDescriptionSiteFromMeta) {
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><meta name=\"author\" content=\"Jane Doe\">"
      "<meta property=\"article:published_time\" content=\"2021-08-16T07:27:00Z\">"
      "<meta name=\"description\" content=\"What the budget means.\">"
      "<meta property=\"og:site_name\" content=\"The Daily\"></head><body><p>x</p></body></html>");
  EXPECT_EQ(doc.meta.author, "Jane Doe");
  EXPECT_EQ(doc.meta.date, "2021-08-16T07:27:00Z");
  EXPECT_EQ(doc.meta.description, "What the budget means.");
  EXPECT_EQ(doc.meta.site_name, "The Daily");
}

TEST(ParseMeta, AuthorUrlIsNotAName) {
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><meta property=\"article:author\" content=\"https://facebook.com/someone\"><meta name=\"author\" content=\"Jane Doe\">"
      "</head><body></body></html>");
  EXPECT_EQ(doc.meta.author, "Jane Doe");
}

TEST(ParseMeta, LanguageFromHtmlLang) {
  EXPECT_EQ(pith::parse_html("<html lang=\"de-AT\"><body><p>Hallo</p></body></html>").meta.language, "de-AT");
  EXPECT_EQ(pith::parse_html("<html><body><p>Hallo</p></body></html>").meta.language, "");
}

TEST(ParseMeta, JsonLdCollectedFromHeadAndBody) {
  pith::HtmlDoc doc = pith::parse_html(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\"}</script>"
      "<script>var notLd = 1;</script></head>"
      "<body><p>x</p><script type=\"Application/LD+JSON\">{\"@type\":\"BreadcrumbList\"}</script></body></html>");
  ASSERT_EQ(doc.json_ld.size(), 2u);
  EXPECT_NE(doc.json_ld[0].find("NewsArticle"), std::string::npos);
  EXPECT_NE(doc.json_ld[1].find("BreadcrumbList"), std::string::npos);
  EXPECT_FALSE(has_text_containing(doc, "NewsArticle"));
  EXPECT_FALSE(has_text_containing(doc, "BreadcrumbList"));
  pith::JsonLd ld = pith::read_json_ld(doc.json_ld);
  EXPECT_EQ(ld.type, "NewsArticle");
  EXPECT_EQ(ld.headline, "H");
}

TEST(ParseMeta, JsonLdSurvivesThePrefilter) {
  // clean_html strips scripts before parsing; JSON-LD must stay.
  std::string page =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"Recipe\",\"author\":{\"name\":\"Ann Cook\"}}</script>"
      "<script>var gone = 1;</script></head><body><p>x</p></body></html>";
  pith::HtmlDoc doc = pith::parse_html(pith::strip_invisible(page));
  ASSERT_EQ(doc.json_ld.size(), 1u);
  pith::Result r = pith::clean_html(page);
  EXPECT_EQ(r.metadata.page_type, "Recipe");
  EXPECT_EQ(r.metadata.author, "Ann Cook");
}

TEST(ParseMeta, MalformedHtmlNeverThrows) {
  for (const char* html : {"<", "<p", "</p></div></body>", "<table><td>x", "<a href='", "<!--", "<![CDATA[x", "<p><p><p>",
                           "<html><html><body><body>", "<frameset><frame></frameset>"}) {
    EXPECT_NO_THROW({
      pith::HtmlDoc doc = pith::parse_html(html);
      (void)doc;
    }) << html;
  }
}

}  // namespace
