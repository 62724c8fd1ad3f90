#include "sim/sweep/sweep_file.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/core/summary.hpp"
#include "sim/io/toml_reader.hpp"

namespace candour::sim::sweep {

struct SweepDocument {
  toml::table root;
  const toml::table* set = nullptr;             // [set], if given
  std::vector<const toml::array*> axis_values;  // each axis's `values`, or nullptr
};

namespace {

namespace io = sim::io;
using io::in_quotes;
using io::KeyTable;
using io::line_of;

const std::array<std::string, 10> kTopKeys = {"title",       "scenario",    "replicates", "seed",
                                              "seed_policy", "keep_series", "report",     "design",
                                              "axis",        "set"};

DesignSpec read_design(const toml::table& table, const std::filesystem::path& file) {
  static const std::vector<std::string> kinds = {"grid", "latin_hypercube", "saltelli", "morris",
                                                 "points"};
  static const std::vector<std::string> keys = {"kind",         "samples",      "base_samples",
                                                "second_order", "trajectories", "levels"};
  // The kind decides which other keys are allowed, so read it first.
  const KeyTable any(table, file, "design", keys);
  const auto kind = any.string("kind").value_or("grid");
  auto only = [&](std::vector<std::string> allowed) {
    return KeyTable(table, file, "design", allowed);
  };
  DesignSpec spec;
  constexpr std::int64_t kMaxPoints = 100'000'000;
  if (kind == "grid") {
    only({"kind"});
    spec.kind = DesignKind::grid;
  } else if (kind == "latin_hypercube") {
    const auto t = only({"kind", "samples"});
    spec.kind = DesignKind::latin_hypercube;
    spec.samples = static_cast<std::size_t>(
        t.required_integer("samples", 1, kMaxPoints, "the number of Latin hypercube points"));
  } else if (kind == "saltelli") {
    const auto t = only({"kind", "base_samples", "second_order"});
    spec.kind = DesignKind::saltelli;
    spec.base_samples = static_cast<std::size_t>(
        t.required_integer("base_samples", 1, kMaxPoints,
                           "N; the design has N(k+2) points, N(2k+2) with second_order = true"));
    if (const auto* second = t.find("second_order")) {
      if (!second->is_boolean())
        t.fail("second_order",
               "'design.second_order' expects true or false, got " + io::describe(*second));
      spec.second_order = *second->value<bool>();
    }
  } else if (kind == "morris") {
    const auto t = only({"kind", "trajectories", "levels"});
    spec.kind = DesignKind::morris;
    spec.trajectories = static_cast<std::size_t>(
        t.required_integer("trajectories", 1, kMaxPoints, "r; the design has r(k+1) points"));
    const auto p = t.integer("levels", 2, 1000).value_or(4);
    if (p % 2 != 0)
      t.fail("levels",
             "the number of Morris levels must be even (4 is usual), got " + std::to_string(p));
    spec.levels = static_cast<std::size_t>(p);
  } else if (kind == "points") {
    only({"kind"});
    spec.kind = DesignKind::points;
  } else {
    const auto near = io::nearest_word(kind, kinds);
    any.fail("kind", "unknown design " + in_quotes(kind) + " in 'design.kind'" +
                         (near.empty() ? "" : "; did you mean " + in_quotes(near) + "?") +
                         " The designs are grid, latin_hypercube, saltelli, morris and points");
  }
  return spec;
}

AxisEntry read_axis(const toml::table& table, const std::filesystem::path& file, std::size_t index,
                    const toml::array*& values) {
  static const std::vector<std::string> forms = {"values", "linear", "log", "uniform",
                                                 "loguniform"};
  std::vector<std::string> allowed = forms;
  allowed.push_back("parameter");
  const std::string prefix = "axis[" + std::to_string(index + 1) + "]";
  const KeyTable t(table, file, prefix, allowed);
  AxisEntry located;
  located.line = static_cast<std::size_t>(t.line());
  Axis& axis = located.value;
  axis.parameter = t.required_string("parameter", "the parameter the axis varies");
  located.parameter_line = static_cast<std::size_t>(line_of(*t.find("parameter")));

  std::vector<std::string> given;
  for (const auto& form : forms)
    if (t.find(form) != nullptr)
      given.push_back(form);
  if (given.size() != 1)
    throw SweepError(file, t.line(), prefix,
                     "axis " + in_quotes(axis.parameter) +
                         " needs exactly one of values, linear, log, uniform or loguniform" +
                         (given.empty() ? "" : " (found " + std::to_string(given.size()) + ")"));
  const std::string& form = given.front();
  const toml::node& node = *t.find(form);
  const std::string key = t.qualified(form);
  located.values_line = static_cast<std::size_t>(line_of(node));

  if (form == "values") {
    // Read against the parameter by validate(), as a scenario file reads it.
    axis.kind = AxisKind::values;
    values = node.as_array();
    if (values == nullptr || values->empty())
      throw SweepError(
          file, line_of(node), key,
          in_quotes(key) + " expects a non-empty array of values, got " + io::describe(node));
    return located;
  }

  const auto* inner = node.as_table();
  if (inner == nullptr)
    throw SweepError(
        file, line_of(node), key,
        in_quotes(key) + " expects an inline table, for example " + form +
            (form == "linear" || form == "log" ? " = { from = 0.0, to = 1.0, steps = 5 }"
                                               : " = { min = 0.0, max = 1.0 }") +
            "; got " + io::describe(node));
  if (form == "linear" || form == "log") {
    const KeyTable range(*inner, file, key, std::vector<std::string>{"from", "to", "steps"});
    axis.kind = form == "linear" ? AxisKind::linear : AxisKind::log;
    axis.from = range.required_number("from", "the first level");
    axis.to = range.required_number("to", "the last level");
    axis.steps =
        static_cast<std::size_t>(range.required_integer("steps", 1, 1'000'000, "the levels"));
    if (axis.steps == 1 && axis.from != axis.to)
      range.fail("steps", "one step cannot reach from " + io::format_number(axis.from) + " to " +
                              io::format_number(axis.to) + "; use at least 2");
    if (axis.kind == AxisKind::log && (axis.from <= 0.0 || axis.to <= 0.0))
      range.fail(axis.from <= 0.0 ? "from" : "to", "a log range needs positive end points");
  } else {
    const KeyTable bounds(*inner, file, key, std::vector<std::string>{"min", "max"});
    axis.kind = form == "uniform" ? AxisKind::uniform : AxisKind::loguniform;
    axis.min = bounds.required_number("min", "the lower bound");
    axis.max = bounds.required_number("max", "the upper bound");
    if (!(axis.min < axis.max))
      bounds.fail("max", "max must be greater than min");
    if (axis.kind == AxisKind::loguniform && axis.min <= 0.0)
      bounds.fail("min", "a log-uniform distribution needs min > 0");
  }
  return located;
}

}  // namespace

SweepSpec read_sweep_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw SweepError(file, 0, "", "cannot open the sweep file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_sweep(text.str(), file);
}

SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file) {
  auto document = std::make_shared<SweepDocument>();
  document->root = io::parse_toml(text, file);
  const toml::table& root = document->root;
  const KeyTable top(root, file, "", kTopKeys);
  SweepSpec spec;
  spec.file = file;
  spec.text = text;
  spec.title = top.string("title").value_or("");

  const auto scenario = top.string("scenario");
  if (!scenario)
    throw SweepError(file, 1, "scenario",
                     "missing 'scenario' (the base scenario file, relative to this file)");
  spec.scenario.value = file.parent_path() / *scenario;
  spec.scenario.line = static_cast<std::size_t>(line_of(*top.find("scenario")));

  spec.replicates = static_cast<std::size_t>(top.integer("replicates", 1, 1'000'000).value_or(1));

  if (const auto* seed = top.find("seed")) {
    if (seed->is_string()) {
      if (*seed->value<std::string_view>() != "base")
        top.fail("seed",
                 "'seed' expects an integer or \"base\" (the base scenario's run.seed), "
                 "got " +
                     io::describe(*seed));
    } else {
      spec.seed = static_cast<std::uint64_t>(
          *top.integer("seed", 0, std::numeric_limits<std::int64_t>::max()));
    }
  }
  if (auto policy = top.string("seed_policy")) {
    if (*policy == "common") {
      spec.seed_policy = SeedPolicy::common;
    } else if (*policy == "independent") {
      spec.seed_policy = SeedPolicy::independent;
    } else {
      const std::vector<std::string> policies = {"common", "independent"};
      top.fail("seed_policy", "'seed_policy' expects \"common\" or \"independent\", got " +
                                  io::describe(*top.find("seed_policy")) + "; did you mean " +
                                  in_quotes(io::nearest_word(*policy, policies)) + "?");
    }
  }

  // keep_series and report: arrays of distinct names.
  auto names = [&](const char* key, const char* what) {
    std::vector<Located<std::string>> out;
    const auto* node = top.find(key);
    if (node == nullptr)
      return out;
    const auto* array = node->as_array();
    if (array == nullptr)
      top.fail(key,
               in_quotes(key) + " expects an array of " + what + ", got " + io::describe(*node));
    for (const auto& element : *array) {
      if (!element.is_string())
        throw SweepError(
            file, line_of(element), key,
            in_quotes(key) + " expects " + what + " (strings), got " + io::describe(element));
      std::string text(*element.value<std::string_view>());
      for (const auto& earlier : out)
        if (earlier.value == text)
          throw SweepError(file, line_of(element), key,
                           in_quotes(text) + " is listed twice in " + in_quotes(key));
      out.push_back({text, static_cast<std::size_t>(line_of(element))});
    }
    return out;
  };
  spec.keep_series = names("keep_series", "metric names");
  spec.report = names("report", "metric or statistic names");

  if (const auto* design = top.find("design")) {
    if (!design->is_table())
      top.fail("design", "'design' expects a table ([design] with kind = \"grid\"), got " +
                             io::describe(*design));
    spec.design.value = read_design(*design->as_table(), file);
    spec.design.line = static_cast<std::size_t>(line_of(*design));
  }

  if (const auto* axes = top.find("axis")) {
    const auto* array = axes->as_array();
    if (array == nullptr || !array->is_array_of_tables())
      top.fail("axis",
               "'axis' expects [[axis]] tables, one per parameter; got " + io::describe(*axes));
    std::size_t index = 0;
    for (const auto& element : *array) {
      const toml::array* values = nullptr;
      auto axis = read_axis(*element.as_table(), file, index, values);
      for (const auto& earlier : spec.axes)
        if (earlier.value.parameter == axis.value.parameter)
          throw SweepError(file, static_cast<int>(axis.parameter_line),
                           "axis[" + std::to_string(index + 1) + "].parameter",
                           in_quotes(axis.value.parameter) + " in " +
                               in_quotes("axis[" + std::to_string(index + 1) + "].parameter") +
                               " already has an axis (line " +
                               std::to_string(earlier.parameter_line) + ")");
      spec.axes.push_back(std::move(axis));
      document->axis_values.push_back(values);
      ++index;
    }
  }

  if (const auto* set = top.find("set")) {
    document->set = set->as_table();
    if (document->set == nullptr)
      top.fail("set", "'set' expects a table of parameter values, as in a scenario file; got " +
                          io::describe(*set));
  }

  const auto& design = spec.design.value;
  if (design.kind != DesignKind::grid && spec.axes.empty())
    throw SweepError(
        file, static_cast<int>(spec.design.line), "design.kind",
        "a " + std::string(design_kind_name(design.kind)) + " design needs at least one [[axis]]");
  if (design.kind == DesignKind::grid) {
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
      const auto& axis = spec.axes[i].value;
      if (!axis.discrete())
        throw SweepError(file, static_cast<int>(spec.axes[i].values_line),
                         "axis[" + std::to_string(i + 1) + "]",
                         in_quotes("axis[" + std::to_string(i + 1) + "]") + " (" + axis.parameter +
                             ") is a " + std::string(axis_kind_name(axis.kind)) +
                             " distribution; a grid needs values, linear or log levels (or use "
                             "design.kind = \"latin_hypercube\", \"saltelli\" or \"morris\")");
    }
  }
  if (design.kind == DesignKind::points) {
    // Every axis a list (their lengths are checked with their values, by validate()).
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
      const auto& axis = spec.axes[i].value;
      const auto name = "axis[" + std::to_string(i + 1) + "]";
      if (axis.kind != AxisKind::values)
        throw SweepError(file, static_cast<int>(spec.axes[i].values_line), name,
                         in_quotes(name) + " (" + axis.parameter +
                             ") is not a list; a points design needs values = [...] on every "
                             "axis, point i taking the i-th value of each");
    }
  }
  spec.document = std::move(document);
  return spec;
}

