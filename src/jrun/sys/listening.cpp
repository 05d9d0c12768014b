#include "jrun/sys/listening.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <tuple>

#include "jrun/base/strings.h"

namespace jrun::sys {
namespace {

// /proc/net prints each 32-bit word of an address in host order (little-endian here) as hex.
bool word(std::string_view hex, std::uint32_t& out) {
  if (hex.size() != 8) return false;
  char* end = nullptr;
  const std::string text(hex);
  const unsigned long value = std::strtoul(text.c_str(), &end, 16);
  if (end != text.c_str() + 8) return false;
  out = static_cast<std::uint32_t>(value);
  return true;
}

std::string dotted(std::uint32_t host_order_word) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (i != 0) out += '.';
    out += std::to_string((host_order_word >> (8 * i)) & 0xffU);
  }
  return out;
}

// "0100007F" → 127.0.0.1; a v6 address → "::", "::1", its IPv4 when v4-mapped, else "v6".
bool address(std::string_view hex, bool v6, std::string& out) {
  std::uint32_t w[4] = {0, 0, 0, 0};
  const std::size_t words = v6 ? 4 : 1;
  if (hex.size() != 8 * words) return false;
  for (std::size_t i = 0; i < words; ++i) {
    if (!word(hex.substr(8 * i, 8), w[i])) return false;
  }
  if (!v6) {
    out = dotted(w[0]);
  } else if (w[0] == 0 && w[1] == 0 && w[2] == 0 && (w[3] == 0 || w[3] == 0x01000000U)) {
    out = w[3] == 0 ? "::" : "::1";
  } else if (w[0] == 0 && w[1] == 0 && w[2] == 0xffff0000U) {
    out = dotted(w[3]);
  } else {
    out = "v6";
  }
  return true;
}

}  // namespace

std::vector<ListeningSocket> parse_proc_net(std::string_view text, bool udp, bool v6) {
  std::vector<ListeningSocket> out;
  for (const std::string& line : split(text, '\n')) {
    std::istringstream in(line);
    std::string slot, local, remote, state;
    if (!(in >> slot >> local >> remote >> state) || slot.back() != ':') continue;
    // TCP_LISTEN is 0A; an unconnected UDP socket is TCP_CLOSE (07).
    if (state != (udp ? "07" : "0A")) continue;
    const std::size_t colon = local.find(':');
    if (colon == std::string::npos) continue;
    ListeningSocket socket;
    socket.udp = udp;
    char* end = nullptr;
    const std::string port = local.substr(colon + 1);
    const unsigned long number = std::strtoul(port.c_str(), &end, 16);
    if (port.empty() || *end != '\0' || number > 0xffff) continue;
    socket.port = static_cast<std::uint16_t>(number);
    if (!address(std::string_view(local).substr(0, colon), v6, socket.address)) continue;
    out.push_back(std::move(socket));
  }
  return out;
}

std::vector<ListeningSocket> listening_sockets() {
  std::vector<ListeningSocket> out;
  for (const auto& [file, udp, v6] :
       {std::tuple{"/proc/net/tcp", false, false}, std::tuple{"/proc/net/tcp6", false, true},
        std::tuple{"/proc/net/udp", true, false}, std::tuple{"/proc/net/udp6", true, true}}) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    for (ListeningSocket& socket : parse_proc_net(text.str(), udp, v6)) {
      out.push_back(std::move(socket));
    }
  }
  return out;
}

}  // namespace jrun::sys
