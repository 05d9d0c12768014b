#include "jrun/state/state.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "jrun/base/ipv4.h"

namespace jrun::state {
namespace {

using Json = nlohmann::ordered_json;

Error state_error(std::string message) { return make_error(ErrorCode::kState, std::move(message)); }

/// Rejects keys of `object` not in `allowed` (a typo or a newer jrun's field).
Status check_keys(const Json& object, std::initializer_list<std::string_view> allowed,
                  const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return state_error(where + ": unknown key \"" + key + "\"");
    }
  }
  return {};
}

Result<std::string> get_string(const Json& object, const char* key, const std::string& where,
                               bool required) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) return state_error(where + ": missing \"" + key + "\"");
    return std::string();
  }
  if (!it->is_string()) return state_error(where + "." + key + ": expected a string");
  return it->get<std::string>();
}

Result<Phase> parse_phase(const std::string& text, const std::string& where) {
  for (Phase phase : {Phase::kCreating, Phase::kReady, Phase::kDestroying}) {
    if (phase_name(phase) == text) return phase;
  }
  return state_error(where + ".phase: unknown phase \"" + text +
                     "\" (expected creating, ready or destroying)");
}

Status parse_applied(const Json& json, JailRecord& record, const std::string& where) {
  if (!json.is_object()) return state_error(where + ".applied: expected an object");
  for (const auto& [key, value] : json.items()) {
    if (std::find(kSections.begin(), kSections.end(), key) == kSections.end()) {
      return state_error(where + ".applied: unknown section \"" + key + "\"");
    }
    if (!value.is_boolean()) return state_error(where + ".applied." + key + ": expected a boolean");
    record.applied[key] = value.get<bool>();
  }
  return {};
}

Status parse_spec(const Json& json, JailRecord& record, const std::string& where) {
  if (!json.is_object()) return state_error(where + ".spec: expected an object");
  for (const auto& [key, value] : json.items()) {
    if (std::find(kSections.begin(), kSections.end(), key) == kSections.end()) {
      return state_error(where + ".spec: unknown section \"" + key + "\"");
    }
    if (!value.is_object()) return state_error(where + ".spec." + key + ": expected an object");
  }
  record.spec = json;
  return {};
}

Status parse_hashes(const Json& json, JailRecord& record, const std::string& where) {
  if (!json.is_object()) return state_error(where + ".setup_hashes: expected an object");
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      return state_error(where + ".setup_hashes." + key + ": expected a string");
    }
    record.setup_hashes[key] = value.get<std::string>();
  }
  return {};
}

Status parse_setup_failed(const Json& json, JailRecord& record, const std::string& where) {
  if (!json.is_object() || !json.contains("step") || !json["step"].is_string() ||
      !json.contains("error") || !json["error"].is_string()) {
    return state_error(where + ".setup_failed: expected {\"step\": string, \"error\": string}");
  }
  record.setup_failed_step = json["step"].get<std::string>();
  record.setup_failed_error = json["error"].get<std::string>();
  return {};
}

Result<JailRecord> parse_record(std::size_t index, const Json& json) {
  std::string where = "jails[" + std::to_string(index) + "]";
  if (!json.is_object()) return state_error(where + ": expected an object");
  ASSIGN_OR_RETURN(std::string name, get_string(json, "name", where, true));
  if (name.empty()) return state_error(where + ".name: empty jail name");
  where = "jails." + name;
  TRY(check_keys(
      json,
      {"name", "ip", "release", "base", "phase", "applied", "spec", "setup_hashes", "setup_failed"},
      where));
  JailRecord record;
  record.name = name;
  ASSIGN_OR_RETURN(record.ip, get_string(json, "ip", where, true));
  if (!parse_ipv4(record.ip)) {
    return state_error(where + ".ip: \"" + record.ip + "\" is not an IPv4 address");
  }
  ASSIGN_OR_RETURN(record.release, get_string(json, "release", where, false));
  ASSIGN_OR_RETURN(record.base, get_string(json, "base", where, false));
  ASSIGN_OR_RETURN(std::string phase, get_string(json, "phase", where, true));
  ASSIGN_OR_RETURN(record.phase, parse_phase(phase, where));
  if (!json.contains("spec")) return state_error(where + ": missing \"spec\"");
  TRY(parse_spec(json["spec"], record, where));
  if (json.contains("applied")) TRY(parse_applied(json["applied"], record, where));
  if (json.contains("setup_hashes")) TRY(parse_hashes(json["setup_hashes"], record, where));
  if (json.contains("setup_failed")) TRY(parse_setup_failed(json["setup_failed"], record, where));
  return record;
}