void validate(SweepSpec& spec, const ModelDefinition& model) {
  const auto& file = spec.file;
  const auto registry = registry_for(model);
  auto unknown = [&](const std::string& parameter, const std::string& key) {
    std::string message = "unknown parameter " + in_quotes(parameter) + " in " + in_quotes(key) +
                          " for model " + in_quotes(model.name);
    if (const auto near = io::nearest_name(parameter, registry); !near.empty())
      message += "; did you mean " + in_quotes(near) + "?";
    return message;
  };

  // [set] is a table of parameters read exactly as a scenario file's.
  spec.settings.clear();
  if (spec.document != nullptr && spec.document->set != nullptr) {
    io::ParameterTableRules rules;
    rules.refuse = [](const ParameterSpec& p) -> std::optional<std::string> {
      if (p.name == run_keys::seed)
        return "the sweep sets each run's seed; use the top-level seed and seed_policy";
      return std::nullopt;
    };
    for (auto& a : io::read_parameter_table(*spec.document->set, registry, file, rules))
      spec.settings.push_back({std::move(a.name), a.value, file, a.line});
  }

  // A value's own problem (type, range), said of the axis key that gives it.
  auto in_axis = [&](const std::string& key, const auto& read) {
    try {
      read();
    } catch (const io::ScenarioError& e) {
      throw SweepError(e.file, e.line, key, "in " + in_quotes(key) + ": " + e.message);
    }
  };

  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    auto& axis = spec.axes[i].value;
    const int line = static_cast<int>(spec.axes[i].values_line);
    const std::string key = "axis[" + std::to_string(i + 1) + "]";
    const auto* p = registry.find(axis.parameter);
    if (p == nullptr)
      throw SweepError(file, static_cast<int>(spec.axes[i].parameter_line), key + ".parameter",
                       unknown(axis.parameter, key + ".parameter"));
    if (axis.parameter.starts_with("run."))
      throw SweepError(file, static_cast<int>(spec.axes[i].parameter_line), key + ".parameter",
                       in_quotes(axis.parameter) +
                           " is a run setting, not a model parameter: the sweep sets the seeds, "
                           "and the run length and recording interval fix the shape of the "
                           "stored series (set them once in [set])");
    axis.type = p->type;
    axis.unit = p->unit;
    if (p->type == ParameterType::boolean && axis.kind != AxisKind::values)
      throw SweepError(file, line, key,
                       in_quotes(axis.parameter) + " is a boolean; give values = [false, true]");
    if (axis.kind == AxisKind::values) {
      // Each value as a scenario file would read it for this parameter.
      axis.values.clear();
      const auto* values = spec.document != nullptr && i < spec.document->axis_values.size()
                               ? spec.document->axis_values[i]
                               : nullptr;
      if (values == nullptr)
        throw std::logic_error("sweep axis " + key + " has no values to validate");
      in_axis(key + ".values", [&] {
        for (const auto& element : *values)
          axis.values.push_back(io::parameter_value(*p, element, file, line_of(element)).real());
      });
    } else {
      // Integers are rounded, so only the bounds need checking.
      in_axis(key + "." + std::string(axis_kind_name(axis.kind)), [&] {
        io::checked_value(*p, ParameterValue::of(p->type, axis.lowest()), file, line);
        io::checked_value(*p, ParameterValue::of(p->type, axis.highest()), file, line);
      });
    }
  }

  std::vector<std::string> system_metrics;
  for (const auto& m : model.metrics)
    if (m.scope == MetricScope::system)
      system_metrics.push_back(m.name);
  for (const auto& kept : spec.keep_series) {
    auto metric = std::find_if(model.metrics.begin(), model.metrics.end(),
                               [&](const MetricSpec& m) { return m.name == kept.value; });
    if (metric == model.metrics.end()) {
      const auto near = io::nearest_word(kept.value, system_metrics);
      throw SweepError(file, static_cast<int>(kept.line), "keep_series",
                       "unknown metric " + in_quotes(kept.value) + " in 'keep_series' for model " +
                           in_quotes(model.name) +
                           (near.empty() ? "" : "; did you mean " + in_quotes(near) + "?"));
    }
    if (metric->scope != MetricScope::system)
      throw SweepError(file, static_cast<int>(kept.line), "keep_series",
                       in_quotes(kept.value) + " in 'keep_series' is a per-" +
                           model.unit_dimension + " metric; a sweep keeps system-wide series only");
  }

  // points: every list as long as the first, point i being row i.
  if (spec.design.value.kind == DesignKind::points) {
    const auto n = spec.axes.front().value.values.size();
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
      const auto& axis = spec.axes[i].value;
      if (axis.values.size() == n)
        continue;
      const auto name = "axis[" + std::to_string(i + 1) + "]";
      throw SweepError(file, static_cast<int>(spec.axes[i].values_line), name,
                       in_quotes(name) + " (" + axis.parameter + ") lists " +
                           std::to_string(axis.values.size()) + " values and axis[1] " +
                           std::to_string(n) +
                           "; a points design needs as many values on every axis (one per point)");
    }
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
    if (std::find(reportable.begin(), reportable.end(), shown.value) == reportable.end()) {
      const auto near = io::nearest_word(shown.value, reportable);
      throw SweepError(file, static_cast<int>(shown.line), "report",
                       in_quotes(shown.value) +
                           " in 'report' is neither a system metric of model " +
                           in_quotes(model.name) + " nor one of their statistics" +
                           (near.empty() ? "" : "; did you mean " + in_quotes(near) + "?"));
    }
  }
}

std::vector<Axis> axes_of(const SweepSpec& spec) {
  std::vector<Axis> axes;
  for (const auto& axis : spec.axes)
    axes.push_back(axis.value);
  return axes;
}

}  // namespace candour::sim::sweep
