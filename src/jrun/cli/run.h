#pragma once

#include <string>
#include <vector>

namespace jrun::cli {

/// Parses the command line, runs the command, prints any error, returns the exit code:
/// 0 ok, 1 runtime failure, 2 usage or config error, 130 interrupted.
int run(int argc, char** argv);

struct Context;

/// Runs one command line (`words` without "jrun") in an existing context, as the interactive
/// shell does: parse errors, command errors and --help are printed; never exits the process.
/// Returns the exit code the command would have had.
int dispatch(Context& ctx, const std::vector<std::string>& words);

}  // namespace jrun::cli
