#include "jrun/cli/session.h"

#include <algorithm>
#include <iostream>

#include "jrun/base/strings.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/provisioning.h"
#include "jrun/cli/trace.h"
#include "jrun/cli/waiting_ticker.h"
#include "jrun/sys/environment.h"
#include "jrun/ui/terminal.h"

namespace jrun::cli {

Result<state::StateLock> take_lock(Context& ctx, state::StateStore& store) {
  auto timeout = std::chrono::milliseconds(static_cast<long>(ctx.settings.lock_timeout * 1000));
  Output* out = ctx.out;
  return store.lock(timeout, [out](long pid) {
    out->warning(pid > 0 ? "waiting for another jrun (pid " + std::to_string(pid) + ")…"
                         : std::string("waiting for another jrun…"));
  });
}

Result<bool> confirm(Context& ctx, const std::string& question, bool yes) {
  if (yes) return true;
  if (!ctx.interactive) {
    return make_error(ErrorCode::kUsage,
                      question + " — no terminal to ask on: pass --yes to confirm");
  }
  ctx.out->print(question + " [y/N] ");
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

namespace {

void print_event(Output& out, const engine::EngineEvent& event) {
  const std::string line = event.jail.empty() ? event.message : event.jail + ": " + event.message;
  switch (event.kind) {
    case engine::EngineEvent::Kind::kInfo:
      out.info(line);
      break;
    case engine::EngineEvent::Kind::kSuccess:
      out.success(line);
      break;
    case engine::EngineEvent::Kind::kWarning:
      out.warning(line);
      break;
    case engine::EngineEvent::Kind::kError:
      out.error(line);
      break;
  }
}

}  // namespace

engine::EngineOptions engine_options(Context& ctx) {
  engine::EngineOptions options;
  options.monit_cycle = ctx.settings.monit_cycle;
  options.subnet = ctx.settings.subnet;
  options.gateway = ctx.settings.gateway;
  options.interrupted = [] { return interrupt_flag().load(); };
  Output* out = ctx.out;
  auto term = ctx.env.find("TERM");
  const bool live = sys::is_terminal(1) && (term == ctx.env.end() || term->second != "dumb");
  auto ticker = std::make_shared<WaitingTicker>(out, live, ui::detect_style(1, ctx.env));
  options.on_event = [out, ticker](const engine::EngineEvent& event) {
    ticker->on_event(event, [&] { print_event(*out, event); });
  };
  return options;
}

Result<plan::Observed> observe(Context& ctx, const model::Config& config,
                               const host::ProbeResult* probe,
                               provision::PlaybookCache& playbooks) {
  plan::Observed observed;
  TRY(observe_playbooks(config, playbooks, observed, *ctx.out));
  if (probe == nullptr) return observed;
  // A jail that exists but does not run (its init died, the machine rebooted) is created again.
  for (const auto& [name, jail] : probe->jails) {
    if (jail.exists && jail.running) observed.jails.insert(name);
    observed.host_addresses[name] = jail.ip;
  }
  return observed;
}

std::vector<std::string> unrecorded_jails(const host::ProbeResult& probe,
                                          const state::State& state) {
  std::vector<std::string> names;
  for (const auto& [name, jail] : probe.jails) {
    if (state.jails.count(name) == 0) names.push_back(name);
  }
  return names;
}

Status destroy_unrecorded(Context& ctx, host::JailHost& host, const std::string& name) {
  TRY(host.destroy(name));
  ctx.out->success("Destroyed " + name + " (on the host, not recorded in the state).");
  return {};
}

Status require_service(const Context& ctx, const std::string& jail, const std::string& service) {
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  auto record = state.jails.find(jail);
  if (record == state.jails.end()) {
    return make_error(ErrorCode::kUsage, "no jail named '" + jail + "' (see `jrun status`)");
  }
  std::vector<std::string> services;
  auto execs = record->second.spec.find("execs");
  if (execs != record->second.spec.end() && execs->is_object()) {
    for (const auto& [name, exec] : execs->items()) services.push_back(name);
  }
  if (std::find(services.begin(), services.end(), service) != services.end()) return {};
  return make_error(ErrorCode::kUsage,
                    "jail '" + jail + "' has no service '" + service + "' (" +
                        (services.empty() ? std::string("it has no services")
                                          : "its services: " + join(services, ", ")) +
                        ")");
}

Status require_jail(const Context& ctx, const std::string& name) {
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  if (state.jails.count(name) != 0) return {};
  return make_error(ErrorCode::kUsage, "no jail named '" + name + "' (see `jrun status`)");
}

engine::SaveFn saver(state::StateStore& store, const state::StateLock& lock) {
  return [&store, &lock](const state::State& state) {
    Trace::Scope timed(trace(), "state save");
    return store.save(lock, state);
  };
}

}  // namespace jrun::cli
