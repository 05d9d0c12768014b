#pragma once
// The parsed UCL tree. Every value knows where it was written.
//
// Contract used by the model layer (add members freely; do not rename these):
//   type(), loc(), is_*(), as_bool(), as_int(), as_number(), as_string(),
//   items() (arrays), members() (objects, in file order), find(key), implicit_array().
//
// Layout, for speed: a Value holds its string, items or members in place (a tagged union, no
// extra box), and a Member holds its Value in place, so a parsed tree costs one allocation per
// non-empty container plus one per string longer than the small-string buffer. Values are
// plain values: copies are deep and independent; nothing points into the source text.
// Pointers and references into a container (find(), find_member(), items()[i]) stay valid
// until that container is modified, as with std::vector.

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jrun/base/source.h"

namespace jrun::ucl {

enum class Type : std::uint8_t {
  kNull,
  kBool,
  kInt,    ///< integer, incl. hex and k/m/g/kb/mb/gb suffixed
  kFloat,  ///< floating point
  kTime,   ///< a number written with a time suffix (ms s min h d w y); seconds, as double
  kString,
  kArray,
  kObject,
};

std::string_view type_name(Type type);

struct Member;

class Value {
 public:
  Value() noexcept {}  // null at no location
  static Value null(Location loc);
  static Value boolean(bool b, Location loc);
  static Value integer(std::int64_t i, Location loc);
  static Value floating(double d, Location loc);
  static Value time(double seconds, Location loc);
  static Value string(std::string s, Location loc);
  static Value array(Location loc);
  /// An array holding `items` (no copy).
  static Value array(Location loc, std::vector<Value> items);
  static Value object(Location loc);
  /// An object holding `members` as they are (no duplicate check, no copy), indexed by key.
  static Value object(Location loc, std::vector<Member> members);

  Value(const Value& other);
  Value& operator=(const Value& other);
  Value(Value&& other) noexcept {
    copy_header(other);
    if (other.storage_ != Storage::kNone) take_storage(other);
  }
  /// Safe when `other` is inside this value (e.g. one of its items).
  Value& operator=(Value&& other) noexcept {
    if (storage_ != Storage::kNone) return move_assign_over_storage(other);
    copy_header(other);  // nothing here can contain `other`: move straight in
    if (other.storage_ != Storage::kNone) take_storage(other);
    return *this;
  }
  ~Value() {
    if (storage_ != Storage::kNone) drop_storage();
  }

  /// Deep copy.
  Value clone() const { return Value(*this); }

  Type type() const { return type_; }
  Location loc() const { return loc_; }

  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_int() const { return type_ == Type::kInt; }
  /// int, float or time.
  bool is_number() const {
    return type_ == Type::kInt || type_ == Type::kFloat || type_ == Type::kTime;
  }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }
  /// An array made by repeating a key (`a = 1; a = 2;`), not written with brackets.
  bool implicit_array() const { return (flags_ & kImplicitFlag) != 0; }

  bool as_bool() const { return int_ != 0; }
  std::int64_t as_int() const { return int_; }
  /// Numeric value as double for int, float and time.
  double as_number() const {
    return type_ == Type::kInt ? static_cast<double>(int_) : std::bit_cast<double>(int_);
  }
  /// The text of a string ("" for other types).
  const std::string& as_string() const {
    return storage_ == Storage::kString ? string_ : empty_string();
  }

  /// Items of an array (empty for other types).
  const std::vector<Value>& items() const;
  /// Mutable items, for arrays. A null value gets an empty list; a string or object value
  /// loses its text or members (they share storage with the items).
  std::vector<Value>& items();
  /// Members of an object in file order (empty for other types).
  const std::vector<Member>& members() const;
  /// Mutable access drops the key index (the caller may reorder or erase members). For
  /// objects; like items(), it replaces the storage of a string or array value.
  std::vector<Member>& members();

  /// The member named `key` (exact, case-sensitive) or nullptr.
  const Value* find(std::string_view key) const;
  const Member* find_member(std::string_view key) const;
  Member* find_member(std::string_view key);

  void set_implicit_array(bool implicit) { set_flag(kImplicitFlag, implicit); }
  void set_loc(Location loc) { loc_ = loc; }

