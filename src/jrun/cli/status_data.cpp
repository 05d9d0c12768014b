#include "jrun/cli/status_data.h"

#include <algorithm>

namespace jrun::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string host_state(const host::ProbeResult& probe, const std::string& name) {
  auto it = probe.jails.find(name);
  if (it == probe.jails.end() || !it->second.exists) return "missing";
  return it->second.running ? "up" : "down";
}

// "tcp/8080 → 80"; the bind address is shown when it is not the loopback default.
std::vector<std::string> port_lines(const Json& spec) {
  std::vector<std::string> out;
  auto f = spec.find("forwards");
  if (f == spec.end() || !f->is_object()) return out;
  for (const auto& [name, item] : f->items()) {
    const std::string bind = item.value("bind", "127.0.0.1");
    out.push_back(item.value("proto", "tcp") + "/" + (bind == "127.0.0.1" ? "" : bind + ":") +
                  std::to_string(item.value("host", 0)) + " → " +
                  std::to_string(item.value("jail", 0)));
  }
  return out;
}

// A control character of a hostile path (a newline would break the table's rows) as \n, \t or
// \xHH; everything else as is.
std::string visible(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += std::string("\\x") + kHex[byte >> 4] + kHex[byte & 0xfU];
    }
  }
  return out;
}

std::vector<std::string> mount_lines(const Json& spec) {
  std::vector<std::string> out;
  auto m = spec.find("mounts");
  if (m == spec.end() || !m->is_object()) return out;
  const ui::Style unicode;
  for (const auto& [name, item] : m->items()) {
    out.push_back(visible(ui::mount_text(item.value("host", ""), item.value("jail", ""), unicode)));
  }
  return out;
}

// Services in the order of the config file (the recorded execs keep it; monit lists them in
// reverse), those monit knows and the config does not after them.
void add_services(ui::JailView& jail, const host::HostStatus& host, const Json& spec) {
  auto it = host.services.find(jail.name);
  if (it == host.services.end()) return;
  jail.services_known = true;
  std::vector<std::string> order;
  auto execs = spec.find("execs");
  if (execs != spec.end() && execs->is_object()) {
    for (const auto& [name, item] : execs->items()) order.push_back(name);
  }
  auto rank = [&order](const std::string& name) {
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), name) - order.begin());
  };
  std::vector<host::ServiceStatus> services = it->second;
  std::stable_sort(services.begin(), services.end(),
                   [&](const host::ServiceStatus& a, const host::ServiceStatus& b) {
                     return rank(a.name) < rank(b.name);
                   });
  for (const host::ServiceStatus& s : services) jail.services.push_back(service_view(s));
}

Json number_or_null(double value) { return value < 0 ? Json(nullptr) : Json(value); }

Json bytes_or_null(double value) {
  return value < 0 ? Json(nullptr) : Json(static_cast<std::int64_t>(value));
}

Json service_json(const ui::ServiceView& s) {
  return {{"name", s.name},
          {"status", s.status},
          {"health", s.health.empty() ? Json(nullptr) : Json(s.health)},
          {"cpu_percent", number_or_null(s.cpu_percent)},
          {"memory_bytes",
           s.memory_bytes < 0 ? Json(nullptr) : Json(static_cast<std::int64_t>(s.memory_bytes))},
          {"uptime_seconds", s.uptime_seconds < 0 ? Json(nullptr) : Json(s.uptime_seconds)},
          {"restarts", s.restarts < 0 ? Json(nullptr) : Json(s.restarts)},
          {"pid", s.pid > 0 ? Json(s.pid) : Json(nullptr)}};
}

Json forwards_json(const Json& spec) {
  Json out = Json::array();
  auto f = spec.find("forwards");
  if (f == spec.end() || !f->is_object()) return out;
  for (const auto& [name, item] : f->items()) {
    out.push_back({{"name", name},
                   {"proto", item.value("proto", "tcp")},
                   {"bind", item.value("bind", "127.0.0.1")},
                   {"host", item.value("host", 0)},
                   {"jail", item.value("jail", 0)}});
  }
  return out;
}

// {"step", "error"} of the setup step that failed last, or null.
Json setup_failed_json(std::map<std::string, state::JailRecord>::const_iterator record,
                       const state::State& state) {
  if (record == state.jails.end() || record->second.setup_failed_step.empty()) return nullptr;
  return {{"step", record->second.setup_failed_step}, {"error", record->second.setup_failed_error}};
}

