// The freebsd driver's host and jail files: golden, checked against the grammar of their manual
// page for the constructs we emit (jail.conf(5), pf.conf(5)), and by the real validators we have
// (`monit -t`, `unbound-checkconf`, `sh -n`, shellcheck).

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "freebsd_test_support.h"
#include "jrun/base/strings.h"
#include "jrun/host/freebsd/host_files.h"
#include "jrun/host/freebsd/supervision.h"

namespace jrun::host::freebsd_driver {
namespace {

using namespace testing;  // NOLINT

// jail.conf(5), the constructs we emit: comments, `name {`, `param;`, `param = "value";`,
// `param += "value";`, `param += 'value';`, `}`. Values hold no quote or `\`, and `$` only in
// single quotes (jail.conf(5) substitutes variables in double-quoted strings, not in single-quoted
// ones); exec.* values are shell commands that must parse.
void expect_jail_conf_grammar(const std::string& text) {
  const std::regex open(R"(^[A-Za-z0-9_-]+ \{$)");
  const std::regex flag(R"(^  [a-z0-9_.]+;$)");
  const std::regex assign(R"(^  ([a-z0-9_.]+) (=|\+=) (\"[^"\\$]*\"|'[^'\\]*'|[0-9]+);$)");
  int depth = 0;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    if (std::regex_match(line, open)) {
      EXPECT_EQ(depth++, 0) << line;
    } else if (line == "}") {
      EXPECT_EQ(depth--, 1) << line;
    } else if (std::regex_match(line, m, assign)) {
      EXPECT_EQ(depth, 1) << line;
      if (m[1].str().rfind("exec.", 0) == 0 && m[1].str() != "exec.consolelog") {
        const std::string value = m[3].str().substr(1, m[3].str().size() - 2);
        EXPECT_EQ(run_shell("sh -n -c " + shell_quote(value)).status, 0) << line;
      }
    } else {
      EXPECT_TRUE(std::regex_match(line, flag)) << "not jail.conf(5) as we emit it: " << line;
      EXPECT_EQ(depth, 1) << line;
    }
  }
  EXPECT_EQ(depth, 0);
}

// pf.conf(5), the constructs we emit, in the order the manual requires: macros, options,
// normalization, translation, filtering (anchors and `load anchor` anywhere after macros).
void expect_pf_grammar(const std::string& text) {
  const std::vector<std::pair<std::regex, int>> kinds = {
      {std::regex(R"(^[a-z_]+ = "[A-Za-z0-9./]+"$)"), 0},
      {std::regex(R"(^set (block-policy return|skip on lo)$)"), 1},
      {std::regex(R"(^scrub in on \$ext_if all fragment reassemble$)"), 2},
      {std::regex(R"(^nat on \$ext_if inet from \$jrun_net to any -> \(\$ext_if:0\)$)"), 3},
      {std::regex(R"(^rdr-anchor "jrun/\*"$)"), 3},
      {std::regex(R"(^rdr pass on [a-z0-9]+ inet proto (tcp|udp) from any to )"
                  R"((\([a-z0-9]+\)|[0-9]{1,3}(\.[0-9]{1,3}){3}) )"
                  R"(port [0-9]{1,5} -> [0-9]{1,3}(\.[0-9]{1,3}){3} port [0-9]{1,5}$)"),
       3},
      {std::regex(R"(^block in all$)"), 4},
      {std::regex(R"(^pass out quick keep state$)"), 4},
      {std::regex(R"(^antispoof for \$ext_if inet$)"), 4},
      {std::regex(R"(^pass in quick on \$ext_if inet proto tcp from any to \(\$ext_if\) )"
                  R"(port \{ [0-9]+(, [0-9]+)* \} flags any keep state$)"),
       4},
      {std::regex(R"(^pass in quick on \$ext_if inet proto udp from any to \(\$ext_if\) )"
                  R"(port \{ [0-9]+(, [0-9]+)* \} keep state$)"),
       4},
      {std::regex(R"(^pass quick on \$jrun_if$)"), 4},
      {std::regex(R"(^anchor "jrun/\*"$)"), 4},
      {std::regex(R"(^load anchor "jrun/forwards" from "/etc/pf.anchors/jrun-forwards.conf"$)"), 4},
  };
  int last = 0;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    int rank = -1;
    for (const auto& [pattern, order] : kinds) {
      if (std::regex_match(line, pattern)) rank = order;
    }
    EXPECT_GE(rank, 0) << "not pf.conf(5) as we emit it: " << line;
    EXPECT_GE(rank, last) << "out of pf.conf(5) order: " << line;
    last = std::max(last, rank);
  }
}

