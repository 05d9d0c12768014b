#include "jrun/ui/sparkline.h"

#include <algorithm>
#include <cmath>

namespace jrun::ui {
namespace {

// Braille dots per level, filled bottom-up: left column 7,3,2,1 and right column 8,6,5,4.
constexpr unsigned kLeft[] = {0x00, 0x40, 0x44, 0x46, 0x47};
constexpr unsigned kRight[] = {0x00, 0x80, 0xA0, 0xB0, 0xB8};

std::string utf8(unsigned code) {
  std::string out;
  out += static_cast<char>(0xE0 | (code >> 12));
  out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (code & 0x3F));
  return out;
}

Color level_color(int lvl) {
  if (lvl >= 4) return Color::kRed;
  if (lvl == 3) return Color::kYellow;
  return Color::kGreen;
}

// Levels of the last `slots` samples, right-aligned; -1 where no sample exists.
std::vector<int> slot_levels(const std::deque<double>& samples, const Scale& scale,
                             std::size_t slots) {
  std::vector<int> out(slots, -1);
  const std::size_t n = std::min(slots, samples.size());
  for (std::size_t i = 0; i < n; ++i) {
    out[slots - n + i] = level(samples[samples.size() - n + i], scale);
  }
  return out;
}

}  // namespace

void SampleHistory::add(double value) {
  samples_.push_back(value);
  while (samples_.size() > capacity_) samples_.pop_front();
}

Scale cpu_scale() { return {0, 100}; }

Scale memory_scale(const std::deque<double>& bytes) {
  if (bytes.empty()) return {0, 1};
  double sum = 0;
  for (double b : bytes) sum += b;
  const double mean = sum / static_cast<double>(bytes.size());
  const double spread = std::max(0.3 * mean, 1024.0 * 1024.0);
  return {std::max(0.0, mean - spread), mean + spread};
}

int level(double value, const Scale& scale) {
  if (!(value > scale.low) || scale.high <= scale.low) return 0;
  const double fraction = (value - scale.low) / (scale.high - scale.low);
  // The epsilon keeps a value at exactly half of the scale on level 2 despite rounding.
  return std::clamp(static_cast<int>(std::ceil(fraction * 4.0 - 1e-9)), 1, 4);
}

std::string render_sparkline(const std::deque<double>& samples, const Scale& scale,
                             std::size_t width, const Style& style) {
  std::string out;
  if (!style.unicode) {
    static constexpr char kAscii[] = " .:=#";
    for (int lvl : slot_levels(samples, scale, width)) {
      const char c = lvl < 0 ? ' ' : kAscii[lvl];
      out += lvl <= 0 ? std::string(1, c) : paint(std::string(1, c), level_color(lvl), style);
    }
    return out;
  }
  const std::vector<int> levels = slot_levels(samples, scale, width * 2);
  for (std::size_t i = 0; i < width; ++i) {
    const int left = levels[2 * i], right = levels[2 * i + 1];
    if (left < 0 && right < 0) {
      out += ' ';
      continue;
    }
    const unsigned code = 0x2800 + kLeft[std::max(left, 0)] + kRight[std::max(right, 0)];
    const int top = std::max(left, right);
    out += top == 0 ? utf8(code) : paint(utf8(code), level_color(top), style);
  }
  return out;
}

}  // namespace jrun::ui
