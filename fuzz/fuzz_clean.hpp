// fuzz/fuzz_clean.hpp — the check both libFuzzer targets make.
//
// Whatever the bytes, pith must return (no crash, no hang, no sanitizer
// report), and whatever it returns must be valid UTF-8 in every rendering.
#pragma once

#include <pith/pith.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

/// JSON is ~50x the input (every block with its features) and costs ten times
/// what cleaning does: it is rendered for inputs whose size is a multiple of 8
/// (libFuzzer varies sizes all the time), which keeps the target near its
/// cleaning speed without leaving the JSON code unfuzzed.
inline bool pith_fuzz_render_json(std::size_t input_size) { return input_size % 8 == 0; }

inline void pith_fuzz_check(const pith::Result& r, std::size_t input_size) {
  auto valid = [](std::string_view s, const char* what) {
    if (!pith::is_valid_utf8(s)) {
      std::fprintf(stderr, "invalid UTF-8 in %s\n", what);
      std::abort();
    }
  };
  valid(r.text, "text");
  for (const pith::Block& b : r.blocks) valid(b.text, "block");
  valid(pith::render(r, pith::Format::Markdown), "markdown");
  if (pith_fuzz_render_json(input_size)) valid(pith::render(r, pith::Format::Json), "json");
  valid(pith::render(r, pith::Format::Explain), "explain");
}
