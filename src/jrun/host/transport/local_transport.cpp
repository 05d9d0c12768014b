#include "jrun/host/transport/local_transport.h"

namespace jrun::host {
namespace {

// One argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN); leave room.
constexpr std::size_t kMaxArgScript = 100 * 1024;

}  // namespace

Command LocalTransport::script_command(const std::string& script) const {
  Command command;
  if (script.size() <= kMaxArgScript) {
    command.argv = {"/bin/sh", "-c", script, "jrun-script"};
  } else {
    // Read the whole script first, then give its commands /dev/null as stdin: with `sh -s` a
    // command reading stdin would eat the rest of the script.
    command.argv = {"/bin/sh", "-c", "s=$(cat; echo .); exec </dev/null; eval \"${s%.}\"",
                    "jrun-script"};
    command.stdin_data = script;
  }
  if (script_timeout_.count() > 0) command.timeout = script_timeout_;
  return command;
}

Result<ProcessResult> LocalTransport::run_script(const std::string& script) {
  return runner_.run(script_command(script));
}

Result<int> LocalTransport::run_attached(const std::vector<std::string>& argv, bool /*tty*/) {
  Command command;
  command.argv = argv;
  return runner_.run_attached(command);
}

}  // namespace jrun::host
