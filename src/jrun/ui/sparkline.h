#pragma once
// Braille sparklines of the live monitor. A sparkline `width` characters wide shows the last
// 2 × width samples (two dot columns per character, four dot rows filled bottom-up), and the
// history keeps exactly that many, so a full history fills the whole width (the reference kept
// 20 samples for 40 slots and was always half empty: its bug 17).

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "jrun/ui/style.h"

namespace jrun::ui {

/// The last `capacity` samples of one quantity.
class SampleHistory {
 public:
  explicit SampleHistory(std::size_t capacity) : capacity_(capacity) {}
  void add(double value);
  const std::deque<double>& samples() const { return samples_; }
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::deque<double> samples_;
};

/// Scale of a sparkline: values at `low` draw nothing, at `high` four dots.
struct Scale {
  double low = 0;
  double high = 100;
};

/// CPU percent: 0–100.
Scale cpu_scale();
/// Memory: mean ± max(30 % of the mean, 1 MiB), clamped at 0 (as the reference), so small
/// changes show.
Scale memory_scale(const std::deque<double>& bytes);

/// Dot level 0–4 of `value` on `scale` (any value above `low` shows at least one dot).
int level(double value, const Scale& scale);

/// The sparkline of `samples` (oldest first): `width` characters, the newest samples on the
/// right, blank where there are no samples yet. Each character is coloured by its highest
/// level: 1–2 green, 3 yellow, 4 red. ASCII: one sample per character (" .:=#").
std::string render_sparkline(const std::deque<double>& samples, const Scale& scale,
                             std::size_t width, const Style& style);

}  // namespace jrun::ui
