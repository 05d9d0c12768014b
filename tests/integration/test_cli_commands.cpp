// Commands seen only through the binary: `config check` and `config dump` (exit codes, output,
// --json, --var), `doctor`'s facts about this machine (it finds what scripts/install-deps.sh
// installed; a tool PATH hides is reported missing), and `ssh JAIL` into a login shell (tmux).
// Resources: bridge jrq0, subnet 10.231.83.0/24, tmux sockets jrun-ssh-<pid>.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

constexpr const char* kValid = R"(# two jails
jail "web" {
  mount { site { host = "site"; jail = "$JPATH"; } }
  exec { s { cmd = "echo $GREETING"; } }
}
jail "db" { exec { s { cmd = "sleep 100"; } } }
)";

constexpr const char* kInvalid = R"(jail "web" {
  exec { s { comand = "true"; } }
}
)";

class CliCommands : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrq0";
    subnet_ = "10.231.83.0/24";
    CliTest::SetUp();
  }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
    return dir_ + "/" + name;
  }
  /// The doctor table's line for `check`, "" when there is none.
  static std::string row(const std::string& table, const std::string& check) {
    for (const std::string& line : split(table, '\n')) {
      const std::string text(trim(line));
      const std::size_t blank = text.find(' ');
      if (blank == std::string::npos) continue;
      const std::string rest(trim(text.substr(blank)));
      if (rest.rfind(check + " ", 0) == 0) return line;
    }
    return "";
  }
};

