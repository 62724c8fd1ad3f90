// candour_hdf5_close_failure: HDF5 must not crash a process at exit after a
// file's close failed (a full disk). HDF5 1.10 closes every file still open
// when the process exits, and segfaults doing it when the close already
// failed; `candour` calls hdf5::skip_library_cleanup_at_exit() first thing so
// that a full disk ends in one error line and exit 1, as this program does.
//
//   candour_hdf5_close_failure FOLDER [--without-fix]
//
// Writes a file under a 64 KiB file-size limit (ulimit -f; SIGXFSZ ignored,
// so writes past it fail with EFBIG, as on a full disk), lets its close fail,
// and returns 0. With --without-fix it skips the call: the test then expects
// the crash, to show that the program really exercises it.
#include <signal.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "sim/io/hdf5.hpp"

int main(int argc, char** argv) {
  namespace h5 = candour::sim::io::hdf5;
  if (argc < 2) {
    std::fprintf(stderr, "usage: candour_hdf5_close_failure FOLDER [--without-fix]\n");
    return 2;
  }
  if (argc < 3 || std::strcmp(argv[2], "--without-fix") != 0)
    h5::skip_library_cleanup_at_exit();
  std::signal(SIGXFSZ, SIG_IGN);
  const rlimit limit{64 * 1024, RLIM_INFINITY};
  setrlimit(RLIMIT_FSIZE, &limit);
  const auto path = std::filesystem::path(argv[1]) / "too_big.h5";
  std::filesystem::create_directories(argv[1]);
  try {
    auto file = h5::create_file(path);
    // 1 MiB of values in the metadata cache and the file: more than the limit.
    const std::vector<double> values(128 * 1024, 1.0);
    h5::write_dataset(file, "values", std::span<const double>(values));
    file.close();
    std::fprintf(stderr, "the close succeeded: the limit did not bite\n");
    return 1;
  } catch (const h5::Error& e) {
    std::printf("failed as expected: %s\n", e.what());
  }
  return 0;  // HDF5's own shutdown at exit is where it used to crash
}
