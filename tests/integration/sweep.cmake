# End-to-end tests of `candour sweep` and `candour merge` (label: integration):
# the same sweep run on 1 and 2 threads, as two shards merged, and under
# `mpirun -n 2` (MPI builds) must give identical files; a sweep killed with
# SIGKILL and run again must give the same file as one never interrupted; bad
# sweep files must be rejected with file, line and key.
set(sweep_python /usr/bin/python3)
set(sweep_scripts ${CMAKE_CURRENT_SOURCE_DIR}/integration/sweep)
set(sweep_data ${sweep_scripts}/data)
set(sweep_work ${CMAKE_CURRENT_BINARY_DIR}/sweep-work)

set(sweep_exe $<TARGET_FILE:candour>)

function(candour_sweep_test name)
  add_test(NAME ${name} COMMAND ${sweep_python} ${sweep_scripts}/check_sweep.py ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS integration)
endfunction()

candour_sweep_test(sweep_identical_for_threads_and_shards
  identity --candour ${sweep_exe} --work ${sweep_work}/identity --sweep ${sweep_data}/toy_grid.toml)

candour_sweep_test(sweep_kill_and_resume_identical
  kill --candour ${sweep_exe} --work ${sweep_work}/kill --sweep ${sweep_data}/toy_many.toml)

# Also under ThreadSanitizer (the tsan preset runs the label `threads`).
set_property(TEST sweep_identical_for_threads_and_shards sweep_kill_and_resume_identical
             APPEND PROPERTY LABELS threads)

candour_sweep_test(sweep_merge_refuses_other_sweeps
  merge-mismatch --candour ${sweep_exe} --work ${sweep_work}/merge --sweep ${sweep_data}/toy_grid.toml
  --other ${sweep_data}/toy_grid_other_seed.toml)

# The example sweeps validate against the NHS model and count their runs
# (--dry-run runs nothing); they need the NHS baseline scenario.
if(EXISTS ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml)
  foreach(example surveillance pressure_openness policy_sobol policy_morris tutorial)
    candour_sweep_test(sweep_example_${example}_validates
      dry-run --candour ${sweep_exe} --work ${sweep_work}/example_${example}
      --sweep ${PROJECT_SOURCE_DIR}/scenarios/sweeps/${example}.toml)
  endforeach()
  candour_sweep_test(sweep_shares_burn_ins
    burn-in --candour ${sweep_exe} --work ${sweep_work}/burn_in --sweep ${sweep_data}/nhs_burn_in.toml)
  set_property(TEST sweep_shares_burn_ins APPEND PROPERTY LABELS threads)
endif()

# Each bad sweep file: exit code 2, and the message names file, line and key.
function(candour_sweep_bad case)
  candour_sweep_test(sweep_rejects_${case}
    bad --candour ${sweep_exe} --work ${sweep_work}/bad_${case} --sweep ${sweep_data}/bad/${case}.toml
    --expect ${ARGN})
endfunction()
candour_sweep_bad(unknown_parameter "unknown_parameter.toml:7:" "axis[1].parameter" "did you mean 'toy.pull'")
candour_sweep_bad(out_of_range "out_of_range.toml:8:" "axis[1].values" "out of range")
candour_sweep_bad(unknown_design "unknown_design.toml:4:" "design.kind" "did you mean 'saltelli'")
candour_sweep_bad(unknown_key "unknown_key.toml:4:" "replicate" "did you mean 'replicates'")
candour_sweep_bad(unknown_metric "unknown_metric.toml:3:" "keep_series" "did you mean 'shocks'")
candour_sweep_bad(missing_scenario "missing_scenario.toml:2:" "scenario" "no_such_base.toml")
candour_sweep_bad(distribution_in_grid "distribution_in_grid.toml:6:" "axis[1]" "grid needs")
# Not a number: NaN and infinity wherever a number is read, at the file's own line.
candour_sweep_bad(nan_value "nan_value.toml:8:" "axis[1].values" "is nan" "not allowed")
candour_sweep_bad(minus_nan_value "minus_nan_value.toml:6:" "axis[1].values" "is nan")
candour_sweep_bad(nan_linear "nan_linear.toml:6:" "axis[1].linear.from" "is nan")
candour_sweep_bad(nan_log "nan_log.toml:6:" "axis[1].log.from" "is nan")
candour_sweep_bad(inf_uniform "inf_uniform.toml:9:" "axis[1].uniform.max" "is inf")
candour_sweep_bad(nan_set "nan_set.toml:5:" "toy.pull" "is nan")
# The types a scenario file accepts: true/false for a boolean, no decimal point for an integer.
candour_sweep_bad(boolean_as_number "boolean_as_number.toml:6:" "axis[1].values" "expects a boolean")
candour_sweep_bad(boolean_set_as_number "boolean_set_as_number.toml:5:" "toy.enabled"
                  "expects a boolean")
candour_sweep_bad(integer_with_decimal_point "integer_with_decimal_point.toml:6:" "axis[1].values"
                  "without a decimal point")
candour_sweep_bad(number_for_real_as_boolean "number_for_real_as_boolean.toml:6:" "axis[1].values"
                  "got a boolean")

# Designs past the bound of 10^7 runs: refused before anything is allocated.
candour_sweep_bad(huge_grid "huge_grid.toml:4:" "design" "1e+09 runs" "at most 10000000 runs")
candour_sweep_bad(huge_grid_overflow "huge_grid_overflow.toml:4:" "design" "1e+24 runs")
candour_sweep_bad(too_many_runs "too_many_runs.toml:5:" "design" "1000 replicates" "1e+08 runs")

if(CANDOUR_MPI)
  # We run as root in CI and containers; a laptop has fewer slots than ranks.
  set(sweep_mpirun ${MPIEXEC_EXECUTABLE} --oversubscribe)
  execute_process(COMMAND id -u OUTPUT_VARIABLE sweep_uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(sweep_uid STREQUAL "0")
    list(APPEND sweep_mpirun --allow-run-as-root)
  endif()
  string(REPLACE ";" " " sweep_mpirun_text "${sweep_mpirun}")
  candour_sweep_test(sweep_identical_under_mpirun
    identity --candour ${sweep_exe} --work ${sweep_work}/mpi --sweep ${sweep_data}/toy_grid.toml
    --mpirun "${sweep_mpirun_text} ${MPIEXEC_NUMPROC_FLAG} 2")
  # Every rank reads the burn-in checkpoints a local sweep saved.
  if(EXISTS ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml)
    candour_sweep_test(sweep_shares_burn_ins_under_mpirun
      burn-in --candour ${sweep_exe} --work ${sweep_work}/burn_in_mpi
      --sweep ${sweep_data}/nhs_burn_in.toml
      --mpirun "${sweep_mpirun_text} ${MPIEXEC_NUMPROC_FLAG} 2")
  endif()
endif()
