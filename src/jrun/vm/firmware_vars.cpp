// The per-VM copy of the UEFI variable store (adapter).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "jrun/vm/firmware.h"

namespace jrun::vm {
namespace {

Error io_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kRuntime, what + " " + path + ": " + std::strerror(errno));
}

bool copy_fd(int in, int out) {
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    if (::write(out, buffer, static_cast<std::size_t>(n)) != n) return false;
  }
}

}  // namespace

Result<std::string> prepare_vars(const Firmware& firmware, const std::string& dest, bool fresh) {
  if (firmware.vars_template.empty()) return std::string();
  struct stat st {};
  if (!fresh && ::stat(dest.c_str(), &st) == 0) return dest;
  int in = ::open(firmware.vars_template.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_error("cannot read the UEFI variable template", firmware.vars_template);
  std::string tmp = dest + ".tmp";
  int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) {
    ::close(in);
    return io_error("cannot create", tmp);
  }
  bool ok = copy_fd(in, out) && ::fsync(out) == 0;
  int saved = errno;
  ::close(in);
  ::close(out);
  if (ok && ::rename(tmp.c_str(), dest.c_str()) == 0) return dest;
  if (ok) saved = errno;
  ::unlink(tmp.c_str());
  errno = saved;
  return io_error("cannot write the UEFI variable store", dest);
}

}  // namespace jrun::vm