TEST(FreebsdFiles, HostFilesAreGolden) {
  const FreeBsdLayout layout;
  const HostWiring wiring = example_wiring();
  check_golden("pf.conf", pf_conf(layout, wiring));
  check_golden("pf-forwards.conf", pf_forwards(layout, wiring));
  check_golden("unbound.conf", unbound_conf(layout, wiring));
  check_golden("unbound-jrun.conf", unbound_records(wiring));
  check_golden("devfs.rules", devfs_rules_block(layout));
}

// A FreeBSD host (not jrun's VM): its uplink, its resolvers, no default block in pf.
FreeBsdLayout host_layout() {
  FreeBsdLayout layout;
  layout.owns_host = false;
  layout.ext_if = "em0";
  layout.upstream_dns = "192.0.2.53,192.0.2.54";
  return layout;
}

void expect_unbound_accepts(std::string conf);

TEST(FreebsdFiles, HostLayoutFilesAreGolden) {
  HostWiring wiring = example_wiring();
  for (HostWiring::Forward& f : wiring.forwards) f.bind = "0.0.0.0";
  wiring.forwards[1].bind = "192.0.2.10";
  const std::string pf = pf_conf(host_layout(), wiring);
  check_golden("pf-host.conf", pf);
  check_golden("pf-forwards-host.conf", pf_forwards(host_layout(), wiring));
  check_golden("unbound-host.conf", unbound_conf(host_layout(), wiring));
  expect_pf_grammar(pf);
  expect_pf_grammar(pf_forwards(host_layout(), wiring));
  EXPECT_EQ(pf.find("block"), std::string::npos) << "a host keeps what it served before pf";
  EXPECT_NE(pf_forwards(host_layout(), wiring).find("to 192.0.2.10 port 8053"), std::string::npos);
}

TEST(FreebsdFiles, JailFilesAreGolden) {
  const FreeBsdLayout layout;
  const model::Jail jail = example_jail();
  check_golden("jail.conf", jail_conf(instance(jail), layout, example_wiring()));
  check_golden("fstab", jail_fstab(instance(jail), layout));
  check_golden("jail-resolv.conf", jail_resolv_conf(example_wiring()));
}

TEST(FreebsdFiles, PfTextFollowsTheGrammar) {
  FreeBsdLayout layout;
  expect_pf_grammar(pf_conf(layout, example_wiring()));
  expect_pf_grammar(pf_forwards(layout, example_wiring()));
  expect_pf_grammar(pf_forwards(layout, HostWiring{}));
  layout.open_ports = {22, 8080};
  expect_pf_grammar(pf_conf(layout, example_wiring()));
}

TEST(FreebsdFiles, ForwardsAreRenderedFromTheWholeWiring) {
  const std::string rules = pf_forwards(FreeBsdLayout{}, example_wiring());
  EXPECT_NE(rules.find("proto tcp from any to (vtnet0) port 8080 -> 10.17.89.10 port 80"),
            std::string::npos);
  EXPECT_NE(rules.find("proto udp from any to (vtnet0) port 8053 -> 10.17.89.10 port 53"),
            std::string::npos);
  const std::string names = unbound_records(example_wiring());
  EXPECT_NE(names.find("\"db.local.jrun. IN A 10.17.89.11\""), std::string::npos);
  EXPECT_NE(names.find("\"web.local.jrun. IN A 10.17.89.10\""), std::string::npos);
}

