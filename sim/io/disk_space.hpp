#pragma once
// Room on disk for what is about to be written. A write that fails for want
// of space can leave an HDF5 file whose metadata points past its end, which no
// reader opens; so writers check first and stop cleanly while the file is
// still whole.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace candour::sim::io {

// Free space for an unprivileged writer on the file system holding `path`
// (or its nearest existing parent folder). Empty when unknown.
std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path& path);

// Why `file` cannot grow by `bytes`: too little free space on its file system,
// or the process's file-size limit (ulimit -f) in the way. Empty when it can,
// or when neither can be known.
std::optional<std::string> lacks_room(const std::filesystem::path& file, std::uint64_t bytes);

// The file system is (nearly) full or a file-size limit is reached: what was
// written so far is kept whole.
struct DiskFull : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "590 GB", "23.4 MB", "812 kB": decimal units, three significant figures.
std::string format_bytes(std::uint64_t bytes);

}  // namespace candour::sim::io
