// pith — command-line front end of the pith library.
//
//   pith page.html                      article body of one page on stdout
//   pith --format=json page.html.gz     JSON with metadata and block decisions
//   pith --explain scraped.txt          every block with its score and reasons
//   pith -o out/ -j 2 pages/*.html.gz   one out/<name>.txt per input
//   curl -s URL | pith -                stdin
//
// Exit status: 0 when every input was processed, 1 when some failed (each is
// named on stderr and the others are still processed), 2 on usage errors.
#include <CLI/CLI.hpp>
#include <pith/pith.hpp>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Input {
  std::string path;  // "-" for stdin
  std::string bytes;
  std::string error;
};

/// Reads a whole stream, refusing more than `limit` bytes: the limit is
/// checked while reading so a huge file is not loaded before it is refused.
bool read_limited(std::FILE* f, std::size_t limit, std::string& out, std::string& error) {
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out.size() + n > limit) {
      error = "input larger than --max-bytes (" + std::to_string(limit) + " bytes)";
      return false;
    }
    out.append(buf, n);
  }
  if (std::ferror(f)) {
    error = std::strerror(errno);
    return false;
  }
  return true;
}

bool is_gzip(const std::string& s) { return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x1f && static_cast<unsigned char>(s[1]) == 0x8b; }

/// Inflates gzip data, stopping with an error as soon as the output would pass
/// `limit` (a gzip bomb is refused after `limit` bytes, not after it fills memory).
bool gunzip(const std::string& in, std::size_t limit, std::string& out, std::string& error) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    error = "zlib init failed";
    return false;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      // A truncated archive still yields what was inflated: best effort, like the rest of pith.
      if (rc == Z_BUF_ERROR && zs.avail_in == 0 && !out.empty()) break;
      error = std::string("bad gzip data: ") + (zs.msg ? zs.msg : "error " + std::to_string(rc));
      inflateEnd(&zs);
      return false;
    }
    std::size_t got = sizeof buf - zs.avail_out;
    if (out.size() + got > limit) {
      error = "decompressed input larger than --max-bytes (" + std::to_string(limit) + " bytes)";
      inflateEnd(&zs);
      return false;
    }
    out.append(buf, got);
    if (rc == Z_STREAM_END && zs.avail_in > 0) {  // concatenated gzip members
      inflateReset(&zs);
      rc = Z_OK;
    }
  }
  inflateEnd(&zs);
  return true;
}

Input load(const std::string& path, std::size_t limit) {
  Input in;
  in.path = path;
  std::string raw;
  if (path == "-") {
    if (!read_limited(stdin, limit, raw, in.error)) return in;
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      in.error = "is a directory";
      return in;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      in.error = std::strerror(errno);
      return in;
    }
    // Growing the buffer 64 KiB at a time re-copies a large page many times over;
    // a regular file says its size up front.
    const auto size = fs::file_size(path, ec);
    if (!ec) raw.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size, limit)));
    bool ok = read_limited(f, limit, raw, in.error);
    std::fclose(f);
    if (!ok) return in;
  }
  if (is_gzip(raw)) {
    if (!gunzip(raw, limit, in.bytes, in.error)) return in;
  } else {
    in.bytes = std::move(raw);
  }
  return in;
}

/// Output name for an input: its file name without ".gz", plus ".txt"
/// (".md", ".json", ".explain.txt" for the other formats).
std::string output_name(const std::string& path, pith::Format fmt) {
  std::string name = path == "-" ? "stdin" : fs::path(path).filename().string();
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
  switch (fmt) {
    case pith::Format::Markdown: return name + ".md";
    case pith::Format::Json: return name + ".json";
    case pith::Format::Explain: return name + ".explain.txt";
    default: return name + ".txt";
  }
}

