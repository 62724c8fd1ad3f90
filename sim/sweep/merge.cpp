#include "sim/sweep/merge.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/sweep/sweep_store.hpp"

namespace candour::sim::sweep {
namespace {

// Equal as stored: a NaN a model wrote matches the same NaN.
bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
}

}  // namespace

MergeReport merge_sweeps(const std::filesystem::path& output,
                         const std::vector<std::filesystem::path>& inputs) {
  if (inputs.empty())
    throw std::runtime_error("nothing to merge: give the shard files after the output file");
  if (std::filesystem::exists(output))
    throw std::runtime_error(output.string() +
                             " exists; merge writes a new file (remove it or choose another name)");
  std::vector<SweepStore> stores;
  for (const auto& input : inputs) {
    try {
      stores.push_back(SweepStore::open(input, false));
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot read " + input.string() + ": " + e.what());
    }
    const auto different = stores.back().header().difference(stores.front().header());
    if (!different.empty())
      throw std::runtime_error(input.string() + " holds another sweep than " +
                               inputs.front().string() + " (" + different + " differs)");
  }
  auto header = stores.front().header();
  header.shard = Shard{};
  // Merged under a temporary name, flushed once and renamed at the end, so
  // `output` never shows completed flags without their values.
  auto merging = output;
  merging += ".merging";
  std::filesystem::remove(merging);
  auto merged = SweepStore::create(merging, header);
  MergeReport report;
  report.runs = header.runs();
  std::vector<std::size_t> source(header.runs(), inputs.size());
  for (std::size_t i = 0; i < stores.size(); ++i) {
    const auto& completed = stores[i].completed();
    for (std::size_t run = 0; run < completed.size(); ++run) {
      if (completed[run] == 0)
        continue;
      const auto row = stores[i].read(run);
      if (source[run] < inputs.size()) {
        const auto earlier = stores[source[run]].read(run);
        if (!same_values(row.summary, earlier.summary) || !same_values(row.series, earlier.series))
          throw std::runtime_error("run " + std::to_string(run) + " differs between " +
                                   inputs[source[run]].string() + " and " + inputs[i].string());
        ++report.duplicates;
        continue;
      }
      merged.write(run, row, false);
      source[run] = i;
    }
  }
  merged.flush();
  report.completed = merged.completed_count();
  merged.close();
  std::filesystem::rename(merging, output);
  return report;
}

}  // namespace candour::sim::sweep
