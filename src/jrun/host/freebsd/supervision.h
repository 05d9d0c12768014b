#pragma once
// Supervision of a FreeBSD jail's execs by monit (the port's monit, rc.d `monit`), as files and
// a host-side apply script. Pure.
//
// Each exec gets wrapper scripts under /usr/local/etc/jrun/exec/ holding every user value (cmd,
// dir, env, healthcheck test) through shell_quote; monit control files hold only paths, numbers
// and exec names (DNS labels). `<exec>.start` runs `<exec>.run` under daemon(8) with a child
// pidfile (/var/run/jrun/<exec>.pid, what monit watches), a supervisor pidfile and an output
// file (/var/log/jrun/<exec>.log), and no syslog (-S/-T would copy every line into the jail's
// /var/log/messages). monit's HTTP interface is a unix socket, so nothing listens on the network.

#include <string>
#include <vector>

#include "jrun/model/config.h"

namespace jrun::host::freebsd_driver {

/// One file inside the jail.
struct JailFile {
  std::string path;  ///< absolute path inside the jail (with `prefix`)
  unsigned mode = 0600;
  std::string content;
  std::string service;  ///< the exec it belongs to; "" for monitrc
};

inline constexpr const char* kMonitrc = "/usr/local/etc/monitrc";
inline constexpr const char* kMonitDir = "/usr/local/etc/monit.d";
inline constexpr const char* kExecDir = "/usr/local/etc/jrun/exec";
inline constexpr const char* kServiceLogDir = "/var/log/jrun";

/// monitrc (`set daemon <cycle>`, whole seconds, at least 1), monit.d/<exec>.monitrc and the
/// wrappers <exec>.run, .start, .stop (and .health) per exec, sorted by path. A jail without
/// execs still gets monitrc. `prefix` puts every path under another root (tests run the real
/// `monit -t` on the files); inside a jail it is "". Throws std::invalid_argument for names the
/// model would have rejected.
std::vector<JailFile> monit_files(const model::Jail& jail, double monit_cycle,
                                  const std::string& prefix = "");

/// Host-side script body (needs `J` = the jail's root on the host, `N` = its jail(8) name, and
/// `jrun_put`): writes the files that differ; removes the services whose exec is gone (monit
/// forgets them first, then their .stop wrapper runs: reference bug 4); `monit -t`; starts
/// monit (rc.d) if it is not running, else reloads when a control file changed and restarts
/// exactly the changed services.
std::string monit_apply_body(const std::vector<JailFile>& files);

}  // namespace jrun::host::freebsd_driver
