#pragma once
// Small builders for the freebsd driver's generated text. Every value that is not a constant of
// this driver enters a script through shell_quote (via `assign` or `arg`); jail.conf, pf and
// unbound text only ever holds values checked by `plain_value`.

#include <string>
#include <string_view>

namespace jrun::host::freebsd_driver {

/// Script header: shebang, what it does, the manual pages (section) of the commands it calls,
/// `set -eu`, umask, `die`, and `R=<layout root>` (the prefix of every host path).
std::string script_header(std::string_view what, std::string_view manuals, std::string_view root);

/// `NAME=<quoted value>\n`.
std::string assign(std::string_view name, std::string_view value);

/// Shell text writing `content` to the path expression `path_expr` (e.g. "\"$R\"/etc/pf.conf")
/// with mode `mode` only when it differs; sets `changed=1` when it wrote.
std::string put_file(std::string_view path_expr, std::string_view content, unsigned mode);

/// `value` when it holds only [A-Za-z0-9._/:@+-] (safe bare or inside "..." in jail.conf, pf and
/// unbound text); throws std::invalid_argument otherwise (a bug: the model checks these values).
const std::string& plain_value(const std::string& value);

/// True for a DNS label ([a-z0-9][a-z0-9-]{0,62}): the only jail and exec names accepted.
bool valid_name(std::string_view name);

/// fstab(5) field: bytes outside [A-Za-z0-9/._+@:,-] written as \ooo (strunvis(3) octal).
std::string fstab_escape(std::string_view field);

}  // namespace jrun::host::freebsd_driver
