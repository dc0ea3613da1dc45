// pith/region.hpp — HTML mode: find the subtree that holds the main content.
//
// A page's article is one box (or a few sibling boxes) of the DOM. As
// Readability does, every prose-like block votes for its ancestors (its
// parent most, further ancestors less); subtrees full of links lose votes;
// the best-scoring element and those of its siblings that score nearly as
// well form the main-content region. Blocks inside it get region_score 1.
// The region is a prior, not a verdict: `apply_region` uses it so that a
// related-stories list in a sidebar goes and a short paragraph inside the
// story stays.
//
//   pith::Region r = pith::find_region(doc.blocks, doc.nodes);
//   pith::mark_region(doc.blocks, r);
//   pith::apply_region(doc.blocks, r);
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pith/classify.hpp"
#include "pith/parse.hpp"
#include "pith/types.hpp"

namespace pith {
namespace rules {

/// At least this many alike siblings make a list of cards (two could be a pair of columns).
inline constexpr std::uint32_t kCardRepeats = 3;
/// A card is a teaser: a title and a line or two. Longer items are posts or sections.
inline constexpr double kCardMaxChars = 700;
/// A block looks for its card this many levels up (title link, excerpt, meta sit close together).
inline constexpr int kCardLevels = 5;
/// A sibling of the best box scoring at least this share of its score joins the region (Readability uses 0.2).
inline constexpr double kSiblingShare = 0.2;
/// A box named like boilerplate inside the region that holds at least this share of the region's
/// score is a misnamed wrapper of the article ("newsletter-post", an <article class="masthead-empty">),
/// not a sidebar. (Boxes named comment are what they say, however much prose they hold.)
inline constexpr double kMisnamedWrapperShare = 0.5;
/// A box named like boilerplate (not by the page's semantic tags, not "comment") that holds at least
/// this share of the page's prose is the article under a layout name ("sidebar-content" beside a
/// sidebar): sidebars and footers hold a little of a page's prose, never most of it.
inline constexpr double kMisnamedProseShare = 0.6;

/// The box around an e-mail field holds a sign-up pitch ("Get the day's top headlines in your inbox"),
/// the field's label and fine print: a few sentences. A box holding more holds more than the form.
inline constexpr double kSignupBoxChars = 400;
/// A teaser's excerpt is cut by its CMS at a fixed length and ends in "..." or "…"; at least this
/// many characters must follow its linked title, so a linked name before a quoted "…" is not one.
inline constexpr std::size_t kExcerptMinChars = 40;

}  // namespace rules

/// A teaser in one block: a linked title run into an excerpt that the site cut short ("Title Text
/// WASHINGTON: The agency said on Monday that…"). Articles end sentences; a list of other pages
/// truncates them.
inline bool truncated_teaser(const Block& b) {
  if (!b.starts_with_link || b.link_chars == 0 || b.features.chars < b.link_chars + rules::kExcerptMinChars) return false;
  std::string_view t = b.text;
  while (!t.empty() && (t.back() == ' ' || t.back() == ']' || t.back() == ')')) t.remove_suffix(1);
  return (t.size() >= 3 && t.substr(t.size() - 3) == "...") || (t.size() >= 3 && t.substr(t.size() - 3) == "\xE2\x80\xA6");
}

namespace detail {
/// Per node id, one past the last node id of its subtree: node ids are in
/// document order, so a subtree is the id range [id, subtree_ends[id]).
inline std::vector<int> subtree_ends(const std::vector<DomNode>& nodes) {
  const std::size_t n = nodes.size();
  std::vector<int> end(n);
  for (std::size_t i = 0; i < n; ++i) end[i] = static_cast<int>(i) + 1;
  for (std::size_t i = n; i-- > 0;) {
    const int p = nodes[i].parent;
    if (p >= 0) end[static_cast<std::size_t>(p)] = std::max(end[static_cast<std::size_t>(p)], end[i]);
  }
  return end;
}
}  // namespace detail

struct Region {
  std::vector<int> roots;       // node ids whose subtrees form the region
  std::vector<double> scores;   // per node: votes × (1 − link density)
  std::vector<int> subtree_end; // nodes are numbered in document order: node i's subtree is [i, subtree_end[i])
  std::vector<std::uint8_t> names;  // per node: dom_priors::NameFlag bits of its class/id words
  int best = -1;
  bool contains(int root, int id) const { return id >= root && id < subtree_end[static_cast<std::size_t>(root)]; }
};

/// How much one character of a block counts for or against the subtree that
/// holds it, by the block's context-free class and its container's prior.
inline double region_weight(const Block& b) {
  double w;
  switch (b.quality) {
    case Quality::Good: w = 1.0; break;       // prose: what the region is for
    case Quality::NearGood: w = 0.75; break;  // probably prose
    case Quality::Short: w = -0.1; break;     // captions, labels, subheads: a mild cost
    default:
      // Link lists and UI phrases are what a region must leave out; other
      // bad blocks (captions, name lists, dates) sit inside articles too.
      // (A linked sentence — link-heavy but ending like a sentence — is prose with citations.)
      w = ((b.features.link_density > rules::kMaxLinkDensity && !b.features.terminal_punct) || b.features.chrome_lexicon >= rules::kChromeCoverage) ? -1.0 : -0.25;
      break;
  }
  if (b.features.dom_prior <= dom_priors::kChrome && w > 0) w = -0.5;  // prose in a comments/sidebar box
  return w * static_cast<double>(b.features.chars);
}

/// Picks the subtree whose blocks carry the most prose and the least
/// boilerplate: the maximum over elements of Σ region_weight over the blocks
/// inside. A box holding the whole article beats one paragraph's box (more
/// prose) and beats <body> (less boilerplate).
inline Region find_region(const std::vector<Block>& blocks, const std::vector<DomNode>& nodes) {
  Region r;
  const std::size_t n = nodes.size();
  r.scores.assign(n, 0.0);
  r.subtree_end = detail::subtree_ends(nodes);
  r.names.resize(n);
  for (std::size_t i = 0; i < n; ++i) r.names[i] = nodes[i].names;
  // Two tallies per element: `strict` charges every non-prose block;
  // `lenient` charges only link lists and UI phrases. A box the page names as
  // content (<article>, itemprop=articleBody, class "entry-content") is
  // scored leniently: its lists, tables and labels are part of the article.
  std::vector<double> strict(n + 1, 0.0), lenient(n + 1, 0.0);
  for (const Block& b : blocks) {
    if (b.container < 0) continue;
    double w = region_weight(b);
    strict[static_cast<std::size_t>(b.container)] += w;
    bool chrome = b.features.link_density > rules::kMaxLinkDensity || b.features.chrome_lexicon >= rules::kChromeCoverage ||
                  b.features.dom_prior <= dom_priors::kChrome;
    lenient[static_cast<std::size_t>(b.container)] += (w > 0 || chrome) ? w : 0.0;
  }
  // Prefix sums over document order: a subtree is a contiguous id range.
  std::vector<double> ps(n + 1, 0.0), pl(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) ps[i + 1] = ps[i] + strict[i], pl[i + 1] = pl[i] + lenient[i];
  double best = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t e = static_cast<std::size_t>(r.subtree_end[i]);
    r.scores[i] = nodes[i].prior > 0 ? pl[e] - pl[i] : ps[e] - ps[i];
    if (r.scores[i] >= best && r.scores[i] > 0) best = r.scores[i], r.best = static_cast<int>(i);  // ties: the deeper box
  }
  if (r.best >= 0) {
    r.roots.push_back(r.best);
    // Readability's sibling merge: a sibling of the best box that scores nearly as well is more of
    // the same content (an article split around an inline "more stories" module, a landing page's
    // sections). Boxes between them that score below zero stay out.
    const int parent = nodes[static_cast<std::size_t>(r.best)].parent;
    if (parent >= 0)
      for (std::size_t i = static_cast<std::size_t>(parent) + 1; i < static_cast<std::size_t>(r.subtree_end[static_cast<std::size_t>(parent)]);
           i = static_cast<std::size_t>(r.subtree_end[i]))
        if (static_cast<int>(i) != r.best && nodes[i].parent == parent && r.scores[i] >= rules::kSiblingShare * best)
          r.roots.push_back(static_cast<int>(i));
  }
#ifdef PITH_DEBUG_REGION
  {
    std::vector<std::size_t> idx(n);
    for (std::size_t i = 0; i < n; ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return r.scores[a] > r.scores[b]; });
    for (std::size_t k = 0; k < std::min<std::size_t>(8, n); ++k)
      std::fprintf(stderr, "region cand node=%zu depth=%d tag=%d prior=%.1f score=%.0f end=%d\n", idx[k], nodes[idx[k]].depth, (int)nodes[idx[k]].tag, nodes[idx[k]].prior, r.scores[idx[k]], r.subtree_end[idx[k]]);
    for (std::size_t i = 0; i < n; ++i) if (nodes[i].prior > 0) std::fprintf(stderr, "  pos node=%zu prior=%.1f score=%.0f end=%d\n", i, nodes[i].prior, r.scores[i], r.subtree_end[i]);
  }
