#include "jrun/host/linux/services.h"

#include "jrun/base/strings.h"
#include "jrun/host/linux/supervision.h"

namespace jrun::host::linux_driver {

std::vector<JailFile> service_files(const JailInstance& jail) {
  std::vector<JailFile> out;
  for (auto& file : supervision_files(*jail.config, jail.monit_cycle)) {
    out.push_back({file.path, static_cast<unsigned>(file.mode), file.content});
  }
  return out;
}

std::string execs_apply_script(const JailInstance& jail, const LinuxLayout& /*layout*/) {
  const std::string script =
      supervision_apply_script(supervision_files(*jail.config, jail.monit_cycle));
  return "printf '%s' " + shell_quote(script) +
         " | nsenter -t \"$pid\" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 "
         "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -s\n";
}

std::string services_stop_snippet() {
  return "printf '%s' " + shell_quote(supervision_stop_script()) +
         " | timeout 15 nsenter -t \"$pid\" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 "
         "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -s "
         ">/dev/null 2>&1 || true\n";
}

std::vector<ServiceStatus> parse_services(std::string_view monit_status) {
  return parse_monit_status(monit_status);
}

}  // namespace jrun::host::linux_driver
