// Repeated keys: libucl's duplicate strategies and include priorities
// (ucl_parser_process_object_element).
#include <utility>

#include "jrun/ucl/parser_impl.h"

namespace jrun::ucl::detail {

bool FileParser::insert(Value* object, std::string&& key, Location key_loc, Value&& value) {
  value.set_priority(state_.priority);
  Member* member = object->find_member(key);
  if (member == nullptr) {
    object->add_member(std::move(key), key_loc, std::move(value));
    return true;
  }
  return insert_duplicate(member, std::move(value), key_loc);
}

bool FileParser::insert_duplicate(Member* member, Value&& value, Location key_loc) {
  Value* old = member->value.get();
  switch (state_.duplicate) {
    case DuplicateStrategy::kRewrite:
      *old = std::move(value);
      member->key_loc = key_loc;
      return true;
    case DuplicateStrategy::kError: {
      Location first = member->key_loc;
      ctx_.diagnostics.push_back(
          Diagnostic{key_loc, "", "duplicate key `" + member->key + "`",
                     "first defined at " + format_location(ctx_.sources, first)});
      return false;
    }
    case DuplicateStrategy::kMerge:
      if (!old->implicit_array() && old->type() == value.type() &&
          (old->is_object() || old->is_array())) {
        return merge_into(old, std::move(value));
      }
      break;
    case DuplicateStrategy::kAppend:
      break;
  }
  unsigned old_priority = old->priority();
  unsigned new_priority = value.priority();
  if (old->inherited() || old_priority < new_priority) {
    *old = std::move(value);
    member->key_loc = key_loc;
  } else if (old_priority == new_priority) {
    append_same_priority(old, std::move(value));
  }
  // A lower priority value is dropped.
  return true;
}

void FileParser::append_same_priority(Value* old, Value&& value) {
  if (!old->implicit_array()) {
    Value list = Value::array(old->loc());
    list.set_implicit_array(true);
    list.set_priority(old->priority());
    list.items().reserve(2);
    list.items().push_back(std::move(*old));
    *old = std::move(list);
  }
  old->items().push_back(std::move(value));
}

bool FileParser::merge_into(Value* old, Value&& value) {
  if (old->is_array()) {
    for (Value& item : value.items()) old->items().push_back(std::move(item));
    return true;
  }
  for (Member& member : value.members()) {
    if (!insert(old, std::move(member.key), member.key_loc, std::move(*member.value))) {
      return false;
    }
  }
  return true;
}

}  // namespace jrun::ucl::detail
