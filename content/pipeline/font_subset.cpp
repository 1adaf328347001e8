// The release's fonts: which characters each font must draw, checked the way the text engine
// chooses fonts, and HarfBuzz subsets of the full fonts to exactly those characters (plus
// ASCII, the UI's punctuation and the Mongolian format controls), with every layout feature
// kept so the subset shapes what the full font shapes.
#include <hb-subset.h>
#include <hb.h>
#include <sodium.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string_view>

#include "content/pipeline/font_subset.h"
#include "content/pipeline/reading_order.h"
#include "ui/text/text.h"

namespace kiosk::content {

namespace {

// [SECTION] RAII for the HarfBuzz handles

struct HbBlobDeleter {
  void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct HbFaceDeleter {
  void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbSetDeleter {
  void operator()(hb_set_t* set) const { hb_set_destroy(set); }
};
struct HbSubsetInputDeleter {
  void operator()(hb_subset_input_t* input) const { hb_subset_input_destroy(input); }
};
using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbSet = std::unique_ptr<hb_set_t, HbSetDeleter>;
using HbSubsetInput = std::unique_ptr<hb_subset_input_t, HbSubsetInputDeleter>;

// [SECTION] The characters every release carries

// Characters the UI composes at run time (numbers, dates, its own punctuation) and the controls
// a Mongolian editor may type, kept in whichever fonts cover them even when no text uses them.
// They are not required: a release with fonts that lack some of them still builds.
std::vector<char32_t> always_kept() {
  std::vector<char32_t> kept;
  for (char32_t c = 0x20; c <= 0x7E; ++c) kept.push_back(c);  // printable ASCII
  // ✓ and × mark right and wrong answers in the quiz besides their colours.
  for (char32_t c :
       std::u32string_view(U"、，。；：！？「」『』“”‘’（）《》〈〉【】—…·～\u3000✓×")) {
    kept.push_back(c);
  }
  for (char32_t c = 0x180B; c <= 0x180F; ++c) kept.push_back(c);  // FVS1-3, MVS, FVS4
  for (char32_t c : {char32_t{0x202F}, char32_t{0x200C}, char32_t{0x200D}}) kept.push_back(c);
  return kept;
}

// [SECTION] Choosing fonts the way the engine does (ui/text/itemize.cpp)

std::string describe(char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  std::string text = code;
  const auto type = u_charType(static_cast<UChar32>(c));
  // Controls, format characters and separators would be invisible or break the line.
  if (type != U_CONTROL_CHAR && type != U_FORMAT_CHAR && type != U_LINE_SEPARATOR &&
      type != U_PARAGRAPH_SEPARATOR && type != U_SURROGATE) {
    char utf8[5] = {};
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(utf8, length, 4, static_cast<UChar32>(c), error);
    if (!error) text += " '" + std::string(utf8, static_cast<std::size_t>(length)) + "'";
  }
  return text;
}

// Walks every piece of text the release draws, checking each character against the fonts and
// collecting the code points used.
class CoverageCheck {
 public:
  CoverageCheck(const text::FontSet& fonts, std::vector<std::string> names)
      : fonts_(fonts), names_(std::move(names)) {}

  void check(const std::string& where, std::string_view utf8) {
    for (const text::CharacterFont& assigned : text::assign_fonts(fonts_, utf8)) {
      used_.insert(assigned.codepoint);
      if (assigned.covered) continue;
      if (assigned.follows_neighbour && assigned.font) {
        fail(where + ": " + describe(assigned.codepoint) + " is not in " +
             names_.at(*assigned.font) + ", the font of the text around it");
      } else {
        fail(where + ": " + describe(assigned.codepoint) + " is in no font");
      }
    }
  }

  [[nodiscard]] const std::set<char32_t>& used() const { return used_; }
  [[nodiscard]] const std::vector<std::string>& failures() const { return failures_; }

 private:
  void fail(std::string message) {
    // One report per place and character: a paragraph repeating an unusual character once.
    if (reported_.insert(message).second) failures_.push_back(std::move(message));
  }

  const text::FontSet& fonts_;
  std::vector<std::string> names_;  // of the fonts in the set, for messages
  std::set<char32_t> used_;
  std::vector<std::string> failures_;
  std::set<std::string> reported_;
};

void check_nodes(CoverageCheck& check, const std::string& slug, const std::vector<Node>& nodes) {
  for (const Node& node : nodes) {
    const std::string where = slug + ":" + std::to_string(node.source_line);
    check.check(where, node.label);
    check.check(where, node.heading);
    check.check(where, node.text);
    for (const auto& [key, value] : node.attributes) {
      // The kiosk shows an attribute with its label (责任单位：...), so both must be drawable.
      check.check(where, reading_order::attribute_prefix(key));
      check.check(where, value);
    }
    check_nodes(check, slug, node.children);
  }
}

// [SECTION] Subsetting

std::string sha256_hex(const char* data, std::size_t size) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data), size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

Result<SubsetFontData> subset_font(const FontSource& source, const text::FontSet& fonts,
                                   text::FontIndex index, const std::set<char32_t>& used) {
  SubsetFontData result;
  result.source = source;
  result.summary.name = source.name;
  HbBlob blob(hb_blob_create_from_file_or_fail(source.path.c_str()));
  if (!blob) return Error{"font " + source.name + ": cannot read " + source.path};
  unsigned length = 0;
  const char* bytes = hb_blob_get_data(blob.get(), &length);
  result.summary.source_bytes = length;
  result.source_sha256 = sha256_hex(bytes, length);
  HbFace face(hb_face_create(blob.get(), source.face_index));

  HbSubsetInput input(hb_subset_input_create_or_fail());
  if (!input) return Error{"font " + source.name + ": out of memory"};
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (char32_t c : used) {
    if (fonts.has_glyph(index, c)) hb_set_add(unicodes, c);
  }
  result.summary.codepoints = hb_set_get_population(unicodes);
  // Keep every layout feature and script rather than HarfBuzz's default list, which drops
  // halt, vhal and palt (the engine compresses punctuation with halt): what the font carries is
  // what shaping it may need; Mongolian relies on rclt and the FVS lookups, vertical Chinese on
  // vert/vrt2. Keep every name record (in English) rather than IDs 0-6: 13 and 14 are the OFL
  // licence, which must travel with the font.
  for (hb_subset_sets_t which : {HB_SUBSET_SETS_LAYOUT_FEATURE_TAG,
                                 HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG, HB_SUBSET_SETS_NAME_ID}) {
    hb_set_t* set = hb_subset_input_set(input.get(), which);
    hb_set_clear(set);
    hb_set_invert(set);  // an inverted empty set: everything
  }

  HbFace subset(hb_subset_or_fail(face.get(), input.get()));
  if (!subset) return Error{"font " + source.name + ": HarfBuzz could not subset " + source.path};
  HbBlob subset_blob(hb_face_reference_blob(subset.get()));
  unsigned subset_length = 0;
  const char* subset_bytes = hb_blob_get_data(subset_blob.get(), &subset_length);
  if (subset_length == 0) return Error{"font " + source.name + ": the subset is empty"};
  result.data.assign(reinterpret_cast<const std::uint8_t*>(subset_bytes),
                     reinterpret_cast<const std::uint8_t*>(subset_bytes) + subset_length);
  result.summary.subset_bytes = subset_length;

  // The subset must map every code point asked for; check it rather than trust it, since a
  // missing glyph is only seen on the wall otherwise.
  HbBlob check_blob(
      hb_blob_create(subset_bytes, subset_length, HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  HbFace check_face(hb_face_create(check_blob.get(), 0));
  HbSet mapped(hb_set_create());
  hb_face_collect_unicodes(check_face.get(), mapped.get());
  if (!hb_set_is_subset(unicodes, mapped.get())) {
    return Error{"font " + source.name + ": the subset lacks code points it was asked to keep"};
  }
  return result;
}

}  // namespace

Result<std::vector<SubsetFontData>> subset_release_fonts(const Release& release) {
  if (release.fonts.empty()) return Error{"the release has no fonts"};
  if (sodium_init() < 0) return Error{"libsodium could not be initialised"};
  auto fonts = text::FontSet::create();
  std::vector<std::string> names;
  for (const FontSource& source : release.fonts) {
    auto added = fonts->add_font(source.path, source.face_index, source.scripts);
    if (!added) return Error{"font " + source.name + ": " + added.error()};
    names.push_back(source.name);
  }

  CoverageCheck check(*fonts, names);
  for (const ImportedDocument& document : release.documents) {
    const DocumentMetadata& meta = document.metadata;
    for (const auto& [field, value] :
         {std::pair<const char*, const std::string&>{"title_zh", meta.title_zh},
          {"title_mn", meta.title_mn},
          {"issuer", meta.issuer},
          {"date", meta.date},
          {"number", meta.number},
          {"url", meta.url}}) {
      check.check(meta.slug + " (" + field + ")", value);
    }
    check_nodes(check, meta.slug, document.nodes);
  }
  for (const QuizQuestion& question : release.quiz) {
    // Authored questions bring words of their own (哪、吗…): the kiosk draws them too.
    const std::string where = "quiz question " + question.id;
    check.check(where, question.question);
    for (const std::string& choice : question.choices) check.check(where, choice);
    check.check(where, question.explanation);
    check.check(where, question.quote);
  }
  for (const Topic& topic : release.topics) {
    check.check("topic '" + topic.zh + "' (zh)", topic.zh);
    check.check("topic '" + topic.zh + "' (mn)", topic.mn);
  }
  for (const UiString& string : release.ui_strings) {
    check.check("ui string '" + string.key + "' (zh)", string.zh);
    check.check("ui string '" + string.key + "' (mn)", string.mn);
  }
  if (!check.failures().empty()) {
    constexpr std::size_t kShown = 20;
    std::string message;
    for (std::size_t i = 0; i < check.failures().size() && i < kShown; ++i) {
      message += (i == 0 ? "" : "\n") + check.failures()[i];
    }
    if (check.failures().size() > kShown) {
      message += "\n... and " + std::to_string(check.failures().size() - kShown) + " more";
    }
    return Error{message};
  }

  std::set<char32_t> used = check.used();
  for (char32_t c : always_kept()) used.insert(c);
  std::vector<SubsetFontData> subsets;
  for (std::size_t i = 0; i < release.fonts.size(); ++i) {
    auto subset = subset_font(release.fonts[i], *fonts, static_cast<text::FontIndex>(i), used);
    if (!subset) return Error{subset.error()};
    subsets.push_back(std::move(subset.value()));
  }
  return subsets;
}

}  // namespace kiosk::content
