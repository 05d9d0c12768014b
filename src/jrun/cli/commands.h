#pragma once
// The commands and their arguments as plain data. table.cpp binds these structs to the command
// line (the only file that sees CLI11); each cmd_*.cpp implements one command.

#include <map>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/cli/output.h"
#include "jrun/cli/settings.h"

namespace jrun::cli {

/// What every command gets: settings, the environment, the output, where jrun was started.
struct Context {
  Settings settings;
  std::map<std::string, std::string> env;
  std::string cwd;
  Output* out = nullptr;
  bool interactive = false;       ///< stdin and stdout are terminals (prompts allowed)
  std::string host_os = "Linux";  ///< uname -s of this machine
};

struct ConfigDumpArgs {
  std::string file;
  bool json = false;
  std::vector<std::string> vars;  ///< NAME=VALUE
};

struct ConfigCheckArgs {
  std::string file;
  std::vector<std::string> vars;
};

struct PlanArgs {
  std::string config;
  std::vector<std::string> names;
  bool json = false;
  bool prune = false;
  bool provision = false;
  bool scripts = false;  ///< also print every script and file `up` would send
  std::string driver;    ///< with scripts: "linux" or "freebsd" ("" = JRUN_DRIVER)
};

struct UpArgs {
  PlanArgs plan;
  bool dry_run = false;
  bool yes = false;
  bool without_limits = false;  ///< FreeBSD host with RACCT off: start jails without limits
};

struct DownArgs {
  std::vector<std::string> names;  ///< empty: pick on a terminal, or every jail with --yes
  bool yes = false;
};

struct StatusArgs {
  std::string jail;               ///< "" = every jail
  std::vector<std::string> show;  ///< "ip", "services", "all"
  bool tree = false;
  bool live = false;
  double interval = 2;  ///< --live: seconds between samples (the screen redraws every second)
  bool json = false;
};

struct CmdArgs {
  std::string jail;
  std::vector<std::string> command;  ///< program and arguments
};

struct SshArgs {
  std::string jail;
};

struct LogsArgs {
  std::string jail;
  std::vector<std::string> service;  ///< at most one
  bool follow = false;
  int lines = -1;           ///< -1: not given (100, or all with --since)
  std::string since;        ///< "" or as parse_since reads it
  bool timestamps = false;  ///< show each line's time
};

struct SnapshotArgs {
  std::string action;  ///< create, list, rollback, delete
  std::string jail;
  std::vector<std::string> name;  ///< at most one
  bool json = false;
  bool yes = false;
};

struct CompletionArgs {
  std::string shell;  ///< bash, zsh, fish
};

struct CompleteArgs {
  std::vector<std::string> words;  ///< the words after "jrun"; the last is being completed
};

struct DoctorArgs {
  std::vector<int> ports;  ///< host ports that must be free ("" = the forwards of the state)
};

struct PurgeArgs {
  bool yes = false;
};

struct StartArgs {
  std::string base;               ///< --base FILE
  bool provision = false;         ///< --provision
  std::vector<std::string> mode;  ///< --mode server|tty|graphic (at most one)
};

struct StopArgs {
  bool yes = false;
};

/// Implementations. Each returns the exit code on success (normally 0) or an Error.
Result<int> cmd_config_dump(Context& ctx, const ConfigDumpArgs& args);
Result<int> cmd_config_check(Context& ctx, const ConfigCheckArgs& args);
Result<int> cmd_plan(Context& ctx, const PlanArgs& args);
Result<int> cmd_up(Context& ctx, const UpArgs& args);
Result<int> cmd_down(Context& ctx, const DownArgs& args);
Result<int> cmd_status(Context& ctx, const StatusArgs& args);
Result<int> cmd_cmd(Context& ctx, const CmdArgs& args);
Result<int> cmd_ssh(Context& ctx, const SshArgs& args);
Result<int> cmd_logs(Context& ctx, const LogsArgs& args);
Result<int> cmd_purge(Context& ctx, const PurgeArgs& args);
Result<int> cmd_snapshot(Context& ctx, const SnapshotArgs& args);
Result<int> cmd_start(Context& ctx, const StartArgs& args);
Result<int> cmd_stop(Context& ctx, const StopArgs& args);
/// `jrun ssh` without a jail on the vm provider: a login shell in the VM as its user.
Result<int> cmd_ssh_vm(Context& ctx);
/// Part of `jrun purge` on the vm provider: stop the VM, remove its disk, seed, record and ssh
/// files (the downloaded image stays).
Status purge_vm(Context& ctx);
Result<int> cmd_completion(Context& ctx, const CompletionArgs& args);
Result<int> cmd_complete(Context& ctx, const CompleteArgs& args);
Result<int> cmd_doctor(Context& ctx, const DoctorArgs& args);
/// The interactive shell (`jrun` with no command).
Result<int> cmd_shell(Context& ctx);
/// A command of SPEC §3 that this build does not have yet: says so, exit 1.
Result<int> cmd_not_available(Context& ctx, const std::string& name);

}  // namespace jrun::cli
