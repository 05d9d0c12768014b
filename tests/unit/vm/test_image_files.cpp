#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "assets_support.h"
#include "jrun/vm/image_files.h"

namespace jrun::vm {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

TEST(Sha512File, KnownVectorsAndProgress) {
  TempDir dir;
  test::spit(dir / "abc", "abc");
  auto sum = sha512_file(dir / "abc");
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(*sum,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  test::spit(dir / "empty", "");
  EXPECT_EQ(*sha512_file(dir / "empty"),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  test::spit(dir / "big", std::string(3 << 20, 'x'));
  std::uint64_t done = 0, total = 0;
  ASSERT_TRUE(sha512_file(dir / "big", [&](std::uint64_t d, std::uint64_t t) {
    done = d;
    total = t;
  }));
  EXPECT_EQ(done, 3u << 20);
  EXPECT_EQ(total, 3u << 20);
}

TEST(Sha512File, MissingFileNamesIt) {
  auto sum = sha512_file("/nonexistent/jrun/file");
  ASSERT_FALSE(sum);
  EXPECT_THAT(sum.error().message, HasSubstr("/nonexistent/jrun/file"));
}

TEST(XzDecompress, RoundTripIsExactAndSparse) {
  TempDir dir;
  std::string data = test::disk_like(3 << 20);
  std::string packed = test::xz_compress(data);
  ASSERT_FALSE(packed.empty());
  test::spit(dir / "disk.raw.xz", packed + test::xz_compress("tail"));  // concatenated streams
  std::uint64_t done = 0, total = 0;
  Status status =
      xz_decompress(dir / "disk.raw.xz", dir / "disk.raw", [&](std::uint64_t d, std::uint64_t t) {
        done = d;
        total = t;
      });
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(test::slurp(dir / "disk.raw"), data + "tail");
  EXPECT_EQ(done, total);
  EXPECT_GT(total, 0u);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "disk.raw").c_str(), &st), 0);
  // 3/4 of the data is zeros: those blocks are holes, not allocated.
  EXPECT_LT(static_cast<std::uint64_t>(st.st_blocks) * 512, std::uint64_t{3} << 19);
  EXPECT_FALSE(std::filesystem::exists(dir / "disk.raw.part"));
}

TEST(XzDecompress, TrailingZerosKeepTheSize) {
  TempDir dir;
  std::string data = "head" + std::string(1 << 20, '\0');
  test::spit(dir / "z.xz", test::xz_compress(data));
  ASSERT_TRUE(xz_decompress(dir / "z.xz", dir / "z"));
  EXPECT_EQ(std::filesystem::file_size(dir / "z"), data.size());
  EXPECT_EQ(test::slurp(dir / "z"), data);
}

TEST(ImageFiles, InterruptionStopsHashAndDecompressionAndLeavesNothing) {
  TempDir dir;
  test::spit(dir / "d.xz", test::xz_compress(test::disk_like(1 << 20)));
  auto stop = [] { return true; };
  auto sum = sha512_file(dir / "d.xz", {}, stop);
  ASSERT_FALSE(sum);
  EXPECT_EQ(sum.error().code, ErrorCode::kInterrupted);
  Status status = xz_decompress(dir / "d.xz", dir / "d", {}, stop);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInterrupted);
  EXPECT_THAT(status.error().message, HasSubstr(dir / "d.xz"));
  EXPECT_FALSE(std::filesystem::exists(dir / "d"));
  EXPECT_FALSE(std::filesystem::exists(dir / "d.part"));
}

TEST(XzDecompress, CorruptOrTruncatedInputIsAnErrorAndLeavesNothing) {
  TempDir dir;
  std::string packed = test::xz_compress(test::disk_like(1 << 20));
  test::spit(dir / "trunc.xz", packed.substr(0, packed.size() / 2));
  Status truncated = xz_decompress(dir / "trunc.xz", dir / "out");
  ASSERT_FALSE(truncated);
  EXPECT_THAT(truncated.error().message, HasSubstr(dir / "trunc.xz"));
  EXPECT_THAT(truncated.error().message, HasSubstr("truncated"));
  test::spit(dir / "plain.xz", "this is not xz");
  Status plain = xz_decompress(dir / "plain.xz", dir / "out");
  ASSERT_FALSE(plain);
  EXPECT_THAT(plain.error().message, HasSubstr("not an xz file"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out.part"));
}

}  // namespace
}  // namespace jrun::vm
