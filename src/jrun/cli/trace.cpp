#include "jrun/cli/trace.h"

#include <cstdio>

namespace jrun::cli {
namespace {

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

void Trace::enable(Output* out) {
  std::lock_guard lock(mu_);
  out_ = out;
  origin_ = Clock::now();
}

void Trace::note(std::string_view what, std::chrono::nanoseconds took) {
  std::lock_guard lock(mu_);
  Output* out = out_.load();
  if (out == nullptr) return;
  char times[64];
  std::snprintf(times, sizeof times, "trace +%.3fs %7.3fs  ", seconds(Clock::now() - origin_),
                seconds(took));
  out->error_text(std::string(times) + std::string(what) + "\n");
}

Trace::Scope::Scope(Trace& trace, std::string what)
    : trace_(trace), what_(std::move(what)), start_(Clock::now()) {}

Trace::Scope::~Scope() {
  if (trace_.enabled()) trace_.note(what_, Clock::now() - start_);
}

Trace& trace() {
  static Trace instance;
  return instance;
}

}  // namespace jrun::cli
