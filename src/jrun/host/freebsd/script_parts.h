#pragma once
// Pieces shared by the freebsd driver's scripts (internal to the driver).

#include <string>

#include "jrun/host/freebsd/layout.h"

namespace jrun::host::freebsd_driver {

/// `jrun_put PATH MODE CONTENT`: writes only when the content differs, sets changed=1 then.
std::string put_function();
/// N (jail(8) name), NAME, DS (dataset), J (root on the host), C (config dir on the host),
/// JC (jail.conf as the host's jail(8) reads it).
std::string jail_vars(const std::string& name, const FreeBsdLayout& layout);
/// `jrun_release REL`: makes <releases>/REL@base once (fetch, MANIFEST sha256, tar, pkg -r,
/// snapshot). Needs POOLDS, RELROOT, MIRROR, PKGS.
std::string release_function(const FreeBsdLayout& layout);
/// `jrun_mounted DIR`: true when DIR is a mount point in `mount -p` (compared as a field:
/// fields are separated by tabs or one space, sbin/mount/mount.c putfsent()).
std::string mounted_function();
/// Stops and removes the jail of jail_vars (idempotent).
std::string destroy_body();

}  // namespace jrun::host::freebsd_driver
