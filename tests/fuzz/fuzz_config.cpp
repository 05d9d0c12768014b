// libFuzzer target: UCL parse + config validation must never crash, and whatever parses must
// survive a round trip: emitted UCL parses back to an equivalent tree and emitted JSON is JSON.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "fakes/memory_fs.h"
#include "jrun/model/load.h"
#include "jrun/ucl/emit.h"
#include "jrun/ucl/parser.h"

namespace {

const jrun::fakes::MemoryFileSystem& filesystem() {
  static const jrun::fakes::MemoryFileSystem fs = [] {
    jrun::fakes::MemoryFileSystem f;
    f.add_dir("/fuzz/site");
    f.add_file("/fuzz/inc.ucl", "included = true; jail \"inc\" { }");
    f.add_file("/fuzz/play.yml", "- hosts: localhost\n");
    return f;
  }();
  return fs;
}

void check_round_trip(const jrun::ucl::Value& root, const jrun::ucl::ParseOptions& options) {
  std::string ucl = jrun::ucl::to_ucl(root);
  jrun::SourceMap sources;
  auto again = jrun::ucl::parse_text("/fuzz/emitted.ucl", ucl, sources, options);
  std::string why;
  if (!again.root || !jrun::ucl::equivalent(root, *again.root, false, &why)) {
    std::fprintf(stderr, "round trip failed: %s\n--- emitted ---\n%s\n", why.c_str(), ucl.c_str());
    std::abort();
  }
  if (!nlohmann::json::accept(jrun::ucl::to_json(root, false))) {
    std::fprintf(stderr, "emitted JSON does not parse\n");
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  jrun::ucl::ParseOptions options;
  options.fs = &filesystem();
  options.variables = {{"HOME", "/home/fuzz"}, {"ABI", "unknown"}};
  jrun::SourceMap sources;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = jrun::ucl::parse_text("/fuzz/input.ucl", std::move(text), sources, options);
  if (!parsed.root) return 0;
  check_round_trip(*parsed.root, options);

  jrun::model::ValidationContext context;
  context.fs = &filesystem();
  context.config_path = "/fuzz/input.ucl";
  context.config_dir = "/fuzz";
  context.home = "/home/fuzz";
  auto loaded = jrun::model::load_config(*parsed.root, context);
  (void)loaded;
  return 0;
}
