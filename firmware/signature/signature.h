// Detached minisign signatures (Ed25519 over the BLAKE2b-512 hash of the file, minisign's
// "prehashed" ED form), with libsodium. Content bundles are a release file plus FILE.minisig;
// editors may sign with `kioskpack sign` or the standard `minisign -S`, and either verifies
// with the other. Parsing is for untrusted input (files from a USB stick): every failure is a
// message that says what is wrong, never a crash.
//
// File formats (https://jedisct1.github.io/minisign/):
//   public key:  "untrusted comment: ...\n" base64("Ed" || key_id[8] || public_key[32])
//   secret key:  "untrusted comment: ...\n" base64("Ed" kdf[2] "B2" salt[32] ops[8] mem[8]
//                                                   key_id[8] secret_key[64] checksum[32])
//   signature:   "untrusted comment: ...\n" base64("ED" || key_id[8] || signature[64])
//                "trusted comment: ...\n"   base64(global_signature[64])
// where signature signs BLAKE2b-512(file) and global_signature signs signature || comment.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result/result.h"

namespace kiosk::firmware::signature {

using KeyId = std::array<std::uint8_t, 8>;
using FileHash = std::array<std::uint8_t, 64>;  // BLAKE2b-512, as minisign computes it

// The key id as minisign prints it ("minisign public key 8A3D...": 16 upper-case hex digits
// of the little-endian 64-bit number).
std::string key_id_hex(const KeyId& id);

struct PublicKey {
  KeyId id{};
  std::array<std::uint8_t, 32> key{};
};

struct SecretKey {
  KeyId id{};
  std::array<std::uint8_t, 64> key{};  // libsodium's Ed25519 secret key (seed || public key)
};

struct KeyPair {
  PublicKey public_key;
  SecretKey secret_key;
};

struct Signature {
  KeyId key_id{};
  std::array<std::uint8_t, 64> signature{};
  std::string untrusted_comment;
  std::string trusted_comment;  // signed: may be shown as fact once verified
  std::array<std::uint8_t, 64> global_signature{};
};

// A public key file's text, or its bare base64 line (as minisign -P takes it).
common::Result<PublicKey> parse_public_key(std::string_view text);
// A secret key file's text. Only unencrypted keys (`kioskpack keygen`, `minisign -G -W`); an
// encrypted one is refused with a message saying how to make an unencrypted one. The checksum
// (BLAKE2b-256 of "Ed" || key_id || secret_key) must match, or be all zero: minisign -G -W
// writes zeros there. The secret key's public half must belong to its seed.
common::Result<SecretKey> parse_secret_key(std::string_view text);
// A .minisig file's text. Refuses the legacy non-prehashed "Ed" form with a clear message.
common::Result<Signature> parse_signature(std::string_view text);

std::string format_public_key(const PublicKey& key);  // the .pub file, minisign's layout
std::string format_secret_key(const SecretKey& key);  // unencrypted, minisign -W's layout
std::string format_signature(const Signature& signature);

KeyPair generate_key_pair();

// BLAKE2b-512 of a byte stream, fed in pieces (files are hashed while they are read).
class FileHasher {
 public:
  FileHasher();
  void update(const std::uint8_t* bytes, std::size_t size);
  FileHash finish();  // once; a second call returns the same hash, later updates are ignored

 private:
  alignas(64) std::array<std::uint8_t, 384> state_{};  // crypto_generichash_state
  bool finished_ = false;
  FileHash hash_{};
};

// The longest comments minisign itself reads back (it reads lines into fixed buffers).
inline constexpr std::size_t kMaxUntrustedCommentBytes = 1000;
inline constexpr std::size_t kMaxTrustedCommentBytes = 8000;

// The hash of a whole file, read in pieces.
common::Result<FileHash> hash_file(const std::string& path);

// Signs a file's hash; the trusted comment must be one line (no '\n', '\r' or NUL) of at most
// kMaxTrustedCommentBytes. As a last resort against a caller that did not check, such
// characters become spaces and a longer comment is cut, so what is signed is what the file
// says and always verifies (the same for the untrusted comment).
Signature sign(const FileHash& hash, const SecretKey& key, std::string trusted_comment,
               std::string untrusted_comment = "signature from kioskpack secret key");

// Checks `signature` for a file whose hash is `hash` against the trusted keys. The messages
// distinguish: no trusted key, a key id none of them has ("signed by key X, which this kiosk
// does not trust"), a signature that does not match the file, a trusted comment that was
// changed after signing.
// Only the trusted comment's signature, which needs no file: true when a trusted key with the
// signature's key id signed this comment (the file itself is not checked by this).
bool comment_is_signed(const Signature& signature, const std::vector<PublicKey>& trusted_keys);

common::Status verify(const Signature& signature, const FileHash& hash,
                      const std::vector<PublicKey>& trusted_keys);

}  // namespace kiosk::firmware::signature
