# Tests of the Python analysis package (analysis/candour_analysis), label
# integration: standard-library unittest under Debian's /usr/bin/python3 (the
# only interpreter with h5py, numpy, pandas, scipy and matplotlib). Each test
# module makes its own run and sweep files with the built binaries, into the
# build tree, so the loaders are tested on real output.
set(analysis_python /usr/bin/python3)
set(analysis_tests ${CMAKE_CURRENT_SOURCE_DIR}/analysis)
set(analysis_work ${CMAKE_CURRENT_BINARY_DIR}/analysis-work)

# The sweep command: in `candour` once it links the sweep library, until then
# in the sweep tests' driver (tests/integration/sweep.cmake). Without either,
# the sweep tests skip, saying why.
get_target_property(analysis_candour_links candour LINK_LIBRARIES)
if("candour_sweep" IN_LIST analysis_candour_links)
  set(analysis_sweep_exe $<TARGET_FILE:candour>)
elseif(TARGET candour_sweep_driver)
  set(analysis_sweep_exe $<TARGET_FILE:candour_sweep_driver>)
else()
  set(analysis_sweep_exe "")
endif()

foreach(module loading statistics sensitivity sweeps plots report cli nhs_analysis xarray ensembles calibration)
  add_test(NAME analysis_${module}
           COMMAND ${analysis_python} -m unittest -v test_${module}
           WORKING_DIRECTORY ${analysis_tests})
  # unsanitized: Python's tests of the analysis package, over runs of years
  # that the sanitizer build makes many times slower (README, Tests).
  set_tests_properties(analysis_${module} PROPERTIES
    LABELS "integration;unsanitized"
    ENVIRONMENT "CANDOUR_BIN=$<TARGET_FILE:candour>;CANDOUR_SWEEP_BIN=${analysis_sweep_exe};CANDOUR_ANALYSIS_WORK=${analysis_work}/${module};PYTHONPATH=${PROJECT_SOURCE_DIR}/analysis;PYTHONDONTWRITEBYTECODE=1;MPLBACKEND=Agg")
endforeach()
# Also under ThreadSanitizer (label `threads`): `candour run --seeds` runs
# several seeds at once on 2 threads, each the same as the seed alone.
set_property(TEST analysis_ensembles APPEND PROPERTY LABELS threads)
