// Tests of page-type detection (pagetype.hpp) and type-aware extraction
// (typed.hpp), on small hand-written pages: each detection rule on its own,
// then what each type keeps that the article pipeline would drop.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <string>
#include <vector>

namespace {

const std::string kProse =
    "The committee met on Thursday to review the proposal in detail, and after a long discussion its members agreed "
    "that the plan should go ahead in the spring, provided that the budget is approved by the board before then.";

std::string page(const std::string& head, const std::string& body) {
  return "<!doctype html><html lang=en><head><title>T</title>" + head + "</head><body>" + body + "</body></html>";
}

std::string ld(const std::string& type) {
  return "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"" + type + "\"}</script>";
}

pith::Result html(const std::string& s, const std::string& url = "") {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  opt.url = url;
  return pith::clean(s, opt);
}

pith::Result html_as(const std::string& s, const std::string& type) {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  opt.page_type = type;
  return pith::clean(s, opt);
}

bool kept(const pith::Result& r, const std::string& needle) { return r.text.find(needle) != std::string::npos; }

const std::string kNav = "<nav><ul><li><a href=/>Home</a></li><li><a href=/a>About us</a></li><li><a href=/c>Contact</a></li></ul></nav>";
const std::string kFooter = "<footer><p>Copyright 2026 Example Company. All rights reserved. Privacy policy.</p></footer>";

// --- detection -------------------------------------------------------------

TEST(PageTypeDetect, NewsArticleDeclaredInJsonLdIsAnArticle) {
  auto r = html(page(ld("NewsArticle"), kNav + "<article><h1>Plan approved</h1><p>" + kProse + "</p><p>" + kProse + "</p></article>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Article);
  EXPECT_NE(r.page.evidence.find("article"), std::string::npos);
}

TEST(PageTypeDetect, DiscussionForumPostingIsAForum) {
  auto r = html(page(ld("DiscussionForumPosting"), "<div class=thread><p>" + kProse + "</p></div>"));
  EXPECT_EQ(r.page.type, pith::PageType::Forum);
}

TEST(PageTypeDetect, QaPageIsAForum) {
  auto r = html(page(ld("QAPage"), "<div><p>" + kProse + "</p></div>"));
  EXPECT_EQ(r.page.type, pith::PageType::Forum);
}

TEST(PageTypeDetect, ProductInJsonLdOrOgTypeIsAProduct) {
  auto a = html(page(ld("Product"), "<div><h1>Blue kettle</h1><p>" + kProse + "</p></div>"));
  EXPECT_EQ(a.page.type, pith::PageType::Product);
  auto b = html(page("<meta property=\"og:type\" content=\"product\">", "<div><h1>Blue kettle</h1><p>" + kProse + "</p></div>"));
  EXPECT_EQ(b.page.type, pith::PageType::Product);
}

TEST(PageTypeDetect, TechArticleIsDocumentation) {
  auto r = html(page(ld("TechArticle"), "<main><p>" + kProse + "</p></main>"));
  EXPECT_EQ(r.page.type, pith::PageType::Documentation);
}

TEST(PageTypeDetect, ManyCodeSamplesMakeDocumentation) {
  std::string body = "<main><h1>parse()</h1>";
  for (int i = 0; i < 5; ++i) body += "<p>Call it like this to read the input.</p><pre><code>result = parse(input, strict=True)</code></pre>";
  auto r = html(page("", body + "</main>"));
  EXPECT_EQ(r.page.type, pith::PageType::Documentation);
  EXPECT_GE(r.page.signals.code_blocks, 5);
}

TEST(PageTypeDetect, CodeInADeclaredArticleStaysAnArticle) {
  std::string body = "<article><h1>How I parse</h1><p>" + kProse + "</p>";
  for (int i = 0; i < 5; ++i) body += "<pre><code>result = parse(input, strict=True)</code></pre>";
  auto r = html(page(ld("BlogPosting"), body + "</article>"));
  EXPECT_EQ(r.page.type, pith::PageType::Article);
}

TEST(PageTypeDetect, RepeatedPostBoxesHoldingTheProseAreAForum) {
  std::string body = kNav + "<div class=topic>";
  for (int i = 0; i < 4; ++i)
    body += "<div class=\"message\"><div class=author>user" + std::to_string(i) + "</div><p>" + kProse + "</p></div>";
  auto r = html(page("", body + "</div>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Forum);
  EXPECT_GE(r.page.signals.post_share, 0.3);
}

TEST(PageTypeDetect, AnArticleWithACommentSectionIsNotAForum) {
  std::string body = "<div class=story>";
  for (int i = 0; i < 6; ++i) body += "<p>" + kProse + "</p>";
  body += "</div><div class=comments>";
  for (int i = 0; i < 4; ++i) body += "<div class=\"comment\"><p>Nice one, thanks for writing this.</p></div>";
  auto r = html(page("", body + "</div>"));
  EXPECT_EQ(r.page.type, pith::PageType::Article);
}

std::string cards(int n, bool prices) {
  std::string s = "<ul class=results>";
  for (int i = 0; i < n; ++i) {
    s += "<li class=\"card\"><h3><a href=/p" + std::to_string(i) + ">Item number " + std::to_string(i) + " title</a></h3><p>A short line about item " +
         std::to_string(i) + ".</p>";
    if (prices) s += "<span>$" + std::to_string(10 + i) + ".99</span>";
    s += "</li>";
  }
  return s + "</ul>";
}

TEST(PageTypeDetect, ACardListIsAListing) {
  auto r = html(page("", kNav + "<main><h1>Latest news</h1>" + cards(8, false) + "</main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Listing);
  EXPECT_EQ(r.page.signals.group_items, 8);
}

TEST(PageTypeDetect, ACardGridWithPricesIsACollection) {
  auto r = html(page("", kNav + "<main><h1>Kettles</h1>" + cards(8, true) + "</main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Collection);
  EXPECT_GE(r.page.signals.prices, 8);
}

TEST(PageTypeDetect, OgTypeProductGroupIsACollectionNotAProduct) {
  // A shop's category page declares og:type "product.group"; a few cards hold little of its text here,
  // so only the declaration can tell it from a product page.
  const std::string body = "<main><h1>Kettles</h1><p>" + kProse + "</p><p>" + kProse + "</p>" + cards(3, true) + "</main>";
  auto r = html(page("<meta property=\"og:type\" content=\"product.group\">", body));
  EXPECT_EQ(r.page.type, pith::PageType::Collection) << r.page.evidence;
  auto p = html(page("<meta property=\"og:type\" content=\"product\">", body));
  EXPECT_EQ(p.page.type, pith::PageType::Product) << p.page.evidence;
}

TEST(PageTypeDetect, AnArticleReviewingAProductIsAnArticle) {
  // JSON-LD naming both an article and a Product: the product is the item the article reviews.
  const std::string both = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
                           "{\"@type\":\"NewsArticle\"},{\"@type\":\"Product\"}]}</script>";
  const std::string body = "<main><h1>Blue kettle review</h1><p>" + kProse + "</p><p>" + kProse + "</p></main>";
  auto r = html(page(both, body));
  EXPECT_EQ(r.page.type, pith::PageType::Article) << r.page.evidence;
  // og:type "article" is stamped on every page of many shops: with a Product, the page stays a product.
  auto p = html(page("<meta property=\"og:type\" content=\"article\">" + ld("Product"), body));
  EXPECT_EQ(p.page.type, pith::PageType::Product) << p.page.evidence;
}

TEST(PageTypeDetect, ACardListDeclaredAsAnArticleIsAListing) {
  // og:type "article" stamped on a section front: next to no prose, mostly links, held by cards.
  auto r = html(page("<meta property=\"og:type\" content=\"article\">", kNav + "<main><h1>Dinner recipes</h1>" + cards(8, false) + "</main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Listing);
  // With prose, the declaration stands.
  auto a = html(page("<meta property=\"og:type\" content=\"article\">",
                     kNav + "<main><h1>Dinner recipes</h1><p>" + kProse + "</p><p>" + kProse + "</p>" + cards(4, false) + "</main>" + kFooter));
  EXPECT_EQ(a.page.type, pith::PageType::Article);
}

TEST(PageTypeDetect, LittleProseAndNoDeclarationIsAServicePage) {
  auto r = html(page("", kNav + "<main><h1>Cloud backup for teams</h1><h2>Fast</h2><p>Restore in minutes</p><h2>Safe</h2><p>Encrypted end to end</p>"
                             "<h2>Simple</h2><p>No setup needed</p></main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Service);
}

TEST(PageTypeDetect, LittleProseAndADozenPricesIsACollection) {
  // A shop grid whose tiles are not alike siblings and whose names are not links: only the prices tell.
  std::string body = kNav + "<main><h1>Garden chairs</h1>";
  for (int i = 0; i < 12; ++i)
    body += "<div><div><h3>Folding chair model " + std::to_string(i) + "</h3><p>Price $" + std::to_string(40 + i) + ".00</p></div></div>";
  auto r = html(page("", body + "</main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Collection) << r.page.evidence;
  EXPECT_NE(r.page.evidence.find("prices"), std::string::npos) << r.page.evidence;
  // A landing page with three plans stays a service page.
  auto s = html(page("", kNav + "<main><h1>Cloud backup for teams</h1><h2>Basic</h2><p>$5 a month</p><h2>Team</h2><p>$12 a month</p>"
                             "<h2>Business</h2><p>$30 a month</p></main>" + kFooter));
  EXPECT_EQ(s.page.type, pith::PageType::Service) << s.page.evidence;
}

TEST(PageTypeDetect, LittleProseMostlyLinksIsAListing) {
  std::string body = kNav + "<main><h1>Archive</h1>";
  for (int i = 0; i < 6; ++i)
    body += "<p><a href=/s" + std::to_string(i) + ">The story number " + std::to_string(i) + " of the archive</a> (3 min)</p>";
  auto r = html(page("", body + "</main>" + kFooter));
  EXPECT_EQ(r.page.type, pith::PageType::Listing);
  EXPECT_TRUE(kept(r, "The story number 5 of the archive"));
}

// A site banner: a <header> outside any article, section or main, its mega-menu in plain lists.
std::string mega_menu_header(const std::string& open, const std::string& close) {
  std::string h = open + "<div class=top><ul>";
  for (int i = 0; i < 30; ++i) h += "<li><a href=/p" + std::to_string(i) + ">Product family number " + std::to_string(i) + " for teams</a></li>";
  return h + "</ul></div>" + close;
}

TEST(PageTypeDetect, TheSiteBannersMenuIsNotThePagesText) {
  const std::string story = "<div class=body><h1>What is a cloud</h1><p>" + kProse + "</p><p>" + kProse + "</p><p>" + kProse + "</p></div>";
  auto r = html(page("", mega_menu_header("<header>", "</header>") + story));
  EXPECT_EQ(r.page.type, pith::PageType::Article);
  EXPECT_LT(r.page.signals.link_share, 0.1);
  // Control: a header inside the page's <article> is the article's own, and its links count.
  auto c = html(page("", "<article>" + mega_menu_header("<header>", "</header>") + story + "</article>"));
  EXPECT_GT(c.page.signals.link_share, 0.4);
}

TEST(PageTypeDetect, UrlShapeDecidesWhenThePageSaysNothing) {
  const std::string body = "<main><h2>Re: printer offline</h2><p>Try a restart</p><h2>Re: printer offline</h2><p>Worked, thanks</p></main>";
  EXPECT_EQ(html(page("", body), "https://example.org/forum/printer-offline-123").page.type, pith::PageType::Forum);
  EXPECT_EQ(html(page("", body), "https://example.org/docs/printers").page.type, pith::PageType::Documentation);
  EXPECT_NE(html(page("", body)).page.type, pith::PageType::Forum);  // without the URL
}

TEST(PageTypeDetect, CallerCanSetTheType) {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  opt.page_type = "forum";
  auto r = pith::clean(page(ld("NewsArticle"), "<article><p>" + kProse + "</p></article>"), opt);
  EXPECT_EQ(r.page.type, pith::PageType::Forum);
  EXPECT_EQ(r.page.evidence, "set by the caller");
}

TEST(PageTypeDetect, AlikeTitledSectionsWithoutADeclarationAreAServicePage) {
  // Mostly prose, but cut into alike boxes that each open with a heading and hold the text: a landing page's sections.
  pith::PageSignals s;
  s.prose_share = 0.75;
  s.link_share = 0.05;
  s.group_items = 6;
  s.group_share = 0.8;
  s.group_item_chars = 900;  // longer than a card: sections, not teasers
  s.group_titled = 1.0;
  EXPECT_EQ(pith::decide_page_type(s, "").type, pith::PageType::Service);
  // Declared as an article, the sections are the story's.
  pith::PageSignals a = s;
  a.og_type = "article";
  EXPECT_EQ(pith::decide_page_type(a, "").type, pith::PageType::Article);
  // Boxes that mostly do not open with a title are paragraphs of a story.
  pith::PageSignals p = s;
  p.group_titled = 0.5;
  EXPECT_EQ(pith::decide_page_type(p, "").type, pith::PageType::Article);
}

TEST(PageTypeDetect, HalfProseWithoutADeclarationIsAServicePage) {
  // Some prose (between kServiceProse and kArticleProse) among headings and labels, no declaration: a landing page.
  pith::PageSignals s;
  s.prose_share = 0.5;
  s.link_share = 0.1;
  EXPECT_EQ(pith::decide_page_type(s, "").type, pith::PageType::Service);
  s.prose_share = 0.7;  // mostly prose: an article
  EXPECT_EQ(pith::decide_page_type(s, "").type, pith::PageType::Article);
  s.prose_share = 0.5;  // declared: an article
  s.ld_types = {"BlogPosting"};
  EXPECT_EQ(pith::decide_page_type(s, "").type, pith::PageType::Article);
}

TEST(PageTypeDetect, CountsPrices) {
  EXPECT_EQ(pith::detail::count_prices("Was $12.99, now 9,99 \xE2\x82\xAC or \xC2\xA3" "5"), 3);
  EXPECT_EQ(pith::detail::count_prices("US$ is a currency; 10 % off"), 0);
}

TEST(PageTypeDetect, ShownInJsonAndExplain) {
  auto r = html(page(ld("Product"), "<div><p>" + kProse + "</p></div>"));
  std::string json = pith::render(r, pith::Format::Json);
  EXPECT_NE(json.find("\"page\""), std::string::npos);
  EXPECT_NE(json.find("\"type\": \"product\""), std::string::npos);
  std::string explain = pith::render(r, pith::Format::Explain);
  EXPECT_EQ(explain.rfind("page type: product", 0), 0u);
}

// --- type-aware extraction ---------------------------------------------------

TEST(PageTypeExtract, ForumKeepsEveryPostIncludingCommentBoxes) {
  std::string body = kNav + "<div class=topic><h1>Printer goes offline every night</h1>";
  const std::vector<std::string> posts = {"My printer goes offline every night and I have to restart it each morning.",
                                          "Have you tried turning off the power saving mode in the settings menu?",
                                          "Yes, that fixed it, thank you very much for the help.",
                                          "Same problem here, the firmware update solved it for me as well."};
  for (const auto& p : posts) body += "<div class=\"comment post\"><div class=author>someone</div><p>" + p + "</p></div>";
  auto r = html(page(ld("DiscussionForumPosting"), body + "</div>" + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Forum);
  for (const auto& p : posts) EXPECT_TRUE(kept(r, p)) << p;
  EXPECT_FALSE(kept(r, "All rights reserved"));
  EXPECT_FALSE(kept(r, "About us"));
}

TEST(PageTypeExtract, ForumDropsRemarksUnderEachPost) {
  // A Q&A thread: the question and answers are posts; the short comments listed under each are remarks on them.
  std::string body = kNav + "<div class=topic><h1>Printer goes offline every night</h1>";
  const std::vector<std::string> posts = {"My printer goes offline every night and I have to restart it each morning before work, which takes a while.",
                                          "Turn off the power saving mode in the settings menu, then restart the printer once and it should stay online.",
                                          "Updating the firmware solved the same problem for me, and it has not happened since then, not even once."};
  for (std::size_t i = 0; i < posts.size(); ++i)
    body += "<div class=\"post answer\"><p>" + posts[i] + "</p><ul class=comments><li class=comment>Remark number " + std::to_string(i) +
            ", which says that this did not work on my own office printer at all.</li><li class=comment>Second remark " +
            std::to_string(i) + ", which says that it worked for them after all, thanks.</li></ul></div>";
  auto r = html(page(ld("DiscussionForumPosting"), body + "</div>" + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Forum);
  for (const auto& p : posts) EXPECT_TRUE(kept(r, p)) << p;
  EXPECT_FALSE(kept(r, "Remark number 1")) << r.text;
  EXPECT_FALSE(kept(r, "Second remark 2")) << r.text;
  // One post and the comments below it: the comments are the thread's replies.
  const std::string one = kNav + "<div class=topic><h1>Printer goes offline every night</h1><div class=post><p>" + posts[0] +
                          "</p></div><ul class=comments><li class=comment>" + posts[1] + "</li><li class=comment>" + posts[2] + "</li></ul></div>";
  auto t = html(page(ld("DiscussionForumPosting"), "<div class=thread>" + one + "</div>" + kFooter));
  ASSERT_EQ(t.page.type, pith::PageType::Forum);
  for (const auto& p : posts) EXPECT_TRUE(kept(t, p)) << p << "\n" << t.text;
}

TEST(PageTypeExtract, ListingKeepsItsCardsAndDropsFilters) {
  std::string body = kNav + "<main><h1>Latest news</h1><div class=\"filters\"><ul><li><a href=?s=new>Newest first</a></li><li><a href=?s=old>Oldest first</a></li>"
                            "<li><a href=?t=x>Only videos</a></li></ul></div>" + cards(6, false) + "</main>" + kFooter;
  auto r = html(page("", body));
  ASSERT_EQ(r.page.type, pith::PageType::Listing);
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(kept(r, "Item number " + std::to_string(i) + " title")) << i;
    EXPECT_TRUE(kept(r, "A short line about item " + std::to_string(i))) << i;
  }
  EXPECT_FALSE(kept(r, "Newest first"));
  EXPECT_FALSE(kept(r, "About us"));
}

TEST(PageTypeExtract, ListingKeepsItsCardsInABoxNamedLikeChrome) {
  // The page's own list of cards sits in a box named "related": on a listing it is still the content.
  std::string list = "<ul class=results>";
  for (int i = 0; i < 6; ++i)
    list += "<li class=card><h3><a href=/p" + std::to_string(i) + ">Item number " + std::to_string(i) + " title</a></h3><p>A line or two about item " +
            std::to_string(i) + ", what it is and who it suits.</p></li>";
  std::string body = kNav + "<main><h1>Latest news</h1><div class=\"related-items\">" + list + "</ul></div></main>" + kFooter;
  auto r = html_as(page("", body), "listing");
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(kept(r, "A line or two about item " + std::to_string(i))) << i << pith::render(r, pith::Format::Explain);
  // A list of short links (a menu) named like chrome is not a list of cards.
  std::string menu = "<div class=\"menu\"><ul>";
  for (int i = 0; i < 12; ++i) menu += "<li><a href=/c" + std::to_string(i) + ">Category " + std::to_string(i) + "</a></li>";
  auto m = html_as(page("", kNav + "<main><h1>Latest news</h1>" + menu + "</ul></div>" + cards(3, false) + "</main>" + kFooter), "listing");
  EXPECT_FALSE(kept(m, "Category 7")) << pith::render(m, pith::Format::Explain);
}

TEST(PageTypeExtract, DocumentationKeepsCodeAndTablesAndDropsTheToc) {
  std::string body = kNav + "<div class=\"toc\"><ul><li><a href=#a>Installation guide</a></li><li><a href=#b>Configuration</a></li></ul></div>"
                            "<main><h1>parse()</h1><p>Parses the input.</p>";
  for (int i = 0; i < 4; ++i) body += "<pre><code>result = parse(input_" + std::to_string(i) + ")</code></pre>";
  body += "<table><tr><th>Option</th><th>Meaning</th></tr><tr><td>strict</td><td>fail on errors</td></tr></table></main>";
  auto r = html(page("", body));
  ASSERT_EQ(r.page.type, pith::PageType::Documentation);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(kept(r, "parse(input_" + std::to_string(i) + ")")) << i;
  EXPECT_TRUE(kept(r, "strict fail on errors"));
  EXPECT_FALSE(kept(r, "Installation guide"));
}

TEST(PageTypeExtract, ProductKeepsDescriptionAndSpecifications) {
  std::string body = kNav + "<main><h1>Blue kettle</h1><div class=desc><p>" + kProse + "</p></div>"
                            "<ul class=specs><li>Colour: blue | Capacity: 1.7 l | Power: 2200 W</li><li>Weight: 1.1 kg</li></ul>"
                            "<div class=share><a href=/s>Share on social media</a></div></main>" + kFooter;
  auto r = html(page(ld("Product"), body));
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_TRUE(kept(r, "provided that the budget"));
  EXPECT_TRUE(kept(r, "Colour: blue | Capacity: 1.7 l")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(kept(r, "All rights reserved"));
  EXPECT_FALSE(kept(r, "Share on social media"));
}

TEST(PageTypeExtract, ProductDropsAGridOfOtherProducts) {
  // "Customers also viewed": short linked cards with prices are other products, not this one's content.
  std::string body = kNav + "<main><h1>Blue kettle</h1><div class=desc><p>" + kProse + "</p><p>" + kProse + "</p><p>" + kProse + "</p></div>"
                            "<ul class=specs><li>Capacity: 1.7 l</li><li>Power: 2200 W</li><li>Weight: 1.1 kg</li></ul>"
                            "<h2>Customers also viewed</h2><div class=recs>";
  for (int i = 0; i < 4; ++i)
    body += "<div class=tile><div class=name><a href=/p" + std::to_string(i) + ">Green teapot model " + std::to_string(i) +
            "</a></div><div class=seller>Sold by a private seller</div><div class=price>$" + std::to_string(20 + i) + ".50</div></div>";
  auto r = html(page(ld("Product"), body + "</div></main>" + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_TRUE(kept(r, "provided that the budget"));
  EXPECT_TRUE(kept(r, "Power: 2200 W"));  // specification rows repeat too, but carry no price and no link
  EXPECT_FALSE(kept(r, "Sold by a private seller")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(kept(r, "$21.50"));
}

TEST(PageTypeExtract, ProductDropsOtherProductsInACarouselOfCarousels) {
  // Each card's title is a heading and its link an overlay without text; the cards sit in a
  // carousel that is itself one of a few alike boxes (its outer box is no card of a product).
  std::string body = kNav + "<main><h1>Blue kettle</h1><div class=desc><p>" + kProse + "</p><p>" + kProse + "</p><p>" + kProse + "</p></div>"
                            "<ul class=specs><li>Capacity: 1.7 l</li><li>Power: 2200 W</li><li>Weight: 1.1 kg</li></ul>";
  for (int c = 0; c < 3; ++c) {
    body += "<div class=carousel><h2>Similar items " + std::to_string(c) + "</h2><ul>";
    for (int i = 0; i < 8; ++i)
      body += "<li><div class=card><h3>Green teapot model " + std::to_string(c) + std::to_string(i) + "</h3><div class=seller>Sold by a private seller</div>"
              "<div class=price>$" + std::to_string(20 + i) + ".50</div></div><a class=overlay aria-label=teapot href=/p" + std::to_string(i) + "></a></li>";
    body += "</ul></div>";
  }
  auto r = html_as(page(ld("Product"), body + "</main>" + kFooter), "product");
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_TRUE(kept(r, "provided that the budget"));
  EXPECT_TRUE(kept(r, "Power: 2200 W"));
  EXPECT_FALSE(kept(r, "Green teapot model 12")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(kept(r, "$21.50"));
}

TEST(PageTypeExtract, ProductPageThatIsAllOtherProductsKeepsThem) {
  // A category page declaring a Product: its priced cards are nearly all of its text, they are the page.
  std::string body = kNav + "<main><h1>Kettles</h1><ul class=grid>";
  for (int i = 0; i < 12; ++i)
    body += "<li class=tile><h3><a href=/p" + std::to_string(i) + ">Green teapot model " + std::to_string(i) + "</a></h3><div class=price>$" +
            std::to_string(20 + i) + ".50</div></li>";
  auto r = html_as(page(ld("Product"), body + "</ul></main>" + kFooter), "product");
  ASSERT_EQ(r.page.type, pith::PageType::Product) << r.page.evidence;
  EXPECT_TRUE(kept(r, "Green teapot model 7")) << pith::render(r, pith::Format::Explain);
}

TEST(PageTypeExtract, ProductDropsCustomerReviews) {
  // A box named "reviews" holds what customers say, not what the product is.
  std::string body = kNav + "<main><h1>Blue kettle</h1><div class=desc><p>" + kProse + "</p><p>" + kProse + "</p><p>" + kProse + "</p></div>"
                            "<ul class=specs><li>Capacity: 1.7 l</li><li>Power: 2200 W</li><li>Weight: 1.1 kg</li></ul></main>"
                            "<div class=product-reviews><h2>Customer reviews</h2><div><p>I bought this kettle for my office last winter and it has "
                            "boiled water every single morning since then without any trouble, so I would happily buy it again.</p></div></div>" + kFooter;
  auto r = html(page(ld("Product"), body));
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_TRUE(kept(r, "provided that the budget"));
  EXPECT_TRUE(kept(r, "Power: 2200 W"));
  EXPECT_FALSE(kept(r, "boiled water every single morning")) << pith::render(r, pith::Format::Explain);
  EXPECT_TRUE(pith::dom_priors::name_flags("product reviews") & pith::dom_priors::kNameReview);
  EXPECT_FALSE(pith::dom_priors::name_flags("product preview") & pith::dom_priors::kNameReview);
}

TEST(PageTypeExtract, ProductGetsItsJsonLdDescriptionWhenThePageHidesIt) {
  // The description is drawn by a script: only JSON-LD holds it, so it is added (markup dropped).
  const std::string product_ld =
      "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Blue kettle\",\"description\":"
      "\"<h4>BOILS IN NINETY SECONDS.</h4><p>A steel kettle that boils a full litre of water faster than any kettle we sold before.</p>\"}</script>";
  std::string body = kNav + "<main><h1>Blue kettle</h1><ul class=specs><li>Capacity: 1.7 l</li><li>Power: 2200 W</li><li>Weight: 1.1 kg</li></ul>"
                            "<div class=product-description></div></main>" + kFooter;
  auto r = html(page(product_ld, body));
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_TRUE(kept(r, "BOILS IN NINETY SECONDS.\nA steel kettle that boils")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(kept(r, "<p>"));
  EXPECT_TRUE(kept(r, "Power: 2200 W"));
  // Shown on the page already: not added twice.
  auto shown = html(page(product_ld, kNav + "<main><h1>Blue kettle</h1><p>A steel kettle that boils a full litre of water faster than "
                                            "any kettle we sold before.</p></main>" + kFooter));
  EXPECT_EQ(shown.text.find("A steel kettle"), shown.text.rfind("A steel kettle")) << shown.text;
  // An encoded string is not text.
  auto encoded = html(page("<script type=\"application/ld+json\">{\"@type\":\"Product\",\"description\":"
                           "\"A%20steel%20kettle%20that%20boils%20a%20full%20litre%20of%20water%20faster%20than%20any%20other\"}</script>",
                           body));
  EXPECT_FALSE(kept(encoded, "A%20steel")) << encoded.text;
}

TEST(PageTypeExtract, JsonLdInsideAHiddenBoxIsRead) {
  // Shops hide their whole product section until a script reveals it: its JSON-LD still counts.
  std::string body = kNav + "<main><div style=\"display: none\"><h1>Blue kettle</h1><script type=\"application/ld+json\">"
                            "{\"@type\":\"Product\",\"description\":\"A steel kettle that boils a full litre of water faster than any kettle we sold before.\"}"
                            "</script></div></main>" + kFooter;
  auto r = html(page("", body));
  EXPECT_EQ(r.page.type, pith::PageType::Product) << r.page.evidence;
  EXPECT_TRUE(kept(r, "A steel kettle that boils")) << pith::render(r, pith::Format::Explain);
  EXPECT_FALSE(kept(r, "Blue kettle"));  // the hidden text itself stays hidden
}

TEST(PageTypeExtract, ServiceKeepsEverySection) {
  const std::vector<std::string> parts = {"Restore any file in minutes", "Encrypted end to end", "No setup needed at all", "Support around the clock"};
  std::string body = kNav + "<main>";
  for (const auto& p : parts) body += "<section class=feature><h2>Why us</h2><p>" + p + "</p></section>";
  auto r = html(page("", body + "</main>" + kFooter));
  ASSERT_NE(r.page.type, pith::PageType::Article);  // a service page (or its feature boxes read as cards)
  for (const auto& p : parts) EXPECT_TRUE(kept(r, p)) << p;
  EXPECT_FALSE(kept(r, "All rights reserved"));
}

TEST(PageTypeExtract, ASentenceThePageRepeatsIsKeptOnce) {
  // Landing pages draw a banner twice (one copy per screen size): the widened text keeps it once.
  const std::string banner = "<p>Book a free consultation with our team and get your first month at half price.</p>";
  std::string body = kNav + "<main><div class=hero-desktop>" + banner + "</div>";
  for (const char* p : {"Restore any file in minutes", "Encrypted end to end", "No setup needed at all"})
    body += std::string("<section class=feature><h2>Why us</h2><p>") + p + "</p></section>";
  auto r = html(page("", body + "</main><div class=hero-mobile>" + banner + "</div>" + kFooter));
  ASSERT_NE(r.page.type, pith::PageType::Article);
  const std::string needle = "Book a free consultation";
  const std::size_t first = r.text.find(needle);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(r.text.find(needle, first + 1), std::string::npos) << r.text;
}

TEST(PageTypeExtract, ArticleWhoseBodyWasMissedFallsBackToItsNonChromeText) {
  // An events list marked up as an article: every entry is a teaser card, so
  // the article pipeline keeps nothing; the page's non-chrome text is its body.
  std::string body = kNav + "<div class=events><h1>Conferences in 2026</h1><ul class=list>";
  for (int i = 0; i < 5; ++i)
    body += "<li class=event><h2><a href=/e" + std::to_string(i) + ">Conference " + std::to_string(i) + "</a></h2><p>City " + std::to_string(i) +
            "</p><p>A gathering of engineers and researchers number " + std::to_string(i) + ".</p></li>";
  auto r = html(page(ld("Article"), body + "</ul></div>" + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Article);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(kept(r, "researchers number " + std::to_string(i))) << i;
  EXPECT_FALSE(kept(r, "All rights reserved"));
}

TEST(PageTypeExtract, ArticleKeepsItsCommentsOut) {
  std::string body = kNav + "<article><h1>Plan approved</h1>";
  for (int i = 0; i < 5; ++i) body += "<p>" + kProse + "</p>";
  body += "</article><div class=comments><div class=comment><p>I think the whole plan is a waste of money and time.</p></div></div>";
  auto r = html(page(ld("NewsArticle"), body + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Article);
  EXPECT_TRUE(kept(r, "provided that the budget"));
  EXPECT_FALSE(kept(r, "waste of money"));
}

TEST(PageTypeExtract, ArticleInsideAWrapperNamedLikeBoilerplateIsKept) {
  // Theme wrappers named "newsletter-post" or <article class="masthead-empty"> hold the whole story:
  // a box named like chrome that holds most of the region's prose is a misnamed wrapper.
  std::string body = kNav + "<div class=page><div class=\"newsletter-post post\"><h1>Plan approved</h1><div class=\"available-content\">";
  for (int i = 0; i < 5; ++i) body += "<p>" + kProse + " Paragraph " + std::to_string(i) + ".</p>";
  body += "</div></div><div class=comments><div class=comment><p>I think the whole plan is a waste of money and time.</p></div></div></div>";
  auto r = html(page(ld("NewsArticle"), body + kFooter));
  ASSERT_EQ(r.page.type, pith::PageType::Article);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(kept(r, "Paragraph " + std::to_string(i) + ".")) << i;
  EXPECT_FALSE(kept(r, "waste of money"));
}

TEST(PageTypeExtract, ScriptDrawnPageIsReadFromItsNoscriptView) {
  // Forum software draws the thread with scripts and keeps a crawler view in <noscript>.
  std::string body = "<div id=app></div><noscript><div class=topic><h1>Printer goes offline</h1>";
  for (int i = 0; i < 3; ++i) body += "<div class=post><p>" + kProse + " Reply " + std::to_string(i) + ".</p></div>";
  auto r = html(page(ld("DiscussionForumPosting"), body + "</div></noscript>"));
  EXPECT_TRUE(kept(r, "Reply 0.")) << r.text;
  EXPECT_TRUE(kept(r, "Reply 2."));
  // A page with visible text is not read from its <noscript>.
  auto v = html(page("", "<article><p>" + kProse + "</p><p>" + kProse + "</p></article><noscript><p>Please enable JavaScript to view the comments.</p></noscript>"));
  EXPECT_FALSE(kept(v, "enable JavaScript"));
}

}  // namespace

// --- issue #7: more WCXB points ----------------------------------------------

namespace {

std::string qa_post(int i, const std::string& cls) {
  const std::string n = std::to_string(i);
  return "<div class=\"" + cls + "\"><div class=postcell><p>" + kProse + " Answer " + n + " adds its own view.</p>" +
         "<div class=post-signature><div class=user-info><div class=user-details><a href=/u/" + n + ">User" + n + "</a>" +
         "<div class=flair>" + n + ",992 " + std::to_string(i + 1) + " gold badges " + std::to_string(i + 2) + " silver badges</div>" +
         "</div></div></div></div></div>";
}

}  // namespace

TEST(PageTypeForum, CountersInEachPostsAuthorBoxAreDropped) {
  auto r = html(page(ld("QAPage"), "<div id=question>" + qa_post(1, "question") + "</div><div id=answers>" + qa_post(2, "answer") +
                                       qa_post(3, "answer") + qa_post(4, "answer") + "</div>"));
  ASSERT_EQ(r.page.type, pith::PageType::Forum);
  EXPECT_TRUE(kept(r, "Answer 3 adds its own view."));
  // The answers' author boxes repeat at one place of the DOM: their counters go.
  EXPECT_FALSE(kept(r, "3,992 4 gold badges"));
  EXPECT_FALSE(kept(r, "4,992 5 gold badges"));
}

TEST(PageTypeForum, NumberedStepsInAPostAreKept) {
  // A post's own list items carry numbers too: they are its body, not its header's counters.
  std::string posts;
  for (int i = 1; i <= 3; ++i)
    posts += "<div class=post><p>" + kProse + " Reply " + std::to_string(i) + ".</p><ul><li>Slot width 2 or 3</li></ul></div>";
  auto r = html(page(ld("DiscussionForumPosting"), posts));
  ASSERT_EQ(r.page.type, pith::PageType::Forum);
  EXPECT_TRUE(kept(r, "Slot width 2 or 3"));
}

TEST(PageTypeArticle, ArticleWithoutABodyWhoseTextIsLinksIsReadAsAListing) {
  // A declared article (a wiki's list page): a few paragraphs, then tables of linked rows the article
  // pipeline drops; links fill the text, so the rows are the content, as on a listing.
  std::string paras, rows;
  for (const char* day : {"Monday", "Tuesday", "Friday", "Sunday", "Saturday"})
    paras += "<p>The council met on " + std::string(day) +
             " to review the proposal in detail, and after a long discussion its members agreed that the plan should go ahead "
             "in the spring, provided that the budget is approved by the board before then.</p>";
  for (int i = 0; i < 160; ++i)
    rows += "<tr><td><a href=/w/Town_" + std::to_string(i) + ">Town number " + std::to_string(i) + "</a> in Westshire " +
            std::to_string(1000 + i) + "</td></tr>";
  for (int i = 0; i < 30; ++i)
    rows += "<tr><td><a href=/w/T_" + std::to_string(i) + ">Town number " + std::to_string(i) + " County " + std::to_string(i) + "</a></td></tr>";
  auto r = html(page(ld("Article"), "<div id=content><h1>List of towns</h1>" + paras + "<table class=wikitable>" + rows + "</table></div>"));
  EXPECT_EQ(r.page.type, pith::PageType::Listing);
  EXPECT_TRUE(kept(r, "Town number 5 County 5"));
  EXPECT_TRUE(kept(r, "The council met on Monday"));
}

TEST(PageTypeExtract, CollectionWhoseCardsAreFiguresKeepsTheirText) {
  // Product tiles drawn as <figure>s: in the page's main group of cards their text is the content, not captions.
  std::string cards;
  for (int i = 0; i < 8; ++i)
    cards += "<div class=product-card><div class=card-body><figure><img src=/i" + std::to_string(i) +
             ".jpg alt=\"\"><div class=card-info><div class=card-title><a href=/p/" + std::to_string(i) + ">Trail Runner " +
             std::to_string(i) + "</a></div><div class=card-subtitle>Men's road running shoes with a cushioned sole</div><div class=price>$" +
             std::to_string(100 + i) + "</div></div></figure></div></div>";
  auto r = html(page("", "<main><h1>Running shoes</h1><section><div class=grid>" + cards + "</div></section></main>"));
  ASSERT_EQ(r.page.type, pith::PageType::Collection);
  EXPECT_TRUE(kept(r, "Trail Runner 3"));
  EXPECT_TRUE(kept(r, "Men's road running shoes with a cushioned sole"));
}
