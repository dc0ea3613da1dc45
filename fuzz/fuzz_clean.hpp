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

inline void pith_fuzz_check(const pith::Result& r) {
  auto valid = [](std::string_view s, const char* what) {
    if (!pith::is_valid_utf8(s)) {
      std::fprintf(stderr, "invalid UTF-8 in %s\n", what);
      std::abort();
    }
  };
  valid(r.text, "text");
  for (const pith::Block& b : r.blocks) valid(b.text, "block");
  valid(pith::render(r, pith::Format::Markdown), "markdown");
  valid(pith::render(r, pith::Format::Json), "json");
  valid(pith::render(r, pith::Format::Explain), "explain");
}
