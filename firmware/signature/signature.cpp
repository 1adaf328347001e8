// minisign's formats with libsodium. Every parse step checks before it reads: lengths first,
// then base64 (exact length, canonical, nothing left over), then the algorithm bytes.
#include "firmware/signature/signature.h"

#include <sodium.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace kiosk::firmware::signature {

namespace {

constexpr std::size_t kMaxFileBytes = 64 * 1024;
constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";

// Sizes of the decoded base64 lines (minisign's structs, packed).
constexpr std::size_t kPublicKeyBytes = 2 + 8 + 32;
constexpr std::size_t kSecretKeyBytes = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
constexpr std::size_t kSignatureBytes = 2 + 8 + 64;
constexpr std::size_t kGlobalSignatureBytes = 64;

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 &&
              crypto_sign_BYTES == 64 && crypto_sign_SEEDBYTES == 32);
static_assert(sizeof(crypto_generichash_state) <= 384 && alignof(crypto_generichash_state) <= 64,
              "FileHasher::state_ is too small for libsodium's crypto_generichash_state");

void ensure_sodium() {
  static const int result = sodium_init();  // thread-safe once; 1 = already initialised
  if (result < 0) {
    std::fputs("kiosk: libsodium cannot be initialised (no random source)\n", stderr);
    std::abort();
  }
}

common::Error fail(std::string_view what, const std::string& message) {
  return common::Error{std::string(what) + ": " + message};
}

// The lines of a small text file: split at '\n', one trailing '\r' removed from each, empty
// lines at the end dropped (an editor's extra newline). Refuses anything over 64 KiB.
common::Result<std::vector<std::string_view>> split_lines(std::string_view contents,
                                                          std::string_view what) {
  if (contents.size() > kMaxFileBytes) {
    return fail(what, "larger than 64 KiB (" + std::to_string(contents.size()) +
                          " bytes): not a minisign file");
  }
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < contents.size()) {
    const std::size_t end = contents.find('\n', start);
    std::string_view line =
        contents.substr(start, end == std::string_view::npos ? contents.npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return fail(what, "empty");
  return lines;
}

std::string line_name(std::size_t index) { return "line " + std::to_string(index + 1); }

// The text after `prefix` on a comment line, refused when it has bytes minisign would cut at.
common::Result<std::string> comment_text(std::string_view line, std::string_view prefix,
                                         std::size_t max_bytes, std::size_t index,
                                         std::string_view what) {
  if (line.substr(0, prefix.size()) != prefix) {
    return fail(what, line_name(index) + " must start with \"" + std::string(prefix) + "\"");
  }
  const std::string_view comment = line.substr(prefix.size());
  if (comment.size() > max_bytes) {
    return fail(what, line_name(index) + ": the comment is longer than " +
                          std::to_string(max_bytes) + " bytes");
  }
  if (comment.find('\0') != comment.npos) {
    return fail(what, line_name(index) + ": the comment contains a NUL byte");
  }
  if (comment.find('\r') != comment.npos) {
    return fail(what, line_name(index) + ": the comment contains a carriage return");
  }
  return std::string(comment);
}

constexpr std::size_t base64_length(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

// Decodes exactly `size` bytes from a line that must be exactly their canonical base64.
common::Status decode_base64(std::string_view line, std::uint8_t* out, std::size_t size,
                             std::size_t index, std::string_view what, const char* contents) {
  if (line.size() != base64_length(size)) {
    return fail(what, line_name(index) + " is not " + contents + ": expected " +
                          std::to_string(base64_length(size)) + " base64 characters, found " +
                          std::to_string(line.size()));
  }
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out, size, line.data(), line.size(), nullptr, &decoded, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      decoded != size || end != line.data() + line.size()) {
    return fail(what, line_name(index) + " is not " + contents + ": invalid base64");
  }
  return common::Nothing{};
}

std::string encode_base64(const std::uint8_t* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string algorithm_name(const std::uint8_t* bytes) {
  char name[32];
  std::snprintf(name, sizeof name, "0x%02X 0x%02X", bytes[0], bytes[1]);
  return name;
}

bool bytes_are(const std::uint8_t* bytes, const char (&expected)[3]) {
  return bytes[0] == static_cast<std::uint8_t>(expected[0]) &&
         bytes[1] == static_cast<std::uint8_t>(expected[1]);
}

// One line, at most `max_bytes`, cut at a UTF-8 character boundary.
std::string clean_comment(std::string comment, std::size_t max_bytes) {
  for (char& c : comment) {
    if (c == '\n' || c == '\r' || c == '\0') c = ' ';
  }
  if (comment.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(comment[cut]) & 0xC0) == 0x80) --cut;
    comment.resize(cut);
  }
  return comment;
}

