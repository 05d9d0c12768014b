#pragma once
// Reads ansible-playbook's default (text) output as it streams: which task runs now, and what
// failed. Pure: fed chunks of bytes, it keeps the partial last line until its newline comes.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jrun::provision {

/// One failed task, from `fatal: [host]: FAILED! => {...}` / `failed: [host] (item=x) => {...}`
/// / `fatal: [host]: UNREACHABLE! => {...}`, or a playbook-level `ERROR! ...`.
struct TaskFailure {
  std::string task;   ///< "" for a playbook-level ERROR! (syntax, missing file)
  std::string host;   ///< "localhost", "10.17.89.10", ...
  std::string error;  ///< the result's `msg` (plus stderr when present), or the raw text
};

class AnsibleProgress {
 public:
  /// `on_task` is called with each task name as it starts (may be empty).
  explicit AnsibleProgress(std::function<void(const std::string&)> on_task = {})
      : on_task_(std::move(on_task)) {}

  /// Feeds a chunk of output.
  void feed(std::string_view chunk);
  /// Flushes a last line without a newline.
  void finish();

  const std::string& current_task() const { return task_; }
  int tasks_started() const { return started_; }
  const std::vector<TaskFailure>& failures() const { return failures_; }

 private:
  void line(std::string_view text);

  std::function<void(const std::string&)> on_task_;
  std::string partial_;
  std::string task_;
  int started_ = 0;
  bool in_error_ = false;  // after "ERROR! ...": the rest of the output explains it
  std::vector<TaskFailure> failures_;
};

/// The failure's `=> {...}` JSON as a message: `msg`, then `stderr` / `module_stderr` when
/// present; the raw text when it is not JSON.
std::string failure_message(std::string_view result);

}  // namespace jrun::provision
