# HDF5 output: RAII wrapper over the C API, the run writer, provenance.
