#include "jrun/cli/commands.h"
#include "jrun/cli/config_loader.h"
#include "jrun/ucl/emit.h"

namespace jrun::cli {

Result<int> cmd_config_dump(Context& ctx, const ConfigDumpArgs& args) {
  ASSIGN_OR_RETURN(LoadedDocument doc, load_document(ctx, args.file, args.vars));
  std::string text = args.json ? ucl::to_json(doc.root, true) : ucl::to_ucl(doc.root);
  if (text.empty() || text.back() != '\n') text += '\n';
  ctx.out->print(text);
  return 0;
}

Result<int> cmd_config_check(Context& ctx, const ConfigCheckArgs& args) {
  ASSIGN_OR_RETURN(LoadedConfig loaded, load_config_file(ctx, args.file, args.vars));
  std::size_t jails = loaded.config.jails.size();
  ctx.out->success(args.file + ": valid (" + std::to_string(jails) +
                   (jails == 1 ? " jail" : " jails") + (loaded.config.base ? ", base)" : ")"));
  return 0;
}

}  // namespace jrun::cli
