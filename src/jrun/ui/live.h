#pragma once
// The live monitor's model and frame (`status JAIL --live`): per service a history of CPU and
// memory samples, drawn as sparklines beside the values.

#include <map>
#include <string>

#include "jrun/ui/sparkline.h"
#include "jrun/ui/status_view.h"

namespace jrun::ui {

/// Characters of each sparkline; the histories keep twice as many samples.
inline constexpr std::size_t kSparkWidth = 20;

struct ServiceHistory {
  SampleHistory cpu{2 * kSparkWidth};
  SampleHistory memory{2 * kSparkWidth};
};

/// Histories of a jail's services, fed one sample (a JailView) at a time.
class LiveModel {
 public:
  /// Adds the services' CPU and memory; services that disappeared are forgotten.
  void add_sample(const JailView& jail);
  const JailView& latest() const { return latest_; }
  const std::map<std::string, ServiceHistory>& history() const { return history_; }

 private:
  JailView latest_;
  std::map<std::string, ServiceHistory> history_;
};

/// One frame: the jail detail with a sparkline after cpu and after mem (table), or appended
/// to the cpu/mem leaves (tree), and the footer "refreshing every Ns · Ctrl-C to exit".
std::string render_live_frame(const LiveModel& model, bool tree, double interval_seconds,
                              const Style& style);

}  // namespace jrun::ui
