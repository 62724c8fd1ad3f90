#include "sim/sweep/sweep_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/summary.hpp"

namespace candour::sim::sweep {
namespace {

std::size_t line_of(const toml::node& node) {
  return node.source().begin.line;
}

// The closest of `names` to `name`, as " (did you mean 'x'?)", or nothing.
std::string suggestion(std::string_view name, const std::vector<std::string>& names) {
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& candidate : names) {
    const auto d = edit_distance(name, candidate);
    if (best == nullptr || d < best_distance) {
      best = &candidate;
      best_distance = d;
    }
  }
  // Only suggest what is plausibly a typo, not an unrelated word.
  if (best == nullptr || best_distance > std::max<std::size_t>(3, name.size() / 2))
    return "";
  return " (did you mean '" + *best + "'?)";
}

// Reads one table's keys, rejecting any not in `allowed`.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string prefix,
              std::vector<std::string> allowed)
      : table_(table), file_(std::move(file)), prefix_(std::move(prefix)) {
    for (auto&& [key, node] : table_) {
      const std::string name(key.str());
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        throw SweepError(file_, key.source().begin.line, qualified(name),
                         "unknown key" + suggestion(name, allowed));
      }
    }
  }

  std::string qualified(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  std::size_t line() const { return line_of(table_); }
  const toml::node* find(std::string_view key) const { return table_.get(key); }
  [[noreturn]] void fail(std::string_view key, const std::string& message) const {
    const auto* node = find(key);
    throw SweepError(file_, node ? line_of(*node) : line(), qualified(key), message);
  }

  std::optional<std::string> string(std::string_view key) const {
    const auto* node = find(key);
    if (node == nullptr)
      return std::nullopt;
    if (!node->is_string())
      fail(key, "expected a string, found " + type_of(*node));
    return std::string(*node->value<std::string_view>());
  }

  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const {
    const auto* node = find(key);
    if (node == nullptr)
      return std::nullopt;
    if (!node->is_integer())
      fail(key, "expected an integer, found " + type_of(*node));
    const auto v = *node->value<std::int64_t>();
    if (v < min || v > max) {
      fail(key, "value " + std::to_string(v) + " is outside [" + std::to_string(min) + ", " +
                    std::to_string(max) + "]");
    }
    return v;
  }

  std::optional<double> number(std::string_view key) const {
    const auto* node = find(key);
    if (node == nullptr)
      return std::nullopt;
    if (!node->is_number())
      fail(key, "expected a number, found " + type_of(*node));
    const double value = *node->value<double>();
    if (!std::isfinite(value))
      fail(key, not_finite(value));
    return value;
  }

  // NaN and infinity are refused wherever a number is read, as in scenario files.
  static std::string not_finite(double value) {
    return std::string("found ") +
           (std::isnan(value) ? "nan"
            : value > 0       ? "inf"
                              : "-inf") +
           "; NaN and infinity are not allowed, give a finite number";
  }

  static std::string type_of(const toml::node& node) {
    switch (node.type()) {
      case toml::node_type::table:
        return "a table";
      case toml::node_type::array:
        return "an array";
      case toml::node_type::string:
        return "a string";
      case toml::node_type::integer:
        return "an integer";
      case toml::node_type::floating_point:
        return "a floating-point number";
      case toml::node_type::boolean:
        return "a boolean";
      default:
        return "a date or time";
    }
  }

 private:
  const toml::table& table_;
  std::string file_;
  std::string prefix_;
};

double require(const TableReader& t, std::string_view key) {
  auto v = t.number(key);
  if (!v)
    t.fail(key, "missing key '" + t.qualified(key) + "'");
  return *v;
}

