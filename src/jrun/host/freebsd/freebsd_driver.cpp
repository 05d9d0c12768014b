#include "jrun/host/freebsd/freebsd_driver.h"

#include <stdexcept>
#include <utility>

#include "jrun/base/strings.h"
#include "jrun/host/freebsd/probe.h"
#include "jrun/host/freebsd/scripts.h"
#include "jrun/host/freebsd/text.h"
#include "jrun/host/linux/supervision.h"
#include "jrun/host/log_text.h"

namespace jrun::host::freebsd_driver {
namespace {

std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> out;
  for (const std::string& w : split(line, ' ')) {
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

// The probe's host facts: sysctl kern.boottime vm.loadavg hw.ncpu hw.physmem (one line each),
// then df -k's line of the root file system (KiB). Malformed lines leave the figures unknown.
void add_host_figures(const std::vector<std::string>& facts, HostStatus& status) {
  if (facts.size() >= 5 && !facts[3].empty() && facts[3].size() < 20 &&
      facts[3].find_first_not_of("0123456789") == std::string::npos) {
    status.memory_total = std::stoull(facts[3]);
  }
  const std::vector<std::string> df = words(facts.empty() ? "" : facts.back());
  if (df.size() >= 4) parse_host_figures("jrun-figures disk " + df[1] + " " + df[3], status);
}

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
  return make_error(ErrorCode::kUsage,
                    "invalid snapshot name '" + snapshot +
                        "': use letters, digits, '.', '_' and '-' (at most 64, not 'jrun-...')");
}

Status check_instance(const JailInstance& jail) {
  if (jail.config == nullptr) return make_error(ErrorCode::kRuntime, "no jail configuration");
  TRY(check_name(jail.config->name));
  if (!jail.clone_from.empty()) TRY(check_name(jail.clone_from));
  for (const std::string* value : {&jail.ip, &jail.release}) {
    try {
      plain_value(*value);
    } catch (const std::invalid_argument& e) {
      return make_error(ErrorCode::kConfig, e.what());
    }
  }
  if (jail.ip.empty()) return make_error(ErrorCode::kRuntime, "jail has no address");
  return {};
}

// pf.conf(5) `set skip on lo`: on a FreeBSD host no rdr rule sees a connection to 127.0.0.1,
// so a loopback forward would silently not work (in the VM, forwards arrive on its NIC).
Status check_forwards(const FreeBsdLayout& layout, const HostWiring& wiring) {
  if (layout.owns_host) return {};
  for (const HostWiring::Forward& f : wiring.forwards) {
    if (f.bind.rfind("127.", 0) != 0) continue;
    return make_error(ErrorCode::kConfig,
                      "forward '" + f.name + "' of jail '" + f.jail + "' listens on " + f.bind +
                          ": on a FreeBSD host pf cannot redirect loopback connections into a "
                          "jail (pf.conf skips lo0); set its bind to \"0.0.0.0\" or to an "
                          "address of this host's uplink");
  }
  return {};
}

// Generators throw std::invalid_argument only for values the model and the checks above
// reject; this turns such a bug into an error instead of a crash.
template <typename F>
Result<std::string> generate(F&& make) {
  try {
    return make();
  } catch (const std::invalid_argument& e) {
    return make_error(ErrorCode::kRuntime, e.what());
  }
}

}  // namespace

FreeBsdDriver::FreeBsdDriver(Transport& transport, FreeBsdLayout layout)
    : transport_(transport), layout_(std::move(layout)) {}

HostWiring FreeBsdDriver::wiring() {
  std::lock_guard<std::mutex> lock(mutex_);
  return wiring_;
}

Status FreeBsdDriver::ready() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!resolved_ && !layout_.owns_host &&
      (layout_.ext_if.empty() || layout_.zpool.empty() || layout_.upstream_dns.empty())) {
    auto facts = transport_.run_script(host_facts_script(layout_));
    if (!facts) return std::move(facts).error().with_context("reading the facts of this host");
    ASSIGN_OR_RETURN(layout_, with_host_facts(layout_, facts->out));
  }
  resolved_ = true;
  return check_layout(layout_);
}

Result<ProcessResult> FreeBsdDriver::run(const std::string& script, const std::string& what) {
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

Result<ProbeResult> FreeBsdDriver::probe() {
  TRY(ready());
  ASSIGN_OR_RETURN(auto out, run(probe_script(layout_), "probing freebsd jails"));
  ASSIGN_OR_RETURN(FreeBsdProbe probe, parse_probe(out.out, layout_.jails_dataset()));
  ProbeResult result;
  for (const auto& [name, jail] : probe.jails) {
    result.jails[name] = ObservedJail{jail.exists, jail.running};
  }
  return result;
}

Result<HostStatus> FreeBsdDriver::status(const std::vector<std::string>& jails) {
  TRY(ready());
  ASSIGN_OR_RETURN(auto out, run(probe_script(layout_), "reading the status of freebsd jails"));
  ASSIGN_OR_RETURN(FreeBsdProbe probe, parse_probe(out.out, layout_.jails_dataset()));
  HostStatus status;
  for (const auto& [name, jail] : probe.jails) {
    status.probe.jails[name] = ObservedJail{jail.exists, jail.running};
  }
  for (const std::string& name : jails) {
    auto it = probe.jails.find(name);
    if (it != probe.jails.end() && it->second.running) status.services[name] = it->second.services;
  }
  add_host_figures(probe.host_facts, status);
  return status;
}

Status FreeBsdDriver::prepare(const HostWiring& wiring) {
  TRY(ready());
  TRY(check_forwards(layout_, wiring));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wiring_ = wiring;
  }
  ASSIGN_OR_RETURN(auto script, generate([&] { return prepare_script(layout_, wiring); }));
  ASSIGN_OR_RETURN(auto out, run(script, "preparing the jail host"));
  bool racct_off = false;
  for (const std::string& line : split(out.out, '\n')) {
    if (line.rfind("jrun-racct ", 0) == 0) racct_off = trim(line.substr(11)) != "1";
  }
  std::lock_guard<std::mutex> lock(mutex_);
  racct_off_ = racct_off;
  return {};
}

