#include "sim/io/hdf5.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>

namespace candour::sim::io::hdf5 {
namespace {

// What went wrong according to HDF5's current error stack, in one line, then
// clears the stack. The stack runs to a dozen layers ("unable to create
// dataset; ...; file write failed: time = ..., errno = 28, error message =
// 'No space left on device', buf = 0x...") that mean nothing to a user: keep
// the outermost description and the operating system's own words when there
// are any, else the outermost and the innermost descriptions.
std::string error_stack() {
  std::vector<std::string> lines;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* error, void* client) -> herr_t {
        auto& out = *static_cast<std::vector<std::string>*>(client);
        if (error->desc != nullptr && *error->desc != '\0' &&
            (out.empty() || out.back() != error->desc))
          out.emplace_back(error->desc);
        return 0;
      },
      &lines);
  H5Eclear2(H5E_DEFAULT);
  if (lines.empty())
    return "";
  std::string system;
  for (const auto& line : lines) {
    constexpr std::string_view kMarker = "error message = '";
    if (const auto at = line.find(kMarker); at != std::string::npos) {
      const auto start = at + kMarker.size();
      system = line.substr(start, line.find('\'', start) - start);
    }
  }
  std::string text = ": " + lines.front();
  if (!system.empty())
    text += ": " + system;
  else if (lines.size() > 1)
    text += ": " + lines.back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string in_quotes(std::string_view text) {
  std::string quoted(1, '\'');  // not "'" + string: a false -Wrestrict from GCC 12 at -O3
  quoted += text;
  quoted += '\'';
  return quoted;
}

Datatype utf8_string_type() {
  Datatype type(check(H5Tcopy(H5T_C_S1), "cannot copy the string type"));
  check(H5Tset_size(type.id(), H5T_VARIABLE), "cannot make a variable-length string type");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "cannot set UTF-8 on a string type");
  return type;
}

Dataspace scalar_space() {
  return Dataspace(check(H5Screate(H5S_SCALAR), "cannot create a scalar dataspace"));
}

Dataspace simple_space(std::span<const hsize_t> dims, std::span<const hsize_t> max_dims = {}) {
  return Dataspace(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                          max_dims.empty() ? nullptr : max_dims.data()),
                         "cannot create a dataspace"));
}

std::size_t element_count(hid_t space, std::string_view what) {
  return static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space), what));
}

// Object creation properties that leave out modification times, so that the
// same run written twice gives the same bytes.
PropertyList creation_properties(hid_t property_class) {
  PropertyList list(check(H5Pcreate(property_class), "cannot create a property list"));
  check(H5Pset_obj_track_times(list.id(), false), "cannot turn off time tracking");
  return list;
}

// Creates, overwrites in place, or replaces attribute `name` (see the header).
void put_attribute(Object target, std::string_view name, hid_t file_type, hid_t memory_type,
                   hid_t space, const void* buffer) {
  // HDF5 rejects a null buffer even for an empty attribute (an empty vector's data()).
  static constexpr double kNothing = 0.0;
  if (buffer == nullptr)
    buffer = &kNothing;
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot write attribute " + in_quotes(key) + " of " + in_quotes(object_path(target.id()));
  if (check(H5Aexists(target.id(), key.c_str()), what) > 0) {
    Attribute existing(check(H5Aopen(target.id(), key.c_str(), H5P_DEFAULT), what));
    Datatype old_type(check(H5Aget_type(existing.id()), what));
    Dataspace old_space(check(H5Aget_space(existing.id()), what));
    if (check(H5Tequal(old_type.id(), file_type), what) > 0 &&
        check(H5Sextent_equal(old_space.id(), space), what) > 0) {
      check(H5Awrite(existing.id(), memory_type, buffer), what);
      existing.close();
      return;
    }
    existing.reset();
    check(H5Adelete(target.id(), key.c_str()), what);
  }
  Attribute created(check(
      H5Acreate2(target.id(), key.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), what));
  check(H5Awrite(created.id(), memory_type, buffer), what);
  created.close();
}

// An open attribute with its type and space, for reading.
struct OpenAttribute {
  Attribute attribute;
  Datatype type;
  Dataspace space;
  std::size_t count = 0;
};

