// One value for one parameter: type, finiteness and range checks, and the
// words the error messages use to describe what was given.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sim/io/scenario_detail.hpp"

namespace candour::sim::io {
namespace detail {
namespace {

// Integers are stored as doubles (ParameterSet); beyond 2^53 they would not
// read back as written.
constexpr std::int64_t kLargestExactInteger = std::int64_t{1} << 53;

std::string expected(ParameterType type) {
  switch (type) {
    case ParameterType::real:
      return "a real number";
    case ParameterType::integer:
      return "an integer";
    case ParameterType::boolean:
      return "a boolean (true or false)";
  }
  return "a value";
}

std::string example(ParameterType type) {
  switch (type) {
    case ParameterType::real:
      return "0.3";
    case ParameterType::integer:
      return "60";
    case ParameterType::boolean:
      return "true";
  }
  return "";
}

std::string allowed_range(const ParameterSpec& spec) {
  std::string range = "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
  if (spec.unit.empty() || spec.unit == "1")
    return range + " (dimensionless)";
  return range + " " + spec.unit;
}

// A hint for the commonest slip: a number or boolean written in quotes.
std::string quoting_hint(const toml::node& node) {
  const auto* text = node.as_string();
  if (text == nullptr)
    return "";
  const std::string& s = text->get();
  if (s == "true" || s == "false")
    return "; write true or false without quotes";
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (!s.empty() && end == s.c_str() + s.size())
    return "; write numbers without quotes";
  return "";
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The registry's own measure (ParameterRegistry::nearest): whole name or last part.
std::size_t name_distance(std::string_view name, std::string_view candidate) {
  std::size_t full = edit_distance(name, candidate);
  auto dot = candidate.rfind('.');
  if (dot == std::string_view::npos)
    return full;
  return std::min(full, edit_distance(name, candidate.substr(dot + 1)));
}

}  // namespace

int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

int line_of(const toml::key& key) {
  return static_cast<int>(key.source().begin.line);
}

std::string format_number(double value) {
  // Whole numbers as integers: 100000, not the shorter 1e+05.
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e18)
    return std::to_string(static_cast<std::int64_t>(value));
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string in_quotes(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string s = node.as_string()->get();
      if (s.size() > 40)
        s = s.substr(0, 37) + "...";
      return "a string (\"" + s + "\")";
    }
    case toml::node_type::integer:
      return "an integer (" + std::to_string(node.as_integer()->get()) + ")";
    case toml::node_type::floating_point: {
      // Show 100.0 as written, not as 100, so that "a float" makes sense.
      std::string number = format_number(node.as_floating_point()->get());
      if (number.find_first_of(".eni") == std::string::npos)
        number += ".0";
      return "a float (" + number + ")";
    }
    case toml::node_type::boolean:
      return std::string("a boolean (") + (node.as_boolean()->get() ? "true" : "false") + ")";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

double to_parameter_value(const ParameterSpec& spec, const toml::node& node, const fs::path& file,
                          int line) {
  const std::string key = in_quotes(spec.name);
  auto fail = [&](const std::string& message) {
    throw ScenarioError(file, line, spec.name, message);
  };
  auto wrong_type = [&](const std::string& hint) {
    fail(key + " expects " + expected(spec.type) + ", got " + describe(node) + hint);
  };

  double value = 0.0;
  switch (spec.type) {
    case ParameterType::real:
      // An integer literal is a real number too: `shock_rate = 1` means 1.0.
      if (const auto* i = node.as_integer()) {
        value = static_cast<double>(i->get());
      } else if (const auto* f = node.as_floating_point()) {
        value = f->get();
      } else {
        wrong_type(quoting_hint(node));
      }
      break;
    case ParameterType::integer:
      if (const auto* i = node.as_integer()) {
        const std::int64_t n = i->get();
        if (n > kLargestExactInteger || n < -kLargestExactInteger)
          fail(key + " = " + std::to_string(n) + " is out of range: allowed " +
               allowed_range(spec));
        value = static_cast<double>(n);
      } else if (const auto* f = node.as_floating_point();
                 f != nullptr && std::isfinite(f->get()) && f->get() == std::trunc(f->get()) &&
                 std::fabs(f->get()) <= static_cast<double>(kLargestExactInteger)) {
        wrong_type("; write it without a decimal point: " +
                   std::to_string(static_cast<std::int64_t>(f->get())));
      } else {
        wrong_type(quoting_hint(node));
      }
      break;
    case ParameterType::boolean:
      if (const auto* b = node.as_boolean()) {
        value = b->get() ? 1.0 : 0.0;
      } else {
        wrong_type(quoting_hint(node));
      }
      break;
  }
  if (!std::isfinite(value))
    fail(key + " is " + format_number(value) +
         "; NaN and infinity are not allowed, give a finite number in " + allowed_range(spec));
  if (value < spec.min || value > spec.max)
    fail(key + " = " + format_number(value) + " is out of range: allowed " + allowed_range(spec));
  return value;
}

namespace {

// The closest of `words` to `name` if it is closer than `best_distance`.
void nearer_word(std::string_view name, std::span<const std::string> words, std::string& best,
                 std::size_t& best_distance) {
  for (const auto& word : words) {
    if (auto d = edit_distance(name, word); d < best_distance) {
      best = word;
      best_distance = d;
    }
  }
}

}  // namespace

std::string nearest_name(std::string_view name, const ParameterRegistry& registry,
                         std::span<const std::string> words) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  if (auto nearest = registry.nearest(name, 1); !nearest.empty()) {
    best = nearest.front();
    best_distance = name_distance(name, best);
  }
  nearer_word(name, words, best, best_distance);
  return best;
}

std::string nearest_word(std::string_view name, std::span<const std::string> words) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  nearer_word(name, words, best, best_distance);
  return best;
}

std::string unknown_key_message(std::string_view name, std::string_view suggestion) {
  std::string message = "unknown key " + in_quotes(name);
  if (!suggestion.empty())
    message += "; did you mean " + in_quotes(suggestion) + "?";
  return message;
}

}  // namespace detail

