#pragma once
// Where completion finds jail names (the state), snapshots and config files (the disk).

#include "jrun/cli/commands.h"
#include "jrun/ui/completion.h"

namespace jrun::cli {

/// Jails recorded in $JRUN_HOME/state.json; *.ucl files and directories under the current
/// directory; snapshots as the jail host lists them (none when it cannot, e.g. a stopped VM).
ui::CompletionSources completion_sources(const Context& ctx);

}  // namespace jrun::cli
