// jrun down [NAMES] [--yes]: destroy jails through the engine, re-wire the host from the rest.

#include <algorithm>
#include <iostream>
#include <sstream>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"
#include "jrun/engine/engine.h"

namespace jrun::cli {
namespace {

/// A numbered list of the recorded jails; the answer is numbers, or "all".
Result<std::vector<std::string>> pick(Context& ctx, const state::State& state) {
  std::vector<std::string> names;
  std::string menu = "Jails:\n";
  for (const auto& [name, record] : state.jails) {
    names.push_back(name);
    menu += "  " + std::to_string(names.size()) + ") " + name + "  " + record.ip + "\n";
  }
  ctx.out->print(menu + "Destroy which (numbers separated by spaces, or all)? ");
  std::string line;
  if (!std::getline(std::cin, line) || trim(line).empty()) return std::vector<std::string>{};
  if (trim(line) == "all") return names;
  std::vector<std::string> chosen;
  std::istringstream in(line);
  for (std::string word; in >> word;) {
    std::size_t number = 0;
    try {
      number = std::stoul(word);
    } catch (const std::exception&) {
      number = 0;
    }
    if (number == 0 || number > names.size()) {
      return make_error(ErrorCode::kUsage, "not a number from the list: " + word);
    }
    chosen.push_back(names[number - 1]);
  }
  return chosen;
}

Result<std::vector<std::string>> choose(Context& ctx, const DownArgs& args,
                                        const state::State& state,
                                        const std::vector<std::string>& unrecorded) {
  if (!args.names.empty()) return args.names;
  if (args.yes || !ctx.interactive) {
    std::vector<std::string> all;
    for (const auto& [name, record] : state.jails) all.push_back(name);
    all.insert(all.end(), unrecorded.begin(), unrecorded.end());
    return all;
  }
  return pick(ctx, state);
}

/// Destroys the recorded jails of `names` through the engine, then those only on the host.
Status destroy(Context& ctx, Provider& provider, state::StateStore& store,
               const state::StateLock& lock, state::State& state,
               const std::vector<std::string>& names) {
  std::vector<std::string> recorded;
  for (const std::string& name : names) {
    if (state.jails.count(name) != 0) recorded.push_back(name);
  }
  if (!recorded.empty()) {
    ASSIGN_OR_RETURN(plan::Plan plan, engine::destroy_plan(state, recorded));
    model::Config no_config;
    TRY(engine::execute(plan, no_config, *provider.host, state, saver(store, lock),
                        engine_options(ctx)));
  }
  for (const std::string& name : names) {
    if (std::find(recorded.begin(), recorded.end(), name) == recorded.end()) {
      TRY(destroy_unrecorded(ctx, *provider.host, name));
    }
  }
  return {};
}

}  // namespace

Result<int> cmd_down(Context& ctx, const DownArgs& args) {
  if (!args.yes && !ctx.interactive) {
    return make_error(ErrorCode::kUsage,
                      "`jrun down` destroys jails and there is no terminal to confirm on: pass "
                      "--yes (and the jail names, or none for every jail)");
  }
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  ASSIGN_OR_RETURN(state::State state, store.load(lock));
  // Jails the host has and the state lacks (state.json lost) are destroyed as well.
  ASSIGN_OR_RETURN(host::ProbeResult probe, provider.host->probe());
  const std::vector<std::string> unrecorded = unrecorded_jails(probe, state);
  ASSIGN_OR_RETURN(std::vector<std::string> names, choose(ctx, args, state, unrecorded));
  if (names.empty()) {
    ctx.out->success(state.jails.empty() ? "Nothing to destroy — no jails."
                                         : "Nothing to destroy — no jail chosen.");
    return 0;
  }
  for (const std::string& name : names) {
    if (state.jails.count(name) == 0 &&
        std::find(unrecorded.begin(), unrecorded.end(), name) == unrecorded.end()) {
      return make_error(ErrorCode::kUsage, "no jail named '" + name + "' (see `jrun status`)");
    }
  }
  ASSIGN_OR_RETURN(bool go, confirm(ctx, "Destroy " + join(names, ", ") + "?", args.yes));
  if (!go) return make_error(ErrorCode::kRuntime, "cancelled; nothing destroyed");
  TRY(destroy(ctx, provider, store, lock, state, names));
  ctx.out->success("Destroyed " + join(names, ", ") + ".");
  return 0;
}

}  // namespace jrun::cli
