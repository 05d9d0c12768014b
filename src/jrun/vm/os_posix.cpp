#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "jrun/base/strings.h"
#include "jrun/vm/os.h"

namespace jrun::vm::os {
namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int read_pidfile(const std::string& path) {
  const std::string text(trim(read_all(path)));
  if (text.empty() || text.size() > 9) return 0;
  int pid = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

bool is_qemu_alive(int pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  // A daemonized QEMU is reparented to init; a killed one stays a zombie until init reaps it,
  // and kill(0) still succeeds on a zombie. /proc/<pid>/stat: "pid (comm) S ...".
  const std::string stat = read_all("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return true;  // no procfs (macOS): trust kill(0)
  const std::size_t close = stat.rfind(')');
  const std::size_t open = stat.find('(');
  if (close == std::string::npos || open == std::string::npos || close + 2 >= stat.size()) {
    return false;
  }
  const char state = stat[close + 2];
  if (state == 'Z' || state == 'X') return false;
  return to_lower(stat.substr(open + 1, close - open - 1)).find("qemu") != std::string::npos;
}

bool send_signal(int pid, int signal) { return pid > 0 && ::kill(pid, signal) == 0; }

bool port_free(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr = loopback(port);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

bool ssh_banner(std::uint16_t port, int timeout_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>((timeout_ms % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr = loopback(port);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    char buf[8] = {};
    const ssize_t n = ::recv(fd, buf, 4, MSG_WAITALL);
    ok = n == 4 && std::string(buf, 4) == "SSH-";
  }
  ::close(fd);
  return ok;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

std::string tail_file(const std::string& path, int lines) {
  std::vector<std::string> all = split(read_all(path), '\n');
  while (!all.empty() && trim(all.back()).empty()) all.pop_back();
  const auto keep = static_cast<std::size_t>(std::max(lines, 0));
  if (all.size() > keep) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(keep));
  return join(all, "\n");
}

bool kvm_usable() {
  const int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

int cpu_count() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

}  // namespace jrun::vm::os
