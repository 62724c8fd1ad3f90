#pragma once
// Template definitions for replicates.hpp.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>

#include <optional>

namespace candour::validation {

template <class Result>
std::vector<Result> run_in_parallel(std::size_t n, const std::function<Result(std::size_t)>& job) {
  std::vector<std::optional<Result>> slots(n);
  // Grain 1: runs are long and unequal, so each is its own task.
  oneapi::tbb::parallel_for(
      oneapi::tbb::blocked_range<std::size_t>(0, n, 1),
      [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i < r.end(); ++i)
          slots[i].emplace(job(i));
      },
      oneapi::tbb::simple_partitioner());
  std::vector<Result> out;
  out.reserve(n);
  for (auto& s : slots)
    out.push_back(std::move(*s));
  return out;
}

}  // namespace candour::validation
