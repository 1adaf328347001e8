// `kioskpack keygen`, `sign` and `verify`: minisign-compatible signatures for content bundles.
// The flags are minisign's letters, so an editor who knows one tool knows the other.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/kioskpack/commands.h"
#include "firmware/signature/signature.h"
#include "firmware/sqlite/sqlite.h"

namespace kiosk::pack {

namespace {

namespace sig = kiosk::firmware::signature;
namespace sqlite = kiosk::firmware::sqlite;

constexpr const char* kKeygenUsage =
    "usage: kioskpack keygen -p PUB -s SEC [-f]\n"
    "\n"
    "Makes a key pair for signing content bundles, in minisign's format (like minisign -G -W).\n"
    "The secret key is NOT encrypted: keep SEC on the editor's machine, never on a kiosk or a\n"
    "USB stick. Copy PUB to the kiosks.\n"
    "  -p PUB  the public key file to write\n"
    "  -s SEC  the secret key file to write (mode 0600)\n"
    "  -f      overwrite existing key files\n";

constexpr const char* kSignUsage =
    "usage: kioskpack sign -s SEC -m FILE [-x SIGFILE] [-t COMMENT] [-c COMMENT]\n"
    "\n"
    "Signs FILE (usually a content release) with the secret key SEC, like minisign -S: writes\n"
    "FILE.minisig, which `kioskpack verify`, `minisign -V` and the kiosk accept.\n"
    "  -s SEC      an unencrypted secret key (kioskpack keygen, minisign -G -W)\n"
    "  -m FILE     the file to sign\n"
    "  -x SIGFILE  the signature file to write (default FILE.minisig)\n"
    "  -t COMMENT  the trusted (signed) comment, one line; default\n"
    "              timestamp:<unix seconds>\\tfile:<name>\\thashed\\tcontent_version:<N>\n"
    "              (content_version only when FILE is a content release; SOURCE_DATE_EPOCH,\n"
    "              when set, is the timestamp)\n"
    "  -c COMMENT  the untrusted comment, one line\n";

constexpr const char* kVerifyUsage =
    "usage: kioskpack verify (-p PUB | -P KEY) -m FILE [-x SIGFILE]\n"
    "\n"
    "Checks FILE's signature (FILE.minisig, or SIGFILE) against a public key, like minisign -V.\n"
    "Prints the trusted comment and exits 0 when both the signature and the comment's\n"
    "signature are good; otherwise prints the reason and exits 1.\n"
    "  -p PUB      the public key file\n"
    "  -P KEY      the public key as its base64 line\n"
    "  -m FILE     the signed file\n"
    "  -x SIGFILE  the signature (default FILE.minisig)\n";

int failure(const char* command, const std::string& message) {
  std::fprintf(stderr, "kioskpack %s: %s\n", command, message.c_str());
  return 1;
}

// minisign-style options: each one separate ("-p FILE", never "-pFILE" or "-fp"), at most once.
struct Options {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::string error;  // non-empty: a usage error
  bool help = false;
};

Options parse_options(const std::vector<std::string>& args, const std::set<std::string>& valued,
                      const std::set<std::string>& boolean) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (valued.count(arg) != 0) {
      if (i + 1 >= args.size()) {
        options.error = arg + " needs a value";
        return options;
      }
      if (!options.values.emplace(arg, args[++i]).second) {
        options.error = arg + " given more than once";
        return options;
      }
    } else if (boolean.count(arg) != 0) {
      options.flags.insert(arg);
    } else if (!arg.empty() && arg[0] == '-') {
      options.error = "unknown option '" + arg + "'";
      return options;
    } else {
      options.error = "unexpected argument '" + arg + "'";
      return options;
    }
  }
  return options;
}

std::string value_of(const Options& options, const std::string& flag) {
  auto it = options.values.find(flag);
  return it == options.values.end() ? std::string() : it->second;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A key or signature file: at most 64 KiB are read (the parsers refuse more anyway).
common::Result<std::string> read_small_file(const std::string& path) {
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) return common::Error{"cannot open " + path + ": " + std::strerror(errno)};
  std::string contents(64 * 1024 + 1, '\0');
  const std::size_t size = std::fread(contents.data(), 1, contents.size(), file.get());
  if (std::ferror(file.get()) != 0) {
    return common::Error{"cannot read " + path + ": " + std::strerror(errno)};
  }
  contents.resize(size);
  return contents;
}

