// Jails and services as `jrun status` shows them: config order, pid, a failed setup step,
// hostile paths.
#include <gtest/gtest.h>

#include "jrun/cli/status_data.h"

namespace jrun::cli {
namespace {

using Json = nlohmann::ordered_json;

state::State one_jail() {
  state::State state;
  state::JailRecord& web = state.jails["web"];
  web.name = "web";
  web.ip = "10.17.89.10";
  web.phase = state::Phase::kReady;
  web.spec["execs"] = Json{{"zeta", Json::object()}, {"alpha", Json::object()}};
  web.spec["mounts"] = Json{{"site", {{"host", "/srv/a\nb\x01"}, {"jail", "/srv/site"}}}};
  return state;
}

host::HostStatus running(std::vector<host::ServiceStatus> services) {
  host::HostStatus status;
  status.probe.jails["web"] = {true, true};
  status.services["web"] = std::move(services);
  return status;
}

TEST(StatusData, ServicesInConfigOrderWithTheirPid) {
  host::ServiceStatus alpha{"alpha", "ok", true};
  alpha.pid = 42;
  host::ServiceStatus zeta{"zeta", "gave up: 5 restarts within 300s", false};
  const ui::StatusView view = status_view(one_jail(), running({alpha, zeta}), "", "local");
  ASSERT_EQ(view.jails.size(), 1U);
  ASSERT_EQ(view.jails[0].services.size(), 2U);
  EXPECT_EQ(view.jails[0].services[0].name, "zeta");  // monit lists them in reverse
  EXPECT_EQ(view.jails[0].services[1].name, "alpha");
  const Json json = status_json(view, one_jail(), "local");
  const Json& services = json["jails"][0]["services"];
  EXPECT_TRUE(services[0]["pid"].is_null());
  EXPECT_EQ(services[0]["status"], "gave up: 5 restarts within 300s");
  EXPECT_EQ(services[1]["pid"], 42);
  EXPECT_TRUE(json["jails"][0]["setup_failed"].is_null());
}

TEST(StatusData, AFailedSetupStepIsShown) {
  state::State state = one_jail();
  state.jails["web"].setup_failed_step = "db";
  state.jails["web"].setup_failed_error = "task 'migrate' failed on localhost: no database";
  const ui::StatusView view = status_view(state, running({}), "", "local");
  EXPECT_EQ(view.jails[0].setup_failed,
            "step 'db' failed: task 'migrate' failed on localhost: no database");
  const Json json = status_json(view, state, "local");
  EXPECT_EQ(json["jails"][0]["setup_failed"]["step"], "db");
  EXPECT_EQ(json["jails"][0]["setup_failed"]["error"],
            "task 'migrate' failed on localhost: no database");
}

TEST(StatusData, ControlCharactersOfAPathCannotBreakTheTable) {
  const ui::StatusView view = status_view(one_jail(), running({}), "", "local");
  ASSERT_EQ(view.jails[0].mounts.size(), 1U);
  EXPECT_EQ(view.jails[0].mounts[0], "/srv/a\\nb\\x01 → /srv/site");
}

}  // namespace
}  // namespace jrun::cli
