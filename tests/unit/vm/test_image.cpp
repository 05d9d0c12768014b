#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "jrun/vm/image.h"

namespace jrun::vm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kSumA(128, 'a');
const std::string kSumB = std::string(64, '0') + std::string(64, 'F');

TEST(FreebsdImage, Amd64DefaultMatchesTheReference) {
  auto source = freebsd_image("x86_64");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->location,
            "https://download.freebsd.org/releases/VM-IMAGES/15.0-RELEASE/amd64/Latest/"
            "FreeBSD-15.0-RELEASE-amd64-BASIC-CLOUDINIT-zfs.raw.xz");
  EXPECT_EQ(source->checksum_url,
            "https://download.freebsd.org/releases/VM-IMAGES/15.0-RELEASE/amd64/Latest/"
            "CHECKSUM.SHA512");
  EXPECT_EQ(source->file_name, "FreeBSD-15.0-RELEASE-amd64-BASIC-CLOUDINIT-zfs.raw.xz");
  EXPECT_FALSE(source->local);
}

TEST(FreebsdImage, Aarch64UsesTheArm64FileName) {
  auto source = freebsd_image("aarch64", "15.0", "RC1");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->location,
            "https://download.freebsd.org/releases/VM-IMAGES/15.0-RC1/aarch64/Latest/"
            "FreeBSD-15.0-RC1-arm64-aarch64-BASIC-CLOUDINIT-zfs.raw.xz");
  EXPECT_EQ(source->file_name, "FreeBSD-15.0-RC1-arm64-aarch64-BASIC-CLOUDINIT-zfs.raw.xz");
}

TEST(FreebsdImage, UnknownArchIsAUsageError) {
  auto source = freebsd_image("riscv64");
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code, ErrorCode::kUsage);
  EXPECT_THAT(source.error().message, HasSubstr("riscv64"));
}

TEST(CustomImage, UrlKeepsItsFileName) {
  auto source = custom_image("https://example.org/img/debian.raw.xz?token=1", kSumB, "/cwd");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->file_name, "debian.raw.xz");
  EXPECT_EQ(source->sha512, std::string(64, '0') + std::string(64, 'f'));
  EXPECT_FALSE(source->local);
  EXPECT_TRUE(source->checksum_url.empty());
}

TEST(CustomImage, RelativePathIsResolvedAndLocal) {
  auto source = custom_image("images/../guest.raw", "", "/home/u");
  ASSERT_TRUE(source);
  EXPECT_EQ(source->location, "/home/u/guest.raw");
  EXPECT_EQ(source->file_name, "guest.raw");
  EXPECT_TRUE(source->local);
  EXPECT_TRUE(source->sha512.empty());
}

TEST(CustomImage, BadChecksumOrEmptyNameAreUsageErrors) {
  auto bad_sum = custom_image("/x.raw", "abc; rm -rf /", "/");
  ASSERT_FALSE(bad_sum);
  EXPECT_EQ(bad_sum.error().code, ErrorCode::kUsage);
  EXPECT_THAT(bad_sum.error().message, HasSubstr("JRUN_VM_IMAGE_SHA512"));
  EXPECT_FALSE(custom_image("", "", "/"));
  EXPECT_FALSE(custom_image("https://example.org/", "", "/"));
  EXPECT_FALSE(custom_image("/..", "", "/"));
}

TEST(FindChecksum, BsdFormat) {
  std::string text = "SHA512 (FreeBSD-15.0-RELEASE-amd64-BASIC-CLOUDINIT-ufs.raw.xz) = " + kSumB +
                     "\nSHA512 (FreeBSD-15.0-RELEASE-amd64-BASIC-CLOUDINIT-zfs.raw.xz) = " + kSumA +
                     "\n";
  auto sum = find_checksum(text, "FreeBSD-15.0-RELEASE-amd64-BASIC-CLOUDINIT-zfs.raw.xz", "SUMS");
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(*sum, kSumA);
}

TEST(FindChecksum, GnuFormatTextAndBinaryMarkers) {
  std::string text = kSumB + "  other.raw\n" + kSumA + " *image with space.raw\r\n";
  auto sum = find_checksum(text, "image with space.raw", "SUMS");
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(*sum, kSumA);
  auto other = find_checksum(text, "other.raw", "SUMS");
  ASSERT_TRUE(other);
  EXPECT_EQ(*other, std::string(64, '0') + std::string(64, 'f'));
}

