#include "jrun/cli/base_config.h"

#include <filesystem>

#include "jrun/base/path.h"
#include "jrun/base/strings.h"
#include "jrun/cli/config_loader.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/provisioning.h"
#include "jrun/cli/session.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/provision/base_runner.h"
#include "jrun/provision/base_setup.h"
#include "jrun/provision/setup_runner.h"
#include "jrun/state/store.h"
#include "jrun/vm/vm_host.h"

namespace jrun::cli {
namespace {

using Json = nlohmann::ordered_json;

Json host_entry(const state::State& state, const char* key) {
  auto it = state.host.find(key);
  return it == state.host.end() ? Json() : *it;
}

vm::Mode parse_mode(const std::vector<std::string>& mode) {
  if (mode.empty() || mode.back() == "server") return vm::Mode::kServer;
  return mode.back() == "tty" ? vm::Mode::kTty : vm::Mode::kGraphic;
}

/// Hash of every base step's playbook now (an unreachable hub is a warning: the step runs).
Result<std::map<std::string, std::string>> observe_base(Context& ctx, const model::Base& base,
                                                        provision::PlaybookCache& cache) {
  std::map<std::string, std::string> hashes;
  for (const model::SetupStep& step : base.setup) {
    auto hash = provision::step_hash(step, cache);
    if (hash) {
      hashes[step.name] = *hash;
    } else if (step.source == model::SetupSource::kFile ||
               hash.error().code != ErrorCode::kRuntime) {
      return std::move(hash).error().with_context("base");
    } else {
      ctx.out->warning("base: cannot check " + step.location +
                       " for changes: " + hash.error().message);
    }
  }
  return hashes;
}

/// Puts the base forwards live (next to the jails') and mounts the base mounts in the guest.
Status apply_wiring(Context& ctx, const vm::BaseWiring& previous, const vm::BaseWiring& base) {
  ASSIGN_OR_RETURN(Provider p, make_vm_provider(ctx, false));
  ASSIGN_OR_RETURN(vm::VmRecord record, p.vm->load_record());
  TRY(p.vm->sync_forwards(vm::merge_forwards(record.forwards, previous.forwards, base.forwards)));
  if (base.mounts.empty()) return {};
  ASSIGN_OR_RETURN(host::ProcessResult r, p.transport->run_script(vm::base_mounts_script(
                                              base.mounts, p.host->driver() == "freebsd")));
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kRuntime,
                      "mounting the base mounts in the VM failed: " + std::string(trim(r.err)));
  }
  return {};
}

provision::BaseStepContext step_context(Context& ctx, vm::Instance& instance,
                                        host::ProcessRunner& runner) {
  provision::BaseStepContext sc;
  sc.runner = &runner;
  auto record = instance.load_record();
  if (record) {
    sc.vm.port = record->ssh_port;
    if (record->guest_os == "Linux") sc.vm.python = "/usr/bin/python3";
  }
  sc.vm.private_key = instance.paths().key();
  sc.vm.known_hosts = instance.paths().known_hosts();
  sc.log_dir = ctx.settings.home + "/logs";
  Output* out = ctx.out;
  sc.progress = [out](const std::string& step, const std::string& task) {
    out->info("base: setup '" + step + "': " + task);
  };
  sc.interrupted = [] { return interrupt_flag().load(); };
  return sc;
}

/// Runs the base steps that are new or changed (all with `provision`), recording each one that
/// succeeds; a failed step is not recorded (it runs again next time).
Status run_base_steps(Context& ctx, const model::Base& base, bool provision,
                      state::StateStore& store, const state::StateLock& lock, state::State& state) {
  Playbooks playbooks(ctx);
  ASSIGN_OR_RETURN(auto hashes, observe_base(ctx, base, playbooks.cache));
  Json recorded = host_entry(state, "base_setup");
  provision::forget_removed_base_steps(recorded, base);
  const auto runs = provision::base_steps_to_run(base, recorded, hashes, provision);
  if (runs.empty()) {
    ctx.out->success("Base: " + std::to_string(base.setup.size()) + " setup step(s) up to date.");
  }
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  const provision::BaseStepContext sc = step_context(ctx, *instance, runner);
  for (const provision::BaseStepRun& run : runs) {
    const model::SetupStep* step = nullptr;
    for (const model::SetupStep& s : base.setup) step = s.name == run.name ? &s : step;
    ctx.out->info("base: setup '" + run.name + "' (" + run.reason + ")…");
    auto bundle = step->source == model::SetupSource::kFile
                      ? provision::local_bundle(step->location)
                      : playbooks.cache.fetch(*step);
    if (!bundle) {
      return std::move(bundle).error().with_context("base setup step '" + run.name + "'");
    }
    TRY(provision::run_base_step(sc, *step, *bundle));
    provision::record_base_step(recorded, *step, bundle->hash);
    state.host["base_setup"] = recorded;
    TRY(store.save(lock, state));
    ctx.out->success("base: setup '" + run.name + "' done.");
  }
  state.host["base_setup"] = recorded;
  return store.save(lock, state);
}

}  // namespace

