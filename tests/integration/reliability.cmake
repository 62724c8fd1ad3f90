# Reliability (label: integration): what `candour` does when things go wrong:
# outputs that must not be overwritten, signals, a full disk, designs and
# structures too large for the machine. docs/reliability.md names the test
# behind each promise.
set(reliability_python /usr/bin/python3)
set(reliability_scripts ${CMAKE_CURRENT_SOURCE_DIR}/integration/reliability)
set(reliability_work ${CMAKE_CURRENT_BINARY_DIR}/reliability-work)

# candour_reliability_test(NAME SCRIPT ARGS...): runs SCRIPT with the candour
# binary and a fresh work folder of its own, then ARGS.
function(candour_reliability_test name script)
  add_test(NAME ${name}
           COMMAND ${reliability_python} ${reliability_scripts}/${script}
                   $<TARGET_FILE:candour> ${reliability_work}/${name} ${ARGN})
  # Each takes seconds to a minute; a hung one fails here, not at CI's limit.
  set_tests_properties(${name} PROPERTIES LABELS integration TIMEOUT 600)
endfunction()

# Test data: the toy scenario and the sweep files, gathered in one folder.
set(reliability_data ${CMAKE_CURRENT_BINARY_DIR}/reliability-data)
file(MAKE_DIRECTORY ${reliability_data})
foreach(file ${PROJECT_SOURCE_DIR}/tests/data/scenarios/toy_small.toml
             ${PROJECT_SOURCE_DIR}/tests/integration/sweep/data/toy_base.toml
             ${PROJECT_SOURCE_DIR}/tests/integration/sweep/data/toy_grid.toml
             ${PROJECT_SOURCE_DIR}/tests/integration/sweep/data/toy_many.toml)
  configure_file(${file} ${reliability_data} COPYONLY)
endforeach()

candour_reliability_test(cli_output_never_overwritten check_output_safety.py ${reliability_data})

# Signals: a closed pipe, Ctrl-C, SIGTERM, SIGHUP, a second Ctrl-C; in a run,
# in the NHS burn-in, and in a sweep.
foreach(mode pipe run burn-in twice sweep)
  string(REPLACE "-" "_" name ${mode})
  candour_reliability_test(cli_signal_${name} check_signals.py ${reliability_data} ${mode})
endforeach()

candour_reliability_test(cli_arguments_refused check_arguments.py ${reliability_data})

# A full disk, a file-size limit, a read-only folder (exit 77: skipped where
# `unshare -rm` is not allowed; the file-size checks still ran).
candour_reliability_test(cli_disk_full_and_read_only check_disk.py ${reliability_data})
set_tests_properties(cli_disk_full_and_read_only PROPERTIES SKIP_RETURN_CODE 77)

# Memory: the estimate bounds the peak; too large a structure is refused with
# its estimate; a run of a sweep that fails is named and the sweep resumes.
candour_reliability_test(cli_memory_estimate_and_refusal check_memory.py ${reliability_data})
# unsanitized: AddressSanitizer's shadow memory and quarantine multiply the
# peak it measures (8-10x) and cannot start under its `ulimit -v`.
set_property(TEST cli_memory_estimate_and_refusal APPEND PROPERTY LABELS unsanitized)

# The kill campaign: SIGKILL at 20 seeded random moments of NHS runs (burn-in
# included) and of a sweep and its resumptions.
candour_reliability_test(cli_kill_campaign check_kill_campaign.py ${reliability_data})
