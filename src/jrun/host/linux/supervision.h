#pragma once
// Supervision of a jail's execs by monit, as generated files and scripts. Pure.
//
// Each exec gets wrapper scripts under /etc/jrun/exec/ that hold every user value (cmd, dir,
// env, healthcheck test), written through shell_quote; the monit control files hold only paths,
// numbers and exec names (validated DNS labels). A service's process group is its own session;
// its output is appended to /var/log/jrun/<exec>.log; its pid is in /run/jrun/<exec>.pid.
// monit's HTTP interface is a unix socket (/run/monit.sock), so `monit status` works inside the
// jail and nothing listens on the network. Every monit call uses `-c /etc/monit/monitrc`.
//
// `prefix` (default "") puts every path under another root: for tests that run monit outside a
// jail. Inside a jail it is always "".

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/model/config.h"

namespace jrun::host::linux_driver {

/// One file to write inside the jail.
struct GeneratedFile {
  std::string path;     ///< absolute path inside the jail
  int mode = 0600;      ///< permission bits
  std::string content;  ///< exact bytes
  std::string service;  ///< the exec this file belongs to; "" for monit's main control file
};

/// monit's control file inside the jail (with `prefix`).
std::string monitrc_path(const std::string& prefix = "");
/// The log file of one exec (with `prefix`).
std::string exec_log_path(const std::string& exec, const std::string& prefix = "");
/// The pid file of one exec (with `prefix`).
std::string exec_pid_path(const std::string& exec, const std::string& prefix = "");

/// Every supervision file of a jail: monitrc (0600; `set daemon <cycle>` rounded to whole
/// seconds, at least 1), conf.d/<exec>.monitrc (0600) and the wrappers <exec>.run, .start,
/// .stop, .health (0700) per exec, sorted by path. A jail without execs still gets monitrc (so
/// applying removes the services of a previous config). Throws std::invalid_argument for an exec
/// or env name the model would have rejected, or a prefix that is not a plain absolute path.
std::vector<GeneratedFile> supervision_files(const model::Jail& jail, double monit_cycle,
                                             const std::string& prefix = "");

/// The control file a new jail's monit starts with: no services and no control socket. The
/// first apply writes the full one and reloads monit; a reload that has to stop monit's control
/// socket takes a second (its poll interval), one that only starts it a few hundredths.
std::string bootstrap_monitrc(double monit_cycle, const std::string& prefix = "");

/// Shell script, run inside the jail as root (`sh -s`), that brings monit to `files`: writes
/// the files that differ; stops and removes services whose exec is gone (after monit forgot
/// them, so it cannot restart them); validates (`monit -t`); reloads monit only when a control
/// file changed, or starts monit if it is not running; restarts exactly the services whose
/// files changed and starts new ones. Unchanged services keep their process; those that are not
/// monitored or not running (their restart policy gave up) are monitored and started again, with
/// a fresh restart count. Exit status 0 on
/// success; non-zero when monit rejects its control file or cannot be started.
std::string supervision_apply_script(const std::vector<GeneratedFile>& files,
                                     const std::string& prefix = "");

/// Shell script, run inside the jail: stops monit (so it restarts nothing), then every service
/// through its .stop wrapper. For `down` before the jail is torn down. Idempotent.
std::string supervision_stop_script(const std::string& prefix = "");

/// Services of `monit status` output (monit 5.33): one entry per Process block, in order; its
/// `<exec>_health` Program block decides `healthy` together with the process status.
/// `status` is monit's process status in lower case ("ok", "not monitored", "does not exist",
/// "execution failed | does not exist", "initializing"), or "health: <program status>" when the
/// process is ok and its healthcheck is not (yet) passing.
std::vector<ServiceStatus> parse_monit_status(std::string_view text);

/// argv (run inside the jail) printing the last `lines` lines of the logs of `execs`, following
/// them with `follow`: `tail -n <lines> [-F] -- <log>...`.
std::vector<std::string> logs_argv(const std::vector<std::string>& execs, bool follow, int lines,
                                   const std::string& prefix = "");

}  // namespace jrun::host::linux_driver
