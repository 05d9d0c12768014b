#include "jrun/plan/diff.h"

#include <string>
#include <unordered_map>

#include "jrun/base/strings.h"
#include "jrun/plan/spec.h"

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

const Json& empty_object() {
  static const Json empty = Json::object();
  return empty;
}

/// Keys of two objects whose values differ, `now`'s order first.
std::vector<std::string> changed_keys(const Json& was, const Json& now) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : now.items()) {
    auto it = was.find(key);
    if (it == was.end() || *it != value) keys.push_back(key);
  }
  for (const auto& [key, value] : was.items()) {
    if (!now.contains(key)) keys.push_back(key);
  }
  return keys;
}

/// "a b c d" vs "a b x d": the old words from the first difference on; a preceding "→" is
/// kept so "tcp 1.2.3.4:80 → 8080" vs "... → 8000" reads "→ 8000".
std::string old_tail(const std::string& was, const std::string& now) {
  auto old_words = split(was, ' ');
  auto new_words = split(now, ' ');
  std::size_t i = 0;
  while (i < old_words.size() && i < new_words.size() && old_words[i] == new_words[i]) ++i;
  if (i > 0 && old_words[i - 1] == "→") --i;
  std::vector<std::string> tail(old_words.begin() + static_cast<std::ptrdiff_t>(i),
                                old_words.end());
  return join(tail, " ");
}

/// Looks items of a JSON object up by name: linearly when small, else through a hash index.
class ItemIndex {
 public:
  ItemIndex(const Json& object, std::size_t index_above) : object_(object) {
    if (object.size() <= index_above) return;
    index_.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it) index_.emplace(it.key(), &*it);
  }
  const Json* find(std::string_view name) const {
    if (index_.empty()) {
      for (auto it = object_.begin(); it != object_.end(); ++it) {
        if (it.key() == name) return &*it;
      }
      return nullptr;
    }
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : it->second;
  }

 private:
  const Json& object_;
  std::unordered_map<std::string_view, const Json*> index_;
};

}  // namespace

std::string change_detail(std::string_view section, std::string_view name, const Json& was,
                          const Json& now) {
  if ((section == "execs" || section == "setup") && was.is_object() && now.is_object()) {
    return join(changed_keys(was, now), ", ") + " changed";
  }
  std::string before = describe_item(section, name, was);
  std::string after = describe_item(section, name, now);
  if (section == "limits") return after + " (was " + before + ")";
  return after + " (was " + old_tail(before, after) + ")";
}

void diff_section(std::string_view section, const Json& recorded, const Json& desired,
                  std::vector<ItemChange>& out) {
  const Json& was_all = recorded.is_object() ? recorded : empty_object();
  const Json& now_all = desired.is_object() ? desired : empty_object();
  // Small sections (the usual case) are searched linearly; large ones through a hash index.
  constexpr std::size_t kIndexAbove = 16;
  ItemIndex was_index(was_all, kIndexAbove);
  ItemIndex now_index(now_all, kIndexAbove);
  const std::string sec(section);
  for (const auto& [name, item] : now_all.items()) {
    const Json* was = was_index.find(name);
    if (!was) {
      out.push_back({sec, name, ChangeKind::kAdd, describe_item(section, name, item)});
    } else if (*was != item) {
      out.push_back({sec, name, ChangeKind::kChange, change_detail(section, name, *was, item)});
    }
  }
  for (const auto& [name, item] : was_all.items()) {
    if (!now_index.find(name)) {
      out.push_back({sec, name, ChangeKind::kRemove, describe_item(section, name, item)});
    }
  }
}

}  // namespace jrun::plan