// minisign's secret key checksum: BLAKE2b-256(sig_alg || key_id || secret_key).
std::array<std::uint8_t, 32> secret_key_checksum(const std::uint8_t* key_id,
                                                 const std::uint8_t* secret_key) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>("Ed"), 2);
  crypto_generichash_update(&state, key_id, 8);
  crypto_generichash_update(&state, secret_key, 64);
  std::array<std::uint8_t, 32> checksum{};
  crypto_generichash_final(&state, checksum.data(), checksum.size());
  sodium_memzero(&state, sizeof state);
  return checksum;
}

// Wipes a buffer that held secret key material when it goes out of scope.
template <std::size_t N>
struct Wiped {
  std::array<std::uint8_t, N> bytes{};
  Wiped() = default;
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;
  ~Wiped() { sodium_memzero(bytes.data(), bytes.size()); }
};

}  // namespace

std::string key_id_hex(const KeyId& id) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < id.size(); ++i) value |= std::uint64_t{id[i]} << (8 * i);
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIX64, value);
  return text;
}

common::Result<PublicKey> parse_public_key(std::string_view contents) {
  constexpr std::string_view what = "public key";
  auto lines = split_lines(contents, what);
  if (!lines) return common::Error{lines.error()};
  std::size_t key_line = 0;
  if (lines->size() == 1) {
    // The bare base64 line, as minisign -P takes it; a lone comment line is a cut-off file.
    if ((*lines)[0].substr(0, kUntrustedPrefix.size()) == kUntrustedPrefix) {
      return fail(what, "missing line 2 (the key)");
    }
  } else if (lines->size() == 2) {
    auto comment = comment_text((*lines)[0], kUntrustedPrefix, kMaxUntrustedCommentBytes, 0, what);
    if (!comment) return common::Error{comment.error()};
    key_line = 1;
  } else {
    return fail(what, "unexpected text after line 2");
  }
  std::array<std::uint8_t, kPublicKeyBytes> bytes{};
  auto decoded = decode_base64((*lines)[key_line], bytes.data(), bytes.size(), key_line, what,
                               "a minisign public key");
  if (!decoded) return common::Error{decoded.error()};
  if (!bytes_are(bytes.data(), "Ed")) {
    return fail(what, "unknown signature algorithm (" + algorithm_name(bytes.data()) +
                          "; minisign's is \"Ed\")");
  }
  PublicKey key;
  std::memcpy(key.id.data(), bytes.data() + 2, key.id.size());
  std::memcpy(key.key.data(), bytes.data() + 10, key.key.size());
  return key;
}

common::Result<SecretKey> parse_secret_key(std::string_view contents) {
  ensure_sodium();
  constexpr std::string_view what = "secret key";
  auto lines = split_lines(contents, what);
  if (!lines) return common::Error{lines.error()};
  auto comment = comment_text((*lines)[0], kUntrustedPrefix, kMaxUntrustedCommentBytes, 0, what);
  if (!comment) return common::Error{comment.error()};
  if (lines->size() < 2) return fail(what, "missing line 2 (the key)");
  if (lines->size() > 2) return fail(what, "unexpected text after line 2");
  Wiped<kSecretKeyBytes> bytes;
  auto decoded = decode_base64((*lines)[1], bytes.bytes.data(), bytes.bytes.size(), 1, what,
                               "a minisign secret key");
  if (!decoded) return common::Error{decoded.error()};
  const std::uint8_t* b = bytes.bytes.data();
  if (!bytes_are(b, "Ed")) {
    return fail(what,
                "unknown signature algorithm (" + algorithm_name(b) + "; minisign's is \"Ed\")");
  }
  if (bytes_are(b + 2, "Sc")) {
    return fail(what,
                "encrypted with a password, which kioskpack does not ask for: make an "
                "unencrypted key with `kioskpack keygen` or `minisign -G -W` (or remove the "
                "password with `minisign -C -W`)");
  }
  if (b[2] != 0 || b[3] != 0) {
    return fail(what, "unknown key derivation function (" + algorithm_name(b + 2) + ")");
  }
  if (!bytes_are(b + 4, "B2")) {
    return fail(what,
                "unknown checksum algorithm (" + algorithm_name(b + 4) + "; minisign's is \"B2\")");
  }
  const std::uint8_t* key_id = b + 54;
  const std::uint8_t* secret = b + 62;
  const std::uint8_t* checksum = b + 126;
  // minisign -G -W leaves the checksum zero (it computes one only when encrypting) and never
  // checks it for an unencrypted key; -C -W and kioskpack keygen write the real one.
  const std::array<std::uint8_t, 32> zero{};
  if (sodium_memcmp(secret_key_checksum(key_id, secret).data(), checksum, 32) != 0 &&
      sodium_memcmp(zero.data(), checksum, 32) != 0) {
    return fail(what, "the checksum does not match: the key is damaged");
  }
  // Ed25519's secret key is seed || public key; the two halves must belong together.
  std::array<std::uint8_t, 32> public_half{};
  Wiped<64> derived;
  crypto_sign_seed_keypair(public_half.data(), derived.bytes.data(), secret);
  if (sodium_memcmp(derived.bytes.data(), secret, 64) != 0) {
    return fail(what, "its public half does not belong to its seed: the key is damaged");
  }
  SecretKey key;
  std::memcpy(key.id.data(), key_id, key.id.size());
  std::memcpy(key.key.data(), secret, key.key.size());
  return key;
}

