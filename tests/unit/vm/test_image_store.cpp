#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assets_support.h"
#include "fakes/fake_process_runner.h"
#include "fakes/http_test_server.h"
#include "jrun/vm/image_files.h"
#include "jrun/vm/image_store.h"

namespace jrun::vm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
namespace fs = std::filesystem;

class ImageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    raw_ = test::disk_like(256 << 10);
    xz_ = test::xz_compress(raw_);
    test::spit(dir_ / "reference.xz", xz_);
    sum_ = *sha512_file(dir_ / "reference.xz");
    server_.serve("/rel/img.raw.xz", xz_);
    spec_.source.location = server_.url("/rel/img.raw.xz");
    spec_.source.file_name = "img.raw.xz";
    spec_.source.checksum_url = server_.url("/rel/CHECKSUM.SHA512");
    spec_.cache_dir = dir_ / "cache/images";
  }
  void publish_sum(const std::string& sum) {
    server_.serve("/rel/CHECKSUM.SHA512", "SHA512 (other.raw.xz) = " + std::string(128, '1') +
                                              "\nSHA512 (img.raw.xz) = " + sum + "\n");
  }
  std::string cached(const std::string& name) const { return spec_.cache_dir + "/" + name; }

  test::TempDir dir_;
  testing::HttpTestServer server_;
  ImageSpec spec_;
  std::string raw_, xz_, sum_;
};

TEST_F(ImageStoreTest, DownloadsVerifiesDecompressesOnce) {
  publish_sum(sum_);
  std::vector<ImageStep> steps;
  auto path = ensure_image(spec_, [&](ImageStep step, std::uint64_t, std::uint64_t) {
    if (steps.empty() || steps.back() != step) steps.push_back(step);
  });
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, cached("img.raw"));
  EXPECT_EQ(test::slurp(*path), raw_);
  EXPECT_EQ(test::slurp(cached("img.raw.xz")), xz_);  // kept for purge and re-decompression
  EXPECT_THAT(steps, ElementsAre(ImageStep::kChecksum, ImageStep::kDownload, ImageStep::kVerify,
                                 ImageStep::kDecompress));
  auto again = ensure_image(spec_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *path);
  EXPECT_THAT(server_.requests(), ElementsAre("GET /rel/CHECKSUM.SHA512", "GET /rel/img.raw.xz"));
}

