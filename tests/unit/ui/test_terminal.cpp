// The terminal adapter's decisions and the completion engine.

#include <gtest/gtest.h>

#include "jrun/ui/completion.h"
#include "jrun/ui/terminal.h"

namespace jrun::ui {
namespace {

TEST(Terminal, ColourOnlyOnATerminalWithoutNoColor) {
  const Env utf8 = {{"LANG", "en_US.UTF-8"}, {"TERM", "xterm"}};
  EXPECT_TRUE(decide_style(true, 100, utf8).color);
  EXPECT_FALSE(decide_style(false, 100, utf8).color);
  Env no_color = utf8;
  no_color["NO_COLOR"] = "";
  EXPECT_FALSE(decide_style(true, 100, no_color).color);
  EXPECT_FALSE(decide_style(true, 100, {{"TERM", "dumb"}}).color);
}

TEST(Terminal, UnicodeFromTheLocaleWidthFromTheTerminal) {
  EXPECT_TRUE(decide_style(false, 0, {{"LANG", "C.UTF-8"}}).unicode);
  EXPECT_FALSE(decide_style(false, 0, {{"LC_ALL", "C"}, {"LANG", "C.UTF-8"}}).unicode);
  EXPECT_FALSE(decide_style(false, 0, {}).unicode);
  EXPECT_EQ(decide_style(true, 132, {{"COLUMNS", "90"}}).width, 132U);
  EXPECT_EQ(decide_style(false, 0, {{"COLUMNS", "90"}}).width, 90U);
  EXPECT_EQ(decide_style(true, 0, {{"COLUMNS", "junk"}}).width, 80U);
  EXPECT_EQ(decide_style(false, 0, {}).width, 1000U);
}

std::vector<CompletionCommand> commands() {
  return {{"status", "", {"--json", "--show", "--tree"}, {ArgKind::kJail}, {}, {}},
          {"down", "", {"--yes"}, {ArgKind::kJails}, {}, {}},
          {"up", "", {"--yes"}, {ArgKind::kConfigFile, ArgKind::kJails}, {}, {}},
          {"snapshot",
           "",
           {},
           {},
           {},
           {{"rollback", "", {"--yes"}, {ArgKind::kJail, ArgKind::kSnapshot}, {}, {}}}},
          {"completion", "", {}, {ArgKind::kChoice}, {"bash", "fish", "zsh"}, {}}};
}

CompletionSources sources() {
  CompletionSources s;
  s.jails = [] { return std::vector<std::string>{"web", "worker", "db"}; };
  s.snapshots = [](const std::string& jail) {
    return jail == "web" ? std::vector<std::string>{"before", "after"} : std::vector<std::string>{};
  };
  s.config_files = [](const std::string&) { return std::vector<std::string>{"stack.ucl"}; };
  return s;
}

TEST(Completion, CommandsFlagsJailsSnapshotsFiles) {
  using V = std::vector<std::string>;
  EXPECT_EQ(complete(commands(), {}, "s", sources()), (V{"snapshot", "status"}));
  EXPECT_EQ(complete(commands(), {"status"}, "w", sources()), (V{"web", "worker"}));
  EXPECT_EQ(complete(commands(), {"status"}, "--", sources()), (V{"--json", "--show", "--tree"}));
  EXPECT_EQ(complete(commands(), {"status", "--show"}, "", sources()),
            (V{"all", "ip", "services"}));
  EXPECT_EQ(complete(commands(), {"status", "web"}, "", sources()), V{});
  EXPECT_EQ(complete(commands(), {"down", "web"}, "", sources()), (V{"db", "worker"}));
  EXPECT_EQ(complete(commands(), {"up"}, "", sources()), V{"stack.ucl"});
  EXPECT_EQ(complete(commands(), {"up", "stack.ucl"}, "d", sources()), V{"db"});
  EXPECT_EQ(complete(commands(), {"snapshot"}, "", sources()), V{"rollback"});
  EXPECT_EQ(complete(commands(), {"snapshot", "rollback", "web"}, "", sources()),
            (V{"after", "before"}));
  EXPECT_EQ(complete(commands(), {"completion"}, "", sources()), (V{"bash", "fish", "zsh"}));
  EXPECT_EQ(complete(commands(), {"nope"}, "", sources()), V{});
}

TEST(Completion, ScriptsNameEveryCommand) {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    const std::string script = completion_script(shell, commands());
    EXPECT_NE(script.find("snapshot"), std::string::npos) << shell;
    EXPECT_NE(script.find("jrun __complete"), std::string::npos) << shell;
  }
  EXPECT_EQ(completion_script("tcsh", commands()), "");
}

}  // namespace
}  // namespace jrun::ui
