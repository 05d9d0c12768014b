// The real QMP channel: a connected AF_UNIX stream socket with send/receive timeouts.

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "jrun/vm/qmp.h"

namespace jrun::vm {
namespace {

class UnixChannel final : public QmpChannel {
 public:
  explicit UnixChannel(int fd) : fd_(fd) {}
  ~UnixChannel() override { ::close(fd_); }
  UnixChannel(const UnixChannel&) = delete;
  UnixChannel& operator=(const UnixChannel&) = delete;

  Status write(const std::string& data) override {
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        return make_error(ErrorCode::kRuntime, std::string("QMP write: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
    return {};
  }

  Result<std::string> read_some() override {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return make_error(ErrorCode::kRuntime,
                          errno == EAGAIN ? std::string("QMP: no reply from QEMU (timed out)")
                                          : std::string("QMP read: ") + std::strerror(errno));
      }
      if (n == 0) return make_error(ErrorCode::kRuntime, "QMP: QEMU closed the connection");
      return std::string(buf, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
};

}  // namespace

Result<std::unique_ptr<QmpChannel>> connect_qmp(const std::string& path, int timeout_ms) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    return make_error(ErrorCode::kRuntime, "QMP socket path too long: " + path);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return make_error(ErrorCode::kRuntime, std::string("socket: ") + std::strerror(errno));
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>((timeout_ms % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;
    ::close(fd);
    return make_error(ErrorCode::kRuntime,
                      "cannot connect to QEMU's QMP socket " + path + ": " + std::strerror(err));
  }
  return std::unique_ptr<QmpChannel>(std::make_unique<UnixChannel>(fd));
}

}  // namespace jrun::vm
