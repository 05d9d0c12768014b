#include "jrun/cli/image_progress.h"

#include <chrono>

#include "jrun/sys/environment.h"
#include "jrun/ui/terminal.h"

namespace jrun::cli {
namespace {

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool live_terminal(const Context& ctx) {
  auto term = ctx.env.find("TERM");
  return sys::is_terminal(1) && (term == ctx.env.end() || term->second != "dumb");
}

}  // namespace

ImageProgressDisplay::ImageProgressDisplay(const Context& ctx, std::string file)
    : ImageProgressDisplay(ctx, std::move(file), ui::detect_style(1, ctx.env), live_terminal(ctx)) {
}

ImageProgressDisplay::ImageProgressDisplay(const Context& ctx, std::string file,
                                           const ui::Style& style, bool live)
    : ctx_(ctx), file_(std::move(file)), style_(style), live_(live) {}

ImageProgressDisplay::~ImageProgressDisplay() { finish(); }

vm::ImageProgress ImageProgressDisplay::callback() {
  return [this](vm::ImageStep step, std::uint64_t done, std::uint64_t total) {
    on_progress(step, done, total);
  };
}

void ImageProgressDisplay::draw(const std::string& line, bool final) {
  if (!live_) {
    ctx_.out->print(line + "\n");
    return;
  }
  ctx_.out->print("\r" + line + "\033[K" + (final ? "\n" : ""));
}

void ImageProgressDisplay::on_progress(vm::ImageStep step, std::uint64_t done,
                                       std::uint64_t total) {
  if (step_ != step) {
    finish();
    step_ = step;
    meter_ = std::make_unique<ui::ProgressMeter>(
        std::string(vm::image_step_name(step)) + " " + file_, live_);
  }
  ui::Style style = style_;
  if (live_ && style.width > 1) --style.width;  // the last column would wrap
  if (auto line = meter_->sample(done, total, now_seconds(), style)) draw(*line, false);
}

void ImageProgressDisplay::finish() {
  if (!meter_) return;
  ui::Style style = style_;
  if (live_ && style.width > 1) --style.width;
  draw(meter_->finish(now_seconds(), style), true);
  meter_.reset();
  step_.reset();
}

}  // namespace jrun::cli
