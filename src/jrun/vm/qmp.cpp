#include "jrun/vm/qmp.h"

namespace jrun::vm {

Result<std::string> QmpClient::next_line() {
  for (;;) {
    const std::size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      return line;
    }
    ASSIGN_OR_RETURN(std::string more, channel_.read_some());
    buffer_ += more;
  }
}

Result<nlohmann::json> QmpClient::next_reply() {
  for (;;) {
    ASSIGN_OR_RETURN(std::string line, next_line());
    nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      return make_error(ErrorCode::kRuntime, "QMP: malformed message: " + line);
    }
    if (message.contains("event")) continue;  // asynchronous: SHUTDOWN, POWERDOWN, ...
    return message;
  }
}

Status QmpClient::handshake() {
  ASSIGN_OR_RETURN(nlohmann::json greeting, next_reply());
  if (!greeting.contains("QMP")) {
    return make_error(ErrorCode::kRuntime, "QMP: expected a greeting, got " + greeting.dump());
  }
  TRY(execute("qmp_capabilities"));
  return {};
}

Result<nlohmann::json> QmpClient::execute(const std::string& command,
                                          const nlohmann::json& arguments) {
  nlohmann::json request = {{"execute", command}};
  if (!arguments.is_null()) request["arguments"] = arguments;
  TRY(channel_.write(request.dump() + "\n"));
  ASSIGN_OR_RETURN(nlohmann::json reply, next_reply());
  if (reply.contains("error")) {
    const nlohmann::json& e = reply["error"];
    return make_error(ErrorCode::kRuntime, "QMP " + command + ": " +
                                               e.value("class", std::string("Error")) + ": " +
                                               e.value("desc", std::string("(no description)")));
  }
  if (!reply.contains("return")) {
    return make_error(ErrorCode::kRuntime, "QMP " + command + ": unexpected reply " + reply.dump());
  }
  return reply["return"];
}

Result<std::string> QmpClient::hmp(const std::string& command_line) {
  ASSIGN_OR_RETURN(nlohmann::json out,
                   execute("human-monitor-command", {{"command-line", command_line}}));
  return out.is_string() ? out.get<std::string>() : out.dump();
}

Status QmpClient::hostfwd_add(const std::string& netdev, const std::string& rule) {
  const std::string line = "hostfwd_add " + netdev + " " + rule;
  ASSIGN_OR_RETURN(std::string text, hmp(line));
  if (!text.empty()) {
    return make_error(ErrorCode::kRuntime, "QEMU monitor `" + line + "`: " + text);
  }
  return {};
}

Status QmpClient::hostfwd_remove(const std::string& netdev, const std::string& rule) {
  const std::string line = "hostfwd_remove " + netdev + " " + rule;
  ASSIGN_OR_RETURN(std::string text, hmp(line));
  if (text.find("removed") == std::string::npos && text.find("not found") == std::string::npos) {
    return make_error(ErrorCode::kRuntime, "QEMU monitor `" + line + "`: " + text);
  }
  return {};
}

Result<std::string> QmpClient::status() {
  ASSIGN_OR_RETURN(nlohmann::json out, execute("query-status"));
  if (!out.is_object() || !out.contains("status") || !out["status"].is_string()) {
    return make_error(ErrorCode::kRuntime, "QMP query-status: unexpected reply " + out.dump());
  }
  return out["status"].get<std::string>();
}

}  // namespace jrun::vm
