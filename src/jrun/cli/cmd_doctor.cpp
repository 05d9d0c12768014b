// jrun doctor: what jrun needs on this machine, each problem with its fix; exit 1 when
// something is missing (warnings alone keep 0).

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/doctor.h"
#include "jrun/cli/host_ports.h"
#include "jrun/state/store.h"
#include "jrun/ui/progress.h"
#include "jrun/ui/table.h"
#include "jrun/ui/terminal.h"

namespace jrun::cli {
namespace {

bool in_path(const std::string& program, const std::string& path) {
  for (const std::string& dir : split(path, ':')) {
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

bool port_free(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

std::string package_manager(const std::string& os, const std::string& path) {
  if (os == "Darwin") return "brew";
  if (os == "FreeBSD") return "pkg";
  for (const char* pm : {"apt-get", "dnf", "pacman"}) {
    if (in_path(pm, path)) return std::string(pm) == "apt-get" ? "apt" : pm;
  }
  return "";
}

// Recorded forwards (local provider: nft DNAT, no socket of ours) that a listener now shares.
std::map<std::string, std::string> forwards_taken(const Context& ctx) {
  std::map<std::string, std::string> out;
  auto recorded = state::StateStore(ctx.settings.home).load_unlocked();
  if (!recorded) return out;
  const std::vector<sys::ListeningSocket> sockets = sys::listening_sockets();
  for (const auto& [name, record] : recorded->jails) {
    auto forwards = record.spec.find("forwards");
    if (forwards == record.spec.end() || !forwards->is_object()) continue;
    for (const auto& [forward, item] : forwards->items()) {
      if (!item.is_object() || !item.contains("host") || !item["host"].is_number_integer()) {
        continue;
      }
      const std::string proto = item.value("proto", "tcp");
      const std::string bind = item.value("bind", "127.0.0.1");
      const int port = item["host"].get<int>();
      for (const sys::ListeningSocket& s : sockets) {
        if (s.udp != (proto == "udp") || s.port != port || s.address == "v6" ||
            s.address == "::1" || !listener_overlaps(s.address, bind)) {
          continue;
        }
        out[name + "/" + forward + " " + proto + " " + bind + ":" + std::to_string(port)] =
            s.address;
      }
    }
  }
  return out;
}

DoctorFacts gather(const Context& ctx, const DoctorArgs& args) {
  DoctorFacts f;
  utsname name{};
  if (::uname(&name) == 0) {
    f.os = name.sysname;
    f.arch = name.machine;
  }
  const std::string path = ctx.env.count("PATH") ? ctx.env.at("PATH") : "/usr/bin:/bin";
  f.package_manager = package_manager(f.os, path + ":/usr/sbin:/sbin");
  for (const char* p : {"qemu-system-x86_64", "qemu-system-aarch64", "qemu-img", "ssh",
                        "ansible-playbook", "monit", "nft", "tini", "nsenter", "ip"}) {
    if (in_path(p, path + ":/usr/sbin:/sbin")) f.programs.insert(p);
  }
  for (const std::string& p : doctor_paths(f.arch)) {
    if (::access(p.c_str(), F_OK) == 0) f.files.insert(p);
  }
  std::ifstream filesystems("/proc/filesystems");
  std::stringstream text;
  text << filesystems.rdbuf();
  if (text.str().find("\toverlay\n") != std::string::npos) f.files.insert("overlay");
  f.kvm = ::access("/dev/kvm", R_OK | W_OK) == 0;
  f.root = ::geteuid() == 0;
  f.provider = ctx.settings.provider;
  f.home = ctx.settings.home;
  struct stat st {};
  f.home_exists = ::stat(f.home.c_str(), &st) == 0;
  f.home_private = !f.home_exists || (st.st_uid == ::geteuid() && (st.st_mode & 022) == 0);
  std::vector<int> ports = args.ports;
  if (ports.empty() && f.provider == "vm") ports.push_back(ctx.settings.vm.ssh_port);
  for (int port : ports) f.ports_free[port] = port_free(port);
  if (f.provider == "local") f.forwards_taken = forwards_taken(ctx);
  return f;
}

}  // namespace

Result<int> cmd_doctor(Context& ctx, const DoctorArgs& args) {
  const ui::Style style = ui::detect_style(1, ctx.env);
  const std::vector<Finding> findings = doctor_findings(gather(ctx, args));
  ui::Table table;
  table.header = {"", "check", "result"};
  table.keep = 2;
  bool missing = false;
  for (const Finding& f : findings) {
    const bool ok = f.level == Finding::Level::kOk;
    missing = missing || f.level == Finding::Level::kMissing;
    std::string result = f.detail + (f.fix.empty() ? "" : "\nfix: " + f.fix);
    table.rows.push_back(
        {{std::string(ok                                    ? ui::glyph(style, "✓", "+")
                      : f.level == Finding::Level::kWarning ? "!"
                                                            : ui::glyph(style, "✗", "x")),
          ok                                    ? ui::Color::kGreen
          : f.level == Finding::Level::kWarning ? ui::Color::kYellow
                                                : ui::Color::kRed},
         {f.what},
         {result}});
  }
  ctx.out->print(ui::render_table(table, style));
  ctx.out->print("\n" +
                 ui::render_message(missing ? ui::MessageKind::kError : ui::MessageKind::kSuccess,
                                    missing ? "Something jrun needs is missing (see fix:)."
                                            : "Everything jrun needs is here.",
                                    style));
  return missing ? 1 : 0;
}

}  // namespace jrun::cli
