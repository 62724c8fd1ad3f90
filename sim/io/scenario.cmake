# Scenario files: TOML reading, extends chains, --set overrides, validation, timelines.
add_library(candour_scenario
  io/ensemble_file.cpp
  io/scenario.cpp
  io/scenario_files.cpp
  io/scenario_parameters.cpp
  io/scenario_resolved.cpp
  io/scenario_timeline.cpp
  io/toml_reader.cpp
  io/visible_text.cpp
)
target_link_libraries(candour_scenario PUBLIC candour_sim tomlplusplus::tomlplusplus PRIVATE fmt::fmt)
