#include "jrun/ui/progress.h"

#include <algorithm>
#include <cstdio>

#include "jrun/base/strings.h"

namespace jrun::ui {

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(static_cast<long>(bytes)) + " B";
  double value = bytes / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::string format_duration(long seconds) {
  if (seconds < 0) return "-";
  const long d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60, s = seconds % 60;
  auto two = [](long a, const char* ua, long b, const char* ub) {
    return std::to_string(a) + ua + (b > 0 ? " " + std::to_string(b) + ub : "");
  };
  if (d > 0) return two(d, "d", h, "h");
  if (h > 0) return two(h, "h", m, "m");
  if (m > 0) return two(m, "m", s, "s");
  return std::to_string(s) + "s";
}

std::string render_progress(std::string_view label, std::uint64_t done, std::uint64_t total,
                            bool bytes, const Style& style) {
  auto amount = [bytes](std::uint64_t n) {
    return bytes ? format_bytes(static_cast<double>(n)) : std::to_string(n);
  };
  std::string head = "  " + std::string(label) + "  ";
  if (total == 0) return head + amount(done) + "\n";
  done = std::min(done, total);
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(fraction * 100));
  const std::string tail =
      std::string("  ") + percent + "  " + amount(done) + " / " + amount(total);
  const std::size_t fixed = display_width(head) + display_width(tail) + 2;
  const std::size_t bar =
      style.width > fixed + 10 ? std::min<std::size_t>(style.width - fixed, 40) : 10;
  const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar));
  std::string full, empty;
  for (std::size_t i = 0; i < bar; ++i) {
    (i < filled ? full : empty) += i < filled ? glyph(style, "█", "#") : glyph(style, "·", "-");
  }
  return head + "[" + paint(full, Color::kGreen, style) + paint(empty, Color::kDim, style) + "]" +
         tail + "\n";
}

std::string render_message(MessageKind kind, std::string_view text, const Style& style) {
  std::string_view mark;
  Color color = Color::kNone;
  switch (kind) {
    case MessageKind::kSuccess:
      mark = glyph(style, "✓", "+");
      color = Color::kBoldGreen;
      break;
    case MessageKind::kWarning:
      mark = "!";
      color = Color::kYellow;
      break;
    case MessageKind::kError:
      mark = glyph(style, "✗", "x");
      color = Color::kBoldRed;
      break;
    case MessageKind::kInfo:
      mark = ">";
      color = Color::kDim;
      break;
  }
  std::vector<std::string> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out = paint(mark, color, style) + " " + (lines.empty() ? "" : lines[0]) + "\n";
  for (std::size_t i = 1; i < lines.size(); ++i) out += "  " + lines[i] + "\n";
  return out;
}

}  // namespace jrun::ui
