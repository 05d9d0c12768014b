#pragma once
// The thread that draws ui::WaitingLine while the engine works: a spinner with the elapsed
// time on a terminal, a plain "still waiting" line elsewhere, so a user never waits more than
// a few seconds with no sign of life (a debootstrap release build, an ansible setup step).

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "jrun/cli/output.h"
#include "jrun/engine/engine.h"
#include "jrun/ui/waiting.h"

namespace jrun::cli {

class WaitingTicker {
 public:
  WaitingTicker(Output* out, bool live, const ui::Style& style);
  ~WaitingTicker();  ///< stops the thread and erases a line still shown
  WaitingTicker(const WaitingTicker&) = delete;
  WaitingTicker& operator=(const WaitingTicker&) = delete;

  /// Prints the engine's event with `print` (after erasing the spinner) and notes what runs.
  void on_event(const engine::EngineEvent& event, const std::function<void()>& print);

 private:
  void loop();

  Output* out_;
  bool live_;
  ui::Style style_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  ui::WaitingLine line_;
  std::thread thread_;
};

}  // namespace jrun::cli
