// jrun ssh JAIL: an interactive login shell inside a jail (no sshd needed locally).

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"

namespace jrun::cli {

Result<int> cmd_ssh(Context& ctx, const SshArgs& args) {
  if (args.jail.empty() && ctx.settings.provider == "vm") return cmd_ssh_vm(ctx);
  if (args.jail.empty()) {
    return make_error(ErrorCode::kUsage,
                      "name a jail: `jrun ssh JAIL` (on the local provider the jail host is this "
                      "machine)");
  }
  TRY(require_jail(ctx, args.jail));
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  // bash when the jail has it, sh otherwise; the argument is fixed text, not user input.
  std::vector<std::string> shell = {
      "/bin/sh", "-c",
      "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi"};
  return provider.host->enter(args.jail, shell, true);
}

}  // namespace jrun::cli
