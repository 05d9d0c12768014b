#include "jrun/cli/commands.h"
#include "jrun/cli/config_loader.h"
#include "jrun/cli/provisioning.h"
#include "jrun/cli/session.h"
#include "jrun/plan/plan.h"
#include "jrun/plan/render.h"
#include "jrun/state/store.h"

namespace jrun::cli {

Result<int> cmd_plan(Context& ctx, const PlanArgs& args) {
  ASSIGN_OR_RETURN(LoadedConfig loaded, load_config_file(ctx, args.config, {}));
  state::StateStore store(ctx.settings.home);
  // Planning changes nothing, so it reads without the lock: saves are atomic renames.
  ASSIGN_OR_RETURN(state::State recorded, store.load_unlocked());
  Playbooks playbooks(ctx);
  ASSIGN_OR_RETURN(plan::Observed observed, observe(ctx, loaded.config, nullptr, playbooks.cache));
  // Until a jail host can be probed, recorded jails count as present.
  for (const auto& [name, record] : recorded.jails) observed.jails.insert(name);

  plan::PlanOptions options;
  options.targets = args.names;
  options.prune = args.prune;
  options.provision = args.provision;
  options.subnet = ctx.settings.subnet;
  ASSIGN_OR_RETURN(plan::Plan plan, plan::make_plan(loaded.config, recorded, options, &observed));
  ctx.out->print(args.json ? plan::to_json(plan).dump(
                                 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                                 "\n"
                           : plan::render_text(plan));
  return 0;
}

}  // namespace jrun::cli
