// The step of one configured jail: create, replace, update or nothing.

#include <unordered_set>

#include "jrun/plan/diff.h"
#include "jrun/plan/planner.h"
#include "jrun/plan/spec.h"

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> step_names(const model::Jail& jail) {
  std::vector<std::string> names;
  for (const auto& step : jail.setup) names.push_back(step.name);
  return names;
}

/// Why a recorded jail must be created again, or "" when it exists.
std::string recreate_reason(const state::JailRecord& record, const Observed* observed) {
  if (record.phase == state::Phase::kCreating) return "previous create did not finish";
  if (record.phase == state::Phase::kDestroying) return "previous destroy did not finish";
  if (observed && observed->jails.count(record.name) == 0) return "missing on the host";
  return "";
}

/// Why an existing jail must be destroyed and created again, or "".
std::string replace_reason(const JailStep& step, const state::JailRecord& record) {
  auto shown = [](const std::string& s, const char* none) { return s.empty() ? none : s; };
  std::string out;
  auto add = [&out](const std::string& why) { out += (out.empty() ? "" : "; ") + why; };
  if (record.ip != step.ip) add("ip " + record.ip + " → " + step.ip);
  if (record.release != step.release) {
    add("release " + shown(record.release, "(default)") + " → " + shown(step.release, "(default)"));
  }
  if (record.base != step.base) {
    add("base " + shown(record.base, "(none)") + " → " + shown(step.base, "(none)"));
  }
  return out;
}

/// Hashes of the steps' playbooks (local files, or a downloaded manifest) as observed now.
std::map<std::string, std::string> observed_hashes(const model::Jail& jail,
                                                   const Observed* observed) {
  std::map<std::string, std::string> hashes;
  if (!observed) return hashes;
  for (const auto& s : jail.setup) {
    auto hash = observed->playbook_hashes.find(s.location);
    if (hash != observed->playbook_hashes.end()) {
      hashes[s.name] = hash->second;
    }
  }
  return hashes;
}

/// Setup steps whose playbook content changed although their spec did not.
void add_hash_changes(const model::Jail& jail, const state::JailRecord& record, JailStep& step) {
  for (const auto& s : jail.setup) {
    auto now = step.setup_hashes.find(s.name);
    auto was = record.setup_hashes.find(s.name);
    if (now == step.setup_hashes.end() || was == record.setup_hashes.end() ||
        now->second == was->second) {
      continue;
    }
    bool listed = false;
    for (const auto& c : step.changes) listed |= c.section == "setup" && c.name == s.name;
    if (!listed) {
      step.changes.push_back({"setup", s.name, ChangeKind::kChange, "playbook content changed"});
    }
  }
}

}  // namespace

/// Services that should run and do not: their execs are applied again (which starts them),
/// unless the execs change anyway.
void Planner::add_stopped_services(const model::Jail& jail, JailStep& step) const {
  if (!observed_) return;
  auto stopped = observed_->stopped_services.find(jail.name);
  if (stopped == observed_->stopped_services.end()) return;
  for (const auto& change : step.changes) {
    if (change.section == "execs") return;
  }
  for (const std::string& name : stopped->second) {
    step.changes.push_back({"execs", name, ChangeKind::kRerun, "not running; starting it"});
  }
}

namespace {

/// The sections that have at least one change, in apply order.
std::vector<std::string> changed_sections(const std::vector<ItemChange>& changes) {
  std::vector<std::string> out;
  for (auto section : state::kSections) {
    for (const auto& change : changes) {
      if (change.section == section) {
        out.emplace_back(section);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> all_sections() {
  return std::vector<std::string>(state::kSections.begin(), state::kSections.end());
}

JailStep Planner::plan_jail(std::size_t i, IpChoice ip) const {
  const auto& jail = config_.jails[i];
  JailSpec spec = spec_of(jail);
  JailStep step;
  step.name = jail.name;
  step.targeted = targeted_[i];
  step.ip = std::move(ip.first);
  step.ip_source = ip.second;
  step.release = std::move(spec.release);
  step.base = std::move(spec.base);
  for (std::size_t dep : graph_.before[i]) step.after.push_back(config_.jails[dep].name);
  step.desired = std::move(spec.sections);
  step.setup_hashes = observed_hashes(jail, observed_);
  auto record = state_.jails.find(jail.name);
  std::string reason =
      record == state_.jails.end() ? "new" : recreate_reason(record->second, observed_);
  if (reason.empty()) {
    plan_existing(jail, record->second, step);
    return step;
  }
  step.action = Action::kCreate;
  step.reason = std::move(reason);
  static const Json kNothing;  // diffs as an empty section, without allocating one per call
  for (auto section : state::kSections) {
    diff_section(section, kNothing, step.desired[std::string(section)], step.changes);
  }
  step.sections = all_sections();
  step.provision = step_names(jail);
  return step;
}

void Planner::plan_existing(const model::Jail& jail, const state::JailRecord& record,
                            JailStep& step) const {
  diff_recorded(jail, record, step);
  step.reason = replace_reason(step, record);
  if (!step.reason.empty()) {
    step.action = Action::kReplace;
    step.sections = all_sections();
    step.provision = step_names(jail);
    return;
  }
  choose_provision(jail, step);
  add_stopped_services(jail, step);
  step.sections = changed_sections(step.changes);
  step.action = step.changes.empty() ? Action::kNone : Action::kUpdate;
}

void Planner::diff_recorded(const model::Jail& jail, const state::JailRecord& record,
                            JailStep& step) const {
  for (auto section : state::kSections) {
    const std::string sec(section);
    auto was = record.spec.find(sec);
    std::size_t before = step.changes.size();
    // A missing section diffs as null (= empty); `was` is never copied.
    static const Json kNull;
    diff_section(section, was == record.spec.end() ? kNull : *was, step.desired[sec], step.changes);
    if (section == "setup") add_hash_changes(jail, record, step);
    if (step.changes.size() == before && !record.section_applied(section)) {
      step.changes.push_back({sec, "", ChangeKind::kRerun, "interrupted; applying again"});
    }
  }
}

/// Setup steps to run on an update: added and changed ones (all after an interrupted setup),
/// every one with --provision. Removed steps are not undone.
void Planner::choose_provision(const model::Jail& jail, JailStep& step) const {
  std::unordered_set<std::string> rerun;
  for (const auto& change : step.changes) {
    if (change.section == "setup" && change.kind != ChangeKind::kRemove) rerun.insert(change.name);
  }
  const bool all = options_.provision || rerun.count("") != 0;
  for (const auto& s : jail.setup) {
    if (!all && rerun.count(s.name) == 0) continue;
    if (options_.provision && rerun.count(s.name) == 0) {
      step.changes.push_back({"setup", s.name, ChangeKind::kRerun, "--provision"});
    }
    step.provision.push_back(s.name);
  }
}

}  // namespace jrun::plan
