#pragma once
// The file system as the pure core sees it: an interface, so parsing and validation can be tested
// with an in-memory fake and never call the OS themselves.

#include <cstddef>
#include <string>
#include <vector>

#include "jrun/base/result.h"

namespace jrun {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Reads a whole file. Fails with a message naming the path and the OS reason.
  virtual Result<std::string> read_file(const std::string& path) const = 0;
  /// Reads a regular file of at most `max_bytes`; anything else (a FIFO, a device such as
  /// /dev/zero, a directory) or a larger file is an error. Real implementations decide before
  /// reading, so this never blocks on a FIFO nor reads without end. This default (for fakes)
  /// reads the whole file, then checks its size.
  virtual Result<std::string> read_regular_file(const std::string& path,
                                                std::size_t max_bytes) const {
    Result<std::string> text = read_file(path);
    if (text && text->size() > max_bytes) {
      return make_error(ErrorCode::kUsage,
                        path + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
    return text;
  }
  virtual bool exists(const std::string& path) const = 0;
  virtual bool is_directory(const std::string& path) const = 0;
  /// Paths matching a glob(7) pattern, sorted; no match is an empty list, not an error.
  virtual Result<std::vector<std::string>> glob(const std::string& pattern) const = 0;
};

}  // namespace jrun
