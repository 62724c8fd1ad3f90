# The explorer end to end in Debian's Chromium, headless, driven by
# playwright-core (npm ci installs it; scripts/setup installs chromium and
# node): load the page, pick mid_staffs, move the candour lever, run 100 days,
# compare the charts with the unchanged run and the download with `candour run`.
find_program(CANDOUR_NODE node REQUIRED)
add_test(NAME explorer_in_chromium
         COMMAND ${CANDOUR_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/explorer_test.mjs
                 $<TARGET_FILE:candour> ${CMAKE_CURRENT_BINARY_DIR}/browser_files)
set_tests_properties(explorer_in_chromium PROPERTIES LABELS browser TIMEOUT 600)
