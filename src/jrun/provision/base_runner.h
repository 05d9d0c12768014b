#pragma once
// Runs one base setup step (`base { setup { } }`) against the VM: ansible-playbook on this
// machine over ssh as the VM's admin (ansible::vm_command), a progress line per task, the whole
// output in the step's log ($JRUN_HOME/logs/base-<step>.log).

#include <functional>
#include <string>

#include "jrun/base/result.h"
#include "jrun/host/process.h"
#include "jrun/model/config.h"
#include "jrun/provision/ansible.h"
#include "jrun/provision/bundle.h"

namespace jrun::provision {

struct BaseStepContext {
  host::ProcessRunner* runner = nullptr;
  VmSsh vm;
  std::string log_dir;
  std::function<void(const std::string& step, const std::string& task)> progress;
  std::function<bool()> interrupted;
};

/// Log file of a base step.
std::string base_log_path(const std::string& log_dir, const std::string& step);

/// Runs `step` from `bundle` (ready on this machine). Fails (kRuntime) with the failing task,
/// its host and error, and the log path; kInterrupted when the user stopped jrun.
Status run_base_step(const BaseStepContext& ctx, const model::SetupStep& step,
                     const Bundle& bundle);

}  // namespace jrun::provision
