// pith_eval — scores pith on the bundled corpora, beside the peers and baselines.
//
//   pith_eval --corpus corpus                 all sets: HTML, text, seeds
//   pith_eval --corpus corpus --set html --worst 15
//   pith_eval --corpus corpus --set wcxb --worst 5   WCXB word F1 per page type
//   pith_eval --corpus corpus --dump /tmp/out  also writes <id>.html.txt per page, and for
//                                              the text sets <set>/<id>.txt and <id>.json
//                                              (the Result as JSON: every block's decision)
//
// HTML set (corpus/scrapinghub): shingle F1, precision, recall for pith and
// every system in peers/, as ../shared/tools/shingle_f1.py computes them, and
// the pages where pith trails the best open-source peer most.
// Text set (corpus/textset): pith's text mode against two baselines on the
// same lines: keep everything, and the C4 line rules.
// WCXB text set (corpus/wcxb-text): the same, scored by WCXB's must-appear and
// must-not-appear snippets (bench/segments.hpp), as the held-out test scores.
// WCXB (corpus/wcxb): word F1 per page and page type, as
// ../shared/tools/word_f1.py computes it, beside the published peers.
// Seeds (corpus/seeds): how many lines differ from the hand-made gold.
// --dump-features FILE: the text model's inputs for every line of the text
// set, the WCXB text set and the seeds, with labels (tools/train_text_model.py).
// Throughput: MB/s and documents/s of HTML mode beside a Gumbo parse alone
// on the same bytes (the floor pith is measured against).
#include <gumbo.h>
#include <pith/pith.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "segments.hpp"
#include "shingle_f1.hpp"
#include "word_f1.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void print_row(const std::string& name, const pith_bench::Score& s) {
  std::printf("  %-22s %6.3f %6.3f %6.3f\n", name.c_str(), s.f1, s.precision, s.recall);
}

/// C4's line filter (Raffel et al. 2020): keep lines that end in terminal
/// punctuation and have at least 3 words; drop lines mentioning javascript or
/// holding a curly bracket.
std::string c4_filter(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = pith::detail::fold_space(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    pith::Features f = pith::text_features(line, pith::lexicon::kUnknown);
    std::string low = pith::detail::to_lower(line);
    if (!f.terminal_punct || f.words < 3 || low.find("javascript") != std::string::npos || line.find('{') != std::string::npos) continue;
    out += line + "\n";
  }
  return out;
}

