# Stylised-fact validation of the NHS model (ctest label: validation) and the
# calibration report. CANDOUR_VALIDATION_SCALE=ci|full (default ci) sets the
# replicates and horizons at run time; see docs/validation.md.
find_package(Eigen3 3.4 CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
set(validation_dir ${CMAKE_CURRENT_SOURCE_DIR}/validation)

# The harness: replicate runs, in-memory recording, statistics, report lines.
# Model-agnostic; its own tests run it on the toy model.
file(GLOB validation_harness_sources CONFIGURE_DEPENDS ${validation_dir}/harness/*.cpp)
if(NOT validation_harness_sources)
  return()
endif()
add_library(candour_validation_harness STATIC ${validation_harness_sources})
target_link_libraries(candour_validation_harness
  PUBLIC candour_sim candour_scenario TBB::tbb
  PRIVATE Eigen3::Eigen fmt::fmt Boost::headers)

file(GLOB validation_harness_tests CONFIGURE_DEPENDS ${validation_dir}/harness_tests/*.cpp)
if(validation_harness_tests)
  add_executable(candour_validation_harness_tests ${validation_harness_tests})
  target_link_libraries(candour_validation_harness_tests
    PRIVATE Catch2::Catch2WithMain candour_validation_harness candour_toy)
  target_compile_definitions(candour_validation_harness_tests PRIVATE
    CANDOUR_TOY_SCENARIOS="${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios")
  catch_discover_tests(candour_validation_harness_tests PROPERTIES LABELS validation)
endif()

file(GLOB validation_nhs_sources CONFIGURE_DEPENDS ${validation_dir}/nhs/*.cpp)
if(NOT TARGET candour_nhs OR NOT validation_nhs_sources)
  return()
endif()
# What the NHS facts share: scenario paths, the ward and clinician probe.
add_library(candour_validation_nhs STATIC ${validation_nhs_sources})
target_link_libraries(candour_validation_nhs PUBLIC candour_validation_harness candour_nhs)
target_compile_definitions(candour_validation_nhs PUBLIC
  CANDOUR_SCENARIO_DIR="${PROJECT_SOURCE_DIR}/scenarios")

# The fourteen stylised facts (docs/validation.md), one TEST_CASE each, and
# the credible magnitudes.
file(GLOB validation_fact_sources CONFIGURE_DEPENDS ${validation_dir}/facts/*.cpp)
if(validation_fact_sources)
  add_executable(candour_validation_tests ${validation_fact_sources})
  target_link_libraries(candour_validation_tests
    PRIVATE Catch2::Catch2WithMain candour_validation_nhs)
  # Each fact runs dozens of multi-year simulations: allow well beyond
  # ctest's default per-test timeout at the full scale. Facts tagged [slow]
  # (minutes each even at ci scale) carry the label `validation-slow`, which
  # CI's reduced form leaves out (scripts/check; README, Tests); `-L
  # validation` still selects them (labels match as regular expressions).
  catch_discover_tests(candour_validation_tests TEST_SPEC "~[slow]"
                       PROPERTIES LABELS validation TIMEOUT 3600)
  catch_discover_tests(candour_validation_tests TEST_SPEC "[slow]"
                       PROPERTIES LABELS validation-slow TIMEOUT 3600)
endif()

# Baseline against evidence.md section 5: prints docs/calibration.md's table.
if(EXISTS ${validation_dir}/calibration_report.cpp)
  add_executable(candour_calibration_report ${validation_dir}/calibration_report.cpp)
  target_link_libraries(candour_calibration_report PRIVATE candour_validation_nhs fmt::fmt CLI11::CLI11)
endif()

# Every scenario's headline magnitudes against its era's baseline, and the
# credibility probes (docs/validation.md).
if(EXISTS ${validation_dir}/scenario_report.cpp)
  add_executable(candour_scenario_report ${validation_dir}/scenario_report.cpp)
  target_link_libraries(candour_scenario_report PRIVATE candour_validation_nhs fmt::fmt CLI11::CLI11)
endif()