Result<vm::BaseWiring> recorded_base_wiring(const state::State& state) {
  return vm::base_wiring_from_json(host_entry(state, "base"));
}

Result<int> start_with_base(Context& ctx, const StartArgs& args) {
  std::optional<LoadedConfig> loaded;
  if (!args.base.empty()) {
    ASSIGN_OR_RETURN(loaded, load_config_file(ctx, args.base, {}));
    if (!loaded->config.base) {
      return make_error(ErrorCode::kUsage, args.base + ": no `base { }` block to start with");
    }
    if (!loaded->config.jails.empty()) {
      ctx.out->warning(args.base + ": its jails are not started by `jrun start --base` (use " +
                       "`jrun up`)");
    }
    if (parse_mode(args.mode) != vm::Mode::kServer) {
      return make_error(ErrorCode::kUsage, "`--base` needs the VM in server mode");
    }
  }
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  ASSIGN_OR_RETURN(state::State state, store.load(lock));
  ASSIGN_OR_RETURN(vm::BaseWiring previous, recorded_base_wiring(state));
  vm::BaseWiring base = previous;
  if (loaded) {
    base =
        vm::base_wiring(loaded->config, resolve_path(ctx.cwd, args.base, ctx.settings.user_home));
  }
  const bool running = instance->running_pid() != 0;
  if (args.provision && !running) {
    std::error_code ec;  // a fresh seed is written and read again at this boot
    std::filesystem::remove(instance->paths().seed(), ec);
  } else if (args.provision && !loaded) {
    return make_error(ErrorCode::kUsage,
                      "`--provision` re-runs the first-boot bootstrap, which happens at boot: "
                      "run `jrun stop` first");
  }
  if (running) {
    ctx.out->warning("VM is already running (pid " + std::to_string(instance->running_pid()) +
                     ").");
    ASSIGN_OR_RETURN(vm::VmRecord record, instance->load_record());
    const auto missing = vm::missing_shares(vm::base_shares(base), record.shares);
    if (!missing.empty()) {
      return make_error(ErrorCode::kRuntime,
                        "base mount of " + missing.front().host_path +
                            " is a new 9p share, which the running VM was not started with: "
                            "run `jrun stop`, then `jrun start" +
                            (args.base.empty() ? "" : " --base " + args.base) + "`");
    }
  } else {
    ASSIGN_OR_RETURN(bool started, start_vm(ctx, *instance, runner, parse_mode(args.mode),
                                            vm::base_shares(base)));
    if (!started || parse_mode(args.mode) != vm::Mode::kServer) return 0;
  }
  // Also when the wiring is empty with --base: make_vm_provider records the guest's OS, which
  // picks the Python the base steps use.
  if (loaded || !base.forwards.empty() || !previous.forwards.empty() || !base.mounts.empty()) {
    TRY(apply_wiring(ctx, previous, base));
  }
  if (loaded) {
    state.host["base"] = vm::base_wiring_to_json(base);
    TRY(store.save(lock, state));
    TRY(run_base_steps(ctx, *loaded->config.base, args.provision, store, lock, state));
    for (const vm::PortForward& f : base.forwards) {
      ctx.out->info("base: forward 127.0.0.1:" + std::to_string(f.host_port) + " → VM port " +
                    std::to_string(f.guest_port) + " (" + f.proto + ")");
    }
  }
  return 0;
}

Result<std::vector<std::string>> base_plan_lines(Context& ctx, const model::Config& config,
                                                 const state::State& recorded, bool provision) {
  std::vector<std::string> lines;
  if (!config.base) return lines;
  Playbooks playbooks(ctx);
  ASSIGN_OR_RETURN(auto hashes, observe_base(ctx, *config.base, playbooks.cache));
  const auto runs = provision::base_steps_to_run(*config.base, host_entry(recorded, "base_setup"),
                                                 hashes, provision);
  for (const provision::BaseStepRun& run : runs) {
    lines.push_back("base: setup '" + run.name + "' would run (" + run.reason + ")");
  }
  const std::size_t unchanged = config.base->setup.size() - runs.size();
  if (unchanged != 0 || runs.empty()) {
    lines.push_back("base: " + std::to_string(unchanged) + " setup step(s) up to date");
  }
  return lines;
}

}  // namespace jrun::cli
