// jrun completion bash|zsh|fish, and the hidden `jrun __complete WORDS... CURRENT` the scripts
// call: both from the command table, so a new command or flag completes without editing them.

#include "jrun/cli/commands.h"
#include "jrun/cli/completion_sources.h"
#include "jrun/cli/table.h"

namespace jrun::cli {

Result<int> cmd_completion(Context& ctx, const CompletionArgs& args) {
  const std::string script = ui::completion_script(args.shell, completion_commands());
  if (script.empty()) return make_error(ErrorCode::kUsage, "no completion for " + args.shell);
  ctx.out->print(script);
  return 0;
}

Result<int> cmd_complete(Context& ctx, const CompleteArgs& args) {
  std::vector<std::string> words = args.words;
  if (!words.empty() && words.front() == "--") words.erase(words.begin());
  const std::string current = words.empty() ? "" : words.back();
  if (!words.empty()) words.pop_back();
  for (const std::string& c :
       ui::complete(completion_commands(), words, current, completion_sources(ctx))) {
    ctx.out->print(c + "\n");
  }
  return 0;
}

}  // namespace jrun::cli