DesignSpec read_design(const toml::table& table, const std::string& file) {
  static const std::vector<std::string> kinds = {"grid", "latin_hypercube", "saltelli", "morris"};
  // The kind decides which other keys are allowed, so read it first.
  TableReader any(table, file, "design",
                  {"kind", "samples", "base_samples", "second_order", "trajectories", "levels"});
  const auto kind = any.string("kind").value_or("grid");
  DesignSpec spec;
  constexpr std::int64_t kMaxPoints = 100'000'000;
  if (kind == "grid") {
    TableReader t(table, file, "design", {"kind"});
    spec.kind = DesignKind::grid;
  } else if (kind == "latin_hypercube") {
    TableReader t(table, file, "design", {"kind", "samples"});
    spec.kind = DesignKind::latin_hypercube;
    auto n = t.integer("samples", 1, kMaxPoints);
    if (!n)
      t.fail("samples", "missing key 'design.samples' (the number of Latin hypercube points)");
    spec.samples = static_cast<std::size_t>(*n);
  } else if (kind == "saltelli") {
    TableReader t(table, file, "design", {"kind", "base_samples", "second_order"});
    spec.kind = DesignKind::saltelli;
    auto n = t.integer("base_samples", 1, kMaxPoints);
    if (!n)
      t.fail("base_samples",
             "missing key 'design.base_samples' (N; the design has N(k+2) points, N(2k+2) with "
             "second_order = true)");
    spec.base_samples = static_cast<std::size_t>(*n);
    if (const auto* second = t.find("second_order")) {
      if (!second->is_boolean())
        t.fail("second_order", "expected true or false, found " + TableReader::type_of(*second));
      spec.second_order = *second->value<bool>();
    }
  } else if (kind == "morris") {
    TableReader t(table, file, "design", {"kind", "trajectories", "levels"});
    spec.kind = DesignKind::morris;
    auto r = t.integer("trajectories", 1, kMaxPoints);
    if (!r)
      t.fail("trajectories", "missing key 'design.trajectories' (r; the design has r(k+1) points)");
    spec.trajectories = static_cast<std::size_t>(*r);
    auto p = t.integer("levels", 2, 1000).value_or(4);
    if (p % 2 != 0)
      t.fail("levels",
             "the number of Morris levels must be even (4 is usual), found " + std::to_string(p));
    spec.levels = static_cast<std::size_t>(p);
  } else {
    any.fail("kind", "unknown design '" + kind + "'" + suggestion(kind, kinds) +
                         "; the designs are grid, latin_hypercube, saltelli and morris");
  }
  return spec;
}

// A number or boolean, finite, with how it was written; anything else is
// refused at its own line with `expected`.
std::pair<double, Written> scalar(const toml::node& node, const std::string& file,
                                  const std::string& key, const std::string& expected) {
  if (node.is_boolean())
    return {*node.value<bool>() ? 1.0 : 0.0, Written::boolean};
  if (node.is_integer())
    return {static_cast<double>(*node.value<std::int64_t>()), Written::integer};
  if (node.is_floating_point()) {
    const double value = *node.value<double>();
    if (!std::isfinite(value))
      throw SweepError(file, line_of(node), key, TableReader::not_finite(value));
    return {value, Written::real};
  }
  throw SweepError(file, line_of(node), key, expected + ", found " + TableReader::type_of(node));
}

