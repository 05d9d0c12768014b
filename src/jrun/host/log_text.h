#pragma once
// The time stamps of service logs, shared by the drivers: the awk program that stamps each line
// a service prints, and the one that reads logs back (filter by time, strip or show the stamp,
// prefix and colour per service). Both are portable awk: mawk (Debian), the one-true-awk of
// FreeBSD base, gawk and busybox awk.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"

namespace jrun::host {

/// A log line written by the wrappers is "YYYY-MM-DDTHH:MM:SSZ " (UTC) + the service's line.
inline constexpr std::size_t kLogStampSize = 20;

/// awk program: prints each input line behind the UTC time it was read, flushing every line.
/// The time comes from srand(), which seeds from time(3) and returns the previous seed (awks
/// without strftime, e.g. FreeBSD's, have it); it is formatted once per second.
std::string_view log_stamp_awk();

/// Shell lines for a run wrapper: from here on the script's output (and so the service's) goes
/// through log_stamp_awk() into the script's original stdout (the log), by way of the fifo
/// `fifo`. The stamper stays in the service's process group but ignores TERM/INT/HUP: it ends
/// at end of input, once the service is gone, so the last lines are not lost. With
/// `interactive_mawk` the stamper is started as `awk -W interactive` when awk is mawk (which
/// otherwise reads a fifo in blocks: stamps would be late).
std::string log_stamp_sh(const std::string& fifo, bool interactive_mawk);

/// awk program reading tail(1) output of one or more logs. Variables: `w` prefix width (0: one
/// service asked, no prefix and no `==> f <==` headers expected), `c` 1 to colour prefixes, `first`
/// the first service, `since` "" or a stamp (lines older are dropped; lines without a stamp take
/// the last stamp seen in their log, and are dropped before any), `stamps` 1 to keep stamps.
std::string_view log_view_awk();

/// True for "YYYY-MM-DDTHH:MM:SSZ" (the `since` of a logs request).
bool valid_log_stamp(std::string_view text);

/// argv (`/bin/sh -c ...`) printing the logs in directory `dir` as `query` asks: tail(1) of
/// one `<service>.log` or all `*.log` (follows by name with -F, so across restarts), through
/// log_view_awk(). `query` is checked by the caller (service name, since).
std::vector<std::string> logs_sh_argv(const std::string& dir, const LogsQuery& query);

}  // namespace jrun::host
