#include "jrun/provision/base_setup.h"

namespace jrun::provision {

using Json = nlohmann::ordered_json;

Json base_step_spec(const model::SetupStep& step) {
  Json spec = Json::object();
  spec["type"] = step.type;
  spec[step.source == model::SetupSource::kFile ? "file" : "url"] = step.location;
  spec["vars"] = step.vars;
  if (step.sha256) spec["sha256"] = *step.sha256;
  return spec;
}

namespace {

/// Why the step runs, or "" when its record matches.
std::string reason_for(const model::SetupStep& step, const Json& recorded,
                       const std::map<std::string, std::string>& hashes) {
  auto record = recorded.is_object() ? recorded.find(step.name) : recorded.end();
  if (!recorded.is_object() || record == recorded.end() || !record->is_object()) return "new";
  auto spec = record->find("spec");
  if (spec == record->end() || *spec != base_step_spec(step)) return "config changed";
  auto hash = hashes.find(step.name);
  auto was = record->find("hash");
  if (hash == hashes.end() || was == record->end() || !was->is_string() ||
      was->get<std::string>() != hash->second) {
    return "playbook content changed";
  }
  return "";
}

}  // namespace

std::vector<BaseStepRun> base_steps_to_run(const model::Base& base, const Json& recorded,
                                           const std::map<std::string, std::string>& hashes,
                                           bool provision) {
  std::vector<BaseStepRun> out;
  for (const model::SetupStep& step : base.setup) {
    std::string reason = reason_for(step, recorded, hashes);
    if (reason.empty() && provision) reason = "--provision";
    if (!reason.empty()) out.push_back({step.name, std::move(reason)});
  }
  return out;
}

void record_base_step(Json& recorded, const model::SetupStep& step, const std::string& hash) {
  if (!recorded.is_object()) recorded = Json::object();
  Json entry = Json::object();
  entry["spec"] = base_step_spec(step);
  entry["hash"] = hash;
  recorded[step.name] = std::move(entry);
}

void forget_removed_base_steps(Json& recorded, const model::Base& base) {
  if (!recorded.is_object()) return;
  std::vector<std::string> gone;
  for (const auto& [name, entry] : recorded.items()) {
    bool kept = false;
    for (const model::SetupStep& step : base.setup) kept |= step.name == name;
    if (!kept) gone.push_back(name);
  }
  for (const std::string& name : gone) recorded.erase(name);
}

}  // namespace jrun::provision