OpenAttribute open_attribute(Object target, std::string_view name, std::string_view what) {
  const std::string key(name);
  OpenAttribute a;
  a.attribute = Attribute(check(H5Aopen(target.id(), key.c_str(), H5P_DEFAULT), what));
  a.type = Datatype(check(H5Aget_type(a.attribute.id()), what));
  a.space = Dataspace(check(H5Aget_space(a.attribute.id()), what));
  a.count = element_count(a.space.id(), what);
  return a;
}

std::string read_attribute_what(Object target, std::string_view name) {
  return "cannot read attribute " + in_quotes(name) + " of " + in_quotes(object_path(target.id()));
}

// Reads every string of an attribute, variable- or fixed-length.
std::vector<std::string> read_strings(OpenAttribute& a, std::string_view what) {
  if (H5Tget_class(a.type.id()) != H5T_STRING)
    throw Error(std::string(what) + ": not a string");
  std::vector<std::string> out;
  if (check(H5Tis_variable_str(a.type.id()), what) > 0) {
    Datatype memory = utf8_string_type();
    check(H5Tset_cset(memory.id(), H5Tget_cset(a.type.id())), what);
    std::vector<char*> pointers(a.count, nullptr);
    if (a.count == 0)
      return out;
    check(H5Aread(a.attribute.id(), memory.id(), pointers.data()), what);
    for (char* p : pointers)
      out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(memory.id(), a.space.id(), H5P_DEFAULT, pointers.data());
    return out;
  }
  const std::size_t size = H5Tget_size(a.type.id());
  std::vector<char> buffer(size * a.count, '\0');
  check(H5Aread(a.attribute.id(), a.type.id(), buffer.data()), what);
  for (std::size_t i = 0; i < a.count; ++i) {
    std::string s(buffer.data() + i * size, size);
    s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<hsize_t> dims_of(const Dataset& data, std::string_view what) {
  Dataspace space(check(H5Dget_space(data.id()), what));
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr), what);
  return dims;
}

std::size_t product(std::span<const hsize_t> dims) {
  return std::accumulate(dims.begin(), dims.end(), std::size_t{1}, std::multiplies<>());
}

// The dataset's file space with rows [first, first + count) selected, and a
// memory space for those rows; `dims` is the dataset's shape.
std::pair<Dataspace, Dataspace> row_spaces(const Dataset& data, std::span<const hsize_t> dims,
                                           hsize_t first, hsize_t count, std::string_view what) {
  std::vector<hsize_t> start(dims.size(), 0), extent(dims.begin(), dims.end());
  start[0] = first;
  extent[0] = count;
  Dataspace file_space(check(H5Dget_space(data.id()), what));
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                            nullptr),
        what);
  return {std::move(file_space), simple_space(extent)};
}

// Largest chunk we make: HDF5's default chunk cache is 1 MiB, and a chunk
// that fits stays cached while it fills up between flushes.
constexpr std::size_t kMaxChunkBytes = 1 << 20;

}  // namespace

void skip_library_cleanup_at_exit() {
  H5dont_atexit();
}

std::string object_path(hid_t id) {
  const ssize_t size = H5Iget_name(id, nullptr, 0);
  if (size <= 0)
    return "?";
  std::string name(static_cast<std::size_t>(size), '\0');
  H5Iget_name(id, name.data(), name.size() + 1);
  return name;
}

[[noreturn]] void fail(std::string_view what) {
  throw Error(std::string(what) + error_stack());
}

namespace detail {
void close_quietly(herr_t (*close)(hid_t), hid_t id) noexcept {
  QuietErrors quiet;
  close(id);
  H5Eclear2(H5E_DEFAULT);
}

void close_checked(herr_t (*close)(hid_t), hid_t id, std::string_view what) {
  QuietErrors quiet;
  check(close(id), what);
}
}  // namespace detail

// ---- Files -----------------------------------------------------------------

File create_file(const std::filesystem::path& path, Format format, ChunkCache cache) {
  QuietErrors quiet;
  const std::string what = "cannot create HDF5 file " + in_quotes(path.string());
  PropertyList access(check(H5Pcreate(H5P_FILE_ACCESS), what));
  if (format == Format::latest)
    check(H5Pset_libver_bounds(access.id(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), what);
  // The file access list's cache is the one every dataset keeps (a
  // dataset's own access list is lost when SWMR writing starts).
  if (cache == ChunkCache::none)
    check(H5Pset_cache(access.id(), 0, 0, 0, 1.0), what);
  return File(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.id()), what));
}

