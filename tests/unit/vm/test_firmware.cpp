#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "assets_support.h"
#include "fakes/memory_fs.h"
#include "jrun/vm/firmware.h"

namespace jrun::vm {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

FirmwareQuery query(std::string os, std::string arch) { return FirmwareQuery{os, arch, ""}; }

TEST(FirmwareCandidates, FollowTheReferenceLists) {
  EXPECT_EQ(firmware_candidates("Linux", "x86_64").size(), 11u);
  EXPECT_EQ(firmware_candidates("Linux", "x86_64").front(), "/usr/share/OVMF/OVMF_CODE.fd");
  EXPECT_EQ(firmware_candidates("Linux", "aarch64").size(), 7u);
  EXPECT_EQ(firmware_candidates("Linux", "aarch64").front(), "/usr/share/AAVMF/AAVMF_CODE.fd");
  EXPECT_EQ(firmware_candidates("Darwin", "aarch64"),
            (std::vector<std::string>{"/opt/homebrew/share/qemu/edk2-aarch64-code.fd",
                                      "/usr/local/share/qemu/edk2-aarch64-code.fd"}));
  EXPECT_EQ(firmware_candidates("FreeBSD", "aarch64"),
            (std::vector<std::string>{"/usr/local/share/qemu/edk2-aarch64-code.fd"}));
  EXPECT_TRUE(firmware_candidates("Windows", "x86_64").empty());
  EXPECT_TRUE(firmware_candidates("Linux", "riscv64").empty());
}

TEST(VarsTemplate, NamingRules) {
  EXPECT_EQ(vars_template_for("/usr/share/OVMF/OVMF_CODE_4M.fd"),
            "/usr/share/OVMF/OVMF_VARS_4M.fd");
  EXPECT_EQ(vars_template_for("/usr/share/edk2/x64/OVMF_CODE.4m.fd"),
            "/usr/share/edk2/x64/OVMF_VARS.4m.fd");
  EXPECT_EQ(vars_template_for("/usr/share/ovmf/OVMF.fd"), "/usr/share/ovmf/OVMF_VARS.fd");
  EXPECT_EQ(vars_template_for("/usr/share/qemu/ovmf-x86_64-ms-4m-code.bin"),
            "/usr/share/qemu/ovmf-x86_64-ms-4m-vars.bin");
  EXPECT_EQ(vars_template_for("/usr/share/edk2/aarch64/QEMU_EFI.fd"),
            "/usr/share/edk2/aarch64/QEMU_VARS.fd");
  EXPECT_EQ(vars_template_for("/usr/share/AAVMF/AAVMF_CODE.fd"), "/usr/share/AAVMF/AAVMF_VARS.fd");
  EXPECT_EQ(vars_template_for("/opt/homebrew/share/qemu/edk2-aarch64-code.fd"),
            "/opt/homebrew/share/qemu/edk2-arm-vars.fd");
  EXPECT_EQ(vars_template_for("/usr/local/share/edk2-qemu/QEMU_UEFI_CODE-x86_64.fd"),
            "/usr/local/share/edk2-qemu/QEMU_UEFI_VARS-x86_64.fd");
  EXPECT_EQ(vars_template_for("/usr/local/share/edk2-qemu/QEMU_UEFI-x86_64.fd"), "");
}

TEST(FindFirmware, FirstExistingCandidateWinsWithItsVars) {
  fakes::MemoryFileSystem fs;
  fs.add_file("/usr/share/OVMF/OVMF_CODE_4M.fd", "");
  fs.add_file("/usr/share/OVMF/OVMF_VARS_4M.fd", "");
  fs.add_file("/usr/share/qemu/OVMF.fd", "");
  auto firmware = find_firmware(fs, query("Linux", "x86_64"));
  ASSERT_TRUE(firmware) << firmware.error().message;
  EXPECT_EQ(*firmware,
            (Firmware{"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"}));
}

TEST(FindFirmware, CodeWithoutVarsTemplateBootsWithBios) {
  fakes::MemoryFileSystem fs;
  fs.add_file("/usr/share/AAVMF/AAVMF_CODE.fd", "");
  auto firmware = find_firmware(fs, query("Linux", "aarch64"));
  ASSERT_TRUE(firmware);
  EXPECT_EQ(*firmware, (Firmware{"/usr/share/AAVMF/AAVMF_CODE.fd", ""}));
}

TEST(FindFirmware, FreebsdAarch64UsesQemusVarsStore) {
  fakes::MemoryFileSystem fs;
  fs.add_file("/usr/local/share/qemu/edk2-aarch64-code.fd", "");
  fs.add_file("/usr/local/share/qemu/edk2-arm-vars.fd", "");
  auto firmware = find_firmware(fs, query("FreeBSD", "aarch64"));
  ASSERT_TRUE(firmware);
  EXPECT_EQ(firmware->vars_template, "/usr/local/share/qemu/edk2-arm-vars.fd");
}

TEST(FindFirmware, MacosFallsBackToQemusDataDir) {
  fakes::MemoryFileSystem fs;
  auto firmware = find_firmware(fs, query("Darwin", "aarch64"));
  ASSERT_TRUE(firmware);
  EXPECT_EQ(*firmware, (Firmware{"edk2-aarch64-code.fd", ""}));
}

TEST(FindFirmware, NothingFoundListsEverythingAndHowToInstall) {
  fakes::MemoryFileSystem fs;
  auto firmware = find_firmware(fs, query("Linux", "x86_64"));
  ASSERT_FALSE(firmware);
  EXPECT_EQ(firmware.error().code, ErrorCode::kRuntime);
  for (const std::string& path : firmware_candidates("Linux", "x86_64")) {
    EXPECT_THAT(firmware.error().message, HasSubstr("  " + path + "\n"));
  }
  EXPECT_THAT(firmware.error().message, HasSubstr("sudo apt install ovmf"));
  EXPECT_THAT(firmware.error().message, HasSubstr("JRUN_QEMU_BIOS"));
  auto bsd = find_firmware(fs, query("FreeBSD", "x86_64"));
  ASSERT_FALSE(bsd);
  EXPECT_THAT(bsd.error().message, HasSubstr("pkg install edk2-qemu-x64"));
  auto arm = find_firmware(fs, query("Linux", "aarch64"));
  ASSERT_FALSE(arm);
  EXPECT_THAT(arm.error().message, HasSubstr("qemu-efi-aarch64"));
}

TEST(FindFirmware, OverrideMustExistAndIsUsedAsBios) {
  fakes::MemoryFileSystem fs;
  fs.add_file("/opt/fw/my code.fd", "");
  fs.add_file("/usr/share/OVMF/OVMF_CODE.fd", "");
  auto firmware = find_firmware(fs, FirmwareQuery{"Linux", "x86_64", "/opt/fw/my code.fd"});
  ASSERT_TRUE(firmware);
  EXPECT_EQ(*firmware, (Firmware{"/opt/fw/my code.fd", ""}));
  auto missing = find_firmware(fs, FirmwareQuery{"Linux", "x86_64", "/opt/fw/none.fd"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kUsage);
  EXPECT_THAT(missing.error().message, HasSubstr("/opt/fw/none.fd"));
}

TEST(FindFirmware, UnsupportedPlatformSaysSo) {
  fakes::MemoryFileSystem fs;
  auto firmware = find_firmware(fs, query("SunOS", "sparc64"));
  ASSERT_FALSE(firmware);
  EXPECT_THAT(firmware.error().message, HasSubstr("SunOS/sparc64"));
}

TEST(PrepareVars, CopiesOnceUnlessFresh) {
  TempDir dir;
  test::spit(dir / "VARS.fd", "template");
  Firmware firmware{dir / "CODE.fd", dir / "VARS.fd"};
  auto path = prepare_vars(firmware, dir / "efi-vars.fd", false);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(*path, dir / "efi-vars.fd");
  EXPECT_EQ(test::slurp(*path), "template");
  struct stat st {};
  ASSERT_EQ(::stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  test::spit(*path, "boot entries written by the guest");
  ASSERT_TRUE(prepare_vars(firmware, *path, false));
  EXPECT_EQ(test::slurp(*path), "boot entries written by the guest");
  ASSERT_TRUE(prepare_vars(firmware, *path, true));
  EXPECT_EQ(test::slurp(*path), "template");
}

TEST(PrepareVars, NoTemplateMeansNoStoreAndMissingTemplateIsAnError) {
  TempDir dir;
  auto none = prepare_vars(Firmware{dir / "CODE.fd", ""}, dir / "efi-vars.fd", false);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, "");
  auto missing = prepare_vars(Firmware{dir / "CODE.fd", dir / "gone.fd"}, dir / "v.fd", false);
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr(dir / "gone.fd"));
  EXPECT_FALSE(std::filesystem::exists(dir / "v.fd.tmp"));
}

}  // namespace
}  // namespace jrun::vm
