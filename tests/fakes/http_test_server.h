#pragma once
// A small HTTP/1.1 server on 127.0.0.1 (ports 18100-18199) for tests of the real HTTP client:
// serves files from memory, honours `Range: bytes=N-`, redirects, 404s, and can be told to drop
// the connection or go silent part-way through a body. Logs every request it receives.
// Not a fake: the client under test talks real TCP to it.

#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jrun::testing {

class HttpTestServer {
 public:
  /// Binds a free port in 18100-18199 and starts serving; aborts the test binary if none is free.
  HttpTestServer();
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;

  void serve(const std::string& path, std::string body);
  void redirect(const std::string& from, const std::string& to);
  /// Answer ranged requests with the whole file (200), like a server without range support.
  void ignore_ranges(bool on);
  /// For the next request of `path` only: send `bytes` of the body then close the connection.
  void drop_once_after(const std::string& path, std::size_t bytes);
  /// For the next request of `path` only: send `bytes` of the body then send nothing more.
  void stall_once_after(const std::string& path, std::size_t bytes);

  /// "GET /path" or "GET /path range=bytes=N-" for every request so far.
  std::vector<std::string> requests() const;

  /// A port in the test range on which nothing listens (for "connection refused").
  static int unused_port();

 private:
  struct Cut {
    std::size_t after = 0;
    bool stall = false;
  };
  void loop();
  void handle(int fd);
  void respond(int fd, const std::string& path, const std::string& range);

  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> redirects_;
  std::map<std::string, Cut> cuts_;
  std::vector<std::string> log_;
  bool ignore_ranges_ = false;
  std::thread thread_;
};

}  // namespace jrun::testing
