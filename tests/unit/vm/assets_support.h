#pragma once
// Helpers for the image, seed and firmware tests: temp dirs, files, .xz data made with liblzma,
// running a shell command.

#include <lzma.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace jrun::vm::test {

inline std::string xz_compress(const std::string& data) {
  std::vector<uint8_t> out(lzma_stream_buffer_bound(data.size()));
  size_t used = 0;
  lzma_ret ret = lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, nullptr,
                                         reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                                         out.data(), &used, out.size());
  if (ret != LZMA_OK) return "";
  return std::string(reinterpret_cast<const char*>(out.data()), used);
}

/// Like a disk image: a quarter of pseudo-random bytes (barely compressible), a long run of
/// zeros, then text.
inline std::string disk_like(std::size_t size) {
  std::string s(size, '\0');
  std::uint32_t x = 2463534242u;
  for (std::size_t i = 0; i < size / 4; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s[i] = static_cast<char>(x & 0xff);
  }
  for (std::size_t i = size - 100; i < size; ++i) s[i] = 'z';
  return s;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct ShellOutput {
  int status = -1;   ///< exit status, -1 when killed
  std::string text;  ///< stdout and stderr
};

/// Runs `command` with /bin/sh, stdout and stderr captured.
inline ShellOutput run_shell(const std::string& command) {
  ShellOutput out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
  int raw = ::pclose(pipe);
  out.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/jrun-vm-XXXXXX";
    path_ = ::mkdtemp(tmpl) ? tmpl : "";
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace jrun::vm::test
