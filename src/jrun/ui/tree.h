#pragma once
// Trees (the reference's `status --tree`): a root line and nested children drawn with
// ├── └── │ (ASCII: |-- `-- |).

#include <string>
#include <vector>

#include "jrun/ui/style.h"

namespace jrun::ui {

/// A label made of parts of different colours ("web" plain, "up" green).
struct Span {
  std::string text;
  Color color = Color::kNone;
};

struct TreeNode {
  std::vector<Span> label;
  std::vector<TreeNode> children;
};

/// A node whose label is one plain text, or `key` dim followed by `value` in `color`.
TreeNode leaf(std::string text, Color color = Color::kNone);
TreeNode pair(std::string key, std::string value, Color color = Color::kNone);

/// The tree as text, every line ending in "\n"; lines longer than the width are cut.
std::string render_tree(const TreeNode& root, const Style& style);

/// Spans joined with two spaces, coloured.
std::string render_spans(const std::vector<Span>& spans, const Style& style);

}  // namespace jrun::ui
