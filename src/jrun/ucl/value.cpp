#include "jrun/ucl/value.h"

#include <functional>
#include <memory>
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

void Value::IndexDeleter::operator()(Index* index) const { delete index; }

namespace {
const std::vector<Value> kNoItems;
const std::vector<Member> kNoMembers;
}  // namespace

const std::string& Value::empty_string() {
  static const std::string empty;
  return empty;
}

void Value::drop_storage() noexcept {
  switch (storage_) {
    case Storage::kNone:
      break;
    case Storage::kString:
      std::destroy_at(&string_);
      break;
    case Storage::kItems:
      std::destroy_at(&items_);
      break;
    case Storage::kObject:
      std::destroy_at(&object_);
      break;
  }
  storage_ = Storage::kNone;
}

Value& Value::move_assign_over_storage(Value& other) noexcept {
  if (this == &other) return *this;
  // Move out first: `other` may live inside this value's storage.
  Value taken(std::move(other));
  drop_storage();
  copy_header(taken);
  take_storage(taken);
  return *this;
}

const std::vector<Value>& Value::items() const {
  return storage_ == Storage::kItems ? items_ : kNoItems;
}

std::vector<Value>& Value::items() {
  if (storage_ != Storage::kItems) {
    drop_storage();
    std::construct_at(&items_);
    storage_ = Storage::kItems;
  }
  return items_;
}

const std::vector<Member>& Value::members() const {
  return storage_ == Storage::kObject ? object_.members : kNoMembers;
}

Value::Object& Value::object_storage() {
  if (storage_ != Storage::kObject) {
    drop_storage();
    std::construct_at(&object_);
    storage_ = Storage::kObject;
  }
  return object_;
}

std::vector<Member>& Value::members() {
  Object& object = object_storage();
  object.index.reset();
  return object.members;
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
  std::construct_at(&v.string_, std::move(s));
  v.storage_ = Storage::kString;
  return v;
}

Value Value::array(Location loc) { return array(loc, {}); }

Value Value::array(Location loc, std::vector<Value> items) {
  Value v = null(loc);
  v.type_ = Type::kArray;
  v.items() = std::move(items);
  return v;
}

Value Value::object(Location loc) { return object(loc, {}); }

Value Value::object(Location loc, std::vector<Member> members) {
  Value v = null(loc);
  v.type_ = Type::kObject;
  Object& object = v.object_storage();
  object.members = std::move(members);
  build_index(object);
  return v;
}

Value::Value(const Value& other)
    : type_(other.type_),
      priority_(other.priority_),
      flags_(other.flags_),
      loc_(other.loc_),
      int_(other.int_) {
  switch (other.storage_) {
    case Storage::kNone:
      break;
    case Storage::kString:
      std::construct_at(&string_, other.string_);
      break;
    case Storage::kItems:
      std::construct_at(&items_, other.items_);
      break;
    case Storage::kObject:
      std::construct_at(&object_);
      object_.members = other.object_.members;
      build_index(object_);
      break;
  }
  storage_ = other.storage_;
}

Value& Value::operator=(const Value& other) {
  if (this != &other) *this = Value(other);
  return *this;
}

std::size_t Value::find_position(std::string_view key) const {
  if (storage_ != Storage::kObject) return kNotFound;
  const std::vector<Member>& members = object_.members;
  if (object_.index) return object_.index->find(members, key);
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
  return pos == kNotFound ? nullptr : &object_.members[pos];
}

Member* Value::find_member(std::string_view key) {
  std::size_t pos = find_position(key);
  return pos == kNotFound ? nullptr : &object_.members[pos];
}

void Value::build_index(Object& object) {
  if (object.members.size() <= kIndexThreshold) return;
  object.index.reset(new Index());
  object.index->rebuild(object.members);
}

void Value::index_member(Object& object, std::size_t position) {
  if (object.index) {
    object.index->insert(object.members, position);
  } else {
    build_index(object);
  }
}

Member& Value::add_member(std::string key, Location key_loc, Value value) {
  Object& object = object_storage();
  std::vector<Member>& members = object.members;
  // Brace-initialised: clang 14 (the fuzz build) lacks C++20 parenthesised aggregate init.
  members.push_back(Member{std::move(key), key_loc, std::move(value)});
  index_member(object, members.size() - 1);
  return members.back();
}

std::size_t Value::size() const {
  if (type_ == Type::kObject) return members().size();
  if (type_ == Type::kArray) return items().size();
  return 0;
}

std::vector<const Value*> Value::all_values() const {
  std::vector<const Value*> out;
  if (implicit_array() && type_ == Type::kArray) {
    out.reserve(items().size());
    for (const Value& item : items()) out.push_back(&item);
  } else {
    out.push_back(this);
  }
  return out;
}

}  // namespace jrun::ucl
