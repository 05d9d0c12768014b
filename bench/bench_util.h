#pragma once
// Shared by the benchmarks: timing, peak memory, and the config generators.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace jrun::bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Peak resident set size of this process so far, in MiB.
inline double peak_rss_mib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// A config of `jails` jails in the shape users write (forward, mount, two execs with env and a
/// healthcheck, setup step, limits, depends on the previous jail every 10th jail).
std::string generate_jails(int jails);

/// UCL text of at least `bytes` bytes exercising every lexical feature: sections, comments,
/// escapes, suffixed numbers, arrays, heredocs, implicit arrays.
std::string generate_mixed(std::size_t bytes);

}  // namespace jrun::bench
