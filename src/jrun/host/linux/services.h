#pragma once
// The linux runtime's use of the supervision generator (supervision.h): the files a jail starts
// with, the script that converges a running jail's services, and the parse of their status.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/linux/init_script.h"
#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// monitrc and the exec wrappers of `jail`, as files the init writes.
std::vector<JailFile> service_files(const JailInstance& jail);

/// Host-side shell text (expects $pid of the running init) that runs the supervision apply
/// script inside the jail's namespaces, fed on stdin.
std::string execs_apply_script(const JailInstance& jail, const LinuxLayout& layout);

/// Host-side shell text (expects $pid) stopping monit and every service inside the jail,
/// bounded in time; failures are ignored (the jail is going away).
std::string services_stop_snippet();

/// Services of `monit status` output.
std::vector<ServiceStatus> parse_services(std::string_view monit_status);

}  // namespace jrun::host::linux_driver
