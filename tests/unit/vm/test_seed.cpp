#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "assets_support.h"
#include "jrun/base/strings.h"
#include "jrun/vm/seed.h"

namespace jrun::vm {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

const std::string kKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea jrun";

/// Compares `actual` with tests/golden/seed/<name>; JRUN_UPDATE_GOLDEN=1 rewrites it.
void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/seed/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    test::spit(path, actual);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  EXPECT_EQ(test::slurp(path), actual) << "golden file " << path;
}

/// The YAML document at `path` as JSON, by PyYAML (what cloud-init itself parses with).
std::string yaml_as_json(const std::string& path) {
  auto out = test::run_shell(
      "python3 -c 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), "
      "sort_keys=True))' " +
      shell_quote(path));
  EXPECT_EQ(out.status, 0) << out.text;
  return std::string(trim(out.text));
}

TEST(Seed, FreebsdGolden) {
  SeedSpec spec = freebsd_seed(kKey);
  ASSERT_TRUE(check_seed(spec));
  check_golden("freebsd-meta-data", render_meta_data(spec));
  check_golden("freebsd-user-data", render_user_data(spec));
}

TEST(Seed, LinuxGolden) {
  SeedSpec spec = linux_seed(kKey, "jrun-e2e");
  ASSERT_TRUE(check_seed(spec));
  check_golden("linux-meta-data", render_meta_data(spec));
  check_golden("linux-user-data", render_user_data(spec));
}

TEST(YamlQuote, EscapesEverythingThatCouldEndTheScalar) {
  EXPECT_EQ(yaml_quote("plain"), "\"plain\"");
  EXPECT_EQ(yaml_quote(""), "\"\"");
  EXPECT_EQ(yaml_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(yaml_quote("x\ny\tz\x01"), "\"x\\ny\\tz\\x01\"");
  EXPECT_EQ(yaml_quote("key: value # c"), "\"key: value # c\"");
}

TEST(Seed, HostileValuesRoundTripThroughAYamlParser) {
  TempDir dir;
  SeedSpec spec = freebsd_seed("ssh-ed25519 AAAA \"'; $(reboot) `id` #x: y");
  spec.instance_id = "id\" \\ $(rm -rf /) `x` ';\ntoo: many\n- - ..";
  test::spit(dir / "meta-data", render_meta_data(spec));
  test::spit(dir / "user-data", render_user_data(spec));
  EXPECT_EQ(yaml_as_json(dir / "meta-data"),
            R"({"instance-id": "id\" \\ $(rm -rf /) `x` ';\ntoo: many\n- - ..", )"
            R"("local-hostname": "freebsd"})");
  std::string user_data = yaml_as_json(dir / "user-data");
  EXPECT_THAT(
      user_data,
      HasSubstr(R"("ssh_authorized_keys": ["ssh-ed25519 AAAA \"'; $(reboot) `id` #x: y"])"));
  EXPECT_THAT(user_data, HasSubstr(R"("packages": ["doas", "python313"])"));
}

TEST(Seed, RuncmdQuotesTheUserName) {
  SeedSpec spec = freebsd_seed(kKey);
  spec.user = "_build-1";
  ASSERT_TRUE(check_seed(spec));
  EXPECT_THAT(render_user_data(spec),
              HasSubstr("\"chown _build-1:_build-1 /home/_build-1/.hushlogin\""));
}

TEST(Seed, CheckRejectsValuesTheGuestCannotTake) {
  auto with = [](auto change) {
    SeedSpec spec = freebsd_seed(kKey);
    change(spec);
    return check_seed(spec);
  };
  for (const std::string& user :
       std::vector<std::string>{"", "Admin", "ad min", "admin;reboot", "$(id)", "../root", "1admin",
                                std::string(33, 'a')}) {
    Status status = with([&](SeedSpec& s) { s.user = user; });
    ASSERT_FALSE(status) << user;
    EXPECT_EQ(status.error().code, ErrorCode::kUsage);
    EXPECT_THAT(status.error().message, HasSubstr("user name"));
  }
  for (const std::string& host :
       std::vector<std::string>{"", "a..b", "-a", "a_b", "a b", "x\ny", std::string(64, 'a')}) {
    EXPECT_FALSE(with([&](SeedSpec& s) { s.hostname = host; })) << host;
  }
  EXPECT_FALSE(with([](SeedSpec& s) { s.public_key = "ssh-ed25519 A\nssh-rsa B"; }));
  EXPECT_FALSE(with([](SeedSpec& s) { s.public_key.clear(); }));
  EXPECT_FALSE(with([](SeedSpec& s) { s.instance_id = "a\nb"; }));
}

TEST(SeedIso, IsACidataVolumeWithBothFiles) {
  TempDir dir;
  SeedSpec spec = freebsd_seed(kKey);
  std::string meta = render_meta_data(spec);
  std::string user = render_user_data(spec);
  std::string iso = dir / "seed.iso";
  Status status = write_seed_iso(iso, meta, user);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_FALSE(std::filesystem::exists(iso + ".part"));

  auto label = test::run_shell("blkid -o value -s LABEL " + iso);
  EXPECT_EQ(std::string(trim(label.text)), "cidata");
  auto type = test::run_shell("blkid -o value -s TYPE " + iso);
  EXPECT_EQ(std::string(trim(type.text)), "iso9660");
  auto info = test::run_shell("isoinfo -d -i " + iso);
  EXPECT_THAT(info.text, HasSubstr("Volume id: cidata"));
  EXPECT_THAT(info.text, HasSubstr("Rock Ridge signatures version"));
  EXPECT_THAT(info.text, HasSubstr("Joliet"));
  EXPECT_EQ(test::run_shell("isoinfo -R -x /user-data -i " + iso).text, user);
  EXPECT_EQ(test::run_shell("isoinfo -J -x /meta-data -i " + iso).text, meta);
  EXPECT_EQ(test::run_shell("bsdtar -xOf " + iso + " meta-data").text, meta);
}

TEST(SeedIso, UnwritablePathIsAnErrorNamingIt) {
  Status status = write_seed_iso("/nonexistent/dir/seed.iso", "a", "b");
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("/nonexistent/dir/seed.iso"));
}

}  // namespace
}  // namespace jrun::vm
