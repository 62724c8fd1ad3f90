# Pieces of the `candour` command that can be tested on their own: the
# progress display (with a fake clock, so no test depends on timing).
candour_add_test_area(candour_cli_tests unit/cli unit fmt::fmt)
target_sources(candour_cli_tests PRIVATE ${PROJECT_SOURCE_DIR}/cli/progress.cpp)
target_include_directories(candour_cli_tests PRIVATE ${PROJECT_SOURCE_DIR})