TEST(FreebsdFiles, JailConfFollowsTheGrammar) {
  const model::Jail jail = example_jail();
  expect_jail_conf_grammar(jail_conf(instance(jail), FreeBsdLayout{}, example_wiring()));
  model::Jail plain;
  plain.name = "7";  // numeric names are fine: the jail(8) name is "jrun-7"
  expect_jail_conf_grammar(jail_conf(instance(plain, "10.17.89.250"), FreeBsdLayout{}, {}));
}

TEST(FreebsdFiles, LimitsBecomeRctlRules) {
  EXPECT_EQ(
      rctl_rules(example_jail().limits),
      (std::vector<std::string>{"pcpu:deny=150", "memoryuse:deny=536870912", "maxproc:deny=256"}));
  EXPECT_TRUE(rctl_rules(model::Limits{}).empty());
}

// epair(4): jrun never names an epairN (another tool's, on a shared host); the cloner makes
// one and it is renamed at once (Bastille's lib/network.sh does the same). Run with a fake
// ifconfig(8) that hands out epair7.
TEST(FreebsdFiles, EpairsComeFromTheClonerAndAreRenamed) {
  const model::Jail jail = example_jail();
  const std::string conf = jail_conf(instance(jail), FreeBsdLayout{}, example_wiring());
  EXPECT_EQ(conf.find("epair10"), std::string::npos) << conf;
  EXPECT_NE(conf.find("vnet.interface = \"jrun10b\";"), std::string::npos) << conf;
  const std::size_t at = conf.find("exec.prestart += 'e=");
  ASSERT_NE(at, std::string::npos) << conf;
  const std::size_t from = conf.find('\'', at) + 1;
  const std::string command = conf.substr(from, conf.find('\'', from) - from);
  TempDir dir;
  write_file(dir.path() + "/ifconfig",
             "#!/bin/sh\ncase \"$*\" in \"epair create\") echo epair7a ;; *) echo \"$*\" >>\"" +
                 dir.path() + "/log\" ;; esac\n",
             0755);
  const Output run = run_shell("PATH=" + dir.path() + ":$PATH sh -c " + shell_quote(command));
  EXPECT_EQ(run.status, 0) << run.text;
  EXPECT_EQ(run_shell("cat " + dir.path() + "/log").text,
            "epair7a name jrun10a up\nepair7b name jrun10b up\n");
  const auto rc = jail_rc_settings(instance(jail), FreeBsdLayout{}, example_wiring());
  EXPECT_EQ(rc.front(), (std::pair<std::string, std::string>{"ifconfig_jrun10b_name", "vnet0"}));
}

// rctl(8) fails while RACCT is off, and jail(8) aborts on a failed exec.created: the rules
// apply only when the running kernel has RACCT (the guard, run with a fake sysctl).
TEST(FreebsdFiles, JailConfLimitsWaitForRacct) {
  const std::string conf = jail_conf(instance(example_jail()), FreeBsdLayout{}, example_wiring());
  const std::size_t at = conf.find("exec.created = '");
  ASSERT_NE(at, std::string::npos) << conf;
  const std::size_t from = at + 16;
  const std::string command = conf.substr(from, conf.find('\'', from) - from);
  EXPECT_NE(command.find("/usr/bin/rctl -a jail:jrun-web:pcpu:deny=150"), std::string::npos);
  TempDir dir;
  for (const char* racct : {"0", "1"}) {
    write_file(dir.path() + "/sysctl", std::string("#!/bin/sh\necho ") + racct + "\n", 0755);
    write_file(dir.path() + "/rctl", "#!/bin/sh\necho \"rctl $*\"\n", 0755);
    std::string local = command;
    for (const char* path : {"/sbin/sysctl", "/usr/bin/rctl"}) {
      const std::string name = std::string(path).substr(std::string(path).rfind('/'));
      local.replace(local.find(path), std::string(path).size(), dir.path() + name);
    }
    const Output run = run_shell("sh -c " + shell_quote(local));
    EXPECT_EQ(run.status, 0) << racct << ": " << run.text;
    EXPECT_EQ(run.text, std::string(racct) == "1" ? "rctl -a jail:jrun-web:pcpu:deny=150\n" : "");
  }
}

