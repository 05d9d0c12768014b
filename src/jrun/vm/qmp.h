#pragma once
// A QMP client: newline-delimited JSON over a byte channel. The framing (greeting, capabilities
// handshake, skipping asynchronous events, matching a command's return or error) is pure and
// tested over a socket pair; qmp_socket.cpp connects the real unix socket.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "jrun/base/result.h"

namespace jrun::vm {

/// A bidirectional byte stream (a connected unix socket in production).
class QmpChannel {
 public:
  virtual ~QmpChannel() = default;
  /// Writes all of `data`.
  virtual Status write(const std::string& data) = 0;
  /// Reads some bytes (at least one); an error on EOF or timeout.
  virtual Result<std::string> read_some() = 0;
};

class QmpClient {
 public:
  /// `channel` must outlive the client.
  explicit QmpClient(QmpChannel& channel) : channel_(channel) {}

  /// Reads the greeting and sends qmp_capabilities.
  Status handshake();
  /// Runs `command` with `arguments` (null = none); returns its "return" value. A QMP "error"
  /// reply is an error carrying its class and description.
  Result<nlohmann::json> execute(const std::string& command,
                                 const nlohmann::json& arguments = nullptr);
  /// Runs a human monitor command line (hostfwd_add, hostfwd_remove); returns its text output.
  Result<std::string> hmp(const std::string& command_line);
  /// hostfwd_add: silent on success, so any output is the error.
  Status hostfwd_add(const std::string& netdev, const std::string& rule);
  /// hostfwd_remove of "proto:addr:port": "removed" or "not found" (already gone) are fine.
  Status hostfwd_remove(const std::string& netdev, const std::string& rule);
  /// query-status → "running", "paused", "shutdown", ...
  Result<std::string> status();

 private:
  /// The next JSON message that is not an event.
  Result<nlohmann::json> next_reply();
  Result<std::string> next_line();

  QmpChannel& channel_;
  std::string buffer_;
};

/// Connects to the QMP unix socket at `path` with a receive timeout; fails when nothing listens
/// (a stale socket file).
Result<std::unique_ptr<QmpChannel>> connect_qmp(const std::string& path, int timeout_ms);

}  // namespace jrun::vm
