# End-to-end tests of the `candour` command (label: integration). They run the
# built binary on small scenarios and read its files with Debian's h5py.
set(CANDOUR_PYTHON /usr/bin/python3)
set(BAD ${PROJECT_SOURCE_DIR}/tests/data/scenarios/bad)
set(INTEGRATION_WORK ${CMAKE_CURRENT_BINARY_DIR}/integration-work)

# candour_bad_input_test(CASE FILE [--set k=v ...] -- EXPECTED...)
function(candour_bad_input_test case file)
  add_test(NAME cli_rejects_${case}
           COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_bad_input.py
                   $<TARGET_FILE:candour> ${INTEGRATION_WORK}/${case} ${file} ${ARGN})
  set_tests_properties(cli_rejects_${case} PROPERTIES LABELS integration)
endfunction()

# Each kind of bad input: the message names the file, its line and the key.
candour_bad_input_test(unknown_key ${BAD}/unknown_key.toml -- unknown_key.toml:5: toy.pul "did you mean 'toy.pull'")
candour_bad_input_test(unknown_table ${BAD}/unknown_table.toml -- unknown_table.toml:5: toi.pull "did you mean 'toy.pull'")
candour_bad_input_test(unknown_top_level ${BAD}/unknown_top_level.toml -- unknown_top_level.toml:3: titel "did you mean 'title'")
candour_bad_input_test(unknown_timeline_key ${BAD}/unknown_timeline_key.toml -- unknown_timeline_key.toml:9: timeline.lable "did you mean 'timeline.label'")
candour_bad_input_test(wrong_type_string ${BAD}/wrong_type_string.toml -- wrong_type_string.toml:5: toy.pull "expects a real number")
candour_bad_input_test(wrong_type_integer ${BAD}/wrong_type_float_for_integer.toml -- wrong_type_float_for_integer.toml:5: toy.agents "expects an integer")
candour_bad_input_test(wrong_type_boolean ${BAD}/wrong_type_boolean.toml -- wrong_type_boolean.toml:5: toy.enabled "expects a boolean")
candour_bad_input_test(out_of_range ${BAD}/out_of_range.toml -- out_of_range.toml:5: toy.pull "out of range" "[0, 1]")
candour_bad_input_test(nan ${BAD}/not_finite_nan.toml -- not_finite_nan.toml:5: toy.shock_rate nan)
candour_bad_input_test(infinity ${BAD}/not_finite_inf.toml -- not_finite_inf.toml:5: toy.shock_rate inf)
candour_bad_input_test(missing_file ${BAD}/no_such_scenario.toml -- no_such_scenario.toml)
candour_bad_input_test(missing_extends ${BAD}/missing_extends.toml -- missing_extends.toml:3: no_such_base.toml extends)
candour_bad_input_test(extends_cycle ${BAD}/cycle_a.toml -- "cycle_a.toml -> cycle_b.toml -> cycle_a.toml")
candour_bad_input_test(malformed_toml ${BAD}/malformed.toml -- malformed.toml:5: "malformed TOML")
candour_bad_input_test(empty_file ${BAD}/empty.toml -- empty.toml "empty scenario")
candour_bad_input_test(timeline_day ${BAD}/timeline_day_out_of_range.toml -- timeline_day_out_of_range.toml:8: "day 90")
candour_bad_input_test(sweep_file_given_to_run ${PROJECT_SOURCE_DIR}/tests/analysis/data/toy_grid.toml
                       -- toy_grid.toml "a sweep file" "candour sweep")
candour_bad_input_test(set_unknown_key ${PROJECT_SOURCE_DIR}/tests/data/scenarios/toy_small.toml
                       --set toy.shock_rat=0.1 -- --set toy.shock_rat "did you mean 'toy.shock_rate'")
# Structure (how many agents, trusts, wards) is built once: a timeline cannot change it.
candour_bad_input_test(timeline_structure ${BAD}/timeline_changes_structure.toml --
                       timeline_changes_structure.toml:11: toy.agents "is structure")
candour_bad_input_test(timeline_nhs_structure ${BAD}/timeline_changes_nhs_structure.toml --
                       timeline_changes_nhs_structure.toml:10: system.trusts "is structure")
candour_bad_input_test(timeline_scenario_structure ${BAD}/timeline_scenario_changes_structure.toml
                       -- other_structure.toml:7: toy.agents "is structure"
                       "timeline_scenario_changes_structure.toml:12")
candour_bad_input_test(timeline_parameter_in_stage ${BAD}/timeline_parameter_in_stage.toml --
                       timeline_parameter_in_stage.toml:8: "write toy.pull = ... below [timeline.set]")
candour_bad_input_test(unknown_model ${BAD}_model/unknown_model.toml -- unknown_model.toml:4:
                       "unknown model 'toyy'")
candour_bad_input_test(invisible_key ${BAD}/invisible_key.toml -- invisible_key.toml:5:
                       "'toy.pull<U+200B>'" "did you mean 'toy.pull'")
candour_bad_input_test(set_out_of_range ${PROJECT_SOURCE_DIR}/tests/data/scenarios/toy_small.toml
                       --set toy.pull=2 -- --set toy.pull "out of range")