int run_html(const fs::path& dir, const std::string& dump, int worst) {
  auto docs = pith_bench::load_html_set(dir);
  if (docs.empty()) {
    std::fprintf(stderr, "no pages under %s\n", dir.c_str());
    return 1;
  }
  std::vector<pith_bench::Counts> rows;
  std::map<std::string, std::string> mine;
  double bytes = 0;
  auto t0 = Clock::now();
  for (const auto& d : docs) {
    pith::Options opt;
    opt.input = pith::InputMode::Html;
    pith::Result r = pith::clean(d.input, opt);
    mine[d.id] = r.text;
    bytes += static_cast<double>(d.input.size());
  }
  double pith_s = seconds_since(t0);
  // The floor: Gumbo's parse and free of the same bytes, nothing else.
  auto t1 = Clock::now();
  for (const auto& d : docs) {
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, d.input.data(), d.input.size());
    gumbo_destroy_output(&kGumboDefaultOptions, out);
  }
  double gumbo_s = seconds_since(t1);

  for (const auto& d : docs) rows.push_back(pith_bench::doc_counts(d.gold, mine[d.id]));
  auto peers = pith_bench::load_peers(dir / "peers");
  std::vector<std::pair<std::string, pith_bench::Score>> table{{"pith", pith_bench::score(rows)}};
  std::map<std::string, std::vector<pith_bench::Counts>> peer_rows;
  for (const auto& [name, out] : peers) {
    auto& pr = peer_rows[name];
    for (const auto& d : docs) {
      auto it = out.find(d.id);
      pr.push_back(pith_bench::doc_counts(d.gold, it == out.end() ? "" : it->second));
    }
    table.emplace_back(name, pith_bench::score(pr));
  }
  std::sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.second.f1 > b.second.f1; });
  std::printf("HTML mode — %s (%zu pages, shingle F1)\n  %-22s %6s %6s %6s\n", dir.c_str(), docs.size(), "system", "F1", "prec", "recall");
  for (const auto& [name, s] : table) print_row(name, s);
  const double mb = bytes / 1e6;
  std::printf("  throughput: pith %.1f MB/s, %.0f docs/s; Gumbo parse alone %.1f MB/s (%.2fx the floor)\n", mb / pith_s,
              static_cast<double>(docs.size()) / pith_s, mb / gumbo_s, gumbo_s / pith_s);

  if (worst > 0) {
    // Where pith trails the best of the open-source peers most.
    std::vector<std::string> open = {"trafilatura", "readability_js", "rs_trafilatura", "readability", "go_trafilatura", "justext",
                                     "boilerpipe", "newspaper", "goose3", "dragnet"};
    std::vector<std::tuple<double, std::string, double, double, std::string>> gaps;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      double best = 0;
      std::string who;
      for (const auto& name : open) {
        auto it = peer_rows.find(name);
        if (it == peer_rows.end()) continue;
        double f = pith_bench::doc_f1(it->second[i]);
        if (f > best) best = f, who = name;
      }
      double me = pith_bench::doc_f1(rows[i]);
      gaps.emplace_back(me - best, docs[i].id, me, best, who);
    }
    std::sort(gaps.begin(), gaps.end());
    std::printf("  pages where pith trails the best open-source peer most:\n");
    for (int k = 0; k < worst && k < static_cast<int>(gaps.size()); ++k) {
      const auto& [gap, id, me, best, who] = gaps[static_cast<std::size_t>(k)];
      const auto& c = rows[static_cast<std::size_t>(std::find_if(docs.begin(), docs.end(), [&](const auto& d) { return d.id == id; }) - docs.begin())];
      std::printf("    %.16s  pith %.2f (p %.2f r %.2f)  %s %.2f\n", id.c_str(), me, pith_bench::doc_precision(c), pith_bench::doc_recall(c), who.c_str(), best);
    }
  }
  if (!dump.empty()) {
    fs::create_directories(dump);
    for (const auto& [id, text] : mine) std::ofstream(fs::path(dump) / (id + ".html.txt"), std::ios::binary) << text;
  }
  return 0;
}

/// Text mode's output for one document under `dump`/`set`: the text and the JSON
/// rendering (every block's features, score, label and reasons), so that a speed-up
/// can be checked to change nothing (diff -r two dumps).
void dump_text_doc(const std::string& dump, const char* set, const std::string& id, const std::string& input) {
  if (dump.empty()) return;
  const fs::path dir = fs::path(dump) / set;
  fs::create_directories(dir);
  pith::Options opt;
  opt.input = pith::InputMode::Text;
  const pith::Result r = pith::clean(input, opt);
  std::ofstream(dir / (id + ".txt"), std::ios::binary) << r.text;
  std::ofstream(dir / (id + ".json"), std::ios::binary) << pith::render(r, pith::Format::Json);
}

int run_text(const fs::path& dir, const std::string& dump) {
  auto docs = pith_bench::load_text_set(dir);
  if (docs.empty()) {
    std::fprintf(stderr, "no text documents under %s\n", dir.c_str());
    return 1;
  }
  std::vector<pith_bench::Counts> mine, all, c4;
  double bytes = 0;
  auto t0 = Clock::now();
  std::vector<std::string> outs;
  for (const auto& d : docs) {
    pith::Options opt;
    opt.input = pith::InputMode::Text;
    outs.push_back(pith::clean(d.input, opt).text);
    bytes += static_cast<double>(d.input.size());
  }
  double secs = seconds_since(t0);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    mine.push_back(pith_bench::doc_counts(docs[i].gold, outs[i]));
    all.push_back(pith_bench::doc_counts(docs[i].gold, docs[i].input));
    c4.push_back(pith_bench::doc_counts(docs[i].gold, c4_filter(docs[i].input)));
  }
  for (const auto& d : docs) dump_text_doc(dump, "textset", d.id, d.input);
  std::printf("Text mode — %s (%zu rendered pages, shingle F1)\n  %-22s %6s %6s %6s\n", dir.c_str(), docs.size(), "system", "F1", "prec", "recall");
  print_row("pith", pith_bench::score(mine));
  print_row("C4 line rules", pith_bench::score(c4));
  print_row("keep everything", pith_bench::score(all));
  std::printf("  throughput: %.1f MB/s, %.0f docs/s\n", bytes / 1e6 / secs, static_cast<double>(docs.size()) / secs);
  return 0;
}