AxisEntry read_axis(const toml::table& table, const std::string& file, std::size_t index) {
  static const std::vector<std::string> forms = {"values", "linear", "log", "uniform",
                                                 "loguniform"};
  std::vector<std::string> allowed = forms;
  allowed.push_back("parameter");
  const std::string prefix = "axis[" + std::to_string(index + 1) + "]";
  TableReader t(table, file, prefix, allowed);
  AxisEntry located;
  located.line = t.line();
  Axis& axis = located.value;
  auto parameter = t.string("parameter");
  if (!parameter)
    throw SweepError(file, t.line(), prefix + ".parameter",
                     "missing key: each [[axis]] names the parameter it varies");
  axis.parameter = *parameter;
  located.parameter_line = line_of(*t.find("parameter"));

  std::vector<std::string> given;
  for (const auto& form : forms)
    if (t.find(form) != nullptr)
      given.push_back(form);
  if (given.size() != 1) {
    throw SweepError(file, t.line(), prefix,
                     "axis '" + axis.parameter +
                         "' needs exactly one of values, linear, log, uniform or loguniform" +
                         (given.empty() ? "" : " (found " + std::to_string(given.size()) + ")"));
  }
  const std::string& form = given.front();
  const toml::node& node = *t.find(form);
  const std::string key = prefix + "." + form;
  located.values_line = line_of(node);

  if (form == "values") {
    axis.kind = AxisKind::values;
    const auto* array = node.as_array();
    if (array == nullptr || array->empty())
      throw SweepError(file, line_of(node), key, "expected a non-empty array of numbers");
    for (const auto& element : *array) {
      const auto value = scalar(element, file, key, "expected numbers or booleans");
      axis.values.push_back(value.first);
      located.written.push_back(value.second);
    }
    return located;
  }

  const auto* inner = node.as_table();
  if (inner == nullptr) {
    throw SweepError(
        file, line_of(node), key,
        "expected an inline table, for example " + form +
            (form == "linear" || form == "log" ? " = { from = 0.0, to = 1.0, steps = 5 }"
                                               : " = { min = 0.0, max = 1.0 }"));
  }
  if (form == "linear" || form == "log") {
    TableReader range(*inner, file, key, {"from", "to", "steps"});
    axis.kind = form == "linear" ? AxisKind::linear : AxisKind::log;
    axis.from = require(range, "from");
    axis.to = require(range, "to");
    auto steps = range.integer("steps", 1, 1'000'000);
    if (!steps)
      range.fail("steps", "missing key '" + key + ".steps'");
    axis.steps = static_cast<std::size_t>(*steps);
    if (axis.steps == 1 && axis.from != axis.to)
      range.fail("steps", "one step cannot reach from " + std::to_string(axis.from) + " to " +
                              std::to_string(axis.to) + "; use at least 2");
    if (axis.kind == AxisKind::log && (axis.from <= 0.0 || axis.to <= 0.0))
      range.fail(axis.from <= 0.0 ? "from" : "to", "a log range needs positive end points");
  } else {
    TableReader bounds(*inner, file, key, {"min", "max"});
    axis.kind = form == "uniform" ? AxisKind::uniform : AxisKind::loguniform;
    axis.min = require(bounds, "min");
    axis.max = require(bounds, "max");
    if (!(axis.min < axis.max))
      bounds.fail("max", "max must be greater than min");
    if (axis.kind == AxisKind::loguniform && axis.min <= 0.0)
      bounds.fail("min", "a log-uniform distribution needs min > 0");
  }
  return located;
}

// [set] holds parameters as the scenario files do: tables for the dotted parts.
void read_settings(const toml::table& table, const std::string& file, const std::string& prefix,
                   std::vector<Setting>& out) {
  for (auto&& [key, node] : table) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* inner = node.as_table()) {
      read_settings(*inner, file, name, out);
    } else {
      const auto value = scalar(node, file, "set." + name, "expected a number or a boolean");
      out.push_back({name, value.first, line_of(node), value.second});
    }
  }
}

}  // namespace

SweepError::SweepError(const std::string& file, std::size_t line, const std::string& key,
                       const std::string& message)
    : io::ScenarioError(file, static_cast<int>(line), key,
                        key.empty() ? message : key + ": " + message) {}

SweepSpec read_sweep_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw SweepError(file.string(), 0, "", "cannot open the sweep file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_sweep(text.str(), file);
}

SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file) {
  const std::string name = file.string();
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw SweepError(name, e.source().begin.line, "", std::string(e.description()));
  }
  TableReader top(root, name, "",
                  {"title", "scenario", "replicates", "seed", "seed_policy", "keep_series",
                   "report", "design", "axis", "set"});
  SweepSpec spec;
  spec.file = file;
  spec.text = text;
  spec.title = top.string("title").value_or("");

  auto scenario = top.string("scenario");
  if (!scenario)
    throw SweepError(name, 1, "scenario",
                     "missing key: the base scenario file, relative to this file");
  spec.scenario.value = file.parent_path() / *scenario;
  spec.scenario.line = line_of(*top.find("scenario"));

  spec.replicates = static_cast<std::size_t>(top.integer("replicates", 1, 1'000'000).value_or(1));

  if (const auto* seed = top.find("seed")) {
    if (seed->is_string()) {
      if (*seed->value<std::string_view>() != "base")
        top.fail("seed", "expected an integer or \"base\" (the base scenario's run.seed)");
    } else {
      spec.seed = static_cast<std::uint64_t>(*top.integer("seed", 0, (std::int64_t{1} << 53)));
    }
  }
  if (auto policy = top.string("seed_policy")) {
    if (*policy == "common")
      spec.seed_policy = SeedPolicy::common;
    else if (*policy == "independent")
      spec.seed_policy = SeedPolicy::independent;
    else
      top.fail("seed_policy", "expected \"common\" or \"independent\", found \"" + *policy + "\"" +
                                  suggestion(*policy, {"common", "independent"}));
  }

  // keep_series and report: arrays of distinct names.
  auto names = [&](const char* key, const char* what) {
    std::vector<Located<std::string>> out;
    const auto* node = top.find(key);
    if (node == nullptr)
      return out;
    const auto* array = node->as_array();
    if (array == nullptr)
      top.fail(key, std::string("expected an array of ") + what);
    for (const auto& element : *array) {
      if (!element.is_string())
        throw SweepError(
            name, line_of(element), key,
            std::string("expected ") + what + " (strings), found " + TableReader::type_of(element));
      std::string text(*element.value<std::string_view>());
      for (const auto& earlier : out)
        if (earlier.value == text)
          throw SweepError(name, line_of(element), key, "'" + text + "' is listed twice");
      out.push_back({text, line_of(element)});
    }
    return out;
  };
  spec.keep_series = names("keep_series", "metric names");
  spec.report = names("report", "metric or statistic names");

  if (const auto* design = top.find("design")) {
    if (!design->is_table())
      top.fail("design", "expected a table: [design] kind = \"grid\"");
    spec.design.value = read_design(*design->as_table(), name);
    spec.design.line = line_of(*design);
  }

  if (const auto* axes = top.find("axis")) {
    const auto* array = axes->as_array();
    if (array == nullptr || !array->is_array_of_tables())
      top.fail("axis", "expected [[axis]] tables, one per parameter");
    std::size_t index = 0;
    for (const auto& element : *array) {
      auto axis = read_axis(*element.as_table(), name, index);
      for (const auto& earlier : spec.axes)
        if (earlier.value.parameter == axis.value.parameter)
          throw SweepError(name, axis.parameter_line,
                           "axis[" + std::to_string(index + 1) + "].parameter",
                           "'" + axis.value.parameter + "' already has an axis (line " +
                               std::to_string(earlier.parameter_line) + ")");
      spec.axes.push_back(std::move(axis));
      ++index;
    }
  }

  if (const auto* set = top.find("set")) {
    if (!set->is_table())
      top.fail("set", "expected a table of parameter values, as in a scenario file");
    read_settings(*set->as_table(), name, "", spec.settings);
  }

  const auto& design = spec.design.value;
  if (design.kind != DesignKind::grid && spec.axes.empty())
    throw SweepError(name, spec.design.line, "design.kind",
                     std::string("a ") + std::string(design_kind_name(design.kind)) +
                         " design needs at least one [[axis]]");
  if (design.kind == DesignKind::grid) {
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
      const auto& axis = spec.axes[i].value;
      if (!axis.discrete())
        throw SweepError(name, spec.axes[i].values_line, "axis[" + std::to_string(i + 1) + "]",
                         "axis '" + axis.parameter + "' is a " +
                             std::string(axis_kind_name(axis.kind)) +
                             " distribution; a grid needs values, linear or log levels (or use "
                             "design.kind = \"latin_hypercube\", \"saltelli\" or \"morris\")");
    }
  }
  return spec;
}

