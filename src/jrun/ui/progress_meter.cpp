#include "jrun/ui/progress_meter.h"

#include <algorithm>
#include <cmath>

#include "jrun/ui/progress.h"

namespace jrun::ui {
namespace {

constexpr double kLiveInterval = 0.1;  // seconds between redraws on a terminal
constexpr double kPlainInterval = 30;  // seconds between plain lines when the total is unknown
constexpr double kRateWindow = 5;      // seconds of samples the rate is taken over
constexpr double kMinRateSpan = 0.5;   // seconds of samples before a rate is shown

std::string rate_text(double rate) { return format_bytes(rate) + "/s"; }

}  // namespace

std::string render_transfer(const TransferView& view, const Style& style) {
  if (view.done == 0 && view.total == 0) {  // a step without byte counts (a small fetch)
    return truncate("  " + view.label + (view.finished ? "  done" : "…"), style.width, style);
  }
  if (view.finished) {
    std::string line = "  " + view.label + "  " + format_bytes(static_cast<double>(view.done)) +
                       " in " + format_duration(std::lround(view.elapsed));
    if (view.elapsed > 0 && view.done > 0) {
      line += " (" + rate_text(static_cast<double>(view.done) / view.elapsed) + ")";
    }
    return truncate(line, style.width, style);
  }
  std::string tail;
  if (view.rate > 0) {
    tail += "  " + rate_text(view.rate);
    if (view.total > view.done) {
      const double eta = static_cast<double>(view.total - view.done) / view.rate;
      tail += "  ETA " + format_duration(std::lround(eta));
    }
  }
  Style narrower = style;
  const std::size_t tail_width = display_width(tail);
  narrower.width = style.width > tail_width + 20 ? style.width - tail_width : style.width;
  std::string line = render_progress(view.label, view.done, view.total, true, narrower);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (narrower.width != style.width) line += tail;
  if (display_width(line) <= style.width) return line;
  // Too narrow for a bar: the label, cut, then the percent (or amount) and rate.
  std::string status = format_bytes(static_cast<double>(view.done));
  if (view.total > 0) {
    status = std::to_string(std::min(view.done, view.total) * 100 / view.total) + "%";
  }
  status += tail;
  const std::size_t room =
      style.width > display_width(status) + 6 ? style.width - display_width(status) - 4 : 1;
  return truncate("  " + truncate(view.label, room, style) + "  " + status, style.width, style);
}

TransferView ProgressMeter::view(double now) const {
  TransferView v;
  v.label = label_;
  v.done = done_;
  v.total = total_;
  v.elapsed = start_ ? now - *start_ : 0;
  if (window_.size() >= 2) {
    const double span = window_.back().first - window_.front().first;
    const auto moved = static_cast<double>(window_.back().second - window_.front().second);
    if (span >= kMinRateSpan && window_.back().second >= window_.front().second) {
      v.rate = moved / span;
    }
  }
  return v;
}

std::optional<std::string> ProgressMeter::sample(std::uint64_t done, std::uint64_t total,
                                                 double now, const Style& style) {
  if (!start_) start_ = now;
  if (done < done_) window_.clear();  // restarted (a resumed or retried transfer)
  done_ = done;
  total_ = total;
  window_.emplace_back(now, done);
  while (window_.size() > 2 && now - window_.front().first > kRateWindow) window_.pop_front();
  bool draw = !last_drawn_.has_value();
  if (live_) {
    draw = draw || now - *last_drawn_ >= kLiveInterval || (total > 0 && done >= total);
  } else if (total > 0) {
    const long quarter = static_cast<long>(std::min(done, total) * 4 / total);
    draw = draw || quarter > last_quarter_;
  } else {
    draw = draw || now - *last_drawn_ >= kPlainInterval;
  }
  if (!draw) return std::nullopt;
  last_drawn_ = now;
  if (total > 0) last_quarter_ = static_cast<long>(std::min(done, total) * 4 / total);
  return render_transfer(view(now), style);
}

std::string ProgressMeter::finish(double now, const Style& style) {
  TransferView v = view(now);
  v.finished = true;
  return render_transfer(v, style);
}

}  // namespace jrun::ui
