#pragma once
// The awk implementations every generated awk program must work under: Debian's original-awk
// (the one-true-awk of FreeBSD base, awk(1) there), mawk (Debian's default) and gawk. Tests
// put a directory whose `awk` is one of them first on PATH, and run the program with a pipe on
// stdin and a timeout, so a program that reads stdin by mistake hangs or loses input visibly.

#include <filesystem>
#include <string>

#include "test_network_support.h"

namespace jrun::host::testing {

inline constexpr const char* kAwkFamilies[] = {"original-awk", "mawk", "gawk"};

/// A directory (under `dir`) holding `awk` → the installed `family`; "" when it is missing.
inline std::string awk_bin(const std::string& dir, const std::string& family) {
  const auto found = linux_driver::testing::run_shell("command -v " + shell_quote(family));
  if (found.status != 0) return "";
  std::string target = found.text;
  while (!target.empty() && target.back() == '\n') target.pop_back();
  const std::string bin = dir + "/awk-" + family;
  std::filesystem::create_directories(bin);
  std::error_code ignored;
  std::filesystem::create_symlink(target, bin + "/awk", ignored);
  return bin;
}

/// `command` with `awk` meaning `family` (PATH), stdin a pipe that never ends, a timeout.
inline std::string under_awk(const std::string& bin, const std::string& command, int seconds) {
  return "yes stdin-must-not-be-read | timeout " + std::to_string(seconds) +
         " env PATH=" + shell_quote(bin) + ":\"$PATH\" /bin/sh -c " + shell_quote(command);
}

}  // namespace jrun::host::testing