#endif
  return r;
}

/// Un-names boxes whose class words say boilerplate but that hold most of
/// the page's prose (Good blocks, see kMisnamedProseShare): their blocks
/// look past them for their chrome box, weak box and prior, and are
/// classified again. Runs before find_region, which would otherwise charge
/// the article for sitting in a "sidebar-layout".
inline void clear_misnamed_wrappers(std::vector<Block>& blocks, const std::vector<DomNode>& nodes, const DocContext& ctx) {
  const std::size_t n = nodes.size();
  double prose = 0;
  std::unordered_map<int, double> box_prose;
  for (const Block& b : blocks)
    if (b.quality == Quality::Good) {
      prose += static_cast<double>(b.features.chars);
      // Every named ancestor the block sits in, not only the nearest.
      for (int id = b.container; id >= 0; id = nodes[static_cast<std::size_t>(id)].parent) {
        const DomNode& d = nodes[static_cast<std::size_t>(id)];
        if (d.prior < 0 && !d.semantic_chrome && !(d.names & dom_priors::kNameComment)) box_prose[id] += static_cast<double>(b.features.chars);
      }
    }
  if (prose <= 0) return;
  std::vector<char> cleared(n, 0);
  bool any = false;
  for (const auto& [id, chars] : box_prose)
    if (chars >= rules::kMisnamedProseShare * prose) cleared[static_cast<std::size_t>(id)] = 1, any = true;
  if (!any) return;
  for (Block& b : blocks) {
    if (b.container < 0) continue;
    bool touched = false, semantic = false;
    int chrome = -1, weak = -1;
    float nearest = 0;
    for (int id = b.container; id >= 0; id = nodes[static_cast<std::size_t>(id)].parent) {
      const DomNode& d = nodes[static_cast<std::size_t>(id)];
      if (cleared[static_cast<std::size_t>(id)]) {
        touched = true;
        continue;
      }
      if (nearest == 0) nearest = d.prior;
      if (chrome < 0 && d.prior <= dom_priors::kChrome) chrome = id;
      if (weak < 0 && d.prior < 0) weak = id;
      semantic = semantic || d.semantic_chrome;
    }
    if (!touched) continue;
    b.chrome_box = chrome;
    b.weak_box = weak;
    b.features.dom_prior = semantic ? dom_priors::kChrome : nearest;
    classify_block(b, ctx);
  }
}

