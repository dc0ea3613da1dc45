// pith/split.hpp — text mode's parse stage: scraped text → blocks.
//
// Scraped text comes one block per line (a paragraph, a menu item, a caption).
// `split_lines` makes one `Block` per non-blank line, with white space folded,
// and remembers the line number so a line-aligned gold file can be compared.
//
//   std::vector<pith::Block> blocks = pith::split_lines("Title\n\nFirst paragraph.\n");
//   // blocks[1].text == "First paragraph.", blocks[1].source_line == 2
#pragma once

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "pith/detail/unicode.hpp"
#include "pith/types.hpp"

namespace pith {

namespace detail {

/// True when `s` holds U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR
/// (E2 80 A8 / E2 80 A9), found in one pass from the rare lead byte E2.
inline bool has_unicode_line_break(std::string_view s) {
  const char* const end = s.data() + s.size();
  for (const char* p = s.data(); p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\xE2', static_cast<std::size_t>(end - p)));
    if (!p) return false;
    if (end - p >= 3 && p[1] == '\x80' && (p[2] == '\xA8' || p[2] == '\xA9')) return true;
  }
  return false;
}

}  // namespace detail

/// One block per non-blank line of `utf8` (LF, CRLF, CR and U+2028 end lines).
inline std::vector<Block> split_lines(std::string_view utf8) {
  std::vector<Block> blocks;
  // Room for the lines up front, so Blocks are not moved as the vector grows
  // (capped: a page of blank lines must not reserve a block per line).
  constexpr std::size_t kMaxReserve = std::size_t{1} << 14;
  std::size_t line_no = 0, start = 0;
  auto emit = [&](std::size_t end) {
    std::string text = detail::fold_space(utf8.substr(start, end - start));
    if (!text.empty()) {
      Block& b = blocks.emplace_back();
      b.text = std::move(text);
      b.tag = "line";
      b.source_line = line_no;
    }
  };
  if (utf8.find('\r') == std::string_view::npos && !detail::has_unicode_line_break(utf8)) {
    // Only LF ends lines: memchr finds them, once — their count sizes the
    // vector, then each line is emitted.
    thread_local std::vector<std::size_t> ends;
    ends.clear();
    for (const char* p = utf8.data(), *const end = p + utf8.size(); p < end; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (!p) break;
      ends.push_back(static_cast<std::size_t>(p - utf8.data()));
    }
    blocks.reserve(std::min<std::size_t>(ends.size() + 1, kMaxReserve));
    for (std::size_t end : ends) {
      emit(end);
      ++line_no;
      start = end + 1;
    }
    emit(utf8.size());
    if (ends.capacity() > (std::size_t{1} << 20)) std::vector<std::size_t>().swap(ends);  // do not hold on to a huge document's lines
    return blocks;
  }
  {
    // (One flag per byte, added without a branch: the compiler does this sixteen bytes at a time.)
    std::size_t breaks = 1;
    for (char c : utf8) breaks += static_cast<std::size_t>((c == '\n') | (c == '\r'));
    blocks.reserve(std::min<std::size_t>(breaks, kMaxReserve));
  }
  for (std::size_t i = 0; i < utf8.size();) {
    char c = utf8[i];
    if (c == '\n' || c == '\r') {
      emit(i);
      ++line_no;
      i += (c == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') ? 2 : 1;
      start = i;
    } else if (c == '\xE2' && i + 2 < utf8.size() && utf8[i + 1] == '\x80' && (utf8[i + 2] == '\xA8' || utf8[i + 2] == '\xA9')) {
      emit(i);  // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR
      ++line_no;
      i += 3;
      start = i;
    } else {
      ++i;
    }
  }
  emit(utf8.size());
  return blocks;
}

}  // namespace pith
