#include "sim/core/row_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sim/core/parameters.hpp"

namespace candour::sim {

RowLayout::RowLayout(std::vector<MetricSpec> metrics, std::size_t units)
    : metrics_(std::move(metrics)), units_(units) {
  for (std::size_t i = 0; i < metrics_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (metrics_[j].name == metrics_[i].name)
        throw std::invalid_argument("metric '" + metrics_[i].name + "' is declared twice");
    }
    const std::size_t width = metrics_[i].scope == MetricScope::system ? 1 : units_;
    slots_.push_back({length_, width});
    length_ += width;
  }
}

std::size_t RowLayout::find(std::string_view name) const {
  const auto it = std::find_if(metrics_.begin(), metrics_.end(),
                               [&](const MetricSpec& m) { return m.name == name; });
  return static_cast<std::size_t>(it - metrics_.begin());
}

std::size_t RowLayout::index_of(std::string_view name) const {
  const std::size_t index = find(name);
  if (index < size())
    return index;
  std::string message = "no metric '" + std::string(name) + "'";
  std::size_t best = 0;
  for (std::size_t i = 0; i < size(); ++i) {
    if (edit_distance(name, metrics_[i].name) < edit_distance(name, metrics_[best].name))
      best = i;
  }
  if (!metrics_.empty())
    message += "; did you mean '" + metrics_[best].name + "'?";
  throw std::invalid_argument(message);
}

}  // namespace candour::sim