void validate(SweepSpec& spec, const ModelDefinition& model) {
  const std::string name = spec.file.string();
  const auto registry = registry_for(model);
  auto unknown = [&](const std::string& parameter) {
    std::string message = "unknown parameter '" + parameter + "' for model '" + model.name + "'";
    const auto near = registry.nearest(parameter, 1);
    if (!near.empty())
      message += " (did you mean '" + near.front() + "'?)";
    return message;
  };
  // As written: the same types a scenario file accepts for the parameter.
  auto check_written = [&](const ParameterSpec& p, Written written, std::size_t line,
                           const std::string& key) {
    if (p.type == ParameterType::boolean && written != Written::boolean)
      throw SweepError(name, line, key, "'" + p.name + "' is a boolean; use true or false");
    if (p.type != ParameterType::boolean && written == Written::boolean)
      throw SweepError(name, line, key,
                       "'" + p.name + "' expects " +
                           (p.type == ParameterType::integer ? "an integer" : "a real number") +
                           ", found a boolean");
    if (p.type == ParameterType::integer && written == Written::real)
      throw SweepError(name, line, key,
                       "'" + p.name + "' is an integer; write it without a decimal point");
  };
  auto check_value = [&](const ParameterSpec& p, double v, std::size_t line,
                         const std::string& key) {
    if (p.type == ParameterType::boolean && v != 0.0 && v != 1.0)
      throw SweepError(name, line, key, "'" + p.name + "' is a boolean; use true or false");
    if (p.type != ParameterType::real && p.type != ParameterType::boolean && v != std::round(v))
      throw SweepError(name, line, key,
                       "'" + p.name + "' is an integer; found " + std::to_string(v));
    if (v < p.min || v > p.max) {
      std::ostringstream m;
      m << "value " << v << " is outside the range of '" << p.name << "' [" << p.min << ", "
        << p.max << "]" << (p.unit.empty() || p.unit == "1" ? "" : " " + p.unit);
      throw SweepError(name, line, key, m.str());
    }
  };

  for (const auto& setting : spec.settings) {
    const std::string key = "set." + setting.parameter;
    const auto* p = registry.find(setting.parameter);
    if (p == nullptr)
      throw SweepError(name, setting.line, key, unknown(setting.parameter));
    if (setting.parameter == run_keys::seed)
      throw SweepError(name, setting.line, key,
                       "the sweep sets each run's seed; use the top-level seed and seed_policy");
    check_written(*p, setting.written, setting.line, key);
    check_value(*p, setting.value, setting.line, key);
  }

  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    auto& axis = spec.axes[i].value;
    const auto line = spec.axes[i].values_line;
    const std::string key = "axis[" + std::to_string(i + 1) + "]";
    const auto* p = registry.find(axis.parameter);
    if (p == nullptr)
      throw SweepError(name, spec.axes[i].parameter_line, key + ".parameter",
                       unknown(axis.parameter));
    if (axis.parameter.rfind("run.", 0) == 0)
      throw SweepError(name, spec.axes[i].parameter_line, key + ".parameter",
                       "'" + axis.parameter +
                           "' is a run setting, not a model parameter: the sweep sets the seeds, "
                           "and the run length and recording interval fix the shape of the "
                           "stored series (set them once in [set])");
    axis.type = p->type;
    axis.unit = p->unit;
    if (p->type == ParameterType::boolean && axis.kind != AxisKind::values)
      throw SweepError(name, line, key,
                       "'" + axis.parameter + "' is a boolean; give values = [false, true]");
    const std::string where = key + "." + std::string(axis_kind_name(axis.kind));
    if (axis.kind == AxisKind::values) {
      for (std::size_t v = 0; v < axis.values.size(); ++v) {
        if (v < spec.axes[i].written.size())
          check_written(*p, spec.axes[i].written[v], line, where);
        check_value(*p, axis.values[v], line, where);
      }
    } else {
      // Integers are rounded, so only the bounds need checking.
      check_value(*p, as_parameter_value(axis.lowest(), p->type), line, where);
      check_value(*p, as_parameter_value(axis.highest(), p->type), line, where);
    }
  }

  for (const auto& kept : spec.keep_series) {
    auto metric = std::find_if(model.metrics.begin(), model.metrics.end(),
                               [&](const MetricSpec& m) { return m.name == kept.value; });
    if (metric == model.metrics.end()) {
      std::vector<std::string> names;
      for (const auto& m : model.metrics)
        if (m.scope == MetricScope::system)
          names.push_back(m.name);
      throw SweepError(name, kept.line, "keep_series",
                       "unknown metric '" + kept.value + "' for model '" + model.name + "'" +
                           suggestion(kept.value, names));
    }
    if (metric->scope != MetricScope::system)
      throw SweepError(name, kept.line, "keep_series",
                       "'" + kept.value + "' is a per-" + model.unit_dimension +
                           " metric; a sweep keeps system-wide series only");
  }

  // report: system metrics (their final-year statistic) or statistics.
  std::vector<std::string> reportable;
  for (const auto& m : model.metrics) {
    if (m.scope != MetricScope::system)
      continue;
    reportable.push_back(m.name);
    for (const auto statistic : statistics_for(m.cumulative))
      reportable.push_back(m.name + "." + std::string(statistic_name(statistic)));
  }
  for (const auto& shown : spec.report) {
    if (std::find(reportable.begin(), reportable.end(), shown.value) == reportable.end())
      throw SweepError(name, shown.line, "report",
                       "'" + shown.value + "' is neither a system metric of model '" + model.name +
                           "' nor one of their statistics" + suggestion(shown.value, reportable));
  }
}

std::vector<Axis> axes_of(const SweepSpec& spec) {
  std::vector<Axis> axes;
  for (const auto& axis : spec.axes)
    axes.push_back(axis.value);
  return axes;
}

}  // namespace candour::sim::sweep
