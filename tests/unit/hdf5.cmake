# HDF5 output: Catch2 tests of the wrapper, the run writer and the reader;
# then file-level tests of real files with h5py, h5diff, h5clear and a kill.
candour_add_test_area(candour_hdf5_tests unit/hdf5 unit candour_hdf5 candour_toy)
# The run reader checks what the writer wrote; only the tests read run files in C++.
target_sources(candour_hdf5_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support/run_reader.cpp)

# Writes a toy run with RunWriter (its own main, so not in the Catch2 folder).
add_executable(candour_write_toy_run tools/write_toy_run.cpp)
target_link_libraries(candour_write_toy_run PRIVATE candour_hdf5 candour_toy CLI11::CLI11 fmt::fmt)

# A failed close (a full disk) must not crash the process at exit.
add_executable(candour_hdf5_close_failure tools/hdf5_close_failure.cpp)
target_link_libraries(candour_hdf5_close_failure PRIVATE candour_hdf5)
add_test(NAME hdf5_failed_close_no_crash_at_exit
         COMMAND candour_hdf5_close_failure ${CMAKE_CURRENT_BINARY_DIR}/hdf5_files/close_failure)
# ...and without the fix it does crash (a signal: exit status 128 + n), so the
# test above really exercises the crash.
add_test(NAME hdf5_failed_close_crashes_without_the_fix
         COMMAND sh -c "\"$0\" \"$1\" --without-fix; test $? -ge 128"
                 $<TARGET_FILE:candour_hdf5_close_failure>
                 ${CMAKE_CURRENT_BINARY_DIR}/hdf5_files/close_crash)
set_tests_properties(hdf5_failed_close_no_crash_at_exit hdf5_failed_close_crashes_without_the_fix
                     PROPERTIES LABELS unit)

# Debian's python3 has h5py and numpy; the pyenv python3 on PATH does not.
if(Python3_EXECUTABLE)
  set(candour_h5py_python ${Python3_EXECUTABLE})
else()
  set(candour_h5py_python /usr/bin/python3)
endif()
find_program(CANDOUR_H5CLEAR h5clear REQUIRED)
find_program(CANDOUR_H5DIFF NAMES h5diff HINTS ${HDF5_DIFF_EXECUTABLE} REQUIRED)

# Every file these tests write goes under the build tree.
set(hdf5_files ${CMAKE_CURRENT_BINARY_DIR}/hdf5_files)

add_test(NAME hdf5_h5py_roundtrip
         COMMAND ${candour_h5py_python} ${CMAKE_CURRENT_SOURCE_DIR}/unit/hdf5/check_h5py_roundtrip.py
                 --tool $<TARGET_FILE:candour_write_toy_run> --workdir ${hdf5_files}/roundtrip)

add_test(NAME hdf5_kill_leaves_readable_file
         COMMAND ${candour_h5py_python} ${CMAKE_CURRENT_SOURCE_DIR}/unit/hdf5/check_kill.py
                 --tool $<TARGET_FILE:candour_write_toy_run> --h5clear ${CANDOUR_H5CLEAR}
                 --workdir ${hdf5_files}/kill)

# Same seed with 1 and 2 threads: h5diff finds no difference in /metrics and
# /time (exit 0). Another seed must differ (exit 1, not 2 for an error), which
# shows that h5diff really compares the values.
foreach(variant IN ITEMS threads1 threads2 seed2)
  set(args --days 90 --agents 3000)
  if(variant STREQUAL "threads1")
    list(APPEND args --threads 1)
  else()
    list(APPEND args --threads 2)
  endif()
  if(variant STREQUAL "seed2")
    list(APPEND args --seed 2)
  endif()
  add_test(NAME hdf5_write_${variant}
           COMMAND candour_write_toy_run ${hdf5_files}/threads/${variant}.h5 ${args})
  set_tests_properties(hdf5_write_${variant} PROPERTIES FIXTURES_SETUP hdf5_thread_files)
endforeach()
add_test(NAME hdf5_threads_identical_metrics
         COMMAND ${CANDOUR_H5DIFF} ${hdf5_files}/threads/threads1.h5
                 ${hdf5_files}/threads/threads2.h5 /metrics /metrics)
add_test(NAME hdf5_threads_identical_time
         COMMAND ${CANDOUR_H5DIFF} ${hdf5_files}/threads/threads1.h5
                 ${hdf5_files}/threads/threads2.h5 /time /time)
add_test(NAME hdf5_other_seed_differs
         COMMAND sh -c "\"$0\" -q \"$1\" \"$2\" /metrics /metrics; test $? -eq 1"
                 ${CANDOUR_H5DIFF} ${hdf5_files}/threads/threads1.h5 ${hdf5_files}/threads/seed2.h5)
set_tests_properties(hdf5_threads_identical_metrics hdf5_threads_identical_time
                     hdf5_other_seed_differs PROPERTIES FIXTURES_REQUIRED hdf5_thread_files)

set_tests_properties(hdf5_h5py_roundtrip hdf5_kill_leaves_readable_file
                     hdf5_write_threads1 hdf5_write_threads2 hdf5_write_seed2
                     hdf5_threads_identical_metrics hdf5_threads_identical_time
                     hdf5_other_seed_differs PROPERTIES LABELS integration)
set_property(TEST hdf5_write_threads1 hdf5_write_threads2 hdf5_threads_identical_metrics
             hdf5_threads_identical_time APPEND PROPERTY LABELS threads)
