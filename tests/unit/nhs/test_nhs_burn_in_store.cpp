// Burn-in checkpoints on disk (sim/core/burn_in_store.hpp): a run that reads
// one gives the rows of a fresh burn-in, bit for bit; a checkpoint of another
// key or build, or a damaged one, is never used.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/nhs/state_archive.hpp"
#include "nhs_test_support.hpp"
#include "tests/unit/hdf5/scratch.hpp"

using namespace nhs_test;

namespace {

struct StoredRun {
  MemorySink sink;
  sim::RunResult result;
};

StoredRun run_stored(sim::RunPlan plan, const sim::BurnInStore& store,
                     sim::BurnInCache* cache = nullptr) {
  plan.burn_in_store = &store;
  plan.burn_in_cache = cache;
  StoredRun out;
  out.result = sim::run_simulation(models::nhs_model(), plan, out.sink);
  return out;
}

std::size_t files_in(const std::filesystem::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder))
    ++n;
  return n;
}

// The one checkpoint file in `folder`.
std::filesystem::path only_file(const std::filesystem::path& folder) {
  REQUIRE(files_in(folder) == 1);
  return std::filesystem::directory_iterator(folder)->path();
}

}  // namespace

TEST_CASE("a burn-in read from a checkpoint gives the rows of a fresh one, bit for bit",
          "[nhs][burn_in][burn_in_store]") {
  test::ScratchDir scratch("burn_in_store_rows");
  const sim::BurnInStore store(scratch / "checkpoints", "build A");
  auto plan = small_plan(40);
  const auto first = run_stored(plan, store);
  CHECK(first.result.burn_in_saved);
  CHECK_FALSE(first.result.burn_in_read);
  CHECK(first.result.burn_in_store_error.empty());
  CHECK(identical(first.sink.rows, run(plan).rows));
  CHECK(files_in(scratch / "checkpoints") == 1);

  // Another lever from day 0, a timeline change and two threads: the same
  // burn-in, read from disk.
  plan.parameters.set("openness.whistleblower_protection", 1.0);
  sim::TimelineChange change{20, "harsher", plan.parameters};
  change.parameters.set("pressure.penalty_severity", 1.0);
  plan.timeline = {change};
  plan.threads = 2;
  const auto reform = run_stored(plan, store);
  CHECK(reform.result.burn_in_read);
  CHECK_FALSE(reform.result.burn_in_saved);
  CHECK(std::string(sim::burn_in_source(reform.result)) == "checkpoint");
  CHECK(identical(reform.sink.rows, run(plan).rows));
  CHECK_FALSE(identical(reform.sink.rows.back(), first.sink.rows.back()));  // the levers acted

  // Another seed burns in afresh and keeps its own checkpoint.
  plan.parameters.set("run.seed", 2);
  const auto other = run_stored(plan, store);
  CHECK_FALSE(other.result.burn_in_read);
  CHECK(other.result.burn_in_saved);
  CHECK(identical(other.sink.rows, run(plan).rows));
  CHECK(files_in(scratch / "checkpoints") == 2);
}

TEST_CASE("a sweep's memory cache takes its first state from the checkpoint",
          "[nhs][burn_in][burn_in_store]") {
  test::ScratchDir scratch("burn_in_store_cache");
  const sim::BurnInStore store(scratch / "checkpoints", "build A");
  const auto plan = small_plan(30);
  run_stored(plan, store);  // writes the checkpoint
  sim::BurnInCache cache(std::uint64_t{1} << 30);
  const auto first = run_stored(plan, store, &cache);
  CHECK(first.result.burn_in_read);
  const auto second = run_stored(plan, store, &cache);
  CHECK(second.result.burn_in_reused);
  CHECK_FALSE(second.result.burn_in_read);
  CHECK(identical(first.sink.rows, run(plan).rows));
  CHECK(identical(second.sink.rows, first.sink.rows));
}

TEST_CASE("a checkpoint of another build, or a damaged one, is never read",
          "[nhs][burn_in][burn_in_store]") {
  test::ScratchDir scratch("burn_in_store_damage");
  const auto folder = scratch / "checkpoints";
  const auto plan = small_plan(30);
  const auto fresh = run(plan);
  run_stored(plan, sim::BurnInStore(folder, "build A"));
  const auto file = only_file(folder);
  const auto size = std::filesystem::file_size(file);

  SECTION("another build") {
    const auto other = run_stored(plan, sim::BurnInStore(folder, "build B"));
    CHECK_FALSE(other.result.burn_in_read);
    CHECK(identical(other.sink.rows, fresh.rows));
    CHECK(files_in(folder) == 2);  // each build its own
  }
  SECTION("one byte changed in the state") {
    {
      std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
      bytes.seekp(static_cast<std::streamoff>(size / 2));
      bytes.put('\x5a');
    }
    const auto damaged = run_stored(plan, sim::BurnInStore(folder, "build A"));
    CHECK_FALSE(damaged.result.burn_in_read);
    CHECK(damaged.result.burn_in_saved);  // replaced by a whole one
    CHECK(identical(damaged.sink.rows, fresh.rows));
    const auto repaired = run_stored(plan, sim::BurnInStore(folder, "build A"));
    CHECK(repaired.result.burn_in_read);
    CHECK(identical(repaired.sink.rows, fresh.rows));
  }
  SECTION("cut short") {
    std::filesystem::resize_file(file, size - 100);
    const auto cut = run_stored(plan, sim::BurnInStore(folder, "build A"));
    CHECK_FALSE(cut.result.burn_in_read);
    CHECK(identical(cut.sink.rows, fresh.rows));
  }
}

TEST_CASE("a checkpoint that cannot be saved leaves the run's results standing",
          "[nhs][burn_in][burn_in_store]") {
  test::ScratchDir scratch("burn_in_store_unwritable");
  std::ofstream(scratch / "a_file") << "not a folder";
  const sim::BurnInStore store(scratch / "a_file" / "checkpoints", "build A");
  const auto plan = small_plan(30);
  const auto stored = run_stored(plan, store);
  CHECK_FALSE(stored.result.burn_in_saved);
  CHECK_THAT(stored.result.burn_in_store_error, Catch::Contains("a_file"));
  CHECK(identical(stored.sink.rows, run(plan).rows));
}

TEST_CASE("a state reads back only into a state of the same sizes", "[nhs][burn_in]") {
  auto plan = small_plan(0);
  const auto model = models::nhs_model();
  sim::Executor executor(1);
  const sim::RunContext context{1, &executor, nullptr};
  const auto simulation = model.create(plan.parameters, context);
  const auto bytes_of = [](const sim::Simulation& s) {
    std::ostringstream out;
    s.write_burn_in(out);
    return out.str();
  };
  const auto read = [&](const std::string& bytes) {
    std::istringstream in(bytes);
    return simulation->read_burn_in(in);
  };
  const auto bytes = bytes_of(*simulation);
  REQUIRE_FALSE(bytes.empty());
  CHECK(read(bytes));
  CHECK(bytes_of(*simulation) == bytes);
  CHECK_FALSE(read(bytes.substr(0, bytes.size() - 1)));
  CHECK_FALSE(read(bytes.substr(0, bytes.size() / 2)));
  CHECK_FALSE(read(""));
  CHECK(bytes_of(*simulation) == bytes);  // each refusal left the state alone
  // A larger trust's state does not fit this one's layout.
  plan.parameters.set("trust.wards", 13);
  const auto larger = model.create(plan.parameters, context);
  CHECK_FALSE(read(bytes_of(*larger)));
  CHECK(bytes_of(*simulation) == bytes);
}
