#include "sim/sweep/fixed_dataset.hpp"

#include <string>

namespace candour::sim::sweep {
namespace hdf5 = io::hdf5;
namespace {

using hdf5::check;
using hdf5::object_path;
using hdf5::QuietErrors;

std::vector<hsize_t> dims_of(hid_t data, const std::string& what) {
  hdf5::Dataspace space(check(H5Dget_space(data), what));
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr), what);
  return dims;
}

void write_hyperslab(const hdf5::Dataset& data, std::size_t first, std::size_t count_values,
                     hid_t memory_type, const void* buffer) {
  if (count_values == 0)
    return;
  QuietErrors quiet;
  const std::string what = "cannot write rows of " + object_path(data.id());
  const auto dims = dims_of(data.id(), what);
  std::size_t row = 1;
  for (std::size_t d = 1; d < dims.size(); ++d)
    row *= dims[d];
  if (dims.empty() || count_values % row != 0 || first + count_values / row > dims[0])
    throw hdf5::Error(what + ": the values do not fill whole rows inside the dataset");
  std::vector<hsize_t> start(dims.size(), 0), extent = dims;
  start[0] = first;
  extent[0] = count_values / row;
  hdf5::Dataspace file_space(check(H5Dget_space(data.id()), what));
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                            nullptr),
        what);
  hdf5::Dataspace memory_space(
      check(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), what));
  check(H5Dwrite(data.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, buffer),
        what);
}

}  // namespace

hdf5::Dataset create_fixed(hdf5::Location parent, std::string_view name,
                           std::span<const std::size_t> dims, Element element, double fill) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what = "cannot create dataset '" + key + "' in " + object_path(parent.id());
  std::vector<hsize_t> extent(dims.begin(), dims.end());
  hdf5::Dataspace space(
      check(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), what));
  hdf5::PropertyList properties(check(H5Pcreate(H5P_DATASET_CREATE), what));
  // No modification times: the same sweep written twice gives the same bytes.
  check(H5Pset_obj_track_times(properties.id(), false), what);
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
  return hdf5::Dataset(check(H5Dcreate2(parent.id(), key.c_str(), file_type, space.id(),
                                        H5P_DEFAULT, properties.id(), H5P_DEFAULT),
                             what));
}

void write_rows(const hdf5::Dataset& data, std::size_t first, std::span<const double> values) {
  write_hyperslab(data, first, values.size(), H5T_NATIVE_DOUBLE, values.data());
}

void write_rows(const hdf5::Dataset& data, std::size_t first,
                std::span<const std::uint8_t> values) {
  write_hyperslab(data, first, values.size(), H5T_NATIVE_UINT8, values.data());
}

std::vector<std::uint8_t> read_flags(const hdf5::Dataset& data) {
  QuietErrors quiet;
  const std::string what = "cannot read " + object_path(data.id());
  const auto dims = dims_of(data.id(), what);
  std::size_t n = 1;
  for (auto d : dims)
    n *= d;
  std::vector<std::uint8_t> flags(n);
  if (n > 0)
    check(H5Dread(data.id(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, flags.data()), what);
  return flags;
}

void write_text(hdf5::Location parent, std::string_view name, std::string_view text) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what = "cannot write text '" + key + "' in " + object_path(parent.id());
  hdf5::Datatype type(check(H5Tcopy(H5T_C_S1), what));
  check(H5Tset_size(type.id(), H5T_VARIABLE), what);
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), what);
  hdf5::Dataspace space(check(H5Screate(H5S_SCALAR), what));
  hdf5::PropertyList properties(check(H5Pcreate(H5P_DATASET_CREATE), what));
  check(H5Pset_obj_track_times(properties.id(), false), what);
  hdf5::Dataset data(check(H5Dcreate2(parent.id(), key.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                      properties.id(), H5P_DEFAULT),
                           what));
  const std::string copy(text);
  const char* pointer = copy.c_str();
  check(H5Dwrite(data.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), what);
}

std::string read_text(hdf5::Location parent, std::string_view name) {
  QuietErrors quiet;
  const std::string key(name);
  const std::string what = "cannot read text '" + key + "' in " + object_path(parent.id());
  hdf5::Dataset data(check(H5Dopen2(parent.id(), key.c_str(), H5P_DEFAULT), what));
  hdf5::Datatype type(check(H5Tcopy(H5T_C_S1), what));
  check(H5Tset_size(type.id(), H5T_VARIABLE), what);
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), what);
  char* pointer = nullptr;
  check(H5Dread(data.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), what);
  std::string text = pointer != nullptr ? pointer : "";
  H5free_memory(pointer);
  return text;
}

}  // namespace candour::sim::sweep
