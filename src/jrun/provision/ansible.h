#pragma once
// ansible-playbook command lines as values (golden-tested). Pure.
//
// Linux jail: ansible-playbook runs inside the jail (`-c local`, `-i localhost,`), started through
//   JailHost::run_in; the playbook directory is staged into the jail first.
// FreeBSD jail: ansible-playbook runs on this machine and reaches the jail over ssh as root,
//   jumping through the VM's admin account (reference §6.2).
// VM (base setup): over ssh as admin to the VM's forwarded ssh port (reference §6.1).
// In every case the user's `vars` are one JSON `-e`; the connection variables come last so a
// user variable cannot redirect the connection.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jrun/host/process.h"

namespace jrun::provision {

/// How this machine reaches the VM over ssh (the `vm` provider's forwarded port).
struct VmSsh {
  std::string host = "127.0.0.1";
  int port = 2222;
  std::string user = "admin";
  std::string private_key;  ///< $JRUN_HOME/ssh/id_ed25519
  std::string known_hosts;  ///< $JRUN_HOME/ssh/known_hosts (per instance; accept-new)
  std::string python = "python3.13";
};

/// Environment of every ansible-playbook jrun starts: plain text output jrun can parse, no
/// retry files, no interpreter discovery warnings, unbuffered.
std::vector<std::pair<std::string, std::string>> ansible_env();

/// argv run inside a Linux jail: `env <ansible_env> ansible-playbook -i localhost, -c local
/// <playbook> [-e <vars json>]`.
std::vector<std::string> linux_jail_argv(const std::string& playbook,
                                         const nlohmann::ordered_json& vars);

/// Command run on this machine for a FreeBSD jail at `jail_ip`, through the VM.
host::Command freebsd_jail_command(const std::string& playbook, const nlohmann::ordered_json& vars,
                                   const std::string& jail_ip, const VmSsh& vm);

/// Command run on this machine for a base setup step against the VM itself.
host::Command vm_command(const std::string& playbook, const nlohmann::ordered_json& vars,
                         const VmSsh& vm);

}  // namespace jrun::provision