TEST(FreebsdFiles, EpairUnitIsTheHostPart) {
  EXPECT_EQ(epair_unit("10.17.89.10", "10.17.89.0/24"), "10");
  EXPECT_EQ(epair_unit("10.17.1.5", "10.17.0.0/16"), "261");
  EXPECT_THROW(epair_unit("x", "10.17.89.0/24"), std::invalid_argument);
}

TEST(FreebsdFiles, HostileMountPathsStayOneFstabField) {
  model::Jail jail;
  jail.name = "web";
  jail.mounts = {{"m", "/home/me/" + kHostile, "/srv/a b\tc", {}}};
  const std::string fstab = jail_fstab(instance(jail), FreeBsdLayout{});
  const std::vector<std::string> lines = split(fstab, '\n');
  ASSERT_EQ(lines.size(), 3U);  // comment, the mount, "" after the last newline
  EXPECT_EQ(split(lines[1], ' ').size(), 6U) << lines[1];
  EXPECT_NE(lines[1].find("/srv/a\\040b\\011c"), std::string::npos) << lines[1];
}

TEST(FreebsdFiles, ValuesOutsideThePlainSetAreRefused) {
  const model::Jail jail = example_jail();
  JailInstance bad = instance(jail, "10.17.89.10\"; exec.start += \"rm -rf /");
  EXPECT_THROW(jail_conf(bad, FreeBsdLayout{}, example_wiring()), std::invalid_argument);
  HostWiring wiring = example_wiring();
  wiring.jails[0].name = "a\"b";
  EXPECT_THROW(unbound_records(wiring), std::invalid_argument);
}

TEST(FreebsdFiles, UnboundAcceptsItsConfiguration) {
  if (!have("unbound-checkconf")) GTEST_SKIP() << "unbound-checkconf not installed";
  for (const FreeBsdLayout& layout : {FreeBsdLayout{}, host_layout()}) {
    expect_unbound_accepts(unbound_conf(layout, example_wiring()));
  }
}

void expect_unbound_accepts(std::string conf) {
  TempDir dir;
  conf = [&] {
    std::string out;
    for (const std::string& line : split(conf, '\n')) {
      std::string l = line;
      for (const char* from : {"/var/unbound", "/var/run"}) {
        const std::size_t at = l.find(from);
        if (at != std::string::npos) l.replace(at, std::string(from).size(), dir.path());
      }
      if (l.find("username:") != std::string::npos) l = "    username: \"\"";
      out += l + "\n";
    }
    return out;
  }();
  write_file(dir.path() + "/unbound.conf", conf, 0644);
  write_file(dir.path() + "/conf.d/jrun.conf", unbound_records(example_wiring()), 0644);
  // the mesh's peer records live in their own file and are kept when jrun.conf is rewritten
  write_file(dir.path() + "/conf.d/jrun-peers.conf",
             "server:\n    local-data: \"api.k3x9.jrun. IN AAAA 200::1\"\n", 0644);
  const Output check = run_shell("unbound-checkconf " + dir.path() + "/unbound.conf");
  EXPECT_EQ(check.status, 0) << check.text << conf;
}

TEST(FreebsdSupervision, FilesAreGolden) {
  const auto files = monit_files(example_jail(), 10);
  std::vector<std::string> paths;
  for (const JailFile& f : files) paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{
                "/usr/local/etc/jrun/exec/nginx.health", "/usr/local/etc/jrun/exec/nginx.run",
                "/usr/local/etc/jrun/exec/nginx.start", "/usr/local/etc/jrun/exec/nginx.stop",
                "/usr/local/etc/jrun/exec/worker.run", "/usr/local/etc/jrun/exec/worker.start",
                "/usr/local/etc/jrun/exec/worker.stop", "/usr/local/etc/monit.d/nginx.monitrc",
                "/usr/local/etc/monit.d/worker.monitrc", "/usr/local/etc/monitrc"}));
  for (const JailFile& f : files) {
    check_golden("monit-" + f.path.substr(f.path.rfind('/') + 1), f.content);
    if (f.mode == 0700) expect_clean_script(f.path, f.content);
  }
}