// The release's meta.content_version, when `path` is a content release (read-only, defensive).
std::optional<std::string> content_version(const std::string& path) {
  sqlite3* raw = nullptr;
  const int opened =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite::Database db(raw);  // owns the handle even when opening failed
  if (opened != SQLITE_OK) return std::nullopt;
  sqlite::apply_read_only_defences(db.get());
  sqlite3_stmt* raw_statement = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT value FROM meta WHERE key = 'content_version'", -1,
                         &raw_statement, nullptr) != SQLITE_OK) {
    return std::nullopt;  // not SQLite, or no meta table
  }
  sqlite::StatementHandle statement(raw_statement);
  if (sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
  const unsigned char* text = sqlite3_column_text(statement.get(), 0);
  if (text == nullptr) return std::nullopt;
  std::string version(reinterpret_cast<const char*>(text));
  if (version.empty() || version.size() > 18 ||
      version.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return version;
}

// Writes a file whole or not at all: a temporary file beside it, fsync, rename.
common::Status write_file_atomically(const std::string& path, const std::string& contents,
                                     mode_t mode) {
  std::string temporary = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temporary.data());  // created with mode 0600
  if (fd < 0) return common::Error{"cannot create " + temporary + ": " + std::strerror(errno)};
  auto give_up = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return common::Error{std::string("cannot ") + what + " " + path + ": " + std::strerror(saved)};
  };
  if (::fchmod(fd, mode) != 0) return give_up("set the mode of");
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return give_up("write");
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return give_up("write");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    return common::Error{"cannot write " + path + ": " + std::strerror(saved)};
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    return common::Error{"cannot write " + path + ": " + std::strerror(saved)};
  }
  return common::Nothing{};
}

// "" when `comment` is fit to be a comment line, else what is wrong with it.
std::string comment_problem(const std::string& comment, std::size_t max_bytes) {
  if (comment.find_first_of(std::string("\n\r\0", 3)) != std::string::npos) {
    return "must be one line (no line break)";
  }
  if (comment.size() > max_bytes) {
    return "is longer than " + std::to_string(max_bytes) + " bytes (minisign reads no more)";
  }
  return "";
}

long long unix_seconds() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && value >= 0) return value;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int run_keygen_command(const std::vector<std::string>& args) {
  const Options options = parse_options(args, {"-p", "-s"}, {"-f"});
  if (!options.error.empty()) return usage_error("keygen", options.error, kKeygenUsage);
  if (options.help) {
    std::fputs(kKeygenUsage, stdout);
    return 0;
  }
  const std::string public_path = value_of(options, "-p");
  const std::string secret_path = value_of(options, "-s");
  if (public_path.empty()) return usage_error("keygen", "-p PUB is required", kKeygenUsage);
  if (secret_path.empty()) return usage_error("keygen", "-s SEC is required", kKeygenUsage);
  std::error_code error;
  std::error_code other_error;
  const auto public_canonical = std::filesystem::weakly_canonical(public_path, error);
  const auto secret_canonical = std::filesystem::weakly_canonical(secret_path, other_error);
  if (public_path == secret_path ||
      (!error && !other_error && public_canonical == secret_canonical)) {
    return usage_error("keygen", "PUB and SEC must be different files", kKeygenUsage);
  }
  if (options.flags.count("-f") == 0) {
    for (const auto& path : {secret_path, public_path}) {
      if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
        return failure("keygen", path + " already exists; give -f to overwrite it");
      }
    }
  }

  const sig::KeyPair pair = sig::generate_key_pair();
  if (auto written =
          write_file_atomically(secret_path, sig::format_secret_key(pair.secret_key), 0600);
      !written) {
    return failure("keygen", written.error());
  }
  if (auto written =
          write_file_atomically(public_path, sig::format_public_key(pair.public_key), 0644);
      !written) {
    return failure("keygen", written.error());
  }
  const std::string id = sig::key_id_hex(pair.public_key.id);
  std::printf(
      "key id %s\n"
      "The secret key was saved as %s. It is not encrypted: keep it secret, off the kiosks.\n"
      "The public key was saved as %s; the kiosks need it.\n"
      "Check a signed file with: kioskpack verify -p %s -m FILE (or minisign -V -p %s -m FILE)\n",
      id.c_str(), secret_path.c_str(), public_path.c_str(), public_path.c_str(),
      public_path.c_str());
  return 0;
}