File open_file(const std::filesystem::path& path, Access access) {
  QuietErrors quiet;
  const std::string what = "cannot open HDF5 file " + in_quotes(path.string());
  unsigned flags = H5F_ACC_RDONLY;
  if (access == Access::read_write)
    flags = H5F_ACC_RDWR;
  else if (access == Access::read_swmr)
    flags = H5F_ACC_RDONLY | H5F_ACC_SWMR_READ;
  return File(check(H5Fopen(path.c_str(), flags, H5P_DEFAULT), what));
}

void start_swmr_write(const File& file) {
  QuietErrors quiet;
  check(H5Fstart_swmr_write(file.id()),
        "cannot start SWMR writing of " + in_quotes(file_name(file).string()));
}

void flush(Object object) {
  QuietErrors quiet;
  check(H5Fflush(object.id(), H5F_SCOPE_LOCAL), "cannot flush the HDF5 file");
}

std::filesystem::path file_name(Object object) {
  QuietErrors quiet;
  const ssize_t size = check(H5Fget_name(object.id(), nullptr, 0), "cannot get a file name");
  std::string name(static_cast<std::size_t>(size), '\0');
  check(H5Fget_name(object.id(), name.data(), name.size() + 1), "cannot get a file name");
  return name;
}

// ---- Groups and links ------------------------------------------------------

Group create_group(Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot create group " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  PropertyList properties = creation_properties(H5P_GROUP_CREATE);
  return Group(
      check(H5Gcreate2(parent.id(), key.c_str(), H5P_DEFAULT, properties.id(), H5P_DEFAULT), what));
}

Group open_group(Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  return Group(
      check(H5Gopen2(parent.id(), key.c_str(), H5P_DEFAULT),
            "cannot open group " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()))));
}

Group root_group(const File& file) {
  return open_group(file, "/");
}

void link(Location from, std::string_view existing, Location at, std::string_view name) {
  QuietErrors quiet;
  const std::string source(existing), target(name);
  check(
      H5Lcreate_hard(from.id(), source.c_str(), at.id(), target.c_str(), H5P_DEFAULT, H5P_DEFAULT),
      "cannot link " + in_quotes(source) + " as " + in_quotes(target) + " in " +
          in_quotes(object_path(at.id())));
}

bool exists(Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  return check(H5Lexists(parent.id(), key.c_str(), H5P_DEFAULT),
               "cannot look up " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()))) >
         0;
}

std::vector<std::string> member_names(Location parent) {
  QuietErrors quiet;
  const std::string what = "cannot list the members of " + in_quotes(object_path(parent.id()));
  H5G_info_t info{};
  check(H5Gget_info(parent.id(), &info), what);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size = check(H5Lget_name_by_idx(parent.id(), ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                                  nullptr, 0, H5P_DEFAULT),
                               what);
    std::string name(static_cast<std::size_t>(size), '\0');
    check(H5Lget_name_by_idx(parent.id(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                             name.size() + 1, H5P_DEFAULT),
          what);
    names.push_back(std::move(name));
  }
  return names;
}

// ---- Attributes ------------------------------------------------------------

void write_attribute(Object target, std::string_view name, double value) {
  QuietErrors quiet;
  auto space = scalar_space();
  put_attribute(target, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space.id(), &value);
}

void write_attribute(Object target, std::string_view name, std::int64_t value) {
  QuietErrors quiet;
  auto space = scalar_space();
  put_attribute(target, name, H5T_STD_I64LE, H5T_NATIVE_INT64, space.id(), &value);
}

void write_attribute(Object target, std::string_view name, std::uint64_t value) {
  QuietErrors quiet;
  auto space = scalar_space();
  put_attribute(target, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, space.id(), &value);
}

void write_attribute(Object target, std::string_view name, std::string_view value) {
  QuietErrors quiet;
  auto space = scalar_space();
  auto type = utf8_string_type();
  const std::string text(value);
  const char* pointer = text.c_str();
  put_attribute(target, name, type.id(), type.id(), space.id(), &pointer);
}

