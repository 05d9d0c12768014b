#include "jrun/vm/seed.h"

#include <cstdio>

#include "jrun/base/strings.h"

namespace jrun::vm {
namespace {

bool is_login_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  if (!(name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'))) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_hostname(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (const std::string& label : split(name, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
  }
  return true;
}

Error invalid(const std::string& what, std::string_view value) {
  return make_error(ErrorCode::kUsage, what + ": " + yaml_quote(value));
}

/// The reference's first-boot commands for FreeBSD: quiet logins and passwordless doas for wheel.
std::vector<std::string> freebsd_runcmd(const std::string& user) {
  return {
      "echo 'PrintMotd no' >> /etc/ssh/sshd_config",
      "echo 'PrintLastLog no' >> /etc/ssh/sshd_config",
      "truncate -s 0 /etc/motd",
      "truncate -s 0 /etc/motd.template",
      "touch " + shell_quote("/home/" + user + "/.hushlogin"),
      "chown " + shell_quote(user + ":" + user) + " " +
          shell_quote("/home/" + user + "/.hushlogin"),
      "echo 'permit nopass :wheel' > /usr/local/etc/doas.conf",
      "chmod 400 /usr/local/etc/doas.conf",
      "chown root:wheel /usr/local/etc/doas.conf",
  };
}

void add_list(std::string& out, std::string_view key, const std::vector<std::string>& items,
              std::string_view indent) {
  if (items.empty()) return;
  out += std::string(indent) + std::string(key) + ":\n";
  for (const std::string& item : items)
    out += std::string(indent) + "  - " + yaml_quote(item) + "\n";
}

}  // namespace

SeedSpec freebsd_seed(std::string public_key) {
  SeedSpec spec;
  spec.public_key = std::move(public_key);
  spec.packages = {"doas", "python313"};
  return spec;
}

SeedSpec linux_seed(std::string public_key, std::string hostname) {
  SeedSpec spec;
  spec.os = GuestOs::kLinux;
  spec.hostname = std::move(hostname);
  spec.public_key = std::move(public_key);
  return spec;
}

Status check_seed(const SeedSpec& spec) {
  if (!is_login_name(spec.user)) return invalid("not a valid user name", spec.user);
  if (!is_hostname(spec.hostname)) return invalid("not a valid hostname", spec.hostname);
  if (spec.instance_id.empty() || spec.instance_id.find('\n') != std::string::npos) {
    return invalid("not a valid instance id", spec.instance_id);
  }
  if (spec.public_key.empty() || spec.public_key.find_first_of("\r\n") != std::string::npos) {
    return invalid("not a single-line public key", spec.public_key);
  }
  return {};
}

std::string yaml_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string render_meta_data(const SeedSpec& spec) {
  return "instance-id: " + yaml_quote(spec.instance_id) + "\n" +
         "local-hostname: " + yaml_quote(spec.hostname) + "\n";
}

std::string render_user_data(const SeedSpec& spec) {
  bool freebsd = spec.os == GuestOs::kFreebsd;
  std::string out = "#cloud-config\n";
  out += "disable_root: true\n";
  out += "ssh_pwauth: false\n";
  out += "users:\n";
  out += "  - name: " + yaml_quote(spec.user) + "\n";
  out += freebsd ? "    groups: wheel\n    shell: /bin/sh\n"
                 : "    groups: sudo\n    shell: /bin/bash\n    lock_passwd: true\n    sudo: " +
                       yaml_quote("ALL=(ALL) NOPASSWD:ALL") + "\n";
  add_list(out, "ssh_authorized_keys", {spec.public_key}, "    ");
  add_list(out, "packages", spec.packages, "");
  if (freebsd) add_list(out, "runcmd", freebsd_runcmd(spec.user), "");
  return out;
}

}  // namespace jrun::vm