int run_sign_command(const std::vector<std::string>& args) {
  const Options options = parse_options(args, {"-s", "-m", "-x", "-t", "-c"}, {});
  if (!options.error.empty()) return usage_error("sign", options.error, kSignUsage);
  if (options.help) {
    std::fputs(kSignUsage, stdout);
    return 0;
  }
  const std::string secret_path = value_of(options, "-s");
  const std::string file = value_of(options, "-m");
  if (secret_path.empty()) return usage_error("sign", "-s SEC is required", kSignUsage);
  if (file.empty()) return usage_error("sign", "-m FILE is required", kSignUsage);
  const std::string signature_path =
      options.values.count("-x") != 0 ? value_of(options, "-x") : file + ".minisig";
  if (signature_path.empty()) return usage_error("sign", "-x needs a file name", kSignUsage);
  const bool has_trusted = !value_of(options, "-t").empty();  // minisign: empty is the default
  std::string trusted = value_of(options, "-t");
  const std::string untrusted = options.values.count("-c") != 0
                                    ? value_of(options, "-c")
                                    : std::string("signature from kioskpack secret key");
  if (auto problem = comment_problem(trusted, sig::kMaxTrustedCommentBytes); !problem.empty()) {
    return usage_error("sign", "the trusted comment (-t) " + problem, kSignUsage);
  }
  if (auto problem = comment_problem(untrusted, sig::kMaxUntrustedCommentBytes); !problem.empty()) {
    return usage_error("sign", "the untrusted comment (-c) " + problem, kSignUsage);
  }

  auto secret_text = read_small_file(secret_path);
  if (!secret_text) return failure("sign", secret_text.error());
  auto secret = sig::parse_secret_key(secret_text.value());
  std::fill(secret_text->begin(), secret_text->end(), '\0');
  if (!secret) return failure("sign", secret_path + ": " + secret.error());

  auto hash = sig::hash_file(file);
  if (!hash) return failure("sign", hash.error());

  if (!has_trusted) {
    const std::string name = std::filesystem::path(file).filename().string();
    trusted = "timestamp:" + std::to_string(unix_seconds()) + "\tfile:" + name + "\thashed";
    if (auto version = content_version(file)) {
      trusted += "\tcontent_version:" + *version;
    } else {
      std::fprintf(stderr,
                   "kioskpack sign: warning: %s is not a content release (no "
                   "meta.content_version); the trusted comment has no content_version\n",
                   file.c_str());
    }
    if (auto problem = comment_problem(trusted, sig::kMaxTrustedCommentBytes); !problem.empty()) {
      return failure("sign", "the default trusted comment " + problem +
                                 " because of the file name; give one with -t");
    }
  }

  const sig::Signature signature = sig::sign(hash.value(), secret.value(), trusted, untrusted);
  if (auto written = write_file_atomically(signature_path, sig::format_signature(signature), 0644);
      !written) {
    return failure("sign", written.error());
  }
  std::printf("signed %s with key %s: %s\nTrusted comment: %s\n", file.c_str(),
              sig::key_id_hex(signature.key_id).c_str(), signature_path.c_str(),
              signature.trusted_comment.c_str());
  return 0;
}

int run_verify_command(const std::vector<std::string>& args) {
  const Options options = parse_options(args, {"-p", "-P", "-m", "-x"}, {});
  if (!options.error.empty()) return usage_error("verify", options.error, kVerifyUsage);
  if (options.help) {
    std::fputs(kVerifyUsage, stdout);
    return 0;
  }
  const bool has_file_key = options.values.count("-p") != 0;
  const bool has_inline_key = options.values.count("-P") != 0;
  if (has_file_key == has_inline_key) {
    return usage_error("verify", "give the public key with either -p PUB or -P KEY", kVerifyUsage);
  }
  const std::string file = value_of(options, "-m");
  if (file.empty()) return usage_error("verify", "-m FILE is required", kVerifyUsage);
  const std::string signature_path =
      options.values.count("-x") != 0 ? value_of(options, "-x") : file + ".minisig";
  if (signature_path.empty()) return usage_error("verify", "-x needs a file name", kVerifyUsage);

  std::string key_source = "-P";
  std::string key_text = value_of(options, "-P");
  if (has_file_key) {
    key_source = value_of(options, "-p");
    auto read = read_small_file(key_source);
    if (!read) return failure("verify", read.error());
    key_text = std::move(read.value());
  }
  auto key = sig::parse_public_key(key_text);
  if (!key) return failure("verify", key_source + ": " + key.error());

  auto signature_text = read_small_file(signature_path);
  if (!signature_text) return failure("verify", signature_text.error());
  auto signature = sig::parse_signature(signature_text.value());
  if (!signature) return failure("verify", signature_path + ": " + signature.error());

  auto hash = sig::hash_file(file);
  if (!hash) return failure("verify", hash.error());
  auto verified = sig::verify(signature.value(), hash.value(), {key.value()});
  if (!verified) return failure("verify", file + ": " + verified.error());
  std::printf("Signature and comment signature verified\nTrusted comment: %s\n",
              signature->trusted_comment.c_str());
  return 0;
}

}  // namespace kiosk::pack
