# Unit tests of the NHS model: mechanisms, registry, determinism, timelines,
# and that every scenario file loads.
candour_add_test_area(candour_nhs_tests unit/nhs unit candour_nhs)
if(TARGET candour_nhs_tests)
  target_link_libraries(candour_nhs_tests PRIVATE candour_scenario)
  target_compile_definitions(candour_nhs_tests PRIVATE
    CANDOUR_SCENARIO_DIR="${PROJECT_SOURCE_DIR}/scenarios")
endif()
