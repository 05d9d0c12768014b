// jrun purge [--yes]: remove every jail and everything jrun made on the jail host, and the state.

#include <filesystem>

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"

namespace jrun::cli {

Result<int> cmd_purge(Context& ctx, const PurgeArgs& args) {
  if (!args.yes && !ctx.interactive) {
    return make_error(ErrorCode::kUsage,
                      "`jrun purge` destroys every jail and there is no terminal to confirm on: "
                      "pass --yes");
  }
  const bool vm = ctx.settings.provider == "vm";
  // The VM's disk holds every jail: removing it is the purge (no need to boot a stopped VM).
  Result<Provider> provider = vm ? Result<Provider>(Provider{}) : make_provider(ctx);
  if (!provider) return std::move(provider).error();
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  ASSIGN_OR_RETURN(bool go, confirm(ctx, "Destroy ALL jails and everything jrun made?", args.yes));
  if (!go) return make_error(ErrorCode::kRuntime, "cancelled; nothing purged");
  if (vm) {
    TRY(purge_vm(ctx));
  } else if (Status purged = provider->host->purge(); !purged) {
    return std::move(purged).error().with_context("purging the jail host");
  }
  std::error_code ec;
  for (const std::string& path : {store.state_path(), store.backup_path(), store.temp_path()}) {
    std::filesystem::remove(path, ec);
    if (ec) return make_error(ErrorCode::kRuntime, "cannot remove " + path + ": " + ec.message());
  }
  ctx.out->success("Purged: no jails left.");
  return 0;
}

}  // namespace jrun::cli
