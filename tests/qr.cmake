# QR codes (firmware/qr): the code's structure, versions and refusals (unit); and, on the build
# machine only, real codes drawn as pictures and decoded by zbarimg (zbar-tools), which must give
# back the exact text. Included from tests/CMakeLists.txt.
kiosk_gtest(test_qr unit unit/test_qr.cpp)
target_link_libraries(test_qr PRIVATE kiosk_qr)

# Not in the cross build: qr_pgm would run under qemu-user for little gain; the decoding is the
# same on either architecture, and test_qr runs there.
if(NOT CMAKE_CROSSCOMPILING)
  add_executable(qr_pgm tools/qr_pgm.cpp)
  target_link_libraries(qr_pgm PRIVATE kiosk_qr kiosk_warnings)
  find_program(ZBARIMG zbarimg REQUIRED)
  add_test(NAME qr_zbar_round_trip
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/check_qr_zbar.py
                   --qr-pgm $<TARGET_FILE:qr_pgm> --zbarimg ${ZBARIMG}
                   --output ${KIOSK_TEST_OUTPUT}/qr-zbar)
  set_tests_properties(qr_zbar_round_trip PROPERTIES LABELS "tool")
endif()
