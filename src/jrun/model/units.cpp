#include "jrun/model/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace jrun::model {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Splits "1.5 GiB" into the number and the unit; nullopt when there is no leading number.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  double number = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), number, std::chars_format::fixed);
  if (ec != std::errc() || !std::isfinite(number)) return std::nullopt;
  std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  while (!unit.empty() && is_blank(unit.front())) unit.remove_prefix(1);
  return std::make_pair(number, unit);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<double> size_multiplier(std::string_view unit) {
  static constexpr std::array<char, 4> kLetters = {'k', 'm', 'g', 't'};
  if (unit.empty() || iequals(unit, "b")) return 1.0;
  for (std::size_t i = 0; i < kLetters.size(); ++i) {
    double decimal = std::pow(1000.0, static_cast<double>(i + 1));
    double binary = std::pow(1024.0, static_cast<double>(i + 1));
    char lower = kLetters[i];
    char upper = static_cast<char>(lower - 'a' + 'A');
    if (unit.size() == 1 && unit[0] == lower) return decimal;
    if (unit.size() == 1 && unit[0] == upper) return binary;
    std::string kb{lower, 'b'};
    std::string kib{lower, 'i', 'b'};
    if (iequals(unit, kb) || iequals(unit, kib)) return binary;
  }
  return std::nullopt;
}

}  // namespace

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc()) return "?";
  return std::string(buffer.data(), end);
}

std::optional<double> parse_duration(std::string_view text) {
  auto parts = split_number(text);
  if (!parts) return std::nullopt;
  auto [number, unit] = *parts;
  static constexpr std::array<std::pair<std::string_view, double>, 8> kUnits = {{
      {"", 1},
      {"ms", 0.001},
      {"s", 1},
      {"min", 60},
      {"m", 60},
      {"h", 3600},
      {"d", 86400},
      {"w", 604800},
  }};
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) return number * factor;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  auto parts = split_number(text);
  if (!parts) return std::nullopt;
  std::optional<double> multiplier = size_multiplier(parts->second);
  if (!multiplier) return std::nullopt;
  double bytes = std::floor(parts->first * *multiplier);
  if (!(bytes < 9.2e18)) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string format_duration(double seconds) {
  static constexpr std::array<std::pair<std::string_view, double>, 4> kUnits = {{
      {"d", 86400},
      {"h", 3600},
      {"min", 60},
      {"s", 1},
  }};
  for (const auto& [name, factor] : kUnits) {
    double count = seconds / factor;
    if (seconds >= factor && count == std::floor(count))
      return format_number(count) + std::string(name);
  }
  if (seconds > 0 && seconds < 1) {
    double ms = seconds * 1000;
    if (ms == std::floor(ms)) return format_number(ms) + "ms";
  }
  return format_number(seconds) + "s";
}

std::string format_size(std::uint64_t bytes) {
  static constexpr std::array<std::string_view, 4> kUnits = {"TiB", "GiB", "MiB", "KiB"};
  double value = static_cast<double>(bytes);
  for (std::size_t i = 0; i < kUnits.size(); ++i) {
    double factor = std::pow(1024.0, static_cast<double>(kUnits.size() - i));
    if (value >= factor) {
      double scaled = std::round(value / factor * 100) / 100;
      return format_number(scaled) + " " + std::string(kUnits[i]);
    }
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace jrun::model
