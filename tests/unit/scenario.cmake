# Unit tests of the scenario reader (sim/io/scenario*); data in tests/data/scenarios.
candour_add_test_area(candour_scenario_tests unit/scenario unit candour_scenario candour_toy)
if(TARGET candour_scenario_tests)
  target_compile_definitions(candour_scenario_tests PRIVATE
    CANDOUR_SCENARIO_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios")
endif()
