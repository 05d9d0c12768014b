#pragma once
// The parsed UCL tree. Every value knows where it was written.
//
// Contract used by the model layer (add members freely; do not rename these):
//   type(), loc(), is_*(), as_bool(), as_int(), as_number(), as_string(),
//   items() (arrays), members() (objects, in file order), find(key), implicit_array().

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

class Value;

/// One key of an object. A key written several times holds an implicit array (libucl's
/// "multi-value"): `value.implicit_array()` is true and its items are the values in file order.
struct Member {
  std::string key;
  Location key_loc;
  std::unique_ptr<Value> value;  // never null; boxed so Value can hold a vector<Member>
};

class Value {
 public:
  Value() = default;  // null at no location
  static Value null(Location loc);
  static Value boolean(bool b, Location loc);
  static Value integer(std::int64_t i, Location loc);
  static Value floating(double d, Location loc);
  static Value time(double seconds, Location loc);
  static Value string(std::string s, Location loc);
  static Value array(Location loc);
  static Value object(Location loc);

  Value(const Value& other);
  Value& operator=(const Value& other);
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;
  ~Value() = default;

  /// Deep copy (members are boxed).
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
  bool implicit_array() const { return implicit_; }

  bool as_bool() const { return int_ != 0; }
  std::int64_t as_int() const { return int_; }
  /// Numeric value as double for int, float and time.
  double as_number() const {
    return type_ == Type::kInt ? static_cast<double>(int_) : std::bit_cast<double>(int_);
  }
  const std::string& as_string() const { return string_; }

  /// Items of an array (empty for other types).
  const std::vector<Value>& items() const;
  std::vector<Value>& items();
  /// Members of an object in file order (empty for other types).
  const std::vector<Member>& members() const;
  /// Mutable access drops the key index (the caller may reorder or erase members).
  std::vector<Member>& members();

  /// The member named `key` (exact, case-sensitive) or nullptr.
  const Value* find(std::string_view key) const;
  const Member* find_member(std::string_view key) const;
  Member* find_member(std::string_view key);

  void set_implicit_array(bool implicit) { implicit_ = implicit; }
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
  bool inherited() const { return inherited_; }
  void set_inherited(bool inherited) { inherited_ = inherited; }

 private:
  class Index;      // open-addressing key index of large objects; private to value.cpp
  struct Children;  // items, members and index: boxed, so scalars stay small
  struct ChildrenDeleter {
    void operator()(Children* children) const;
  };
  Children& children();
  void index_member(std::size_t position);
  std::size_t find_position(std::string_view key) const;

  Type type_ = Type::kNull;
  bool implicit_ = false;
  std::uint8_t priority_ = 0;
  bool inherited_ = false;
  Location loc_;
  std::int64_t int_ = 0;  // the bool, the integer or the bits of the double
  std::string string_;
  std::unique_ptr<Children, ChildrenDeleter> children_;
};

}  // namespace jrun::ucl
