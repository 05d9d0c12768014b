// The interactive shell (`jrun` with no arguments): banner, libedit prompt with history in
// $JRUN_HOME/history and completion from the command table, the guided wizards of the
// reference §1.11 for commands typed without their arguments. No error leaves the shell.

#include <sys/stat.h>

#include <filesystem>

#include "jrun/cli/completion_sources.h"
#include "jrun/cli/config_loader.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/run.h"
#include "jrun/cli/table.h"
#include "jrun/state/store.h"
#include "jrun/ui/line_editor.h"
#include "jrun/ui/picker_tty.h"
#include "jrun/ui/progress.h"
#include "jrun/ui/table.h"
#include "jrun/ui/terminal.h"
#include "jrun/ui/words.h"

namespace jrun::cli {
namespace {

using Words = std::vector<std::string>;

struct Shell {
  Context& ctx;
  ui::Style style;
  ui::LineEditor& editor;

  void say(ui::MessageKind kind, const std::string& text) {
    ctx.out->print(ui::render_message(kind, text, style));
  }

  /// 1-based choices: an arrow-key picker on a terminal, else a numbered menu; nullopt when
  /// cancelled (Esc/q/Ctrl-C in a picker; empty answer, Ctrl-D or the Cancel entry in a menu).
  std::optional<std::vector<std::size_t>> pick(const std::string& title, const Words& options,
                                               bool many) {
    if (ui::pickers_available(ctx.env)) {
      ui::PickerSpec spec{title, options, many};
      auto chosen = ui::run_picker(spec, style, [] { return interrupt_flag().load(); });
      interrupt_flag().store(false);
      if (!chosen) return std::nullopt;
      for (std::size_t& c : *chosen) ++c;
      return chosen;
    }
    return pick_numbered(title, options, many);
  }

  std::optional<std::vector<std::size_t>> pick_numbered(const std::string& title,
                                                        const Words& options, bool many) {
    Words shown = options;
    shown.push_back("Cancel");
    ctx.out->print(ui::render_menu(title, shown, style));
    while (true) {
      auto answer = editor.read(many ? "numbers › " : "number › ");
      if (!answer || answer->empty()) return std::nullopt;
      std::vector<std::size_t> choices = ui::parse_choices(*answer, shown.size());
      bool cancel = false;
      for (std::size_t c : choices) cancel = cancel || c == shown.size();
      if (cancel) return std::nullopt;
      if (!choices.empty() && (many || choices.size() == 1)) return choices;
      say(ui::MessageKind::kWarning, "choose " + std::string(many ? "numbers" : "a number") +
                                         " from 1 to " + std::to_string(shown.size()));
    }
  }

  std::optional<std::string> pick_one(const std::string& title, const Words& options) {
    auto chosen = pick(title, options, false);
    if (!chosen) return std::nullopt;
    return options[chosen->front() - 1];
  }

