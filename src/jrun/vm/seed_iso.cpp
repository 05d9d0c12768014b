// The seed ISO writer (adapter): libarchive's ISO 9660 writer, so no mkisofs is needed.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "jrun/vm/seed.h"

namespace jrun::vm {
namespace {

struct ArchiveFree {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Error archive_failure(archive* a, const std::string& path) {
  const char* why = archive_error_string(a);
  return make_error(ErrorCode::kRuntime, "cannot write the seed ISO " + path + ": " +
                                             (why != nullptr ? why : "libarchive error"));
}

bool add_file(archive* a, const char* name, const std::string& data) {
  std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), name);
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) return false;
  return archive_write_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size());
}

/// libarchive writes the primary volume id in d-characters ("CIDATA"); mkisofs, which the
/// reference used and FreeBSD's nuageinit was proven with, keeps "cidata". Both cloud-init and
/// nuageinit are documented to accept either, but the lower-case form is the one known to work
/// everywhere, so the 32-byte field of the primary volume descriptor is rewritten in place.
Status lowercase_volume_id(const std::string& part) {
  constexpr off_t kPrimaryDescriptor = 16 * 2048;
  constexpr off_t kVolumeId = kPrimaryDescriptor + 40;
  char head[8] = {};
  char id[32] = {};
  std::string wanted = std::string("CIDATA") + std::string(26, ' ');
  int fd = ::open(part.c_str(), O_RDWR | O_CLOEXEC);
  bool ok = fd >= 0 && ::pread(fd, head, sizeof head, kPrimaryDescriptor) == sizeof head &&
            ::pread(fd, id, sizeof id, kVolumeId) == sizeof id && head[0] == 1 &&
            std::memcmp(head + 1, "CD001", 5) == 0 && wanted.compare(0, 32, id, 32) == 0;
  std::string lower = std::string("cidata") + std::string(26, ' ');
  ok = ok && ::pwrite(fd, lower.data(), lower.size(), kVolumeId) == 32 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    return make_error(ErrorCode::kRuntime, "cannot write the seed ISO " + part +
                                               ": unexpected primary volume descriptor");
  }
  return {};
}

/// The whole ISO into `part`; the caller renames it.
Status write_iso(const std::string& part, const std::string& meta_data,
                 const std::string& user_data) {
  std::unique_ptr<archive, ArchiveFree> a(archive_write_new());
  archive* w = a.get();
  // cloud-init and nuageinit find the seed by its volume id; Rock Ridge and Joliet keep the
  // lower-case names "meta-data" and "user-data" that plain ISO 9660 cannot hold.
  if (archive_write_set_format_iso9660(w) != ARCHIVE_OK ||
      archive_write_set_option(w, "iso9660", "volume-id", "cidata") != ARCHIVE_OK ||
      archive_write_set_option(w, "iso9660", "rockridge", "1") != ARCHIVE_OK ||
      archive_write_set_option(w, "iso9660", "joliet", "1") != ARCHIVE_OK ||
      archive_write_open_filename(w, part.c_str()) != ARCHIVE_OK) {
    return archive_failure(w, part);
  }
  if (!add_file(w, "meta-data", meta_data) || !add_file(w, "user-data", user_data) ||
      archive_write_close(w) != ARCHIVE_OK) {
    return archive_failure(w, part);
  }
  return lowercase_volume_id(part);
}

}  // namespace

Status write_seed_iso(const std::string& path, const std::string& meta_data,
                      const std::string& user_data) {
  std::string part = path + ".part";
  Status status = write_iso(part, meta_data, user_data);
  if (status && std::rename(part.c_str(), path.c_str()) != 0) {
    status = make_error(ErrorCode::kRuntime, "cannot rename the seed ISO to " + path);
  }
  if (!status) ::unlink(part.c_str());
  return status;
}

}  // namespace jrun::vm
