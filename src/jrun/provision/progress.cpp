#include "jrun/provision/progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "jrun/base/strings.h"

namespace jrun::provision {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// "TASK [name] *****" -> "name"; handler tasks ("RUNNING HANDLER [x]") count as tasks too.
std::string bracketed(std::string_view text) {
  std::size_t open = text.find('[');
  std::size_t close = text.rfind(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return "";
  return std::string(text.substr(open + 1, close - open - 1));
}

std::string append_stderr(std::string message, const nlohmann::json& result, const char* key) {
  auto it = result.find(key);
  if (it == result.end() || !it->is_string()) return message;
  std::string text(trim(it->get<std::string>()));
  if (text.empty() || message.find(text) != std::string::npos) return message;
  return message.empty() ? text : message + " — " + text;
}

}  // namespace

std::string failure_message(std::string_view result) {
  nlohmann::json json = nlohmann::json::parse(result, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::string(trim(result));
  std::string message;
  if (auto msg = json.find("msg"); msg != json.end()) {
    message = msg->is_string() ? msg->get<std::string>() : msg->dump();
  }
  message = append_stderr(message, json, "stderr");
  message = append_stderr(message, json, "module_stderr");
  return message.empty() ? json.dump() : message;
}

void AnsibleProgress::feed(std::string_view chunk) {
  partial_.append(chunk);
  std::size_t start = 0;
  for (std::size_t nl = partial_.find('\n'); nl != std::string::npos;
       nl = partial_.find('\n', start)) {
    line(std::string_view(partial_).substr(start, nl - start));
    start = nl + 1;
  }
  partial_.erase(0, start);
}

void AnsibleProgress::finish() {
  if (!partial_.empty()) line(partial_);
  partial_.clear();
}

void AnsibleProgress::line(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (in_error_) {
    // ERROR! ends the run: the rest is its explanation (a few paragraphs), kept short.
    constexpr long kMaxErrorLines = 12;
    std::string& error = failures_.back().error;
    if (!trim(text).empty() && std::count(error.begin(), error.end(), '\n') < kMaxErrorLines) {
      error += "\n" + std::string(text);
    }
    return;
  }
  if (starts_with(text, "TASK [") || starts_with(text, "RUNNING HANDLER [")) {
    task_ = bracketed(text.substr(
        0, text.find("] ") == std::string_view::npos ? text.size() : text.find("] ") + 1));
    ++started_;
    if (on_task_) on_task_(task_);
    return;
  }
  if (starts_with(text, "ERROR! ")) {
    failures_.push_back({"", "", std::string(text.substr(7))});
    in_error_ = true;
    return;
  }
  if (!starts_with(text, "fatal: [") && !starts_with(text, "failed: [")) return;
  std::size_t host_end = text.find(']');
  std::string host(text.substr(text.find('[') + 1, host_end - text.find('[') - 1));
  std::size_t arrow = text.find("=> ");
  std::string_view result = arrow == std::string_view::npos ? text : text.substr(arrow + 3);
  failures_.push_back({task_, host, failure_message(result)});
}

}  // namespace jrun::provision
