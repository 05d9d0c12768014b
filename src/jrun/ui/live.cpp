#include "jrun/ui/live.h"

#include <cstdio>

#include "jrun/ui/progress.h"
#include "jrun/ui/table.h"

namespace jrun::ui {
namespace {

const ServiceHistory* find(const LiveModel& model, const std::string& name) {
  auto it = model.history().find(name);
  return it == model.history().end() ? nullptr : &it->second;
}

std::string cpu_spark(const ServiceHistory* h, const Style& style) {
  if (h == nullptr) return "";
  return render_sparkline(h->cpu.samples(), cpu_scale(), kSparkWidth, style);
}

std::string memory_spark(const ServiceHistory* h, const Style& style) {
  if (h == nullptr) return "";
  return render_sparkline(h->memory.samples(), memory_scale(h->memory.samples()), kSparkWidth,
                          style);
}

// Sparklines carry their own colour escapes, so the table gets them as pre-painted text in
// columns that are never cut (they are the last but one and kept narrow by kSparkWidth).
std::string live_table(const LiveModel& model, const Style& style) {
  const JailView& jail = model.latest();
  if (jail.services.empty()) return "  no monitored services\n";
  Table table;
  table.header = {"service", "status", "cpu", "", "mem", "", "uptime", "restarts"};
  table.fixed = {2, 3, 4, 5};
  for (const ServiceView& s : jail.services) {
    const ServiceHistory* h = find(model, s.name);
    table.rows.push_back({{s.name},
                          {service_state_text(s), service_color(s)},
                          {cpu_text(s.cpu_percent)},
                          {cpu_spark(h, style)},
                          {memory_text(s.memory_bytes)},
                          {memory_spark(h, style)},
                          {format_duration(s.uptime_seconds)},
                          {restarts_text(s.restarts)}});
  }
  return render_table(table, style);
}

std::string live_tree(const LiveModel& model, const Style& style) {
  const JailView& jail = model.latest();
  TreeNode root{{{jail.name, Color::kBold}, {jail.state, state_color(jail.state)}}, {}};
  for (const ServiceView& s : jail.services) {
    const ServiceHistory* h = find(model, s.name);
    TreeNode node{{{s.name}, {service_state_text(s), service_color(s)}}, {}};
    node.children.push_back(
        TreeNode{{{"cpu", Color::kDim}, {cpu_text(s.cpu_percent)}, {cpu_spark(h, style)}}, {}});
    node.children.push_back(TreeNode{
        {{"mem", Color::kDim}, {memory_text(s.memory_bytes)}, {memory_spark(h, style)}}, {}});
    node.children.push_back(pair("uptime", format_duration(s.uptime_seconds)));
    node.children.push_back(pair("restarts", restarts_text(s.restarts)));
    root.children.push_back(node);
  }
  if (jail.services.empty()) root.children.push_back(leaf("no monitored services", Color::kDim));
  return render_tree(root, style);
}

}  // namespace

void LiveModel::add_sample(const JailView& jail) {
  latest_ = jail;
  std::map<std::string, ServiceHistory> next;
  for (const ServiceView& s : jail.services) {
    auto it = history_.find(s.name);
    ServiceHistory h = it == history_.end() ? ServiceHistory{} : std::move(it->second);
    h.cpu.add(s.cpu_percent < 0 ? 0 : s.cpu_percent);
    h.memory.add(s.memory_bytes < 0 ? 0 : s.memory_bytes);
    next.emplace(s.name, std::move(h));
  }
  history_ = std::move(next);
}

std::string render_live_frame(const LiveModel& model, bool tree, double interval_seconds,
                              const Style& style) {
  const JailView& jail = model.latest();
  std::string out;
  if (tree) {
    out = live_tree(model, style);
  } else {
    out = "  " +
          render_spans({{jail.name, Color::kBold}, {jail.state, state_color(jail.state)}}, style) +
          "\n\n" + live_table(model, style);
  }
  char every[64];
  std::snprintf(every, sizeof every, "%g", interval_seconds);
  return out + "\n" +
         paint("  sampling every " + std::string(every) + "s " +
                   std::string(glyph(style, "·", "-")) + " Ctrl-C to exit",
               Color::kDim, style) +
         "\n";
}

}  // namespace jrun::ui