# Same scenario and seed: identical datasets for 1 and 2 threads.
add_test(NAME cli_toy_identical_for_1_and_2_threads
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_thread_identity.py
                 $<TARGET_FILE:candour> ${INTEGRATION_WORK}/toy_threads
                 ${PROJECT_SOURCE_DIR}/tests/data/scenarios/toy_small.toml --set toy.agents=5000)
set_tests_properties(cli_toy_identical_for_1_and_2_threads PROPERTIES LABELS "integration;threads")

# Burn-in checkpoints on disk: read back by later runs, identical to burning in
# (label threads: `--seeds` on 2 threads saves two at once, under ThreadSanitizer too).
add_test(NAME cli_burn_in_cache_identical
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_burn_in_cache.py
                 $<TARGET_FILE:candour> ${INTEGRATION_WORK}/burn_in_cache
                 ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml)
set_tests_properties(cli_burn_in_cache_identical PROPERTIES LABELS "integration;threads")

# The docs are the model: every parameter in docs/ODD.md section 7.1 as the code has it.
add_test(NAME docs_odd_parameters_match_the_code
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_odd_parameters.py
                 $<TARGET_FILE:candour> ${PROJECT_SOURCE_DIR}/docs/ODD.md)
set_tests_properties(docs_odd_parameters_match_the_code PROPERTIES LABELS integration)

# ... and every output in section 7.2 (unit, scope, summary mark, meaning) as the model records it.
add_test(NAME docs_odd_metrics_match_the_code
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_odd_metrics.py
                 $<TARGET_FILE:candour> ${PROJECT_SOURCE_DIR}/docs/ODD.md
                 ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml ${INTEGRATION_WORK}/odd_metrics)
set_tests_properties(docs_odd_metrics_match_the_code PROPERTIES LABELS integration)

# The dependency rule (cli -> models -> sim): no include points the other way.
# The self-test shows the check catches each kind of breach.
add_test(NAME dependency_rule_holds
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_dependencies.py
                 ${PROJECT_SOURCE_DIR})
add_test(NAME dependency_rule_check_catches_breaches
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_dependencies.py
                 --self-test)
set_tests_properties(dependency_rule_holds dependency_rule_check_catches_breaches
                     PROPERTIES LABELS unit)

# scripts/try passes -o through to `candour run` (the script's own logic, binary stubbed).
add_test(NAME scripts_try_passes_output
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_try.sh ${PROJECT_SOURCE_DIR}
                 ${INTEGRATION_WORK}/try)
set_tests_properties(scripts_try_passes_output PROPERTIES LABELS integration)

# Every example in `candour --help`, `candour-analysis --help` and the docs runs (with the
# scenarios made small; tests/integration/check_examples.py says how).
add_test(NAME docs_examples_run
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_examples.py
                 $<TARGET_FILE:candour> ${PROJECT_SOURCE_DIR} ${INTEGRATION_WORK}/examples)
# unsanitized: minutes of NHS runs even in the release build.
set_tests_properties(docs_examples_run PROPERTIES LABELS "integration;unsanitized" TIMEOUT 1800)

# The tutorial's commands, as written (they are short by design); its figures are what this
# draws (docs/img/tutorial-*.png are copied from integration-work/tutorial/docs_tutorial.md/out/tutorial/).
add_test(NAME docs_tutorial_runs
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_examples.py
                 $<TARGET_FILE:candour> ${PROJECT_SOURCE_DIR} ${INTEGRATION_WORK}/tutorial
                 --as-written docs/tutorial.md)
set_tests_properties(docs_tutorial_runs PROPERTIES LABELS "integration;unsanitized" TIMEOUT 1800)

# A scenario that names no model is read for the command's default model
# (cli/model_catalogue.hpp: the engine names none).
add_test(NAME cli_default_model_is_nhs
         COMMAND $<TARGET_FILE:candour> validate
                 ${PROJECT_SOURCE_DIR}/tests/data/scenarios/default_model/no_model.toml)
set_tests_properties(cli_default_model_is_nhs PROPERTIES LABELS integration
                     PASS_REGULAR_EXPRESSION "valid \\(nhs model")

# docs/reliability.md names a real test behind every promise.
add_test(NAME docs_reliability_tests_exist
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_reliability_doc.py
                 ${PROJECT_SOURCE_DIR}/docs/reliability.md ${PROJECT_BINARY_DIR})
set_tests_properties(docs_reliability_tests_exist PROPERTIES LABELS integration)

# The named scenarios set levers (and structure, run settings), never a
# behavioural constant.
add_test(NAME scenarios_set_only_levers
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_scenario_levers.py
                 $<TARGET_FILE:candour> ${PROJECT_SOURCE_DIR}/scenarios)
set_tests_properties(scenarios_set_only_levers PROPERTIES LABELS integration)

# benchmarks/run at tiny sizes: it runs, and what it derives agrees with what it measured.
add_test(NAME benchmarks_run_quick
         COMMAND ${CANDOUR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_benchmarks_run.py
                 ${PROJECT_SOURCE_DIR} $<TARGET_FILE:candour> ${INTEGRATION_WORK}/benchmarks)
set_tests_properties(benchmarks_run_quick PROPERTIES LABELS integration)
