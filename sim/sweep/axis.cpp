#include "sim/sweep/axis.hpp"

#include <algorithm>
#include <cmath>

namespace candour::sim::sweep {

std::string_view axis_kind_name(AxisKind kind) {
  switch (kind) {
    case AxisKind::values:
      return "values";
    case AxisKind::linear:
      return "linear";
    case AxisKind::log:
      return "log";
    case AxisKind::uniform:
      return "uniform";
    case AxisKind::loguniform:
      return "loguniform";
  }
  return "?";
}

double as_parameter_value(double value, ParameterType type) {
  return type == ParameterType::real ? value : std::round(value);
}

std::vector<double> Axis::levels() const {
  std::vector<double> out;
  switch (kind) {
    case AxisKind::values:
      out = values;
      break;
    case AxisKind::linear:
    case AxisKind::log:
      out.reserve(steps);
      for (std::size_t i = 0; i < steps; ++i) {
        // The end points exactly, not from + (steps-1)*h, which may miss `to` by an ulp.
        const double t = steps == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(steps - 1);
        double v = 0.0;
        if (i + 1 == steps)
          v = to;
        else if (kind == AxisKind::linear)
          v = from + t * (to - from);
        else
          v = std::exp(std::log(from) + t * (std::log(to) - std::log(from)));
        if (i == 0)
          v = from;
        out.push_back(v);
      }
      break;
    case AxisKind::uniform:
    case AxisKind::loguniform:
      break;  // continuous: no levels
  }
  for (auto& v : out)
    v = as_parameter_value(v, type);
  return out;
}

double Axis::at(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double v = 0.0;
  switch (kind) {
    case AxisKind::values:
    case AxisKind::linear:
    case AxisKind::log: {
      const auto list = levels();
      const auto n = list.size();
      const auto i = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
      return list[i];
    }
    case AxisKind::uniform:
      v = u == 1.0 ? max : min + u * (max - min);
      break;
    case AxisKind::loguniform:
      v = u == 1.0 ? max : std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
      break;
  }
  return as_parameter_value(v, type);
}

double Axis::lowest() const {
  switch (kind) {
    case AxisKind::values:
      return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
    case AxisKind::linear:
    case AxisKind::log:
      return std::min(from, to);
    case AxisKind::uniform:
    case AxisKind::loguniform:
      return min;
  }
  return 0.0;
}

double Axis::highest() const {
  switch (kind) {
    case AxisKind::values:
      return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    case AxisKind::linear:
    case AxisKind::log:
      return std::max(from, to);
    case AxisKind::uniform:
    case AxisKind::loguniform:
      return max;
  }
  return 0.0;
}

}  // namespace candour::sim::sweep
