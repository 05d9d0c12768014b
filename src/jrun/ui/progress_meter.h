#pragma once
// A progress display for one long step (a download, a checksum, a decompression), pure: the
// caller passes the clock. It decides when a line is worth drawing — on a terminal at most ten
// times a second (redrawn in place), elsewhere a few plain lines (start, each quarter, end) —
// and renders "label  [████····]  42%  4.2 MiB / 10.0 MiB  1.2 MiB/s  ETA 5s".

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "jrun/ui/style.h"

namespace jrun::ui {

struct TransferView {
  std::string label;
  std::uint64_t done = 0;
  std::uint64_t total = 0;  ///< 0 = unknown
  double rate = 0;          ///< bytes per second; 0 = not known yet
  double elapsed = 0;       ///< seconds since the step started
  bool finished = false;
};

/// One line without its newline: bar, percent, sizes, rate and ETA while running; when
/// finished "label  10.0 MiB in 3s (3.3 MiB/s)". Fits `style.width`.
std::string render_transfer(const TransferView& view, const Style& style);

class ProgressMeter {
 public:
  /// `live`: a terminal where the line is redrawn in place.
  ProgressMeter(std::string label, bool live) : label_(std::move(label)), live_(live) {}

  /// The line to draw for this sample at time `now` (seconds, any origin), or nullopt when
  /// the last one drawn is recent enough.
  std::optional<std::string> sample(std::uint64_t done, std::uint64_t total, double now,
                                    const Style& style);
  /// The closing line (the step ended at `now`).
  std::string finish(double now, const Style& style);

  bool live() const { return live_; }

 private:
  TransferView view(double now) const;

  std::string label_;
  bool live_;
  std::optional<double> start_;
  std::optional<double> last_drawn_;
  long last_quarter_ = -1;
  std::uint64_t done_ = 0;
  std::uint64_t total_ = 0;
  std::deque<std::pair<double, std::uint64_t>> window_;  ///< recent (time, done) samples
};

}  // namespace jrun::ui
