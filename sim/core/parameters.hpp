#pragma once
// Parameters: the typed, documented table a model declares. One table drives
// the scenario reader, its validation, `candour describe` and the docs.
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace candour::sim {

enum class ParameterType { real, integer, boolean };

std::string_view type_name(ParameterType type);

// The integer an integer parameter's stored bound stands for. Bounds are
// doubles; the largest seed, 2^63 - 1, is stored as 2^63, which is not an
// int64 (casting it is undefined; it printed as -2^63).
std::int64_t integer_bound(double bound);

// What a parameter stands for (`candour describe --levers`):
// - lever: a choice a policy maker makes directly (targets, penalties,
//   surveillance, duties, protections, programmes, funding);
// - behaviour: how people and organisations respond (weights, half-lives,
//   hazards), from published evidence or an assumption;
// - calibrated: a constant whose value was set so that the baseline meets
//   published national figures;
// - structure: the size and make-up of the system (trusts, wards, posts,
//   beds, patients, the labour market);
// - setting: a choice about the run or its outputs, not about the world
//   modelled (its length, seed, recording; thresholds used only to count).
enum class ParameterKind { unassigned, lever, behaviour, calibrated, structure, setting };

std::string_view kind_name(ParameterKind kind);

// One scenario parameter. Names are dotted paths ("pressure.target_stringency")
// that map onto TOML tables ([pressure] target_stringency = 0.6).
struct ParameterSpec {
  std::string name;
  ParameterType type = ParameterType::real;
  double default_value = 0.0;  // booleans: 0 or 1
  double min = 0.0;            // inclusive
  double max = 0.0;            // inclusive
  std::string unit;            // "1" for dimensionless, "day", "per day", ...
  std::string description;     // what it means in the domain
  std::string source;          // literature source, or "calibrated", or "assumption"
  // Read only when the simulation is built (how many trusts, wards, posts):
  // fixed for the whole run, so a timeline stage may not change it.
  bool structural = false;
  ParameterKind kind = ParameterKind::unassigned;  // every model assigns one (tested)
};

// One parameter's value, of the type its spec declares: a real number, an
// integer (all 64 bits, so any seed a file can write is exact) or a boolean.
// Values read from files and the command line carry their spec's type from
// the reader to the model; nothing turns them into text and back.
class ParameterValue {
 public:
  ParameterValue() = default;                            // the real 0
  ParameterValue(double value) : value_(value) {}        // NOLINT: implicit by design
  ParameterValue(std::int64_t value) : value_(value) {}  // NOLINT
  ParameterValue(bool value) : value_(value) {}          // NOLINT
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, std::int64_t>) ParameterValue(T value)
      : value_(static_cast<std::int64_t>(value)) {}  // NOLINT
  // `number` as a value of `type`: integers rounded to the nearest, booleans
  // true unless 0 (for numbers that come as doubles, e.g. a sweep's design).
  static ParameterValue of(ParameterType type, double number);

  ParameterType type() const;
  // The value as a number: integers and booleans (1 or 0) convert.
  double real() const;
  // An integer, or a real with a whole value; throws std::invalid_argument
  // for a real with a fraction or one beyond the 64-bit range.
  std::int64_t integer() const;
  // A boolean, or a number (true unless 0).
  bool flag() const;
  // As a TOML value: 0.3, 60, true (reals in the shortest text that reads back
  // exactly, always with a decimal point or exponent).
  std::string toml() const;
  bool operator==(const ParameterValue&) const = default;

 private:
  std::variant<double, std::int64_t, bool> value_ = 0.0;
};

// Resolved parameter values by name.
class ParameterSet {
 public:
  void set(std::string_view name, ParameterValue value);
  bool contains(std::string_view name) const;
  // Throw std::out_of_range when `name` is absent.
  const ParameterValue& value(std::string_view name) const;
  double real(std::string_view name) const { return value(name).real(); }
  std::int64_t integer(std::string_view name) const;
  bool flag(std::string_view name) const { return value(name).flag(); }
  const std::map<std::string, ParameterValue, std::less<>>& values() const { return values_; }
  bool operator==(const ParameterSet&) const = default;

 private:
  std::map<std::string, ParameterValue, std::less<>> values_;
};

// The table of every parameter a run accepts (the engine's and the model's).
class ParameterRegistry {
 public:
  ParameterRegistry() = default;
  explicit ParameterRegistry(std::vector<ParameterSpec> specs);
  void add(ParameterSpec spec);  // throws std::invalid_argument on a duplicate name
  const ParameterSpec* find(std::string_view name) const;
  const std::vector<ParameterSpec>& specs() const { return specs_; }
  ParameterSet defaults() const;
  // Valid names sorted by edit distance to `name`, closest first (at most `count`).
  std::vector<std::string> nearest(std::string_view name, std::size_t count = 1) const;

 private:
  std::vector<ParameterSpec> specs_;
};

// Levenshtein distance; hand-written because neither the standard library nor
// Boost 1.74 offers one, and it is a dozen lines.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The engine's own run settings, validated like model parameters.
namespace run_keys {
inline constexpr const char* days = "run.days";
inline constexpr const char* seed = "run.seed";
inline constexpr const char* record_every = "run.record_every";
inline constexpr const char* flush_every = "run.flush_every";
}  // namespace run_keys

std::vector<ParameterSpec> run_parameters();

}  // namespace candour::sim
