#pragma once
// Time as the pure core sees it.

#include <chrono>

namespace jrun {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Seconds since the Unix epoch (UTC).
  virtual std::chrono::system_clock::time_point now() const = 0;
};

}  // namespace jrun
