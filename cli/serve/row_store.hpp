#pragma once
// A record sink that keeps a run's rows in memory (an explorer run is small:
// its days and units are bounded) and tells a listener of each new row.
#include <functional>
#include <span>
#include <vector>

#include "sim/core/engine.hpp"

namespace candour::cli::serve {

class RowStore final : public sim::RecordSink {
 public:
  using OnRecord = std::function<void(sim::Day, std::span<const double>)>;
  // `on_record` hears every row from now on.
  void listen(OnRecord on_record) { on_record_ = std::move(on_record); }

  void begin(const sim::ModelDefinition&, const sim::RowLayout& layout) override {
    layout_ = layout;
  }
  void record(sim::Day time, std::span<const double> row) override {
    times_.push_back(time);
    rows_.emplace_back(row.begin(), row.end());
    if (on_record_)
      on_record_(time, row);
  }
  void flush() override {}

  const sim::RowLayout& layout() const { return layout_; }
  const std::vector<sim::Day>& times() const { return times_; }
  const std::vector<std::vector<double>>& rows() const { return rows_; }

 private:
  OnRecord on_record_;
  sim::RowLayout layout_;
  std::vector<sim::Day> times_;
  std::vector<std::vector<double>> rows_;
};

}  // namespace candour::cli::serve
