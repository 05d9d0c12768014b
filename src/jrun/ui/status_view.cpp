#include "jrun/ui/status_view.h"

#include <cstdio>

#include "jrun/base/strings.h"
#include "jrun/ui/progress.h"
#include "jrun/ui/table.h"

namespace jrun::ui {
namespace {

std::string dash(const Style& style) { return std::string(glyph(style, "—", "-")); }

std::string lines_or_dash(const std::vector<std::string>& items, const Style& style) {
  return items.empty() ? dash(style) : join(items, "\n");
}

std::string jail_label(const JailView& jail) {
  if (!jail.managed) return jail.name + "  unmanaged";
  if (jail.stale) return jail.name + "  stale";
  return jail.name;
}

std::string services_cell(const JailView& jail, const Style& style) {
  std::vector<std::string> out;
  for (const ServiceView& s : jail.services) out.push_back(s.name + " " + service_state_text(s));
  return lines_or_dash(out, style);
}

TreeNode list_node(const std::string& one, const std::string& many,
                   const std::vector<std::string>& items, const Style& style) {
  if (items.empty()) return pair(many, dash(style));
  if (items.size() == 1) return pair(one, items[0]);
  TreeNode node = leaf(many, Color::kDim);
  for (const std::string& item : items) node.children.push_back(leaf(item));
  return node;
}

TreeNode service_node(const ServiceView& s, bool vitals) {
  TreeNode node{{{"service", Color::kDim}, {s.name}, {service_state_text(s), service_color(s)}},
                {}};
  if (!vitals) return node;
  node.children.push_back(pair("cpu", cpu_text(s.cpu_percent)));
  node.children.push_back(pair("mem", memory_text(s.memory_bytes)));
  node.children.push_back(pair("uptime", format_duration(s.uptime_seconds)));
  node.children.push_back(pair("restarts", restarts_text(s.restarts)));
  return node;
}

TreeNode jail_node(const JailView& jail, ShowColumns show, bool vitals, const Style& style) {
  TreeNode node{{{jail_label(jail)}, {jail.state, state_color(jail.state)}}, {}};
  if (show.ip) node.children.push_back(list_node("ip", "ips", jail.ips, style));
  node.children.push_back(list_node("port", "ports", jail.ports, style));
  node.children.push_back(list_node("mount", "mounts", jail.mounts, style));
  if (show.services) {
    for (const ServiceView& s : jail.services) node.children.push_back(service_node(s, vitals));
  }
  return node;
}

void add_vm_children(TreeNode& root, const VmView& vm) {
  root.children.push_back(pair("uptime", vm.uptime.empty() ? "-" : vm.uptime));
  root.children.push_back(pair("disk", vm.disk.empty() ? "-" : vm.disk));
  root.children.push_back(pair("memory", vm.memory.empty() ? "-" : vm.memory));
}

TreeNode vm_root(const std::optional<VmView>& vm, const std::string& host, const Style& style) {
  const std::string dot(glyph(style, "●", "*"));
  if (!vm) return TreeNode{{{dot, Color::kGreen}, {"host", Color::kBold}, {host}}, {}};
  const bool running = vm->state == "running";
  TreeNode root{{{dot, running ? Color::kGreen : Color::kYellow},
                 {"VM", Color::kBold},
                 {running ? vm->state : "not running", running ? Color::kGreen : Color::kYellow}},
                {}};
  if (running) {
    root.label.push_back({"on " + vm->ssh, Color::kDim});
    root.label.push_back({"(pid " + std::to_string(vm->pid) + ")", Color::kDim});
    add_vm_children(root, *vm);
  }
  return root;
}

}  // namespace

std::string cpu_text(double percent) {
  if (percent < 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", percent);
  return text;
}

std::string memory_text(double bytes) { return bytes < 0 ? "-" : format_bytes(bytes); }

std::string restarts_text(int restarts) { return restarts < 0 ? "-" : std::to_string(restarts); }

std::string service_state_text(const ServiceView& s) {
  if (s.status != "ok" || s.health.empty()) return s.status;
  if (s.health == "passing") return "healthy";
  if (s.health == "failing") return "unhealthy";
  return "starting";
}

Color service_color(const ServiceView& s) {
  if (s.status.starts_with("gave up")) return Color::kRed;
  if (s.status != "ok") return state_color(s.status == "not monitored" ? "down" : s.status);
  if (s.health == "failing") return Color::kRed;
  if (s.health == "pending") return Color::kYellow;
  return Color::kGreen;
}

std::string mount_text(const std::string& host, const std::string& jail, const Style& style) {
  std::vector<std::string> parts;
  for (const std::string& p : split(host, '/')) {
    if (!p.empty()) parts.push_back(p);
  }
  std::string shown = host;
  if (parts.size() > 2) {
    shown =
        std::string(glyph(style, "…", "...")) + "/" + parts[parts.size() - 2] + "/" + parts.back();
  }
  return shown + " " + std::string(glyph(style, "→", "->")) + " " + jail;
}

std::string render_vm_header(const std::optional<VmView>& vm, const std::string& host,
                             const Style& style) {
  const TreeNode root = vm_root(vm, host, style);
  std::string out = "  " + render_spans(root.label, style) + "\n";
  if (vm && vm->state != "running") return out + "  Run `jrun start` to boot it.\n";
  for (const TreeNode& child : root.children) {
    out += "    " + pad_right(paint(child.label[0].text, Color::kDim, style), 8) +
           child.label[1].text + "\n";
  }
  return out;
}

std::string render_status_table(const StatusView& view, ShowColumns show, const Style& style) {
  std::string out = render_vm_header(view.vm, view.host, style) + "\n";
  if (view.jails.empty()) return out + "  no jails\n";
  bool any_services = false;
  for (const JailView& j : view.jails) any_services = any_services || !j.services.empty();
  const bool services = show.services && any_services;
  Table table;
  table.header = {"name", "state"};
  table.keep = 2;
  if (services) table.header.push_back("services");
  if (show.ip) table.header.push_back("ip");
  table.header.insert(table.header.end(), {"ports", "mounts"});
  for (const JailView& j : view.jails) {
    // A running jail whose setup failed is not what the config asked for: say so in its state.
    const std::string state = j.setup_failed.empty() || j.state != "up" ? j.state : "setup failed";
    std::vector<Cell> row = {{jail_label(j)}, {state, state_color(state)}};
    if (services) row.push_back({services_cell(j, style)});
    if (show.ip) row.push_back({lines_or_dash(j.ips, style)});
    row.push_back({lines_or_dash(j.ports, style)});
    row.push_back({lines_or_dash(j.mounts, style)});
    table.rows.push_back(row);
  }
  return out + render_table(table, style);
}

std::string render_status_tree(const StatusView& view, ShowColumns show, const Style& style) {
  TreeNode root = vm_root(view.vm, view.host, style);
  TreeNode jails = leaf("jails", Color::kBold);
  for (const JailView& j : view.jails) jails.children.push_back(jail_node(j, show, false, style));
  if (view.jails.empty()) jails.children.push_back(leaf("no jails", Color::kDim));
  root.children.push_back(jails);
  return render_tree(root, style);
}

std::string render_jail_detail(const JailView& jail, const Style& style) {
  std::string out =
      "  " +
      render_spans({{jail_label(jail), Color::kBold}, {jail.state, state_color(jail.state)}},
                   style) +
      "\n";
  Table grid;
  grid.header = {"", ""};
  grid.indent = "    ";
  grid.rows.push_back({{"ip", Color::kDim}, {lines_or_dash(jail.ips, style)}});
  grid.rows.push_back({{"ports", Color::kDim}, {lines_or_dash(jail.ports, style)}});
  grid.rows.push_back({{"mounts", Color::kDim}, {lines_or_dash(jail.mounts, style)}});
  if (!jail.setup_failed.empty()) {
    grid.rows.push_back(
        {{"setup", Color::kDim}, {jail.setup_failed + " (`jrun up` runs it again)", Color::kRed}});
  }
  std::string body = render_table(grid, style);
  out += body.substr(body.find('\n') + 1) + "\n";  // no header line
  if (jail.services.empty()) return out + "  no monitored services\n";
  Table table;
  table.header = {"service", "status", "cpu", "mem", "uptime", "restarts"};
  table.fixed = {2, 3, 4, 5};
  for (const ServiceView& s : jail.services) {
    table.rows.push_back({{s.name},
                          {service_state_text(s), service_color(s)},
                          {cpu_text(s.cpu_percent)},
                          {memory_text(s.memory_bytes)},
                          {format_duration(s.uptime_seconds)},
                          {restarts_text(s.restarts)}});
  }
  return out + render_table(table, style);
}

std::string render_jail_tree(const JailView& jail, const Style& style) {
  TreeNode root = jail_node(jail, ShowColumns{true, false}, true, style);
  TreeNode services = leaf("services", Color::kBold);
  for (const ServiceView& s : jail.services) services.children.push_back(service_node(s, true));
  if (jail.services.empty()) services.children.push_back(leaf("no monitored services"));
  root.children.push_back(services);
  return render_tree(root, style);
}

}  // namespace jrun::ui