TEST_F(CliCommands, ConfigCheckAcceptsAValidFileWithItsVars) {
  const std::string file = write("valid.ucl", kValid);
  JrunRun ok = jrun({"config", "check", file, "--var", "JPATH=/srv/site"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("valid.ucl: valid (2 jails)"));
  EXPECT_EQ(ok.err, "");
  // Without the variable the path is the text "$JPATH": an error at its line and column.
  JrunRun no_var = jrun({"config", "check", file});
  EXPECT_EQ(no_var.exit_code, 2) << no_var.out;
  EXPECT_THAT(no_var.err, HasSubstr("valid.ucl:3:40: error: `jail` must be an absolute path, "
                                    "got \"$JPATH\""));
  EXPECT_THAT(no_var.out, Not(HasSubstr("valid (")));
  JrunRun relative = jrun({"config", "check", file, "--var", "JPATH=srv"});
  EXPECT_EQ(relative.exit_code, 2);
  EXPECT_THAT(relative.err, HasSubstr("got \"srv\""));
}

TEST_F(CliCommands, ConfigCheckNamesEveryProblemAndExitsTwo) {
  JrunRun bad = jrun({"config", "check", write("invalid.ucl", kInvalid)});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("invalid.ucl:2:10: error: missing `cmd`"));
  EXPECT_THAT(bad.err, HasSubstr("invalid.ucl:2:14: error: unknown key `comand`"));
  EXPECT_THAT(bad.err, HasSubstr("did you mean `cmd`?"));
  EXPECT_THAT(bad.err, HasSubstr("2 problems found"));
  EXPECT_THAT(bad.out, Not(HasSubstr("valid (")));
  JrunRun syntax = jrun({"config", "check", write("syntax.ucl", "jail \"a\" {\n  x = [1, 2\n")});
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_THAT(syntax.err, HasSubstr("syntax.ucl:3:1: error: expected `]`"));
  JrunRun missing = jrun({"config", "check", dir_ + "/nope.ucl"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("nope.ucl"));
}

TEST_F(CliCommands, ConfigDumpWritesUclOrJsonWithVarsExpanded) {
  const std::string file = write("valid.ucl", kValid);
  JrunRun json = jrun(
      {"config", "dump", file, "--json", "--var", "JPATH=/srv/site", "--var", "GREETING=hi there"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["jail"][0]["web"]["mount"]["site"]["jail"], "/srv/site");
  EXPECT_EQ(doc["jail"][0]["web"]["exec"]["s"]["cmd"], "echo hi there");
  EXPECT_EQ(doc["jail"][1]["db"]["exec"]["s"]["cmd"], "sleep 100");

  JrunRun ucl = jrun({"config", "dump", file, "--var", "JPATH=/srv/site"});
  ASSERT_EQ(ucl.exit_code, 0) << ucl.err;
  EXPECT_THAT(ucl.out, HasSubstr("jail = \"/srv/site\";"));
  // Undefined: kept; its `$` written as \u0024, so that reading it back expands nothing.
  EXPECT_THAT(ucl.out, HasSubstr("\"echo \\u0024GREETING\""));
  // The UCL it writes reads back to the same tree.
  JrunRun again = jrun({"config", "dump", write("dumped.ucl", ucl.out), "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  JrunRun first = jrun({"config", "dump", file, "--json", "--var", "JPATH=/srv/site"});
  EXPECT_EQ(nlohmann::json::parse(again.out), nlohmann::json::parse(first.out));

  JrunRun bad = jrun({"config", "dump", write("syntax.ucl", "a = [1,\n")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("syntax.ucl:2:1: error: expected `]`"));
  EXPECT_EQ(bad.out, "");
}

// What doctor looks for on the local provider, and the package of scripts/install-deps.sh that
// brings it.
const std::vector<std::string> kInstalled = {"ssh",  "ansible-playbook", "monit", "nft",
                                             "tini", "nsenter",          "ip"};

TEST_F(CliCommands, DoctorFindsWhatInstallDepsInstalled) {
  JrunRun doctor = jrun({"doctor"});
  EXPECT_EQ(doctor.exit_code, 0) << doctor.out << doctor.err;
  for (const std::string& check : kInstalled) {
    const std::string line = row(doctor.out, check);
    ASSERT_FALSE(line.empty()) << check << " not checked:\n" << doctor.out;
    EXPECT_THAT(line, HasSubstr("found")) << doctor.out;
    EXPECT_THAT(line, Not(HasSubstr("not found"))) << doctor.out;
  }
  for (const char* check : {"root", "PID namespaces", "overlayfs"}) {
    EXPECT_THAT(row(doctor.out, check), Not(IsEmpty())) << check << "\n" << doctor.out;
  }
  EXPECT_THAT(doctor.out, Not(HasSubstr("fix:")));
  EXPECT_THAT(doctor.out, HasSubstr("Everything jrun needs is here."));
  // The VM provider's tools too: QEMU for this machine's arch, qemu-img, the UEFI firmware.
  const std::string arch(trim(sh("uname -m").out));
  host::ProcessResult vm = sh("JRUN_PROVIDER=vm JRUN_HOME=" + shell_quote(home_) + " NO_COLOR=1 " +
                              shell_quote(std::getenv("JRUN_BINARY")) + " doctor");
  for (const char* check : {arch == "aarch64" ? "qemu-system-aarch64" : "qemu-system-x86_64",
                            "qemu-img", "UEFI firmware"}) {
    const std::string line = row(vm.out, check);
    ASSERT_FALSE(line.empty()) << check << " not checked:\n" << vm.out;
    EXPECT_THAT(line, Not(HasSubstr("not found"))) << vm.out;
  }
}

TEST_F(CliCommands, DoctorReportsAToolPathHides) {
  // A PATH with every checked tool but monit (doctor also looks in /usr/sbin and /sbin; monit
  // is in /usr/bin).
  const std::string bin = dir_ + "/bin";
  fs::create_directories(bin);
  for (const std::string& tool : kInstalled) {
    if (tool == "monit") continue;
    const std::string found = std::string(trim(sh("command -v " + tool).out));
    ASSERT_FALSE(found.empty()) << tool;
    fs::create_symlink(found, bin + "/" + tool);
  }
  ASSERT_FALSE(fs::exists("/usr/sbin/monit") || fs::exists("/sbin/monit"));
  extra_env_.push_back({"PATH", bin});
  JrunRun doctor = jrun({"doctor"});
  EXPECT_EQ(doctor.exit_code, 1) << doctor.out;
  EXPECT_THAT(row(doctor.out, "monit"), HasSubstr("not found")) << doctor.out;
  EXPECT_THAT(doctor.out, HasSubstr("monit"));
  EXPECT_THAT(row(doctor.out, "tini"), Not(HasSubstr("not found"))) << doctor.out;
}

TEST_F(CliCommands, SshOpensALoginShellInTheJail) {
  ASSERT_EQ(sh("command -v tmux").exit_code, 0) << "tmux is installed by scripts/install-deps.sh";
  ASSERT_EQ(
      jrun({"up", write_config(R"(jail "alpha" { exec { s { cmd = "exec sleep 100000"; } } })")})
          .exit_code,
      0);
  const std::string tmux = "tmux -L jrun-ssh-" + std::to_string(::getpid());
  std::string env;
  for (const auto& [k, v] : jrun_env()) env += k + "=" + shell_quote(v) + " ";
  ASSERT_EQ(sh(tmux + " new-session -d -x 100 -y 30 " +
               shell_quote("env " + env + "TERM=xterm PS1='$ ' bash --norc"))
                .exit_code,
            0);
  auto wait_screen = [&](const std::string& text) {
    std::string pane;
    for (const auto until = Clock::now() + std::chrono::seconds(30); Clock::now() < until;) {
      pane = sh(tmux + " capture-pane -p -S -100").out;
      if (pane.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pane;
  };
  auto type = [&](const std::string& line) {
    sh(tmux + " send-keys -l " + shell_quote(line));
    sh(tmux + " send-keys Enter");
  };
  type(shell_quote(std::getenv("JRUN_BINARY")) + " ssh alpha");
  // In the jail: its own PID namespace (PID 1 is tini), a login shell.
  type("echo \"in-$((6*7)) pid1=$(cat /proc/1/comm) login=$(shopt -q login_shell && echo yes)\"");
  const std::string pane = wait_screen("in-42");
  EXPECT_THAT(pane, HasSubstr("in-42 pid1=tini login=yes")) << pane;
  type("exit");
  type("echo \"back rc=$?\"");
  EXPECT_THAT(wait_screen("back rc=0"), HasSubstr("back rc=0"));
  sh(tmux + " kill-server");
}

}  // namespace
}  // namespace jrun::testing
