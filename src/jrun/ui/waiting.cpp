#include "jrun/ui/waiting.h"

#include <cmath>
#include <iterator>

#include "jrun/ui/progress.h"

namespace jrun::ui {
namespace {

constexpr double kLiveInterval = 0.1;
constexpr const char* kSpinner[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr const char* kAsciiSpinner[] = {"|", "/", "-", "\\"};

}  // namespace

void WaitingLine::start(const std::string& key, const std::string& what, double now) {
  running_[key] = Running{what, now};
}

void WaitingLine::end(const std::string& key) { running_.erase(key); }

void WaitingLine::printed(double now) {
  quiet_since_ = now;
  last_drawn_ = -1e9;
}

std::optional<std::string> WaitingLine::tick(double now, const Style& style) {
  if (running_.empty() || now - quiet_since_ < (live_ ? kLiveQuiet : kPlainQuiet)) {
    return std::nullopt;
  }
  if (now - last_drawn_ < (live_ ? kLiveInterval : kPlainEvery)) return std::nullopt;
  // The longest-running step is the one the user is waiting for.
  auto oldest = running_.begin();
  for (auto it = running_.begin(); it != running_.end(); ++it) {
    if (it->second.since < oldest->second.since) oldest = it;
  }
  last_drawn_ = now;
  return render_waiting(oldest->second.what, std::lround(now - oldest->second.since),
                        running_.size() - 1, frame_++, live_, style);
}

std::string render_waiting(const std::string& what, long seconds, std::size_t others,
                           unsigned frame, bool live, const Style& style) {
  const std::string more = others > 0 ? " (+" + std::to_string(others) + " more)" : "";
  if (!live) {
    return truncate(std::string(glyph(style, ">", ">")) + " still waiting: " + what + more + " (" +
                        format_duration(seconds) + ")",
                    style.width, style);
  }
  const std::string spin = style.unicode ? kSpinner[frame % std::size(kSpinner)]
                                         : kAsciiSpinner[frame % std::size(kAsciiSpinner)];
  const std::string text = truncate(what + more + "  " + format_duration(seconds),
                                    style.width > 2 ? style.width - 2 : style.width, style);
  return paint(spin, Color::kCyan, style) + " " + text;
}

}  // namespace jrun::ui
