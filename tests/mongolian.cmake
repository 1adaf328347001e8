# The Mongolian text module: suffixes, numerals (against a hand-written reference table),
# templates, transliteration.
kiosk_gtest(test_mongolian unit unit/test_mongolian.cpp)
target_link_libraries(test_mongolian PRIVATE kiosk_mongolian)
target_compile_definitions(test_mongolian
  PRIVATE KIOSK_MONGOLIAN_NUMERALS="${CMAKE_CURRENT_SOURCE_DIR}/data/mongolian-numerals.tsv")

# The orthography and terminology lint of the content's Mongolian strings (kioskpack lint/build).
kiosk_gtest(test_mongolian_lint unit unit/test_mongolian_lint.cpp)
target_link_libraries(test_mongolian_lint PRIVATE kiosk_content_pipeline kiosk_mongolian)
