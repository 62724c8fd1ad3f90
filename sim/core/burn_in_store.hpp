#pragma once
// Burn in once across processes: the state a burn-in leaves, kept on disk in
// a folder the user names, for later runs of the same seed and burn-in
// parameters (BurnInCache keeps such states in memory within one process).
//
// One file per key, named by a hash of it. States are streamed to and from
// the file, so that a run holds no second copy of its state in memory. A file is used only when it
// holds the very key asked for, written by the very build asking (`build`: the program's version,
// commit and compiler), and its checksum holds: anything else is a miss, and the run burns in
// afresh. Files are written whole to a temporary name and renamed into place, so a killed run or
// two runs at once leave either no file or a whole one.
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace candour::sim {

class BurnInStore {
 public:
  BurnInStore(std::filesystem::path folder, std::string build);

  // Calls `read` with a stream placed at the state saved under `key`, once
  // the file's identity and checksum hold; returns what `read` returns.
  // False without calling it when there is no such file, or it holds another
  // key or build, or it is damaged.
  bool load(std::string_view key, const std::function<bool(std::istream&)>& read) const;
  // Saves what `write` writes to the stream it is given as `key`'s state,
  // creating the folder if needed and replacing this key's file. Throws
  // std::runtime_error, naming the file, when it cannot be written; what was
  // there is left as it was.
  void save(std::string_view key, const std::function<void(std::ostream&)>& write) const;
  // The file that holds `key`'s state.
  std::filesystem::path path_of(std::string_view key) const;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::string identity(std::string_view key) const;
  std::filesystem::path folder_;
  std::string build_;
};

}  // namespace candour::sim
