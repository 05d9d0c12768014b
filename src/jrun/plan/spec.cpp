#include "jrun/plan/spec.h"

#include <cstdint>

#include "jrun/state/state.h"

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

// Objects are filled key by key into reserved storage: nlohmann's ordered objects are vectors of
// pair<const string, json>, so growing one copies (not moves) every subtree already in it, and
// the initializer-list constructor copies a temporary array per pair. Both dominated planning
// 10,000 jails.

Json object_of_size(std::size_t n) {
  Json out(Json::value_t::object);  // not Json::object(): no initializer-list machinery
  out.get_ref<Json::object_t&>().reserve(n);
  return out;
}

/// Appends a member under a fixed key that `object` does not hold yet (the schema's own keys,
/// never user-chosen names): no search, no default value assigned over.
template <typename V>
Json& put(Json& object, const char* key, V&& value) {
  return object.get_ref<Json::object_t&>().emplace_back(key, std::forward<V>(value)).second;
}

Json mounts_json(const std::vector<model::Mount>& mounts) {
  Json out = object_of_size(mounts.size());
  for (const auto& m : mounts) {
    Json& item = out[m.name] = object_of_size(2);
    put(item, "host", m.host);
    put(item, "jail", m.jail);
  }
  return out;
}

Json forwards_json(const std::vector<model::Forward>& forwards) {
  Json out = object_of_size(forwards.size());
  for (const auto& f : forwards) {
    Json& item = out[f.name] = object_of_size(4);
    put(item, "proto", model::proto_name(f.proto));
    put(item, "bind", f.bind);
    put(item, "host", f.host);
    put(item, "jail", f.jail);
  }
  return out;
}

Json exec_json(const model::Exec& exec) {
  Json out = object_of_size(5);
  put(out, "cmd", exec.cmd);
  put(out, "dir", exec.dir);
  Json& env = put(out, "env", object_of_size(exec.env.size()));
  for (const auto& [key, value] : exec.env) env[key] = value;
  Json& health = put(out, "healthcheck", nullptr);
  if (exec.healthcheck) {
    health = object_of_size(4);
    put(health, "test", exec.healthcheck->test);
    put(health, "interval", exec.healthcheck->interval);
    put(health, "timeout", exec.healthcheck->timeout);
    put(health, "retries", exec.healthcheck->retries);
  }
  Json& restart = put(out, "restart", object_of_size(3));
  put(restart, "on_failure", exec.restart.on_failure);
  put(restart, "max", exec.restart.max);
  put(restart, "within", exec.restart.within);
  return out;
}

Json setup_json(const model::SetupStep& step) {
  Json out = object_of_size(4);
  out["type"] = step.type;
  out[step.source == model::SetupSource::kFile ? "file" : "url"] = step.location;
  out["vars"] = step.vars;
  if (step.sha256) out["sha256"] = *step.sha256;
  return out;
}

Json limits_json(const model::Limits& limits) {
  Json out = object_of_size(3);
  if (limits.cpu) put(out, "cpu", *limits.cpu);
  if (limits.memory) put(out, "memory", *limits.memory);
  if (limits.processes) put(out, "processes", *limits.processes);
  return out;
}

/// "512mb" for whole mebibytes and the like; plain bytes otherwise.
std::string format_bytes(std::uint64_t bytes) {
  const char* units[] = {"gb", "mb", "kb"};
  std::uint64_t scale = std::uint64_t{1} << 30;
  for (const char* unit : units) {
    if (bytes != 0 && bytes % scale == 0) return std::to_string(bytes / scale) + unit;
    scale >>= 10;
  }
  return std::to_string(bytes);
}

std::string str(const Json& value) {
  // Integers and booleans print as dump() prints them, without a serializer per call.
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

/// The text of a member ("" when missing), without copying the JSON.
std::string field(const Json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end()) return "";
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  return str(*it);
}

std::string describe_limit(std::string_view name, const Json& value) {
  if (name == "memory" && value.is_number_unsigned()) {
    return format_bytes(value.get<std::uint64_t>());
  }
  return str(value);
}

}  // namespace

JailSpec spec_of(const model::Jail& jail) {
  JailSpec spec;
  spec.sections = object_of_size(state::kSections.size());
  spec.release = jail.release.value_or("");
  spec.base = jail.base.value_or("");
  put(spec.sections, "mounts", mounts_json(jail.mounts));
  put(spec.sections, "forwards", forwards_json(jail.forwards));
  Json& execs = put(spec.sections, "execs", object_of_size(jail.execs.size()));
  for (const auto& exec : jail.execs) execs[exec.name] = exec_json(exec);
  Json& setup = put(spec.sections, "setup", object_of_size(jail.setup.size()));
  for (const auto& step : jail.setup) setup[step.name] = setup_json(step);
  put(spec.sections, "limits", limits_json(jail.limits));
  return spec;
}

std::string describe_item(std::string_view section, std::string_view name, const Json& item) {
  if (section == "limits") return describe_limit(name, item);
  if (!item.is_object()) return str(item);
  if (section == "forwards") {
    return field(item, "proto") + " " + field(item, "bind") + ":" + field(item, "host") + " → " +
           field(item, "jail");
  }
  if (section == "mounts") return field(item, "host") + " → " + field(item, "jail");
  if (section == "execs") return field(item, "cmd");
  if (section == "setup") {
    return field(item, "type") + " " +
           (item.contains("file") ? field(item, "file") : field(item, "url"));
  }
  return item.dump();
}

}  // namespace jrun::plan
