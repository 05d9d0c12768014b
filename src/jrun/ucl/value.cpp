#include "jrun/ucl/value.h"

#include <functional>
#include <utility>

namespace jrun::ucl {

namespace {
// Objects up to this size are searched linearly; bigger ones get a hash index.
constexpr std::size_t kIndexThreshold = 16;
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
}  // namespace

// Open addressing over member positions (slot = position + 1, 0 = empty). Positions, not
// pointers, so the members vector may reallocate freely.
class Value::Index {
 public:
  void rebuild(const std::vector<Member>& members) {
    std::size_t capacity = 64;
    while (capacity < members.size() * 2) capacity *= 2;
    slots_.assign(capacity, 0);
    for (std::size_t i = 0; i < members.size(); ++i) insert(members, i);
  }

  void insert(const std::vector<Member>& members, std::size_t position) {
    if ((members.size()) * 2 > slots_.size()) {
      rebuild(members);
      return;
    }
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = std::hash<std::string_view>{}(members[position].key) & mask;
    while (slots_[slot] != 0) {
      // Keep the first member of a key (duplicates are the parser's business).
      if (members[slots_[slot] - 1].key == members[position].key) return;
      slot = (slot + 1) & mask;
    }
    slots_[slot] = position + 1;
  }

  std::size_t find(const std::vector<Member>& members, std::string_view key) const {
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = std::hash<std::string_view>{}(key)&mask;
    while (slots_[slot] != 0) {
      if (members[slots_[slot] - 1].key == key) return slots_[slot] - 1;
      slot = (slot + 1) & mask;
    }
    return kNotFound;
  }

 private:
  std::vector<std::size_t> slots_;
};

struct Value::Children {
  std::vector<Value> items;
  std::vector<Member> members;
  std::unique_ptr<Index> index;
};

void Value::ChildrenDeleter::operator()(Children* children) const { delete children; }

namespace {
const std::vector<Value> kNoItems;
const std::vector<Member> kNoMembers;
}  // namespace

Value::Children& Value::children() {
  if (!children_) children_.reset(new Children());
  return *children_;
}

const std::vector<Value>& Value::items() const { return children_ ? children_->items : kNoItems; }

std::vector<Value>& Value::items() { return children().items; }

const std::vector<Member>& Value::members() const {
  return children_ ? children_->members : kNoMembers;
}

std::vector<Member>& Value::members() {
  Children& c = children();
  c.index.reset();
  return c.members;
}

std::string_view type_name(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "boolean";
    case Type::kInt:
      return "integer";
    case Type::kFloat:
      return "number";
    case Type::kTime:
      return "duration";
    case Type::kString:
      return "string";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
  }
  return "unknown";
}

Value Value::null(Location loc) {
  Value v;
  v.loc_ = loc;
  return v;
}

Value Value::boolean(bool b, Location loc) {
  Value v = null(loc);
  v.type_ = Type::kBool;
  v.int_ = b ? 1 : 0;
  return v;
}

Value Value::integer(std::int64_t i, Location loc) {
  Value v = null(loc);
  v.type_ = Type::kInt;
  v.int_ = i;
  return v;
}

Value Value::floating(double d, Location loc) {
  Value v = null(loc);
  v.type_ = Type::kFloat;
  v.int_ = std::bit_cast<std::int64_t>(d);
  return v;
}

Value Value::time(double seconds, Location loc) {
  Value v = null(loc);
  v.type_ = Type::kTime;
  v.int_ = std::bit_cast<std::int64_t>(seconds);
  return v;
}

Value Value::string(std::string s, Location loc) {
  Value v = null(loc);
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}

Value Value::array(Location loc) {
  Value v = null(loc);
  v.type_ = Type::kArray;
  return v;
}

Value Value::object(Location loc) {
  Value v = null(loc);
  v.type_ = Type::kObject;
  return v;
}

Value::Value(const Value& other)
    : type_(other.type_),
      implicit_(other.implicit_),
      priority_(other.priority_),
      inherited_(other.inherited_),
      loc_(other.loc_),
      int_(other.int_),
      string_(other.string_) {
  if (!other.children_) return;
  children().items = other.children_->items;
  children_->members.reserve(other.children_->members.size());
  for (const Member& m : other.children_->members) {
    add_member(m.key, m.key_loc, Value(*m.value));
  }
}

Value& Value::operator=(const Value& other) {
  if (this != &other) *this = Value(other);
  return *this;
}

std::size_t Value::find_position(std::string_view key) const {
  if (!children_) return kNotFound;
  const std::vector<Member>& members = children_->members;
  if (children_->index) return children_->index->find(members, key);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].key == key) return i;
  }
  return kNotFound;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = find_member(key);
  return m ? m->value.get() : nullptr;
}

const Member* Value::find_member(std::string_view key) const {
  std::size_t pos = find_position(key);
  return pos == kNotFound ? nullptr : &children_->members[pos];
}

Member* Value::find_member(std::string_view key) {
  std::size_t pos = find_position(key);
  return pos == kNotFound ? nullptr : &children_->members[pos];
}

void Value::index_member(std::size_t position) {
  Children& c = *children_;
  if (c.index) {
    c.index->insert(c.members, position);
  } else if (c.members.size() > kIndexThreshold) {
    c.index = std::make_unique<Index>();
    c.index->rebuild(c.members);
  }
}

Member& Value::add_member(std::string key, Location key_loc, Value value) {
  std::vector<Member>& members = children().members;
  if (members.empty()) members.reserve(4);
  members.push_back(Member{std::move(key), key_loc, std::make_unique<Value>(std::move(value))});
  index_member(members.size() - 1);
  return members.back();
}

std::size_t Value::size() const {
  if (type_ == Type::kObject) return members().size();
  if (type_ == Type::kArray) return items().size();
  return 0;
}

std::vector<const Value*> Value::all_values() const {
  std::vector<const Value*> out;
  if (implicit_ && type_ == Type::kArray) {
    out.reserve(items().size());
    for (const Value& item : items()) out.push_back(&item);
  } else {
    out.push_back(this);
  }
  return out;
}

}  // namespace jrun::ucl
