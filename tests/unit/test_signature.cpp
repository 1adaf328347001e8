// minisign signatures: round trips, a fixed vector made once by the real minisign 0.11
// (tests/data/minisign), every malformed file we could think of, and verify's distinct refusals.
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <string>
#include <vector>

#include "firmware/signature/signature.h"
#include "tests/support/test_support.h"

namespace kiosk::firmware::signature {
namespace {

// [SECTION] Helpers

const std::string kData = std::string(KIOSK_TESTS_DIR) + "/data/minisign/";

std::string data(const std::string& name) { return testing::read_file(kData + name); }

FileHash hash_of(const std::string& bytes) {
  FileHasher hasher;
  hasher.update(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return hasher.finish();
}

std::string hex(const std::uint8_t* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.resize(size * 2);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

std::vector<std::uint8_t> from_base64(const std::string& line) {
  std::vector<std::uint8_t> bytes(line.size());
  std::size_t size = 0;
  EXPECT_EQ(sodium_base642bin(bytes.data(), bytes.size(), line.data(), line.size(), nullptr, &size,
                              nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  bytes.resize(size);
  return bytes;
}

std::string to_base64(const std::vector<std::uint8_t>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

// The text with line `index`'s base64 decoded, changed by `change` and encoded again.
template <typename Change>
std::string with_bytes(const std::string& text, std::size_t index, Change change) {
  auto lines = lines_of(text);
  auto bytes = from_base64(lines.at(index));
  change(bytes);
  lines[index] = to_base64(bytes);
  return join(lines);
}

std::string with_line(const std::string& text, std::size_t index, const std::string& line) {
  auto lines = lines_of(text);
  lines.at(index) = line;
  return join(lines);
}

std::string without_lines_from(const std::string& text, std::size_t count) {
  auto lines = lines_of(text);
  lines.resize(count);
  return join(lines);
}

// EXPECTs the parse to fail with a message containing `expected`.
#define EXPECT_REFUSED(result, expected)                                                    \
  do {                                                                                      \
    const auto& refused_ = (result);                                                        \
    ASSERT_FALSE(refused_.ok()) << "accepted, expected a refusal containing: " << expected; \
    EXPECT_NE(refused_.error().find(expected), std::string::npos) << refused_.error();      \
  } while (false)

struct Signed {
  KeyPair keys = generate_key_pair();
  std::string file = "content release bytes\n";
  Signature signature = sign(hash_of(file), keys.secret_key, "timestamp:1\tfile:x\thashed");
};

// [SECTION] Hashing and key ids

TEST(FileHasher, IsBlake2b512AndStreams) {
  EXPECT_EQ(hex(hash_of("").data(), 64),
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313"
            "896444934eb04b903a685b1448b755d56f701afe9be2ce");
  EXPECT_EQ(hex(hash_of("abc").data(), 64),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc2"
            "52d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  std::string big(200000, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 + i / 13);
  FileHasher pieces;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(big.data());
  for (std::size_t at = 0, step = 1; at < big.size(); at += step, step = step * 3 % 65537 + 1) {
    pieces.update(bytes + at, std::min(step, big.size() - at));
  }
  pieces.update(nullptr, 0);
  const FileHash whole = hash_of(big);
  EXPECT_EQ(pieces.finish(), whole);
  EXPECT_EQ(pieces.finish(), whole) << "a second finish() returns the same hash";
}

TEST(KeyId, PrintsLikeMinisign) {
  EXPECT_EQ(key_id_hex({0x11, 0x91, 0x84, 0x8A, 0x67, 0x04, 0x5A, 0x48}), "485A04678A849111");
  EXPECT_EQ(key_id_hex({1, 0, 0, 0, 0, 0, 0, 0}), "0000000000000001");
  EXPECT_EQ(key_id_hex({0, 0, 0, 0, 0, 0, 0, 0xF0}), "F000000000000000");
}

// [SECTION] Round trips

TEST(RoundTrip, KeysAndSignatures) {
  const KeyPair keys = generate_key_pair();
  EXPECT_EQ(keys.public_key.id, keys.secret_key.id);
  const std::string public_text = format_public_key(keys.public_key);
  EXPECT_EQ(
      public_text.rfind(
          "untrusted comment: minisign public key " + key_id_hex(keys.public_key.id) + "\n", 0),
      0u)
      << public_text;
  auto public_key = parse_public_key(public_text);
  ASSERT_TRUE(public_key.ok()) << public_key.error();
  EXPECT_EQ(public_key->id, keys.public_key.id);
  EXPECT_EQ(public_key->key, keys.public_key.key);
  auto bare = parse_public_key(lines_of(public_text)[1]);
  ASSERT_TRUE(bare.ok()) << bare.error();
  EXPECT_EQ(bare->key, keys.public_key.key);

  auto secret_key = parse_secret_key(format_secret_key(keys.secret_key));
  ASSERT_TRUE(secret_key.ok()) << secret_key.error();
  EXPECT_EQ(secret_key->id, keys.secret_key.id);
  EXPECT_EQ(secret_key->key, keys.secret_key.key);

  const FileHash hash = hash_of("a release");
  const Signature made = sign(hash, secret_key.value(), "timestamp:5\tcontent_version:9", "note");
  auto parsed = parse_signature(format_signature(made));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->key_id, keys.public_key.id);
  EXPECT_EQ(parsed->signature, made.signature);
  EXPECT_EQ(parsed->global_signature, made.global_signature);
  EXPECT_EQ(parsed->untrusted_comment, "note");
  EXPECT_EQ(parsed->trusted_comment, "timestamp:5\tcontent_version:9");
  auto verified = verify(parsed.value(), hash, {public_key.value()});
  EXPECT_TRUE(verified.ok()) << verified.error();
}

TEST(RoundTrip, EmptyCommentsAndDefaultUntrustedComment) {
  Signed s;
  const Signature made = sign(hash_of(s.file), s.keys.secret_key, "");
  EXPECT_EQ(made.untrusted_comment, "signature from kioskpack secret key");
  auto parsed = parse_signature(format_signature(made));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->trusted_comment, "");
  EXPECT_TRUE(verify(parsed.value(), hash_of(s.file), {s.keys.public_key}).ok());
}

TEST(Sign, CleansCommentsSoTheResultAlwaysVerifies) {
  Signed s;
  const Signature broken =
      sign(hash_of(s.file), s.keys.secret_key, std::string("two\nlines\r\0x", 12), "a\nb");
  EXPECT_EQ(broken.trusted_comment, "two lines  x");
  EXPECT_EQ(broken.untrusted_comment, "a b");
  std::string long_comment(kMaxTrustedCommentBytes - 1, 'x');
  long_comment += "\xE4\xB8\xAD";  // 中 straddles the limit: cut before it, not inside
  const Signature cut = sign(hash_of(s.file), s.keys.secret_key, long_comment);
  EXPECT_EQ(cut.trusted_comment, std::string(kMaxTrustedCommentBytes - 1, 'x'));
  for (const Signature* made : {&broken, &cut}) {
    auto parsed = parse_signature(format_signature(*made));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_TRUE(verify(parsed.value(), hash_of(s.file), {s.keys.public_key}).ok());
  }
}

// [SECTION] The fixed vector made by the real minisign 0.11 (minisign -G -W, minisign -S -t)

TEST(MinisignVector, VerifiesMinisignsSignature) {
  auto key = parse_public_key(data("test-only.pub"));
  ASSERT_TRUE(key.ok()) << key.error();
  EXPECT_EQ(key_id_hex(key->id), "485A04678A849111");
  auto signature = parse_signature(data("message.txt.minisig"));
  ASSERT_TRUE(signature.ok()) << signature.error();
  EXPECT_EQ(signature->untrusted_comment, "signature from minisign secret key");
  EXPECT_EQ(signature->trusted_comment,
            "timestamp:1700000000\tfile:message.txt\thashed\tcontent_version:3");
  auto verified = verify(signature.value(), hash_of(data("message.txt")), {key.value()});
  EXPECT_TRUE(verified.ok()) << verified.error();
  EXPECT_FALSE(verify(signature.value(), hash_of(data("message.txt") + " "), {key.value()}).ok());
}

TEST(MinisignVector, OurSignatureIsByteForByteMinisigns) {
  // minisign -G -W writes a zero checksum (it checks none for unencrypted keys): accepted.
  const std::string key_text = data("test-only-DO-NOT-USE.key");
  EXPECT_EQ(hex(from_base64(lines_of(key_text)[1]).data() + 126, 32), std::string(64, '0'));
  auto secret = parse_secret_key(key_text);
  ASSERT_TRUE(secret.ok()) << secret.error();
  auto key = parse_public_key(data("test-only.pub"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(secret->id, key->id);
  EXPECT_TRUE(std::equal(key->key.begin(), key->key.end(), secret->key.begin() + 32));
  // Ed25519 is deterministic: the same key, hash and comments give minisign's exact file.
  const Signature made = sign(hash_of(data("message.txt")), secret.value(),
                              "timestamp:1700000000\tfile:message.txt\thashed\tcontent_version:3",
                              "signature from minisign secret key");
  EXPECT_EQ(format_signature(made), data("message.txt.minisig"));
  EXPECT_EQ(format_public_key(key.value()), data("test-only.pub"));
}

TEST(MinisignVector, RefusesAPasswordProtectedKey) {
  auto refused = parse_secret_key(data("test-only-encrypted.key"));
  EXPECT_REFUSED(refused, "secret key: encrypted with a password");
  EXPECT_REFUSED(refused, "`kioskpack keygen` or `minisign -G -W`");
}

TEST(MinisignVector, RefusesTheLegacyForm) {
  EXPECT_REFUSED(parse_signature(data("message.txt.legacy.minisig")),
                 "legacy signature: sign again without minisign's -l");
}

// [SECTION] Malformed signatures

TEST(ParseSignature, RefusesBrokenLayouts) {
  const std::string good = data("message.txt.minisig");
  ASSERT_TRUE(parse_signature(good).ok());
  EXPECT_REFUSED(parse_signature(""), "signature: empty");
  EXPECT_REFUSED(parse_signature("\n\n\r\n"), "empty");
  EXPECT_REFUSED(parse_signature(with_line(good, 0, "comment: x")),
                 "line 1 must start with \"untrusted comment: \"");
  EXPECT_REFUSED(parse_signature(with_line(good, 0, "untrusted comment:x")), "line 1 must start");
  EXPECT_REFUSED(parse_signature(" " + good), "line 1 must start");
  EXPECT_REFUSED(parse_signature(without_lines_from(good, 1)), "missing line 2 (the signature)");
  EXPECT_REFUSED(parse_signature(without_lines_from(good, 2)), "missing line 3");
  EXPECT_REFUSED(parse_signature(without_lines_from(good, 3)), "missing line 4");
  EXPECT_REFUSED(parse_signature(with_line(good, 2, "trusted comments: x")),
                 "line 3 must start with \"trusted comment: \"");
  EXPECT_REFUSED(parse_signature(with_line(good, 2, lines_of(good)[0])), "line 3 must start");
  EXPECT_REFUSED(parse_signature(good + "more\n"), "unexpected text after line 4");
  EXPECT_REFUSED(parse_signature(good + "\n\nmore"), "unexpected text after line 4");
  // Lines swapped: the signature where the comment should be.
  auto lines = lines_of(good);
  std::swap(lines[1], lines[3]);
  EXPECT_REFUSED(parse_signature(join(lines)), "line 2 is not a minisign signature");
}

TEST(ParseSignature, RefusesBadBase64) {
  const std::string good = data("message.txt.minisig");
  const std::string sig_line = lines_of(good)[1];
  const std::string global_line = lines_of(good)[3];
  EXPECT_REFUSED(parse_signature(with_line(good, 1, sig_line.substr(1))),
                 "expected 100 base64 characters, found 99");
  EXPECT_REFUSED(parse_signature(with_line(good, 1, sig_line + "A")), "found 101");
  EXPECT_REFUSED(parse_signature(with_line(good, 1, "")), "found 0");
  EXPECT_REFUSED(parse_signature(with_line(good, 1, sig_line + " ")), "found 101");
  std::string bad = sig_line;
  bad[10] = '*';
  EXPECT_REFUSED(parse_signature(with_line(good, 1, bad)),
                 "line 2 is not a minisign signature: invalid base64");
  bad = sig_line;
  bad[20] = '\0';
  EXPECT_REFUSED(parse_signature(with_line(good, 1, bad)), "invalid base64");
  bad = sig_line;
  bad[bad.size() - 1] = 'A';  // padding replaced: 100 characters, no longer 74 bytes
  EXPECT_REFUSED(parse_signature(with_line(good, 1, bad)), "invalid base64");
  // 74 bytes end in "xx=": the last character's low bits must be zero (canonical base64).
  bad = sig_line;
  ASSERT_EQ(bad[bad.size() - 1], '=');
  bad[bad.size() - 2] =
      static_cast<char>(bad[bad.size() - 2] == 'A' ? 'B' : bad[bad.size() - 2] + 1);
  EXPECT_REFUSED(parse_signature(with_line(good, 1, bad)), "invalid base64");
  // Base64 URL-safe alphabet is not minisign's.
  bad = sig_line;
  for (char& c : bad) c = c == '+' ? '-' : c == '/' ? '_' : c;
  if (bad != sig_line) {
    EXPECT_REFUSED(parse_signature(with_line(good, 1, bad)), "invalid base64");
  }
  EXPECT_REFUSED(parse_signature(with_line(good, 3, global_line.substr(0, 87))),
                 "line 4 is not the trusted comment's signature: expected 88 base64 characters");
  bad = global_line;
  bad[0] = '!';
  EXPECT_REFUSED(parse_signature(with_line(good, 3, bad)),
                 "line 4 is not the trusted comment's signature: invalid base64");
  // A public key line where the signature should be.
  EXPECT_REFUSED(parse_signature(with_line(good, 1, lines_of(data("test-only.pub"))[1])),
                 "expected 100 base64 characters, found 56");
}

TEST(ParseSignature, RefusesOtherAlgorithms) {
  const std::string good = data("message.txt.minisig");
  auto set_algorithm = [&](char a, char b) {
    return with_bytes(good, 1, [&](auto& bytes) {
      bytes[0] = static_cast<std::uint8_t>(a);
      bytes[1] = static_cast<std::uint8_t>(b);
    });
  };
  EXPECT_REFUSED(parse_signature(set_algorithm('E', 'd')), "legacy signature");
  EXPECT_REFUSED(parse_signature(set_algorithm('e', 'd')),
                 "unknown signature algorithm (0x65 0x64");
  EXPECT_REFUSED(parse_signature(set_algorithm('\0', '\0')), "unknown signature algorithm");
  EXPECT_REFUSED(parse_signature(set_algorithm('D', 'E')), "unknown signature algorithm");
  EXPECT_TRUE(parse_signature(set_algorithm('E', 'D')).ok());
}

TEST(ParseSignature, CommentRules) {
  const std::string good = data("message.txt.minisig");
  // CRLF line ends are tolerated and not part of the comments.
  std::string crlf;
  for (const auto& line : lines_of(good)) crlf += line + "\r\n";
  auto parsed = parse_signature(crlf);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->untrusted_comment, "signature from minisign secret key");
  EXPECT_EQ(parsed->trusted_comment,
            "timestamp:1700000000\tfile:message.txt\thashed\tcontent_version:3");
  // No final newline, or extra blank lines at the end: fine.
  EXPECT_TRUE(parse_signature(good.substr(0, good.size() - 1)).ok());
  EXPECT_TRUE(parse_signature(good + "\n\r\n").ok());
  // A carriage return or NUL inside a comment (minisign would cut the comment there).
  EXPECT_REFUSED(parse_signature(with_line(good, 2, "trusted comment: a\rb")),
                 "line 3: the comment contains a carriage return");
  EXPECT_REFUSED(parse_signature(with_line(good, 2, "trusted comment: a\r\r")), "carriage return");
  EXPECT_REFUSED(parse_signature(with_line(good, 0, std::string("untrusted comment: a\0b", 22))),
                 "line 1: the comment contains a NUL byte");
  // Lengths minisign can read back.
  EXPECT_TRUE(
      parse_signature(
          with_line(good, 2, "trusted comment: " + std::string(kMaxTrustedCommentBytes, 'x')))
          .ok());
  EXPECT_REFUSED(parse_signature(with_line(
                     good, 2, "trusted comment: " + std::string(kMaxTrustedCommentBytes + 1, 'x'))),
                 "line 3: the comment is longer than 8000 bytes");
  EXPECT_REFUSED(
      parse_signature(with_line(
          good, 0, "untrusted comment: " + std::string(kMaxUntrustedCommentBytes + 1, 'x'))),
      "line 1: the comment is longer than 1000 bytes");
  // Whole file size.
  EXPECT_REFUSED(parse_signature(good + std::string(64 * 1024, '\n')), "larger than 64 KiB");
}

// [SECTION] Malformed public keys

TEST(ParsePublicKey, RefusesBrokenKeys) {
  const std::string good = data("test-only.pub");
  const std::string line = lines_of(good)[1];
  EXPECT_TRUE(parse_public_key(line + "\n").ok());
  EXPECT_TRUE(parse_public_key(lines_of(good)[0] + "\r\n" + line + "\r\n").ok());
  EXPECT_REFUSED(parse_public_key(""), "public key: empty");
  EXPECT_REFUSED(parse_public_key(lines_of(good)[0] + "\n"), "missing line 2 (the key)");
  EXPECT_REFUSED(parse_public_key("minisign public key\n" + line + "\n"),
                 "line 1 must start with \"untrusted comment: \"");
  EXPECT_REFUSED(parse_public_key(good + good), "unexpected text after line 2");
  EXPECT_REFUSED(parse_public_key(line.substr(1)),
                 "line 1 is not a minisign public key: expected 56");
  EXPECT_REFUSED(parse_public_key(with_line(good, 1, line + "=")),
                 "line 2 is not a minisign public key");
  EXPECT_REFUSED(parse_public_key(" " + line), "expected 56 base64 characters, found 57");
  std::string bad = line;
  bad[5] = '.';
  EXPECT_REFUSED(parse_public_key(bad), "invalid base64");
  EXPECT_REFUSED(parse_public_key(with_bytes(good, 1, [](auto& b) { b[1] = 'D'; })),
                 "unknown signature algorithm (0x45 0x44");
  EXPECT_REFUSED(parse_public_key(data("message.txt.minisig")), "unexpected text after line 2");
  EXPECT_REFUSED(parse_public_key(data("test-only-DO-NOT-USE.key")),
                 "expected 56 base64 characters, found 212");
  EXPECT_REFUSED(parse_public_key(std::string(70000, 'A')), "larger than 64 KiB");
}

// [SECTION] Malformed secret keys

TEST(ParseSecretKey, RefusesEncryptedAndBrokenKeys) {
  const std::string good = data("test-only-DO-NOT-USE.key");
  ASSERT_TRUE(parse_secret_key(good).ok());
  auto encrypted = parse_secret_key(with_bytes(good, 1, [](auto& b) {
    b[2] = 'S';
    b[3] = 'c';
  }));
  EXPECT_REFUSED(encrypted, "encrypted with a password");
  EXPECT_REFUSED(encrypted, "kioskpack keygen");
  EXPECT_REFUSED(encrypted, "minisign -G -W");
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[2] = 'X'; })),
                 "unknown key derivation function (0x58 0x00)");
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[4] = 'b'; })),
                 "unknown checksum algorithm");
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[0] = 'R'; })),
                 "unknown signature algorithm");
  // A wrong checksum (minisign's zero one replaced by garbage).
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[157] ^= 1; })),
                 "the checksum does not match");
  // Damage with the real checksum in place (our own keys carry it), and with a zero checksum.
  const std::string ours = format_secret_key(generate_key_pair().secret_key);
  EXPECT_NE(hex(from_base64(lines_of(ours)[1]).data() + 126, 32), std::string(64, '0'));
  EXPECT_REFUSED(parse_secret_key(with_bytes(ours, 1, [](auto& b) { b[70] ^= 4; })),
                 "the checksum does not match");
  EXPECT_REFUSED(parse_secret_key(with_bytes(ours, 1, [](auto& b) { b[56] ^= 4; })),
                 "the checksum does not match");
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[70] ^= 4; })),
                 "its public half does not belong to its seed");
  EXPECT_REFUSED(parse_secret_key(with_bytes(good, 1, [](auto& b) { b[120] ^= 4; })),
                 "its public half does not belong to its seed");
  // Layout.
  EXPECT_REFUSED(parse_secret_key(""), "secret key: empty");
  EXPECT_REFUSED(parse_secret_key(lines_of(good)[1]),
                 "line 1 must start with \"untrusted comment: \"");
  EXPECT_REFUSED(parse_secret_key(lines_of(good)[0]), "missing line 2 (the key)");
  EXPECT_REFUSED(parse_secret_key(good + "x\n"), "unexpected text after line 2");
  EXPECT_REFUSED(parse_secret_key(data("test-only.pub")),
                 "expected 212 base64 characters, found 56");
  EXPECT_REFUSED(parse_secret_key(with_line(good, 1, lines_of(good)[1].substr(0, 211) + "A")),
                 "invalid base64");
}

