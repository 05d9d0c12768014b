#include "fakes/fake_process_runner.h"

namespace jrun::testing {

Result<host::ProcessResult> FakeProcessRunner::run(const host::Command& command) {
  std::lock_guard lock(mu_);
  commands_.push_back(command);
  if (results.empty()) return host::ProcessResult{};
  Result<host::ProcessResult> next = std::move(results.front());
  results.pop_front();
  return next;
}

Result<int> FakeProcessRunner::run_attached(const host::Command& command) {
  std::lock_guard lock(mu_);
  attached_.push_back(command);
  return attached_exit;
}

std::vector<host::Command> FakeProcessRunner::commands() const {
  std::lock_guard lock(mu_);
  return commands_;
}

std::vector<host::Command> FakeProcessRunner::attached() const {
  std::lock_guard lock(mu_);
  return attached_;
}

}  // namespace jrun::testing
