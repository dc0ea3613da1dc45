// libFuzzer target: text mode (and auto sniffing) on arbitrary bytes.
#include "fuzz_clean.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pith::Options opt;
  opt.input = pith::InputMode::Text;
  pith_fuzz_check(pith::clean(bytes, opt), size);
  opt.input = pith::InputMode::Auto;
  pith_fuzz_check(pith::clean(bytes, opt), size);
  return 0;
}
