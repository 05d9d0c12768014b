#include <gtest/gtest.h>

#include <filesystem>
#include <string_view>

#include "jrun/base/path.h"
#include "jrun/base/result.h"

namespace jrun {
namespace {

TEST(Path, ResolvesRelativeHomeAndAbsolute) {
  EXPECT_EQ(resolve_path("/cfg/dir", ".", "/home/u"), "/cfg/dir");
  EXPECT_EQ(resolve_path("/cfg/dir", "./site/../www", "/home/u"), "/cfg/dir/www");
  EXPECT_EQ(resolve_path("/cfg/dir", "~/code", "/home/u"), "/home/u/code");
  EXPECT_EQ(resolve_path("/cfg/dir", "~", "/home/u"), "/home/u");
  EXPECT_EQ(resolve_path("/cfg/dir", "/abs/x/", "/home/u"), "/abs/x");
  EXPECT_EQ(dir_name("a/b.ucl"), "a");
  EXPECT_EQ(dir_name("b.ucl"), ".");
  EXPECT_EQ(base_name("/x/y/b.ucl"), "b.ucl");
}

TEST(Path, NormalAbsoluteMatchesLexicalNormalisation) {
  for (std::string_view path :
       {"/", "/srv", "/srv/app", "/srv/app/", "//srv", "/srv//app", "/srv/./app", "/srv/.",
        "/srv/..", "/..", "/.", "srv/app", "", ".", "/a/.b/..c/...", "/srv/app.d/x-y"}) {
    std::string normal = std::filesystem::path(path).lexically_normal().string();
    if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
    bool unchanged = !path.empty() && path.front() == '/' && normal == path;
    EXPECT_EQ(is_normal_absolute(path), unchanged) << path;
  }
}

TEST(Path, FastPathResolvesAsTheFilesystemWay) {
  // Already-normal inputs skip std::filesystem; the answers must be the same.
  EXPECT_EQ(resolve_path("/cfg/dir", "/srv/app", "/home/u"), "/srv/app");
  EXPECT_EQ(resolve_path("/cfg/dir", "/", "/home/u"), "/");
  EXPECT_EQ(resolve_path("/cfg/dir", "/srv/./app", "/home/u"), "/srv/app");
  EXPECT_EQ(resolve_path("/cfg/dir/", ".", "/home/u"), "/cfg/dir");
  EXPECT_EQ(resolve_path("/cfg//dir", ".", "/home/u"), "/cfg/dir");
  EXPECT_EQ(resolve_path("cfg", ".", "/home/u"), "cfg");
  EXPECT_EQ(resolve_path("", ".", "/home/u"), ".");
}

TEST(Path, DetectsDotDot) {
  EXPECT_TRUE(has_dot_dot("/srv/.."));
  EXPECT_TRUE(has_dot_dot("../x"));
  EXPECT_FALSE(has_dot_dot("/srv/.../x"));
  EXPECT_FALSE(has_dot_dot(""));
  EXPECT_TRUE(has_dot_dot("/srv/../etc"));
  EXPECT_TRUE(has_dot_dot(".."));
  EXPECT_FALSE(has_dot_dot("/srv/..data/x"));
}

Result<int> half(int x) {
  if (x % 2 != 0) return make_error(ErrorCode::kUsage, "odd");
  return x / 2;
}

Result<int> quarter(int x) {
  ASSIGN_OR_RETURN(int h, half(x));
  ASSIGN_OR_RETURN(int q, half(h));
  return q;
}

Status check_even(int x) {
  TRY(half(x));
  return {};
}

TEST(Result, PropagatesErrorsAndValues) {
  EXPECT_EQ(*quarter(8), 2);
  Result<int> r = quarter(6);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "odd");
  EXPECT_EQ(r.error().code, ErrorCode::kUsage);
  EXPECT_TRUE(check_even(4).has_value());
  EXPECT_FALSE(check_even(3).has_value());
  Error e = make_error(ErrorCode::kRuntime, "boom").with_context("starting jail 'web'");
  ASSERT_EQ(e.context.size(), 1u);
  EXPECT_EQ(e.context[0], "starting jail 'web'");
}

}  // namespace
}  // namespace jrun
