# Only in the tsan preset: a parallel loop with a deliberate data race must
# be reported. It shows that ThreadSanitizer sees into oneTBB's loops in
# this build (oneTBB built with it: scripts/tsan), so the other tests'
# silence means something.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=thread")
  add_executable(candour_tsan_race tsan/race_in_a_loop.cpp)
  target_link_libraries(candour_tsan_race PRIVATE candour_sim)
  # ThreadSanitizer ends the process with SIGABRT on its first report
  # (abort_on_error in the test preset): status 128 + 6.
  add_test(NAME tsan_reports_a_race_in_a_parallel_loop
           COMMAND sh -c "\"$0\"; test $? -ge 128" $<TARGET_FILE:candour_tsan_race>)
  add_test(NAME tsan_silent_without_the_race
           COMMAND $<TARGET_FILE:candour_tsan_race> --without-race)
  set_tests_properties(tsan_reports_a_race_in_a_parallel_loop tsan_silent_without_the_race
                       PROPERTIES LABELS unit)
endif()
