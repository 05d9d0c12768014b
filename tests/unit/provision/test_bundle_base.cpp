#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "jrun/provision/base_setup.h"
#include "jrun/provision/bundle.h"

namespace jrun::provision {
namespace {

std::string octal_field(const std::string& tar, std::size_t offset, std::size_t width) {
  return tar.substr(offset, width);
}

TEST(Ustar, HeaderAndPadding) {
  auto tar = ustar({{"playbook.yml", "- hosts: localhost\n"}, {"templates/a.j2", ""}});
  ASSERT_TRUE(tar) << tar.error().message;
  ASSERT_EQ(tar->size(), 512U * 2 + 512U + 1024U);  // 2 headers, 1 data block, 2 end blocks
  EXPECT_EQ(tar->substr(0, 12), "playbook.yml");
  EXPECT_EQ(octal_field(*tar, 124, 11), "00000000023");  // 19 bytes
  EXPECT_EQ(tar->substr(257, 5), "ustar");
  // Checksum: sum of header bytes with the checksum field as spaces.
  std::string header = tar->substr(0, 512);
  std::string stored = header.substr(148, 6);
  header.replace(148, 8, 8, ' ');
  unsigned sum = 0;
  for (char c : header) sum += static_cast<unsigned char>(c);
  EXPECT_EQ(std::stoul(stored, nullptr, 8), sum);
  EXPECT_EQ(tar->substr(1024, 14), "templates/a.j2");
}

TEST(Ustar, LongPathsUsePrefixOrFail) {
  std::string dir(120, 'd');
  auto ok = ustar({{dir + "/file", "x"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->substr(0, 4), "file");
  EXPECT_EQ(ok->substr(345, 120), dir);
  EXPECT_FALSE(ustar({{std::string(300, 'x'), "x"}}));
}

TEST(BundleHash, OrderIndependentAndContentSensitive) {
  std::string a = bundle_hash({{"a", "1"}, {"b", "2"}});
  EXPECT_EQ(a, bundle_hash({{"b", "2"}, {"a", "1"}}));
  EXPECT_NE(a, bundle_hash({{"a", "1"}, {"b", "3"}}));
  EXPECT_NE(a, bundle_hash({{"a", "1"}, {"c", "2"}}));
}

TEST(LocalBundle, PlaybookAndConventionalDirsOnly) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("jrun-bundle-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "templates" / ".git");
  fs::create_directories(dir / "site");
  std::ofstream(dir / "setup.yml") << "- hosts: localhost\n";
  std::ofstream(dir / "templates" / "a.j2") << "{{ x }}";
  std::ofstream(dir / "templates" / ".git" / "HEAD") << "ref";
  std::ofstream(dir / "site" / "index.html") << "<p>";
  auto b = local_bundle((dir / "setup.yml").string());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->files, (std::vector<std::string>{"setup.yml", "templates/a.j2"}));
  std::string before = b->hash;
  std::ofstream(dir / "site" / "index.html") << "changed";
  EXPECT_EQ(local_bundle((dir / "setup.yml").string())->hash, before);
  std::ofstream(dir / "templates" / "a.j2") << "{{ y }}";
  EXPECT_NE(local_bundle((dir / "setup.yml").string())->hash, before);
  fs::remove_all(dir);
  EXPECT_FALSE(local_bundle((dir / "setup.yml").string()));
}

model::SetupStep step(const std::string& name, const std::string& file) {
  model::SetupStep s;
  s.name = name;
  s.location = file;
  return s;
}

TEST(BaseSetup, RunsNewChangedAndProvisionOnly) {
  model::Base base;
  base.setup = {step("desktop", "/c/xfce.yml"), step("tools", "/c/tools.yml")};
  std::map<std::string, std::string> hashes = {{"desktop", "h1"}, {"tools", "h2"}};
  nlohmann::ordered_json recorded;
  auto first = base_steps_to_run(base, recorded, hashes, false);
  ASSERT_EQ(first.size(), 2U);
  EXPECT_EQ(first[0].reason, "new");
  record_base_step(recorded, base.setup[0], "h1");
  record_base_step(recorded, base.setup[1], "h2");
  // Reference bug 9: nothing runs again on the next start.
  EXPECT_TRUE(base_steps_to_run(base, recorded, hashes, false).empty());
  hashes["tools"] = "h3";
  auto changed = base_steps_to_run(base, recorded, hashes, false);
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0].name, "tools");
  EXPECT_EQ(changed[0].reason, "playbook content changed");
  base.setup[0].vars["X_RESOLUTION"] = "1920x1080";
  auto vars = base_steps_to_run(base, recorded, hashes, false);
  ASSERT_EQ(vars.size(), 2U);
  EXPECT_EQ(vars[0].reason, "config changed");
  EXPECT_EQ(base_steps_to_run(base, recorded, {{"desktop", "h1"}, {"tools", "h2"}}, true)[1].reason,
            "--provision");
}

TEST(BaseSetup, ForgetsRemovedSteps) {
  model::Base base;
  base.setup = {step("a", "/a.yml")};
  nlohmann::ordered_json recorded;
  record_base_step(recorded, base.setup[0], "h");
  record_base_step(recorded, step("gone", "/g.yml"), "h");
  forget_removed_base_steps(recorded, base);
  EXPECT_TRUE(recorded.contains("a"));
  EXPECT_FALSE(recorded.contains("gone"));
}

}  // namespace
}  // namespace jrun::provision
