// bench/corpus.hpp — loading the bundled corpora for the evaluator and the quality-gate tests.
//
// corpus/scrapinghub: html/<id>.html.gz, ground-truth.json, peers/<system>.json
// corpus/textset:     <id>.txt (pages rendered to text as a naive scraper would), gold.json
// corpus/seeds:       <name>.txt and <name>.gold (one K/D/E label per line)
// corpus/wcxb-text:   <id>.txt.gz (WCXB pages rendered to text), <id>.labels (K/D per line);
//                     with/without snippets from corpus/wcxb/ground-truth/<id>.json
//
//   auto pages = pith_bench::load_html_set("corpus/scrapinghub");
//   for (auto& p : pages) pith::clean_html(p.input);
#pragma once

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pith_bench {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Reads a file, gunzipping it when it ends in .gz.
inline std::string read_maybe_gz(const fs::path& p) {
  if (p.extension() != ".gz") return read_file(p);
  gzFile f = gzopen(p.string().c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + p.string());
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

/// `{id: {"articleBody": ...}}`, optionally wrapped as `{"version", "output"}`.
inline std::map<std::string, std::string> read_bodies(const fs::path& p) {
  nlohmann::json j = nlohmann::json::parse(read_file(p));
  if (j.is_object() && j.contains("output") && j.contains("version")) j = j["output"];
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto& v = it.value();
    out[it.key()] = v.is_object() && v.contains("articleBody") && v["articleBody"].is_string() ? v["articleBody"].get<std::string>() : "";
  }
  return out;
}

struct Doc {
  std::string id;
  std::string input;  // the page (HTML) or the scraped text
  std::string gold;   // the article body
};

/// The article benchmark: pages and their gold bodies, in id order.
inline std::vector<Doc> load_html_set(const fs::path& dir) {
  auto gold = read_bodies(dir / "ground-truth.json");
  std::vector<Doc> docs;
  for (const auto& [id, body] : gold) {
    fs::path page = dir / "html" / (id + ".html.gz");
    if (!fs::exists(page)) continue;
    docs.push_back({id, read_maybe_gz(page), body});
  }
  return docs;
}

/// The text-mode dev set: rendered pages and the same gold bodies.
inline std::vector<Doc> load_text_set(const fs::path& dir) {
  auto gold = read_bodies(dir / "gold.json");
  std::vector<Doc> docs;
  for (const auto& [id, body] : gold) {
    fs::path page = dir / (id + ".txt");
    if (!fs::exists(page)) continue;
    docs.push_back({id, read_file(page), body});
  }
  return docs;
}

struct Seed {
  std::string name;
  std::string text;
  std::vector<char> labels;  // per input line: 'K' keep, 'D' drop, 'E' either
};

inline std::vector<Seed> load_seeds(const fs::path& dir) {
  std::vector<Seed> seeds;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    Seed s;
    s.name = p.stem().string();
    s.text = read_file(p);
    fs::path gold = p;
    gold.replace_extension(".gold");
    std::istringstream in(read_file(gold));
    std::string line;
    while (std::getline(in, line)) s.labels.push_back(line.empty() ? 'D' : line[0]);
    seeds.push_back(std::move(s));
  }
  return seeds;
}

/// A WCXB page rendered to text, with what scores it.
struct WcxbTextDoc {
  std::string id;
  std::string input;                   // the rendered text
  std::vector<char> labels;            // per input line: 'K' main content, 'D' not
  std::vector<std::string> with;       // snippets that must appear
  std::vector<std::string> without;    // snippets that must not
  std::string page_type, domain;
};

/// corpus/wcxb-text with the snippets of corpus/wcxb, in id order.
inline std::vector<WcxbTextDoc> load_wcxb_text_set(const fs::path& text_dir, const fs::path& wcxb_dir) {
  std::vector<WcxbTextDoc> docs;
  if (!fs::exists(text_dir)) return docs;
  nlohmann::json meta;
  if (fs::exists(wcxb_dir / "metadata.json")) meta = nlohmann::json::parse(read_file(wcxb_dir / "metadata.json"));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(text_dir))
    if (e.path().string().size() > 7 && e.path().string().compare(e.path().string().size() - 7, 7, ".txt.gz") == 0) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    WcxbTextDoc d;
    std::string name = p.filename().string();
    d.id = name.substr(0, name.size() - 7);
    fs::path gt = wcxb_dir / "ground-truth" / (d.id + ".json");
    if (!fs::exists(gt)) continue;
    d.input = read_maybe_gz(p);
    nlohmann::json j = nlohmann::json::parse(read_file(gt));
    const auto& g = j["ground_truth"];
    if (g.contains("with") && g["with"].is_array())
      for (const auto& s : g["with"]) d.with.push_back(s.get<std::string>());
    if (g.contains("without") && g["without"].is_array())
      for (const auto& s : g["without"]) d.without.push_back(s.get<std::string>());
    if (j.contains("_internal") && j["_internal"].is_object() && j["_internal"].contains("page_type") && j["_internal"]["page_type"].is_object())
      d.page_type = j["_internal"]["page_type"].value("primary", "");
    if (meta.contains("files") && meta["files"].contains(d.id)) {
      const auto& m = meta["files"][d.id];
      if (d.page_type.empty()) d.page_type = m.value("page_type", "");
      d.domain = m.value("domain", "");
    }
    fs::path lab = text_dir / (d.id + ".labels");
    if (fs::exists(lab)) {
      std::istringstream in(read_file(lab));
      std::string line;
      while (std::getline(in, line)) d.labels.push_back(line.empty() ? 'D' : line[0]);
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

/// Peer systems' outputs on the article benchmark: system name → bodies.
inline std::map<std::string, std::map<std::string, std::string>> load_peers(const fs::path& dir) {
  std::map<std::string, std::map<std::string, std::string>> peers;
  if (!fs::exists(dir)) return peers;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") peers[e.path().stem().string()] = read_bodies(e.path());
  return peers;
}

}  // namespace pith_bench
