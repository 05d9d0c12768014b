#pragma once
// Small builders for the linux driver's generated shell text. Every value that is not a constant
// of this driver enters a script through `assign` (shell_quote); script bodies only refer to the
// variables, so hostile names, paths and commands are never interpreted.

#include <string>
#include <string_view>

namespace jrun::host::linux_driver {

/// `NAME=<quoted value>\n`.
std::string assign(std::string_view name, std::string_view value);

/// Script header: shebang, a comment naming the operation, `set -eu`, umask and `die`.
std::string script_header(std::string_view what);

/// Runs a complete generated script (e.g. from the network generator) in a subshell so its
/// `set`, functions and `exit` stay local; a failure stops the enclosing script (set -e).
std::string subshell(std::string_view script);

/// True for a DNS label ([a-z0-9][a-z0-9-]{0,62}): the only jail names the driver accepts.
bool valid_name(std::string_view name);

}  // namespace jrun::host::linux_driver
