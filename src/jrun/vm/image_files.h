#pragma once
// Streaming work on big image files, with progress:
//
//   sha512_file(path, progress)         -> lower-case hex (OpenSSL EVP, 1 MiB reads)
//   xz_decompress(src, dest, progress)  -> writes dest through dest + ".part" (liblzma), sparse
//
// Progress is (bytes of the input read so far, input size).

#include <cstdint>
#include <functional>
#include <string>

#include "jrun/base/result.h"

namespace jrun::vm {

using ByteProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;
/// Polled once per MiB; true stops the work with a kInterrupted error. May be empty.
using Interrupted = std::function<bool()>;

/// SHA-512 of a file's contents. A read failure → kRuntime error naming the file.
Result<std::string> sha512_file(const std::string& path, const ByteProgress& progress = {},
                                const Interrupted& interrupted = {});

/// Decompresses an .xz file (concatenated streams allowed) to `dest`. Runs of zero bytes become
/// holes, so a mostly empty disk image stays small. Corrupt or truncated input, or a write
/// failure → kRuntime error naming the file; the .part is removed.
Status xz_decompress(const std::string& src, const std::string& dest,
                     const ByteProgress& progress = {}, const Interrupted& interrupted = {});

}  // namespace jrun::vm
