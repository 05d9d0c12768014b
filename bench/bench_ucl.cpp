// UCL parse throughput on a generated ~10 MB config. Prints MB/s and two ratios from this one
// run: against the aim (100 MB/s) and against nlohmann::json parsing the same tree as JSON,
// a well-known parser measured on the same machine at the same moment.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "jrun/sys/real_filesystem.h"
#include "jrun/ucl/emit.h"
#include "jrun/ucl/parser.h"

using jrun::bench::seconds_since;

namespace {

double best_of(int runs, const auto& body) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    body();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

}  // namespace

int main() {
  const std::string text = jrun::bench::generate_mixed(10u << 20);
  jrun::sys::RealFileSystem fs;
  jrun::ucl::ParseOptions options;
  options.fs = &fs;

  std::string json;
  double ucl_s = best_of(5, [&] {
    jrun::SourceMap sources;
    auto result = jrun::ucl::parse_text("bench.ucl", text, sources, options);
    if (!result.root) {
      std::fprintf(stderr, "generated config did not parse\n");
      std::exit(1);
    }
    if (json.empty()) json = jrun::ucl::to_json(*result.root, false);
  });
  std::size_t json_members = 0;
  double json_s = best_of(5, [&] { json_members = nlohmann::json::parse(json).size(); });
  if (json_members == 0) return 1;

  double mb = static_cast<double>(text.size()) / 1e6;
  double json_mb = static_cast<double>(json.size()) / 1e6;
  double ucl_rate = mb / ucl_s, json_rate = json_mb / json_s;
  std::printf("ucl parse:       %.1f MB in %.3f s = %.1f MB/s (best of 5)\n", mb, ucl_s, ucl_rate);
  std::printf("nlohmann::json:  %.1f MB in %.3f s = %.1f MB/s (same tree as JSON)\n", json_mb,
              json_s, json_rate);
  std::printf("ratio ucl / aim (100 MB/s):        %.2f\n", ucl_rate / 100.0);
  std::printf("ratio ucl / nlohmann::json (MB/s): %.2f\n", ucl_rate / json_rate);
  return 0;
}
