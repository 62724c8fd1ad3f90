# Sweeps: designs, sweep files, seeds, the sweep store and the local executor.
candour_add_test_area(candour_sweep_tests unit/sweep unit candour_sweep candour_toy)
if(TARGET candour_sweep_tests)
  # Test sweep files refer to their data folder by this path.
  target_compile_definitions(candour_sweep_tests PRIVATE
    CANDOUR_SWEEP_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/unit/sweep/data")
endif()
