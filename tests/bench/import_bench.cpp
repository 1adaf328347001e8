// Import time per 10,000 characters for each corpus document (tests/data/corpus) and each
// shipped source (content/sources): the median of several rounds, beside the time of reading
// the source alone (decoding, GB18030 conversion, unzipping a .docx) measured in the same run,
// so the figure and the ratio mean the same on a loaded machine. Prints figures; not a test.
//
//   build/release/tests/bench/kiosk-import-bench [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::size_t code_points(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <typename F>
double time_ms(F&& work) {
  const auto start = Clock::now();
  work();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
  std::vector<fs::path> files;
  for (const char* dir :
       {KIOSK_SOURCE_DIR "/tests/data/corpus", KIOSK_SOURCE_DIR "/content/sources"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto extension = entry.path().extension();
      const bool source = extension == ".txt" || extension == ".md" || extension == ".docx";
      // In the corpus, a source is a file with its expected tree beside it (not the README).
      const bool corpus = fs::path(dir).filename() == "corpus";
      if (source && (!corpus || fs::exists(fs::path(entry.path()).replace_extension(".tree")))) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::printf(
      "import time per 10,000 characters, median of %d rounds (reading alone: decoding,\n"
      "conversion, unzipping; ratio = import / reading)\n\n",
      rounds);
  std::printf("%-34s %-8s %9s %12s %12s %7s\n", "document", "format", "chars", "import ms/10k",
              "read ms/10k", "ratio");
  for (const fs::path& path : files) {
    const std::string bytes = read_bytes(path);
    const std::string name = path.filename().string();
    auto text = kiosk::content::read_source(name, bytes);
    if (!text) {
      std::printf("%-34s %s\n", name.c_str(), text.error().c_str());
      continue;
    }
    const std::size_t chars = code_points(text->text);
    kiosk::content::DocumentMetadata metadata;
    metadata.source = name;
    metadata.slug = path.stem().string();
    std::vector<double> import_times;
    std::vector<double> read_times;
    bool ok = true;
    for (int round = 0; round < rounds; ++round) {
      read_times.push_back(time_ms([&] { (void)kiosk::content::read_source(name, bytes); }));
      import_times.push_back(time_ms([&] {
        kiosk::content::ImportReport report;
        ok = kiosk::content::import_document(metadata, bytes, report).ok() && ok;
      }));
    }
    const double per = 10000.0 / static_cast<double>(std::max<std::size_t>(chars, 1));
    const double import_ms = median(import_times) * per;
    const double read_ms = median(read_times) * per;
    std::printf("%-34s %-8s %9zu %12.2f %12.3f %7.1f%s\n", name.c_str(), text->format.c_str(),
                chars, import_ms, read_ms, read_ms > 0 ? import_ms / read_ms : 0.0,
                ok ? "" : "  (import error)");
  }
  return 0;
}
