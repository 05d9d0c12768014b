#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jrun::ucl
