#pragma once
// A record sink for tests: keeps every recorded row in memory, with the row
// layout the engine gave it, so a test reads a metric by name.
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/engine.hpp"

namespace candour::test {

struct MemorySink final : sim::RecordSink {
  sim::RowLayout layout;
  std::vector<sim::Day> times;
  std::vector<std::vector<double>> rows;
  int begins = 0;
  int flushes = 0;

  void begin(const sim::ModelDefinition&, const sim::RowLayout& row_layout) override {
    layout = row_layout;
    ++begins;
  }
  void record(sim::Day time, std::span<const double> row) override {
    times.push_back(time);
    rows.emplace_back(row.begin(), row.end());
  }
  void flush() override { ++flushes; }

  std::size_t units() const { return layout.units(); }
  // Offset of a metric's first value in a row (throws for an unknown name).
  std::size_t offset(std::string_view metric) const { return layout.slot(metric).offset; }
  // A system metric's value (or one unit's value) in row `row`.
  double value(std::size_t row, std::string_view metric, std::size_t unit = 0) const {
    return rows[row][offset(metric) + unit];
  }
};

}  // namespace candour::test
