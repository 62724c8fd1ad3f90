#pragma once
// A small RAII wrapper over the HDF5 C API: handles that close themselves,
// attributes, appendable chunked compressed datasets, datasets filled at
// creation, text, dimension scales and compound tables. All of Candour's HDF5
// goes through it. HighFive is not packaged by Debian 12 and the C++ API does
// not serve parallel HDF5, so the run writer, the reader and the sweeps use
// this. Every failure becomes an hdf5::Error carrying HDF5's own error stack;
// nothing is printed to stderr behind the caller's back.
#include <hdf5.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace candour::sim::io::hdf5 {

// An HDF5 call failed. what() names the operation and the object, followed by
// the messages of HDF5's error stack, outermost first.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Turns off HDF5's automatic printing of its error stack while it lives and
// restores whatever the caller had set: callers get the same text in an
// exception instead, and no process-wide setting changes.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// Call first thing in main(), before any other HDF5 call: HDF5 then does
// not shut itself down at exit. Its shutdown closes every file still open,
// and after a failed close (a full disk) it crashes there, turning a clean
// "disk full" exit into a segmentation fault. Every file Candour opens is
// closed by its owner before exit anyway.
void skip_library_cleanup_at_exit();

// The object's path within its file, for messages ("/metrics/shocks").
std::string object_path(hid_t id);

// Throws Error naming `what`, followed by HDF5's error stack (then cleared).
[[noreturn]] void fail(std::string_view what);

// The result of an HDF5 C call, or Error when it signalled failure (< 0).
template <class T>
T check(T result, std::string_view what) {
  if (result < 0)
    fail(what);
  return result;
}

namespace detail {
// Closes `id` with `close`, ignoring failure (used by destructors).
void close_quietly(herr_t (*close)(hid_t), hid_t id) noexcept;
// Closes `id` with `close`; throws Error on failure.
void close_checked(herr_t (*close)(hid_t), hid_t id, std::string_view what);
}  // namespace detail

