// BurnInStore: states on disk by key and build, whole or not at all.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "sim/core/burn_in_store.hpp"
#include "tests/unit/hdf5/scratch.hpp"

using candour::sim::BurnInStore;

namespace {

void save(const BurnInStore& store, std::string_view key, const std::string& state) {
  store.save(key, [&](std::ostream& out) { out << state; });
}

// The state under `key`, read to the end of the file but its trailer.
std::optional<std::string> load(const BurnInStore& store, std::string_view key) {
  std::string read;
  const auto size = std::filesystem::exists(store.path_of(key))
                        ? std::filesystem::file_size(store.path_of(key))
                        : 0;
  if (!store.load(key, [&](std::istream& in) {
        const auto start = static_cast<std::uintmax_t>(in.tellg());
        read.resize(size - start - 12);  // the state's length and the checksum follow it
        return static_cast<bool>(in.read(read.data(), static_cast<std::streamsize>(read.size())));
      }))
    return std::nullopt;
  return read;
}

}  // namespace

TEST_CASE("a stored state is read back only under its own key and build", "[burn_in_store]") {
  candour::test::ScratchDir scratch("burn_in_store_keys");
  const auto folder = scratch / "made_when_first_saved";
  const BurnInStore store(folder, "build A");
  CHECK_FALSE(load(store, "seed 1").has_value());  // nothing yet, and no folder
  std::string state(100000, '\0');
  for (std::size_t i = 0; i < state.size(); ++i)
    state[i] = static_cast<char>(i * 7919 % 251);
  save(store, "seed 1", state);
  REQUIRE(load(store, "seed 1").has_value());
  CHECK(*load(store, "seed 1") == state);
  CHECK_FALSE(load(store, "seed 2").has_value());
  CHECK_FALSE(load(BurnInStore(folder, "build B"), "seed 1").has_value());
  CHECK(store.path_of("seed 1") != store.path_of("seed 2"));
  CHECK(store.path_of("seed 1") != BurnInStore(folder, "build B").path_of("seed 1"));
  CHECK(store.path_of("seed 1").parent_path() == folder);
  // Saving again replaces it; an empty state is a state.
  save(store, "seed 1", "");
  REQUIRE(load(store, "seed 1").has_value());
  CHECK(load(store, "seed 1")->empty());
  // Nothing is left beside the checkpoints (no partial files).
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    CHECK(entry.path().extension() == ".bin");
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("a file of another kind under a checkpoint's name is not read", "[burn_in_store]") {
  candour::test::ScratchDir scratch("burn_in_store_foreign");
  const BurnInStore store(scratch / "checkpoints", "build A");
  save(store, "key", "state");
  std::ofstream(store.path_of("key"), std::ios::trunc) << "something else entirely";
  CHECK_FALSE(load(store, "key").has_value());
  std::ofstream(store.path_of("key"), std::ios::trunc);  // empty
  CHECK_FALSE(load(store, "key").has_value());
}

TEST_CASE("a checkpoint that cannot be written names the file and keeps what was there",
          "[burn_in_store]") {
  candour::test::ScratchDir scratch("burn_in_store_refused");
  std::ofstream(scratch / "a_file") << "not a folder";
  const BurnInStore blocked(scratch / "a_file", "build A");
  CHECK_THROWS_WITH(save(blocked, "key", "state"), Catch::Contains("a_file"));
  // A folder sitting where the checkpoint's file would go.
  const BurnInStore store(scratch / "checkpoints", "build A");
  std::filesystem::create_directories(store.path_of("key"));
  std::ofstream(store.path_of("key") / "inside") << "kept";
  CHECK_THROWS_WITH(save(store, "key", "state"), Catch::Contains(store.path_of("key").string()));
  CHECK(std::filesystem::exists(store.path_of("key") / "inside"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(scratch / "checkpoints"))
    ++files;
  CHECK(files == 1);  // no partial file left behind
}