/// Expands directories into the regular files below them, sorted, so a run is repeatable.
std::vector<std::string> expand(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (a != "-" && fs::is_directory(a, ec)) {
      std::vector<std::string> files;
      for (fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(a);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pith: strips boilerplate from web pages and scraped text, leaving the article body."};
  app.set_version_flag("--version", std::string("pith ") + PITH_VERSION);
  std::string input = "auto", format = "text", out_dir, charset, language, page_type;
  bool explain = false, include_title = false;
  std::size_t max_bytes = std::size_t{64} << 20;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> files;
  app.add_option("--input", input, "Input kind: auto (sniff), html or text")->check(CLI::IsMember({"auto", "html", "text"}));
  app.add_option("--format", format, "Output: text, markdown, json or explain")->check(CLI::IsMember({"text", "markdown", "json", "explain"}));
  app.add_flag("--explain", explain, "Print every block with its label, score and reasons (= --format=explain)");
  app.add_option("-o,--output-dir", out_dir, "Write DIR/<name>.txt per input instead of stdout");
  app.add_option("-j,--jobs", jobs, "Parallel workers (default: number of cores)")->check(CLI::Range(1u, 1024u));
  app.add_option("--charset", charset, "Charset of the input when known (overrides <meta>)");
  app.add_option("--language", language, "Language of the input (BCP 47, e.g. de); default: detect");
  app.add_option("--page-type", page_type, "HTML: the page type when known; default: detect")
      ->check(CLI::IsMember({"article", "forum", "product", "documentation", "service", "listing", "collection"}));
  app.add_option("--max-bytes", max_bytes, "Refuse inputs larger than this (also after gunzip)");
  app.add_flag("--include-title", include_title, "HTML: put the page title as the first line");
  app.add_option("files", files, "Files or directories to clean; - or nothing for stdin");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return e.get_exit_code() == 0 ? 0 : (rc == 0 ? 0 : 2);
  }
  if (files.empty()) files.push_back("-");
  files = expand(files);

  pith::Options opt;
  opt.input = input == "html" ? pith::InputMode::Html : input == "text" ? pith::InputMode::Text : pith::InputMode::Auto;
  opt.charset = charset;
  opt.language = language;
  opt.page_type = page_type;
  opt.max_bytes = max_bytes;
  opt.include_title = include_title;
  pith::Format fmt = explain ? pith::Format::Explain
                     : format == "markdown" ? pith::Format::Markdown
                     : format == "json" ? pith::Format::Json
                     : format == "explain" ? pith::Format::Explain
                                           : pith::Format::Text;
  // Only JSON and explain show the blocks' reasons: the text and Markdown views skip building them.
  opt.reasons = fmt == pith::Format::Json || fmt == pith::Format::Explain;
  if (!out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) {
      std::cerr << "pith: cannot create " << out_dir << ": " << ec.message() << "\n";
      return 2;
    }
  }

  // Workers take inputs in order from a shared counter; results are printed
  // in input order as soon as every earlier one is done.
  const std::size_t n = files.size();
  std::vector<std::optional<std::string>> rendered(n);
  std::vector<std::string> errors(n);
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::size_t printed = 0;
  bool any_failed = false;
  auto flush_ready = [&] {  // called with mu held
    while (printed < n && rendered[printed]) {
      if (!errors[printed].empty()) {
        std::cerr << "pith: " << files[printed] << ": " << errors[printed] << "\n";
        any_failed = true;
      } else if (out_dir.empty()) {
        std::cout << *rendered[printed];
        std::cout.flush();
      }
      rendered[printed].reset();
      rendered[printed].emplace();  // keep "done" without holding the text
      ++printed;
    }
  };
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      std::string text, err;
      try {
        Input in = load(files[i], opt.max_bytes);
        if (!in.error.empty()) {
          err = in.error;
        } else {
          pith::Result r = pith::clean(in.bytes, opt);
          if (!r.ok()) err = r.error;
          else text = pith::render(r, fmt);
        }
        if (err.empty() && !out_dir.empty()) {
          std::ofstream os(fs::path(out_dir) / output_name(files[i], fmt), std::ios::binary);
          os << text;
          if (!os) err = "cannot write output";
          text.clear();
        }
      } catch (const std::exception& e) {
        err = std::string("internal error: ") + e.what();
      }
      std::lock_guard<std::mutex> lock(mu);
      errors[i] = std::move(err);
      rendered[i] = std::move(text);
      flush_ready();
    }
  };
  unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return any_failed ? 1 : 0;
}
