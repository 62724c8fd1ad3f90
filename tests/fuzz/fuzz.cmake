# Fuzz targets for the scenario reader and the sweep-file reader (one
# LLVMFuzzerTestOneInput each). With CANDOUR_FUZZ=ON (the `fuzz` preset,
# clang only, used by scripts/fuzz) they link libFuzzer; otherwise each links
# a small main that replays the seed corpus (tests/fuzz/corpus/<target>, with
# every past finding) as a ctest test of label `unit`, so CI runs them in the
# release and the sanitize builds without a fuzzer.
option(CANDOUR_FUZZ "Build the libFuzzer targets (clang)" OFF)

set(fuzz_corpus ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
foreach(target scenario sweep_file)
  set(source ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${target}.cpp)
  if(CANDOUR_FUZZ)
    add_executable(candour_fuzz_${target} ${source})
    target_compile_options(candour_fuzz_${target} PRIVATE -fsanitize=fuzzer)
    target_link_options(candour_fuzz_${target} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(candour_fuzz_${target} ${source} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.cpp)
    add_test(NAME fuzz_corpus_${target}
             COMMAND candour_fuzz_${target} ${fuzz_corpus}/${target})
    set_tests_properties(fuzz_corpus_${target} PROPERTIES LABELS unit)
  endif()
  # The NHS parameter table only (tests/fuzz/fuzz_models.hpp says why).
  target_sources(candour_fuzz_${target} PRIVATE ${PROJECT_SOURCE_DIR}/models/nhs/parameters.cpp)
  target_link_libraries(candour_fuzz_${target} PRIVATE candour_scenario candour_sweep candour_toy)
endforeach()
