#include "sim/core/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace candour::sim {

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

void ParameterSet::set(std::string_view name, double value) {
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

double ParameterSet::real(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    throw std::out_of_range("no parameter named " + std::string(name));
  return it->second;
}

std::int64_t ParameterSet::integer(std::string_view name) const {
  return static_cast<std::int64_t>(std::llround(real(name)));
}

bool ParameterSet::flag(std::string_view name) const {
  return real(name) != 0.0;
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
    set.set(spec.name, spec.default_value);
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
      {run_keys::seed, ParameterType::integer, 1, 0, 9007199254740992.0, "1",
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
