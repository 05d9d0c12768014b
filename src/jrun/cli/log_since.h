#pragma once
// `jrun logs --since`: a duration back from now or a point in time, as the UTC stamp the logs
// carry. Pure: the current time comes in.

#include <chrono>
#include <string>
#include <string_view>

#include "jrun/base/result.h"

namespace jrun::cli {

/// "10m", "1h30m", "45s", "2d" (back from `now`), or "2026-11-28T19:00:00Z",
/// "2026-11-28T20:00:00+01:00", "2026-11-28 19:00:00" (UTC), "2026-11-28" (midnight UTC)
/// → "YYYY-MM-DDTHH:MM:SSZ". Anything else is a usage error that shows the accepted forms.
Result<std::string> parse_since(std::string_view text, std::chrono::system_clock::time_point now);

/// `time` as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_stamp(std::chrono::sys_seconds time);

}  // namespace jrun::cli
