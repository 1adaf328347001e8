// Fuzz target for firmware/signature: any bytes go to parse_signature, parse_public_key and
// parse_secret_key. Beyond "no crash, no UB", every accepted input must satisfy properties:
// format(parse(x)) parses to the same value; a parsed signature verifies against the fixed key
// (the minisign test vector's) only for the fixed message and its exact trusted comment; a
// parsed secret key signs what its own public half verifies. Corpus: tests/fuzz/corpus/signature
// (replayed by the unit tests).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "firmware/signature/signature.h"

namespace sig = kiosk::firmware::signature;

namespace {

// tests/data/minisign/test-only.pub and message.txt (the vector the real minisign made).
constexpr std::string_view kPublicKey =
    "untrusted comment: minisign public key 485A04678A849111\n"
    "RWQRkYSKZwRaSEB/GBouSsQj9kl3XoZz7wFGgkQz9d5HpREh95FjqQdW\n";
constexpr std::string_view kMessage =
    "A content bundle stand-in, signed once by the real minisign 0.11.\n";

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz_signature: property violated: %s\n", what);
    std::abort();
  }
}

const sig::PublicKey& fixed_key() {
  static const sig::PublicKey key = [] {
    auto parsed = sig::parse_public_key(kPublicKey);
    check(parsed.ok(), "the fixed public key parses");
    return parsed.value();
  }();
  return key;
}

const sig::FileHash& fixed_hash() {
  static const sig::FileHash hash = [] {
    sig::FileHasher hasher;
    hasher.update(reinterpret_cast<const std::uint8_t*>(kMessage.data()), kMessage.size());
    return hasher.finish();
  }();
  return hash;
}

bool same(const sig::Signature& a, const sig::Signature& b) {
  return a.key_id == b.key_id && a.signature == b.signature &&
         a.untrusted_comment == b.untrusted_comment && a.trusted_comment == b.trusted_comment &&
         a.global_signature == b.global_signature;
}

void fuzz_signature(std::string_view input) {
  auto parsed = sig::parse_signature(input);
  if (!parsed) {
    check(!parsed.error().empty(), "a refused signature has a message");
    return;
  }
  auto again = sig::parse_signature(sig::format_signature(parsed.value()));
  check(again.ok() && same(again.value(), parsed.value()), "signature round trip");
  check(!sig::verify(parsed.value(), fixed_hash(), {}).ok(), "no trusted key: refused");
  const auto verified = sig::verify(parsed.value(), fixed_hash(), {fixed_key()});
  if (verified.ok()) {
    sig::FileHash other = fixed_hash();
    other[0] ^= 1;
    check(!sig::verify(parsed.value(), other, {fixed_key()}).ok(), "another file: refused");
    sig::Signature changed = parsed.value();
    changed.trusted_comment += "x";
    check(!sig::verify(changed, fixed_hash(), {fixed_key()}).ok(),
          "a changed trusted comment: refused");
    changed = parsed.value();
    changed.untrusted_comment += "x";
    check(sig::verify(changed, fixed_hash(), {fixed_key()}).ok(),
          "the untrusted comment is not signed");
  }
}

void fuzz_public_key(std::string_view input) {
  auto parsed = sig::parse_public_key(input);
  if (!parsed) {
    check(!parsed.error().empty(), "a refused public key has a message");
    return;
  }
  auto again = sig::parse_public_key(sig::format_public_key(parsed.value()));
  check(again.ok() && again->id == parsed->id && again->key == parsed->key,
        "public key round trip");
  check(sig::key_id_hex(parsed->id).size() == 16, "key ids print as 16 digits");
}

void fuzz_secret_key(std::string_view input) {
  auto parsed = sig::parse_secret_key(input);
  if (!parsed) {
    check(!parsed.error().empty(), "a refused secret key has a message");
    return;
  }
  auto again = sig::parse_secret_key(sig::format_secret_key(parsed.value()));
  check(again.ok() && again->id == parsed->id && again->key == parsed->key,
        "secret key round trip");
  sig::PublicKey own{parsed->id, {}};
  for (std::size_t i = 0; i < own.key.size(); ++i) own.key[i] = parsed->key[32 + i];
  const sig::Signature made = sig::sign(fixed_hash(), parsed.value(), "fuzz");
  check(sig::verify(made, fixed_hash(), {own}).ok(), "an accepted secret key signs verifiably");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(size == 0 ? "" : reinterpret_cast<const char*>(data), size);
  fuzz_signature(input);
  fuzz_public_key(input);
  fuzz_secret_key(input);
  return 0;
}
