// The one TOML reader (see toml_reader.hpp): messages, nearest names,
// parameter values and tables of named keys.
#include "sim/io/toml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <tuple>

namespace candour::sim::io {
namespace fs = std::filesystem;
namespace {

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

// An integer parameter's bound as the integer it stands for (integer_bound).
std::string format_bound(const ParameterSpec& spec, double bound) {
  if (spec.type == ParameterType::integer)
    return std::to_string(integer_bound(bound));
  return format_number(bound);
}

std::string allowed_range(const ParameterSpec& spec) {
  // Appended piece by piece: "[" + string draws a false -Wrestrict from GCC 12 at -O3.
  std::string range(1, '[');
  range += format_bound(spec, spec.min);
  range += ", ";
  range += format_bound(spec, spec.max);
  range += ']';
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

// The registry's own measure (ParameterRegistry::nearest): whole name or last part.
std::size_t name_distance(std::string_view name, std::string_view candidate) {
  std::size_t full = edit_distance(name, candidate);
  auto dot = candidate.rfind('.');
  if (dot == std::string_view::npos)
    return full;
  return std::min(full, edit_distance(name, candidate.substr(dot + 1)));
}

// Exact comparison of an integer with a range bound (a double): long double
// holds every int64 exactly on the machines Candour builds for.
bool below(std::int64_t n, double bound) {
  return static_cast<long double>(n) < static_cast<long double>(bound);
}
bool above(std::int64_t n, double bound) {
  return static_cast<long double>(n) > static_cast<long double>(bound);
}

}  // namespace

toml::table parse_toml(std::string_view text, const fs::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw ScenarioError(file, static_cast<int>(where.line), "",
                        "malformed TOML at column " + std::to_string(where.column) + ": " +
                            std::string(error.description()));
  }
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string not_finite_message(std::string_view key, double value) {
  return in_quotes(key) + " is " + format_number(value) +
         "; NaN and infinity are not allowed, give a finite number";
}

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
  // A name too long to be meant (an 8,000-character key) is cut: its start
  // identifies it, and the message stays one readable line.
  constexpr std::size_t kLongest = 100, kShown = 60;
  const auto is_continuation = [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
  };
  std::string quoted(1, '\'');  // not "'" + string: a false -Wrestrict from GCC 12 at -O3
  if (name.size() <= kLongest) {
    quoted += name;
    quoted += '\'';
    return quoted;
  }
  std::size_t cut = kShown;
  while (cut > 0 && is_continuation(name[cut]))
    --cut;  // never inside a UTF-8 character
  const auto characters =
      std::count_if(name.begin(), name.end(), [&](char c) { return !is_continuation(c); });
  quoted += name.substr(0, cut);
  quoted += "...' (";
  quoted += std::to_string(characters);
  quoted += " characters)";
  return quoted;
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

ParameterValue checked_value(const ParameterSpec& spec, const ParameterValue& value,
                             const fs::path& file, int line) {
  auto fail = [&](const std::string& message) {
    throw ScenarioError(file, line, spec.name, message);
  };
  auto out_of_range = [&](const std::string& text) {
    fail(in_quotes(spec.name) + " = " + text + " is out of range: allowed " + allowed_range(spec));
  };
  switch (value.type()) {
    case ParameterType::integer: {
      const std::int64_t n = value.integer();
      if (below(n, spec.min) || above(n, spec.max))
        out_of_range(std::to_string(n));
      break;
    }
    case ParameterType::real: {
      const double x = value.real();
      if (!std::isfinite(x))
        fail(not_finite_message(spec.name, x) + " in " + allowed_range(spec));
      if (x < spec.min || x > spec.max)
        out_of_range(format_number(x));
      break;
    }
    case ParameterType::boolean:
      break;
  }
  return value;
}

namespace {
[[noreturn]] void wrong_type(const ParameterSpec& spec, const toml::node& node,
                             const fs::path& file, int line, const std::string& hint) {
  throw ScenarioError(
      file, line, spec.name,
      in_quotes(spec.name) + " expects " + expected(spec.type) + ", got " + describe(node) + hint);
}
}  // namespace

ParameterValue parameter_value(const ParameterSpec& spec, const toml::node& node,
                               const fs::path& file, int line) {
  switch (spec.type) {
    case ParameterType::integer: {
      if (const auto* i = node.as_integer())
        return checked_value(spec, ParameterValue(i->get()), file, line);
      const auto* f = node.as_floating_point();
      if (f != nullptr && std::isfinite(f->get()) && f->get() == std::trunc(f->get()) &&
          std::fabs(f->get()) < 9.2e18)
        wrong_type(spec, node, file, line,
                   "; write it without a decimal point: " +
                       std::to_string(static_cast<std::int64_t>(f->get())));
      wrong_type(spec, node, file, line, quoting_hint(node));
    }
    case ParameterType::boolean:
      if (const auto* b = node.as_boolean())
        return ParameterValue(b->get());
      wrong_type(spec, node, file, line, quoting_hint(node));
    case ParameterType::real:
      break;
  }
  // An integer literal is a real number too: `shock_rate = 1` means 1.0.
  if (const auto* i = node.as_integer())
    return checked_value(spec, ParameterValue(static_cast<double>(i->get())), file, line);
  if (const auto* f = node.as_floating_point())
    return checked_value(spec, ParameterValue(f->get()), file, line);
  wrong_type(spec, node, file, line, quoting_hint(node));
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

ParameterValue parse_value(const sim::ParameterSpec& spec, std::string_view text,
                           std::string_view origin_name) {
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
  return parameter_value(spec, *node, origin, 0);
}

// --- tables of parameters -------------------------------------------------------
namespace {

// Every table name the registry implies ("a" and "a.b" for "a.b.c").
std::vector<std::string> table_names(const ParameterRegistry& registry, bool first_level_only) {
  std::vector<std::string> names;
  for (const auto& spec : registry.specs()) {
    for (auto dot = spec.name.find('.'); dot != std::string::npos;
         dot = spec.name.find('.', dot + 1)) {
      names.push_back(spec.name.substr(0, dot));
      if (first_level_only)
        break;
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// A key found while walking the tables, checked afterwards in file order
// (toml++ keeps keys sorted by name, so the walk itself is not in file order).
struct Found {
  enum class Kind { value, table_for_parameter, empty_unknown_table };
  Kind kind = Kind::value;
  std::string name;
  const toml::node* node = nullptr;
  int line = 0;
  int column = 0;
};

void walk(const toml::table& table, const std::string& prefix,
          std::span<const std::string> keywords, const ParameterRegistry& registry,
          std::vector<Found>& found) {
  for (auto&& [key, node] : table) {
    if (prefix.empty() && std::find(keywords.begin(), keywords.end(), key.str()) != keywords.end())
      continue;
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    const auto where = node.source().begin;
    Found item{Found::Kind::value, name, &node, static_cast<int>(where.line),
               static_cast<int>(where.column)};
    if (const auto* sub = node.as_table()) {
      if (registry.find(name) != nullptr) {
        item.kind = Found::Kind::table_for_parameter;
      } else if (sub->empty()) {
        if (is_table_name(registry, name))
          continue;  // an empty known table says nothing
        item.kind = Found::Kind::empty_unknown_table;
      } else {
        // An unknown table with keys is reported at its first key, with the
        // nearest full name: [pressur] target_stringency finds pressure.target_stringency.
        walk(*sub, name, keywords, registry, found);
        continue;
      }
    }
    found.push_back(std::move(item));
  }
}

[[noreturn]] void reject(const fs::path& file, const Found& item, const std::string& message) {
  throw ScenarioError(file, item.line, item.name, message);
}

}  // namespace

bool is_table_name(const ParameterRegistry& registry, std::string_view name) {
  return std::any_of(registry.specs().begin(), registry.specs().end(), [&](const auto& spec) {
    return spec.name.size() > name.size() && spec.name.starts_with(name) &&
           spec.name[name.size()] == '.';
  });
}

std::vector<ParameterAssignment> read_parameter_table(const toml::table& table,
                                                      const ParameterRegistry& registry,
                                                      const fs::path& file,
                                                      const ParameterTableRules& rules) {
  std::vector<Found> found;
  walk(table, "", rules.keywords, registry, found);
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });

  std::vector<ParameterAssignment> assignments;
  for (const auto& item : found) {
    const ParameterSpec* spec = registry.find(item.name);
    switch (item.kind) {
      case Found::Kind::table_for_parameter:
        parameter_value(*spec, *item.node, file, item.line);  // throws: wrong type
        break;
      case Found::Kind::empty_unknown_table: {
        std::string message = "unknown table [" + item.name + "]";
        auto tables = table_names(registry, false);
        if (auto near = nearest_word(item.name, tables); !near.empty())
          message += "; did you mean [" + near + "]?";
        reject(file, item, message);
      }
      case Found::Kind::value:
        if (spec == nullptr) {
          if (is_table_name(registry, item.name))
            reject(file, item,
                   in_quotes(item.name) + " is a table of parameters, not a value (write [" +
                       item.name + "] with its keys below it); got " + describe(*item.node));
          // A key with no dot may be a misspelt keyword or table as well.
          std::vector<std::string> words;
          if (!rules.keywords.empty() && item.name.find('.') == std::string::npos) {
            words.assign(rules.keywords.begin(), rules.keywords.end());
            auto tables = table_names(registry, true);
            words.insert(words.end(), tables.begin(), tables.end());
          }
          reject(file, item,
                 unknown_key_message(item.name, nearest_name(item.name, registry, words)));
        }
        if (rules.refuse) {
          if (auto reason = rules.refuse(*spec))
            reject(file, item, *reason);
        }
        assignments.push_back(
            {item.name, parameter_value(*spec, *item.node, file, item.line), item.line});
        break;
    }
  }
  return assignments;
}

KeyTable::KeyTable(const toml::table& table, fs::path file, std::string prefix,
                   std::span<const std::string> allowed)
    : table_(table), file_(std::move(file)), prefix_(std::move(prefix)) {
  // Reported in file order (toml++ keeps keys sorted by name).
  const toml::key* first = nullptr;
  for (auto&& [key, node] : table_) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end())
      continue;
    if (first == nullptr || line_of(key) < line_of(*first))
      first = &key;
  }
  if (first != nullptr) {
    const auto near = nearest_word(first->str(), allowed);
    throw ScenarioError(
        file_, line_of(*first), qualified(first->str()),
        unknown_key_message(qualified(first->str()), near.empty() ? "" : qualified(near)));
  }
}

std::string KeyTable::qualified(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void KeyTable::fail(std::string_view key, const std::string& message) const {
  const auto* node = find(key);
  const std::string name = in_quotes(qualified(key));
  // Every message names its key.
  throw ScenarioError(
      file_, node != nullptr ? line_of(*node) : line(), qualified(key),
      message.find(name) == std::string::npos ? "in " + name + ": " + message : message);
}

std::optional<std::string> KeyTable::string(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr)
    return std::nullopt;
  const auto* text = node->as_string();
  if (text == nullptr)
    fail(key, in_quotes(qualified(key)) + " expects a string, got " + describe(*node));
  return text->get();
}

std::optional<std::int64_t> KeyTable::integer(std::string_view key, std::int64_t min,
                                              std::int64_t max) const {
  const auto* node = find(key);
  if (node == nullptr)
    return std::nullopt;
  const auto* n = node->as_integer();
  if (n == nullptr)
    fail(key, in_quotes(qualified(key)) + " expects an integer, got " + describe(*node));
  if (n->get() < min || n->get() > max)
    fail(key, in_quotes(qualified(key)) + " = " + std::to_string(n->get()) +
                  " is out of range: allowed [" + std::to_string(min) + ", " + std::to_string(max) +
                  "]");
  return n->get();
}

std::optional<double> KeyTable::number(std::string_view key) const {
  const auto* node = find(key);
  if (node == nullptr)
    return std::nullopt;
  double value = 0.0;
  if (const auto* i = node->as_integer())
    value = static_cast<double>(i->get());
  else if (const auto* f = node->as_floating_point())
    value = f->get();
  else
    fail(key, in_quotes(qualified(key)) + " expects a number, got " + describe(*node));
  if (!std::isfinite(value))
    fail(key, not_finite_message(qualified(key), value));
  return value;
}

std::string KeyTable::required_string(std::string_view key, std::string_view what) const {
  if (auto value = string(key))
    return *value;
  fail(key, "missing " + in_quotes(qualified(key)) + " (" + std::string(what) + ")");
}

std::int64_t KeyTable::required_integer(std::string_view key, std::int64_t min, std::int64_t max,
                                        std::string_view what) const {
  if (auto value = integer(key, min, max))
    return *value;
  fail(key, "missing " + in_quotes(qualified(key)) + " (" + std::string(what) + ")");
}

double KeyTable::required_number(std::string_view key, std::string_view what) const {
  if (auto value = number(key))
    return *value;
  fail(key, "missing " + in_quotes(qualified(key)) + " (" + std::string(what) + ")");
}

}  // namespace candour::sim::io