std::string FreeBsdDriver::pending_reboot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return racct_off_ ? "kern.racct.enable (RACCT, which rctl limits need)" : "";
}

Status FreeBsdDriver::create(const JailInstance& jail, const HostWiring& wiring) {
  const std::string what =
      "creating jail '" + (jail.config != nullptr ? jail.config->name : std::string()) + "'";
  auto checked = check_instance(jail);
  if (checked) checked = ready();
  if (!checked) return std::move(checked).error().with_context(what);
  auto script = generate([&] { return create_script(jail, layout_, wiring); });
  if (!script) return std::move(script).error().with_context(what);
  TRY(run(*script, what));
  return {};
}

Status FreeBsdDriver::apply(const JailInstance& jail, const std::vector<std::string>& sections) {
  const std::string what = "updating " + join(sections, ", ") + " of jail '" +
                           (jail.config != nullptr ? jail.config->name : std::string()) + "'";
  auto checked = check_instance(jail);
  if (checked) checked = ready();
  if (!checked) return std::move(checked).error().with_context(what);
  const HostWiring current = wiring();
  auto script =
      generate([&] { return apply_script(jail, sections, layout_, current, jail.monit_cycle); });
  if (!script) return std::move(script).error().with_context(what);
  TRY(run(*script, what));
  return {};
}

Status FreeBsdDriver::destroy(const std::string& name) {
  const std::string what = "destroying jail '" + name + "'";
  auto checked = check_name(name);
  if (checked) checked = ready();
  if (!checked) return std::move(checked).error().with_context(what);
  TRY(run(destroy_script(name, layout_), what));
  return {};
}

Result<std::vector<ServiceStatus>> FreeBsdDriver::services(const std::string& name) {
  TRY(check_name(name));
  TRY(ready());
  ASSIGN_OR_RETURN(
      auto out, run(services_script(name, layout_), "reading the services of jail '" + name + "'"));
  return linux_driver::parse_monit_status(out.out);
}

Result<int> FreeBsdDriver::enter(const std::string& name, const std::vector<std::string>& argv,
                                 bool tty) {
  TRY(check_name(name));
  TRY(ready());
  auto code = transport_.run_attached(enter_argv(name, argv), tty);
  if (!code) return std::move(code).error().with_context("entering jail '" + name + "'");
  return code;
}

Result<ProcessResult> FreeBsdDriver::run_in(const std::string& name, const Command& command) {
  TRY(check_name(name));
  TRY(ready());
  Command inside = command;
  inside.argv = enter_argv(name, command.argv);
  auto result = transport_.run_command(inside);
  if (!result) return std::move(result).error().with_context("running in jail '" + name + "'");
  return result;
}

Result<int> FreeBsdDriver::logs(const std::string& name, const LogsQuery& query) {
  TRY(check_name(name));
  TRY(ready());
  if (!query.service.empty() && !valid_name(query.service)) {
    return make_error(ErrorCode::kUsage, "invalid service name '" + query.service + "'");
  }
  if (!query.since.empty() && !valid_log_stamp(query.since)) {
    return make_error(ErrorCode::kUsage, "invalid log time '" + query.since + "'");
  }
  auto code = transport_.run_attached(logs_argv(name, query, layout_), false);
  if (!code) return std::move(code).error().with_context("reading logs of jail '" + name + "'");
  return code;
}

Status FreeBsdDriver::purge() {
  TRY(ready());
  ASSIGN_OR_RETURN(ProbeResult found, probe());
  std::vector<std::string> names;
  for (const auto& [name, observed] : found.jails) names.push_back(name);
  TRY(run(purge_script(names, layout_), "purging freebsd jails"));
  return {};
}

Status FreeBsdDriver::snapshot_create(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(ready());
  TRY(run(snapshot_create_script(jail, snapshot, layout_),
          "creating snapshot '" + snapshot + "' of jail '" + jail + "'"));
  return {};
}

Result<std::vector<Snapshot>> FreeBsdDriver::snapshots(const std::string& jail) {
  TRY(check_name(jail));
  TRY(ready());
  ASSIGN_OR_RETURN(auto out, run(snapshot_list_script(jail, layout_),
                                 "listing the snapshots of jail '" + jail + "'"));
  return parse_snapshots(out.out, layout_.jail_dataset(jail));
}

Status FreeBsdDriver::snapshot_rollback(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(ready());
  TRY(run(snapshot_rollback_script(jail, snapshot, layout_),
          "rolling jail '" + jail + "' back to '" + snapshot + "'"));
  return {};
}

Status FreeBsdDriver::snapshot_delete(const std::string& jail, const std::string& snapshot) {
  TRY(check_snapshot(jail, snapshot));
  TRY(ready());
  TRY(run(snapshot_delete_script(jail, snapshot, layout_),
          "deleting snapshot '" + snapshot + "' of jail '" + jail + "'"));
  return {};
}

}  // namespace jrun::host::freebsd_driver
