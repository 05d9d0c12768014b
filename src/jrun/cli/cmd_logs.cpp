// jrun logs JAIL [SERVICE] [-f] [-n N]: a jail's service output.

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"

namespace jrun::cli {

Result<int> cmd_logs(Context& ctx, const LogsArgs& args) {
  if (args.service.size() > 1) {
    return make_error(ErrorCode::kUsage, "`jrun logs` takes one service at most");
  }
  if (args.lines < 0) return make_error(ErrorCode::kUsage, "-n needs a number >= 0");
  TRY(require_jail(ctx, args.jail));
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  std::string service = args.service.empty() ? "" : args.service.front();
  return provider.host->logs(args.jail, service, args.follow, args.lines);
}

}  // namespace jrun::cli
