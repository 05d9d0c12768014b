#include <gtest/gtest.h>

#include "jrun/provision/manifest.h"
#include "jrun/provision/source.h"

namespace jrun::provision {
namespace {

const std::string kHash(64, 'a');

TEST(ResolveUrl, HubDefaultsToMain) {
  auto s = resolve_url("hub://nginx/rolling", "http://127.0.0.1:18300/hub");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->ref, "main");
  EXPECT_EQ(s->entry, "playbook.yml");
  EXPECT_EQ(s->manifest_url(),
            "http://127.0.0.1:18300/hub/main/playbooks/nginx/rolling/jrun.manifest");
}

TEST(ResolveUrl, HubTagAndSlashes) {
  auto s = resolve_url("hub:///postgres/16/@v1.1.0", std::string(kDefaultHubRawUrl));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->ref, "v1.1.0");
  EXPECT_EQ(s->url_of("playbook.yml"),
            "https://raw.githubusercontent.com/hyphatech/jailrun-hub/v1.1.0/playbooks/postgres/16/"
            "playbook.yml");
}

TEST(ResolveUrl, GithubBlobBecomesRaw) {
  auto s = resolve_url("https://github.com/acme/plays/blob/v2/web/site.yml", kDefaultHubRawUrl);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->label, "acme/plays");
  EXPECT_EQ(s->entry, "site.yml");
  EXPECT_EQ(s->manifest_url(), "https://raw.githubusercontent.com/acme/plays/v2/web/jrun.manifest");
}

TEST(ResolveUrl, RejectsHostileAndForeign) {
  for (const char* url :
       {"hub://../etc", "hub://nginx/rolling@..", "hub://a/b@x/y", "hub://a b/c", "hub://a/$(id)",
        "hub://", "https://example.com/p.yml", "https://github.com/a/b/tree/main/p.yml",
        "hub://a/`id`", "https://github.com/a/b/blob/main/../x.yml", "hub://a/b\nc"}) {
    auto s = resolve_url(url, kDefaultHubRawUrl);
    EXPECT_FALSE(s) << url;
    if (!s) {
      EXPECT_EQ(s.error().code, ErrorCode::kConfig) << url;
    }
  }
}

TEST(CacheDirName, KeyedByRefAndHub) {
  auto a = resolve_url("hub://demo/rolling", "http://h1");
  auto b = resolve_url("hub://demo/rolling", "http://h2");
  auto c = resolve_url("hub://demo/rolling@v1.0", "http://h1");
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(cache_dir_name(*a), cache_dir_name(*b));
  EXPECT_EQ(cache_dir_name(*c).substr(0, 9), "hub_v1.0_");
  EXPECT_EQ(cache_dir_name(*a).find('/'), std::string::npos);
}

TEST(Manifest, ParsesSha256sumLines) {
  std::string text =
      kHash + "  playbook.yml\n\n" + std::string(64, 'B') + " *templates/my site.j2\r\n";
  auto m = parse_manifest(text, "playbook.yml");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 2U);
  EXPECT_EQ((*m)[1].path, "templates/my site.j2");
  EXPECT_EQ((*m)[1].sha256, std::string(64, 'b'));
}

TEST(Manifest, RejectsEscapes) {
  for (std::string path : {"../x", "/etc/passwd", "a/../../x", "a//b", "./a", "a\\..\\b",
                           "jrun.manifest", "a\x1b[2Jb"}) {
    auto m =
        parse_manifest(kHash + "  playbook.yml\n" + kHash + "  " + path + "\n", "playbook.yml");
    ASSERT_FALSE(m) << path;
    EXPECT_NE(m.error().message.find("line 2"), std::string::npos) << m.error().message;
  }
}

TEST(Manifest, RejectsMalformedDuplicateAndMissingEntry) {
  EXPECT_FALSE(parse_manifest("nothash playbook.yml\n", "playbook.yml"));
  EXPECT_FALSE(parse_manifest(kHash + "\n", "playbook.yml"));
  EXPECT_FALSE(parse_manifest(kHash + " a\n" + kHash + " a\n", "a"));
  auto m = parse_manifest(kHash + " other.yml\n", "playbook.yml");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("'playbook.yml' is not listed"), std::string::npos);
}

}  // namespace
}  // namespace jrun::provision