void write_attribute(Object target, std::string_view name, std::span<const double> values) {
  QuietErrors quiet;
  const hsize_t n = values.size();
  auto space = simple_space(std::span(&n, 1));
  put_attribute(target, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space.id(), values.data());
}

void write_attribute(Object target, std::string_view name, std::span<const std::int64_t> values) {
  QuietErrors quiet;
  const hsize_t n = values.size();
  auto space = simple_space(std::span(&n, 1));
  put_attribute(target, name, H5T_STD_I64LE, H5T_NATIVE_INT64, space.id(), values.data());
}

void write_attribute(Object target, std::string_view name, const std::vector<std::string>& values) {
  QuietErrors quiet;
  const hsize_t n = values.size();
  auto space = simple_space(std::span(&n, 1));
  auto type = utf8_string_type();
  std::vector<const char*> pointers;
  for (const auto& v : values)
    pointers.push_back(v.c_str());
  put_attribute(target, name, type.id(), type.id(), space.id(), pointers.data());
}

bool has_attribute(Object target, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  return check(H5Aexists(target.id(), key.c_str()), read_attribute_what(target, name)) > 0;
}

std::vector<std::string> attribute_names(Object target) {
  QuietErrors quiet;
  std::vector<std::string> names;
  check(H5Aiterate2(
            target.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr,
            [](hid_t, const char* name, const H5A_info_t*, void* client) -> herr_t {
              static_cast<std::vector<std::string>*>(client)->emplace_back(name);
              return 0;
            },
            &names),
        "cannot list the attributes of " + in_quotes(object_path(target.id())));
  return names;
}

double read_real_attribute(Object target, std::string_view name) {
  const auto values = read_reals_attribute(target, name);
  if (values.size() != 1)
    throw Error(read_attribute_what(target, name) + ": not a single value");
  return values.front();
}

std::int64_t read_integer_attribute(Object target, std::string_view name) {
  QuietErrors quiet;
  const std::string what = read_attribute_what(target, name);
  auto a = open_attribute(target, name, what);
  if (a.count != 1 || H5Tget_class(a.type.id()) != H5T_INTEGER)
    throw Error(what + ": not a single integer");
  std::int64_t value = 0;
  check(H5Aread(a.attribute.id(), H5T_NATIVE_INT64, &value), what);
  return value;
}

std::string read_string_attribute(Object target, std::string_view name) {
  const auto values = read_strings_attribute(target, name);
  if (values.size() != 1)
    throw Error(read_attribute_what(target, name) + ": not a single string");
  return values.front();
}

std::vector<double> read_reals_attribute(Object target, std::string_view name) {
  QuietErrors quiet;
  const std::string what = read_attribute_what(target, name);
  auto a = open_attribute(target, name, what);
  const auto type_class = H5Tget_class(a.type.id());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER)
    throw Error(what + ": not a number");
  std::vector<double> values(a.count);
  check(H5Aread(a.attribute.id(), H5T_NATIVE_DOUBLE, values.data()), what);
  return values;
}

std::vector<std::string> read_strings_attribute(Object target, std::string_view name) {
  QuietErrors quiet;
  const std::string what = read_attribute_what(target, name);
  auto a = open_attribute(target, name, what);
  return read_strings(a, what);
}

// ---- Datasets --------------------------------------------------------------

Dataset create_appendable(Location parent, std::string_view name,
                          std::span<const std::size_t> row_shape, const AppendLayout& layout) {
  if (row_shape.size() > 1)
    throw std::invalid_argument("appendable datasets have rows of at most one dimension");
  if (!row_shape.empty() && row_shape[0] == 0)
    throw std::invalid_argument("appendable dataset " + in_quotes(name) + " would have empty rows");
  if (layout.chunk_rows == 0)
    throw std::invalid_argument("chunk_rows must be positive");
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot create dataset " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));

  std::vector<hsize_t> dims{0}, max_dims{H5S_UNLIMITED}, chunk{layout.chunk_rows};
  if (!row_shape.empty()) {
    const std::size_t columns = row_shape[0];
    const std::size_t max_columns =
        std::max<std::size_t>(1, kMaxChunkBytes / (sizeof(double) * layout.chunk_rows));
    dims.push_back(columns);
    max_dims.push_back(columns);
    chunk.push_back(std::min(columns, max_columns));
  }
  auto space = simple_space(dims, max_dims);
  PropertyList properties = creation_properties(H5P_DATASET_CREATE);
  check(H5Pset_chunk(properties.id(), static_cast<int>(chunk.size()), chunk.data()), what);
  if (layout.deflate_level > 0) {
    // Shuffle groups the bytes of equal significance, which deflate then
    // compresses far better for slowly varying float64 series.
    check(H5Pset_shuffle(properties.id()), what);
    check(H5Pset_deflate(properties.id(), static_cast<unsigned>(layout.deflate_level)), what);
  }
  return Dataset(check(H5Dcreate2(parent.id(), key.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT,
                                  properties.id(), H5P_DEFAULT),
                       what));
}