double parse_value(const sim::ParameterSpec& spec, std::string_view text,
                   std::string_view origin_name) {
  using namespace detail;
  const fs::path origin(origin_name);
  const std::string_view value = trim(text);
  if (value.empty())
    throw ScenarioError(origin, 0, spec.name, "no value given for " + in_quotes(spec.name));
  // The value is read by the TOML parser itself, so the command line accepts
  // exactly what a scenario file does (1e-3, 1_000, true, nan is refused, ...).
  toml::table parsed;
  bool readable = true;
  try {
    parsed = toml::parse("value = " + std::string(value), std::string_view("--set"));
  } catch (const toml::parse_error&) {
    readable = false;
  }
  const toml::node* node = parsed.get("value");
  // TOML integers are 64-bit: a longer run of digits is a number out of range,
  // not unreadable text (and never silently clamped).
  if (!readable && spec.type == ParameterType::integer &&
      value.find_first_not_of("+-0123456789_") == std::string_view::npos &&
      value.find_first_of("0123456789") != std::string_view::npos)
    throw ScenarioError(origin, 0, spec.name,
                        in_quotes(spec.name) + " = " + std::string(value) +
                            " is out of range: allowed " + allowed_range(spec));
  if (!readable || parsed.size() != 1 || node == nullptr)
    throw ScenarioError(origin, 0, spec.name,
                        "cannot read " + in_quotes(value) + " as a value for " +
                            in_quotes(spec.name) + ", which expects " + expected(spec.type) +
                            " (e.g. " + example(spec.type) + ")");
  return to_parameter_value(spec, *node, origin, 0);
}

}  // namespace candour::sim::io
