// Setup steps through the real binary: real ansible-playbook inside Linux jails, real HTTP on
// 127.0.0.1 for the hub (a fixture hub built by the test). Resources: bridge jrp0, subnet
// 10.231.30.0/24, ports 18300-18399.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "cli_fixture.h"
#include "fakes/http_test_server.h"
#include "jrun/base/sha256.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ProvisionTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    bridge_ = "jrp0";
    subnet_ = "10.231.30.0/24";
  }

  void write(const std::string& relative, const std::string& text) {
    std::filesystem::path path = std::filesystem::path(dir_) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

  /// Starts the fixture hub and points JRUN_HUB_RAW_URL at it.
  void start_hub() {
    hub_ = std::make_unique<HttpTestServer>(18300, 18399);
    extra_env_ = {{"JRUN_HUB_RAW_URL", hub_->url("/hub")}};
  }

  /// Publishes playbooks/demo/<channel>/ at `ref` with a manifest; returns the manifest.
  std::string publish(const std::string& ref, const std::string& channel,
                      const std::vector<std::pair<std::string, std::string>>& files) {
    std::string base = "/hub/" + ref + "/playbooks/demo/" + channel + "/";
    std::string manifest;
    for (const auto& [path, content] : files) {
      hub_->serve(base + path, content);
      manifest += sha256_hex(content) + "  " + path + "\n";
    }
    hub_->serve(base + "jrun.manifest", manifest);
    return manifest;
  }

  /// Requests of the hub for anything but a manifest.
  std::vector<std::string> file_requests() const {
    std::vector<std::string> out;
    for (const std::string& r : hub_->requests()) {
      if (r.find("jrun.manifest") == std::string::npos) out.push_back(r);
    }
    return out;
  }

  std::string in_jail(const std::string& jail, const std::string& command) {
    return jrun({"cmd", jail, "/bin/sh", "-c", command}).out;
  }

  std::unique_ptr<HttpTestServer> hub_;
};

std::string marker_playbook(const std::string& name, const std::string& extra = "") {
  return "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: mark " + name +
         "\n      ansible.builtin.shell: echo run >> /var/log/" + name + "-runs\n" + extra;
}

constexpr const char* kSitePlaybook = R"(- hosts: localhost
  gather_facts: false
  tasks:
    - name: create the app user
      ansible.builtin.user: { name: webapp, create_home: false, shell: /usr/sbin/nologin }
    - name: make the web root
      ansible.builtin.file: { path: /srv/www, state: directory, owner: webapp }
    - name: template the page
      ansible.builtin.template: { src: index.html.j2, dest: /srv/www/index.html, owner: webapp }
)";

std::string site_config(int port) {
  return R"(jail "web" {
  forward { http { host = )" +
         std::to_string(port) + R"(; jail = 8080; } }
  setup { site { type = "ansible"; file = "setup/site.yml";
    vars { GREETING = "it's \"$(id)\" `x`;"; PORT = 8080; TAGS = ["a", "b"]; } } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/www"; } }
}
)";
}

TEST_F(ProvisionTest, LocalPlaybookTemplatesAPageThatTheExecServes) {
  write("setup/site.yml", kSitePlaybook);
  write("setup/templates/index.html.j2", "{{ GREETING }} port {{ PORT }} {{ TAGS | join(',') }}\n");
  std::string config = write_config(site_config(18301));
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("web: setup 'site': template the page"));
  EXPECT_EQ(http_get(18301), "it's \"$(id)\" `x`; port 8080 a,b\n");
  EXPECT_EQ(jrun({"cmd", "web", "id", "-u", "webapp"}).exit_code, 0);
  std::ifstream log(home_ + "/logs/setup-web-site.log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("TASK [template the page]"));
  JrunRun again = jrun({"up", config});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Nothing to deploy"));
}

TEST_F(ProvisionTest, EditingOnePlaybookRerunsOnlyThatStep) {
  write("a.yml", marker_playbook("a"));
  write("b/play.yml", marker_playbook("b"));
  std::string config = write_config(R"(jail "work" {
  setup { a { type = "ansible"; file = "a.yml"; } b { type = "ansible"; file = "b/play.yml"; } }
}
)");
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  write("b/templates/new.j2", "a template file counts as part of b\n");
  JrunRun plan = jrun({"plan", config});
  EXPECT_THAT(plan.out, HasSubstr("setup b: playbook content changed"));
  EXPECT_THAT(plan.out, Not(HasSubstr("setup a")));
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("setup 'b' done"));
  EXPECT_THAT(up.out, Not(HasSubstr("setup 'a'")));
  EXPECT_EQ(in_jail("work", "wc -l < /var/log/a-runs"), "1\n");
  EXPECT_EQ(in_jail("work", "wc -l < /var/log/b-runs"), "2\n");
  JrunRun provision = jrun({"up", config, "--provision"});
  ASSERT_EQ(provision.exit_code, 0) << provision.err;
  EXPECT_EQ(in_jail("work", "wc -l < /var/log/a-runs"), "2\n");
}

