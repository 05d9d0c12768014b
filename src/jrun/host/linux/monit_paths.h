#pragma once
// Where supervision keeps its files inside a jail (under an optional test prefix). Internal to
// supervision.cpp and monit_apply.cpp.

#include <string>

namespace jrun::host::linux_driver {

/// Paths of the supervision files; every one is `prefix` + an absolute path.
struct MonitPaths {
  std::string prefix;  ///< "" inside a jail; checked by checked_prefix

  std::string monitrc() const { return prefix + "/etc/monit/monitrc"; }
  std::string conf_dir() const { return prefix + "/etc/monit/conf.d"; }
  std::string exec_dir() const { return prefix + "/etc/jrun/exec"; }
  std::string run_dir() const { return prefix + "/run/jrun"; }
  std::string log_dir() const { return prefix + "/var/log/jrun"; }
  std::string state_dir() const { return prefix + "/var/lib/monit"; }
  std::string monit_pid() const { return prefix + "/run/monit.pid"; }
  std::string monit_log() const { return prefix + "/var/log/monit.log"; }
  std::string socket() const { return prefix + "/run/monit.sock"; }
  std::string conf(const std::string& exec) const { return conf_dir() + "/" + exec + ".monitrc"; }
  std::string wrapper(const std::string& exec, const char* kind) const {
    return exec_dir() + "/" + exec + "." + kind;
  }
  std::string pid(const std::string& exec) const { return run_dir() + "/" + exec + ".pid"; }
  std::string log(const std::string& exec) const { return log_dir() + "/" + exec + ".log"; }
};

/// The monit binary every generated script and monit action uses.
inline constexpr const char* kMonitBinary = "/usr/bin/monit";

/// `prefix` if it is "" or an absolute path of [A-Za-z0-9_./-] (it goes into monit strings);
/// throws std::invalid_argument otherwise.
std::string checked_prefix(const std::string& prefix);

}  // namespace jrun::host::linux_driver
