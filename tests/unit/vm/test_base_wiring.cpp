// The base config's VM wiring: forwards merged with the jails' (a later `up` keeps them), the
// state record, and the guest script mounting base mounts at their targets (golden, hostile).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jrun/vm/base_wiring.h"
#include "jrun/vm/instance_files.h"

namespace jrun::vm {
namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/vm/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

model::Config base_config() {
  model::Config config;
  model::Base base;
  base.forwards.push_back({"web", model::Proto::kTcp, 18500, 80, {}, {}});
  base.forwards.push_back({"dns", model::Proto::kUdp, 18501, 53, {}, {}});
  base.mounts.push_back({"ws", "/home/me/work", "/home/admin/workspace", {}});
  config.base = base;
  return config;
}

TEST(BaseWiring, ForwardsGoFromHostLoopbackToTheGuestTargetPort) {
  const BaseWiring w = base_wiring(base_config(), "/etc/base.ucl");
  EXPECT_EQ(w.config, "/etc/base.ucl");
  ASSERT_EQ(w.forwards.size(), 2u);
  EXPECT_EQ(w.forwards[0], (PortForward{"tcp", "127.0.0.1", 18500, 80}));
  EXPECT_EQ(w.forwards[1], (PortForward{"udp", "127.0.0.1", 18501, 53}));
  ASSERT_EQ(w.mounts.size(), 1u);
  EXPECT_EQ(w.mounts[0].share, share_for("/home/me/work"));
  EXPECT_EQ(w.mounts[0].target, "/home/admin/workspace");
  EXPECT_EQ(base_shares(w), std::vector<Share>{share_for("/home/me/work")});
  EXPECT_EQ(base_wiring(model::Config{}, "x").forwards.size(), 0u);
}

TEST(BaseWiring, RecordRoundTripsAndRejectsMalformedState) {
  const BaseWiring w = base_wiring(base_config(), "/etc/base.ucl");
  auto back = base_wiring_from_json(base_wiring_to_json(w));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, w);
  auto none = base_wiring_from_json(nullptr);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->config.empty());
  nlohmann::ordered_json bad = base_wiring_to_json(w);
  bad["forwards"][0]["host"] = 70000;
  auto rejected = base_wiring_from_json(bad);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, ErrorCode::kState);
  EXPECT_FALSE(base_wiring_from_json(nlohmann::ordered_json::array()));
}

TEST(BaseWiring, UpKeepsBaseForwardsNextToTheJails) {
  const std::vector<PortForward> jails = {{"tcp", "127.0.0.1", 18510, 18510}};
  const std::vector<PortForward> base = {{"tcp", "127.0.0.1", 18500, 80}};
  // VmJailHost::prepare: the jails' forwards plus the recorded base ones.
  EXPECT_EQ(merge_forwards(jails, {}, base), (std::vector<PortForward>{jails[0], base[0]}));
  EXPECT_EQ(merge_forwards(merge_forwards(jails, {}, base), {}, base),
            (std::vector<PortForward>{jails[0], base[0]}));
}

TEST(BaseWiring, ANewBaseReplacesThePreviousBaseForwardsOnly) {
  const std::vector<PortForward> live = {{"tcp", "127.0.0.1", 18510, 18510},
                                         {"tcp", "127.0.0.1", 18500, 80}};
  const std::vector<PortForward> old_base = {{"tcp", "127.0.0.1", 18500, 80}};
  const std::vector<PortForward> new_base = {{"tcp", "127.0.0.1", 18502, 8080}};
  EXPECT_EQ(merge_forwards(live, old_base, new_base),
            (std::vector<PortForward>{live[0], new_base[0]}));
  EXPECT_EQ(merge_forwards(live, old_base, {}), std::vector<PortForward>{live[0]});
}

TEST(BaseWiring, AJailForwardKeepsAHostPortTheBaseAlsoWants) {
  const std::vector<PortForward> jails = {{"tcp", "127.0.0.1", 18500, 18500}};
  const std::vector<PortForward> base = {{"tcp", "127.0.0.1", 18500, 80},
                                         {"udp", "127.0.0.1", 18500, 53}};
  EXPECT_EQ(merge_forwards(jails, {}, base), (std::vector<PortForward>{jails[0], base[1]}));
}

TEST(BaseWiring, MountScriptGolden) {
  const BaseWiring w = base_wiring(base_config(), "/etc/base.ucl");
  check_golden("base-mounts-linux.sh", base_mounts_script(w.mounts, false));
  check_golden("base-mounts-freebsd.sh", base_mounts_script(w.mounts, true));
}

TEST(BaseWiring, MountScriptQuotesHostileTargets) {
  const std::string evil = "/srv/a'; rm -rf / #$(id)`id`\n../x";
  const std::vector<BaseMountPoint> mounts = {{share_for("/h"), evil}};
  for (bool freebsd : {false, true}) {
    const std::string script = base_mounts_script(mounts, freebsd);
    EXPECT_NE(script.find("mkdir -p '/srv/a'\\''; rm -rf / #$(id)`id`\n../x'\n"), std::string::npos)
        << script;
    EXPECT_NE(script.find(freebsd ? "mount -t nullfs " : "mount --bind "), std::string::npos);
    const std::string file = ::testing::TempDir() + "/jrun-base-mounts.sh";
    std::ofstream(file) << script;
    EXPECT_EQ(std::system(("sh -n " + file).c_str()), 0);
    // SC2016: the hostile `$(id)` is literal inside single quotes, on purpose.
    EXPECT_EQ(std::system(("shellcheck -s sh -e SC2016 " + file).c_str()), 0);
  }
}

}  // namespace
}  // namespace jrun::vm
