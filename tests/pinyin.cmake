# Pinyin input (firmware/pinyin): candidate words from libpinyin's language model, which comes
# from libpinyin-data (board/host/setup.sh; board/rpi/setup-cross.sh for the arm64 copy the
# cross-built test reads under qemu-user). Included from tests/CMakeLists.txt.
kiosk_gtest(test_pinyin unit unit/test_pinyin.cpp)
target_link_libraries(test_pinyin PRIVATE kiosk_pinyin)
