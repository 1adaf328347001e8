# The translator's review loop: `kioskpack review-sheet` (one HTML page) and `review-apply` (its
# answers back into the TOML files), on a copy of the real content.
add_test(NAME kioskpack_review_round_trip
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/check_review_sheet.py
                 round-trip --kioskpack $<TARGET_FILE:kioskpack> --content ${PROJECT_SOURCE_DIR}/content
                 --output ${KIOSK_TEST_OUTPUT}/review-round-trip)
set_tests_properties(kioskpack_review_round_trip PROPERTIES LABELS "tool")

# The page in real headless Chromium (Selenium): type a correction, approve with the keyboard,
# export, apply. Fails (does not skip) without chromium, chromium-driver and python3-selenium:
# board/host/setup.sh installs them.
add_test(NAME kioskpack_review_browser
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/check_review_sheet.py
                 browser --kioskpack $<TARGET_FILE:kioskpack> --content ${PROJECT_SOURCE_DIR}/content
                 --output ${KIOSK_TEST_OUTPUT}/review-browser)
set_tests_properties(kioskpack_review_browser PROPERTIES LABELS "tool;browser" TIMEOUT 180)
