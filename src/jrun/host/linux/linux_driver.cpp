#include "jrun/host/linux/linux_driver.h"

#include <utility>

#include "jrun/base/strings.h"
#include "jrun/host/linux/jail_commands.h"
#include "jrun/host/linux/network.h"
#include "jrun/host/linux/runtime_scripts.h"
#include "jrun/host/linux/script_text.h"
#include "jrun/host/linux/services.h"
#include "jrun/host/linux/snapshots.h"
#include "jrun/host/linux/supervision.h"
#include "jrun/host/log_text.h"

namespace jrun::host::linux_driver {
namespace {

// The last lines of a script's stderr: enough to see why it failed.
std::string tail_lines(std::string_view text, std::size_t count) {
  std::vector<std::string> lines = split(std::string(trim(text)), '\n');
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<long>(count));
  return join(lines, "\n");
}

Status check_name(const std::string& name) {
  if (valid_name(name)) return {};
  return make_error(ErrorCode::kUsage, "invalid jail name '" + name + "'");
}

Status check_snapshot(const std::string& jail, const std::string& snapshot) {
  TRY(check_name(jail));
  if (valid_snapshot_name(snapshot)) return {};
  return make_error(ErrorCode::kUsage, "invalid snapshot name '" + snapshot + "'");
}

}  // namespace

LinuxDriver::LinuxDriver(Transport& transport, LinuxLayout layout)
    : transport_(transport), layout_(std::move(layout)) {}

Result<ProcessResult> LinuxDriver::run(const std::string& script, const std::string& what) {
  auto checked = check_layout(layout_);
  if (!checked) return std::move(checked).error().with_context(what);
  auto result = transport_.run_script(script);
  if (!result) return std::move(result).error().with_context(what);
  if (result->exit_code != 0 || result->timed_out) {
    std::string message = result->timed_out
                              ? "timed out"
                              : "failed with exit code " + std::to_string(result->exit_code);
    const std::string err = tail_lines(result->err, 15);
    if (!err.empty()) message += ":\n" + err;
    return make_error(ErrorCode::kRuntime, "script on " + transport_.describe() + " " + message)
        .with_context(what);
  }
  return result;
}

void LinuxDriver::remember_nameservers(std::string_view resolv_conf_text) {
  std::lock_guard<std::mutex> lock(mutex_);
  nameservers_ = parse_nameservers(resolv_conf_text);
}

Result<std::vector<std::string>> LinuxDriver::nameservers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (nameservers_) return *nameservers_;
  }
  ASSIGN_OR_RETURN(auto out, run(resolv_fetch_script(), "reading the jail host's resolv.conf"));
  remember_nameservers(resolv_text(out.out));
  std::lock_guard<std::mutex> lock(mutex_);
  return *nameservers_;
}

Result<ProbeResult> LinuxDriver::probe() {
  ASSIGN_OR_RETURN(auto out, run(probe_script(layout_), "probing linux jails"));
  return parse_probe(out.out);
}

Status LinuxDriver::prepare(const HostWiring& wiring) {
  ASSIGN_OR_RETURN(auto out, run(prepare_script(wiring, layout_), "preparing the jail host"));
  remember_nameservers(resolv_text(out.out));
  return {};
}

Status LinuxDriver::create(const JailInstance& jail, const HostWiring& wiring) {
  const std::string what =
      "creating jail '" + (jail.config != nullptr ? jail.config->name : std::string()) + "'";
  auto checked = check_instance(jail);
  if (!checked) return std::move(checked).error().with_context(what);
  CreateExtras extras;
  ASSIGN_OR_RETURN(extras.nameservers, nameservers());
  // No services yet (JailHost::create): execs start in apply, after the mounts are in place and
  // after the engine has waited for healthy dependencies. The init writes the bare monitrc.
  model::Jail without_execs = *jail.config;
  without_execs.execs.clear();
  JailInstance bare = jail;
  bare.config = &without_execs;
  extras.service_files = service_files(bare);
  for (JailFile& file : extras.service_files) {
    if (file.path == monitrc_path()) file.content = bootstrap_monitrc(jail.monit_cycle);
  }
  // The script is saved in the jail dir: a snapshot rollback starts the jail again with it.
  const std::string script = create_script(jail, wiring, layout_, extras);
  TRY(run(script + save_script_snippet(jail.config->name, layout_, "start.sh", script), what));
  return {};
}

