#include "jrun/cli/table.h"

#include <CLI/CLI.hpp>

namespace jrun::cli {
namespace {

struct CommandDef {
  const char* name;
  const char* description;
  /// Adds the command's arguments; returns the Action it runs.
  std::function<Action(CLI::App&)> bind;
};

template <typename Args>
std::shared_ptr<Args> make_args() {
  return std::make_shared<Args>();
}

Action unavailable(std::string name) {
  return [name](Context& ctx) { return cmd_not_available(ctx, "`jrun " + name + "`"); };
}

// Arguments of commands that are not built yet are still declared, so that `--help` documents
// the whole interface and a typo in them is reported like any other.
struct Sink {
  std::string text;
  std::vector<std::string> list;
  bool flag = false;
  int number = 0;
};

// CLI11 writes parsed values through references, so a Sink must outlive parsing; the table
// keeps every one for the life of the process.
std::shared_ptr<Sink> make_sink() {
  static std::vector<std::shared_ptr<Sink>> sinks;
  sinks.push_back(std::make_shared<Sink>());
  return sinks.back();
}

Action bind_start(CLI::App& app) {
  auto a = make_args<StartArgs>();
  app.add_option("--base,-b", a->base, "base config (UCL) applied to the VM");
  app.add_flag("--provision", a->provision, "re-run the VM bootstrap and base setup");
  app.add_option("--mode,-m", a->mode, "server (default), tty or graphic")
      ->check(CLI::IsMember({"server", "tty", "graphic"}));
  return [a](Context& ctx) { return cmd_start(ctx, *a); };
}

Action bind_stop(CLI::App& app) {
  auto a = make_args<StopArgs>();
  app.add_flag("--yes,-y", a->yes, "do not ask for confirmation");
  return [a](Context& ctx) { return cmd_stop(ctx, *a); };
}

Action bind_ssh(CLI::App& app) {
  auto a = make_args<SshArgs>();
  app.add_option("jail", a->jail, "jail to enter (default: the jail host)");
  return [a](Context& ctx) { return cmd_ssh(ctx, *a); };
}

Action bind_cmd(CLI::App& app) {
  auto a = make_args<CmdArgs>();
  app.add_option("jail", a->jail, "jail to run in")->required();
  // Everything after the jail is the program and its arguments, verbatim (also "-c", "--x"):
  // CLI11 leaves them in remaining().
  app.prefix_command();
  app.footer("PROG [ARGS...] follow the jail name and are passed on as they are.");
  CLI::App* self = &app;
  return [a, self](Context& ctx) -> Result<int> {
    a->command = self->remaining();
    if (a->command.empty()) {
      return make_error(ErrorCode::kUsage, "`jrun cmd " + a->jail + "` needs a program to run");
    }
    return cmd_cmd(ctx, *a);
  };
}

Action bind_plan(CLI::App& app) {
  auto a = make_args<PlanArgs>();
  app.add_option("config", a->config, "config file (UCL)")->required();
  app.add_option("names", a->names, "only these jails (and what they depend on)");
  app.add_flag("--json", a->json, "machine-readable output");
  app.add_flag("--prune", a->prune, "destroy jails that are no longer in the config");
  app.add_flag("--provision", a->provision, "re-run every setup step");
  app.add_flag("--scripts", a->scripts, "also print every script and file `up` would send");
  app.add_option("--driver", a->driver, "with --scripts: linux or freebsd (JRUN_DRIVER)")
      ->check(CLI::IsMember({"linux", "freebsd"}));
  return [a](Context& ctx) { return cmd_plan(ctx, *a); };
}

Action bind_up(CLI::App& app) {
  auto a = make_args<UpArgs>();
  app.add_option("config", a->plan.config, "config file (UCL)")->required();
  app.add_option("names", a->plan.names, "only these jails (and what they depend on)");
  app.add_flag("--provision", a->plan.provision, "re-run every setup step");
  app.add_flag("--prune", a->plan.prune, "destroy jails that are no longer in the config");
  app.add_flag("--dry-run", a->dry_run, "print the plan, change nothing (same as `jrun plan`)");
  app.add_flag("--json", a->plan.json, "with --dry-run: machine-readable plan");
  app.add_flag("--yes,-y", a->yes, "do not ask for confirmation");
  app.add_flag("--without-limits", a->without_limits,
               "FreeBSD host whose RACCT needs a reboot: start jails without limits until then");
  return [a](Context& ctx) { return cmd_up(ctx, *a); };
}

Action bind_down(CLI::App& app) {
  auto a = make_args<DownArgs>();
  app.add_option("names", a->names, "jails to destroy (a picker opens on a terminal)");
  app.add_flag("--yes,-y", a->yes, "do not ask for confirmation");
  return [a](Context& ctx) { return cmd_down(ctx, *a); };
}

Action bind_status(CLI::App& app) {
  auto a = make_args<StatusArgs>();
  app.add_option("jail", a->jail, "show one jail in detail");
  app.add_option("--show,-s", a->show, "extra columns: ip, services, all")
      ->check(CLI::IsMember({"ip", "services", "all"}));
  app.add_flag("--tree,-t", a->tree, "render as a tree");
  app.add_flag("--live,-l", a->live, "live monitor with sparklines (needs a jail)");
  app.add_option("--interval", a->interval, "with --live: seconds between samples (default 2)");
  app.add_flag("--json", a->json, "machine-readable output");
  return [a](Context& ctx) { return cmd_status(ctx, *a); };
}

Action bind_logs(CLI::App& app) {
  auto a = make_args<LogsArgs>();
  app.add_option("jail", a->jail, "jail")->required();
  app.add_option("service", a->service, "one exec of the jail (default: all)");
  app.add_flag("--follow,-f", a->follow, "keep printing new output");
  app.add_option("-n,--lines", a->lines, "number of lines to show (default 100; all with --since)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--since", a->since, "only lines from then on: 10m, 1h30m, 2026-11-28T19:00:00Z");
  app.add_flag("--timestamps,-t", a->timestamps, "show the UTC time of each line");
  return [a](Context& ctx) { return cmd_logs(ctx, *a); };
}

Action bind_purge(CLI::App& app) {
  auto a = make_args<PurgeArgs>();
  app.add_flag("--yes,-y", a->yes, "do not ask for confirmation");
  return [a](Context& ctx) { return cmd_purge(ctx, *a); };
}

Action bind_snapshot(CLI::App& app) {
  auto a = make_args<SnapshotArgs>();
  const char* subs[][2] = {{"create", "snapshot a jail (NAME defaults to the UTC time)"},
                           {"list", "list a jail's snapshots"},
                           {"rollback", "roll a jail back to a snapshot"},
                           {"delete", "delete a snapshot"}};
  for (auto& [name, help] : subs) {
    CLI::App* sub = app.add_subcommand(name, help);
    sub->add_option("jail", a->jail, "jail")->required();
    const std::string action = name;
    if (action != "list") {
      auto* option = sub->add_option("name", a->name, "snapshot name");
      if (action != "create") option->required();
    }
    if (action == "list") sub->add_flag("--json", a->json, "machine-readable output");
    if (action == "rollback" || action == "delete") {
      sub->add_flag("--yes,-y", a->yes, "do not ask for confirmation");
    }
    sub->callback([a, action] { a->action = action; });
  }
  app.require_subcommand(1);
  return [a](Context& ctx) { return cmd_snapshot(ctx, *a); };
}

Action bind_pair(CLI::App& app) {
  auto s = make_sink();
  app.add_option("code", s->text, "pairing code to join (none: create one)");
  app.add_flag("--list,-l", s->flag, "list paired jails");
  app.add_option("--drop", s->list, "forget a pairing");
  app.add_flag("--json", s->flag, "with --list: machine-readable output");
  return unavailable("pair");
}

Action bind_completion(CLI::App& app) {
  auto a = make_args<CompletionArgs>();
  app.add_option("shell", a->shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return [a](Context& ctx) { return cmd_completion(ctx, *a); };
}

Action bind_doctor(CLI::App& app) {
  auto a = make_args<DoctorArgs>();
  app.add_option("--ports", a->ports, "host ports to check are free (default: those of the state)");
  return [a](Context& ctx) { return cmd_doctor(ctx, *a); };
}

Action bind_relay(CLI::App& app) {
  auto s = make_sink();
  CLI::App* serve = app.add_subcommand("serve", "run the pairing relay (HTTP)");
  serve->add_option("--listen", s->text, "address:port to listen on");
  app.require_subcommand(1);
  return unavailable("relay");
}

Action bind_config(CLI::App& app) {
  auto dump = make_args<ConfigDumpArgs>();
  auto check = make_args<ConfigCheckArgs>();
  auto chosen = std::make_shared<Action>();
  CLI::App* d = app.add_subcommand("dump", "print the parsed UCL tree of a file");
  d->add_option("file", dump->file, "UCL file")->required();
  d->add_flag("--json", dump->json, "print JSON instead of UCL");
  d->add_option("--var", dump->vars, "define a variable NAME=VALUE (repeatable)");
  d->callback(
      [chosen, dump] { *chosen = [dump](Context& c) { return cmd_config_dump(c, *dump); }; });
  CLI::App* c = app.add_subcommand("check", "validate a config file and report every problem");
  c->add_option("file", check->file, "config file")->required();
  c->add_option("--var", check->vars, "define a variable NAME=VALUE (repeatable)");
  c->callback(
      [chosen, check] { *chosen = [check](Context& x) { return cmd_config_check(x, *check); }; });
  app.require_subcommand(1);
  return [chosen](Context& ctx) { return (*chosen)(ctx); };
}

const std::vector<CommandDef>& commands() {
  static const std::vector<CommandDef> table = {
      {"start", "Boot the VM", bind_start},
      {"stop", "Gracefully shut down the VM", bind_stop},
      {"ssh", "Open a shell in the VM or a jail", bind_ssh},
      {"cmd", "Execute a command inside a jail", bind_cmd},
      {"up", "Create or update jails from config", bind_up},
      {"plan", "Show what `up` would change, change nothing", bind_plan},
      {"down", "Stop and destroy jails", bind_down},
      {"status", "Show VM and jail status", bind_status},
      {"logs", "Show the output of a jail's services", bind_logs},
      {"snapshot", "Manage jail snapshots", bind_snapshot},
      {"pair", "Connect to another jrun", bind_pair},
      {"purge", "Destroy the VM and ALL jails", bind_purge},
      {"config", "Inspect and validate config files", bind_config},
      {"doctor", "Check that everything jrun needs is installed", bind_doctor},
      {"completion", "Print a shell completion script", bind_completion},
      {"relay", "Run jrun's pairing relay", bind_relay},
  };
  return table;
}

ui::ArgKind positional_kind(const std::string& command, const std::string& name) {
  if (name == "jail") return ui::ArgKind::kJail;
  if (name == "names") return ui::ArgKind::kJails;
  if (name == "config" || name == "file") return ui::ArgKind::kConfigFile;
  if (name == "name" && command != "pair") return ui::ArgKind::kSnapshot;
  if (name == "shell") return ui::ArgKind::kChoice;
  return ui::ArgKind::kWord;
}

ui::CompletionCommand describe(CLI::App& app) {
  ui::CompletionCommand out{app.get_name(), app.get_description(), {}, {}, {}, {}};
  for (const CLI::Option* opt : app.get_options([](const CLI::Option*) { return true; })) {
    if (opt->get_positional()) {
      out.positionals.push_back(positional_kind(app.get_name(), opt->get_name()));
      if (opt->get_name() == "shell") out.choices = {"bash", "fish", "zsh"};
      continue;
    }
    for (const std::string& l : opt->get_lnames()) out.flags.push_back("--" + l);
    for (const std::string& sn : opt->get_snames()) out.flags.push_back("-" + sn);
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    out.subcommands.push_back(describe(*sub));
  }
  return out;
}

}  // namespace

std::vector<ui::CompletionCommand> completion_commands() {
  auto app = make_app(std::make_shared<Action>(), std::make_shared<std::string>());
  std::vector<ui::CompletionCommand> out;
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name().starts_with("__")) continue;
    out.push_back(describe(*sub));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> command_summaries() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const CommandDef& def : commands()) {
    if (!std::string(def.name).starts_with("__")) out.emplace_back(def.name, def.description);
  }
  return out;
}

std::unique_ptr<CLI::App> make_app(std::shared_ptr<Action> chosen,
                                   std::shared_ptr<std::string> provider) {
  auto app = std::make_unique<CLI::App>(
      "jrun — declarative, isolated service environments (jails).\n"
      "Run jrun with no arguments to enter the interactive shell.",
      "jrun");
  app->set_version_flag("--version,-v", "jrun 0.1.0");
  app->set_help_all_flag("--help-all", "help for every command");
  app->add_option("--provider", *provider, "where jails run: vm or local (JRUN_PROVIDER)")
      ->check(CLI::IsMember({"vm", "local"}));
  for (const CommandDef& def : commands()) {
    CLI::App* sub = app->add_subcommand(def.name, def.description);
    Action action = def.bind(*sub);
    sub->callback([chosen, action] { *chosen = action; });
  }
  return app;
}

}  // namespace jrun::cli
