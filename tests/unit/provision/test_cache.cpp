// PlaybookCache against an in-memory fetcher (the real HTTP path is the integration test).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "jrun/base/sha256.h"
#include "jrun/provision/cache.h"

namespace jrun::provision {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHub = "http://hub.test";

class MapFetcher : public Fetcher {
 public:
  Result<std::string> get(const std::string& url) override {
    log.push_back(url);
    if (down) return make_error(ErrorCode::kRuntime, url + ": connection refused");
    auto it = files.find(url);
    if (it == files.end()) return make_error(ErrorCode::kRuntime, url + ": HTTP 404");
    return it->second;
  }
  std::map<std::string, std::string> files;
  std::vector<std::string> log;
  bool down = false;
};

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("jrun-cache-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    publish("main", {{"playbook.yml", "- hosts: localhost\n"}, {"templates/a.j2", "{{ x }}"}});
    step_.name = "demo";
    step_.source = model::SetupSource::kUrl;
    step_.location = "hub://demo/rolling";
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Serves files and their manifest under <hub>/<ref>/playbooks/demo/rolling/.
  std::string publish(const std::string& ref,
                      const std::vector<std::pair<std::string, std::string>>& files) {
    std::string base = std::string(kHub) + "/" + ref + "/playbooks/demo/rolling/";
    std::string manifest;
    for (const auto& [path, content] : files) {
      fetcher_.files[base + path] = content;
      manifest += sha256_hex(content) + "  " + path + "\n";
    }
    fetcher_.files[base + "jrun.manifest"] = manifest;
    return manifest;
  }
  PlaybookCache cache() { return PlaybookCache(root_.string(), kHub, fetcher_); }

  fs::path root_;
  MapFetcher fetcher_;
  model::SetupStep step_;
};

TEST_F(CacheTest, FetchesVerifiesThenServesFromCache) {
  PlaybookCache first = cache();
  auto bundle = first.fetch(step_);
  ASSERT_TRUE(bundle) << bundle.error().message;
  EXPECT_EQ(first.downloads(), 2);
  EXPECT_TRUE(fs::exists(fs::path(bundle->root) / "templates/a.j2"));
  EXPECT_EQ(bundle->entry, "playbook.yml");
  PlaybookCache second = cache();
  fetcher_.log.clear();
  ASSERT_TRUE(second.fetch(step_));
  EXPECT_EQ(second.downloads(), 0);
  EXPECT_EQ(fetcher_.log.size(), 1U);  // the manifest only
}

TEST_F(CacheTest, TamperedFileIsNamedAndNotWritten) {
  fetcher_.files[std::string(kHub) + "/main/playbooks/demo/rolling/templates/a.j2"] = "evil";
  PlaybookCache c = cache();
  auto bundle = c.fetch(step_);
  ASSERT_FALSE(bundle);
  EXPECT_NE(bundle.error().message.find("checksum mismatch for templates/a.j2"), std::string::npos)
      << bundle.error().message;
  auto m = c.manifest(step_);
  ASSERT_TRUE(m);
  EXPECT_FALSE(fs::exists(fs::path(m->dir) / "templates/a.j2"));
  EXPECT_FALSE(fs::exists(fs::path(m->dir) / "jrun.manifest"));
}

TEST_F(CacheTest, ManifestEscapingTheCacheIsRejected) {
  fetcher_.files[std::string(kHub) + "/main/playbooks/demo/rolling/jrun.manifest"] =
      sha256_hex("x") + "  playbook.yml\n" + sha256_hex("x") + "  ../../escape.yml\n";
  auto bundle = cache().fetch(step_);
  ASSERT_FALSE(bundle);
  EXPECT_NE(bundle.error().message.find("escapes"), std::string::npos) << bundle.error().message;
  EXPECT_FALSE(fs::exists(root_.parent_path() / "escape.yml"));
}

TEST_F(CacheTest, PinnedCachedManifestNeedsNoNetwork) {
  std::string manifest = publish("v1", {{"playbook.yml", "- hosts: localhost\n"}});
  step_.location = "hub://demo/rolling@v1";
  step_.sha256 = sha256_hex(manifest);
  ASSERT_TRUE(cache().fetch(step_));
  fetcher_.down = true;
  fetcher_.log.clear();
  auto again = cache().fetch(step_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(fetcher_.log.empty());
}

TEST_F(CacheTest, DownWithoutCacheIsAClearError) {
  fetcher_.down = true;
  auto bundle = cache().fetch(step_);
  ASSERT_FALSE(bundle);
  EXPECT_NE(bundle.error().message.find("connection refused"), std::string::npos);
  EXPECT_NE(bundle.error().message.find("/demo/rolling/jrun.manifest"), std::string::npos);
}

TEST_F(CacheTest, PinMismatchIsAnError) {
  step_.sha256 = std::string(64, '0');
  auto bundle = cache().fetch(step_);
  ASSERT_FALSE(bundle);
  EXPECT_NE(bundle.error().message.find("pinned"), std::string::npos);
}

}  // namespace
}  // namespace jrun::provision