  Words recorded_jails() { return completion_sources(ctx).jails(); }
};

Words ucl_files(const std::string& cwd) {
  namespace fs = std::filesystem;
  Words out;
  std::error_code ec;
  fs::recursive_directory_iterator it(cwd, fs::directory_options::skip_permission_denied, ec);
  for (fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && (name.starts_with(".") || name.starts_with("build") ||
                                 name == "node_modules" || it.depth() > 3)) {
      it.disable_recursion_pending();
      continue;
    }
    if (name.ends_with(".ucl")) out.push_back(fs::relative(it->path(), cwd, ec).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Words> wizard_up(Shell& sh) {
  sh.ctx.out->print(ui::paint("Jail wizard", ui::Color::kBold, sh.style) +
                    "  starting interactive mode…\n");
  Words files = ucl_files(sh.ctx.cwd);
  Words options = files;
  options.push_back("Enter path manually…");
  auto file = sh.pick_one("Select jail config:", options);
  if (!file) return std::nullopt;
  if (*file == "Enter path manually…") {
    auto typed = sh.editor.read("Path to config: ");
    if (!typed || typed->empty()) return std::nullopt;
    file = *typed;
  }
  auto loaded = load_config_file(sh.ctx, *file, {});
  if (!loaded) return Words{"up", *file};  // the command reports the problem
  auto target = sh.pick_one("Target which jails?", {"All jails", "Choose specific…"});
  if (!target) return std::nullopt;
  Words words = {"up", *file};
  if (*target == "All jails") return words;
  Words names;
  for (const model::Jail& jail : loaded->config.jails) names.push_back(jail.name);
  auto chosen = sh.pick("Select jails:", names, true);
  if (!chosen) return std::nullopt;
  for (std::size_t c : *chosen) words.push_back(names[c - 1]);
  return words;
}

std::optional<Words> wizard_down(Shell& sh) {
  Words jails = sh.recorded_jails();
  if (jails.empty()) {
    sh.say(ui::MessageKind::kInfo, "No jails in state.");
    return std::nullopt;
  }
  auto chosen = sh.pick("Destroy which jails?", jails, true);
  if (!chosen) return std::nullopt;
  Words words = {"down"};
  for (std::size_t c : *chosen) words.push_back(jails[c - 1]);
  return words;
}

std::optional<Words> wizard_jail(Shell& sh, const std::string& command) {
  Words jails = sh.recorded_jails();
  if (jails.empty()) {
    sh.say(ui::MessageKind::kInfo, "No jails in state.");
    return std::nullopt;
  }
  auto jail = sh.pick_one(command == "ssh" ? "SSH into:" : "Run command in:", jails);
  if (!jail) return std::nullopt;
  if (command == "ssh") return Words{"ssh", *jail};
  auto line = sh.editor.read("Executable (with args): ");
  if (!line || line->empty()) return std::nullopt;
  auto argv = ui::split_words(*line);
  if (!argv) {
    sh.say(ui::MessageKind::kError, argv.error().message);
    return std::nullopt;
  }
  Words words = {"cmd", *jail};
  words.insert(words.end(), argv->begin(), argv->end());
  return words;
}

// Names of `jail`'s snapshots on the jail host; nullopt (after saying why) when unreadable.
std::optional<Words> snapshot_names(Shell& sh, const std::string& jail) {
  auto provider = make_provider(sh.ctx);
  if (!provider) {
    sh.say(ui::MessageKind::kError, provider.error().message);
    return std::nullopt;
  }
  auto snapshots = provider->host->snapshots(jail);
  if (!snapshots) {
    sh.say(ui::MessageKind::kError, snapshots.error().message);
    return std::nullopt;
  }
  Words names;
  for (const host::Snapshot& s : *snapshots) names.push_back(s.name);
  return names;
}

// Reference §1.11: action, jail, then a name (typed for create, picked for rollback/delete).
// The command itself confirms rollback and delete.
std::optional<Words> wizard_snapshot(Shell& sh) {
  auto action = sh.pick_one("Snapshot action:", {"create", "list", "rollback", "delete"});
  if (!action) return std::nullopt;
  Words jails = sh.recorded_jails();
  if (jails.empty()) {
    sh.say(ui::MessageKind::kInfo, "No jails in state.");
    return std::nullopt;
  }
  auto jail = sh.pick_one("Which jail?", jails);
  if (!jail) return std::nullopt;
  Words words = {"snapshot", *action, *jail};
  if (*action == "list") return words;
  if (*action == "create") {
    auto name = sh.editor.read("Snapshot name (empty: the current UTC time): ");
    if (!name) return std::nullopt;
    if (!name->empty()) words.push_back(*name);
    return words;
  }
  auto names = snapshot_names(sh, *jail);
  if (!names) return std::nullopt;
  if (names->empty()) {
    sh.say(ui::MessageKind::kInfo, "No snapshots of '" + *jail + "'.");
    return std::nullopt;
  }
  auto name =
      sh.pick_one(*action == "rollback" ? "Roll back to:" : "Delete which snapshot?", *names);
  if (!name) return std::nullopt;
  words.push_back(*name);
  return words;
}

// Fills in what a command typed bare needs; nullopt = aborted. Others pass unchanged.
std::optional<Words> preflight(Shell& sh, const Words& words) {
  if (words.size() != 1) return words;
  if (words[0] == "up") return wizard_up(sh);
  if (words[0] == "down") return wizard_down(sh);
  if (words[0] == "ssh" || words[0] == "cmd") return wizard_jail(sh, words[0]);
  if (words[0] == "snapshot") return wizard_snapshot(sh);
  return words;
}

std::string banner(const ui::Style& style) {
  std::string out =
      "\n  " +
      ui::paint(std::string(ui::glyph(style, "█", "#")) + " jrun", ui::Color::kBold, style) +
      "  0.1.0\n  " +
      ui::paint("Sane orchestration for isolated environments", ui::Color::kDim, style) + "\n\n";
  ui::Table table;
  table.header = {"", ""};
  for (const auto& [name, description] : command_summaries()) {
    const bool danger = name == "stop" || name == "down" || name == "purge";
    table.rows.push_back({{name, danger ? ui::Color::kRed : ui::Color::kCyan}, {description}});
  }
  std::string rows = ui::render_table(table, style);
  out += rows.substr(rows.find('\n') + 1);
  return out + "\n  " +
         ui::paint("Tab  complete    ↑↓  history    ?  help    exit or Ctrl-D  leave",
                   ui::Color::kDim, style) +
         "\n\n";
}

ui::Completer completer(Context& ctx) {
  return [&ctx](const std::string& before, const std::string& word) {
    auto words = ui::split_words(before);
    Words done = words ? *words : Words{};
    if (done.empty()) {
      Words out = ui::complete(completion_commands(), done, word, completion_sources(ctx));
      for (const char* builtin : {"help", "exit"}) {
        if (std::string(builtin).starts_with(word)) out.push_back(builtin);
      }
      return out;
    }
    return ui::complete(completion_commands(), done, word, completion_sources(ctx));
  };
}

std::string history_file(const Context& ctx) {
  ::mkdir(ctx.settings.home.c_str(), 0700);
  return ctx.settings.home + "/history";
}

}  // namespace

Result<int> cmd_shell(Context& ctx) {
  if (!ctx.interactive) {
    return make_error(ErrorCode::kUsage,
                      "the interactive shell needs a terminal; run `jrun --help` for the commands");
  }
  const ui::Style style = ui::detect_style(1, ctx.env);
  ui::LineEditor editor(history_file(ctx), completer(ctx));
  Shell sh{ctx, style, editor};
  ctx.out->print(banner(style));
  const std::string prompt = std::string("jrun ") + std::string(ui::glyph(style, "›", ">")) + " ";
  while (true) {
    auto line = editor.read(prompt);
    if (!line) {
      ctx.out->print("\nBye!\n");
      return 0;
    }
    auto words = ui::split_words(*line);
    if (!words) {
      sh.say(ui::MessageKind::kError, "error: invalid quoting");
      continue;
    }
    if (words->empty()) continue;
    editor.remember(*line);
    const std::string& first = words->front();
    if (first == "exit" || first == "quit" || first == "q") {
      ctx.out->print("Bye.\n");
      return 0;
    }
    if (first == "help" || first == "?") {
      ctx.out->print(banner(style));
      continue;
    }
    bool known = false;
    for (const auto& [name, description] : command_summaries()) known = known || name == first;
    if (!known && !first.starts_with("-")) {
      sh.say(ui::MessageKind::kError,
             "unknown command: " + first + "  —  type ? for help or Tab to browse");
      continue;
    }
    if (first == "pair") {
      // No wizard for what does not exist: pairing needs the mesh, which is not built.
      sh.say(ui::MessageKind::kWarning,
             "pair is not built in this version of jrun: connecting jails across machines "
             "needs the mesh, which does not exist yet.");
      continue;
    }
    auto full = preflight(sh, *words);
    if (!full) {
      sh.say(ui::MessageKind::kWarning, "Aborted.");
      continue;
    }
    dispatch(ctx, *full);
  }
}

}  // namespace jrun::cli
