// jrun cmd JAIL PROG [ARGS...]: run a program inside a jail; its exit code is jrun's.

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"

namespace jrun::cli {

Result<int> cmd_cmd(Context& ctx, const CmdArgs& args) {
  TRY(require_jail(ctx, args.jail));
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  return provider.host->enter(args.jail, args.command, ctx.interactive);
}

}  // namespace jrun::cli