Status check_version(const Json& json) {
  auto it = json.find("version");
  if (it == json.end()) return state_error("missing \"version\"");
  if (!it->is_number_integer()) return state_error("\"version\" is not an integer");
  if (it->get<long long>() != kStateVersion) {
    return state_error("unsupported state version " + it->dump() + " (this jrun reads version " +
                       std::to_string(kStateVersion) + ")");
  }
  return {};
}

/// Adds `record` to `state`, refusing a second record of a name or of an address: either
/// would make the planner give out an address a running jail holds.
Status add_record(State& state, std::map<std::string, std::string>& owners, JailRecord record) {
  if (state.jails.count(record.name) != 0) {
    return state_error("jails: \"" + record.name + "\" appears twice");
  }
  auto [owner, fresh] = owners.emplace(record.ip, record.name);
  if (!fresh) {
    return state_error("jails." + record.name + ".ip: " + record.ip +
                       " is also the address of jails." + owner->second);
  }
  std::string name = record.name;
  state.jails.emplace(std::move(name), std::move(record));
  return {};
}

// Every document jrun writes has all three top-level keys (serialize_state): a document without
// "jails" is not an empty state but a file of another shape, and must not be taken for one.
Result<State> parse_document(const Json& json) {
  if (!json.is_object()) return state_error("the top level is not a JSON object");
  TRY(check_version(json));
  TRY(check_keys(json, {"version", "jails", "host"}, "state"));
  if (!json.contains("jails")) return state_error("missing \"jails\"");
  State state;
  const Json& jails = json["jails"];
  if (!jails.is_array()) return state_error("jails: expected an array");
  std::map<std::string, std::string> owners;
  for (std::size_t i = 0; i < jails.size(); ++i) {
    ASSIGN_OR_RETURN(JailRecord record, parse_record(i, jails[i]));
    TRY(add_record(state, owners, std::move(record)));
  }
  if (!json.contains("host")) return state_error("missing \"host\"");
  if (!json["host"].is_object()) return state_error("host: expected an object");
  state.host = json["host"];
  return state;
}

Json record_to_json(const JailRecord& record) {
  Json json = Json::object();
  json["name"] = record.name;
  json["ip"] = record.ip;
  json["release"] = record.release;
  json["base"] = record.base;
  json["phase"] = phase_name(record.phase);
  Json applied = Json::object();
  for (const auto& [section, done] : record.applied) applied[section] = done;
  json["applied"] = std::move(applied);
  json["spec"] = record.spec;
  Json hashes = Json::object();
  for (const auto& [step, hash] : record.setup_hashes) hashes[step] = hash;
  json["setup_hashes"] = std::move(hashes);
  if (!record.setup_failed_step.empty()) {
    json["setup_failed"] = {{"step", record.setup_failed_step},
                            {"error", record.setup_failed_error}};
  }
  return json;
}

}  // namespace

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kCreating:
      return "creating";
    case Phase::kReady:
      return "ready";
    case Phase::kDestroying:
      return "destroying";
  }
  return "creating";
}

bool JailRecord::section_applied(std::string_view section) const {
  auto it = applied.find(std::string(section));
  return it == applied.end() || it->second;
}

Result<State> parse_state(std::string_view text) {
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, ...".
    std::string what = e.what();
    auto pos = what.find("] ");
    return state_error(pos == std::string::npos ? what : what.substr(pos + 2));
  }
  return parse_document(json);
}

std::string serialize_state(const State& state) {
  Json json = Json::object();
  json["version"] = state.version;
  // An array, not an object keyed by name: nlohmann's ordered objects look keys up linearly,
  // which would make 10,000 jails quadratic to read and write.
  Json jails = Json::array();
  for (const auto& [name, record] : state.jails) jails.push_back(record_to_json(record));
  json["jails"] = std::move(jails);
  json["host"] = state.host;
  // Replace, not throw, should a config string carry invalid UTF-8.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace jrun::state
