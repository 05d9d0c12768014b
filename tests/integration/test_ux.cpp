// The everyday UX through the real binary on the local provider: `status --json` against
// docs/status-schema.json, the table/tree/detail views, logs prefixed per service and followed
// across a restart, completion scripts in bash, and the interactive shell and live monitor
// driven in tmux (send-keys, capture-pane).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// A small JSON Schema validator: the keywords docs/status-schema.json uses (type, const,
// enum, required, properties, additionalProperties: false, items). Returns the problems.
bool type_matches(const Json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

void validate(const Json& schema, const Json& value, const std::string& where,
              std::vector<std::string>& problems) {
  if (schema.contains("const") && value != schema["const"]) problems.push_back(where + ": const");
  if (schema.contains("type")) {
    bool ok = false;
    for (const Json& t :
         schema["type"].is_array() ? schema["type"] : Json::array({schema["type"]})) {
      ok = ok || type_matches(value, t.get<std::string>());
    }
    if (!ok) problems.push_back(where + ": wrong type " + value.dump());
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problems.push_back(where + ": " + value.dump() + " not in enum");
  }
  if (value.is_object()) {
    for (const Json& key : schema.value("required", Json::array())) {
      if (!value.contains(key.get<std::string>()))
        problems.push_back(where + ": missing " + key.dump());
    }
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        validate(properties[key], item, where + "." + key, problems);
      } else if (schema.value("additionalProperties", true) == false) {
        problems.push_back(where + ": unexpected " + key);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      validate(schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

class UxTest : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jru0";
    subnet_ = "10.231.40.0/24";
    CliTest::SetUp();
  }
  void TearDown() override {
    if (!tmux_.empty()) {
      sh(tmux_ + " kill-server 2>/dev/null; rm -f \"${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/jrun-ux-" +
         std::to_string(::getpid()) + "\"");
    }
    CliTest::TearDown();
  }

  std::string config() {
    return write_config(R"(jail "web" {
  forward { http { host = 18410; jail = 8080; } }
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec {
    server {
      cmd = "python3 -m http.server 8080 --bind 0.0.0.0";
      dir = "/srv/site";
      healthcheck { test = "true"; interval = 2s; }
    }
    ticker { cmd = "echo ticker-started; exec sleep 100000"; }
  }
}
)");
  }

  /// Polls `jrun args` until its output contains `text`; returns the last output.
  std::string wait_for(const std::vector<std::string>& args, const std::string& text) {
    std::string out;
    const auto until = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < until) {
      out = jrun(args).out;
      if (out.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return out;
  }

  /// A tmux server of this test (socket jrun-ux-<pid>) running `command` in a 120x40 window.
  void tmux_start(const std::string& command) {
    tmux_ = "tmux -L jrun-ux-" + std::to_string(::getpid());
    std::string env;
    for (const auto& [k, v] : jrun_env()) {
      if (k != "NO_COLOR") env += k + "=" + shell_quote(v) + " ";
    }
    ASSERT_EQ(sh(tmux_ + " new-session -d -x 120 -y 40 -c " + shell_quote(dir_) + " " +
                 shell_quote("env " + env + "LANG=C.UTF-8 TERM=xterm PS1='$ ' " + command))
                  .exit_code,
              0);
  }
  void keys(const std::string& literal) { sh(tmux_ + " send-keys -l " + shell_quote(literal)); }
  void key(const std::string& name) { sh(tmux_ + " send-keys " + name); }
  std::string screen() { return sh(tmux_ + " capture-pane -p -S -100").out; }
  /// Waits until the pane shows `text`; returns the pane.
  std::string wait_screen(const std::string& text) {
    std::string pane;
    const auto until = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < until) {
      pane = screen();
      if (pane.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pane;
  }
  std::string jrun_binary() const { return std::getenv("JRUN_BINARY"); }

  std::string tmux_;
};

TEST_F(UxTest, StatusJsonMatchesItsSchemaAndTheViewsShowTheJail) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  wait_for({"status", "web"}, "healthy");
  // A jail directory jrun did not record shows as unmanaged.
  std::filesystem::create_directories(home_ + "/linux/jails/stray");
  JrunRun json = jrun({"status", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::ifstream in(std::string(JRUN_SOURCE_DIR) + "/docs/status-schema.json");
  const Json schema = Json::parse(in);
  const Json doc = Json::parse(json.out);
  std::vector<std::string> problems;
  validate(schema, doc, "$", problems);
  EXPECT_TRUE(problems.empty()) << join(problems, "\n") << "\n" << json.out;
  ASSERT_EQ(doc["jails"].size(), 2U);
  const Json& web = doc["jails"][0];  // recorded jails first, then unmanaged ones
  EXPECT_EQ(web["name"], "web");
  EXPECT_EQ(web["ports"][0]["host"], 18410);
  ASSERT_EQ(web["services"].size(), 2U);
  for (const Json& service : web["services"]) {
    EXPECT_EQ(service["health"], service["name"] == "server" ? Json("passing") : Json(nullptr));
    EXPECT_EQ(service["status"], "ok");
    EXPECT_TRUE(service["memory_bytes"].is_number_integer()) << service.dump();
    EXPECT_EQ(service["restarts"], 0);
  }
  EXPECT_FALSE(doc["jails"][1]["managed"].get<bool>());

  const std::string table = jrun({"status", "--show", "all"}).out;
  EXPECT_THAT(table, HasSubstr("tcp/18410 → 8080"));
  EXPECT_THAT(table, HasSubstr("stray  unmanaged"));
  EXPECT_THAT(table, HasSubstr("server healthy"));
  EXPECT_THAT(jrun({"status", "--tree"}).out, HasSubstr("── web  up"));
  const std::string detail = jrun({"status", "web"}).out;
  EXPECT_THAT(detail, HasSubstr("restarts"));
  EXPECT_THAT(detail, HasSubstr("ticker"));
  JrunRun live = jrun({"status", "--live"});
  EXPECT_EQ(live.exit_code, 2);
  EXPECT_THAT(live.err, HasSubstr("--live needs a jail"));
  std::filesystem::remove(home_ + "/linux/jails/stray");
}

TEST_F(UxTest, LogsArePrefixedPerServiceAndFollowedAcrossARestart) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  EXPECT_THAT(wait_for({"logs", "web"}, "ticker-started"), HasSubstr("ticker | ticker-started"));
  EXPECT_EQ(jrun({"logs", "web", "ticker"}).out, "ticker-started\n");
  // Follow in the background, kill the service, and see its second start arrive.
  const std::string out = dir_ + "/follow.out";
  std::string env;
  for (const auto& [k, v] : jrun_env()) env += k + "=" + shell_quote(v) + " ";
  // setsid: the runner of sh() ends its whole process group when the shell returns.
  sh("setsid -f sh -c " +
     shell_quote("echo $$ >" + dir_ + "/follow.pid; exec env " + env + shell_quote(jrun_binary()) +
                 " logs web -f -n 5 >" + out + " 2>&1"));
  // Following once the existing line is out (-n 5 shows it); only then the restart.
  for (int i = 0; i < 300 && sh("cat " + out).out.find("ticker-started") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  jrun({"cmd", "web", "pkill", "-f", "sleep 100000"});
  std::string text;
  const auto until = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < until) {
    text = sh("cat " + out).out;
    std::size_t first = text.find("ticker-started");
    if (first != std::string::npos && text.find("ticker-started", first + 1) != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  sh("kill $(cat " + dir_ + "/follow.pid) 2>/dev/null; pkill -f 'tail -n 5 -F' 2>/dev/null");
  const std::size_t first = text.find("ticker | ticker-started");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_NE(text.find("ticker | ticker-started", first + 1), std::string::npos) << text;
  EXPECT_THAT(jrun({"status", "web"}).out, HasSubstr("ticker"));
}

// Every line a service prints gets its UTC time: `--since` keeps the lines from a point on,
// `-t` shows the stamps, and without either the lines print as the service wrote them.
TEST_F(UxTest, LogsSinceFiltersLinesByTheirTime) {
  ASSERT_EQ(jrun({"up", write_config(R"(jail "clock" {
  exec { talk { cmd = "echo before; sleep 2; echo after; exec sleep 100000"; } }
}
)")})
                .exit_code,
            0);
  EXPECT_EQ(wait_for({"logs", "clock", "talk"}, "after"), "before\nafter\n");
  const std::vector<std::string> lines = split(jrun({"logs", "clock", "talk", "-t"}).out, '\n');
  ASSERT_EQ(lines.size(), 3U);
  ASSERT_EQ(lines[0].size(), 27U) << lines[0];  // "2026-11-28T19:00:00Z before"
  EXPECT_EQ(lines[0].substr(20), " before");
  EXPECT_EQ(lines[1].substr(20), " after");
  const std::string before = lines[0].substr(0, 20);
  const std::string after = lines[1].substr(0, 20);
  ASSERT_LT(before, after);
  EXPECT_EQ(jrun({"logs", "clock", "--since", after}).out, "talk | after\n");
  EXPECT_EQ(jrun({"logs", "clock", "talk", "--since", before}).out, "before\nafter\n");
  EXPECT_EQ(jrun({"logs", "clock", "talk", "--since", "1h"}).out, "before\nafter\n");
  EXPECT_EQ(jrun({"logs", "clock", "talk", "--since", "2999-01-01"}).out, "");
  EXPECT_EQ(jrun({"logs", "clock", "talk", "--since", "1h", "-n", "1"}).out, "after\n");
  JrunRun bad = jrun({"logs", "clock", "--since", "yesterday"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--since 'yesterday'"));
}

TEST_F(UxTest, CompletionScriptsLoadAndCompleteAJailName) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  const std::string script = dir_ + "/jrun.bash";
  std::ofstream(script) << jrun({"completion", "bash"}).out;
  EXPECT_EQ(sh("bash -n " + script).exit_code, 0);
  std::string env;
  for (const auto& [k, v] : jrun_env()) env += "export " + k + "=" + shell_quote(v) + "; ";
  const std::string bin_dir = std::filesystem::path(jrun_binary()).parent_path().string();
  auto r = sh(env + "PATH=" + shell_quote(bin_dir) + ":$PATH bash -c " +
              shell_quote(". " + script +
                          "; COMP_WORDS=(jrun status w); COMP_CWORD=2; _jrun; "
                          "echo \"${COMPREPLY[*]}\"; COMP_WORDS=(jrun stat); COMP_CWORD=1; _jrun; "
                          "echo \"${COMPREPLY[*]}\""));
  EXPECT_EQ(r.out, "web\nstatus\n") << r.err;
  for (const std::string shell : {"zsh", "fish"}) {
    if (sh("command -v " + shell).exit_code != 0) continue;
    std::ofstream(dir_ + "/jrun." + shell) << jrun({"completion", shell}).out;
    EXPECT_EQ(sh(shell + " -n " + dir_ + "/jrun." + shell).exit_code, 0) << shell;
  }
}

TEST_F(UxTest, ShellCompletesRunsAWizardKeepsHistoryAndLeavesASaneTerminal) {
  if (sh("command -v tmux").exit_code != 0) GTEST_SKIP() << "tmux not installed";
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  tmux_start("bash --norc");
  keys(jrun_binary());
  key("Enter");
  wait_screen("jrun ›");
  keys("status w");
  key("Tab");
  EXPECT_THAT(wait_screen("status web"), HasSubstr("jrun › status web"));
  key("Enter");
  EXPECT_THAT(wait_screen("restarts"), HasSubstr("ticker"));
  // The cmd wizard: pick the jail, then the program.
  keys("cmd");
  key("Enter");
  // An arrow-key picker on this terminal; "1" jumps to the first entry.
  EXPECT_THAT(wait_screen("Run command in:"), HasSubstr("❯ web"));
  keys("1");
  key("Enter");
  wait_screen("Executable (with args):");
  keys("sh -c 'echo wizard-$((6*7))'");
  key("Enter");
  EXPECT_THAT(wait_screen("wizard-42"), HasSubstr("wizard-42"));
  keys("nonsense");
  key("Enter");
  EXPECT_THAT(wait_screen("unknown command"), HasSubstr("unknown command: nonsense"));
  keys("exit");
  key("Enter");
  wait_screen("Bye.");
  // History survives a restart: Up recalls the last line. The screen and the scrollback are
  // cleared first, so the line can only come back through the recall.
  keys("clear");
  key("Enter");
  sh(tmux_ + " clear-history");
  for (int i = 0; i < 100 && screen().find("nonsense") != std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_THAT(screen(), ::testing::Not(HasSubstr("nonsense")));
  keys(jrun_binary());
  key("Enter");
  wait_screen("jrun ›");
  // The last line was `exit`, the one before it `nonsense`.
  key("Up");
  EXPECT_THAT(wait_screen("jrun › exit"), HasSubstr("jrun › exit"));
  key("Up");
  EXPECT_THAT(wait_screen("jrun › nonsense"), HasSubstr("jrun › nonsense"));
  key("C-c");
  wait_screen("Bye!");
  keys("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '");
  key("Enter");
  EXPECT_THAT(wait_screen("echo icanon"), HasSubstr("echo icanon"));
  std::ifstream history(home_ + "/history");
  EXPECT_TRUE(history.good());
}

TEST_F(UxTest, LiveMonitorDrawsSparklinesAndCtrlCRestoresTheTerminal) {
  if (sh("command -v tmux").exit_code != 0) GTEST_SKIP() << "tmux not installed";
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  tmux_start("bash --norc");
  keys(jrun_binary() + " status web --live --interval 1");
  key("Enter");
  const std::string frame = wait_screen("Ctrl-C to exit");
  EXPECT_THAT(frame, HasSubstr("sampling every 1s"));
  EXPECT_THAT(frame, HasSubstr("server"));
  key("C-c");
  EXPECT_THAT(wait_screen("Stopped."), HasSubstr("Stopped."));
  keys("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '");
  key("Enter");
  EXPECT_THAT(wait_screen("echo icanon"), HasSubstr("echo icanon"));
}

}  // namespace
}  // namespace jrun::testing