std::size_t append_rows(const Dataset& data, std::span<const double> values) {
  QuietErrors quiet;
  const std::string what = "cannot append to dataset " + in_quotes(object_path(data.id()));
  auto dims = dims_of(data, what);
  if (dims.empty())
    throw Error(what + ": the dataset is scalar");
  const std::size_t row_size = product(std::span(dims).subspan(1));
  if (row_size == 0 || values.size() % row_size != 0)
    throw std::invalid_argument(what + ": " + std::to_string(values.size()) +
                                " values are not whole rows of " + std::to_string(row_size));
  const hsize_t rows = values.size() / row_size;
  if (rows == 0)
    return dims[0];
  const hsize_t first = dims[0];
  dims[0] += rows;
  check(H5Dset_extent(data.id(), dims.data()), what);
  const auto [file_space, memory_space] = row_spaces(data, dims, first, rows, what);
  check(H5Dwrite(data.id(), H5T_NATIVE_DOUBLE, memory_space.id(), file_space.id(), H5P_DEFAULT,
                 values.data()),
        what);
  return dims[0];
}

namespace {
template <class T>
Dataset write_fixed(Location parent, std::string_view name, std::span<const T> values,
                    hid_t file_type, hid_t memory_type) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot write dataset " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  const hsize_t n = values.size();
  auto space = simple_space(std::span(&n, 1));
  PropertyList properties = creation_properties(H5P_DATASET_CREATE);
  Dataset data(check(H5Dcreate2(parent.id(), key.c_str(), file_type, space.id(), H5P_DEFAULT,
                                properties.id(), H5P_DEFAULT),
                     what));
  if (n > 0)
    check(H5Dwrite(data.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  return data;
}
}  // namespace

Dataset write_dataset(Location parent, std::string_view name, std::span<const double> values) {
  return write_fixed(parent, name, values, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
}

Dataset write_dataset(Location parent, std::string_view name,
                      std::span<const std::int64_t> values) {
  return write_fixed(parent, name, values, H5T_STD_I64LE, H5T_NATIVE_INT64);
}

Dataset open_dataset(Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  return Dataset(check(
      H5Dopen2(parent.id(), key.c_str(), H5P_DEFAULT),
      "cannot open dataset " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()))));
}

std::vector<std::size_t> shape(const Dataset& data) {
  QuietErrors quiet;
  const auto dims = dims_of(data, "cannot get the shape of " + in_quotes(object_path(data.id())));
  return {dims.begin(), dims.end()};
}

std::vector<double> read_rows(const Dataset& data, std::size_t first, std::size_t count) {
  QuietErrors quiet;
  const std::string what = "cannot read dataset " + in_quotes(object_path(data.id()));
  const auto dims = dims_of(data, what);
  if (dims.empty()) {
    if (first != 0 || count != 1)
      throw std::out_of_range(what + ": a scalar has one row");
    double value = 0.0;
    check(H5Dread(data.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), what);
    return {value};
  }
  if (first + count > dims[0])
    throw std::out_of_range(what + ": rows " + std::to_string(first) + ".." +
                            std::to_string(first + count) + " of " + std::to_string(dims[0]));
  std::vector<double> values(count * product(std::span(dims).subspan(1)));
  if (values.empty())
    return values;
  const auto [file_space, memory_space] = row_spaces(data, dims, first, count, what);
  check(H5Dread(data.id(), H5T_NATIVE_DOUBLE, memory_space.id(), file_space.id(), H5P_DEFAULT,
                values.data()),
        what);
  return values;
}

