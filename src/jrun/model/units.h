#pragma once
// Pure parsers for the unit-suffixed values of the config: durations and sizes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jrun::model {

/// Parses a duration written as text: a non-negative decimal number with an optional unit,
/// optionally separated by blanks. Units: `ms`, `s`, `min`, `m` (minutes, as the reference
/// accepted), `h`, `d`, `w`; none means seconds. Examples: "30s", "10min", "1.5h", "500ms", "45".
/// Returns seconds, or nullopt for anything else (empty, negative, unknown unit, not finite).
std::optional<double> parse_duration(std::string_view text);

/// Parses a size in bytes written as text: a non-negative decimal number with an optional unit.
/// Decimal, as UCL's own number suffixes: `k` `m` `g` `t` (×1000ⁿ). Binary: `kb` `mb` `gb` `tb`
/// in any case (as UCL), `K` `M` `G` `T` (as rctl, cgroups and docker) and `KiB` `MiB` `GiB` `TiB`
/// in any case (×1024ⁿ). `b`/`B` or no unit means bytes. A fractional result is rounded down.
/// Returns nullopt for anything else or when the value does not fit in 63 bits.
std::optional<std::uint64_t> parse_size(std::string_view text);

/// Formats seconds for messages: "500ms", "30s", "1.5s", "10min", "2h" (the largest unit that
/// divides the value exactly).
std::string format_duration(double seconds);

/// The shortest text that reads back as `value` ("30", "1.5", "0.25").
std::string format_number(double value);

/// Formats bytes for messages: "512 MiB", "1.5 GiB", "100 bytes".
std::string format_size(std::uint64_t bytes);

}  // namespace jrun::model
