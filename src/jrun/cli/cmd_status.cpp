// jrun status [JAIL] [--show ip|services|all] [--json]: recorded jails as the host sees them.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/state/store.h"

namespace jrun::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Row {
  std::string name, state, ip, phase;
  Json ports = Json::array(), mounts = Json::array(), services = Json::array();
};

std::string host_state(const host::ProbeResult& probe, const std::string& name) {
  auto it = probe.jails.find(name);
  if (it == probe.jails.end() || !it->second.exists) return "missing";
  return it->second.running ? "up" : "down";
}

Row make_row(const state::JailRecord& record, const host::ProbeResult& probe) {
  Row row{record.name, host_state(probe, record.name), record.ip,
          std::string(state::phase_name(record.phase))};
  if (auto f = record.spec.find("forwards"); f != record.spec.end() && f->is_object()) {
    for (const auto& [name, item] : f->items()) {
      Json port = {{"name", name}};
      for (const auto& [k, v] : item.items()) port[k] = v;
      row.ports.push_back(port);
    }
  }
  if (auto m = record.spec.find("mounts"); m != record.spec.end() && m->is_object()) {
    for (const auto& [name, item] : m->items()) {
      row.mounts.push_back(
          {{"name", name}, {"host", item.value("host", "")}, {"jail", item.value("jail", "")}});
    }
  }
  return row;
}

Status add_services(host::JailHost& host, Row& row) {
  if (row.state != "up") return {};
  ASSIGN_OR_RETURN(auto services, host.services(row.name));
  for (const host::ServiceStatus& s : services) {
    row.services.push_back({{"name", s.name}, {"status", s.status}, {"healthy", s.healthy}});
  }
  return {};
}

std::string cell_ports(const Json& ports) {
  std::vector<std::string> out;
  for (const Json& p : ports) {
    out.push_back(p.value("proto", "tcp") + " " + p.value("bind", "") + ":" +
                  std::to_string(p.value("host", 0)) + "→" + std::to_string(p.value("jail", 0)));
  }
  return out.empty() ? "-" : join(out, ", ");
}

std::string cell_mounts(const Json& mounts) {
  std::vector<std::string> out;
  for (const Json& m : mounts) out.push_back(m.value("host", "") + "→" + m.value("jail", ""));
  return out.empty() ? "-" : join(out, ", ");
}

std::string cell_services(const Json& services) {
  std::vector<std::string> out;
  for (const Json& s : services) out.push_back(s.value("name", "") + " " + s.value("status", ""));
  return out.empty() ? "-" : join(out, ", ");
}

/// Left-aligned columns separated by two spaces.
std::string render_table(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::size_t> width;
  for (const auto& line : cells) {
    width.resize(std::max(width.size(), line.size()));
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  }
  std::string out;
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(width[i] - line[i].size() + 2, ' ');
    }
    out += text + "\n";
  }
  return out;
}

std::string render_rows(const std::vector<Row>& rows, bool services) {
  std::vector<std::vector<std::string>> cells = {{"NAME", "STATE", "IP", "PORTS", "MOUNTS"}};
  if (services) cells[0].push_back("SERVICES");
  for (const Row& row : rows) {
    std::string st = row.phase == "ready" ? row.state : row.state + " (" + row.phase + ")";
    cells.push_back({row.name, st, row.ip, cell_ports(row.ports), cell_mounts(row.mounts)});
    if (services) cells.back().push_back(cell_services(row.services));
  }
  return render_table(cells);
}

Json rows_json(const std::vector<Row>& rows, const std::string& provider) {
  Json jails = Json::array();
  for (const Row& row : rows) {
    jails.push_back({{"name", row.name},
                     {"state", row.state},
                     {"phase", row.phase},
                     {"ip", row.ip},
                     {"ports", row.ports},
                     {"mounts", row.mounts},
                     {"services", row.services}});
  }
  return {{"version", 1}, {"provider", provider}, {"jails", jails}};
}

}  // namespace

Result<int> cmd_status(Context& ctx, const StatusArgs& args) {
  if (args.live || args.tree) {
    return cmd_not_available(ctx, args.live ? "`jrun status --live`" : "`jrun status --tree`");
  }
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  if (!args.jail.empty() && state.jails.count(args.jail) == 0) {
    return make_error(ErrorCode::kUsage, "no jail named '" + args.jail + "' (see `jrun status`)");
  }
  if (!args.json) ctx.out->print(vm_status_header(ctx));
  if (ctx.settings.provider == "vm" && vm_status(ctx, false).pid == 0) {
    if (!args.json) ctx.out->info("Run `jrun start` to boot it.");
    if (args.json)
      ctx.out->print(R"({"version": 1, "provider": "vm", "vm": "stopped", "jails": []})"
                     "\n");
    return 0;
  }
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  ASSIGN_OR_RETURN(host::ProbeResult probe, provider.host->probe());
  bool services = args.json || !args.jail.empty() ||
                  std::any_of(args.show.begin(), args.show.end(),
                              [](const std::string& s) { return s == "services" || s == "all"; });
  std::vector<Row> rows;
  for (const auto& [name, record] : state.jails) {
    if (!args.jail.empty() && name != args.jail) continue;
    rows.push_back(make_row(record, probe));
    if (services) TRY(add_services(*provider.host, rows.back()));
  }
  if (args.json) {
    ctx.out->print(rows_json(rows, ctx.settings.provider).dump(2) + "\n");
  } else if (rows.empty()) {
    ctx.out->info("No jails. Create some with `jrun up CONFIG`.");
  } else {
    ctx.out->print(render_rows(rows, services));
  }
  return 0;
}

}  // namespace jrun::cli
