# Signatures: the minisign format (firmware/signature), kioskpack's keygen/sign/verify against
# the real minisign, and the signature fuzz target. Included from tests/CMakeLists.txt.

# Parsing, formatting, signing and verify's refusals; a fixed vector made by the real minisign
# (tests/data/minisign), so this test needs no minisign.
kiosk_gtest(test_signature unit unit/test_signature.cpp)
target_link_libraries(test_signature PRIVATE kiosk_signature)

# Both ways with the real tool: minisign's keys and signatures verify with kioskpack, and
# kioskpack's with minisign; tampering and usage errors.
find_program(MINISIGN minisign REQUIRED)
add_test(NAME kioskpack_sign_cli
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/check_sign_cli.py
                 --kioskpack $<TARGET_FILE:kioskpack> --minisign ${MINISIGN}
                 --output ${KIOSK_TEST_OUTPUT}/sign-cli)
set_tests_properties(kioskpack_sign_cli PROPERTIES LABELS "tool")

# The corpus replay (test fuzz_signature_replay) and, with clang, the libFuzzer binary.
include(${CMAKE_CURRENT_LIST_DIR}/fuzz/fuzz.cmake)
kiosk_fuzz_target(fuzz_signature fuzz/fuzz_signature.cpp fuzz/corpus/signature LINK kiosk_signature)
