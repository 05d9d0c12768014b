#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "jrun/ucl/value.h"

namespace jrun::ucl {
namespace {

TEST(Value, LargeObjectFindUsesIndexAndStaysCorrect) {
  Value obj = Value::object({});
  for (int i = 0; i < 1000; ++i) {
    obj.add_member("key" + std::to_string(i), {}, Value::integer(i, {}));
  }
  ASSERT_NE(obj.find("key0"), nullptr);
  EXPECT_EQ(obj.find("key0")->as_int(), 0);
  EXPECT_EQ(obj.find("key999")->as_int(), 999);
  EXPECT_EQ(obj.find("key1000"), nullptr);
  Value copy = obj;
  EXPECT_EQ(copy.find("key500")->as_int(), 500);
  obj.members().erase(obj.members().begin());
  EXPECT_EQ(obj.find("key0"), nullptr);
  EXPECT_EQ(obj.find("key1")->as_int(), 1);
}

TEST(Value, ObjectFromMembersIsIndexedAndCopiesAreIndependent) {
  std::vector<Member> members;
  for (int i = 0; i < 40; ++i) {
    members.push_back(
        Member{"k" + std::to_string(i), {}, Value::string("v" + std::to_string(i), {})});
  }
  Value obj = Value::object({}, std::move(members));
  ASSERT_EQ(obj.size(), 40u);
  EXPECT_EQ(obj.find("k39")->as_string(), "v39");
  Value copy = obj;
  copy.find_member("k39")->value->items();  // turns the copy's k39 into an (empty) list
  EXPECT_EQ(obj.find("k39")->as_string(), "v39");
  EXPECT_EQ(copy.find("k39")->as_string(), "");
}

TEST(Value, ArrayFromItemsKeepsOrderAndTypes) {
  std::vector<Value> items;
  items.push_back(Value::integer(1, {}));
  items.push_back(Value::string("a much longer string than the small buffer", {}));
  Value arr = Value::array({}, std::move(items));
  ASSERT_TRUE(arr.is_array());
  ASSERT_EQ(arr.items().size(), 2u);
  EXPECT_EQ(arr.items()[0].as_int(), 1);
  EXPECT_EQ(arr.items()[1].as_string(), "a much longer string than the small buffer");
}

TEST(Value, MoveAssignFromOwnItemIsSafe) {
  Value outer = Value::array({});
  Value inner = Value::object({});
  inner.add_member("x", {}, Value::string("a string that lives on the heap, long enough", {}));
  outer.items().push_back(std::move(inner));
  outer = std::move(outer.items()[0]);
  ASSERT_TRUE(outer.is_object());
  EXPECT_EQ(outer.find("x")->as_string(), "a string that lives on the heap, long enough");
}

TEST(Value, MemberValueReadsLikeAPointer) {
  Value obj = Value::object({});
  Member& m = obj.add_member("a", {}, Value::integer(7, {}));
  EXPECT_EQ((*m.value).as_int(), 7);
  EXPECT_EQ(m.value->as_int(), 7);
  EXPECT_EQ(m.value.get(), obj.find("a"));
  Member copy = m;  // members copy deeply
  *copy.value = Value::integer(8, {});
  EXPECT_EQ(obj.find("a")->as_int(), 7);
}

TEST(Value, ScalarsHaveNoChildrenAndNullCanBecomeAList) {
  Value s = Value::string("text", {});
  EXPECT_TRUE(s.items().empty());
  EXPECT_TRUE(std::as_const(s).members().empty());
  EXPECT_EQ(Value::integer(3, {}).as_string(), "");
  Value n;
  n.items().push_back(Value::boolean(true, {}));
  EXPECT_EQ(n.items().size(), 1u);
}

}  // namespace
}  // namespace jrun::ucl
