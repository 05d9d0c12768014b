// Setup steps: type, file | url, vars, sha256.

#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::only_error;

std::string step(const std::string& body) {
  return "jail \"web\" { setup { tools { " + body + " } } }";
}

TEST(SetupTest, FileIsResolvedAgainstTheConfigDirectory) {
  auto loaded = load(step("type = \"ansible\"; file = \"play.yml\";"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const SetupStep& s = loaded.config().jails[0].setup[0];
  EXPECT_EQ(s.name, "tools");
  EXPECT_EQ(s.type, "ansible");
  EXPECT_EQ(s.source, SetupSource::kFile);
  EXPECT_EQ(s.location, "/proj/play.yml");
  EXPECT_TRUE(s.vars.is_object());
  EXPECT_TRUE(s.vars.empty());
  EXPECT_FALSE(s.sha256.has_value());
}

TEST(SetupTest, StepsKeepFileOrder) {
  auto loaded =
      load("jail \"web\" { setup { z { url = \"hub://z/1\"; } a { url = \"hub://a/1\"; } } }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& steps = loaded.config().jails[0].setup;
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].name, "z");
  EXPECT_EQ(steps[1].name, "a");
}

TEST(SetupTest, UrlsAndPins) {
  auto loaded =
      load(step("url = \"https://example.com/p.yml\"; sha256 = "
                "\"9F86D081884C7D659A2FEAEA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A0\";"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const SetupStep& s = loaded.config().jails[0].setup[0];
  EXPECT_EQ(s.source, SetupSource::kUrl);
  EXPECT_EQ(s.location, "https://example.com/p.yml");
  EXPECT_EQ(s.sha256, "9f86d081884c7d659a2feaea0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0");
  EXPECT_TRUE(load(step("url = \"hub://postgres/16\";")).result.ok());
  EXPECT_TRUE(load(step("url = \"http://example.com/p.yml\";")).result.ok());
}

TEST(SetupTest, VarsBecomeJsonInFileOrder) {
  auto loaded = load(
      step("url = \"hub://x/1\"; vars { name = \"web\"; port = 8080; debug = false; ratio = 0.5; "
           "pkgs = [\"curl\", \"git\"]; mixed = [1, \"a\", true]; }"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_EQ(loaded.config().jails[0].setup[0].vars.dump(),
            R"({"name":"web","port":8080,"debug":false,"ratio":0.5,"pkgs":["curl","git"],)"
            R"("mixed":[1,"a",true]})");
}

TEST(SetupTest, SourceMistakes) {
  EXPECT_EQ(only_error(step("vars { a = 1; }")).message,
            "missing `file` or `url` in setup `tools` of jail `web`");
  EXPECT_EQ(only_error(step("file = \"play.yml\"; url = \"hub://x/1\";")).message,
            "setup `tools` of jail `web` has both `file` and `url`");
  Diagnostic url_as_file = only_error(step("file = \"https://x.org/p.yml\";"));
  EXPECT_EQ(url_as_file.message, "`file` \"https://x.org/p.yml\" looks like a URL");
  EXPECT_EQ(url_as_file.hint, "use `url` instead");
  Diagnostic path_as_url = only_error(step("url = \"play.yml\";"));
  EXPECT_EQ(path_as_url.message,
            "`url` must start with https://, http:// or hub://, got \"play.yml\"");
  EXPECT_EQ(path_as_url.hint, "for a playbook on this machine use `file`");
}

TEST(SetupTest, FileMustExistAndBeAFile) {
  Diagnostic missing = only_error(step("file = \"nope.yml\";"));
  EXPECT_EQ(missing.message, "`file` path \"nope.yml\" does not exist");
  EXPECT_EQ(
      missing.hint,
      "resolved to /proj/nope.yml (relative paths start at the directory of the config file)");
  EXPECT_EQ(only_error(step("file = \"site\";")).message,
            "`file` path \"site\" is a directory, not a playbook file");
}

TEST(SetupTest, TypeVarsAndShaMistakes) {
  EXPECT_EQ(only_error(step("type = \"chef\"; url = \"hub://x/1\";")).message,
            "`type` must be \"ansible\", got \"chef\"");
  EXPECT_EQ(only_error(step("url = \"hub://x/1\"; vars { a { b = 1; } }")).message,
            "`a` must be a string, number, boolean or a list of those, got an object");
  EXPECT_EQ(only_error(step("url = \"hub://x/1\"; vars { a = [[1]]; }")).message,
            "`a` must be a string, number, boolean or a list of those, got an array");
  EXPECT_EQ(only_error(step("url = \"hub://x/1\"; vars { \"a-b\" = 1; }")).message,
            "invalid Ansible variable name `a-b`");
  EXPECT_EQ(only_error(step("url = \"hub://x/1\"; sha256 = \"abc\";")).message,
            "`sha256` must be 64 hexadecimal digits");
  EXPECT_EQ(
      only_error(step("file = \"play.yml\"; sha256 = \"" + std::string(64, 'a') + "\";")).message,
      "`sha256` pins a downloaded playbook; it does not apply to `file`");
}

}  // namespace
}  // namespace jrun::model
