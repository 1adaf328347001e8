# Fuzz targets. Include this file, then for each target:
#
#   kiosk_fuzz_target(NAME SOURCE CORPUS_DIR [LINK target...])
#
# SOURCE defines `extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)`,
# returns 0 and aborts (or crashes) on a bug. SOURCE and CORPUS_DIR are relative to the calling
# directory (tests/). LINK lists the libraries under test. This makes:
#
#   NAME_replay  with any compiler: SOURCE + tests/fuzz/replay_main.cpp, and the test
#                NAME_replay (label `unit`, so CI runs it again under ASan+UBSan) that runs
#                every file of CORPUS_DIR through the target once; it fails on a crash or an
#                empty corpus. Add each input the fuzzer finds to CORPUS_DIR.
#   NAME         only with clang and a working -fsanitize=fuzzer, and only when asked for
#                (`cmake --build B --target NAME`; then `B/tests/NAME -max_total_time=60
#                CORPUS_DIR`): the libFuzzer binary with ASan+UBSan. The LINK libraries' own
#                sources are compiled into it with coverage, so the fuzzer sees into them.
include_guard(GLOBAL)

if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer")
  check_cxx_source_compiles(
    "#include <cstddef>\n#include <cstdint>\nextern \"C\" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }"
    KIOSK_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
endif()

function(kiosk_fuzz_target name source corpus_dir)
  cmake_parse_arguments(PARSE_ARGV 3 FUZZ "" "" "LINK")
  get_filename_component(corpus "${corpus_dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")

  add_executable(${name}_replay ${source} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/replay_main.cpp")
  target_link_libraries(${name}_replay PRIVATE ${FUZZ_LINK} kiosk_warnings)
  add_test(NAME ${name}_replay COMMAND ${name}_replay "${corpus}")
  set_tests_properties(${name}_replay PROPERTIES LABELS "unit")

  if(KIOSK_HAVE_LIBFUZZER)
    set(instrumented "")
    foreach(library IN LISTS FUZZ_LINK)
      get_target_property(sources ${library} SOURCES)
      get_target_property(source_dir ${library} SOURCE_DIR)
      foreach(file IN LISTS sources)
        if(NOT IS_ABSOLUTE "${file}")
          set(file "${source_dir}/${file}")
        endif()
        list(APPEND instrumented "${file}")
      endforeach()
    endforeach()
    add_executable(${name} EXCLUDE_FROM_ALL ${source} ${instrumented})
    foreach(library IN LISTS FUZZ_LINK)
      foreach(property INCLUDE_DIRECTORIES COMPILE_DEFINITIONS LINK_LIBRARIES)
        get_target_property(${property} ${library} ${property})
        if(NOT ${property})
          set(${property} "")
        endif()
      endforeach()
      target_include_directories(${name} PRIVATE ${INCLUDE_DIRECTORIES})
      target_compile_definitions(${name} PRIVATE ${COMPILE_DEFINITIONS})
      target_link_libraries(${name} PRIVATE ${LINK_LIBRARIES})
    endforeach()
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined -g)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  endif()
endfunction()
