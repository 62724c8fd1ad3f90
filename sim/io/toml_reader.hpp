#pragma once
// The one reader of Candour's TOML files, scenarios and sweeps alike:
// parsing, lines, keys checked against what a table allows (with the nearest
// valid name), values checked for type, finiteness and range, and the words
// every message uses, so that both kinds of file report the same problem the
// same way. Internal to sim/io and sim/sweep: toml++ stays out of the public
// headers, so the command line does not compile it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "sim/core/parameters.hpp"
#include "sim/io/scenario.hpp"

namespace candour::sim::io {

// Parses the text of `file`; malformed TOML is a ScenarioError at its line
// and column.
toml::table parse_toml(std::string_view text, const std::filesystem::path& file);

// --- the words of the messages ------------------------------------------------
int line_of(const toml::node& node);
int line_of(const toml::key& key);
std::string format_number(double value);       // 100000, 0.3: shortest text that reads back
std::string describe(const toml::node& node);  // "a string (\"0.6\")", "a float (2.5)", ...
std::string in_quotes(std::string_view name);  // 'name'
std::string_view trim(std::string_view text);
// "'key' is nan; NaN and infinity are not allowed, give a finite number".
std::string not_finite_message(std::string_view key, double value);

// --- nearest valid names --------------------------------------------------------
// The nearest of `words` to `name` (empty if there are none).
std::string nearest_word(std::string_view name, std::span<const std::string> words);
// The nearest valid name to `name`: a registry name or one of `words`.
std::string nearest_name(std::string_view name, const ParameterRegistry& registry,
                         std::span<const std::string> words = {});
// "unknown key 'x'; did you mean 'y'?" (without the question when `suggestion` is empty).
std::string unknown_key_message(std::string_view name, std::string_view suggestion);

// --- parameter values -----------------------------------------------------------
// `node` as a value of `spec`: of its type (an integer literal is a real too;
// a real with a decimal point is not an integer), finite and in its range.
// Problems are ScenarioErrors at `file`:`line` naming the parameter.
ParameterValue parameter_value(const ParameterSpec& spec, const toml::node& node,
                               const std::filesystem::path& file, int line);
// `value` (already of `spec`'s type) checked for finiteness and range, with
// the same messages: for values a reader computes (a sweep axis's ends).
ParameterValue checked_value(const ParameterSpec& spec, const ParameterValue& value,
                             const std::filesystem::path& file, int line);

// --- tables of parameters -------------------------------------------------------
// One parameter value read from a file, already checked.
struct ParameterAssignment {
  std::string name;
  ParameterValue value;
  int line = 0;
};

// What a table of parameters may hold besides parameters, and which
// parameters it refuses.
struct ParameterTableRules {
  // Top-level keys read elsewhere (a scenario's model, title, ...): skipped,
  // and offered as the nearest name for a misspelt one.
  std::span<const std::string> keywords;
  // A reason to refuse `spec` in this table (a run setting in a timeline
  // stage, the seed in a sweep's [set]); nullopt to accept it.
  std::function<std::optional<std::string>(const ParameterSpec&)> refuse;
};

// True if `name` is a table of parameters, e.g. "pressure" for "pressure.target_stringency".
bool is_table_name(const ParameterRegistry& registry, std::string_view name);

// Every parameter in `table`, in file order, each checked against the
// registry: TOML tables and dotted keys map onto the registry's dotted names
// ([pressure] target_stringency = 0.6 is pressure.target_stringency), an
// unknown key or table is reported with the nearest valid name, and each
// value is read by parameter_value.
std::vector<ParameterAssignment> read_parameter_table(const toml::table& table,
                                                      const ParameterRegistry& registry,
                                                      const std::filesystem::path& file,
                                                      const ParameterTableRules& rules = {});

// --- tables of named keys -------------------------------------------------------
// A table whose keys are a fixed set of words (a sweep's [design], a timeline
// stage, ...), as opposed to a table of parameters. Every key is checked
// against `allowed` when the reader is made; reads check type, range and
// finiteness. Each problem is a ScenarioError at the key's line (the table's
// line for a missing key), naming the key as prefix.key.
class KeyTable {
 public:
  KeyTable(const toml::table& table, std::filesystem::path file, std::string prefix,
           std::span<const std::string> allowed);

  std::string qualified(std::string_view key) const;
  int line() const { return line_of(table_); }
  const toml::node* find(std::string_view key) const { return table_.get(key); }
  const std::filesystem::path& file() const { return file_; }
  // Throws at the key's line; a message that does not name the key is
  // prefixed "in 'prefix.key': ".
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  // Absent keys give nullopt; a present key of another type fails.
  std::optional<std::string> string(std::string_view key) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<double> number(std::string_view key) const;  // an integer or a float, finite
  // The same for a key that must be there; `what` says what it holds.
  std::string required_string(std::string_view key, std::string_view what) const;
  std::int64_t required_integer(std::string_view key, std::int64_t min, std::int64_t max,
                                std::string_view what) const;
  double required_number(std::string_view key, std::string_view what) const;

 private:
  const toml::table& table_;
  std::filesystem::path file_;
  std::string prefix_;
};

}  // namespace candour::sim::io
