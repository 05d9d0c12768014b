#pragma once
// The command table: every command of SPEC §3, its help text and its arguments.

#include <functional>
#include <memory>
#include <string>

#include "jrun/cli/commands.h"
#include "jrun/ui/completion.h"

namespace CLI {
class App;
}

namespace jrun::cli {

/// The command chosen on the command line, ready to run.
using Action = std::function<Result<int>(Context&)>;

/// Builds the application: registers every command; the one the user picks stores its Action
/// in `*chosen` when parsing completes; the global `--provider` lands in `*provider` ("" =
/// not given).
std::unique_ptr<CLI::App> make_app(std::shared_ptr<Action> chosen,
                                   std::shared_ptr<std::string> provider);

/// Every visible command with its flags and the kinds of its positionals, read from the same
/// table (for the shell's completion and `jrun completion`).
std::vector<ui::CompletionCommand> completion_commands();

/// The commands in table order with their one-line descriptions (help, shell banner).
std::vector<std::pair<std::string, std::string>> command_summaries();

}  // namespace jrun::cli
