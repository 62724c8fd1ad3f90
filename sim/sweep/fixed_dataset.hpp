#pragma once
// Fixed-size datasets whose whole extent is allocated and filled when they are
// created, so writing a row later changes raw data only, never the file's
// metadata. That is what lets a sweep write each run's row as it finishes, in
// any order, and survive a SIGKILL at any moment with every flushed row
// intact and the file readable, without the SWMR file format (whose
// "open for writing" mark a killed writer leaves behind, and which only
// allows appending). The general wrapper (sim/io/hdf5.hpp) has appendable
// and whole-write datasets only; these two calls are what sweeps add to it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/hdf5.hpp"

namespace candour::sim::sweep {

enum class Element { float64, uint8 };

// Creates a contiguous dataset of shape `dims`, every element set to `fill`.
io::hdf5::Dataset create_fixed(io::hdf5::Location parent, std::string_view name,
                               std::span<const std::size_t> dims, Element element, double fill);

// Writes rows [first, first + rows) of `data`, where `values` holds whole rows
// (every dimension after the first) row-major.
void write_rows(const io::hdf5::Dataset& data, std::size_t first, std::span<const double> values);
void write_rows(const io::hdf5::Dataset& data, std::size_t first,
                std::span<const std::uint8_t> values);

// The whole of a uint8 dataset.
std::vector<std::uint8_t> read_flags(const io::hdf5::Dataset& data);

// A text of any length as a scalar UTF-8 string dataset (attributes of the
// default file format hold at most 64 KiB, too little for a resolved scenario).
void write_text(io::hdf5::Location parent, std::string_view name, std::string_view text);
std::string read_text(io::hdf5::Location parent, std::string_view name);

}  // namespace candour::sim::sweep