TEST_F(ImageStoreTest, LostBaseImageIsDecompressedAgainWithoutNetwork) {
  publish_sum(sum_);
  ASSERT_TRUE(ensure_image(spec_));
  fs::remove(cached("img.raw"));
  auto path = ensure_image(spec_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(test::slurp(*path), raw_);
  EXPECT_EQ(server_.requests().size(), 2u);
}

TEST_F(ImageStoreTest, ResumesAPartialDownload) {
  publish_sum(sum_);
  fs::create_directories(spec_.cache_dir);
  test::spit(cached("img.raw.xz.download.part"), xz_.substr(0, 1000));
  auto path = ensure_image(spec_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(test::slurp(*path), raw_);
  EXPECT_THAT(server_.requests(),
              ElementsAre("GET /rel/CHECKSUM.SHA512", "GET /rel/img.raw.xz range=bytes=1000-"));
}

TEST_F(ImageStoreTest, WrongChecksumRemovesTheDownloadAndSaysSo) {
  std::string wrong(128, 'e');
  publish_sum(wrong);
  auto path = ensure_image(spec_);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().code, ErrorCode::kRuntime);
  EXPECT_THAT(path.error().message, HasSubstr("expected " + wrong));
  EXPECT_THAT(path.error().message, HasSubstr("got " + sum_));
  EXPECT_THAT(path.error().message, HasSubstr(cached("img.raw.xz.download")));
  EXPECT_THAT(path.error().message, HasSubstr("removed"));
  for (const auto& entry : fs::directory_iterator(spec_.cache_dir)) {
    ADD_FAILURE() << "left behind: " << entry.path();
  }
  publish_sum(sum_);  // the release is fixed: the next call downloads anew
  auto fixed = ensure_image(spec_);
  ASSERT_TRUE(fixed) << fixed.error().message;
  EXPECT_EQ(test::slurp(*fixed), raw_);
}

TEST_F(ImageStoreTest, MissingChecksumEntryDownloadsNothing) {
  server_.serve("/rel/CHECKSUM.SHA512", "SHA512 (other.raw.xz) = " + std::string(128, '1'));
  auto path = ensure_image(spec_);
  ASSERT_FALSE(path);
  EXPECT_THAT(path.error().message, HasSubstr("no SHA-512 checksum for img.raw.xz"));
  EXPECT_THAT(server_.requests(), ElementsAre("GET /rel/CHECKSUM.SHA512"));
}

TEST_F(ImageStoreTest, GivenChecksumSkipsTheChecksumFile) {
  spec_.source.sha512 = sum_;
  auto path = ensure_image(spec_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_THAT(server_.requests(), ElementsAre("GET /rel/img.raw.xz"));
}

TEST_F(ImageStoreTest, UnreachableImageNamesTheUrl) {
  spec_.source.sha512 = sum_;
  spec_.source.location = server_.url("/rel/gone.raw.xz");
  auto path = ensure_image(spec_);
  ASSERT_FALSE(path);
  EXPECT_THAT(path.error().message, HasSubstr(server_.url("/rel/gone.raw.xz")));
  EXPECT_THAT(path.error().message, HasSubstr("HTTP 404"));
}

TEST_F(ImageStoreTest, LocalRawImageIsUsedInPlaceAndNeverRemoved) {
  test::spit(dir_ / "guest.raw", raw_);
  auto source = custom_image(dir_ / "guest.raw", std::string(128, 'c'), "/");
  ASSERT_TRUE(source);
  spec_.source = *source;
  auto wrong = ensure_image(spec_);
  ASSERT_FALSE(wrong);
  EXPECT_THAT(wrong.error().message, HasSubstr("left in place"));
  EXPECT_TRUE(fs::exists(dir_ / "guest.raw"));
  spec_.source.sha512.clear();
  auto path = ensure_image(spec_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, dir_ / "guest.raw");
  EXPECT_THAT(server_.requests(), IsEmpty());
}

TEST_F(ImageStoreTest, LocalXzImageIsDecompressedIntoTheCache) {
  auto source = custom_image(dir_ / "reference.xz", sum_, "/");
  ASSERT_TRUE(source);
  spec_.source = *source;
  auto path = ensure_image(spec_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, cached("reference"));
  EXPECT_EQ(test::slurp(*path), raw_);
  EXPECT_TRUE(fs::exists(dir_ / "reference.xz"));
}

TEST_F(ImageStoreTest, MissingLocalImageIsAUsageError) {
  auto source = custom_image(dir_ / "absent.raw", "", "/");
  ASSERT_TRUE(source);
  spec_.source = *source;
  auto path = ensure_image(spec_);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().code, ErrorCode::kUsage);
  EXPECT_THAT(path.error().message, HasSubstr(dir_ / "absent.raw"));
}

TEST(ImageProgressText, PercentSizesOrJustTheStep) {
  EXPECT_EQ(image_progress_text(ImageStep::kDownload, "img.raw.xz", 327450214, 723632128),
            "downloading img.raw.xz  45% (312.3 of 690.1 MiB)");
  EXPECT_EQ(image_progress_text(ImageStep::kDecompress, "img.raw.xz", 1 << 20, 0),
            "decompressing img.raw.xz  1.0 MiB");
  EXPECT_EQ(image_progress_text(ImageStep::kChecksum, "CHECKSUM.SHA512", 0, 0),
            "fetching checksum CHECKSUM.SHA512");
  EXPECT_EQ(image_progress_text(ImageStep::kVerify, "x", 10, 5),
            "verifying x  100% (0.0 of 0.0 MiB)");
}

TEST(ImageSpecFromSettings, DefaultOrOverride) {
  ImageSettings settings;
  settings.home = "/home/u/.jrun";
  settings.arch = "aarch64";
  auto spec = image_spec(settings);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->cache_dir, "/home/u/.jrun/cache/images");
  EXPECT_EQ(spec->source, *freebsd_image("aarch64"));

  settings.image = "guest.raw.xz";
  settings.cwd = "/work";
  spec = image_spec(settings);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->source.location, "/work/guest.raw.xz");
  EXPECT_TRUE(spec->source.local);

  settings.image.clear();
  settings.sha512 = std::string(128, 'a');
  auto orphan = image_spec(settings);
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kUsage);
}

host::ProcessResult info(std::uint64_t size) {
  return host::ProcessResult{0, R"({"virtual-size": )" + std::to_string(size) + "}", "", false};
}

TEST(GrowDisk, ResizesOnlyWhenSmaller) {
  testing::FakeProcessRunner runner;
  runner.results.push_back(info(5ull << 30));
  ASSERT_TRUE(grow_disk(runner, "/d/disk.raw", 20ull << 30));
  ASSERT_EQ(runner.commands().size(), 2u);
  EXPECT_THAT(runner.commands()[1].argv,
              ElementsAre("qemu-img", "resize", "-f", "raw", "/d/disk.raw", "21474836480"));

  testing::FakeProcessRunner big;
  big.results.push_back(info(30ull << 30));
  ASSERT_TRUE(grow_disk(big, "/d/disk.raw", 20ull << 30));
  EXPECT_EQ(big.commands().size(), 1u);
}

TEST(GrowDisk, QemuImgFailureIsReported) {
  testing::FakeProcessRunner runner;
  runner.results.push_back(host::ProcessResult{1, "", "qemu-img: Could not open 'x'\n", false});
  Status status = grow_disk(runner, "/d/x", 1 << 30);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("Could not open"));
  EXPECT_THAT(status.error().message, HasSubstr("exit 1"));
}

}  // namespace
}  // namespace jrun::vm
