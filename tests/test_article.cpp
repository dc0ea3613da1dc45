// Tests of the rules for article pages (issue #7): each on a small hand-written
// page or on hand-set page signals, with a control that the rule leaves alone.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <string>

namespace {

const std::string kProse =
    "The committee met on Thursday to review the proposal in detail, and after a long discussion its members agreed "
    "that the plan should go ahead in the spring, provided that the budget is approved by the board before then.";

pith::Result html(const std::string& body) {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  return pith::clean("<!doctype html><html lang=en><head><title>T</title></head><body>" + body + "</body></html>", opt);
}

bool kept(const pith::Result& r, const std::string& needle) { return r.text.find(needle) != std::string::npos; }

// --- parse: a table inside a <figure> -----------------------------------------

TEST(ArticleTables, ATableInsideAFigureIsNotACaption) {
  pith::HtmlDoc doc = pith::parse_html(
      "<figure class=wp-block-table><table><tr><td>Quick setup</td><td>Few integrations</td></tr></table>"
      "<figcaption>Table 1: pros and cons</figcaption></figure>"
      "<table><tr><td><figure><figcaption>Chart credit</figcaption></figure></td></tr></table>");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_FALSE(doc.blocks[0].in_figure);  // the table's row is the figure's content
  EXPECT_TRUE(doc.blocks[1].in_figure);   // its <figcaption> is the caption
  EXPECT_TRUE(doc.blocks[2].in_figure);   // a figure inside a table still has a caption
}

TEST(ArticleTables, AnArticleKeepsItsTableWrappedInAFigure) {
  const std::string table =
      "<figure class=wp-block-table><table><tbody>"
      "<tr><td>Pros</td><td>Cons</td></tr>"
      "<tr><td>High adaptability to changing requirements</td><td>May lead to scope creep without clear boundaries</td></tr>"
      "<tr><td>Frequent releases ensure continuous feedback</td><td>Requires significant customer involvement</td></tr>"
      "</tbody></table></figure>";
  auto r = html("<nav><a href=/>Home</a> <a href=/a>About</a></nav><article><h1>Agile or waterfall</h1><p>" + kProse + "</p>" + table +
                "<p>" + kProse + "</p></article>");
  EXPECT_TRUE(kept(r, "High adaptability to changing requirements")) << r.text;
  EXPECT_TRUE(kept(r, "Requires significant customer involvement")) << r.text;
}

// --- page type: prose outweighs a list of alike boxes -----------------------

pith::PageSignals headed_sections(double prose_share) {
  pith::PageSignals s;
  s.content_chars = 6000;
  s.prose_share = prose_share;
  s.link_share = 0.13;
  s.group_items = 11;  // eleven alike boxes, most opening with a heading, hold two thirds of the text
  s.group_share = 0.65;
  s.group_item_chars = 369;
  // Enough titled boxes for cards (kCardsTitled), too few for a service page's titled sections
  // (kSectionsTitled), which take an undeclared page of alike titled boxes whatever its prose.
  s.group_titled = 0.7;
  return s;
}

TEST(ArticlePageType, AListOfAlikeSectionsThatIsMostlyProseIsAnArticle) {
  EXPECT_EQ(pith::decide_page_type(headed_sections(0.72), "").type, pith::PageType::Article);
}

TEST(ArticlePageType, AListOfAlikeCardsWithLittleProseIsStillAListing) {
  EXPECT_EQ(pith::decide_page_type(headed_sections(0.30), "").type, pith::PageType::Listing);
}

}  // namespace
