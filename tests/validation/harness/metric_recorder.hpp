#pragma once
// A record sink that keeps, in memory, the time series of the metrics a
// validation test asks for (system-wide and per unit), and nothing else: a
// 200-trust run records thousands of values a day, and a test needs a few.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"

namespace candour::validation {

class MetricRecorder final : public sim::RecordSink {
 public:
  // `metrics` are metric names as the model declares them; begin() throws
  // std::invalid_argument naming any the model does not have.
  explicit MetricRecorder(std::vector<std::string> metrics) : names_(std::move(metrics)) {}

  void begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) override;
  void record(sim::Day time, std::span<const double> row) override;
  void flush() override {}

  const std::vector<sim::Day>& times() const { return times_; }
  std::size_t units() const { return units_; }
  // The series of one metric: for a system metric one value per record; for a
  // per-unit metric units() values per record, record-major.
  const std::vector<double>& series(const std::string& metric) const;
  bool per_unit(const std::string& metric) const;
  // Value of a system metric (or of one unit) at the record taken at `day`
  // (throws std::out_of_range if there is none).
  double at(const std::string& metric, sim::Day day, std::size_t unit = 0) const;
  // Last recorded value.
  double final_value(const std::string& metric, std::size_t unit = 0) const;
  // Mean over the records with first < time <= last.
  double mean_over(const std::string& metric, sim::Day first, sim::Day last,
                   std::size_t unit = 0) const;

 private:
  struct Column {
    std::string name;
    sim::RowSlot slot;  // width 1 for a system metric, units for a per-unit one
    bool unit_scoped = false;
    std::vector<double> values;
  };
  const Column& column(const std::string& metric) const;
  std::size_t row_of(sim::Day day) const;

  std::vector<std::string> names_;
  std::vector<Column> columns_;
  std::vector<sim::Day> times_;
  std::size_t units_ = 0;
};

}  // namespace candour::validation
