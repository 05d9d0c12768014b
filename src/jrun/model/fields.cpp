#include "jrun/model/fields.h"

#include <algorithm>
#include <unordered_map>

#include "jrun/base/strings.h"
#include "jrun/model/units.h"

namespace jrun::model::detail {
namespace {

constexpr std::size_t kMaxShown = 40;

std::string shorten(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, kMaxShown))
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  if (text.size() > kMaxShown) out += "...";
  return out;
}

// True when every character of `small` appears in `big` in order ("cmd" in "comand").
bool is_subsequence(std::string_view small, std::string_view big) {
  std::size_t at = 0;
  for (char c : big) {
    if (at < small.size() && small[at] == c) ++at;
  }
  return at == small.size();
}

// closest_match, falling back to a key the word contains in order (letters added: `comand`)
// or that contains the word (letters dropped: `tries` for `retries`).
std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string guess = closest_match(word, candidates);
  if (!guess.empty() || word.size() < 3) return guess;
  for (std::string_view candidate : candidates) {
    bool added = candidate.size() >= 3 && candidate.front() == word.front() &&
                 is_subsequence(candidate, word);
    bool dropped = word.size() * 2 >= candidate.size() && is_subsequence(word, candidate);
    if (added || dropped) return std::string(candidate);
  }
  return {};
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

std::string name_hint(std::string_view name) {
  std::string rule =
      "names are DNS labels: 1-63 characters of a-z, 0-9 and `-`, starting and ending with a "
      "letter or digit";
  std::string fixed = to_lower(name);
  std::replace_if(
      fixed.begin(), fixed.end(), [](char c) { return c == '_' || c == '.' || c == ' '; }, '-');
  if (valid_name(fixed) && fixed != name) return rule + "; did you mean " + ticked(fixed) + "?";
  return rule;
}

// Adds `from`'s members to `into`; a key in both becomes an implicit array, as the parser
// does for a key repeated in one block.
void merge_members(ucl::Value& into, const ucl::Value& from) {
  for (const ucl::Member& member : from.members()) {
    ucl::Member* existing = into.find_member(member.key);
    if (existing == nullptr) {
      into.add_member(member.key, member.key_loc, *member.value);
      continue;
    }
    ucl::Value& old = *existing->value;
    if (!old.implicit_array()) {
      ucl::Value list = ucl::Value::array(old.loc());
      list.set_implicit_array(true);
      list.items().push_back(std::move(old));
      old = std::move(list);
    }
    for (const ucl::Value* value : member.value->all_values()) old.items().push_back(*value);
  }
}

// Entries by name: a linear search while there are few (the usual block holds one to three),
// a hash index once there are many, so a config of thousands of jails stays linear.
class EntryIndex {
 public:
  std::vector<Entry>::iterator find(const std::string& name, std::vector<Entry>& entries) const {
    if (index_.empty()) {
      return std::find_if(entries.begin(), entries.end(),
                          [&](const Entry& entry) { return entry.name == name; });
    }
    auto known = index_.find(name);
    return known == index_.end() ? entries.end()
                                 : entries.begin() + static_cast<std::ptrdiff_t>(known->second);
  }
  // Call after appending to `entries`.
  void added(const std::vector<Entry>& entries) {
    constexpr std::size_t kLinearUpTo = 16;
    if (entries.size() <= kLinearUpTo) return;
    if (index_.empty()) {
      for (std::size_t i = 0; i + 1 < entries.size(); ++i) index_.emplace(entries[i].name, i);
    }
    index_.emplace(entries.back().name, entries.size() - 1);
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;  // names copied: entries move
};

// Adds one named block to `entries` after checking its name and body. A block written twice
// (`jail "web" { } ... jail "web" { }`) is merged into the first, as libucl merges objects.
// `index` maps names to positions in `entries`, so a config of thousands of jails stays linear.
void add_entry(Sink& sink, const ucl::Member& member, std::string_view key, const Scope& parent,
               std::string_view kind, std::vector<Entry>& entries, EntryIndex& index) {
  auto found = index.find(member.key, entries);
  Scope scope = Scope::entry(parent, key, kind, member.key, member.key_loc);
  if (found == entries.end() && !valid_name(member.key)) {
    sink.error(member.key_loc, scope.field(),
               "invalid " + std::string(kind) + " name " + ticked(member.key),
               name_hint(member.key));
  }
  for (const ucl::Value* body : member.value->all_values()) {
    if (!body->is_object()) {
      sink.error(body->loc(), scope.field(),
                 scope.noun() + " must be a block `{ ... }`, got " + describe(*body));
    } else if (found == entries.end()) {
      entries.push_back(Entry{member.key, body, scope});
      index.added(entries);
      found = entries.end() - 1;
    } else {
      if (found->merged == nullptr) found->merged = &sink.keep(*found->body);
      found->body = found->merged;
      merge_members(*found->merged, *body);
    }
  }
}

}  // namespace

Scope Scope::block(const Scope& parent, std::string_view key, Location key_loc) {
  Scope scope;
  scope.kind_ = Kind::kBlock;
  scope.parent_ = &parent;
  scope.key_ = key;
  scope.loc = key_loc;
  return scope;
}

Scope Scope::entry(const Scope& parent, std::string_view key, std::string_view kind,
                   std::string_view name, Location key_loc) {
  Scope scope = block(parent, key, key_loc);
  scope.kind_ = Kind::kEntry;
  scope.word_ = kind;
  scope.name_ = name;
  return scope;
}

