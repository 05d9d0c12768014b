#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "assets_support.h"
#include "jrun/base/strings.h"
#include "jrun/vm/seed_key.h"

namespace jrun::vm {
namespace {

using test::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// RFC 8032 section 7.1, test 1.
constexpr Ed25519Bytes kSeed = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
                                0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
                                0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
constexpr Ed25519Bytes kPub = {0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe,
                               0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6,
                               0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};

/// The first two fields ("ssh-ed25519 AAAA...") of a public key line.
std::string key_fields(const std::string& line) {
  auto parts = split(trim(line), ' ');
  return parts.size() >= 2 ? parts[0] + " " + parts[1] : line;
}

/// What `ssh-keygen -y` derives from the private key file.
std::string derived_public(const std::string& path) {
  auto out = test::run_shell("ssh-keygen -y -f '" + path + "'");
  EXPECT_EQ(out.status, 0) << out.text;
  return out.text;
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\x00\xfe", 3)), "/wD+");
}

TEST(OpensshKey, PublicLineOfAKnownKey) {
  EXPECT_EQ(
      openssh_public_line(kPub, "jrun"),
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea jrun");
  EXPECT_EQ(openssh_public_line(kPub, "a\nb\r$(x)"),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea "
            "a_b_$(x)");
}

TEST(OpensshKey, PrivateKeyOfAKnownKeyLoadsInSshKeygen) {
  TempDir dir;
  std::string text = openssh_private_key(kSeed, kPub, "known", 0x01020304);
  EXPECT_THAT(text, StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"));
  EXPECT_THAT(text, HasSubstr("-----END OPENSSH PRIVATE KEY-----\n"));
  test::spit(dir / "id", text);
  ::chmod((dir / "id").c_str(), 0600);
  EXPECT_EQ(key_fields(derived_public(dir / "id")), key_fields(openssh_public_line(kPub, "")));
}

TEST(OpensshKey, GeneratedKeysDifferAndLoad) {
  TempDir dir;
  auto a = generate_ed25519("jrun@test");
  auto b = generate_ed25519("jrun@test");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->public_line, b->public_line);
  test::spit(dir / "id", a->private_key);
  ::chmod((dir / "id").c_str(), 0600);
  EXPECT_EQ(key_fields(derived_public(dir / "id")), key_fields(a->public_line));
}

TEST(EnsureKeyPair, WritesPrivateFilesOnceAndReusesThem) {
  TempDir dir;
  std::string path = dir / "ssh/id_ed25519";
  auto line = ensure_key_pair(path, "jrun");
  ASSERT_TRUE(line) << line.error().message;
  EXPECT_THAT(*line, StartsWith("ssh-ed25519 AAAA"));
  for (const std::string& file : {path, path + ".pub"}) {
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0) << file;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << file;
  }
  EXPECT_EQ(key_fields(derived_public(path)), key_fields(*line));
  std::string private_text = test::slurp(path);
  auto again = ensure_key_pair(path, "jrun");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *line);
  EXPECT_EQ(test::slurp(path), private_text);
}

TEST(EnsureKeyPair, PublicFileWithoutPrivateIsReplaced) {
  TempDir dir;
  std::string path = dir / "id_ed25519";
  test::spit(path + ".pub", "ssh-ed25519 stale\n");
  auto line = ensure_key_pair(path, "jrun");
  ASSERT_TRUE(line);
  EXPECT_NE(*line, "ssh-ed25519 stale");
  EXPECT_EQ(key_fields(derived_public(path)), key_fields(*line));
}

TEST(EnsureKeyPair, UnwritableDirectoryIsAnError) {
  TempDir dir;
  test::spit(dir / "file", "");
  auto line = ensure_key_pair(dir / "file/id", "jrun");
  ASSERT_FALSE(line);
  EXPECT_THAT(line.error().message, HasSubstr(dir / "file"));
}

}  // namespace
}  // namespace jrun::vm
