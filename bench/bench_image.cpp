// Image preparation throughput against the standard tools, on a generated disk-like file
// (a quarter random bytes, the rest zeros, like a fresh VM image): SHA-512 vs. sha512sum,
// xz decompression vs. `xz -dk`, and a download from a local HTTP server vs. `curl -o`.
// Prints times and ratios (jrun / tool); not a test.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "bench_util.h"
#include "jrun/sys/http.h"
#include "jrun/vm/image_files.h"

using jrun::bench::seconds_since;
using Clock = std::chrono::steady_clock;

namespace {

void write_disk_like(const std::string& path, std::size_t mib) {
  std::ofstream out(path, std::ios::binary);
  std::mt19937_64 random(42);
  std::string block(1 << 20, '\0');
  for (std::size_t i = 0; i < mib; ++i) {
    if (i % 4 == 0) {
      for (std::size_t j = 0; j + 8 <= block.size(); j += 8) {
        std::uint64_t v = random();
        std::memcpy(&block[j], &v, 8);
      }
    } else {
      std::fill(block.begin(), block.end(), '\0');
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }
}

/// Seconds taken by a shell command; exits on failure.
double time_shell(const std::string& command) {
  std::fflush(stdout);
  auto start = Clock::now();
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "failed: %s\n", command.c_str());
    std::exit(1);
  }
  return seconds_since(start);
}

void row(const char* what, double jrun_s, double tool_s, const char* tool) {
  std::printf("%-20s jrun %7.3f s   %-11s %7.3f s   ratio %.2f\n", what, jrun_s, tool, tool_s,
              jrun_s / tool_s);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mib = argc > 1 ? static_cast<std::size_t>(std::atoi(argv[1])) : 256;
  int port = argc > 2 ? std::atoi(argv[2]) : 18190;
  char dir_template[] = "/tmp/jrun-bench-image-XXXXXX";
  std::string dir = ::mkdtemp(dir_template);
  std::string raw = dir + "/disk.raw";
  write_disk_like(raw, mib);
  time_shell("xz -T2 -1 -k " + raw);
  std::string xz = raw + ".xz";
  std::printf("image benchmarks: %zu MiB disk-like file, %.1f MiB as .xz\n", mib,
              static_cast<double>(std::filesystem::file_size(xz)) / (1 << 20));

  auto t0 = Clock::now();
  auto sum = jrun::vm::sha512_file(raw);
  double jrun_sha = seconds_since(t0);
  double tool_sha = time_shell("sha512sum " + raw + " >/dev/null");
  if (!sum) return std::fprintf(stderr, "%s\n", sum.error().message.c_str()), 1;
  row("sha512", jrun_sha, tool_sha, "sha512sum");

  t0 = Clock::now();
  auto unpacked = jrun::vm::xz_decompress(xz, dir + "/jrun.raw");
  double jrun_xz = seconds_since(t0);
  double tool_xz = time_shell("xz -T1 -dc " + xz + " > " + dir + "/xz.raw");
  double tool_xz2 = time_shell("xz -T2 -dc " + xz + " > " + dir + "/xz.raw");
  if (!unpacked) return std::fprintf(stderr, "%s\n", unpacked.error().message.c_str()), 1;
  row("xz decompress", jrun_xz, tool_xz, "xz -T1 -dc");
  row("xz decompress", jrun_xz, tool_xz2, "xz -T2 -dc");
  // Holes: a mostly empty disk should not take its full size on the host.
  time_shell("echo \"disk used by the result: jrun $(du -m " + dir +
             "/jrun.raw | cut -f1) MiB, xz -dc $(du -m " + dir + "/xz.raw | cut -f1) MiB\"");

  std::string server = "cd " + dir + " && exec python3 -m http.server --bind 127.0.0.1 " +
                       std::to_string(port) + " >/dev/null 2>&1";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", server.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/disk.raw.xz";
  time_shell("for i in $(seq 50); do curl -sf -o /dev/null -r 0-0 " + url +
             " && exit 0; sleep 0.1; done; exit 1");
  t0 = Clock::now();
  auto fetched = jrun::sys::http_download(url, dir + "/jrun.xz");
  double jrun_dl = seconds_since(t0);
  double tool_dl = time_shell("curl -sf -o " + dir + "/curl.xz " + url);
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
  if (!fetched) return std::fprintf(stderr, "%s\n", fetched.error().message.c_str()), 1;
  row("download (loopback)", jrun_dl, tool_dl, "curl -o");
  std::filesystem::remove_all(dir);
  return 0;
}
