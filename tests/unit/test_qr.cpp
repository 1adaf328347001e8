// QR codes (firmware/qr): the structure every reader relies on (size, the three finder
// patterns, timing, the format information saying level M), the smallest version for a text,
// and the refusals. tests/tools/check_qr_zbar.py decodes real codes with zbarimg.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "firmware/qr/qr.h"

namespace kiosk::firmware::qr {
namespace {

constexpr std::string_view kPolicyUrl = "http://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/";
constexpr std::string_view kSearchUrl =
    "https://www.nmg.gov.cn/so/s?qt=%E5%86%85%E8%92%99%E5%8F%A4%E8%87%AA%E6%B2%BB%E5%8C%BA"
    "&siteCode=1500000001&tab=zcwj";

QrCode make(std::string_view text) {
  auto code = make_qr(text);
  if (!code.ok()) {
    ADD_FAILURE() << "make_qr failed: " << code.error();
    return {};
  }
  return std::move(code.value());
}

// The 7x7 finder pattern with its top-left module at (left, top): a dark ring, a light ring,
// a dark 3x3 centre.
bool finder_at(const QrCode& code, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
      if (code.dark(left + x, top + y) != (ring != 2)) return false;
    }
  }
  return true;
}

// The 15 bits of the format information (ISO/IEC 18004 7.9), read from its copy beside the
// top-left finder and from its copy split between the other two; bit 0 first.
int format_bits_top_left(const QrCode& code) {
  int bits = 0;
  auto put = [&](int bit, int x, int y) { bits |= (code.dark(x, y) ? 1 : 0) << bit; };
  for (int i = 0; i <= 5; ++i) put(i, 8, i);
  put(6, 8, 7);
  put(7, 8, 8);
  put(8, 7, 8);
  for (int i = 9; i < 15; ++i) put(i, 14 - i, 8);
  return bits;
}

int format_bits_split(const QrCode& code) {
  int bits = 0;
  auto put = [&](int bit, int x, int y) { bits |= (code.dark(x, y) ? 1 : 0) << bit; };
  for (int i = 0; i < 8; ++i) put(i, code.size - 1 - i, 8);
  for (int i = 8; i < 15; ++i) put(i, 8, code.size - 15 + i);
  return bits;
}

// The BCH(15,5) code word of the format's 5 data bits, masked as the standard says.
int format_word(int data) {
  int remainder = data;
  for (int i = 0; i < 10; ++i) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
  return ((data << 10) | remainder) ^ 0x5412;
}

// [SECTION] Structure

TEST(Qr, SizeIsAVersionsSizeAndEveryModuleIsDarkOrLight) {
  const std::string long_text(500, 'x');
  for (const std::string_view text : {kPolicyUrl, kSearchUrl, std::string_view(long_text)}) {
    const QrCode code = make(text);
    ASSERT_GE(code.size, 21) << text;
    ASSERT_LE(code.size, 177) << text;
    EXPECT_EQ((code.size - 21) % 4, 0) << text;
    ASSERT_EQ(code.modules.size(), static_cast<std::size_t>(code.size * code.size)) << text;
    for (const std::uint8_t module : code.modules) ASSERT_LE(module, 1) << text;
  }
}

TEST(Qr, FinderPatternsAtThreeCornersOnly) {
  for (const std::string_view text : {kPolicyUrl, kSearchUrl}) {
    const QrCode code = make(text);
    const int far = code.size - 7;
    EXPECT_TRUE(finder_at(code, 0, 0)) << text;
    EXPECT_TRUE(finder_at(code, far, 0)) << text;
    EXPECT_TRUE(finder_at(code, 0, far)) << text;
    EXPECT_FALSE(finder_at(code, far, far)) << text;
    // The light separator between each finder and the rest of the code.
    for (int i = 0; i < 8; ++i) {
      EXPECT_FALSE(code.dark(7, i)) << text;
      EXPECT_FALSE(code.dark(i, 7)) << text;
      EXPECT_FALSE(code.dark(code.size - 8, i)) << text;
      EXPECT_FALSE(code.dark(i, code.size - 8)) << text;
    }
  }
}

