// QMP framing over a real socket pair: greeting, capabilities, events skipped, errors, partial
// reads. The fake QEMU side is a thread answering scripted lines.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "jrun/vm/qmp.h"

namespace jrun::vm {
namespace {

class PairChannel final : public QmpChannel {
 public:
  explicit PairChannel(int fd) : fd_(fd) {}
  ~PairChannel() override { ::close(fd_); }
  Status write(const std::string& data) override {
    return ::write(fd_, data.data(), data.size()) == static_cast<ssize_t>(data.size())
               ? Status{}
               : make_error(ErrorCode::kRuntime, "write");
  }
  Result<std::string> read_some() override {
    char buf[7];  // small reads: messages arrive in pieces
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) return make_error(ErrorCode::kRuntime, "eof");
    return std::string(buf, static_cast<std::size_t>(n));
  }

 private:
  int fd_;
};

/// Plays QEMU: sends `greeting`, then for each request line reads it and sends the reply.
struct FakeQemu {
  int fds[2];
  std::thread thread;
  std::vector<std::string> requests;

  FakeQemu(std::string greeting, std::vector<std::string> replies) {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    thread = std::thread([this, greeting, replies] {
      const int fd = fds[1];
      (void)!::write(fd, greeting.data(), greeting.size());
      std::string buffer;
      for (const std::string& reply : replies) {
        while (buffer.find('\n') == std::string::npos) {
          char c[64];
          const ssize_t n = ::read(fd, c, sizeof c);
          if (n <= 0) return;
          buffer.append(c, static_cast<std::size_t>(n));
        }
        requests.push_back(buffer.substr(0, buffer.find('\n')));
        buffer.erase(0, buffer.find('\n') + 1);
        (void)!::write(fd, reply.data(), reply.size());
      }
      ::close(fd);
    });
  }
  ~FakeQemu() { thread.join(); }
};

const char* kGreeting = R"({"QMP": {"version": {}, "capabilities": ["oob"]}})"
                        "\r\n";

TEST(Qmp, HandshakeThenStatusSkippingEvents) {
  FakeQemu qemu(kGreeting,
                {"{\"return\": {}}\n",
                 "{\"event\": \"POWERDOWN\", \"timestamp\": {}}\n{\"return\": {\"status\": "
                 "\"running\", \"running\": true}}\n"});
  {
    PairChannel channel(qemu.fds[0]);
    QmpClient client(channel);
    ASSERT_TRUE(client.handshake());
    auto status = client.status();
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(*status, "running");
  }
  qemu.thread.join();
  qemu.thread = std::thread([] {});
  ASSERT_EQ(qemu.requests.size(), 2u);
  EXPECT_EQ(qemu.requests[0], R"({"execute":"qmp_capabilities"})");
  EXPECT_EQ(qemu.requests[1], R"({"execute":"query-status"})");
}

TEST(Qmp, ErrorReplyBecomesAnError) {
  FakeQemu qemu(kGreeting, {"{\"return\": {}}\n",
                            "{\"error\": {\"class\": \"GenericError\", \"desc\": \"nope\"}}\n"});
  PairChannel channel(qemu.fds[0]);
  QmpClient client(channel);
  ASSERT_TRUE(client.handshake());
  auto r = client.execute("system_powerdown");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "QMP system_powerdown: GenericError: nope");
}

TEST(Qmp, HostfwdAddFailsOnAnyOutputAndRemoveAcceptsNotFound) {
  FakeQemu qemu(kGreeting,
                {"{\"return\": {}}\n",
                 "{\"return\": \"Could not set up host forwarding rule 'tcp:x'\\r\\n\"}\n",
                 "{\"return\": \"\"}\n",
                 "{\"return\": \"host forwarding rule for tcp:127.0.0.1:1 not found\\r\\n\"}\n"});
  PairChannel channel(qemu.fds[0]);
  QmpClient client(channel);
  ASSERT_TRUE(client.handshake());
  auto bad = client.hostfwd_add("net0", "tcp:x");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("Could not set up"), std::string::npos);
  EXPECT_TRUE(client.hostfwd_add("net0", "tcp:127.0.0.1:1-:1"));
  EXPECT_TRUE(client.hostfwd_remove("net0", "tcp:127.0.0.1:1"));
}

TEST(Qmp, MissingGreetingAndClosedConnectionAreErrors) {
  FakeQemu qemu("{\"return\": {}}\n", {});
  PairChannel channel(qemu.fds[0]);
  QmpClient client(channel);
  auto r = client.handshake();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("expected a greeting"), std::string::npos);
}

TEST(Qmp, ConnectToAStaleSocketFails) {
  auto r = connect_qmp("/nonexistent/jrun-qmp.sock", 100);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot connect"), std::string::npos);
}

}  // namespace
}  // namespace jrun::vm
