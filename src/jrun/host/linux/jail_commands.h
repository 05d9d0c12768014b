#pragma once
// Commands that run inside a linux jail: attached ones (enter, logs) as argv values for
// Transport::run_attached, and the services query as a script. Each resolves the jail's init
// PID on the jail host itself, so it costs one round trip.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// Exit code of enter/logs when the jail is not running.
inline constexpr int kNotRunningExit = 125;

/// argv running `argv` in every namespace of jail `name` (root = the jail's), with a clean
/// environment (PATH, HOME=/root, LANG, and the caller's TERM). Exit code passed through.
std::vector<std::string> enter_argv(const std::string& name, const std::vector<std::string>& argv,
                                    const LinuxLayout& layout);

/// argv of an interactive login shell inside a jail: bash -l if the jail has it, else sh -l.
std::vector<std::string> login_shell_argv();

/// argv printing the service logs /var/log/jrun/<service>.log (every service's log when
/// `query.service` is empty) inside the jail as `query` asks (host::logs_sh_argv).
std::vector<std::string> jail_logs_argv(const std::string& name, const LogsQuery& query,
                                        const LinuxLayout& layout);

/// Script printing `monit status` of jail `name` (fails when the jail is not running).
std::string services_script(const std::string& name, const LinuxLayout& layout);

/// Script printing every jail as probe_script does, then for each of `names` that runs a
/// section "jrun-services NAME" … "jrun-services-end" with its service status. Names must be
/// valid (checked by the caller).
std::string status_script(const std::vector<std::string>& names, const LinuxLayout& layout);

/// The service sections of status_script's output, by jail name.
std::map<std::string, std::string> split_status_sections(std::string_view out);

}  // namespace jrun::host::linux_driver
