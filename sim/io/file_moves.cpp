#include "sim/io/file_moves.hpp"

#include <fcntl.h>  // AT_FDCWD
#include <stdio.h>  // renameat2, RENAME_NOREPLACE (glibc 2.28 and later)
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace candour::sim::io {
namespace fs = std::filesystem;

void move_into_place(const fs::path& from, const fs::path& to, bool replace) {
  if (replace) {
    fs::rename(from, to);
    return;
  }
  auto fail = [&](int error) {
    throw fs::filesystem_error("cannot move the file into place", from, to,
                               std::error_code(error, std::generic_category()));
  };
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    return;
  if (errno != EINVAL && errno != ENOSYS)
    fail(errno);
  // A file system without RENAME_NOREPLACE: a hard link fails on an existing
  // name just the same, and the temporary name then goes.
  if (::link(from.c_str(), to.c_str()) != 0)
    fail(errno);
  ::unlink(from.c_str());
}

}  // namespace candour::sim::io