// [SECTION] verify's refusals, each with its own message

TEST(Verify, NoTrustedKey) {
  Signed s;
  EXPECT_REFUSED(verify(s.signature, hash_of(s.file), {}), "no trusted public key is configured");
}

TEST(Verify, UnknownKeyIdIsNamed) {
  Signed s;
  const KeyPair other = generate_key_pair();
  auto refused = verify(s.signature, hash_of(s.file), {other.public_key});
  EXPECT_REFUSED(refused, "signed by key " + key_id_hex(s.keys.public_key.id) +
                              ", which this kiosk does not trust");
  EXPECT_REFUSED(refused, key_id_hex(other.public_key.id));
}

TEST(Verify, ChangedFile) {
  Signed s;
  EXPECT_REFUSED(verify(s.signature, hash_of(s.file + "x"), {s.keys.public_key}),
                 "the signature does not match the file");
  Signature changed = s.signature;
  changed.signature[3] ^= 0x10;
  EXPECT_REFUSED(verify(changed, hash_of(s.file), {s.keys.public_key}),
                 "the signature does not match the file");
}

TEST(Verify, AnotherKeyWithTheSameId) {
  Signed s;
  KeyPair impostor = generate_key_pair();
  impostor.public_key.id = s.keys.public_key.id;
  EXPECT_REFUSED(verify(s.signature, hash_of(s.file), {impostor.public_key}),
                 "the signature does not match the file");
  // The right key after the impostor is still found.
  auto verified = verify(s.signature, hash_of(s.file), {impostor.public_key, s.keys.public_key});
  EXPECT_TRUE(verified.ok()) << verified.error();
}

