#include "jrun/plan/record.h"

namespace jrun::plan {
namespace {

state::JailRecord fresh_record(const JailStep& step, state::Phase phase) {
  state::JailRecord record;
  record.name = step.name;
  record.ip = step.ip;
  record.release = step.release;
  record.base = step.base;
  record.phase = phase;
  return record;
}

}  // namespace

void record_started(state::State& state, const JailStep& step) {
  switch (step.action) {
    case Action::kNone:
      return;
    case Action::kCreate:
    case Action::kReplace:
      state.jails.insert_or_assign(step.name, fresh_record(step, state::Phase::kCreating));
      return;
    case Action::kUpdate: {
      auto it = state.jails.find(step.name);
      if (it == state.jails.end()) return;
      for (const auto& section : step.sections) it->second.applied[section] = false;
      return;
    }
    case Action::kDestroy: {
      auto it = state.jails.find(step.name);
      if (it != state.jails.end()) it->second.phase = state::Phase::kDestroying;
      return;
    }
  }
}

void record_section(state::State& state, const JailStep& step, std::string_view section) {
  auto it = state.jails.find(step.name);
  if (it == state.jails.end()) return;
  state::JailRecord& record = it->second;
  const std::string sec(section);
  auto desired = step.desired.find(sec);
  if (desired != step.desired.end()) record.spec[sec] = *desired;
  record.applied.erase(sec);
  if (section == "setup") {
    for (const auto& [name, hash] : step.setup_hashes) record.setup_hashes[name] = hash;
  }
}

void record_applied(state::State& state, const JailStep& step) {
  if (step.action == Action::kDestroy) {
    state.jails.erase(step.name);
    return;
  }
  auto it = state.jails.find(step.name);
  if (step.action == Action::kNone && it != state.jails.end()) {
    // Learn hashes not recorded yet (state from before hashing), never overwrite.
    for (const auto& [name, hash] : step.setup_hashes) it->second.setup_hashes.emplace(name, hash);
    return;
  }
  state::JailRecord record = fresh_record(step, state::Phase::kReady);
  record.spec = step.desired;
  for (const auto& [name, hash] : step.setup_hashes) record.setup_hashes[name] = hash;
  state.jails.insert_or_assign(step.name, std::move(record));
}

bool record_applied(state::State& state, const Plan& plan, std::string_view jail) {
  const JailStep* step = plan.find(jail);
  if (!step) return false;
  record_applied(state, *step);
  return true;
}

}  // namespace jrun::plan
