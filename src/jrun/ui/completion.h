#pragma once
// Completion for the interactive shell and the shell completion scripts, from a description of
// the commands (built by the cli from its command table), and the scripts themselves.

#include <functional>
#include <string>
#include <vector>

namespace jrun::ui {

/// What a positional argument takes.
enum class ArgKind { kWord, kJail, kJails, kConfigFile, kSnapshot, kChoice };

struct CompletionCommand {
  std::string name;
  std::string description;
  std::vector<std::string> flags;    ///< "--json", "-n", ...
  std::vector<ArgKind> positionals;  ///< in order; the last kJails repeats
  std::vector<std::string> choices;  ///< of a kChoice positional
  std::vector<CompletionCommand> subcommands;
};

/// Where dynamic candidates come from (jails of the state, snapshots, files on disk).
struct CompletionSources {
  std::function<std::vector<std::string>()> jails;
  std::function<std::vector<std::string>(const std::string& jail)> snapshots;
  /// Paths starting with `prefix` that are directories ("dir/") or *.ucl files.
  std::function<std::vector<std::string>(const std::string& prefix)> config_files;
};

/// Candidates for `word` after the complete `words` (words[0] is the first command word, not
/// "jrun"), sorted, starting with `word`.
std::vector<std::string> complete(const std::vector<CompletionCommand>& commands,
                                  const std::vector<std::string>& words, const std::string& word,
                                  const CompletionSources& sources);

/// Completion script for "bash", "zsh" or "fish": the command names are embedded, everything
/// else is asked from `jrun __complete WORDS... CURRENT`. "" for another shell.
std::string completion_script(const std::string& shell,
                              const std::vector<CompletionCommand>& commands);

}  // namespace jrun::ui
