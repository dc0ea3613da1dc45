// Tests of the rules for shop pages (typed.hpp): product and collection pages,
// on blocks built by hand and on small hand-written pages.
#include <gtest/gtest.h>
#include <pith/pith.hpp>

#include <string>
#include <vector>

namespace {

std::vector<pith::Block> kept_blocks(const std::vector<std::string>& lines) {
  std::vector<pith::Block> blocks;
  for (const std::string& s : lines) {
    pith::Block b;
    b.text = s;
    b.label = pith::Label::Keep;
    blocks.push_back(b);
  }
  return blocks;
}

std::vector<std::string> kept_text(const std::vector<pith::Block>& blocks) {
  std::vector<std::string> out;
  for (const pith::Block& b : blocks)
    if (b.label == pith::Label::Keep) out.push_back(b.text);
  return out;
}

pith::PageTypeInfo typed(pith::PageType t) {
  pith::PageTypeInfo p;
  p.type = t;
  return p;
}

}  // namespace

TEST(ShopRepeats, ProductKeepsALineOnce) {
  // A variant picker and a loading notice drawn twice (once per screen size) are kept once.
  auto blocks = kept_blocks({"Royal Black", "Loading...", "A wallet machined from one block of aluminium.", "Royal Black", "Loading..."});
  pith::drop_product_repeats(blocks, typed(pith::PageType::Product));
  EXPECT_EQ(kept_text(blocks), (std::vector<std::string>{"Royal Black", "Loading...", "A wallet machined from one block of aluminium."}));
  EXPECT_EQ(blocks[3].reasons.back(), "repeats an earlier line on a product page");
}

TEST(ShopRepeats, CollectionKeepsCardsOfTheSameName) {
  // On a grid of products, two cards of one name are two items (another colour, another size).
  auto blocks = kept_blocks({"Joco Cup 4oz", "$18", "Joco Cup 4oz", "$18"});
  pith::drop_product_repeats(blocks, typed(pith::PageType::Collection));
  EXPECT_EQ(kept_text(blocks).size(), 4u);
}

TEST(ShopRepeats, FieldLabelsAndTheirValuesRepeatInAComparison) {
  // Each column of a comparison of variants repeats its fields and often their values.
  auto blocks = kept_blocks({"Classic", "Ideal for:", "Hot sleepers", "Washed", "Ideal for:", "Hot sleepers", "Hot sleepers"});
  pith::drop_product_repeats(blocks, typed(pith::PageType::Product));
  EXPECT_EQ(kept_text(blocks), (std::vector<std::string>{"Classic", "Ideal for:", "Hot sleepers", "Washed", "Ideal for:", "Hot sleepers"}));
}

TEST(ShopRepeats, OtherPageTypesKeepTheirRepeats) {
  for (pith::PageType t : {pith::PageType::Article, pith::PageType::Listing, pith::PageType::Service, pith::PageType::Forum,
                           pith::PageType::Documentation}) {
    auto blocks = kept_blocks({"Quick View", "Quick View"});
    pith::drop_product_repeats(blocks, typed(t));
    EXPECT_EQ(kept_text(blocks).size(), 2u) << pith::to_string(t);
  }
}

TEST(ShopRepeats, AProductPageDrawingItsBuyBoxTwiceKeepsItOnce) {
  const std::string prose =
      "The committee met on Thursday to review the proposal in detail, and after a long discussion its members agreed "
      "that the plan should go ahead in the spring, provided that the budget is approved by the board before then.";
  const std::string buy = "<div class=offer><div class=stock>Only two left in stock</div></div>";
  const std::string html = "<!doctype html><html lang=en><head><title>T</title>"
                           "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\"}</script>"
                           "</head><body><main><h1>Blue kettle</h1><div class=offer-desktop>" + buy + "</div><div class=desc><p>" + prose +
                           "</p></div><div class=offer-mobile>" + buy + "</div></main></body></html>";
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  pith::Result r = pith::clean(html, opt);
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_NE(r.text.find("provided that the budget"), std::string::npos);
  const std::size_t first = r.text.find("Only two left in stock");
  ASSERT_NE(first, std::string::npos) << pith::render(r, pith::Format::Explain);
  EXPECT_EQ(r.text.find("Only two left in stock", first + 1), std::string::npos) << r.text;
}

TEST(ShopPurchaseWidgets, AProductPageDropsItsCartAndBuyBoxText) {
  const std::string prose =
      "The kettle boils a full litre in under three minutes, switches itself off when the water is ready, and keeps "
      "its handle cool to the touch, so it can be carried to the table straight after boiling.";
  const std::string html = "<!doctype html><html lang=en><head><title>T</title>"
                           "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\"}</script>"
                           "</head><body><main><h1>Blue kettle</h1>"
                           "<div class=\"product-form buy-box\"><p>Order within two hours for dispatch today</p></div>"
                           "<div class=desc><p>" + prose + "</p></div>"
                           "<div id=mini-cart><p>Your basket holds no items yet</p></div></main></body></html>";
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  pith::Result r = pith::clean(html, opt);
  ASSERT_EQ(r.page.type, pith::PageType::Product);
  EXPECT_NE(r.text.find("keeps its handle cool"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("dispatch today"), std::string::npos) << pith::render(r, pith::Format::Explain);
  EXPECT_EQ(r.text.find("holds no items"), std::string::npos) << pith::render(r, pith::Format::Explain);
}

TEST(ShopPurchaseWidgets, OnlyWholeWordsOnShopPages) {
  auto blocks = kept_blocks({"Earn 40 points with this order", "Maps of the coast", "A table row", "Free gift with orders this week"});
  blocks[0].ancestor_tokens = {"loyalty", "points"};
  blocks[1].ancestor_tokens = {"cartography"};  // a word holding "cart" is not a cart
  blocks[2].ancestor_tokens = {"cart"};
  blocks[2].in_table = true;  // a bulk-price or specification table stays
  blocks[3].ancestor_tokens = {"promo", "message"};
  for (pith::PageType t : {pith::PageType::Article, pith::PageType::Listing, pith::PageType::Service}) {
    auto other = blocks;
    pith::drop_purchase_widgets(other, typed(t));
    EXPECT_EQ(kept_text(other).size(), 4u) << pith::to_string(t);
  }
  auto collection = blocks;  // a collection's "message" box may hold its introduction
  pith::drop_purchase_widgets(collection, typed(pith::PageType::Collection));
  EXPECT_EQ(kept_text(collection), (std::vector<std::string>{"Maps of the coast", "A table row", "Free gift with orders this week"}));
  pith::drop_purchase_widgets(blocks, typed(pith::PageType::Product));
  EXPECT_EQ(kept_text(blocks), (std::vector<std::string>{"Maps of the coast", "A table row"}));
}
