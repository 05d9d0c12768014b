#pragma once
// The sockets this machine listens on, from /proc/net: what a forward must not take over.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jrun::sys {

/// One listening socket of the host's network namespace.
struct ListeningSocket {
  bool udp = false;     ///< UDP (bound, no peer) rather than a TCP listener
  std::string address;  ///< "127.0.0.1", "0.0.0.0", "::", "::1"; a v4-mapped v6 as its IPv4;
                        ///< any other IPv6 address as "v6"
  std::uint16_t port = 0;
};

/// Parses the text of /proc/net/tcp, tcp6 (`udp` false: sockets in LISTEN) or udp, udp6
/// (`udp` true: unconnected sockets); `v6` says which address format the file has. Lines that
/// do not parse are skipped.
std::vector<ListeningSocket> parse_proc_net(std::string_view text, bool udp, bool v6);

/// Every listening socket of this machine (the four /proc/net files; a missing one counts as
/// empty).
std::vector<ListeningSocket> listening_sockets();

}  // namespace jrun::sys