common::Result<Signature> parse_signature(std::string_view contents) {
  constexpr std::string_view what = "signature";
  auto lines = split_lines(contents, what);
  if (!lines) return common::Error{lines.error()};
  Signature signature;
  auto untrusted = comment_text((*lines)[0], kUntrustedPrefix, kMaxUntrustedCommentBytes, 0, what);
  if (!untrusted) return common::Error{untrusted.error()};
  signature.untrusted_comment = std::move(untrusted.value());

  if (lines->size() < 2) return fail(what, "missing line 2 (the signature)");
  std::array<std::uint8_t, kSignatureBytes> bytes{};
  auto decoded =
      decode_base64((*lines)[1], bytes.data(), bytes.size(), 1, what, "a minisign signature");
  if (!decoded) return common::Error{decoded.error()};
  if (bytes_are(bytes.data(), "Ed")) {
    return fail(what, "legacy signature: sign again without minisign's -l");
  }
  if (!bytes_are(bytes.data(), "ED")) {
    return fail(what, "unknown signature algorithm (" + algorithm_name(bytes.data()) +
                          "; expected minisign's prehashed \"ED\")");
  }
  std::memcpy(signature.key_id.data(), bytes.data() + 2, signature.key_id.size());
  std::memcpy(signature.signature.data(), bytes.data() + 10, signature.signature.size());

  if (lines->size() < 3) return fail(what, "missing line 3 (the trusted comment)");
  auto trusted = comment_text((*lines)[2], kTrustedPrefix, kMaxTrustedCommentBytes, 2, what);
  if (!trusted) return common::Error{trusted.error()};
  signature.trusted_comment = std::move(trusted.value());

  if (lines->size() < 4) return fail(what, "missing line 4 (the trusted comment's signature)");
  decoded =
      decode_base64((*lines)[3], signature.global_signature.data(),
                    signature.global_signature.size(), 3, what, "the trusted comment's signature");
  if (!decoded) return common::Error{decoded.error()};
  if (lines->size() > 4) return fail(what, "unexpected text after line 4");
  return signature;
}

std::string format_public_key(const PublicKey& key) {
  ensure_sodium();
  std::array<std::uint8_t, kPublicKeyBytes> bytes{'E', 'd'};
  std::memcpy(bytes.data() + 2, key.id.data(), key.id.size());
  std::memcpy(bytes.data() + 10, key.key.data(), key.key.size());
  return std::string(kUntrustedPrefix) + "minisign public key " + key_id_hex(key.id) + "\n" +
         encode_base64(bytes.data(), bytes.size()) + "\n";
}

std::string format_secret_key(const SecretKey& key) {
  ensure_sodium();
  // minisign -W's layout: kdf {0, 0}, salt and limits zero, the key and checksum in clear.
  Wiped<kSecretKeyBytes> bytes;
  std::uint8_t* b = bytes.bytes.data();
  b[0] = 'E';
  b[1] = 'd';
  b[4] = 'B';
  b[5] = '2';
  std::memcpy(b + 54, key.id.data(), key.id.size());
  std::memcpy(b + 62, key.key.data(), key.key.size());
  const auto checksum = secret_key_checksum(key.id.data(), key.key.data());
  std::memcpy(b + 126, checksum.data(), checksum.size());
  std::string encoded = encode_base64(b, bytes.bytes.size());
  std::string out = std::string(kUntrustedPrefix) + "unencrypted minisign secret key " +
                    key_id_hex(key.id) + "\n" + encoded + "\n";
  sodium_memzero(encoded.data(), encoded.size());
  return out;
}

std::string format_signature(const Signature& signature) {
  ensure_sodium();
  std::array<std::uint8_t, kSignatureBytes> bytes{'E', 'D'};
  std::memcpy(bytes.data() + 2, signature.key_id.data(), signature.key_id.size());
  std::memcpy(bytes.data() + 10, signature.signature.data(), signature.signature.size());
  return std::string(kUntrustedPrefix) +
         clean_comment(signature.untrusted_comment, kMaxUntrustedCommentBytes) + "\n" +
         encode_base64(bytes.data(), bytes.size()) + "\n" + std::string(kTrustedPrefix) +
         clean_comment(signature.trusted_comment, kMaxTrustedCommentBytes) + "\n" +
         encode_base64(signature.global_signature.data(), kGlobalSignatureBytes) + "\n";
}