/// Marks blocks inside teaser cards Bad: an element repeated among its
/// siblings (same tag and class), short, and holding a title (a heading or a
/// link line) is one entry of a list of other pages — related stories, more
/// news, product tiles. Runs before find_region so such lists do not attract it.
inline void drop_teaser_cards(std::vector<Block>& blocks, const std::vector<DomNode>& nodes) {
  const std::size_t n = nodes.size();
  if (n == 0) return;
  const std::vector<int> end = detail::subtree_ends(nodes);
  std::vector<double> chars(n + 1, 0.0), titles(n + 1, 0.0), linked(n + 1, 0.0);
  // Per node id, the first node id at or after it holding a title / a prose block (n: none).
  std::vector<int> next_title(n + 1, static_cast<int>(n)), next_prose(n + 1, static_cast<int>(n));
  for (const Block& b : blocks) {
    if (b.container < 0) continue;
    const std::size_t c = static_cast<std::size_t>(b.container);
    chars[c + 1] += static_cast<double>(b.features.chars);
    // A title: a heading or a link line. (Not any block opening with a link:
    // roundup articles list items that way; unless its text is then cut short.)
    const bool title = b.heading_level > 0 || b.features.link_density > 0.5 || truncated_teaser(b);
    if (title) titles[c + 1] += 1, next_title[c] = std::min(next_title[c], b.container);
    else if (b.quality == Quality::Good || b.quality == Quality::NearGood) next_prose[c] = std::min(next_prose[c], b.container);
    if (b.features.link_density > 0.5 || truncated_teaser(b)) linked[static_cast<std::size_t>(b.container) + 1] += 1;
  }
  for (std::size_t i = 0; i < n; ++i) chars[i + 1] += chars[i], titles[i + 1] += titles[i], linked[i + 1] += linked[i];
  for (std::size_t i = n; i-- > 0;) next_title[i] = std::min(next_title[i], next_title[i + 1]), next_prose[i] = std::min(next_prose[i], next_prose[i + 1]);
  for (Block& b : blocks) {
    int level = 0;
    for (int id = b.container; id >= 0 && level < rules::kCardLevels; id = nodes[static_cast<std::size_t>(id)].parent, ++level) {
      const DomNode& d = nodes[static_cast<std::size_t>(id)];
      if (d.repeats < rules::kCardRepeats) continue;
      // Cards are list items, <article>s, or boxes with a class naming them; bare
      // <div>s repeat everywhere (paragraph wrappers, embeds).
      if (d.tag != GUMBO_TAG_LI && d.tag != GUMBO_TAG_ARTICLE && !((d.tag == GUMBO_TAG_DIV || d.tag == GUMBO_TAG_SECTION) && d.has_class)) continue;
      const std::size_t lo = static_cast<std::size_t>(id), hi = static_cast<std::size_t>(end[lo]);
      if (chars[hi] - chars[lo] > rules::kCardMaxChars || titles[hi] - titles[lo] < 1) break;
      // A teaser opens with its title, its excerpt follows; a box whose sentences come first and a
      // "See more: …" link after is a chunk of the story around a link to another (or the body of
      // an entry whose card, further up, holds its title).
      if (next_prose[lo] < next_title[lo]) continue;
      b.in_teaser = true;
      b.headed_card = linked[hi] - linked[lo] < 1;  // titled by an unlinked heading: perhaps an entry of the article
      if (b.quality != Quality::Bad) {
        b.quality = b.revised = Quality::Bad;
        b.reasons.emplace_back("in a list of teaser cards");
      }
      break;
    }
  }
}

