#pragma once
// The process environment, read once at start-up and passed down as values.

#include <map>
#include <string>

#include "jrun/base/clock.h"

namespace jrun::sys {

/// Every variable of the process environment.
std::map<std::string, std::string> environment();

/// The current working directory (absolute), or "." if it cannot be read.
std::string current_dir();

/// True when file descriptor `fd` is a terminal.
bool is_terminal(int fd);

class RealClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace jrun::sys
