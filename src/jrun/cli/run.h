#pragma once

namespace jrun::cli {

/// Parses the command line, runs the command, prints any error, returns the exit code:
/// 0 ok, 1 runtime failure, 2 usage or config error, 130 interrupted.
int run(int argc, char** argv);

}  // namespace jrun::cli
