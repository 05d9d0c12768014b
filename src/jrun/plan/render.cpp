#include "jrun/plan/render.h"

#include <unordered_map>

#include "jrun/base/strings.h"

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

std::string_view action_symbol(Action action) {
  switch (action) {
    case Action::kCreate:
      return "+";
    case Action::kUpdate:
      return "~";
    case Action::kReplace:
      return "±";
    case Action::kDestroy:
      return "-";
    case Action::kNone:
      break;
  }
  return " ";
}

std::string_view change_symbol(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdd:
      return "+";
    case ChangeKind::kRemove:
      return "-";
    case ChangeKind::kChange:
    case ChangeKind::kRerun:
      break;
  }
  return "~";
}

/// "forwards" -> "forward"; "setup" and "limits" read as they are.
std::string_view item_label(std::string_view section) {
  if (section == "mounts") return "mount";
  if (section == "forwards") return "forward";
  if (section == "execs") return "exec";
  return section;
}

std::string change_line(const ItemChange& change) {
  std::string line = "    " + std::string(change_symbol(change.kind)) + " ";
  if (change.name.empty()) return line + change.section + ": " + change.detail + "\n";
  line += std::string(item_label(change.section)) + " " + change.name;
  if (change.kind == ChangeKind::kRerun) return line + ": re-run (" + change.detail + ")\n";
  return line + ": " + change.detail + "\n";
}

std::string jail_block(const JailStep& step) {
  std::string out = std::string(action_symbol(step.action)) + " " + step.name + " (" +
                    std::string(action_name(step.action));
  if (!step.reason.empty()) out += ": " + step.reason;
  out += ")";
  if (!step.targeted && step.action != Action::kDestroy) out += " [dependency]";
  out += "\n";
  if (step.action == Action::kCreate || step.action == Action::kReplace) {
    out += "    ip " + step.ip + " (" + std::string(ip_source_name(step.ip_source)) + ")\n";
    if (!step.release.empty()) out += "    release " + step.release + "\n";
    if (!step.base.empty()) out += "    base " + step.base + "\n";
  }
  if (step.action == Action::kDestroy) return out;
  for (const auto& change : step.changes) out += change_line(change);
  return out;
}

std::string order_section(const Plan& plan) {
  std::unordered_map<std::string_view, Action> actions;
  for (const auto& step : plan.jails) actions.emplace(step.name, step.action);
  std::string out;
  int number = 0;
  for (const auto& layer : plan.layers) {
    std::vector<std::string> acting;
    for (const auto& name : layer) {
      if (actions[name] != Action::kNone) acting.push_back(name);
    }
    if (!acting.empty()) out += "  " + std::to_string(++number) + ". " + join(acting, ", ") + "\n";
  }
  return number > 1 ? "Order (each line runs in parallel, after the one above):\n" + out : "";
}

std::string host_section(const Plan& plan) {
  if (plan.host_changes.empty()) return "";
  std::string out = "Host forwards:\n";
  for (const auto& c : plan.host_changes) {
    out += "  " + std::string(change_symbol(c.kind)) + " " + c.proto + " " + c.bind + ":" +
           std::to_string(c.port) + " (" + c.jail + "." + c.forward + ")\n";
  }
  return out;
}

std::string orphan_section(const Plan& plan) {
  if (plan.orphans.empty() || plan.prune) return "";
  const char* verb = plan.orphans.size() == 1 ? "destroys it" : "destroys them";
  return "Not in config: " + join(plan.orphans, ", ") + " (kept; --prune " + verb + ")\n";
}

std::string summary_line(const Plan& plan) {
  const Summary& s = plan.summary;
  if (plan.nothing_to_do()) {
    std::size_t n = plan.jails.size();
    return "Nothing to do: all " + std::to_string(n) + (n == 1 ? " jail" : " jails") +
           " up to date.\n";
  }
  return "Plan: " + std::to_string(s.create) + " to create, " + std::to_string(s.update) +
         " to update, " + std::to_string(s.replace) + " to replace, " + std::to_string(s.destroy) +
         " to destroy.\n";
}

Json step_json(const JailStep& step) {
  Json changes = Json::array();
  for (const auto& c : step.changes) {
    Json change = Json::object();
    change["section"] = c.section;
    change["name"] = c.name;
    change["op"] = change_kind_name(c.kind);
    change["detail"] = c.detail;
    changes.push_back(std::move(change));
  }
  // Assigned key by key (not an initializer list) so nothing big is deep-copied.
  Json out = Json::object();
  out["name"] = step.name;
  out["action"] = action_name(step.action);
  out["reason"] = step.reason;
  out["targeted"] = step.targeted;
  out["ip"] = step.ip;
  out["ip_source"] = ip_source_name(step.ip_source);
  out["release"] = step.release;
  out["base"] = step.base;
  out["after"] = step.after;
  out["changes"] = std::move(changes);
  out["sections"] = step.sections;
  out["provision"] = step.provision;
  return out;
}

Json host_change_json(const HostChange& c) {
  Json out = Json::object();
  out["op"] = change_kind_name(c.kind);
  out["proto"] = c.proto;
  out["bind"] = c.bind;
  out["port"] = c.port;
  out["jail"] = c.jail;
  out["forward"] = c.forward;
  return out;
}

}  // namespace

std::string render_text(const Plan& plan) {
  std::vector<std::string> parts;
  std::string blocks;
  for (const auto& step : plan.jails) {
    if (step.action != Action::kNone) blocks += jail_block(step);
  }
  for (std::string part :
       {blocks, orphan_section(plan), plan.nothing_to_do() ? std::string() : order_section(plan),
        host_section(plan)}) {
    if (!part.empty()) parts.push_back(std::move(part));
  }
  parts.push_back(summary_line(plan));
  return join(parts, "\n");
}

Json to_json(const Plan& plan) {
  Json out = Json::object();
  out["version"] = 1;
  out["subnet"] = plan.subnet;
  out["prune"] = plan.prune;
  out["provision"] = plan.provision;
  Json& jails = out["jails"] = Json::array();
  for (const auto& step : plan.jails) jails.push_back(step_json(step));
  Json& orphans = out["orphans"] = Json::array();
  for (const auto& name : plan.orphans) {
    orphans.push_back(Json{{"name", name}, {"action", plan.prune ? "destroy" : "keep"}});
  }
  out["layers"] = plan.layers;
  Json& host = out["host_changes"] = Json::array();
  for (const auto& c : plan.host_changes) host.push_back(host_change_json(c));
  const Summary& s = plan.summary;
  out["summary"] = Json{{"create", s.create},   {"update", s.update},       {"replace", s.replace},
                        {"destroy", s.destroy}, {"unchanged", s.unchanged}, {"kept", s.kept}};
  return out;
}

}  // namespace jrun::plan
