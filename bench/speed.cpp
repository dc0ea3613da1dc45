// pith_speed — single-thread corpus throughput, pith beside the Gumbo floor.
//
//   build/bench/pith_speed --corpus corpus            table
//   build/bench/pith_speed --corpus corpus --json     one JSON object (bench/speed.py reads it)
//
// What it compares, on the same bytes in the same process:
//   * HTML mode end to end (decode, prefilter, parse, classify, render to
//     text) over every page of corpus/scrapinghub, against Gumbo's parse and
//     free of the same pages — the floor any Gumbo-based extractor pays;
//   * text mode end to end over corpus/textset (the same pages rendered to
//     text), producing the text as `pith --input text` does (no reasons).
// Each measurement is the fastest of --rounds runs (default 5), rounds
// interleaved so that load from other processes hits both sides alike; the
// ratio is what to quote, absolute MB/s depend on the machine.
#include <gumbo.h>
#include <pith/pith.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "corpus.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double timed(F&& f) {
  auto t0 = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Set {
  std::vector<std::string> inputs;
  double bytes = 0;
};

Set load(const std::vector<pith_bench::Doc>& docs) {
  Set s;
  for (const auto& d : docs) {
    s.inputs.push_back(d.input);
    s.bytes += static_cast<double>(d.input.size());
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "corpus";
  int rounds = 5;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    else if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--json") json = true;
    else {
      std::fprintf(stderr, "usage: pith_speed [--corpus DIR] [--rounds N] [--json]\n");
      return 2;
    }
  }
  const Set html = load(pith_bench::load_html_set(corpus + "/scrapinghub"));
  const Set text = load(pith_bench::load_text_set(corpus + "/textset"));
  if (html.inputs.empty() || text.inputs.empty()) {
    std::fprintf(stderr, "pith_speed: no pages under %s/scrapinghub or %s/textset\n", corpus.c_str(), corpus.c_str());
    return 1;
  }

  constexpr double kInf = std::numeric_limits<double>::infinity();
  double pith_s = kInf, gumbo_s = kInf, text_s = kInf;
  std::size_t sink = 0;  // keeps the work observable
  for (int r = 0; r < rounds; ++r) {
    pith_s = std::min(pith_s, timed([&] {
      pith::Options opt;
      opt.input = pith::InputMode::Html;
      for (const auto& in : html.inputs) sink += pith::clean(in, opt).text.size();
    }));
    gumbo_s = std::min(gumbo_s, timed([&] {
      for (const auto& in : html.inputs) {
        GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, in.data(), in.size());
        sink += out->root != nullptr;
        gumbo_destroy_output(&kGumboDefaultOptions, out);
      }
    }));
    text_s = std::min(text_s, timed([&] {
      // As `pith --input text` does for its text output: the blocks' reasons are
      // for JSON and --explain, and cost more than the decisions (Options::reasons).
      pith::Options opt;
      opt.reasons = false;
      for (const auto& in : text.inputs) sink += pith::clean_text(in, opt).text.size();
    }));
  }

  const double html_mb = html.bytes / 1e6, text_mb = text.bytes / 1e6;
  const double nh = static_cast<double>(html.inputs.size()), nt = static_cast<double>(text.inputs.size());
  if (json) {
    std::printf(
        "{\"html_pages\": %.0f, \"html_mb\": %.3f, \"pith_html_s\": %.4f, \"gumbo_s\": %.4f, \"text_docs\": %.0f, "
        "\"text_mb\": %.3f, \"pith_text_s\": %.4f, \"sink\": %zu}\n",
        nh, html_mb, pith_s, gumbo_s, nt, text_mb, text_s, sink);
    return 0;
  }
  std::printf("single thread, fastest of %d rounds (%zu)\n", rounds, sink % 10);
  std::printf("  %-30s %9s %9s %10s\n", "", "MB/s", "docs/s", "ms/doc");
  auto row = [](const char* name, double mb, double n, double s) {
    std::printf("  %-30s %9.1f %9.0f %10.2f\n", name, mb / s, n / s, 1000 * s / n);
  };
  row("pith HTML mode (scrapinghub)", html_mb, nh, pith_s);
  row("Gumbo parse alone (same pages)", html_mb, nh, gumbo_s);
  row("pith text mode (textset)", text_mb, nt, text_s);
  std::printf("  pith HTML mode is %.2fx the Gumbo-parse-only floor\n", gumbo_s / pith_s);
  return 0;
}