TEST_F(ProvisionTest, FailingPlaybookShowsTaskAndErrorThenTheFixedOneCompletes) {
  std::string failing = std::string(kSitePlaybook) +
                        "    - name: check the password\n"
                        "      ansible.builtin.fail: { msg: \"database password missing\" }\n";
  write("setup/site.yml", failing);
  write("setup/templates/index.html.j2", "fixed {{ PORT }}\n");
  std::string config = write_config(site_config(18302));
  JrunRun up = jrun({"up", config});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_THAT(
      up.err,
      HasSubstr("task 'check the password' failed on localhost: database password missing"));
  EXPECT_THAT(up.err, HasSubstr("log: " + home_ + "/logs/setup-web-site.log"));
  // Services start only after setup: the server never started.
  EXPECT_NE(jrun({"cmd", "web", "pgrep", "-f", "http.server"}).exit_code, 0);
  JrunRun plan = jrun({"plan", config});
  EXPECT_THAT(plan.out, HasSubstr("+ setup site"));
  write("setup/site.yml", kSitePlaybook);
  JrunRun fixed = jrun({"up", config});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  EXPECT_THAT(fixed.out, HasSubstr("~ web (update)"));
  EXPECT_EQ(http_get(18302), "fixed 8080\n");
}

TEST_F(ProvisionTest, HubChannelsAndTagsDownloadVerifyAndCache) {
  start_hub();
  publish("main", "rolling",
          {{"playbook.yml",
            "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
            "    - ansible.builtin.template: { src: v.j2, dest: /etc/demo-main }\n"},
           {"templates/v.j2", "main {{ WHO }}\n"}});
  publish("v1", "rolling",
          {{"playbook.yml",
            "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
            "    - ansible.builtin.copy: { content: \"v1\\n\", dest: /etc/demo-v1 }\n"}});
  std::string config = write_config(R"(jail "hubbed" {
  setup {
    rolling { type = "ansible"; url = "hub://demo/rolling"; vars { WHO = "you"; } }
    tagged { type = "ansible"; url = "hub://demo/rolling@v1"; }
  }
}
)");
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(in_jail("hubbed", "cat /etc/demo-main /etc/demo-v1"), "main you\nv1\n");
  EXPECT_EQ(file_requests().size(), 3U);
  JrunRun again = jrun({"up", config});
  EXPECT_THAT(again.out, HasSubstr("Nothing to deploy"));
  JrunRun provision = jrun({"up", config, "--provision"});
  ASSERT_EQ(provision.exit_code, 0) << provision.out << provision.err;
  EXPECT_THAT(provision.out, HasSubstr("using cached playbook hub://demo/rolling@v1"));
  EXPECT_EQ(file_requests().size(), 3U) << "the cache was not used";
}

TEST_F(ProvisionTest, TamperedHubFileIsNamedAndNothingRuns) {
  start_hub();
  publish("main", "rolling", {{"playbook.yml", "- hosts: localhost\n  tasks: []\n"}});
  hub_->serve("/hub/main/playbooks/demo/rolling/playbook.yml", "- hosts: all\n  tasks: []\n");
  JrunRun up = jrun({"up", write_config(R"(jail "victim" {
  setup { s { type = "ansible"; url = "hub://demo/rolling"; } }
}
)")});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_THAT(up.err, HasSubstr("checksum mismatch for playbook.yml"));
  EXPECT_THAT(up.out, Not(HasSubstr("victim: creating")));
  EXPECT_THAT(jrun({"status"}).out, Not(HasSubstr("victim")));
}

TEST_F(ProvisionTest, ManifestPathEscapingTheCacheIsRejected) {
  start_hub();
  std::string evil = "- hosts: localhost\n";
  hub_->serve("/hub/main/playbooks/demo/rolling/jrun.manifest",
              sha256_hex(evil) + "  playbook.yml\n" + sha256_hex(evil) + "  ../../../evil.yml\n");
  hub_->serve("/hub/main/playbooks/demo/rolling/playbook.yml", evil);
  JrunRun up = jrun({"up", write_config(R"(jail "victim" {
  setup { s { type = "ansible"; url = "hub://demo/rolling"; } }
}
)")});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_THAT(up.err, HasSubstr("escapes the playbook directory"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/evil.yml"));
  EXPECT_FALSE(std::filesystem::exists(home_ + "/evil.yml"));
}

TEST_F(ProvisionTest, PinnedCacheWorksWithTheServerDownAnUnpinnedStepDoesNot) {
  start_hub();
  std::string manifest = publish("v2", "pinned", {{"playbook.yml", marker_playbook("pinned")}});
  std::string pinned = R"(jail "offline" {
  setup { p { type = "ansible"; url = "hub://demo/pinned@v2"; sha256 = ")" +
                       sha256_hex(manifest) + R"("; } }
}
)";
  ASSERT_EQ(jrun({"up", write_config(pinned)}).exit_code, 0);
  std::string url = hub_->url("/hub/main/playbooks/demo/other/jrun.manifest");
  hub_.reset();  // the server is gone: connections are refused
  JrunRun offline = jrun({"up", write_config(pinned), "--provision"});
  ASSERT_EQ(offline.exit_code, 0) << offline.out << offline.err;
  EXPECT_EQ(in_jail("offline", "wc -l < /var/log/pinned-runs"), "2\n");
  std::string unpinned = pinned;
  unpinned.replace(unpinned.rfind('}'), 1,
                   "  setup { q { type = \"ansible\"; url = \"hub://demo/other\"; } }\n}");
  JrunRun down = jrun({"up", write_config(unpinned)});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_THAT(down.err, HasSubstr("playbook of setup step 'q': cannot fetch " + url));
}

}  // namespace
}  // namespace jrun::testing
