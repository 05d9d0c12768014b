// jrun logs JAIL [SERVICE] [-f] [-n N] [--since WHEN] [-t]: a jail's service output.

#include <chrono>

#include "jrun/cli/commands.h"
#include "jrun/cli/log_since.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"
#include "jrun/ui/terminal.h"

namespace jrun::cli {

Result<int> cmd_logs(Context& ctx, const LogsArgs& args) {
  if (args.service.size() > 1) {
    return make_error(ErrorCode::kUsage, "`jrun logs` takes one service at most");
  }
  host::LogsQuery query;
  query.service = args.service.empty() ? "" : args.service.front();
  query.follow = args.follow;
  query.timestamps = args.timestamps;
  if (!args.since.empty()) {
    ASSIGN_OR_RETURN(query.since, parse_since(args.since, std::chrono::system_clock::now()));
  }
  // Like docker: --since alone shows every line since then.
  query.lines = args.lines >= 0 ? args.lines : (query.since.empty() ? 100 : -1);
  query.color = ui::detect_style(1, ctx.env).color;
  if (query.service.empty()) {
    TRY(require_jail(ctx, args.jail));
  } else {
    TRY(require_service(ctx, args.jail, query.service));
  }
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  return provider.host->logs(args.jail, query);
}

}  // namespace jrun::cli
