#pragma once
// JRUN_TRACE=1: one stderr line per timed phase of a command (parse, lock, probe, plan, every
// script run on the jail host, every state save), for finding where time goes.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "jrun/cli/output.h"

namespace jrun::cli {

class Trace {
 public:
  using Clock = std::chrono::steady_clock;

  /// Starts printing to `out` (nullptr stops); times are relative to this call.
  void enable(Output* out);
  bool enabled() const { return out_.load() != nullptr; }
  /// "trace +1.234s  0.456s  what": end time since enable(), duration. Thread-safe.
  void note(std::string_view what, std::chrono::nanoseconds took);

  /// Notes the time from construction to destruction as `what` (when tracing).
  class Scope {
   public:
    Scope(Trace& trace, std::string what);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Trace& trace_;
    std::string what_;
    Clock::time_point start_;
  };

 private:
  std::mutex mu_;
  std::atomic<Output*> out_{nullptr};
  Clock::time_point origin_ = Clock::now();
};

/// The process's trace (enabled by cli::run when JRUN_TRACE is set).
Trace& trace();

}  // namespace jrun::cli