KeyPair generate_key_pair() {
  ensure_sodium();
  KeyPair pair;
  crypto_sign_keypair(pair.public_key.key.data(), pair.secret_key.key.data());
  randombytes_buf(pair.public_key.id.data(), pair.public_key.id.size());
  pair.secret_key.id = pair.public_key.id;
  return pair;
}

common::Result<FileHash> hash_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) return common::Error{"cannot open " + path + ": " + std::strerror(errno)};
  FileHasher hasher;
  std::vector<std::uint8_t> buffer(64 * 1024);
  std::size_t size = 0;
  while ((size = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    hasher.update(buffer.data(), size);
  }
  if (std::ferror(file.get()) != 0) {
    return common::Error{"cannot read " + path + ": " + std::strerror(errno)};
  }
  return hasher.finish();
}

FileHasher::FileHasher() {
  ensure_sodium();
  auto* state = ::new (static_cast<void*>(state_.data())) crypto_generichash_state;
  crypto_generichash_init(state, nullptr, 0, hash_.size());
}

void FileHasher::update(const std::uint8_t* bytes, std::size_t size) {
  if (finished_ || size == 0) return;
  auto* state =
      std::launder(static_cast<crypto_generichash_state*>(static_cast<void*>(state_.data())));
  crypto_generichash_update(state, bytes, size);
}

FileHash FileHasher::finish() {
  if (!finished_) {
    auto* state =
        std::launder(static_cast<crypto_generichash_state*>(static_cast<void*>(state_.data())));
    crypto_generichash_final(state, hash_.data(), hash_.size());
    finished_ = true;
  }
  return hash_;
}

Signature sign(const FileHash& hash, const SecretKey& key, std::string trusted_comment,
               std::string untrusted_comment) {
  ensure_sodium();
  Signature signature;
  signature.key_id = key.id;
  signature.untrusted_comment =
      clean_comment(std::move(untrusted_comment), kMaxUntrustedCommentBytes);
  signature.trusted_comment = clean_comment(std::move(trusted_comment), kMaxTrustedCommentBytes);
  crypto_sign_detached(signature.signature.data(), nullptr, hash.data(), hash.size(),
                       key.key.data());
  std::string signed_comment(signature.signature.begin(), signature.signature.end());
  signed_comment += signature.trusted_comment;
  crypto_sign_detached(signature.global_signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(signed_comment.data()),
                       signed_comment.size(), key.key.data());
  return signature;
}

bool comment_is_signed(const Signature& signature, const std::vector<PublicKey>& trusted_keys) {
  ensure_sodium();
  std::string signed_comment(signature.signature.begin(), signature.signature.end());
  signed_comment += signature.trusted_comment;
  for (const auto& key : trusted_keys) {
    if (key.id == signature.key_id &&
        crypto_sign_verify_detached(signature.global_signature.data(),
                                    reinterpret_cast<const unsigned char*>(signed_comment.data()),
                                    signed_comment.size(), key.key.data()) == 0) {
      return true;
    }
  }
  return false;
}

common::Status verify(const Signature& signature, const FileHash& hash,
                      const std::vector<PublicKey>& trusted_keys) {
  ensure_sodium();
  if (trusted_keys.empty()) {
    return common::Error{"no trusted public key is configured: no signature can be accepted"};
  }
  // Key ids are not secret and not unique by construction: try every key that carries the id.
  const PublicKey* signer = nullptr;
  bool id_known = false;
  for (const auto& key : trusted_keys) {
    if (key.id != signature.key_id) continue;
    id_known = true;
    if (crypto_sign_verify_detached(signature.signature.data(), hash.data(), hash.size(),
                                    key.key.data()) == 0) {
      signer = &key;
      break;
    }
  }
  if (!id_known) {
    std::string trusted;
    for (const auto& key : trusted_keys)
      trusted += (trusted.empty() ? "" : ", ") + key_id_hex(key.id);
    return common::Error{"signed by key " + key_id_hex(signature.key_id) +
                         ", which this kiosk does not trust (trusted: " + trusted + ")"};
  }
  if (signer == nullptr) {
    return common::Error{
        "the signature does not match the file: it was changed or damaged after "
        "signing (or signed by another key with the id " +
        key_id_hex(signature.key_id) + ")"};
  }
  std::string signed_comment(signature.signature.begin(), signature.signature.end());
  signed_comment += signature.trusted_comment;
  if (crypto_sign_verify_detached(signature.global_signature.data(),
                                  reinterpret_cast<const unsigned char*>(signed_comment.data()),
                                  signed_comment.size(), signer->key.data()) != 0) {
    return common::Error{
        "the trusted comment was changed after signing (its signature does not "
        "match)"};
  }
  return common::Nothing{};
}

}  // namespace kiosk::firmware::signature