// Owns one HDF5 identifier and closes it with `Close` (H5Fclose, H5Dclose...).
// Move-only: exactly one owner closes each identifier, exactly once.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t id() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  // Closes now, reporting failure (a file's close writes its metadata).
  void close() {
    if (id_ >= 0)
      detail::close_checked(Close, std::exchange(id_, H5I_INVALID_HID), "close");
  }
  void reset() noexcept {
    if (id_ >= 0)
      detail::close_quietly(Close, std::exchange(id_, H5I_INVALID_HID));
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

// A non-owning view of a file (its root group) or a group: where groups and
// datasets are created and found.
class Location {
 public:
  Location(const File& file) : id_(file.id()) {}     // NOLINT: implicit by design
  Location(const Group& group) : id_(group.id()) {}  // NOLINT
  hid_t id() const { return id_; }

 private:
  hid_t id_;
};

// A non-owning view of anything that carries attributes: a file (its root
// group), a group or a dataset.
class Object {
 public:
  Object(const File& file) : id_(file.id()) {}       // NOLINT: implicit by design
  Object(const Group& group) : id_(group.id()) {}    // NOLINT
  Object(const Dataset& data) : id_(data.id()) {}    // NOLINT
  Object(Location location) : id_(location.id()) {}  // NOLINT
  hid_t id() const { return id_; }

 private:
  hid_t id_;
};

// ---- Files -----------------------------------------------------------------

// `latest` is the HDF5 1.10 format (readable by HDF5 >= 1.10 only), which
// single-writer/multiple-reader (SWMR) mode needs; `compatible` is the
// library default, readable by HDF5 1.8.
enum class Format { compatible, latest };

// `read_swmr` reads a file that a SWMR writer has open, or left open when it
// was killed (such a file refuses a plain read-only open until `h5clear -s`).
enum class Access { read_only, read_write, read_swmr };

// Whether the file's datasets cache chunks in memory (HDF5's default, 1 MiB
// each) or write every chunk through (`none`). A writer that only appends,
// a flush's rows at a time, gains nothing from the cache: a finished chunk is
// never touched again, yet the cache kept it until full (5 years of 200
// trusts: 42 of a run's 113 MB).
enum class ChunkCache { per_dataset, none };

// Creates `path`, truncating an existing file.
File create_file(const std::filesystem::path& path, Format format = Format::compatible,
                 ChunkCache cache = ChunkCache::per_dataset);
File open_file(const std::filesystem::path& path, Access access = Access::read_only);
// Switches a file created with Format::latest to SWMR writing: from now on its
// datasets may only grow and be overwritten, and a process kill leaves every
// flushed row readable. No attribute may be open at this point.
void start_swmr_write(const File& file);
// Writes every buffered change of the file holding `object` to the operating
// system, so another process (or the file after a kill) sees it.
void flush(Object object);
// The path of the file holding `object`.
std::filesystem::path file_name(Object object);

// ---- Groups and links ------------------------------------------------------

Group create_group(Location parent, std::string_view name);
Group open_group(Location parent, std::string_view name);
Group root_group(const File& file);
// True when `parent` has a direct member called `name`.
bool exists(Location parent, std::string_view name);
// Names of the direct members of `parent`, in name order.
std::vector<std::string> member_names(Location parent);
// A second name `name` in `at` for the object `existing` (a path relative to
// `from`): an HDF5 hard link, so both names are the same object.
void link(Location from, std::string_view existing, Location at, std::string_view name);

// ---- Attributes ------------------------------------------------------------
// Writing creates the attribute, or overwrites it in place when its type and
// shape already match (the only change SWMR allows), or else replaces it.
// Strings are variable-length UTF-8, which h5py reads as `str`.

void write_attribute(Object target, std::string_view name, double value);
void write_attribute(Object target, std::string_view name, std::int64_t value);
void write_attribute(Object target, std::string_view name, std::uint64_t value);
void write_attribute(Object target, std::string_view name, std::string_view value);
void write_attribute(Object target, std::string_view name, std::span<const double> values);
void write_attribute(Object target, std::string_view name, std::span<const std::int64_t> values);
void write_attribute(Object target, std::string_view name, const std::vector<std::string>& values);
inline void write_attribute(Object target, std::string_view name, const char* value) {
  write_attribute(target, name, std::string_view(value));
}
inline void write_attribute(Object target, std::string_view name, const std::string& value) {
  write_attribute(target, name, std::string_view(value));
}
// Other integers (int, bool, ...) are stored as 64-bit signed integers.
template <std::integral T>
requires(!std::same_as<T, std::int64_t> &&
         !std::same_as<T, std::uint64_t>) void write_attribute(Object target, std::string_view name,
                                                               T value) {
  write_attribute(target, name, static_cast<std::int64_t>(value));
}

bool has_attribute(Object target, std::string_view name);
std::vector<std::string> attribute_names(Object target);
double read_real_attribute(Object target, std::string_view name);
std::int64_t read_integer_attribute(Object target, std::string_view name);
std::string read_string_attribute(Object target, std::string_view name);
std::vector<double> read_reals_attribute(Object target, std::string_view name);
std::vector<std::string> read_strings_attribute(Object target, std::string_view name);

// ---- Datasets --------------------------------------------------------------

// How an appendable dataset is stored. Rows are grouped into chunks of
// `chunk_rows` rows (at most about 1 MiB, so that the chunk being filled
// stays in HDF5's default chunk cache), compressed with byte shuffle and
// deflate at `deflate_level` (0: no compression). Level 1: after the
// shuffle, level 4 made a 5-year run's file 0.8% smaller for 17% more time
// in zlib (docs/performance.md).
struct AppendLayout {
  std::size_t chunk_rows = 64;
  int deflate_level = 1;
};

// A float64 dataset that grows along its first dimension, starting empty.
// `row_shape` is the shape of one row: {} for one value per row (a 1-D
// dataset of shape (rows,)), {n} for n values per row (shape (rows, n)).
Dataset create_appendable(Location parent, std::string_view name,
                          std::span<const std::size_t> row_shape, const AppendLayout& layout = {});
// Appends rows to an appendable dataset: `values` holds whole rows,
// row-major. Returns the new number of rows.
std::size_t append_rows(const Dataset& data, std::span<const double> values);

// Fixed-size 1-D datasets, written whole.
Dataset write_dataset(Location parent, std::string_view name, std::span<const double> values);
Dataset write_dataset(Location parent, std::string_view name, std::span<const std::int64_t> values);

Dataset open_dataset(Location parent, std::string_view name);
// The current shape (rows first).
std::vector<std::size_t> shape(const Dataset& data);
// Rows [first, first + count) of a dataset of numbers, as float64, row-major.
std::vector<double> read_rows(const Dataset& data, std::size_t first, std::size_t count);
// The whole dataset as float64, row-major.
std::vector<double> read_reals(const Dataset& data);
std::vector<std::int64_t> read_integers(const Dataset& data);
// Chunk dimensions, or empty for a contiguous dataset.
std::vector<std::size_t> chunk_shape(const Dataset& data);
// Names of the dataset's filters in pipeline order ("shuffle", "deflate").
std::vector<std::string> filter_names(const Dataset& data);

// ---- Datasets filled at creation -------------------------------------------
// The whole extent is allocated and set to a fill value when the dataset is
// created, so writing rows later changes raw data only, never the file's
// metadata: rows can be written in any order, and a process killed at any
// moment leaves the file readable with every flushed row, without the SWMR
// format (whose "open for writing" mark a killed writer leaves behind, and
// which only allows appending). Sweeps store one row per run this way.

enum class Element { float64, uint8 };

// Creates a contiguous dataset of shape `dims`, every element set to `fill`.
Dataset create_filled(Location parent, std::string_view name, std::span<const std::size_t> dims,
                      Element element, double fill);
// Overwrites rows [first, first + rows) of `data`, where `values` holds whole
// rows (every dimension after the first) row-major.
void write_rows(const Dataset& data, std::size_t first, std::span<const double> values);
void write_rows(const Dataset& data, std::size_t first, std::span<const std::uint8_t> values);

// ---- Text ------------------------------------------------------------------

// A text of any length as a scalar UTF-8 string dataset (attributes of the
// default file format hold at most 64 KiB, too little for a resolved scenario).
void write_text(Location parent, std::string_view name, std::string_view text);
std::string read_text(Location parent, std::string_view name);

// ---- Dimension scales (HDF5 high-level library) ----------------------------

// Marks `scale` as a dimension scale called `name` (e.g. /time).
void make_dimension_scale(const Dataset& scale, std::string_view name);
// Attaches `scale` to dimension `dimension` of `data` and labels that
// dimension with the scale's name, so h5py, xarray and h5dump see the axis.
void attach_dimension_scale(const Dataset& data, const Dataset& scale, unsigned dimension);
bool is_attached(const Dataset& data, const Dataset& scale, unsigned dimension);

// ---- Tables ----------------------------------------------------------------

// One column of a table: strings, floats or integers.
using ColumnValues =
    std::variant<std::vector<std::string>, std::vector<double>, std::vector<std::int64_t>>;

struct Column {
  std::string name;
  ColumnValues values;
};

// Writes a table as one 1-D compound dataset with a field per column, which
// h5py reads as a structured array and pandas.DataFrame takes directly.
// Every column must have the same length.
Dataset write_table(Location parent, std::string_view name, const std::vector<Column>& columns);
// Reads a table written by write_table (any compound of strings and numbers).
std::vector<Column> read_table(const Dataset& table);

// Returns the column called `name` of `table`; throws std::out_of_range.
const Column& column(const std::vector<Column>& table, std::string_view name);

}  // namespace candour::sim::io::hdf5
