// Parse + validate + plan of a generated 10,000-jail config: time per phase and peak RSS, with
// ratios against the aims (300 ms, 200 MB). Then the converged case: the same config against a
// state that already records it, which must plan to "nothing to do".
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "bench_util.h"
#include "jrun/model/load.h"
#include "jrun/plan/plan.h"
#include "jrun/plan/record.h"
#include "jrun/sys/real_filesystem.h"
#include "jrun/ucl/parser.h"

using jrun::bench::seconds_since;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int jails = argc > 1 ? std::atoi(argv[1]) : 10000;
  char dir_template[] = "/tmp/jrun-bench-XXXXXX";
  std::string dir = ::mkdtemp(dir_template);
  std::string path = dir + "/big.ucl";
  std::ofstream(path) << jrun::bench::generate_jails(jails);

  jrun::sys::RealFileSystem fs;
  auto t0 = Clock::now();
  jrun::SourceMap sources;
  jrun::ucl::ParseOptions options;
  options.fs = &fs;
  auto parsed = jrun::ucl::parse_file(path, sources, options);
  double parse_s = seconds_since(t0);
  if (!parsed.root) return std::fprintf(stderr, "parse failed\n"), 1;

  auto t1 = Clock::now();
  jrun::model::ValidationContext vc;
  vc.fs = &fs;
  vc.config_path = path;
  vc.config_dir = dir;
  vc.home = dir;
  vc.subnet = "10.16.0.0/16";
  vc.gateway = "10.16.0.1";
  auto loaded = jrun::model::load_config(*parsed.root, vc);
  double validate_s = seconds_since(t1);
  if (!loaded.ok()) return std::fprintf(stderr, "validation failed\n"), 1;

  auto t2 = Clock::now();
  jrun::plan::PlanOptions plan_options;
  plan_options.subnet = vc.subnet;
  jrun::state::State state;
  auto plan = jrun::plan::make_plan(loaded.config, state, plan_options, nullptr);
  double plan_s = seconds_since(t2);
  if (!plan) return std::fprintf(stderr, "plan failed: %s\n", plan.error().message.c_str()), 1;
  double total_s = seconds_since(t0);
  double rss = jrun::bench::peak_rss_mib();

  for (const auto& step : plan->jails) jrun::plan::record_applied(state, step);
  auto t3 = Clock::now();
  auto converged = jrun::plan::make_plan(loaded.config, state, plan_options, nullptr);
  double converged_s = seconds_since(t3);

  std::printf("%d jails, %.1f MB of UCL\n", jails,
              static_cast<double>(sources.file(1).text.size()) / 1e6);
  std::printf("parse %.0f ms, validate %.0f ms, plan %.0f ms: total %.0f ms\n", parse_s * 1e3,
              validate_s * 1e3, plan_s * 1e3, total_s * 1e3);
  std::printf("peak RSS %.1f MiB\n", rss);
  std::printf("converged re-plan %.0f ms, nothing to do: %s\n", converged_s * 1e3,
              converged && converged->nothing_to_do() ? "yes" : "NO");
  std::printf("ratio total / aim (300 ms): %.2f\n", total_s / 0.300);
  std::printf("ratio peak RSS / aim (200 MB): %.2f\n", rss * 1.048576 / 200.0);
  std::string cleanup = "rm -rf '" + dir + "'";
  return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}