std::vector<double> read_reals(const Dataset& data) {
  const auto dims = shape(data);
  return read_rows(data, 0, dims.empty() ? 1 : dims[0]);
}

std::vector<std::int64_t> read_integers(const Dataset& data) {
  QuietErrors quiet;
  const std::string what = "cannot read dataset " + in_quotes(object_path(data.id()));
  const auto dims = dims_of(data, what);
  std::vector<std::int64_t> values(product(dims));
  if (!values.empty())
    check(H5Dread(data.id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  return values;
}

std::vector<std::size_t> chunk_shape(const Dataset& data) {
  QuietErrors quiet;
  const std::string what = "cannot read the layout of " + in_quotes(object_path(data.id()));
  PropertyList properties(check(H5Dget_create_plist(data.id()), what));
  if (check(H5Pget_layout(properties.id()), what) != H5D_CHUNKED)
    return {};
  hsize_t chunk[H5S_MAX_RANK] = {};
  const int rank = check(H5Pget_chunk(properties.id(), H5S_MAX_RANK, chunk), what);
  return {chunk, chunk + rank};
}

std::vector<std::string> filter_names(const Dataset& data) {
  QuietErrors quiet;
  const std::string what = "cannot read the filters of " + in_quotes(object_path(data.id()));
  PropertyList properties(check(H5Dget_create_plist(data.id()), what));
  const int n = check(H5Pget_nfilters(properties.id()), what);
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    char name[256] = {};
    unsigned flags = 0, config = 0;
    std::size_t values = 0;
    check(H5Pget_filter2(properties.id(), static_cast<unsigned>(i), &flags, &values, nullptr,
                         sizeof name, name, &config),
          what);
    names.emplace_back(name);
  }
  return names;
}

// ---- Datasets filled at creation -------------------------------------------

namespace {
void write_row_block(const Dataset& data, std::size_t first, std::size_t count_values,
                     hid_t memory_type, const void* buffer) {
  if (count_values == 0)
    return;
  QuietErrors quiet;
  const std::string what = "cannot write rows of " + in_quotes(object_path(data.id()));
  const auto dims = dims_of(data, what);
  const std::size_t row = dims.empty() ? 0 : product(std::span(dims).subspan(1));
  if (row == 0 || count_values % row != 0 || first + count_values / row > dims[0])
    throw Error(what + ": the values do not fill whole rows inside the dataset");
  const auto [file_space, memory_space] = row_spaces(data, dims, first, count_values / row, what);
  check(H5Dwrite(data.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, buffer),
        what);
}
}  // namespace

Dataset create_filled(Location parent, std::string_view name, std::span<const std::size_t> dims,
                      Element element, double fill) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot create dataset " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  const std::vector<hsize_t> extent(dims.begin(), dims.end());
  auto space = simple_space(extent);
  PropertyList properties = creation_properties(H5P_DATASET_CREATE);
  check(H5Pset_layout(properties.id(), H5D_CONTIGUOUS), what);
  check(H5Pset_alloc_time(properties.id(), H5D_ALLOC_TIME_EARLY), what);
  check(H5Pset_fill_time(properties.id(), H5D_FILL_TIME_ALLOC), what);
  const hid_t file_type = element == Element::float64 ? H5T_IEEE_F64LE : H5T_STD_U8LE;
  if (element == Element::float64) {
    check(H5Pset_fill_value(properties.id(), H5T_NATIVE_DOUBLE, &fill), what);
  } else {
    const auto byte = static_cast<std::uint8_t>(fill);
    check(H5Pset_fill_value(properties.id(), H5T_NATIVE_UINT8, &byte), what);
  }
  return Dataset(check(H5Dcreate2(parent.id(), key.c_str(), file_type, space.id(), H5P_DEFAULT,
                                  properties.id(), H5P_DEFAULT),
                       what));
}

void write_rows(const Dataset& data, std::size_t first, std::span<const double> values) {
  write_row_block(data, first, values.size(), H5T_NATIVE_DOUBLE, values.data());
}

void write_rows(const Dataset& data, std::size_t first, std::span<const std::uint8_t> values) {
  write_row_block(data, first, values.size(), H5T_NATIVE_UINT8, values.data());
}

// ---- Text ------------------------------------------------------------------