  /// This value's items when it is an implicit array, else just this value: the way to read
  /// a key that may have been written several times (`jail "a" {}` `jail "b" {}`).
  std::vector<const Value*> all_values() const;

  /// Appends a member without checking for an existing key (the parser decides about
  /// duplicates). Keeps a hash index once the object is large, so find() stays O(1).
  Member& add_member(std::string key, Location key_loc, Value value);
  /// Number of members (objects) or items (arrays); 0 for scalars.
  std::size_t size() const;

  /// Include priority this value was read with (libucl's `.include(priority=N)`, 0..15).
  unsigned priority() const { return priority_; }
  void set_priority(unsigned priority) { priority_ = static_cast<std::uint8_t>(priority); }
  /// Copied into a section by `.inherit`: any later definition of the key replaces it.
  bool inherited() const { return (flags_ & kInheritedFlag) != 0; }
  void set_inherited(bool inherited) { set_flag(kInheritedFlag, inherited); }

 private:
  class Index;  // open-addressing key index of large objects; private to value.cpp
  struct IndexDeleter {
    void operator()(Index* index) const;
  };
  struct Object {
    std::vector<Member> members;
    std::unique_ptr<Index, IndexDeleter> index;  // set once the object is large
  };
  // Which union member is alive. Not the same as type_: a null value may be given items.
  enum class Storage : std::uint8_t { kNone, kString, kItems, kObject };
  static constexpr std::uint8_t kImplicitFlag = 1;
  static constexpr std::uint8_t kInheritedFlag = 2;

  static const std::string& empty_string();
  void set_flag(std::uint8_t flag, bool on) {
    flags_ = static_cast<std::uint8_t>(on ? flags_ | flag : flags_ & ~flag);
  }
  void copy_header(const Value& other) {
    type_ = other.type_;
    priority_ = other.priority_;
    flags_ = other.flags_;
    loc_ = other.loc_;
    int_ = other.int_;
  }
  inline void take_storage(Value& other) noexcept;  // *this must hold no storage
  Value& move_assign_over_storage(Value& other) noexcept;
  void drop_storage() noexcept;
  Object& object_storage();
  static void build_index(Object& object);
  void index_member(Object& object, std::size_t position);
  std::size_t find_position(std::string_view key) const;

  Type type_ = Type::kNull;
  std::uint8_t priority_ = 0;
  std::uint8_t flags_ = 0;
  Storage storage_ = Storage::kNone;
  Location loc_;
  std::int64_t int_ = 0;  // the bool, the integer or the bits of the double
  union {
    std::string string_;        // Storage::kString
    std::vector<Value> items_;  // Storage::kItems
    Object object_;             // Storage::kObject
  };
};

/// A Value stored in place that reads like the pointer it replaces: `*member.value`,
/// `member.value->find(...)`, `member.value.get()`.
class MemberValue {
 public:
  MemberValue() = default;
  MemberValue(Value&& value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  MemberValue(const Value& value) : value_(value) {}        // NOLINT: implicit on purpose

  Value& operator*() { return value_; }
  const Value& operator*() const { return value_; }
  Value* operator->() { return &value_; }
  const Value* operator->() const { return &value_; }
  Value* get() { return &value_; }
  const Value* get() const { return &value_; }

 private:
  Value value_;
};

/// One key of an object. A key written several times holds an implicit array (libucl's
/// "multi-value"): `value->implicit_array()` is true and its items are the values in file order.
struct Member {
  std::string key;
  Location key_loc;
  MemberValue value;  // held in place; `*value` and `value->` as for a pointer
};

// The moved-from value is left without storage (reads as empty), so destroying it costs no
// call: values are moved several times on their way into the tree.
inline void Value::take_storage(Value& other) noexcept {
  switch (other.storage_) {
    case Storage::kNone:
      break;
    case Storage::kString:
      std::construct_at(&string_, std::move(other.string_));
      std::destroy_at(&other.string_);
      break;
    case Storage::kItems:
      std::construct_at(&items_, std::move(other.items_));
      std::destroy_at(&other.items_);
      break;
    case Storage::kObject:
      std::construct_at(&object_, std::move(other.object_));
      std::destroy_at(&other.object_);
      break;
  }
  storage_ = other.storage_;
  other.storage_ = Storage::kNone;
}

}  // namespace jrun::ucl
