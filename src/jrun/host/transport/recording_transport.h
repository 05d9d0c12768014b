#pragma once
// A transport that runs nothing: it keeps every script and attached argv it is given and
// answers success with empty output. `jrun plan --scripts` drives a real driver through it to
// show exactly what `up` would send to the jail host.

#include <mutex>
#include <string>
#include <vector>

#include "jrun/host/transport.h"

namespace jrun::host {

class RecordingTransport final : public Transport {
 public:
  Result<ProcessResult> run_script(const std::string& script) override {
    std::lock_guard<std::mutex> lock(mutex_);
    scripts_.push_back(script);
    return ProcessResult{};
  }
  Result<int> run_attached(const std::vector<std::string>& argv, bool /*tty*/) override {
    std::lock_guard<std::mutex> lock(mutex_);
    attached_.push_back(argv);
    return 0;
  }
  std::string describe() const override { return "recording (nothing runs)"; }

  /// Every script, in the order it was given.
  std::vector<std::string> scripts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return scripts_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> scripts_;
  std::vector<std::vector<std::string>> attached_;
};

}  // namespace jrun::host