/// Marks Bad the blocks of sign-up boxes: the largest box around an e-mail
/// field that holds at most kSignupBoxChars characters (a newsletter pitch,
/// "You have been subscribed!", the privacy notice), and boxes named "cta"
/// that small ("Ready to start? Get a free quote"). Runs before find_region,
/// and its blocks stay Bad inside the region (hard_bad).
inline void drop_signup_boxes(std::vector<Block>& blocks, const std::vector<DomNode>& nodes) {
  const std::size_t n = nodes.size();
  if (std::none_of(nodes.begin(), nodes.end(), [](const DomNode& d) { return d.email_input || (d.names & dom_priors::kNameCta); })) return;
  const std::vector<int> end = detail::subtree_ends(nodes);
  std::vector<double> chars(n + 1, 0.0);
  for (const Block& b : blocks)
    if (b.container >= 0) chars[static_cast<std::size_t>(b.container) + 1] += static_cast<double>(b.features.chars);
  for (std::size_t i = 0; i < n; ++i) chars[i + 1] += chars[i];
  auto subtree_chars = [&](int id) { return chars[static_cast<std::size_t>(end[static_cast<std::size_t>(id)])] - chars[static_cast<std::size_t>(id)]; };
  // Boxes are [first, end) ranges of node ids; `opened` counts, per node id, the boxes around it
  // (+1 where one starts, -1 where it ends, summed): linear however many fields a page has.
  std::vector<int> opened(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    // A box the page names a call to action ("cta") is one when it is as small as a sign-up box;
    // a larger one is a section a page builder named after its button.
    if ((nodes[i].names & dom_priors::kNameCta) && subtree_chars(static_cast<int>(i)) <= rules::kSignupBoxChars) {
      ++opened[i], --opened[static_cast<std::size_t>(end[i])];
      continue;
    }
    if (!nodes[i].email_input) continue;
    int box = -1;
    for (int id = static_cast<int>(i); id >= 0 && subtree_chars(id) <= rules::kSignupBoxChars; id = nodes[static_cast<std::size_t>(id)].parent) box = id;
    if (box >= 0) ++opened[static_cast<std::size_t>(box)], --opened[static_cast<std::size_t>(end[static_cast<std::size_t>(box)])];
  }
  for (std::size_t i = 0; i < n; ++i) opened[i + 1] += opened[i];
  for (Block& b : blocks)
    if (b.container >= 0 && opened[static_cast<std::size_t>(b.container)] > 0) {
      b.in_signup = true;
      b.quality = b.revised = Quality::Bad;
      b.reasons.emplace_back("inside a sign-up form's box");
    }
}

