#include "jrun/cli/waiting_ticker.h"

#include <chrono>

namespace jrun::cli {
namespace {

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

WaitingTicker::WaitingTicker(Output* out, bool live, const ui::Style& style)
    : out_(out), live_(live), style_(style), line_(live) {
  if (live_ && style_.width > 1) --style_.width;  // the last column would wrap
}

WaitingTicker::~WaitingTicker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (live_) out_->transient("");
}

void WaitingTicker::on_event(const engine::EngineEvent& event, const std::function<void()>& print) {
  std::lock_guard lock(mu_);
  print();  // Output erases the spinner first
  const double now = now_seconds();
  const std::string key = event.jail;
  if (event.kind == engine::EngineEvent::Kind::kInfo) {
    line_.start(key, event.jail.empty() ? event.message : event.jail + ": " + event.message, now);
  } else {
    line_.end(key);
  }
  line_.printed(now);
  if (!thread_.joinable() && !stop_) thread_ = std::thread([this] { loop(); });
}

void WaitingTicker::loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    if (stop_) break;
    auto text = line_.tick(now_seconds(), style_);
    if (!text) continue;
    if (live_) {
      out_->transient(*text);
    } else {
      out_->print(*text + "\n");
    }
  }
}

}  // namespace jrun::cli
