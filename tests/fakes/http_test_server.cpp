#include "fakes/http_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace jrun::testing {
namespace {

constexpr int kFirstPort = 18100;
constexpr int kLastPort = 18199;

int bind_in_range(int& port_out) {
  for (int port = kFirstPort; port <= kLastPort; ++port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) break;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd, 8) == 0) {
      port_out = port;
      return fd;
    }
    ::close(fd);
  }
  std::fprintf(stderr, "HttpTestServer: no free port in %d-%d\n", kFirstPort, kLastPort);
  std::abort();
}

void send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void send_text(int fd, const std::string& text) { send_all(fd, text.data(), text.size()); }

/// The request head (up to the blank line), or nothing if the peer closed first.
std::optional<std::string> read_head(int fd) {
  std::string head;
  char buf[1024];
  while (head.find("\r\n\r\n") == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    head.append(buf, static_cast<std::size_t>(n));
  }
  return head;
}

std::string header_value(const std::string& head, const std::string& lower_name) {
  std::size_t pos = 0;
  while ((pos = head.find("\r\n", pos)) != std::string::npos) {
    pos += 2;
    std::string line = head.substr(pos, head.find("\r\n", pos) - pos);
    std::string lowered;
    for (char c : line) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered.rfind(lower_name + ":", 0) == 0) {
      std::string value = line.substr(lower_name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
  }
  return "";
}

/// Start offset of "bytes=N-", or nothing for another form.
std::optional<std::size_t> range_start(const std::string& range) {
  if (range.rfind("bytes=", 0) != 0 || range.back() != '-') return std::nullopt;
  std::string digits = range.substr(6, range.size() - 7);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoull(digits));
}

}  // namespace

HttpTestServer::HttpTestServer() {
  listen_fd_ = bind_in_range(port_);
  if (::pipe2(wake_, O_CLOEXEC) != 0) std::abort();
  thread_ = std::thread([this] { loop(); });
}

HttpTestServer::~HttpTestServer() {
  stop_ = true;
  char byte = 0;
  [[maybe_unused]] ssize_t n = ::write(wake_[1], &byte, 1);
  thread_.join();
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

std::string HttpTestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpTestServer::serve(const std::string& path, std::string body) {
  std::lock_guard lock(mu_);
  files_[path] = std::move(body);
}

void HttpTestServer::redirect(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  redirects_[from] = to;
}

void HttpTestServer::ignore_ranges(bool on) {
  std::lock_guard lock(mu_);
  ignore_ranges_ = on;
}

void HttpTestServer::drop_once_after(const std::string& path, std::size_t bytes) {
  std::lock_guard lock(mu_);
  cuts_[path] = Cut{bytes, false};
}

void HttpTestServer::stall_once_after(const std::string& path, std::size_t bytes) {
  std::lock_guard lock(mu_);
  cuts_[path] = Cut{bytes, true};
}

std::vector<std::string> HttpTestServer::requests() const {
  std::lock_guard lock(mu_);
  return log_;
}

int HttpTestServer::unused_port() {
  int port = 0;
  int fd = bind_in_range(port);
  ::close(fd);  // nothing listens there any more: connecting is refused
  return port;
}

void HttpTestServer::loop() {
  while (!stop_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    handle(fd);
    ::close(fd);
  }
}

void HttpTestServer::handle(int fd) {
  auto head = read_head(fd);
  if (!head) return;
  std::string first = head->substr(0, head->find("\r\n"));
  std::size_t sp1 = first.find(' ');
  std::size_t sp2 = first.find(' ', sp1 + 1);
  std::string path = first.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string range = header_value(*head, "range");
  {
    std::lock_guard lock(mu_);
    log_.push_back("GET " + path + (range.empty() ? "" : " range=" + range));
  }
  respond(fd, path, range);
}

void HttpTestServer::respond(int fd, const std::string& path, const std::string& range) {
  std::unique_lock lock(mu_);
  if (auto r = redirects_.find(path); r != redirects_.end()) {
    send_text(fd, "HTTP/1.1 302 Found\r\nLocation: " + r->second +
                      "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  auto f = files_.find(path);
  if (f == files_.end()) {
    send_text(fd,
              "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
    return;
  }
  const std::string& body = f->second;
  std::size_t start = 0;
  std::string status = "200 OK";
  std::string extra;
  if (auto s = range_start(range); s && !ignore_ranges_) {
    if (*s >= body.size()) {
      send_text(fd, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" +
                        std::to_string(body.size()) +
                        "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    start = *s;
    status = "206 Partial Content";
    extra = "Content-Range: bytes " + std::to_string(start) + "-" +
            std::to_string(body.size() - 1) + "/" + std::to_string(body.size()) + "\r\n";
  }
  std::size_t length = body.size() - start;
  send_text(fd, "HTTP/1.1 " + status + "\r\nContent-Length: " + std::to_string(length) +
                    "\r\nAccept-Ranges: bytes\r\n" + extra + "Connection: close\r\n\r\n");
  std::optional<Cut> cut;
  if (auto c = cuts_.find(path); c != cuts_.end()) {
    cut = c->second;
    cuts_.erase(c);
  }
  std::size_t send_len = cut ? std::min(length, cut->after) : length;
  std::string chunk = body.substr(start, send_len);
  lock.unlock();
  send_all(fd, chunk.data(), chunk.size());
  if (cut && cut->stall) {
    // Silent until the client gives up (closes) or the server stops.
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    while (::poll(fds, 2, -1) < 0 && errno == EINTR) {
    }
  }
}

}  // namespace jrun::testing
