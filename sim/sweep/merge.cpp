#include "sim/sweep/merge.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include "sim/io/file_moves.hpp"
#include "sim/sweep/sweep_store.hpp"

namespace candour::sim::sweep {
namespace {

// Equal as stored: a NaN a model wrote matches the same NaN.
bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
}

// Copies every completed run of `stores` into `merged`; runs completed in
// more than one store must agree.
void copy_runs(const std::vector<SweepStore>& stores,
               const std::vector<std::filesystem::path>& inputs, SweepStore& merged,
               MergeReport& report) {
  const auto runs = merged.header().runs();
  std::vector<std::size_t> source(runs, stores.size());
  for (std::size_t i = 0; i < stores.size(); ++i) {
    const auto& completed = stores[i].completed();
    for (std::size_t run = 0; run < completed.size(); ++run) {
      if (completed[run] == 0)
        continue;
      const auto row = stores[i].read(run);
      if (source[run] < stores.size()) {
        const auto earlier = stores[source[run]].read(run);
        if (!same_values(row.summary, earlier.summary) || !same_values(row.series, earlier.series))
          throw MergeRefused("run " + std::to_string(run) + " differs between " +
                             inputs[source[run]].string() + " and " + inputs[i].string());
        ++report.duplicates;
        continue;
      }
      merged.write(run, row, false);
      source[run] = i;
    }
  }
}

}  // namespace

MergeReport merge_sweeps(const std::filesystem::path& output,
                         const std::vector<std::filesystem::path>& inputs) {
  if (inputs.empty())
    throw MergeRefused("nothing to merge: give the shard files after the output file");
  if (std::filesystem::exists(output))
    throw MergeRefused(output.string() +
                       " exists; merge writes a new file (remove it or choose another name)");
  std::vector<SweepStore> stores;
  for (const auto& input : inputs) {
    try {
      stores.push_back(SweepStore::open(input, false));
    } catch (const std::exception& e) {
      throw MergeRefused("cannot read " + input.string() + ": " + e.what());
    }
    const auto different = stores.back().header().difference(stores.front().header());
    if (!different.empty())
      throw MergeRefused(input.string() + " holds another sweep than " + inputs.front().string() +
                         " (" + different + " differs)");
  }
  auto header = stores.front().header();
  header.shard = Shard{};
  // Merged under a temporary name, flushed once and renamed at the end, so
  // `output` never shows completed flags without their values.
  auto merging = output;
  merging += ".merging";
  std::error_code stale;
  std::filesystem::remove(merging, stale);  // from a merge that was killed; else nothing
  MergeReport report;
  report.runs = header.runs();
  try {
    auto merged = SweepStore::create(merging, header);
    copy_runs(stores, inputs, merged, report);
    merged.flush();
    report.completed = merged.completed_count();
    merged.close();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(merging, ignored);
    throw;
  }
  try {
    // Never over a file that appeared meanwhile.
    io::move_into_place(merging, output, false);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(merging, ignored);
    throw;
  }
  return report;
}
}  // namespace candour::sim::sweep
