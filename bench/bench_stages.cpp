// pith_bench — Google Benchmark of each pipeline stage on the bundled corpus.
//
//   build/bench/pith_bench                       all stages
//   build/bench/pith_bench --benchmark_filter=Html
//
// Each benchmark processes every page of corpus/scrapinghub (or every
// document of corpus/textset) once per iteration and reports bytes/s, so
// stages compare directly: GumboParse is the floor HTML mode is measured
// against; HtmlEndToEnd is what a user gets.
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <pith/pith.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "corpus.hpp"

namespace {

const std::vector<pith_bench::Doc>& html_docs() {
  static const auto docs = pith_bench::load_html_set(std::string(PITH_SOURCE_DIR) + "/corpus/scrapinghub");
  return docs;
}

const std::vector<pith_bench::Doc>& text_docs() {
  static const auto docs = [] {
    try {
      return pith_bench::load_text_set(std::string(PITH_SOURCE_DIR) + "/corpus/textset");
    } catch (...) {
      return std::vector<pith_bench::Doc>{};
    }
  }();
  return docs;
}

int64_t total_bytes(const std::vector<pith_bench::Doc>& docs) {
  int64_t n = 0;
  for (const auto& d : docs) n += static_cast<int64_t>(d.input.size());
  return n;
}

void GumboParse(benchmark::State& st) {
  for (auto _ : st)
    for (const auto& d : html_docs()) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, d.input.data(), d.input.size());
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
}

void Decode(benchmark::State& st) {
  for (auto _ : st)
    for (const auto& d : html_docs()) benchmark::DoNotOptimize(pith::decode(d.input, {}, true));
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
}

void ParseToBlocks(benchmark::State& st) {
  for (auto _ : st)
    for (const auto& d : html_docs()) benchmark::DoNotOptimize(pith::parse_html(d.input));
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
}

/// Features, classification, region and post-processing over pre-parsed pages.
void FeaturesAndClassify(benchmark::State& st) {
  std::vector<pith::HtmlDoc> parsed;
  for (const auto& d : html_docs()) parsed.push_back(pith::parse_html(d.input));
  for (auto _ : st)
    for (const auto& doc : parsed) {
      std::vector<pith::Block> blocks = doc.blocks;
      pith::DocContext ctx = pith::make_context(blocks, {}, doc.meta.language);
      ctx.html = true;
      pith::compute_features(blocks, ctx);
      pith::classify(blocks, ctx);
      pith::drop_teaser_cards(blocks, doc.nodes);
      pith::Region r = pith::find_region(blocks, doc.nodes);
      pith::mark_region(blocks, r);
      pith::apply_region(blocks, r);
      pith::postprocess(blocks, ctx);
      benchmark::DoNotOptimize(blocks);
    }
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
}

void RenderJson(benchmark::State& st) {
  std::vector<pith::Result> results;
  for (const auto& d : html_docs()) results.push_back(pith::clean_html(d.input));
  for (auto _ : st)
    for (const auto& r : results) benchmark::DoNotOptimize(pith::render(r, pith::Format::Json));
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
}

void HtmlEndToEnd(benchmark::State& st) {
  for (auto _ : st)
    for (const auto& d : html_docs()) benchmark::DoNotOptimize(pith::clean_html(d.input));
  st.SetBytesProcessed(st.iterations() * total_bytes(html_docs()));
  st.counters["docs/s"] = benchmark::Counter(static_cast<double>(html_docs().size()), benchmark::Counter::kIsIterationInvariantRate);
}

void TextEndToEnd(benchmark::State& st) {
  if (text_docs().empty()) {
    st.SkipWithError("corpus/textset missing");
    return;
  }
  for (auto _ : st)
    for (const auto& d : text_docs()) benchmark::DoNotOptimize(pith::clean_text(d.input));
  st.SetBytesProcessed(st.iterations() * total_bytes(text_docs()));
  st.counters["docs/s"] = benchmark::Counter(static_cast<double>(text_docs().size()), benchmark::Counter::kIsIterationInvariantRate);
}

/// One page of `mb` MB: the same 1 MB of corpus pages back to back (Gumbo
/// merges their <html> and <body> into one document), repeated, so every size
/// has the same mix of markup. MB/s that stays flat from 1 to 30 MB shows time
/// growing linearly with input; the text variant does the same with the
/// rendered textset.
std::string large_input(const std::vector<pith_bench::Doc>& docs, std::size_t mb) {
  std::string unit;
  for (std::size_t k = 0; unit.size() < (std::size_t{1} << 20) && !docs.empty(); ++k) unit += docs[k % docs.size()].input;
  unit.resize(std::min(unit.size(), std::size_t{1} << 20));
  std::string page;
  page.reserve(unit.size() * mb);
  for (std::size_t k = 0; k < mb; ++k) page += unit;
  return page;
}

void HtmlLargePage(benchmark::State& st) {
  const std::string page = large_input(html_docs(), static_cast<std::size_t>(st.range(0)));
  for (auto _ : st) benchmark::DoNotOptimize(pith::clean_html(page));
  st.SetBytesProcessed(st.iterations() * static_cast<int64_t>(page.size()));
}

void GumboLargePage(benchmark::State& st) {
  const std::string page = large_input(html_docs(), static_cast<std::size_t>(st.range(0)));
  for (auto _ : st) {
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
    gumbo_destroy_output(&kGumboDefaultOptions, out);
  }
  st.SetBytesProcessed(st.iterations() * static_cast<int64_t>(page.size()));
}

void TextLargeInput(benchmark::State& st) {
  const std::string text = large_input(text_docs(), static_cast<std::size_t>(st.range(0)));
  for (auto _ : st) benchmark::DoNotOptimize(pith::clean_text(text));
  st.SetBytesProcessed(st.iterations() * static_cast<int64_t>(text.size()));
}

}  // namespace

BENCHMARK(GumboParse)->Unit(benchmark::kMillisecond);
BENCHMARK(Decode)->Unit(benchmark::kMillisecond);
BENCHMARK(ParseToBlocks)->Unit(benchmark::kMillisecond);
BENCHMARK(FeaturesAndClassify)->Unit(benchmark::kMillisecond);
BENCHMARK(RenderJson)->Unit(benchmark::kMillisecond);
BENCHMARK(HtmlEndToEnd)->Unit(benchmark::kMillisecond);
BENCHMARK(TextEndToEnd)->Unit(benchmark::kMillisecond);
BENCHMARK(GumboLargePage)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(HtmlLargePage)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(TextLargeInput)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
