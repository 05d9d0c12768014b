// The golden switch of every golden test (tests/fakes/update_golden.h): only "1" rewrites.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "fakes/update_golden.h"

namespace jrun::testing {
namespace {

TEST(UpdateGolden, OnlyOneRewritesGoldenFiles) {
  const char* saved = std::getenv("JRUN_UPDATE_GOLDEN");
  const std::string before = saved ? saved : "";
  ::unsetenv("JRUN_UPDATE_GOLDEN");
  EXPECT_FALSE(update_golden());
  for (const char* value : {"", "0", "no", "true", "11"}) {
    ::setenv("JRUN_UPDATE_GOLDEN", value, 1);
    EXPECT_FALSE(update_golden()) << "JRUN_UPDATE_GOLDEN=" << value;
  }
  ::setenv("JRUN_UPDATE_GOLDEN", "1", 1);
  EXPECT_TRUE(update_golden());
  if (saved) {
    ::setenv("JRUN_UPDATE_GOLDEN", before.c_str(), 1);
  } else {
    ::unsetenv("JRUN_UPDATE_GOLDEN");
  }
}

}  // namespace
}  // namespace jrun::testing
