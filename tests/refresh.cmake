# The content refresh: every kind of bad bundle, power cuts (a child process killed at every
# step boundary and at random moments), a stick pulled mid-copy, a full disk, rollback, the
# release chosen at start, and the USB watcher. Label `fault` as well as `unit`.
kiosk_gtest(test_refresh "unit;fault" unit/test_refresh.cpp)
target_link_libraries(test_refresh PRIVATE kiosk_refresh kiosk_signature PkgConfig::SQLITE)
target_compile_definitions(test_refresh PRIVATE KIOSK_FACTORY_CONTENT="${KIOSK_FACTORY_CONTENT}")
add_dependencies(test_refresh kiosk_factory_content)

# The bundle fuzz target: arbitrary bytes validated as a content release (corpus replayed by
# ctest as fuzz_bundle_replay; with clang, `fuzz_bundle` is the libFuzzer binary).
include(${CMAKE_CURRENT_LIST_DIR}/fuzz/fuzz.cmake)
kiosk_fuzz_target(fuzz_bundle fuzz/fuzz_bundle.cpp fuzz/corpus/bundle LINK kiosk_refresh)
