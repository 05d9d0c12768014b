#pragma once
// `jrun doctor`: facts about this machine (gathered by doctor_facts) judged by a pure function,
// each problem with the command that fixes it on this platform.

#include <map>
#include <set>
#include <string>
#include <vector>

namespace jrun::cli {

struct DoctorFacts {
  std::string os = "Linux";        ///< uname -s
  std::string arch = "x86_64";     ///< uname -m
  std::string package_manager;     ///< apt, dnf, pacman, brew, pkg ("" = unknown)
  std::set<std::string> programs;  ///< found in PATH
  std::set<std::string> files;     ///< of the paths asked, those that exist
  bool kvm = false;                ///< /dev/kvm usable (Linux) / hvf (macOS)
  bool root = false;
  std::string provider = "vm";
  std::string home;  ///< $JRUN_HOME
  bool home_exists = false;
  bool home_private = true;        ///< owned by us, not writable by group or others
  std::map<int, bool> ports_free;  ///< port → free on 127.0.0.1
  /// Recorded forwards of the local provider whose host port something else listens on:
  /// "web/http tcp 127.0.0.1:8080" → the listener's address ("0.0.0.0").
  std::map<std::string, std::string> forwards_taken;
};

struct Finding {
  enum class Level { kOk, kWarning, kMissing } level = Level::kOk;
  std::string what;    ///< "qemu-system-x86_64"
  std::string detail;  ///< "found", "not found", ...
  std::string fix;     ///< command that fixes it ("" when nothing to do)
};

/// Paths doctor_facts must look at (firmware, namespaces, cgroups, overlayfs).
std::vector<std::string> doctor_paths(const std::string& arch);

/// The judgement: one finding per check, in a stable order.
std::vector<Finding> doctor_findings(const DoctorFacts& facts);

}  // namespace jrun::cli
