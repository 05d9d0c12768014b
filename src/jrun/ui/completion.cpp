#include "jrun/ui/completion.h"

#include <algorithm>

#include "jrun/base/strings.h"

namespace jrun::ui {
namespace {

const CompletionCommand* find(const std::vector<CompletionCommand>& list, const std::string& n) {
  for (const CompletionCommand& c : list) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

bool takes_value(const std::string& flag) {
  return flag == "-n" || flag == "--lines" || flag == "--show" || flag == "-s" ||
         flag == "--interval" || flag == "--since" || flag == "--drop" || flag == "--base" ||
         flag == "-b" || flag == "--mode" || flag == "-m" || flag == "--var" ||
         flag == "--listen" || flag == "--provider";
}

std::vector<std::string> positional_candidates(const CompletionCommand& cmd, std::size_t index,
                                               const std::vector<std::string>& args,
                                               const std::string& word,
                                               const CompletionSources& sources) {
  if (cmd.positionals.empty()) return {};
  ArgKind kind = cmd.positionals.back();
  if (index < cmd.positionals.size()) {
    kind = cmd.positionals[index];
  } else if (kind != ArgKind::kJails) {
    return {};
  }
  switch (kind) {
    case ArgKind::kJail:
    case ArgKind::kJails:
      return sources.jails ? sources.jails() : std::vector<std::string>{};
    case ArgKind::kConfigFile:
      return sources.config_files ? sources.config_files(word) : std::vector<std::string>{};
    case ArgKind::kSnapshot:
      return sources.snapshots && !args.empty() ? sources.snapshots(args.front())
                                                : std::vector<std::string>{};
    case ArgKind::kChoice:
      return cmd.choices;
    case ArgKind::kWord:
      return {};
  }
  return {};
}

std::vector<std::string> candidates_for(const std::vector<CompletionCommand>& commands,
                                        const std::vector<std::string>& words,
                                        const std::string& word, const CompletionSources& sources) {
  std::vector<std::string> top;
  if (words.empty()) {
    for (const CompletionCommand& c : commands) top.push_back(c.name);
    return top;
  }
  const CompletionCommand* cmd = find(commands, words[0]);
  std::size_t next = 1;
  if (cmd == nullptr) return {};
  if (!cmd->subcommands.empty()) {
    if (words.size() == 1) {
      for (const CompletionCommand& c : cmd->subcommands) top.push_back(c.name);
      return top;
    }
    cmd = find(cmd->subcommands, words[1]);
    next = 2;
    if (cmd == nullptr) return {};
  }
  std::vector<std::string> args;
  for (std::size_t i = next; i < words.size(); ++i) {
    if (words[i].starts_with("-")) {
      if (takes_value(words[i])) ++i;
      continue;
    }
    args.push_back(words[i]);
  }
  if (word.starts_with("-")) return cmd->flags;
  if (!words.empty() && words.back() == "--show") return {"all", "ip", "services"};
  if (!words.empty() && takes_value(words.back())) return {};
  std::vector<std::string> out = positional_candidates(*cmd, args.size(), args, word, sources);
  // Jails already named are not offered again.
  if (!cmd->positionals.empty() && cmd->positionals.back() == ArgKind::kJails) {
    std::erase_if(out, [&](const std::string& c) {
      return std::find(args.begin(), args.end(), c) != args.end();
    });
  }
  return out;
}

std::string names_of(const std::vector<CompletionCommand>& commands) {
  std::vector<std::string> names;
  for (const CompletionCommand& c : commands) names.push_back(c.name);
  return join(names, " ");
}

}  // namespace

std::vector<std::string> complete(const std::vector<CompletionCommand>& commands,
                                  const std::vector<std::string>& words, const std::string& word,
                                  const CompletionSources& sources) {
  std::vector<std::string> out;
  for (std::string& c : candidates_for(commands, words, word, sources)) {
    if (c.starts_with(word)) out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string completion_script(const std::string& shell,
                              const std::vector<CompletionCommand>& commands) {
  const std::string names = names_of(commands);
  if (shell == "bash") {
    return "# jrun completion for bash: eval \"$(jrun completion bash)\"\n"
           "_jrun() {\n"
           "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
           "  if [ \"$COMP_CWORD\" -eq 1 ] && [ \"${cur#-}\" = \"$cur\" ]; then\n"
           "    COMPREPLY=($(compgen -W '" +
           names +
           "' -- \"$cur\"))\n"
           "    return\n"
           "  fi\n"
           "  local IFS=$'\\n'\n"
           "  COMPREPLY=($(jrun __complete \"${COMP_WORDS[@]:1:COMP_CWORD-1}\" \"$cur\" "
           "2>/dev/null))\n"
           "}\n"
           "complete -o default -F _jrun jrun\n";
  }
  if (shell == "zsh") {
    return "#compdef jrun\n# jrun completion for zsh: eval \"$(jrun completion zsh)\"\n"
           "_jrun() {\n"
           "  local -a candidates\n"
           "  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then\n"
           "    candidates=(" +
           names +
           ")\n"
           "  else\n"
           "    candidates=(${(f)\"$(jrun __complete \"${(@)words[2,CURRENT-1]}\" \"$PREFIX\" "
           "2>/dev/null)\"})\n"
           "  fi\n"
           "  compadd -a candidates\n"
           "}\n"
           "if (( $+functions[compdef] )); then compdef _jrun jrun; fi\n";
  }
  if (shell == "fish") {
    std::string out =
        "# jrun completion for fish: jrun completion fish | source\n"
        "complete -c jrun -f\n";
    for (const CompletionCommand& c : commands) {
      std::string d = c.description;
      std::replace(d.begin(), d.end(), '\'', '"');
      out += "complete -c jrun -n __fish_use_subcommand -a " + c.name + " -d '" + d + "'\n";
    }
    return out +
           "complete -c jrun -n 'not __fish_use_subcommand' -a "
           "'(jrun __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'\n";
  }
  return "";
}

}  // namespace jrun::ui
