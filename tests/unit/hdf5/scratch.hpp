#pragma once
// Test helpers for the HDF5 tests: a scratch directory outside the source
// tree, and a capture of what a piece of code prints to stderr.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace candour::test {

// A fresh directory under the system temporary directory, removed with
// everything in it when the test ends.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view name)
      : path_(std::filesystem::temp_directory_path() /
              ("candour_hdf5_" + std::string(name) + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path operator/(std::string_view file) const { return path_ / file; }

 private:
  std::filesystem::path path_;
};

// Runs `body` with file descriptor 2 redirected to a file; returns what was
// written there (HDF5 prints its error stack to stderr by default).
template <class F>
std::string captured_stderr(const std::filesystem::path& scratch_file, F&& body) {
  std::fflush(stderr);
  const int saved = ::dup(2);
  const int target = ::open(scratch_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(target, 2);
  ::close(target);
  try {
    body();
  } catch (...) {
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    throw;
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::ifstream in(scratch_file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace candour::test