Status LinuxDriver::apply(const JailInstance& jail, const std::vector<std::string>& sections) {
  const std::string what = "updating " + join(sections, ", ") + " of jail '" +
                           (jail.config != nullptr ? jail.config->name : std::string()) + "'";
  auto checked = check_instance(jail);
  if (!checked) return std::move(checked).error().with_context(what);
  const std::string execs = execs_apply_script(jail, layout_);
  // Every section as now applied, saved for a snapshot rollback (after start.sh).
  const std::string reapply = apply_script(jail, {"mounts", "limits", "execs"}, layout_, execs);
  TRY(run(apply_script(jail, sections, layout_, execs) +
              save_script_snippet(jail.config->name, layout_, "reapply.sh", reapply),
          what));
  return {};
}

Status LinuxDriver::destroy(const std::string& name) {
  const std::string what = "destroying jail '" + name + "'";
  auto checked = check_name(name);
  if (!checked) return std::move(checked).error().with_context(what);
  TRY(run(destroy_script(name, layout_), what));
  return {};
}

Result<std::vector<ServiceStatus>> LinuxDriver::services(const std::string& name) {
  const std::string what = "reading the services of jail '" + name + "'";
  TRY(check_name(name));
  ASSIGN_OR_RETURN(auto out, run(services_script(name, layout_), what));
  return parse_services(out.out);
}

Result<HostStatus> LinuxDriver::status(const std::vector<std::string>& jails) {
  for (const std::string& name : jails) TRY(check_name(name));
  ASSIGN_OR_RETURN(auto out, run(status_script(jails, layout_), "reading the status of jails"));
  HostStatus status;
  status.probe = parse_probe(out.out);
  parse_host_figures(out.out, status);
  for (const auto& [name, text] : split_status_sections(out.out)) {
    status.services[name] = parse_services(text);
  }
  return status;
}

Result<int> LinuxDriver::enter(const std::string& name, const std::vector<std::string>& argv,
                               bool tty) {
  TRY(check_name(name));
  TRY(check_layout(layout_));
  auto code = transport_.run_attached(enter_argv(name, argv, layout_), tty);
  if (!code) return std::move(code).error().with_context("entering jail '" + name + "'");
  return code;
}

Result<int> LinuxDriver::logs(const std::string& name, const LogsQuery& query) {
  TRY(check_name(name));
  TRY(check_layout(layout_));
  if (!query.service.empty() && !valid_name(query.service)) {
    return make_error(ErrorCode::kUsage, "invalid service name '" + query.service + "'");
  }
  if (!query.since.empty() && !valid_log_stamp(query.since)) {
    return make_error(ErrorCode::kUsage, "invalid log time '" + query.since + "'");
  }
  auto code = transport_.run_attached(jail_logs_argv(name, query, layout_), false);
  if (!code) return std::move(code).error().with_context("reading logs of jail '" + name + "'");
  return code;
}

Result<ProcessResult> LinuxDriver::run_in(const std::string& name, const Command& command) {
  TRY(check_name(name));
  TRY(check_layout(layout_));
  Command inside = command;
  inside.argv = enter_argv(name, command.argv, layout_);
  auto result = transport_.run_command(inside);
  if (!result) return std::move(result).error().with_context("running in jail '" + name + "'");
  return result;
}

Status LinuxDriver::snapshot_create(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(run(snapshot_create_script(jail, snapshot, layout_),
          "creating snapshot '" + snapshot + "' of jail '" + jail + "'"));
  return {};
}

Result<std::vector<Snapshot>> LinuxDriver::snapshots(const std::string& jail) {
  TRY(check_name(jail));
  ASSIGN_OR_RETURN(auto out, run(snapshot_list_script(jail, layout_),
                                 "listing the snapshots of jail '" + jail + "'"));
  return parse_snapshot_list(out.out);
}

Status LinuxDriver::snapshot_rollback(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(run(snapshot_rollback_script(jail, snapshot, layout_),
          "rolling jail '" + jail + "' back to snapshot '" + snapshot + "'"));
  return {};
}

Status LinuxDriver::snapshot_delete(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(run(snapshot_delete_script(jail, snapshot, layout_),
          "deleting snapshot '" + snapshot + "' of jail '" + jail + "'"));
  return {};
}

Status LinuxDriver::purge() {
  ASSIGN_OR_RETURN(ProbeResult found, probe());
  std::vector<std::string> names;
  for (const auto& [name, observed] : found.jails) names.push_back(name);
  TRY(run(purge_script(names, layout_), "purging linux jails"));
  return {};
}

}  // namespace jrun::host::linux_driver