TEST(FindChecksum, SkipsCommentsBlankLinesAndOtherAlgorithms) {
  std::string text = "# release sums\n\nSHA256 (a.raw) = abc\nSHA512 (a.raw) = " + kSumA + "\n";
  auto sum = find_checksum(text, "a.raw", "SUMS");
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(*sum, kSumA);
}

TEST(FindChecksum, MissingEntryNamesFileAndOrigin) {
  auto sum = find_checksum("SHA512 (a.raw) = " + kSumA, "b.raw", "https://x/CHECKSUM.SHA512");
  ASSERT_FALSE(sum);
  EXPECT_THAT(sum.error().message, HasSubstr("b.raw"));
  EXPECT_THAT(sum.error().message, HasSubstr("https://x/CHECKSUM.SHA512"));
}

TEST(FindChecksum, MalformedLinesAreErrorsWithLineNumbers) {
  for (const std::string& bad :
       std::vector<std::string>{"<html>404</html>", "SHA512 (a.raw) = 1234", kSumA + "a.raw",
                                "SHA512 a.raw = " + kSumA, kSumA.substr(1) + "  a.raw"}) {
    auto sum = find_checksum("\n" + bad + "\n", "a.raw", "SUMS");
    ASSERT_FALSE(sum) << bad;
    EXPECT_THAT(sum.error().message, HasSubstr("SUMS line 2")) << bad;
  }
}

TEST(FindChecksum, ConflictingEntriesAreAnError) {
  auto sum = find_checksum("SHA512 (a.raw) = " + kSumA + "\n" + kSumB + "  a.raw\n", "a.raw", "S");
  ASSERT_FALSE(sum);
  EXPECT_THAT(sum.error().message, HasSubstr("two different"));
}

TEST(ParseSize, BinarySuffixes) {
  EXPECT_EQ(*parse_size("20G"), 20ull << 30);
  EXPECT_EQ(*parse_size("512M"), 512ull << 20);
  EXPECT_EQ(*parse_size("64k"), 64ull << 10);
  EXPECT_EQ(*parse_size("2T"), 2ull << 40);
  EXPECT_EQ(*parse_size("4096"), 4096u);
  EXPECT_EQ(*parse_size("1.5G"), 3ull << 29);
  EXPECT_EQ(*parse_size("20GiB"), 20ull << 30);
  EXPECT_EQ(*parse_size(" 8GB "), 8ull << 30);
  EXPECT_EQ(*parse_size("0.5K"), 512u);
  EXPECT_EQ(*parse_size("0.1234567G"), 132559870u);  // six decimals kept
}

TEST(ParseSize, BadSizesAreUsageErrors) {
  for (const char* bad : {"", "G", "-1G", "20X", "1..5G", ".5G", "5.G", "0", "0M", "20 G", "1e9",
                          "99999999999999999999", "16777216T", "20G; reboot"}) {
    auto size = parse_size(bad);
    ASSERT_FALSE(size) << bad;
    EXPECT_EQ(size.error().code, ErrorCode::kUsage) << bad;
  }
}

TEST(ImageNames, DecompressedName) {
  EXPECT_EQ(decompressed_name("a.raw.xz"), "a.raw");
  EXPECT_EQ(decompressed_name("a.raw.XZ"), "a.raw");
  EXPECT_EQ(decompressed_name("a.qcow2"), "a.qcow2");
  EXPECT_EQ(decompressed_name(".xz"), ".xz");
}

TEST(QemuImg, ArgvAndVirtualSize) {
  EXPECT_THAT(qemu_img_resize("/d/disk; x.raw", 20ull << 30).argv,
              ElementsAre("qemu-img", "resize", "-f", "raw", "/d/disk; x.raw", "21474836480"));
  EXPECT_THAT(qemu_img_info("/d/disk.raw").argv,
              ElementsAre("qemu-img", "info", "--output=json", "-f", "raw", "/d/disk.raw"));
  auto size = parse_virtual_size(R"({"virtual-size": 5368709120, "filename": "d.raw"})");
  ASSERT_TRUE(size);
  EXPECT_EQ(*size, 5368709120u);
  EXPECT_FALSE(parse_virtual_size("qemu-img: Could not open"));
  EXPECT_FALSE(parse_virtual_size(R"({"virtual-size": "big"})"));
}

}  // namespace
}  // namespace jrun::vm
