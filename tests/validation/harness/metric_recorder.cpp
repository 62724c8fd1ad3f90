#include "tests/validation/harness/metric_recorder.hpp"

#include <algorithm>
#include <stdexcept>

namespace candour::validation {

void MetricRecorder::begin(const sim::ModelDefinition& model, const sim::RowLayout& layout) {
  units_ = layout.units();
  times_.clear();
  columns_.clear();
  for (const auto& name : names_) {
    const std::size_t index = layout.find(name);
    if (index == layout.size())
      throw std::invalid_argument("model '" + model.name + "' has no metric '" + name + "'");
    columns_.push_back(
        {name, layout.slot(index), layout.metric(index).scope == sim::MetricScope::per_unit, {}});
  }
}

void MetricRecorder::record(sim::Day time, std::span<const double> row) {
  times_.push_back(time);
  for (auto& c : columns_)
    c.values.insert(c.values.end(), row.begin() + static_cast<std::ptrdiff_t>(c.slot.offset),
                    row.begin() + static_cast<std::ptrdiff_t>(c.slot.offset + c.slot.width));
}

const MetricRecorder::Column& MetricRecorder::column(const std::string& metric) const {
  for (const auto& c : columns_)
    if (c.name == metric)
      return c;
  throw std::out_of_range("metric '" + metric + "' was not recorded");
}

const std::vector<double>& MetricRecorder::series(const std::string& metric) const {
  return column(metric).values;
}

bool MetricRecorder::per_unit(const std::string& metric) const {
  return column(metric).unit_scoped;
}

std::size_t MetricRecorder::row_of(sim::Day day) const {
  const auto it = std::lower_bound(times_.begin(), times_.end(), day);
  if (it == times_.end() || *it != day)
    throw std::out_of_range("no record at day " + std::to_string(day));
  return static_cast<std::size_t>(it - times_.begin());
}

double MetricRecorder::at(const std::string& metric, sim::Day day, std::size_t unit) const {
  const auto& c = column(metric);
  return c.values.at(row_of(day) * c.slot.width + unit);
}

double MetricRecorder::final_value(const std::string& metric, std::size_t unit) const {
  const auto& c = column(metric);
  if (times_.empty())
    throw std::out_of_range("nothing was recorded");
  return c.values.at((times_.size() - 1) * c.slot.width + unit);
}

double MetricRecorder::mean_over(const std::string& metric, sim::Day first, sim::Day last,
                                 std::size_t unit) const {
  const auto& c = column(metric);
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t r = 0; r < times_.size(); ++r) {
    if (times_[r] > first && times_[r] <= last) {
      sum += c.values[r * c.slot.width + unit];
      ++n;
    }
  }
  if (n == 0)
    throw std::out_of_range("no record of '" + metric + "' in (" + std::to_string(first) + ", " +
                            std::to_string(last) + "]");
  return sum / static_cast<double>(n);
}

}  // namespace candour::validation
