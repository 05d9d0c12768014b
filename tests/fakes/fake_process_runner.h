#pragma once
// A ProcessRunner that records the commands it was given and replays scripted results.

#include <deque>
#include <mutex>
#include <vector>

#include "jrun/host/process.h"

namespace jrun::testing {

class FakeProcessRunner : public host::ProcessRunner {
 public:
  Result<host::ProcessResult> run(const host::Command& command) override;
  Result<int> run_attached(const host::Command& command) override;

  /// Results of the next run() calls in order; when empty, run() returns exit 0, no output.
  std::deque<Result<host::ProcessResult>> results;
  /// Exit code of every run_attached().
  int attached_exit = 0;

  std::vector<host::Command> commands() const;  ///< run() calls, in order
  std::vector<host::Command> attached() const;  ///< run_attached() calls, in order

 private:
  mutable std::mutex mu_;
  std::vector<host::Command> commands_;
  std::vector<host::Command> attached_;
};

}  // namespace jrun::testing
