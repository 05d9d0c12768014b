#pragma once
// The few operating-system facts the VM lifecycle needs, kept in one file (os_posix.cpp):
// process liveness and signals, free-port checks, the ssh banner probe.

#include <cstdint>
#include <string>

namespace jrun::vm::os {

/// The pid in a pidfile, or 0 when missing or malformed.
int read_pidfile(const std::string& path);
/// True when `pid` is alive and is a QEMU process (a recycled pid of another program is not).
bool is_qemu_alive(int pid);
/// Sends `signal` to `pid`; false when the process does not exist.
bool send_signal(int pid, int signal);
/// True when 127.0.0.1:port can be bound (TCP).
bool port_free(std::uint16_t port);
/// True when something on 127.0.0.1:port answers with an SSH banner within `timeout_ms`.
/// QEMU's user network accepts connections even when the guest does not listen yet, so a
/// successful connect alone proves nothing; the banner comes from the guest's sshd.
bool ssh_banner(std::uint16_t port, int timeout_ms);
/// Seconds since the epoch.
std::int64_t now_seconds();
/// Sleeps `ms` milliseconds.
void sleep_ms(int ms);
/// The last `lines` lines of a text file ("" when unreadable).
std::string tail_file(const std::string& path, int lines);
/// True when /dev/kvm can be opened read-write.
bool kvm_usable();
/// Number of online CPUs.
int cpu_count();

}  // namespace jrun::vm::os
