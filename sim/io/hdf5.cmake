# HDF5 output: the RAII wrapper over the C API (all of Candour's HDF5) and the run writer.
#
# The top level asks only for HDF5's C library; the dimension scale calls
# (H5DSset_scale, H5DSattach_scale) live in the high-level library, so ask
# again here with HL. FindHDF5 reuses what it found the first time.
find_package(HDF5 REQUIRED COMPONENTS C HL)

add_library(candour_hdf5
  io/hdf5.cpp
  io/run_writer.cpp
  io/file_moves.cpp
  io/disk_space.cpp
)
target_link_libraries(candour_hdf5 PUBLIC candour_sim hdf5::hdf5 PRIVATE hdf5::hdf5_hl)
target_link_libraries(candour_hdf5 PRIVATE fmt::fmt)