/// Gives back their own class to the blocks of cards inside the region that
/// are titled by an unlinked heading: a listicle's entries, an FAQ's answers,
/// a landing page's feature boxes are headed boxes of the content itself;
/// teasers of other pages link their titles. (Runs after find_region, so the
/// region is chosen as if they were teasers.)
inline void restore_headed_cards(std::vector<Block>& blocks, const Region& r, const DocContext& ctx) {
  if (r.best < 0) return;
  for (Block& b : blocks) {
    if (!b.in_teaser || !b.headed_card || b.features.region_score <= 0) continue;
    // Not inside a box named surely boilerplate ("related", "promo") within the region. Words that
    // only usually are ("widget", "callout", "embed") do not veto an unlinked heading's entry:
    // editors and page builders wrap every content box in a "widget".
    if (b.chrome_box >= 0 && !r.contains(b.chrome_box, r.best)) continue;
    b.in_teaser = false;
    classify_block(b, ctx);
    b.reasons.emplace_back("a headed entry inside the main-content region, not a teaser");
  }
}

/// Sets each block's region_score: 1 inside the region, 0 outside.
inline void mark_region(std::vector<Block>& blocks, const Region& r) {
  for (Block& b : blocks) {
    b.features.region_score = 0;
    for (int root : r.roots)
      if (b.container >= 0 && r.contains(root, b.container)) {
        b.features.region_score = 1;
        break;
      }
  }
}

/// Revises the context-free classes with the region and the DOM priors.
/// Boilerplate boxes lose their text (unless the main content itself sits in
/// one: theme wrappers named "sticky-sidebar" hold whole articles); inside
/// the region, short blocks and text without function words are the
/// article's subheads, list entries and table cells; outside it, only good
/// prose next to body text survives.
inline void apply_region(std::vector<Block>& blocks, const Region& r) {
  if (r.best < 0) return;
  for (Block& b : blocks) {
    const bool inside = b.features.region_score > 0;
    const bool misnamed = b.chrome_box >= 0 && r.contains(r.best, b.chrome_box) && !(r.names[static_cast<std::size_t>(b.chrome_box)] & dom_priors::kNameComment) &&
                          r.scores[static_cast<std::size_t>(b.chrome_box)] >= rules::kMisnamedWrapperShare * r.scores[static_cast<std::size_t>(r.best)];
    const bool in_chrome = b.chrome_box >= 0 && !r.contains(b.chrome_box, r.best) && !misnamed;
    const bool in_weak = b.weak_box >= 0 && !r.contains(b.weak_box, r.best);
    if (in_chrome) {
      if (b.revised != Quality::Bad) {
        b.revised = Quality::Bad;
        b.reasons.emplace_back("inside a boilerplate container");
      }
      continue;
    }
    if (!inside) {
      if (b.revised == Quality::Bad) continue;
      // The context stage keeps a near-good block between good ones.
      b.revised = b.revised == Quality::Good ? Quality::NearGood : Quality::Bad;
      b.reasons.emplace_back("outside the main-content region");
      continue;
    }
    if (b.revised == Quality::Bad && !in_weak && !hard_bad(b)) {
      b.revised = Quality::Short;
      b.reasons.emplace_back("inside the main-content region: neighbours decide");
    }
    if (b.revised == Quality::Short) {
      if (in_weak) {
        b.revised = Quality::Bad;  // a label of a "widget" or "meta" box
        b.reasons.emplace_back("short, inside a box named like boilerplate");
      } else if (b.features.link_density <= rules::kHighLinkDensity || b.features.terminal_punct) {
        b.revised = Quality::Good;
        b.reasons.emplace_back("short inside the main-content region");
      }
    } else if (b.revised == Quality::NearGood) {
      b.revised = Quality::Good;
      b.reasons.emplace_back("near-good inside the main-content region");
    }
  }
}

}  // namespace pith
