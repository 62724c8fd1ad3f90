# Unit tests of the explorer's server (cli/serve): routes, page values read as
# scenario files are, lever moves as timeline stages, runs equal to the
# engine's and to `candour run`'s files, limits, and two pages at once over
# real sockets.
candour_add_test_area(candour_serve_tests unit/serve unit candour_serve)
if(TARGET candour_serve_tests)
  target_sources(candour_serve_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support/run_reader.cpp)
  target_compile_definitions(candour_serve_tests PRIVATE
    CANDOUR_SCENARIO_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios"
    CANDOUR_SCENARIOS="${PROJECT_SOURCE_DIR}/scenarios"
    CANDOUR_TEST_OUTPUT="${CMAKE_CURRENT_BINARY_DIR}/serve_files")
endif()