/// Text mode with the rules only, as clean_text runs them; the blocks and context the model sees.
struct RulesRun {
  std::vector<pith::Block> blocks;
  pith::DocContext ctx;
};

RulesRun run_rules(const std::string& text) {
  RulesRun r;
  pith::detail::SegmentScope segment_once;
  pith::Decoded d = pith::decode(text, "", false);
  r.blocks = pith::split_lines(d.text);
  r.ctx = pith::detail::context_and_features(r.blocks, "");
  pith::classify(r.blocks, r.ctx);
  pith::postprocess(r.blocks, r.ctx);
  return r;
}

/// One TSV row per line: set, page, group (domain; the page when unknown), line, label, inputs.
void dump_doc(std::FILE* out, const char* set, const std::string& id, const std::string& group, const std::string& text, const std::vector<char>& labels) {
  RulesRun r = run_rules(text);
  std::vector<float> x;
  {
    pith::detail::SegmentScope segment_once;
    pith::text_model::inputs(r.blocks, r.ctx, x);
  }
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const std::size_t line = r.blocks[i].source_line;
    const char label = line < labels.size() ? labels[line] : 'D';
    std::fprintf(out, "%s\t%s\t%s\t%zu\t%c", set, id.c_str(), group.c_str(), line, label);
    for (std::size_t k = 0; k < pith::text_model::kInputs; ++k) std::fprintf(out, "\t%.9g", static_cast<double>(x[i * pith::text_model::kInputs + k]));
    std::fputc('\n', out);
  }
}

int dump_features(const fs::path& corpus, const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return 1;
  }
  std::size_t pages = 0;
  for (const auto& s : pith_bench::load_seeds(corpus / "seeds")) dump_doc(out, "seeds", s.name, s.name, s.text, s.labels), ++pages;
  for (const auto& d : pith_bench::load_text_set(corpus / "textset")) {
    std::vector<char> labels;
    std::istringstream in(pith_bench::read_file(corpus / "textset" / (d.id + ".labels")));
    std::string line;
    while (std::getline(in, line)) labels.push_back(line.empty() ? 'D' : line[0]);
    dump_doc(out, "textset", d.id, d.id, d.input, labels), ++pages;
  }
  for (const auto& d : pith_bench::load_wcxb_text_set(corpus / "wcxb-text", corpus / "wcxb"))
    dump_doc(out, "wcxbtext", d.id, d.domain.empty() ? d.id : d.domain, d.input, d.labels), ++pages;
  std::fclose(out);
  std::fprintf(stderr, "wrote the model inputs of %zu pages to %s\n", pages, path.c_str());
  return 0;
}

