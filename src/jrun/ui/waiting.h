#pragma once
// What to show while the user waits on a long step with no output (a debootstrap release
// build, an ansible setup step): pure, the caller passes the clock. Steps start and end by
// name; after a quiet time without output (2 s on a terminal, 10 s elsewhere) a line says what
// is still running and for how long — on a terminal a spinner redrawn in place ten times a
// second, elsewhere a plain line every 30 s.

#include <map>
#include <optional>
#include <string>

#include "jrun/ui/style.h"

namespace jrun::ui {

class WaitingLine {
 public:
  static constexpr double kLiveQuiet = 2;
  static constexpr double kPlainQuiet = 10;
  static constexpr double kPlainEvery = 30;

  explicit WaitingLine(bool live) : live_(live) {}

  /// `what` ("web: creating") started at `now`; replaces an earlier one of the same `key`.
  void start(const std::string& key, const std::string& what, double now);
  /// The step of `key` ended (no-op when unknown).
  void end(const std::string& key);
  /// Something was printed at `now`: the quiet time starts again.
  void printed(double now);
  /// The line to draw at `now` (without newline), or nullopt when nothing is due.
  std::optional<std::string> tick(double now, const Style& style);

 private:
  struct Running {
    std::string what;
    double since = 0;
  };
  bool live_;
  std::map<std::string, Running> running_;
  double quiet_since_ = 0;
  double last_drawn_ = -1e9;
  unsigned frame_ = 0;
};

/// "⠹ web: creating  1m 12s" (live) or "> still waiting: web: creating (1m 12s)", with
/// " (+N more)" when several steps run, cut to the width.
std::string render_waiting(const std::string& what, long seconds, std::size_t others,
                           unsigned frame, bool live, const Style& style);

}  // namespace jrun::ui
