#include "jrun/sys/real_filesystem.h"

#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace jrun::sys {

Result<std::string> RealFileSystem::read_file(const std::string& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return make_error(ErrorCode::kRuntime, "cannot read " + path + ": " + std::strerror(errno));
  }
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return make_error(ErrorCode::kRuntime, "cannot read " + path + ": " + std::strerror(saved));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Error read_error(const std::string& path, const std::string& why) {
  return make_error(ErrorCode::kUsage, "cannot read " + path + ": " + why);
}

}  // namespace

// O_NONBLOCK: opening a FIFO without a writer returns at once instead of blocking (the type is
// refused right after). The size is checked before reading and the read stops one byte past
// the limit, so a file that grows meanwhile cannot make it read without end.
Result<std::string> RealFileSystem::read_regular_file(const std::string& path,
                                                      std::size_t max_bytes) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return read_error(path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    std::string why = S_ISREG(st.st_mode) ? std::strerror(errno) : kind_of(st.st_mode);
    ::close(fd);
    return read_error(path, why + " (only regular files are read)");
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return read_error(path, "larger than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  std::string text;
  char buffer[65536];
  while (text.size() <= max_bytes) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return read_error(path, std::strerror(saved));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (text.size() > max_bytes) {
    return read_error(path, "larger than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

bool RealFileSystem::exists(const std::string& path) const {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

bool RealFileSystem::is_directory(const std::string& path) const {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Result<std::vector<std::string>> RealFileSystem::glob(const std::string& pattern) const {
  glob_t g{};
  int rc = ::glob(pattern.c_str(), GLOB_ERR, nullptr, &g);
  std::vector<std::string> paths;
  if (rc == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) paths.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  if (rc != 0 && rc != GLOB_NOMATCH) {
    return make_error(ErrorCode::kRuntime, "cannot expand " + pattern);
  }
  return paths;  // glob(3) sorts by default
}

}  // namespace jrun::sys