int run_wcxb_text(const fs::path& corpus, bool by_type, const std::string& dump) {
  auto docs = pith_bench::load_wcxb_text_set(corpus / "wcxb-text", corpus / "wcxb");
  if (docs.empty()) {
    std::fprintf(stderr, "no pages under %s\n", (corpus / "wcxb-text").c_str());
    return 1;
  }
  std::vector<pith_bench::SegmentCounts> mine, all, c4, rules;
  std::map<std::string, std::vector<pith_bench::SegmentCounts>> mine_by_type;
  double bytes = 0;
  std::vector<std::string> outs;
  auto t0 = Clock::now();
  for (const auto& d : docs) {
    pith::Options opt;
    opt.input = pith::InputMode::Text;
    outs.push_back(pith::clean(d.input, opt).text);
    bytes += static_cast<double>(d.input.size());
  }
  double secs = seconds_since(t0);
  std::vector<std::string> rule_outs;
  auto t1 = Clock::now();
  for (const auto& d : docs) {
    pith::Options opt;
    opt.input = pith::InputMode::Text;
    opt.text_model = false;
    rule_outs.push_back(pith::clean(d.input, opt).text);
  }
  double rule_secs = seconds_since(t1);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    mine.push_back(pith_bench::segment_counts(outs[i], d.with, d.without));
    mine_by_type[d.page_type].push_back(mine.back());
    rules.push_back(pith_bench::segment_counts(rule_outs[i], d.with, d.without));
    all.push_back(pith_bench::segment_counts(d.input, d.with, d.without));
    c4.push_back(pith_bench::segment_counts(c4_filter(d.input), d.with, d.without));
  }
  for (const auto& d : docs) dump_text_doc(dump, "wcxb-text", d.id, d.input);
  std::printf("Text mode — %s (%zu WCXB pages rendered to text, segment F1: with/without snippets)\n  %-22s %6s %6s %6s\n", (corpus / "wcxb-text").c_str(),
              docs.size(), "system", "F1", "prec", "recall");
  print_row("pith", pith_bench::segment_score(mine));
  print_row("pith, rules only", pith_bench::segment_score(rules));
  print_row("C4 line rules", pith_bench::segment_score(c4));
  print_row("keep everything", pith_bench::segment_score(all));
  if (by_type)
    for (const auto& [type, rows] : mine_by_type) print_row("  pith: " + type + " (" + std::to_string(rows.size()) + ")", pith_bench::segment_score(rows));
  std::printf("  throughput: %.1f MB/s, %.0f docs/s (rules only: %.1f MB/s)\n", bytes / 1e6 / secs, static_cast<double>(docs.size()) / secs, bytes / 1e6 / rule_secs);
  return 0;
}

int run_seeds(const fs::path& dir, const std::string& dump) {
  auto seeds = pith_bench::load_seeds(dir);
  std::size_t wrong_total = 0, lines_total = 0;
  std::printf("Seeds — %s (line labels K keep / D drop / E either)\n", dir.c_str());
  for (const auto& s : seeds) {
    pith::Options opt;
    opt.input = pith::InputMode::Text;
    pith::Result r = pith::clean(s.text, opt);
    dump_text_doc(dump, "seeds", s.name, s.text);
    std::vector<char> kept(s.labels.size(), 0);
    for (const pith::Block& b : r.blocks)
      if (b.label == pith::Label::Keep && b.source_line < kept.size()) kept[b.source_line] = 1;
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < s.labels.size(); ++i)
      if ((s.labels[i] == 'K' && !kept[i]) || (s.labels[i] == 'D' && kept[i])) ++wrong;
    std::printf("  %-24s %3zu lines, %zu wrong\n", s.name.c_str(), s.labels.size(), wrong);
    wrong_total += wrong;
    lines_total += s.labels.size();
  }
  std::printf("  all seeds: %zu of %zu lines wrong\n", wrong_total, lines_total);
  return 0;
}

