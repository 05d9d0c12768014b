// The image download's progress display against the loopback HTTP server: plain lines without
// a terminal, a bar redrawn in place on one, and Ctrl-C stopping the download with the partial
// file kept and resumed by the next run.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fakes/http_test_server.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/vm_files.h"
#include "jrun/vm/image_files.h"
#include "unit/vm/assets_support.h"

namespace jrun::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ImageProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    raw_ = vm::test::disk_like(4 << 20);
    xz_ = vm::test::xz_compress(raw_);
    vm::test::spit(dir_ / "reference.xz", xz_);
    server_.serve("/img.raw.xz", xz_);
    spec_.source.location = server_.url("/img.raw.xz");
    spec_.source.file_name = "img.raw.xz";
    spec_.source.sha512 = *vm::sha512_file(dir_ / "reference.xz");
    spec_.cache_dir = dir_ / "cache/images";
    captured_ = std::tmpfile();
    out_ = std::make_unique<Output>(captured_, captured_, false);
    ctx_.out = out_.get();
  }
  void TearDown() override {
    interrupt_flag().store(false);
    std::fclose(captured_);
  }
  std::string printed() {
    std::fflush(captured_);
    std::rewind(captured_);
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, captured_)) > 0;) {
      text.append(buffer, n);
    }
    return text;
  }
  std::vector<std::string> lines() {
    std::vector<std::string> out;
    std::istringstream in(printed());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  vm::test::TempDir dir_;
  testing::HttpTestServer server_{18500, 18599};
  vm::ImageSpec spec_;
  std::string raw_, xz_;
  std::FILE* captured_ = nullptr;
  std::unique_ptr<Output> out_;
  Context ctx_;
  ui::Style style_{false, true, 100};
};

TEST_F(ImageProgressTest, WithoutATerminalAFewPlainLinesPerStep) {
  ImageProgressDisplay display(ctx_, "img.raw.xz", style_, false);
  auto base = ensure_image_with_progress(spec_, display);
  ASSERT_TRUE(base) << base.error().message;
  EXPECT_EQ(vm::test::slurp(*base), raw_);
  const std::vector<std::string> all = lines();
  std::size_t downloading = 0, verifying = 0, decompressing = 0;
  for (const std::string& line : all) {
    EXPECT_EQ(line.find('\r'), std::string::npos) << line;
    EXPECT_EQ(line.find('\033'), std::string::npos) << line;
    downloading += line.starts_with("  downloading img.raw.xz") ? 1u : 0u;
    verifying += line.starts_with("  verifying img.raw.xz") ? 1u : 0u;
    decompressing += line.starts_with("  decompressing img.raw.xz") ? 1u : 0u;
  }
  // Each step: its start, at most one line per quarter, and its closing line.
  for (std::size_t n : {downloading, verifying, decompressing}) {
    EXPECT_GE(n, 2u) << printed();
    EXPECT_LE(n, 6u) << printed();
  }
  const std::string text = printed();
  EXPECT_THAT(text, HasSubstr("100%"));
  // Decompression counts the compressed bytes read.
  EXPECT_THAT(text, HasSubstr("  decompressing img.raw.xz  1.0 MiB in "));
}

TEST_F(ImageProgressTest, OnATerminalTheBarIsRedrawnInPlace) {
  ImageProgressDisplay display(ctx_, "img.raw.xz", style_, true);
  ASSERT_TRUE(ensure_image_with_progress(spec_, display));
  const std::string text = printed();
  EXPECT_THAT(text, HasSubstr("\r  downloading img.raw.xz  ["));
  EXPECT_THAT(text, HasSubstr("\033[K"));
  // One finished line per step: download, verify, decompress.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
}

TEST_F(ImageProgressTest, CtrlCStopsTheDownloadKeepingThePartForTheNextRun) {
  server_.stall_once_after("/img.raw.xz", 100000);
  const std::string part = spec_.cache_dir + "/img.raw.xz.download.part";
  std::atomic<bool> done{false};
  std::thread user([&] {  // presses Ctrl-C once the transfer has stalled part-way
    while (!done.load()) {
      std::error_code ec;
      if (fs::file_size(part, ec) >= 100000 && !ec) {
        interrupt_flag().store(true);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  ImageProgressDisplay display(ctx_, "img.raw.xz", style_, false);
  auto base = ensure_image_with_progress(spec_, display);
  done.store(true);
  user.join();
  ASSERT_FALSE(base);
  EXPECT_EQ(base.error().code, ErrorCode::kInterrupted);
  EXPECT_THAT(base.error().message, HasSubstr("is kept in " + spec_.cache_dir));
  EXPECT_EQ(fs::file_size(part), 100000u);

  interrupt_flag().store(false);
  ImageProgressDisplay again(ctx_, "img.raw.xz", style_, false);
  auto resumed = ensure_image_with_progress(spec_, again);
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(vm::test::slurp(*resumed), raw_);
  EXPECT_THAT(server_.requests(),
              ElementsAre("GET /img.raw.xz", "GET /img.raw.xz range=bytes=100000-"));
}

}  // namespace
}  // namespace jrun::cli
