#include "jrun/cli/log_since.h"

#include <cstdio>
#include <optional>

namespace jrun::cli {
namespace {

using Seconds = std::chrono::seconds;

// "1h30m": digits followed by s/m/h/d, repeated; nullopt if it is not such a duration.
std::optional<Seconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long total = 0;
  long long value = -1;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      value = (value < 0 ? 0 : value) * 10 + (c - '0');
      if (value > 100LL * 365 * 86400) return std::nullopt;
      continue;
    }
    if (value < 0) return std::nullopt;
    switch (c) {
      case 's':
        total += value;
        break;
      case 'm':
        total += value * 60;
        break;
      case 'h':
        total += value * 3600;
        break;
      case 'd':
        total += value * 86400;
        break;
      default:
        return std::nullopt;
    }
    value = -1;
  }
  if (value >= 0) return std::nullopt;  // "10" alone: a unit is required
  return Seconds(total);
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  if (text.size() < from + count) return false;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

int number(std::string_view text, std::size_t from, std::size_t count) {
  int out = 0;
  for (std::size_t i = from; i < from + count; ++i) out = out * 10 + (text[i] - '0');
  return out;
}

// UTC offset of a time's suffix: "", "Z", "+01:00", "-0530"; nullopt if malformed.
std::optional<Seconds> parse_offset(std::string_view text) {
  if (text.empty() || text == "Z" || text == "z") return Seconds(0);
  if (text[0] != '+' && text[0] != '-') return std::nullopt;
  std::string_view rest = text.substr(1);
  int minutes = 0;
  if (rest.size() == 5 && digits(rest, 0, 2) && rest[2] == ':' && digits(rest, 3, 2)) {
    minutes = number(rest, 0, 2) * 60 + number(rest, 3, 2);
  } else if (rest.size() == 4 && digits(rest, 0, 4)) {
    minutes = number(rest, 0, 2) * 60 + number(rest, 2, 2);
  } else {
    return std::nullopt;
  }
  return Seconds((text[0] == '+' ? 1 : -1) * minutes * 60);
}

// "YYYY-MM-DD[(T| )HH:MM[:SS]][offset]" → the point in time; nullopt if malformed.
std::optional<std::chrono::sys_seconds> parse_time(std::string_view text) {
  if (!digits(text, 0, 4) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2) ||
      text[7] != '-' || !digits(text, 8, 2)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(number(text, 0, 4)),
                                         std::chrono::month(unsigned(number(text, 5, 2))),
                                         std::chrono::day(unsigned(number(text, 8, 2)))};
  if (!date.ok()) return std::nullopt;
  Seconds clock(0);
  std::size_t at = 10;
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ')) {
    if (!digits(text, 11, 2) || text.size() < 16 || text[13] != ':' || !digits(text, 14, 2)) {
      return std::nullopt;
    }
    const int hours = number(text, 11, 2);
    const int minutes = number(text, 14, 2);
    int seconds = 0;
    at = 16;
    if (text.size() > 16 && text[16] == ':') {
      if (!digits(text, 17, 2)) return std::nullopt;
      seconds = number(text, 17, 2);
      at = 19;
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return std::nullopt;
    clock = Seconds(hours * 3600 + minutes * 60 + seconds);
  }
  const std::optional<Seconds> offset = parse_offset(text.substr(at));
  if (!offset) return std::nullopt;
  return std::chrono::sys_days(date) + clock - *offset;
}

}  // namespace

std::string utc_stamp(std::chrono::sys_seconds time) {
  const auto seconds = time;
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss<Seconds> clock{seconds - days};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()));
  return out;
}

Result<std::string> parse_since(std::string_view text, std::chrono::system_clock::time_point now) {
  if (const std::optional<Seconds> back = parse_duration(text)) {
    return utc_stamp(std::chrono::floor<Seconds>(now) - *back);
  }
  if (const auto time = parse_time(text)) {
    // In seconds throughout: system_clock's nanoseconds end in 2262.
    if (int(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*time)).year()) <
        1970) {
      return make_error(ErrorCode::kUsage, "--since '" + std::string(text) + "' is before 1970");
    }
    return utc_stamp(*time);
  }
  return make_error(ErrorCode::kUsage,
                    "--since '" + std::string(text) +
                        "': give a duration back from now (10m, 1h30m, 2d) or a time "
                        "(2026-11-28T19:00:00Z, 2026-11-28T20:00:00+01:00, 2026-11-28)");
}

}  // namespace jrun::cli
