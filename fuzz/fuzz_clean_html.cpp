// libFuzzer target: HTML mode on arbitrary bytes.
#include "fuzz_clean.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pith::Options opt;
  opt.input = pith::InputMode::Html;
  pith_fuzz_check(pith::clean(std::string_view(reinterpret_cast<const char*>(data), size), opt), size);
  return 0;
}