void write_text(Location parent, std::string_view name, std::string_view text) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot write text " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  auto type = utf8_string_type();
  auto space = scalar_space();
  PropertyList properties = creation_properties(H5P_DATASET_CREATE);
  Dataset data(check(H5Dcreate2(parent.id(), key.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                properties.id(), H5P_DEFAULT),
                     what));
  const std::string copy(text);
  const char* pointer = copy.c_str();
  check(H5Dwrite(data.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), what);
}

std::string read_text(Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what =
      "cannot read text " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  Dataset data(check(H5Dopen2(parent.id(), key.c_str(), H5P_DEFAULT), what));
  auto type = utf8_string_type();
  char* pointer = nullptr;
  check(H5Dread(data.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), what);
  std::string text = pointer != nullptr ? pointer : "";
  H5free_memory(pointer);
  return text;
}

// ---- Dimension scales ------------------------------------------------------

void make_dimension_scale(const Dataset& scale, std::string_view name) {
  QuietErrors quiet;
  const std::string label(name);
  check(H5DSset_scale(scale.id(), label.c_str()),
        "cannot make " + in_quotes(object_path(scale.id())) + " a dimension scale");
}

void attach_dimension_scale(const Dataset& data, const Dataset& scale, unsigned dimension) {
  QuietErrors quiet;
  const std::string what = "cannot attach dimension scale " + in_quotes(object_path(scale.id())) +
                           " to dimension " + std::to_string(dimension) + " of " +
                           in_quotes(object_path(data.id()));
  check(H5DSattach_scale(data.id(), scale.id(), dimension), what);
  const ssize_t size = check(H5DSget_scale_name(scale.id(), nullptr, 0), what);
  std::string label(static_cast<std::size_t>(size), '\0');
  check(H5DSget_scale_name(scale.id(), label.data(), label.size() + 1), what);
  check(H5DSset_label(data.id(), dimension, label.c_str()), what);
}

bool is_attached(const Dataset& data, const Dataset& scale, unsigned dimension) {
  QuietErrors quiet;
  return check(H5DSis_attached(data.id(), scale.id(), dimension),
               "cannot check the dimension scales of " + in_quotes(object_path(data.id()))) > 0;
}

// ---- Tables ----------------------------------------------------------------

namespace {
// Every field of a table row takes 8 bytes in memory: a char* for a string,
// a double, or an int64.
constexpr std::size_t kFieldBytes = 8;
static_assert(sizeof(char*) == kFieldBytes && sizeof(double) == kFieldBytes);

std::size_t column_length(const Column& c) {
  return std::visit([](const auto& v) { return v.size(); }, c.values);
}

// Builds the memory (native) and file (little-endian) compound types of a table.
std::pair<Datatype, Datatype> table_types(const std::vector<Column>& columns,
                                          std::string_view what) {
  const std::size_t row_bytes = kFieldBytes * columns.size();
  Datatype memory(check(H5Tcreate(H5T_COMPOUND, row_bytes), what));
  Datatype file(check(H5Tcreate(H5T_COMPOUND, row_bytes), what));
  auto text = utf8_string_type();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const char* name = columns[i].name.c_str();
    const std::size_t offset = i * kFieldBytes;
    if (std::holds_alternative<std::vector<std::string>>(columns[i].values)) {
      check(H5Tinsert(memory.id(), name, offset, text.id()), what);
      check(H5Tinsert(file.id(), name, offset, text.id()), what);
    } else if (std::holds_alternative<std::vector<double>>(columns[i].values)) {
      check(H5Tinsert(memory.id(), name, offset, H5T_NATIVE_DOUBLE), what);
      check(H5Tinsert(file.id(), name, offset, H5T_IEEE_F64LE), what);
    } else {
      check(H5Tinsert(memory.id(), name, offset, H5T_NATIVE_INT64), what);
      check(H5Tinsert(file.id(), name, offset, H5T_STD_I64LE), what);
    }
  }
  return {std::move(memory), std::move(file)};
}
}  // namespace

