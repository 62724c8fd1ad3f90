#pragma once
// One axis of a sweep: the parameter it varies and how its values are chosen.
// Discrete axes (an explicit list, a linear or a log range) give the levels of
// a grid; distribution axes (uniform, log-uniform) map a coordinate of the
// unit hypercube to a value for the sampling designs.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/core/parameters.hpp"

namespace candour::sim::sweep {

enum class AxisKind { values, linear, log, uniform, loguniform };

std::string_view axis_kind_name(AxisKind kind);

struct Axis {
  std::string parameter;  // dotted parameter name
  AxisKind kind = AxisKind::values;
  std::vector<double> values;                // kind == values
  double from = 0.0, to = 0.0;               // linear, log: the end points, both included
  std::size_t steps = 0;                     // linear, log: number of levels
  double min = 0.0, max = 0.0;               // uniform, loguniform: the bounds
  ParameterType type = ParameterType::real;  // the parameter's type: integers are rounded
  std::string unit;                          // the parameter's unit, for the output file

  // A grid's levels: the list, or the evenly (log-evenly) spaced range.
  bool discrete() const {
    return kind == AxisKind::values || kind == AxisKind::linear || kind == AxisKind::log;
  }
  std::vector<double> levels() const;

  // The value at coordinate u in [0, 1] of the unit interval: the quantile of
  // the distribution, or for a list of values the one whose equal-width bin
  // holds u (so a list is a discrete uniform factor).
  double at(double u) const;

  // Every value this axis can produce lies within [lowest(), highest()].
  double lowest() const;
  double highest() const;
};

// Rounds to the nearest integer for integer and boolean parameters.
double as_parameter_value(double value, ParameterType type);

}  // namespace candour::sim::sweep
