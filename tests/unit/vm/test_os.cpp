// Process liveness as the VM lifecycle sees it: a QEMU killed with -9 is stopped even while it
// is a zombie nobody has reaped yet; a live process of another name is not QEMU.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "jrun/vm/os.h"

namespace jrun::vm {
namespace {

int spawn(const std::string& program) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(program.c_str(), program.c_str(), "30", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

TEST(VmOs, KilledQemuIsStoppedEvenAsAnUnreapedZombie) {
  const std::string fake = ::testing::TempDir() + "/qemu-system-test";
  std::filesystem::copy_file("/bin/sleep", fake, std::filesystem::copy_options::overwrite_existing);
  const int pid = spawn(fake);
  ASSERT_GT(pid, 0);
  for (int i = 0; i < 100 && !os::is_qemu_alive(pid); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // until exec has happened
  }
  EXPECT_TRUE(os::is_qemu_alive(pid));
  ASSERT_TRUE(os::send_signal(pid, SIGKILL));
  for (int i = 0; i < 100 && os::is_qemu_alive(pid); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(os::is_qemu_alive(pid));  // a zombie: not reaped yet
  EXPECT_EQ(::kill(pid, 0), 0);          // ... which kill(0) alone would call alive
  ::waitpid(pid, nullptr, 0);
  std::filesystem::remove(fake);
}

TEST(VmOs, AnotherProgramWithTheRecordedPidIsNotQemu) {
  const int pid = spawn("/bin/sleep");
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(os::is_qemu_alive(pid));
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

TEST(VmOs, PidfileParsing) {
  const std::string path = ::testing::TempDir() + "/jrun-test.pid";
  std::ofstream(path) << "1234\n";
  EXPECT_EQ(os::read_pidfile(path), 1234);
  std::ofstream(path) << "12x\n";
  EXPECT_EQ(os::read_pidfile(path), 0);
  EXPECT_EQ(os::read_pidfile("/nonexistent/jrun.pid"), 0);
}

TEST(VmOs, TailFileKeepsTheLastLines) {
  const std::string path = ::testing::TempDir() + "/jrun-serial.log";
  std::ofstream(path) << "a\nb\nc\nd\n\n";
  EXPECT_EQ(os::tail_file(path, 2), "c\nd");
  EXPECT_EQ(os::tail_file("/nonexistent/log", 2), "");
}

}  // namespace
}  // namespace jrun::vm