Json mounts_json(const Json& spec) {
  Json out = Json::array();
  auto m = spec.find("mounts");
  if (m == spec.end() || !m->is_object()) return out;
  for (const auto& [name, item] : m->items()) {
    out.push_back(
        {{"name", name}, {"host", item.value("host", "")}, {"jail", item.value("jail", "")}});
  }
  return out;
}

}  // namespace

ui::ServiceView service_view(const host::ServiceStatus& s) {
  ui::ServiceView v;
  v.name = s.name;
  // The driver folds health into its status word ("health: failing (exit 3)"); the view keeps
  // them apart.
  v.status = s.status.starts_with("health:") ? "ok" : s.status;
  v.health = s.health;
  v.cpu_percent = s.cpu_percent;
  v.memory_bytes = s.memory_bytes;
  v.uptime_seconds = s.uptime_seconds;
  v.restarts = s.restarts;
  v.pid = s.pid;
  return v;
}

ui::StatusView status_view(const state::State& state, const host::HostStatus& host,
                           const std::string& only, const std::string& host_label) {
  ui::StatusView view;
  view.host = host_label;
  for (const auto& [name, record] : state.jails) {
    if (!only.empty() && name != only) continue;
    ui::JailView jail;
    jail.name = name;
    jail.state = host_state(host.probe, name);
    jail.stale = jail.state == "missing";
    if (!record.ip.empty()) jail.ips.push_back(record.ip);
    jail.ports = port_lines(record.spec);
    jail.mounts = mount_lines(record.spec);
    if (!record.setup_failed_step.empty()) {
      jail.setup_failed =
          "step '" + record.setup_failed_step + "' failed: " + record.setup_failed_error;
    }
    add_services(jail, host, record.spec);
    view.jails.push_back(std::move(jail));
  }
  for (const auto& [name, observed] : host.probe.jails) {
    if (state.jails.count(name) != 0 || (!only.empty() && name != only)) continue;
    ui::JailView jail;
    jail.name = name;
    jail.managed = false;
    jail.state = observed.running ? "up" : "down";
    view.jails.push_back(std::move(jail));
  }
  return view;
}

Json status_json(const ui::StatusView& view, const state::State& state,
                 const std::string& provider) {
  Json jails = Json::array();
  for (const ui::JailView& j : view.jails) {
    auto record = state.jails.find(j.name);
    const Json spec = record == state.jails.end() ? Json::object() : Json(record->second.spec);
    Json services = Json::array();
    for (const ui::ServiceView& s : j.services) services.push_back(service_json(s));
    jails.push_back({{"name", j.name},
                     {"state", j.state},
                     {"managed", j.managed},
                     {"stale", j.stale},
                     {"phase", record == state.jails.end()
                                   ? Json(nullptr)
                                   : Json(std::string(state::phase_name(record->second.phase)))},
                     {"ip", j.ips.empty() ? Json(nullptr) : Json(j.ips.front())},
                     {"ports", forwards_json(spec)},
                     {"mounts", mounts_json(spec)},
                     {"services", services},
                     {"setup_failed", setup_failed_json(record, state)}});
  }
  Json vm = nullptr;
  if (view.vm) {
    const ui::VmView& v = *view.vm;
    vm = {{"state", v.state},
          {"pid", v.pid},
          {"ssh", v.ssh},
          {"uptime", v.uptime},
          {"disk", v.disk},
          {"memory", v.memory},
          {"accel", v.accel.empty() ? Json(nullptr) : Json(v.accel)},
          {"uptime_seconds", v.uptime_seconds < 0 ? Json(nullptr) : Json(v.uptime_seconds)},
          {"disk_total_bytes", bytes_or_null(v.disk_total_bytes)},
          {"disk_free_bytes", bytes_or_null(v.disk_free_bytes)},
          {"memory_total_bytes", bytes_or_null(v.memory_total_bytes)},
          {"memory_available_bytes", bytes_or_null(v.memory_available_bytes)}};
  }
  return {{"version", 1}, {"provider", provider}, {"vm", vm}, {"jails", jails}};
}

}  // namespace jrun::cli