TEST(Verify, ChangedTrustedComment) {
  Signed s;
  Signature changed = s.signature;
  changed.trusted_comment = "timestamp:1\tfile:x\thashed\tcontent_version:99";
  EXPECT_REFUSED(verify(changed, hash_of(s.file), {s.keys.public_key}),
                 "the trusted comment was changed after signing");
  changed = s.signature;
  changed.trusted_comment.pop_back();
  EXPECT_REFUSED(verify(changed, hash_of(s.file), {s.keys.public_key}),
                 "trusted comment was changed");
  changed = s.signature;
  changed.global_signature[63] ^= 1;
  EXPECT_REFUSED(verify(changed, hash_of(s.file), {s.keys.public_key}),
                 "trusted comment was changed");
  // The untrusted comment is not signed: changing it is fine.
  changed = s.signature;
  changed.untrusted_comment = "anything";
  EXPECT_TRUE(verify(changed, hash_of(s.file), {s.keys.public_key}).ok());
}

TEST(Verify, ChangedTrustedCommentInTheFile) {
  const std::string tampered = with_line(
      data("message.txt.minisig"), 2,
      "trusted comment: timestamp:1700000000\tfile:message.txt\thashed\tcontent_version:4");
  auto signature = parse_signature(tampered);
  ASSERT_TRUE(signature.ok()) << signature.error();
  auto key = parse_public_key(data("test-only.pub"));
  ASSERT_TRUE(key.ok());
  EXPECT_REFUSED(verify(signature.value(), hash_of(data("message.txt")), {key.value()}),
                 "the trusted comment was changed after signing");
}

TEST(Verify, AmongSeveralTrustedKeys) {
  Signed s;
  const KeyPair a = generate_key_pair();
  const KeyPair b = generate_key_pair();
  auto verified =
      verify(s.signature, hash_of(s.file), {a.public_key, s.keys.public_key, b.public_key});
  EXPECT_TRUE(verified.ok()) << verified.error();
}

}  // namespace
}  // namespace kiosk::firmware::signature
