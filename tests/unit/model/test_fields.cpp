// The internal pieces every loader shares: lazily spelt scopes and the per-load path cache.

#include <gtest/gtest.h>

#include "jrun/model/fields.h"
#include "test_support.h"

namespace jrun::model::detail {
namespace {

TEST(ScopeTest, BlocksAndEntriesSpellTheirPathAndNoun) {
  Scope top{"", "the config file", Location{1, 1, 1}};
  Scope jail = Scope::entry(top, "jail", "jail", "web", Location{1, 2, 6});
  Scope forward = Scope::entry(jail, "forward", "forward", "http", Location{1, 3, 11});
  Scope limits = Scope::block(jail, "limits", Location{1, 4, 3});
  Scope base = Scope::block(top, "base", Location{1, 9, 1});
  Scope step = Scope::entry(base, "setup", "setup", "site", {});  // must outlive `vars`
  Scope vars = Scope::block(step, "vars", {});

  EXPECT_EQ(top.field(), "");
  EXPECT_EQ(top.at("jail"), "jail");
  EXPECT_EQ(jail.field(), "jail.web");
  EXPECT_EQ(jail.noun(), "jail `web`");
  EXPECT_EQ(forward.field(), "jail.web.forward.http");
  EXPECT_EQ(forward.noun(), "forward `http` of jail `web`");
  EXPECT_EQ(forward.at("host"), "jail.web.forward.http.host");
  EXPECT_EQ(forward.loc.line, 3u);
  EXPECT_EQ(limits.field(), "jail.web.limits");
  EXPECT_EQ(limits.noun(), "`limits` of jail `web`");
  EXPECT_EQ(base.field(), "base");
  EXPECT_EQ(base.noun(), "the base block");
  EXPECT_EQ(vars.field(), "base.setup.site.vars");
  EXPECT_EQ(vars.noun(), "`vars` of setup `site` of the base block");
}

TEST(ScopeTest, GivenTextsComeBackAsGiven) {
  Scope top{"", "the config file", {}};
  Scope dependency{"jail.web.depends.db", "dependency `db` of jail `web`", {}};
  Scope inner = Scope::block(dependency, "condition", {});
  EXPECT_EQ(dependency.field(), "jail.web.depends.db");
  EXPECT_EQ(dependency.noun(), "dependency `db` of jail `web`");
  EXPECT_EQ(inner.field(), "jail.web.depends.db.condition");
  EXPECT_EQ(inner.noun(), "`condition` of dependency `db` of jail `web`");
}

// Counts what the loader asks the file system.
class CountingFileSystem : public testing::MemoryFileSystem {
 public:
  bool exists(const std::string& path) const override {
    ++asked;
    return MemoryFileSystem::exists(path);
  }
  bool is_directory(const std::string& path) const override {
    ++asked;
    return MemoryFileSystem::is_directory(path);
  }
  mutable int asked = 0;
};

TEST(SinkTest, PathFactsAreAskedOncePerPath) {
  CountingFileSystem fs;
  fs.dir("/proj/site").file("/proj/play.yml");
  ValidationContext context;
  context.fs = &fs;
  Sink sink(context);
  EXPECT_TRUE(sink.path_facts("/proj/site").exists);
  int first = fs.asked;
  EXPECT_GT(first, 0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(sink.path_facts("/proj/site").exists);
    EXPECT_TRUE(sink.path_facts("/proj/site").directory);
  }
  EXPECT_EQ(fs.asked, first);
  EXPECT_TRUE(sink.path_facts("/proj/play.yml").exists);
  EXPECT_FALSE(sink.path_facts("/proj/play.yml").directory);
  EXPECT_FALSE(sink.path_facts("/proj/nope").exists);
  EXPECT_FALSE(sink.path_facts("/proj/nope").directory);
  EXPECT_GT(fs.asked, first);
  int total = fs.asked;
  sink.path_facts("/proj/nope");
  sink.path_facts("/proj/play.yml");
  EXPECT_EQ(fs.asked, total);
}

}  // namespace
}  // namespace jrun::model::detail