std::string Scope::field() const {
  switch (kind_) {
    case Kind::kGiven:
      return field_;
    case Kind::kBlock:
      return parent_->at(key_);
    case Kind::kEntry:
      return parent_->at(key_) + "." + std::string(name_);
  }
  return field_;
}

std::string Scope::noun() const {
  switch (kind_) {
    case Kind::kGiven:
      return noun_;
    case Kind::kBlock:
      return parent_->top() ? "the " + std::string(key_) + " block"
                            : ticked(key_) + " of " + parent_->noun();
    case Kind::kEntry: {
      std::string noun = std::string(word_) + " " + ticked(name_);
      if (!parent_->top()) noun += " of " + parent_->noun();
      return noun;
    }
  }
  return noun_;
}

std::string Scope::at(std::string_view key) const {
  if (top()) return std::string(key);
  return field() + "." + std::string(key);
}

ucl::Value& Sink::keep(ucl::Value value) {
  kept_.push_back(std::move(value));
  return kept_.back();
}

void Sink::error(Location loc, std::string field, std::string message, std::string hint) {
  diagnostics_.push_back(Diagnostic{loc, std::move(field), std::move(message), std::move(hint)});
}

Sink::PathFacts Sink::path_facts(const std::string& path) {
  auto [it, added] = path_facts_.try_emplace(path);
  if (added) {
    const FileSystem& fs = *context_.fs;
    it->second.exists = fs.exists(path);
    it->second.directory = it->second.exists && fs.is_directory(path);
  }
  return it->second;
}

std::string Sink::position(Location loc) const {
  if (context_.sources != nullptr) return format_location(*context_.sources, loc);
  return "line " + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

std::string ticked(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string describe(const ucl::Value& value) {
  switch (value.type()) {
    case ucl::Type::kNull:
      return "null";
    case ucl::Type::kBool:
      return value.as_bool() ? "boolean true" : "boolean false";
    case ucl::Type::kInt:
      return "integer " + std::to_string(value.as_int());
    case ucl::Type::kFloat:
      return "number " + format_number(value.as_number());
    case ucl::Type::kTime:
      return "duration " + format_duration(value.as_number());
    case ucl::Type::kString:
      return "string \"" + shorten(value.as_string()) + "\"";
    case ucl::Type::kArray:
      return "an array";
    case ucl::Type::kObject:
      return "an object";
  }
  return "a value";
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (name.front() == '-' || name.back() == '-') return false;
  return std::all_of(name.begin(), name.end(), is_name_char);
}

bool valid_identifier(std::string_view name) {
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), word);
}

void check_keys(Sink& sink, const ucl::Value& object, Keys allowed, const Scope& scope) {
  for (const ucl::Member& member : object.members()) {
    if (std::find(allowed.begin(), allowed.end(), member.key) != allowed.end()) continue;
    // Only an unknown key pays for the candidate list and the "did you mean" search.
    std::vector<std::string_view> candidates(allowed);
    std::string guess = suggest(member.key, candidates);
    std::vector<std::string> known(candidates.begin(), candidates.end());
    std::string hint =
        guess.empty() ? "known keys: " + join(known, ", ") : "did you mean " + ticked(guess) + "?";
    sink.error(member.key_loc, scope.at(member.key),
               "unknown key " + ticked(member.key) + " in " + scope.noun(), hint);
  }
}

void require(Sink& sink, const ucl::Value& object, Keys keys, const Scope& scope) {
  for (std::string_view key : keys) {
    if (object.find(key) == nullptr) {
      sink.error(scope.loc, scope.at(key), "missing " + ticked(key) + " in " + scope.noun());
    }
  }
}

void wrong_type(Sink& sink, const ucl::Value& value, std::string_view key, const Scope& scope,
                std::string_view expected, std::string hint) {
  sink.error(value.loc(), scope.at(key),
             ticked(key) + " must be " + std::string(expected) + ", got " + describe(value),
             std::move(hint));
}

const ucl::Value* get(Sink& sink, const ucl::Value& object, std::string_view key,
                      const Scope& scope) {
  const ucl::Value* value = object.find(key);
  if (value == nullptr || !value->implicit_array()) return value;
  const std::vector<ucl::Value>& items = value->items();
  Location second = items.size() > 1 ? items[1].loc() : value->loc();
  std::string first = items.empty() ? std::string("?") : sink.position(items.front().loc());
  sink.error(second, scope.at(key), ticked(key) + " is set more than once in " + scope.noun(),
             "first set at " + first + "; keep one");
  return nullptr;
}

const ucl::Value* get_block(Sink& sink, const ucl::Value& object, std::string_view key,
                            const Scope& parent, Scope& scope) {
  const ucl::Member* member = object.find_member(key);
  if (member == nullptr) return nullptr;
  scope = Scope::block(parent, key, member->key_loc);
  const ucl::Value* value = get(sink, object, key, parent);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    wrong_type(sink, *value, key, parent, "a block `{ ... }`");
    return nullptr;
  }
  return value;
}

std::vector<Entry> get_entries(Sink& sink, const ucl::Value& object, std::string_view key,
                               const Scope& parent, std::string_view kind) {
  const ucl::Value* map = object.find(key);
  if (map == nullptr) return {};
  std::vector<Entry> entries;
  EntryIndex index;
  for (const ucl::Value* one : map->all_values()) {
    if (!one->is_object()) {
      wrong_type(sink, *one, key, parent, "a block of named entries",
                 "write " + std::string(key) + " { <name> { ... } }");
      continue;
    }
    for (const ucl::Member& member : one->members()) {
      add_entry(sink, member, key, parent, kind, entries, index);
    }
  }
  return entries;
}

}  // namespace jrun::model::detail
