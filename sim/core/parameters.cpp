#include "sim/core/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace candour::sim {

std::int64_t integer_bound(double bound) {
  constexpr auto largest = std::numeric_limits<std::int64_t>::max();
  constexpr auto smallest = std::numeric_limits<std::int64_t>::min();
  if (bound >= static_cast<double>(largest))
    return largest;
  if (bound <= static_cast<double>(smallest))
    return smallest;
  return static_cast<std::int64_t>(bound);
}

std::string_view type_name(ParameterType type) {
  switch (type) {
    case ParameterType::real:
      return "real";
    case ParameterType::integer:
      return "integer";
    case ParameterType::boolean:
      return "boolean";
  }
  return "?";
}

ParameterValue ParameterValue::of(ParameterType type, double number) {
  switch (type) {
    case ParameterType::integer:
      return ParameterValue(static_cast<std::int64_t>(std::llround(number)));
    case ParameterType::boolean:
      return ParameterValue(number != 0.0);
    case ParameterType::real:
      break;
  }
  return ParameterValue(number);
}

ParameterType ParameterValue::type() const {
  switch (value_.index()) {
    case 1:
      return ParameterType::integer;
    case 2:
      return ParameterType::boolean;
  }
  return ParameterType::real;
}

double ParameterValue::real() const {
  if (const auto* i = std::get_if<std::int64_t>(&value_))
    return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&value_))
    return *b ? 1.0 : 0.0;
  return std::get<double>(value_);
}

std::int64_t ParameterValue::integer() const {
  if (const auto* i = std::get_if<std::int64_t>(&value_))
    return *i;
  if (const auto* b = std::get_if<bool>(&value_))
    return *b ? 1 : 0;
  const double x = std::get<double>(value_);
  // 2^63 is the first double beyond the range of int64.
  if (x != std::trunc(x) || !(std::fabs(x) < 9223372036854775808.0))
    throw std::invalid_argument("the value " + toml() + " is not an integer");
  return static_cast<std::int64_t>(x);
}

bool ParameterValue::flag() const {
  if (const auto* b = std::get_if<bool>(&value_))
    return *b;
  return real() != 0.0;
}

std::string ParameterValue::toml() const {
  if (const auto* i = std::get_if<std::int64_t>(&value_))
    return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value_))
    return *b ? "true" : "false";
  const double x = std::get<double>(value_);
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  std::string text(buffer, end);
  // TOML reads 100 as an integer: write a real as 100.0. (NaN and infinity
  // are never values: the readers refuse them.)
  if (std::isfinite(x) && text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text;
}

void ParameterSet::set(std::string_view name, ParameterValue value) {
  auto it = values_.find(name);
  if (it == values_.end()) {
    values_.emplace(std::string(name), value);
  } else {
    it->second = value;
  }
}

bool ParameterSet::contains(std::string_view name) const {
  return values_.find(name) != values_.end();
}

const ParameterValue& ParameterSet::value(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    throw std::out_of_range("no parameter named " + std::string(name));
  return it->second;
}

std::int64_t ParameterSet::integer(std::string_view name) const {
  try {
    return value(name).integer();
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(name) + ": " + e.what());
  }
}

ParameterRegistry::ParameterRegistry(std::vector<ParameterSpec> specs) {
  for (auto& spec : specs)
    add(std::move(spec));
}

void ParameterRegistry::add(ParameterSpec spec) {
  if (find(spec.name) != nullptr) {
    throw std::invalid_argument("parameter declared twice: " + spec.name);
  }
  specs_.push_back(std::move(spec));
}

const ParameterSpec* ParameterRegistry::find(std::string_view name) const {
  auto it = std::find_if(specs_.begin(), specs_.end(),
                         [&](const ParameterSpec& s) { return s.name == name; });
  return it == specs_.end() ? nullptr : &*it;
}

ParameterSet ParameterRegistry::defaults() const {
  ParameterSet set;
  for (const auto& spec : specs_)
    set.set(spec.name, ParameterValue::of(spec.type, spec.default_value));
  return set;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> ParameterRegistry::nearest(std::string_view name,
                                                    std::size_t count) const {
  // Compare against the full dotted name and against its last part, so that
  // "target_stringncy" finds "pressure.target_stringency".
  auto distance = [&](const std::string& candidate) {
    std::size_t full = edit_distance(name, candidate);
    auto dot = candidate.rfind('.');
    std::size_t leaf = dot == std::string::npos
                           ? full
                           : edit_distance(name, std::string_view(candidate).substr(dot + 1));
    return std::min(full, leaf);
  };
  std::vector<std::pair<std::size_t, std::string>> ranked;
  ranked.reserve(specs_.size());
  for (const auto& spec : specs_)
    ranked.emplace_back(distance(spec.name), spec.name);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> names;
  for (std::size_t i = 0; i < std::min(count, ranked.size()); ++i)
    names.push_back(ranked[i].second);
  return names;
}

std::vector<ParameterSpec> run_parameters() {
  constexpr auto setting = ParameterKind::setting;
  return {
      {run_keys::days, ParameterType::integer, 5 * 365, 1, 365 * 100, "day",
       "Length of the simulated period.", "assumption", false, setting},
      // Any non-negative 64-bit integer a TOML file can write (0 .. 2^63 - 1).
      {run_keys::seed, ParameterType::integer, 1, 0, 9223372036854775807.0, "1",
       "Seed of every random stream in the run; same seed, same results.", "assumption", false,
       setting},
      {run_keys::record_every, ParameterType::integer, 1, 1, 365, "day",
       "Interval between recorded rows of the time series.", "assumption", false, setting},
      {run_keys::flush_every, ParameterType::integer, 30, 1, 36500, "day",
       "Simulated days between flushes of the output file to disk; a killed run keeps every "
       "row up to its last flush.",
       "assumption", false, setting},
  };
}

std::string_view kind_name(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::lever:
      return "lever";
    case ParameterKind::behaviour:
      return "behaviour";
    case ParameterKind::calibrated:
      return "calibrated";
    case ParameterKind::structure:
      return "structure";
    case ParameterKind::setting:
      return "setting";
    case ParameterKind::unassigned:
      break;
  }
  return "unassigned";
}

}  // namespace candour::sim
