#include "jrun/ui/tree.h"

namespace jrun::ui {
namespace {

// Cuts the plain label to what is left of the line, then paints its parts.
std::string fitted_label(const std::vector<Span>& spans, std::size_t room, const Style& style) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].text.empty()) continue;
    std::string text = (used == 0 ? "" : "  ") + spans[i].text;
    const std::size_t w = display_width(text);
    if (used + w > room) {
      out += paint(truncate(text, room > used ? room - used : 0, style), spans[i].color, style);
      break;
    }
    const std::size_t lead = used == 0 ? 0 : 2;
    out += std::string(lead, ' ') + paint(spans[i].text, spans[i].color, style);
    used += w;
  }
  return out;
}

void render_children(const TreeNode& node, const std::string& prefix, const Style& style,
                     std::string& out) {
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const bool last = i + 1 == node.children.size();
    const std::string branch(last ? glyph(style, "└── ", "`-- ") : glyph(style, "├── ", "|-- "));
    const std::size_t used = display_width(prefix) + 4;
    const std::size_t room = style.width > used ? style.width - used : 1;
    out += paint(prefix + branch, Color::kDim, style) +
           fitted_label(node.children[i].label, room, style) + "\n";
    const std::string more(last ? "    " : glyph(style, "│   ", "|   "));
    render_children(node.children[i], prefix + more, style, out);
  }
}

}  // namespace

TreeNode leaf(std::string text, Color color) { return TreeNode{{{std::move(text), color}}, {}}; }

TreeNode pair(std::string key, std::string value, Color color) {
  return TreeNode{{{std::move(key), Color::kDim}, {std::move(value), color}}, {}};
}

std::string render_spans(const std::vector<Span>& spans, const Style& style) {
  return fitted_label(spans, style.width, style);
}

std::string render_tree(const TreeNode& root, const Style& style) {
  std::string out = fitted_label(root.label, style.width, style) + "\n";
  render_children(root, "", style, out);
  return out;
}

}  // namespace jrun::ui