TEST(Qr, TimingPatternsAlternateBetweenTheFinders) {
  const QrCode code = make(kSearchUrl);
  for (int i = 8; i < code.size - 8; ++i) {
    EXPECT_EQ(code.dark(i, 6), i % 2 == 0) << "row 6, column " << i;
    EXPECT_EQ(code.dark(6, i), i % 2 == 0) << "column 6, row " << i;
  }
  EXPECT_TRUE(code.dark(8, code.size - 8)) << "the dark module beside the bottom-left finder";
}

TEST(Qr, FormatInformationSaysLevelMInBothCopies) {
  for (const std::string_view text : {kPolicyUrl, kSearchUrl, std::string_view("A")}) {
    const QrCode code = make(text);
    const int word = format_bits_top_left(code);
    EXPECT_EQ(word, format_bits_split(code)) << text;
    const int data = (word ^ 0x5412) >> 10;
    EXPECT_EQ(format_word(data), word) << "not a valid format code word: " << text;
    EXPECT_EQ(data >> 3, 0b00) << "error-correction level bits (M is 00, L 01, Q 11, H 10)";
  }
}

// [SECTION] Versions: the smallest that holds the text at level M, in byte mode

TEST(Qr, SmallestVersionForTheLengthAtLevelM) {
  // Byte-mode capacities at level M (ISO/IEC 18004 table 7): version 1 holds 14 bytes,
  // version 2 holds 26, version 40 holds 2331. Level L would fit 17 in version 1.
  EXPECT_EQ(make(std::string(14, 'a')).size, 21);
  EXPECT_EQ(make(std::string(15, 'a')).size, 25);
  EXPECT_EQ(make(std::string(26, 'a')).size, 25);
  EXPECT_EQ(make(std::string(27, 'a')).size, 29);
  EXPECT_EQ(make(std::string(kMaxTextBytes, 'a')).size, 177);
}

TEST(Qr, DigitsAreEncodedAsBytesNotInNumericMode) {
  // Numeric mode would fit 34 digits in version 1 at level M; byte mode holds 14.
  EXPECT_EQ(make(std::string(20, '7')).size, 25);
}

TEST(Qr, DifferentTextsGiveDifferentCodesAndTheSameTextTheSameCode) {
  const QrCode policy = make(kPolicyUrl);
  const QrCode upper = make("HTTP://WWW.NMG.GOV.CN/ZWGK/ZFXXGK/ZFXXGKML/");
  const QrCode other = make("http://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/index.html");
  EXPECT_EQ(policy.modules, make(kPolicyUrl).modules);
  EXPECT_NE(policy.modules, upper.modules) << "URLs are case-sensitive";
  EXPECT_NE(policy.modules, other.modules);
  EXPECT_NE(make("a").modules, make("b").modules);
}

TEST(Qr, EveryByteCountsIncludingNul) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(make(with_nul).modules, make("a").modules);
  EXPECT_NE(make(with_nul).modules, make(std::string("a\0c", 3)).modules);
}

// [SECTION] Refusals

TEST(Qr, EmptyTextIsAnError) {
  const auto code = make_qr("");
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.error().find("no text"), std::string::npos) << code.error();
}

TEST(Qr, TooLongTextIsAnErrorThatSaysSo) {
  const auto too_long = make_qr(std::string(3000, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().find("too long"), std::string::npos) << too_long.error();
  EXPECT_NE(too_long.error().find("3000"), std::string::npos) << too_long.error();

  const auto one_over = make_qr(std::string(kMaxTextBytes + 1, 'x'));
  ASSERT_FALSE(one_over.ok());
  EXPECT_NE(one_over.error().find("too long"), std::string::npos) << one_over.error();
}

}  // namespace
}  // namespace kiosk::firmware::qr