TEST(FreebsdSupervision, MonitAcceptsItsControlFiles) {
  if (!have("monit")) GTEST_SKIP() << "monit not installed";
  TempDir root;
  for (const JailFile& f : monit_files(example_jail(), 10, root.path())) {
    write_file(f.path, f.content, static_cast<int>(f.mode));
  }
  std::filesystem::create_directories(root.path() + "/var/db");
  std::filesystem::create_directories(root.path() + "/var/run");
  const Output check = run_shell("monit -t -c " + root.path() + "/usr/local/etc/monitrc");
  EXPECT_EQ(check.status, 0) << check.text;
}

TEST(FreebsdSupervision, MonitFilesHoldNoUserText) {
  model::Jail jail = example_jail();
  jail.execs[0].cmd = kHostile;
  jail.execs[0].env.push_back({"HOSTILE", kHostile});
  for (const JailFile& f : monit_files(jail, 10)) {
    if (f.mode != 0600) continue;
    for (const std::string& user :
         {std::string("nginx -g"), std::string("GREETING"), std::string("fetch -qo"), kHostile}) {
      EXPECT_EQ(f.content.find(user), std::string::npos) << f.path << " holds " << user;
    }
  }
}

// daemon(8): -T (a syslog tag) implies -S, so every line would also land, unrotated, in the
// jail's /var/log/messages.
TEST(FreebsdSupervision, ServiceOutputGoesOnlyToItsLog) {
  for (const JailFile& f : monit_files(example_jail(), 10)) {
    if (f.path.find(".start") == std::string::npos) continue;
    EXPECT_NE(f.content.find(" -o /var/log/jrun/"), std::string::npos) << f.content;
    EXPECT_EQ(f.content.find(" -T "), std::string::npos) << f.content;
    EXPECT_EQ(f.content.find(" -S "), std::string::npos) << f.content;
  }
}

TEST(FreebsdSupervision, CycleComesFromTheSetting) {
  const auto files = monit_files(example_jail(), 2);
  EXPECT_NE(files.back().content.find("set daemon 2\n"), std::string::npos);
  EXPECT_NE(monit_files(example_jail(), 0.2).back().content.find("set daemon 1\n"),
            std::string::npos);
}

// The wrappers run user values verbatim: env and dir as data, cmd through exactly one shell.
TEST(FreebsdSupervision, HostileValuesRunVerbatim) {
  TempDir root;
  std::filesystem::remove("/tmp/jrun-pwned");
  model::Jail jail;
  jail.name = "j";
  model::Exec exec;
  exec.name = "e";
  exec.dir = root.path() + "/dir with 'quotes' $(x) ;";
  exec.env = {{"V", kHostile}};
  exec.cmd = "printf '%s|' \"$V\" \"$(pwd)\" >\"$OUT\"";
  exec.healthcheck = model::Healthcheck{exec.cmd, 30, 10, 3};
  jail.execs = {exec};
  for (const JailFile& f : monit_files(jail, 10, root.path())) {
    write_file(f.path, f.content, static_cast<int>(f.mode));
  }
  for (const char* kind : {"run", "health"}) {
    const std::string out = root.path() + "/out-" + kind;
    const Output r =
        run_shell("OUT=" + out + " sh " + root.path() + "/usr/local/etc/jrun/exec/e." + kind);
    EXPECT_EQ(r.status, 0) << r.text;
    std::ifstream in(out, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), kHostile + "|" + exec.dir + "|") << kind;
  }
  EXPECT_FALSE(std::filesystem::exists("/tmp/jrun-pwned"));
}

}  // namespace
}  // namespace jrun::host::freebsd_driver