Dataset write_table(Location parent, std::string_view name, const std::vector<Column>& columns) {
  const std::string key(name);
  if (columns.empty())
    throw std::invalid_argument("table " + in_quotes(key) + " has no columns");
  const std::size_t rows = column_length(columns.front());
  for (const auto& c : columns) {
    if (column_length(c) != rows)
      throw std::invalid_argument("table " + in_quotes(key) + ": column " + in_quotes(c.name) +
                                  " has " + std::to_string(column_length(c)) + " rows, not " +
                                  std::to_string(rows));
  }
  QuietErrors quiet;
  const std::string what =
      "cannot write table " + in_quotes(key) + " in " + in_quotes(object_path(parent.id()));
  auto [memory, file] = table_types(columns, what);

  std::vector<std::byte> buffer(rows * columns.size() * kFieldBytes);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::byte* field = buffer.data() + (r * columns.size() + c) * kFieldBytes;
      std::visit(
          [&](const auto& values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
              const char* p = values[r].c_str();
              std::memcpy(field, &p, kFieldBytes);
            } else {
              std::memcpy(field, &values[r], kFieldBytes);
            }
          },
          columns[c].values);
    }
  }
  const hsize_t n = rows;
  auto space = simple_space(std::span(&n, 1));
  PropertyList properties = creation_properties(H5P_DATASET_CREATE);
  Dataset table(check(H5Dcreate2(parent.id(), key.c_str(), file.id(), space.id(), H5P_DEFAULT,
                                 properties.id(), H5P_DEFAULT),
                      what));
  if (rows > 0)
    check(H5Dwrite(table.id(), memory.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), what);
  return table;
}

std::vector<Column> read_table(const Dataset& table) {
  QuietErrors quiet;
  const std::string what = "cannot read table " + in_quotes(object_path(table.id()));
  Datatype stored(check(H5Dget_type(table.id()), what));
  if (H5Tget_class(stored.id()) != H5T_COMPOUND)
    throw Error(what + ": not a compound dataset");
  const int fields = check(H5Tget_nmembers(stored.id()), what);
  std::vector<Column> columns;
  for (int i = 0; i < fields; ++i) {
    const auto index = static_cast<unsigned>(i);
    char* raw_name = H5Tget_member_name(stored.id(), index);
    if (raw_name == nullptr)
      fail(what);
    Column c{raw_name, {}};
    H5free_memory(raw_name);
    switch (H5Tget_member_class(stored.id(), index)) {
      case H5T_STRING: {
        Datatype member(check(H5Tget_member_type(stored.id(), index), what));
        if (check(H5Tis_variable_str(member.id()), what) <= 0)
          throw Error(what + ": field " + in_quotes(c.name) + " is a fixed-length string");
        c.values = std::vector<std::string>{};
        break;
      }
      case H5T_FLOAT:
        c.values = std::vector<double>{};
        break;
      case H5T_INTEGER:
        c.values = std::vector<std::int64_t>{};
        break;
      default:
        throw Error(what + ": field " + in_quotes(c.name) + " is neither a string nor a number");
    }
    columns.push_back(std::move(c));
  }
  auto [memory, file] = table_types(columns, what);
  Dataspace space(check(H5Dget_space(table.id()), what));
  const std::size_t rows = element_count(space.id(), what);
  std::vector<std::byte> buffer(rows * columns.size() * kFieldBytes);
  if (rows > 0)
    check(H5Dread(table.id(), memory.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), what);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::visit(
        [&](auto& values) {
          using T = typename std::decay_t<decltype(values)>::value_type;
          for (std::size_t r = 0; r < rows; ++r) {
            const std::byte* field = buffer.data() + (r * columns.size() + c) * kFieldBytes;
            if constexpr (std::is_same_v<T, std::string>) {
              const char* p = nullptr;
              std::memcpy(&p, field, kFieldBytes);
              values.emplace_back(p != nullptr ? p : "");
            } else {
              T v{};
              std::memcpy(&v, field, kFieldBytes);
              values.push_back(v);
            }
          }
        },
        columns[c].values);
  }
  if (rows > 0)
    H5Dvlen_reclaim(memory.id(), space.id(), H5P_DEFAULT, buffer.data());
  return columns;
}

const Column& column(const std::vector<Column>& table, std::string_view name) {
  for (const auto& c : table) {
    if (c.name == name)
      return c;
  }
  throw std::out_of_range("no column " + in_quotes(name) + " in the table");
}

}  // namespace candour::sim::io::hdf5