/// WCXB (corpus/wcxb): word F1 per page type beside the published peers, the
/// odd/even id halves (rules are tuned on odd ids; even ids check they carry
/// over), how often pith's detected page type matches the label, and the
/// worst pages per type.
int run_wcxb(const fs::path& dir, const std::string& dump, int worst, const std::string& scores, bool all_types) {
  auto pages = pith_bench::load_wcxb(dir);
  if (pages.empty()) {
    std::fprintf(stderr, "no pages under %s\n", dir.c_str());
    return 1;
  }
  // Published word F1 on this split (corpus/wcxb/README.md); per type, trafilatura's.
  const std::vector<std::pair<const char*, double>> peers = {{"rs-trafilatura", 0.859}, {"MinerU-HTML", 0.827}, {"trafilatura", 0.791},
                                                             {"dom-smoothie", 0.762}, {"newspaper4k", 0.720}, {"magic-html", 0.719},
                                                             {"jusText", 0.707},      {"BoilerPy3", 0.687},  {"Readability", 0.675},
                                                             {"Goose3", 0.652}};
  const std::map<std::string, double> trafilatura = {{"article", 0.926}, {"documentation", 0.888}, {"service", 0.763}, {"forum", 0.585},
                                                     {"collection", 0.553}, {"listing", 0.589}, {"product", 0.567}};
  std::vector<pith_bench::WordScore> all, odd, even;
  std::map<std::string, std::vector<pith_bench::WordScore>> by_type, by_type_odd, by_type_even;
  // The held-out multilingual set's score (bench/segments.hpp) on the same outputs: all pages, odd/even ids, per type.
  std::vector<pith_bench::SegmentCounts> seg_all, seg_odd, seg_even;
  std::map<std::string, std::vector<pith_bench::SegmentCounts>> seg_by_type;
  std::map<std::string, int> type_right, type_n;
  std::map<std::string, std::vector<std::pair<double, std::string>>> worst_pages;
  double bytes = 0;
  auto t0 = Clock::now();
  if (!dump.empty()) fs::create_directories(dump);
  std::ofstream score_file;
  if (!scores.empty()) score_file.open(scores);
  for (const auto& p : pages) {
    pith::Options opt;
    opt.input = pith::InputMode::Html;
    pith::Result r = pith::clean(p.input, opt);
    bytes += static_cast<double>(p.input.size());
    pith_bench::WordScore s = pith_bench::word_score(p, r.text);
    const bool is_odd = !p.id.empty() && (p.id.back() - '0') % 2 == 1;
    all.push_back(s);
    (is_odd ? odd : even).push_back(s);
    by_type[p.type].push_back(s);
    (is_odd ? by_type_odd : by_type_even)[p.type].push_back(s);
    const pith_bench::SegmentCounts sc = pith_bench::segment_counts(r.text, p.with, p.without);
    seg_all.push_back(sc);
    (is_odd ? seg_odd : seg_even).push_back(sc);
    seg_by_type[p.type].push_back(sc);
    ++type_n[p.type];
    type_right[p.type] += p.type == pith::to_string(r.page.type);
    char line[160];
    std::snprintf(line, sizeof line, "%s  F1 %.2f (p %.2f r %.2f)  detected %s", p.id.c_str(), s.f1, s.precision, s.recall, pith::to_string(r.page.type));
    worst_pages[p.type].emplace_back(s.f1, line);
    if (!dump.empty()) std::ofstream(fs::path(dump) / (p.id + ".html.txt"), std::ios::binary) << r.text;
    if (score_file) {
      const pith::PageSignals& g = r.page.signals;
      std::string ld;
      for (const std::string& t : g.ld_types) ld += (ld.empty() ? "" : ",") + t;
      score_file << p.id << '\t' << p.type << '\t' << pith::to_string(r.page.type) << '\t' << s.f1 << '\t' << s.precision << '\t' << s.recall
                 << '\t' << g.prose_share << '\t' << g.link_share << '\t' << g.group_items << '\t' << g.group_share << '\t' << g.group_item_chars
                 << '\t' << g.group_titled << '\t' << g.post_share << '\t' << g.prices << '\t' << g.code_share << '\t' << g.og_type << '\t' << ld
                 << '\t' << r.page.evidence;
      if (all_types)  // F1 with each page type forced, for studying type decisions offline
        for (int k = 0; k <= static_cast<int>(pith::PageType::Collection); ++k) {
          pith::Options forced = opt;
          forced.page_type = pith::to_string(static_cast<pith::PageType>(k));
          score_file << '\t' << pith_bench::word_score(p, pith::clean(p.input, forced).text).f1;
        }
      score_file << '\n';
    }
  }
  const double secs = seconds_since(t0);
  const auto m = pith_bench::mean_score(all);
  std::printf("WCXB — %s (%zu pages, word F1 as word_f1.py)\n", dir.c_str(), pages.size());
  std::printf("  %-22s %6s %6s %6s %6s %6s\n", "system", "F1", "prec", "recall", "with", "w/out");
  std::vector<std::pair<std::string, double>> table(peers.begin(), peers.end());
  table.emplace_back("pith", m.f1);
  std::sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [name, f1] : table) {
    if (name == "pith") std::printf("  %-22s %6.3f %6.3f %6.3f %6.3f %6.3f\n", "pith", m.f1, m.precision, m.recall, m.with, m.without);
    else std::printf("  %-22s %6.3f   (published)\n", name.c_str(), f1);
  }
  std::printf("  pith on odd ids %.3f (%zu), even ids %.3f (%zu)\n", pith_bench::mean_score(odd).f1, odd.size(), pith_bench::mean_score(even).f1, even.size());
  std::printf("  %-14s %6s %6s %6s %6s %6s  %11s %5s\n", "page type", "pith", "odd", "even", "prec", "recall", "trafilatura", "typed");
  for (const auto& [type, rows] : by_type) {
    const auto t = pith_bench::mean_score(rows);
    auto it = trafilatura.find(type);
    std::printf("  %-14s %6.3f %6.3f %6.3f %6.3f %6.3f  %11s %4.0f%%  (%zu)\n", type.c_str(), t.f1, pith_bench::mean_score(by_type_odd[type]).f1,
                pith_bench::mean_score(by_type_even[type]).f1, t.precision, t.recall,
                it == trafilatura.end() ? "" : (std::to_string(it->second).substr(0, 5)).c_str(), 100.0 * type_right[type] / type_n[type], rows.size());
  }
  std::printf("  (typed: share of pages whose detected page type matches the label)\n");
  {
    const auto sa = pith_bench::segment_score(seg_all), so = pith_bench::segment_score(seg_odd), se = pith_bench::segment_score(seg_even);
    std::printf("  segment F1 (with/without snippets, bench/segments.hpp): all %.3f (p %.3f r %.3f), odd %.3f, even %.3f\n", sa.f1, sa.precision, sa.recall,
                so.f1, se.f1);
    for (const auto& [type, rows] : seg_by_type) {
      const auto t = pith_bench::segment_score(rows);
      std::printf("    %-14s %6.3f (p %.3f r %.3f)\n", type.c_str(), t.f1, t.precision, t.recall);
    }
  }
  std::printf("  throughput: %.1f MB/s, %.0f docs/s\n", bytes / 1e6 / secs, static_cast<double>(pages.size()) / secs);
  if (worst > 0) {
    for (auto& [type, rows] : worst_pages) {
      std::sort(rows.begin(), rows.end());
      std::printf("  worst %s pages:\n", type.c_str());
      for (int k = 0; k < worst && k < static_cast<int>(rows.size()); ++k) std::printf("    %s\n", rows[static_cast<std::size_t>(k)].second.c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "corpus", set = "all", dump, features, scores;
  bool types = false, all_types = false;
  int worst = 10;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--corpus") corpus = value("--corpus");
    else if (a == "--set") set = value("--set");
    else if (a == "--dump") dump = value("--dump");
    else if (a == "--worst") worst = std::stoi(value("--worst"));
    else if (a == "--dump-features") features = value("--dump-features");
    else if (a == "--types") types = true;
    else if (a == "--scores") scores = value("--scores");
    else if (a == "--all-types") all_types = true;
    else {
      std::fprintf(stderr, "usage: pith_eval [--corpus DIR] [--set all|html|text|wcxbtext|wcxb|seeds] [--types] [--dump DIR] [--worst N] [--dump-features FILE] [--scores FILE [--all-types]]\n");
      return 2;
    }
  }
  if (!features.empty()) return dump_features(corpus, features);
  int rc = 0;
  if (set == "all" || set == "seeds") rc |= run_seeds(fs::path(corpus) / "seeds", dump), std::printf("\n");
  if (set == "all" || set == "text") rc |= run_text(fs::path(corpus) / "textset", dump), std::printf("\n");
  if (set == "all" || set == "wcxbtext") rc |= run_wcxb_text(fs::path(corpus), types, dump), std::printf("\n");
  if (set == "all" || set == "html") rc |= run_html(fs::path(corpus) / "scrapinghub", dump, worst);
  if (set == "all" || set == "wcxb") std::printf("\n"), rc |= run_wcxb(fs::path(corpus) / "wcxb", dump, worst, scores, all_types);
  return rc;
}
