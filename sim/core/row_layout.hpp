#pragma once
// Where each metric's values sit in a recorded row. A row holds the metrics
// in declaration order: one value for a system metric, one per unit for a
// per-unit metric. Every writer, summary and test reads rows through this one
// type, so no other code works out an offset.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/model.hpp"

namespace candour::sim {

// One metric's place in a row: values [offset, offset + width).
struct RowSlot {
  std::size_t offset = 0;
  std::size_t width = 1;  // 1 for a system metric, the unit count for a per-unit one
};

class RowLayout {
 public:
  RowLayout() = default;
  // Throws std::invalid_argument when two metrics share a name.
  RowLayout(std::vector<MetricSpec> metrics, std::size_t units);

  std::size_t units() const { return units_; }
  std::size_t length() const { return length_; }  // values in one row
  std::size_t size() const { return metrics_.size(); }
  const std::vector<MetricSpec>& metrics() const { return metrics_; }
  const MetricSpec& metric(std::size_t index) const { return metrics_[index]; }
  RowSlot slot(std::size_t index) const { return slots_[index]; }

  // Index of the metric named `name`, or size() when there is none.
  std::size_t find(std::string_view name) const;
  // Index of the metric named `name`; throws std::invalid_argument naming the
  // nearest metric when there is none.
  std::size_t index_of(std::string_view name) const;
  RowSlot slot(std::string_view name) const { return slots_[index_of(name)]; }

  // The values of one metric in `row` (a row of length()).
  std::span<const double> values(std::span<const double> row, std::size_t index) const {
    return row.subspan(slots_[index].offset, slots_[index].width);
  }

 private:
  std::vector<MetricSpec> metrics_;
  std::vector<RowSlot> slots_;
  std::size_t units_ = 0;
  std::size_t length_ = 0;
};

}  // namespace candour::sim
