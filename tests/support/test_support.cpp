#include "tests/support/test_support.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::testing {

namespace {
[[noreturn]] void fail_setup(const std::string& message) {
  std::fprintf(stderr, "test setup: %s\n", message.c_str());
  std::exit(2);
}

std::string trim(const std::string& line) {
  const char* spaces = " \t\r\n";
  const auto begin = line.find_first_not_of(spaces);
  if (begin == std::string::npos) return {};
  const auto end = line.find_last_not_of(spaces);
  std::string result = line.substr(begin, end - begin + 1);
  // Ideographic spaces used as indentation in the sources are not part of the paragraph.
  while (result.rfind("\u3000", 0) == 0) result.erase(0, 3);
  return result;
}
}  // namespace

std::unique_ptr<text::FontSet> load_kiosk_fonts() {
  auto fonts = text::FontSet::create();
  for (const auto& [path, face, scripts] :
       {std::tuple<std::string, unsigned, std::vector<std::string>>{
            KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
        std::tuple<std::string, unsigned, std::vector<std::string>>{
            KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}}) {
    auto added = fonts->add_font(path, face, scripts);
    if (!added) {
      fail_setup(added.error() +
                 " (fonts are provided by the build: cmake --build --preset release)");
    }
  }
  return fonts;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_setup("cannot read " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void write_file(const std::string& path, const std::string& contents) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::vector<std::string> seed_paragraphs(const std::string& file_name) {
  std::istringstream in(read_file(std::string(KIOSK_SOURCE_SEEDS) + "/" + file_name));
  std::vector<std::string> paragraphs;
  for (std::string line; std::getline(in, line);) {
    std::string paragraph = trim(line);
    if (!paragraph.empty()) paragraphs.push_back(paragraph);
  }
  return paragraphs;
}

std::string udhr_article1() {
  std::string text = read_file(KIOSK_TESTDATA_UDHR);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string sha256_file(const std::string& path) {
  if (sodium_init() < 0) fail_setup("libsodium failed to initialise");
  const std::string contents = read_file(path);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(contents.data()),
                     contents.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool update_goldens() {
  const char* flag = std::getenv("KIOSK_UPDATE_GOLDENS");
  return flag != nullptr && std::string(flag) == "1";
}

std::u32string to_utf32(const std::string& utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1   ? lead
                 : length == 2 ? (lead & 0x1FU)
                 : length == 3 ? (lead & 0x0FU)
                               : (lead & 0x07U);
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3FU);
    }
    out.push_back(c);
    i += length;
  }
  return out;
}

std::string test_output_dir() {
  std::filesystem::create_directories(KIOSK_TEST_OUTPUT);
  return KIOSK_TEST_OUTPUT;
}

}  // namespace kiosk::testing
