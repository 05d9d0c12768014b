#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fakes/http_test_server.h"
#include "jrun/sys/http.h"

namespace jrun::sys {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string payload(std::size_t size) {
  std::string s;
  for (std::size_t i = 0; i < size; ++i) s += static_cast<char>('a' + (i * 7 + i / 13) % 26);
  return s;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jrun-http-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  testing::HttpTestServer server_;
  std::string dir_;
};

TEST_F(HttpTest, GetReturnsBody) {
  server_.serve("/hello", "hello world");
  auto body = http_get(server_.url("/hello"));
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, "hello world");
}

TEST_F(HttpTest, GetFollowsRedirects) {
  server_.serve("/real", "moved here");
  server_.redirect("/old", "/real");
  auto body = http_get(server_.url("/old"));
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, "moved here");
  EXPECT_THAT(server_.requests(), ElementsAre("GET /old", "GET /real"));
}

TEST_F(HttpTest, NotFoundNamesUrlAndStatus) {
  auto body = http_get(server_.url("/missing"));
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, ErrorCode::kRuntime);
  EXPECT_THAT(body.error().message, HasSubstr(server_.url("/missing")));
  EXPECT_THAT(body.error().message, HasSubstr("HTTP 404"));
}

TEST_F(HttpTest, ConnectionRefusedIsAnError) {
  std::string url =
      "http://127.0.0.1:" + std::to_string(testing::HttpTestServer::unused_port()) + "/x";
  auto body = http_get(url);
  ASSERT_FALSE(body);
  EXPECT_THAT(body.error().message, HasSubstr(url));
  EXPECT_THAT(body.error().message, HasSubstr("onnect"));
}

TEST_F(HttpTest, DownloadWritesFileAndReportsProgress) {
  std::string data = payload(300000);
  server_.serve("/image.xz", data);
  std::uint64_t last_done = 0;
  std::uint64_t last_total = 0;
  HttpOptions options;
  options.progress = [&](std::uint64_t done, std::uint64_t total) {
    last_done = done;
    last_total = total;
  };
  auto result = http_download(server_.url("/image.xz"), path("image.xz"), options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->bytes, data.size());
  EXPECT_EQ(result->resumed_from, 0u);
  EXPECT_EQ(slurp(path("image.xz")), data);
  EXPECT_FALSE(fs::exists(path("image.xz.part")));
  EXPECT_EQ(last_done, data.size());
  EXPECT_EQ(last_total, data.size());
}

TEST_F(HttpTest, DownloadResumesPartialFile) {
  std::string data = payload(200000);
  server_.serve("/image.xz", data);
  spit(path("image.xz.part"), data.substr(0, 12345));
  auto result = http_download(server_.url("/image.xz"), path("image.xz"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->resumed_from, 12345u);
  EXPECT_EQ(slurp(path("image.xz")), data);
  EXPECT_THAT(server_.requests(), ElementsAre("GET /image.xz range=bytes=12345-"));
}

TEST_F(HttpTest, DroppedConnectionKeepsPartThenResumes) {
  std::string data = payload(500000);
  server_.serve("/image.xz", data);
  server_.drop_once_after("/image.xz", 100000);
  auto first = http_download(server_.url("/image.xz"), path("image.xz"));
  ASSERT_FALSE(first);
  EXPECT_THAT(first.error().message, HasSubstr(server_.url("/image.xz")));
  EXPECT_EQ(fs::file_size(path("image.xz.part")), 100000u);

  auto second = http_download(server_.url("/image.xz"), path("image.xz"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->resumed_from, 100000u);
  EXPECT_EQ(slurp(path("image.xz")), data);
  EXPECT_THAT(server_.requests(),
              ElementsAre("GET /image.xz", "GET /image.xz range=bytes=100000-"));
}

TEST_F(HttpTest, ServerIgnoringRangeRestartsFromZero) {
  std::string data = payload(50000);
  server_.serve("/image.xz", data);
  server_.ignore_ranges(true);
  spit(path("image.xz.part"), "garbage that must not stay in front");
  auto result = http_download(server_.url("/image.xz"), path("image.xz"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->resumed_from, 0u);
  EXPECT_EQ(slurp(path("image.xz")), data);
}

TEST_F(HttpTest, PartLargerThanFileRestartsFromZero) {
  std::string data = payload(1000);
  server_.serve("/image.xz", data);
  spit(path("image.xz.part"), payload(5000));  // 416 from the server
  auto result = http_download(server_.url("/image.xz"), path("image.xz"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(slurp(path("image.xz")), data);
  EXPECT_THAT(server_.requests(), ElementsAre("GET /image.xz range=bytes=5000-", "GET /image.xz"));
}

TEST_F(HttpTest, DownloadOf404LeavesNoFile) {
  auto result = http_download(server_.url("/nope"), path("nope"));
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("HTTP 404"));
  EXPECT_FALSE(fs::exists(path("nope")));
  EXPECT_EQ(fs::file_size(path("nope.part")), 0u);
}

TEST_F(HttpTest, StalledTransferTimesOut) {
  server_.serve("/slow", payload(10000));
  server_.stall_once_after("/slow", 0);
  HttpOptions options;
  options.stall_timeout_s = 1;
  auto result = http_download(server_.url("/slow"), path("slow"), options);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("timed out after 1 s without data"));
}

TEST_F(HttpTest, FileUrlsWorkAndResume) {
  std::string data = payload(70000);
  spit(path("source.raw"), data);
  spit(path("copy.raw.part"), data.substr(0, 1000));
  auto result = http_download("file://" + path("source.raw"), path("copy.raw"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->resumed_from, 1000u);
  EXPECT_EQ(slurp(path("copy.raw")), data);
  auto missing = http_get("file://" + path("absent"));
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr(path("absent")));
}

}  // namespace
}  // namespace jrun::sys
