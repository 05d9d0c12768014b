#pragma once
// The VM's files on first start: the disk (a copy of the base image, grown to JRUN_VM_DISK),
// the instance ssh key and the NoCloud seed.

#include "jrun/cli/commands.h"
#include "jrun/cli/image_progress.h"
#include "jrun/host/process.h"
#include "jrun/vm/instance_files.h"

namespace jrun::cli {

/// vm::ensure_image drawing each step on `display`; Ctrl-C (interrupt_flag) stops it with
/// kInterrupted, keeping the partial download for the next run to resume.
Result<std::string> ensure_image_with_progress(vm::ImageSpec spec, ImageProgressDisplay& display);

/// Creates whatever of disk, key and seed is missing (an existing disk is never touched). The
/// default image is the one for `arch` ("x86_64" or "aarch64": the host's, as QEMU runs it).
Status prepare_vm_files(const Context& ctx, const vm::InstancePaths& paths,
                        host::ProcessRunner& runner, const std::string& arch);

}  // namespace jrun::cli
