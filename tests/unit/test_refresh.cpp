// The content refresh under attack and accident: every kind of bad bundle is refused with its
// own reason and leaves the installed release byte for byte as it was; a power cut (SIGKILL of
// a child process) at every step boundary and at hundreds of random moments leaves a kiosk
// that starts on the old or the new release; a stick pulled mid-copy and a full disk abort
// cleanly. Bundles are made here from the factory release (KIOSK_FACTORY_CONTENT), signed with
// keys made here.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "firmware/refresh/refresh.h"
#include "firmware/refresh/refresh_internal.h"
#include "firmware/signature/signature.h"
#include "tests/support/test_support.h"

namespace kiosk::firmware {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::write_file;

// [SECTION] Fixture: keys, bundles, an installed release

std::string scratch(const std::string& name) {
  const std::string dir = testing::test_output_dir() + "/refresh/" + name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

signature::FileHash hash_of(const std::string& path) {
  auto hash = signature::hash_file(path);
  EXPECT_TRUE(hash.ok()) << path;
  return hash.ok() ? hash.value() : signature::FileHash{};
}

void sql(const std::string& path, const std::string& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << statements << ": " << message;
}

struct Keys {
  signature::KeyPair trusted = signature::generate_key_pair();
  signature::KeyPair other = signature::generate_key_pair();
};

const Keys& keys() {
  static const Keys k;
  return k;
}

void sign(const std::string& path, const signature::SecretKey& key,
          const std::string& comment = "") {
  const auto signed_file = signature::sign(
      hash_of(path), key,
      comment.empty() ? "timestamp:0\tfile:" + fs::path(path).filename().string() : comment);
  write_file(path + ".minisig", signature::format_signature(signed_file));
}

// A copy of the factory release as content version `version`, optionally changed by `change`
// (SQL), signed by the trusted key.
std::string make_bundle(const std::string& dir, const std::string& name, int version,
                        const std::string& change = "") {
  const std::string path = dir + "/" + name;
  fs::copy_file(KIOSK_FACTORY_CONTENT, path, fs::copy_options::overwrite_existing);
  sql(path, "UPDATE meta SET value = '" + std::to_string(version) +
                "' WHERE key = 'content_version';" + change);
  sign(path, keys().trusted.secret_key, "timestamp:0\tcontent_version:" + std::to_string(version));
  return path;
}

RefreshOptions options_for(const std::string& state) {
  RefreshOptions options;
  options.state_dir = state;
  options.trusted_keys = {keys().trusted.public_key};
  return options;
}

// What the installed releases are: every file's bytes and every link's target.
std::map<std::string, std::string> snapshot(const std::string& state) {
  std::map<std::string, std::string> files;
  const std::string releases = state + "/releases";
  if (!fs::exists(releases)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(releases)) {
    const std::string key = entry.path().lexically_relative(releases).string();
    if (entry.is_symlink()) {
      files[key] = "-> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_regular_file()) {
      files[key] = testing::sha256_file(entry.path().string());
    } else {
      files[key] = "dir";
    }
  }
  return files;
}

class Refresh : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = scratch(std::string(info->test_suite_name()) + "-" + info->name());
    state_ = dir_ + "/state";
    stick_ = dir_ + "/stick";
    fs::create_directories(stick_ + "/KIOSK");
    // Version 2 installed over the factory release (version 1).
    const std::string v2 = make_bundle(dir_, "v2.db", 2);
    const auto installed = install_bundle(v2, options_for(state_), 1);
    ASSERT_TRUE(installed.ok()) << installed.message;
    before_ = snapshot(state_);
    ASSERT_EQ(before_.at("current"), "-> r2-1");
  }

  // Installs `bundle` and checks it was refused for `expected`, with the releases untouched.
  InstallResult expect_refused(const std::string& bundle, RefreshError expected,
                               RefreshOptions options) {
    const auto result = install_bundle(bundle, options, 2);
    EXPECT_EQ(result.error, expected) << to_string(result.error) << ": " << result.message;
    EXPECT_FALSE(result.message.empty());
    EXPECT_EQ(snapshot(state_), before_) << "the installed releases changed";
    const auto choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
    EXPECT_EQ(choice.which, "current");
    EXPECT_TRUE(choice.store && choice.store->content_version() == 2);
    return result;
  }
  InstallResult expect_refused(const std::string& bundle, RefreshError expected) {
    return expect_refused(bundle, expected, options_for(state_));
  }

  std::string dir_;
  std::string state_;
  std::string stick_;
  std::map<std::string, std::string> before_;
};

// [SECTION] Bad bundles: each refused with its own reason

TEST_F(Refresh, AGoodBundleInstallsAndKeepsThePreviousRelease) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  const auto result = install_bundle(v3, options_for(state_), 2);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.version, 3);
  EXPECT_EQ(result.key_id, signature::key_id_hex(keys().trusted.public_key.id));
  const auto after = snapshot(state_);
  EXPECT_EQ(after.at("current"), "-> r3-1");
  EXPECT_EQ(after.at("previous"), "-> r2-1");
  EXPECT_EQ(after.at("r3-1/content.db"), testing::sha256_file(v3));
  const auto choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(choice.store);
  EXPECT_EQ(choice.store->content_version(), 3);
  EXPECT_EQ(choice.key_id, result.key_id);
  // The history says so, newest first.
  const auto history = read_history(state_, 10);
  ASSERT_GE(history.size(), 2U);
  EXPECT_EQ(history[0].result, "ok");
  EXPECT_EQ(history[0].version, 3);
}

TEST_F(Refresh, NoPublicKeyMeansRefreshIsDisabled) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  options.trusted_keys.clear();
  const auto result = expect_refused(v3, RefreshError::kDisabled, options);
  EXPECT_NE(result.message.find("no public key"), std::string::npos) << result.message;
}

TEST_F(Refresh, NoSignature) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  fs::remove(v3 + ".minisig");
  expect_refused(v3, RefreshError::kNoSignature);
}

TEST_F(Refresh, SignatureFileThatIsGarbage) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  write_file(v3 + ".minisig", "this is not a signature\n\x01\x02\xff\n");
  expect_refused(v3, RefreshError::kBadSignatureFile);
}

TEST_F(Refresh, EmptyOrHugeSignatureFile) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  write_file(v3 + ".minisig", "");
  expect_refused(v3, RefreshError::kBadSignatureFile);
  write_file(v3 + ".minisig", std::string(1 << 20, 'A'));
  expect_refused(v3, RefreshError::kBadSignatureFile);
}

TEST_F(Refresh, BadSignatureBytes) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  auto parsed = signature::parse_signature(read_file(v3 + ".minisig"));
  ASSERT_TRUE(parsed);
  parsed->signature[10] ^= 0x01;
  write_file(v3 + ".minisig", signature::format_signature(parsed.value()));
  expect_refused(v3, RefreshError::kSignatureMismatch);
}

TEST_F(Refresh, SignedByAKeyThisKioskDoesNotTrust) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  sign(v3, keys().other.secret_key);
  const auto result = expect_refused(v3, RefreshError::kUntrustedKey);
  EXPECT_NE(result.message.find(signature::key_id_hex(keys().other.public_key.id)),
            std::string::npos)
      << result.message;
}

TEST_F(Refresh, TrustedCommentTampered) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  auto parsed = signature::parse_signature(read_file(v3 + ".minisig"));
  ASSERT_TRUE(parsed);
  parsed->trusted_comment = "timestamp:0\tcontent_version:99";
  write_file(v3 + ".minisig", signature::format_signature(parsed.value()));
  expect_refused(v3, RefreshError::kCommentTampered);
}

// The untrusted comment is, as its name says, not signed (minisign accepts a changed one too):
// changing it changes nothing, and the bundle installs.
TEST_F(Refresh, UntrustedCommentIsNotSignedAndChangesNothing) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  auto parsed = signature::parse_signature(read_file(v3 + ".minisig"));
  ASSERT_TRUE(parsed);
  parsed->untrusted_comment = "edited by someone";
  write_file(v3 + ".minisig", signature::format_signature(parsed.value()));
  EXPECT_TRUE(install_bundle(v3, options_for(state_), 2).ok());
}

TEST_F(Refresh, TruncatedFile) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  fs::resize_file(v3, fs::file_size(v3) - 4096);
  expect_refused(v3, RefreshError::kSignatureMismatch);
}

TEST_F(Refresh, OneFlippedBit) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  std::string bytes = read_file(v3);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x08);
  write_file(v3, bytes);
  expect_refused(v3, RefreshError::kSignatureMismatch);
}

TEST_F(Refresh, OlderOrEqualVersion) {
  const auto older =
      expect_refused(make_bundle(stick_ + "/KIOSK", "older.db", 1), RefreshError::kNotNewer);
  EXPECT_NE(older.message.find("version 1"), std::string::npos) << older.message;
  expect_refused(make_bundle(stick_ + "/KIOSK", "equal.db", 2), RefreshError::kNotNewer);
  // A version that is not a number reads as 0: never newer.
  expect_refused(make_bundle(stick_ + "/KIOSK", "nan.db", 5,
                             "UPDATE meta SET value = '5x' WHERE key = 'content_version';"),
                 RefreshError::kNotNewer);
}

TEST_F(Refresh, TheAdminMayInstallAnOlderVersion) {
  const std::string older = make_bundle(stick_ + "/KIOSK", "older.db", 1);
  RefreshOptions options = options_for(state_);
  options.allow_not_newer = true;
  const auto result = install_bundle(older, options, 2);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(open_newest_release(state_, KIOSK_FACTORY_CONTENT).store->content_version(), 1);
}

TEST_F(Refresh, WrongSchemaVersion) {
  expect_refused(make_bundle(stick_ + "/KIOSK", "content.db", 3,
                             "UPDATE meta SET value = '99' WHERE key = 'schema_version';"),
                 RefreshError::kWrongSchema);
}

// A release written by an older kioskpack: its version is read before its tables are compared,
// so the staff are told the schema, not a table the older schema did not have.
TEST_F(Refresh, AnOlderSchemaIsToldByItsVersion) {
  const std::string expected = ", this kiosk reads " + std::to_string(kContentSchemaVersion);
  // Schema 3: the same tables, only the CHECKs of the kinds differ.
  auto result =
      expect_refused(make_bundle(stick_ + "/KIOSK", "schema3.db", 3,
                                 "UPDATE meta SET value = '3' WHERE key = 'schema_version';"),
                     RefreshError::kWrongSchema);
  EXPECT_NE(result.message.find("content schema 3" + expected), std::string::npos)
      << result.message;
  // Schema 2 had no topics table: still the version, not "it has no table 'topics'".
  result = expect_refused(make_bundle(stick_ + "/KIOSK", "schema2.db", 3,
                                      "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
                                      "DROP TABLE topics;"),
                          RefreshError::kWrongSchema);
  EXPECT_NE(result.message.find("content schema 2" + expected), std::string::npos)
      << result.message;
  // A version that is no plain number leaves the verdict to the tables and the content store.
  result = expect_refused(make_bundle(stick_ + "/KIOSK", "schema-x.db", 3,
                                      "UPDATE meta SET value = 'x' WHERE key = 'schema_version';"
                                      "DROP TABLE topics;"),
                          RefreshError::kUnexpectedSchema);
  EXPECT_NE(result.message.find("topics"), std::string::npos) << result.message;
}

TEST_F(Refresh, NotAnSqliteFile) {
  const std::string path = stick_ + "/KIOSK/content.db";
  write_file(path, std::string(8192, 'x'));
  sign(path, keys().trusted.secret_key);
  expect_refused(path, RefreshError::kNotAContentRelease);
}

TEST_F(Refresh, MissingTable) {
  const auto result =
      expect_refused(make_bundle(stick_ + "/KIOSK", "content.db", 3, "DROP TABLE quiz_choices;"),
                     RefreshError::kUnexpectedSchema);
  EXPECT_NE(result.message.find("quiz_choices"), std::string::npos) << result.message;
}

TEST_F(Refresh, TriggerMeantToRunOnRead) {
  // A trigger that would write on every update; with triggers on, even a read-only kiosk must
  // never carry code from a stick.
  expect_refused(make_bundle(stick_ + "/KIOSK", "content.db", 3,
                             "CREATE TABLE log (x); CREATE TRIGGER spy AFTER UPDATE ON meta "
                             "BEGIN INSERT INTO log VALUES (1); END;"),
                 RefreshError::kUnexpectedSchema);
  expect_refused(make_bundle(stick_ + "/KIOSK", "content2.db", 3,
                             "CREATE TRIGGER spy AFTER INSERT ON media BEGIN "
                             "DELETE FROM documents; END;"),
                 RefreshError::kUnexpectedSchema);
}

TEST_F(Refresh, ViewsOtherThanTheSchemas) {
  expect_refused(
      make_bundle(stick_ + "/KIOSK", "extra.db", 3, "CREATE VIEW spy AS SELECT * FROM documents;"),
      RefreshError::kUnexpectedSchema);
  // The schema's own view, redefined to show other text.
  expect_refused(make_bundle(stick_ + "/KIOSK", "changed.db", 3,
                             "DROP VIEW search_text; CREATE VIEW search_text (node_id, text) AS "
                             "SELECT id, 'x' FROM nodes;"),
                 RefreshError::kUnexpectedSchema);
}

TEST_F(Refresh, NoDocuments) {
  expect_refused(make_bundle(stick_ + "/KIOSK", "content.db", 3,
                             "DELETE FROM quiz_choices; DELETE FROM quiz_questions; "
                             "DELETE FROM node_attributes; DELETE FROM paragraphs; "
                             "DELETE FROM nodes; DELETE FROM media; DELETE FROM documents;"),
                 RefreshError::kNoDocuments);
}

TEST_F(Refresh, FontsThatDoNotDrawTheText) {
  const auto result =
      expect_refused(make_bundle(stick_ + "/KIOSK", "content.db", 3,
                                 "UPDATE paragraphs SET text = text || '龘' WHERE node_id = "
                                 "(SELECT min(node_id) FROM paragraphs);"),
                     RefreshError::kFontsIncomplete);
  EXPECT_NE(result.message.find("U+9F98"), std::string::npos) << result.message;
}

TEST_F(Refresh, DamagedDatabase) {
  // A signed file whose pages are damaged: the integrity check finds it.
  const std::string path = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  std::string bytes = read_file(path);
  const std::size_t page = 4096;
  // Overwrite the middle of a few pages (not the header page) with zeros.
  for (std::size_t at = 5 * page + 100; at < 5 * page + 3000; ++at) bytes[at] = '\0';
  for (std::size_t at = 9 * page + 40; at < 9 * page + 2000; ++at) bytes[at] = '\x55';
  write_file(path, bytes);
  sign(path, keys().trusted.secret_key);
  const auto result = install_bundle(path, options_for(state_), 2);
  EXPECT_TRUE(result.error == RefreshError::kDamaged ||
              result.error == RefreshError::kNotAContentRelease ||
              result.error == RefreshError::kUnexpectedSchema)
      << to_string(result.error) << ": " << result.message;
  EXPECT_EQ(snapshot(state_), before_);
}

TEST_F(Refresh, OversizedFile) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  options.max_bundle_bytes = static_cast<std::int64_t>(fs::file_size(v3)) - 1;
  const auto result = expect_refused(v3, RefreshError::kTooLarge, options);
  EXPECT_NE(result.message.find("limit"), std::string::npos) << result.message;
}

TEST_F(Refresh, EmptyFile) {
  const std::string path = stick_ + "/KIOSK/content.db";
  write_file(path, "");
  sign(path, keys().trusted.secret_key);
  expect_refused(path, RefreshError::kEmptyFile);
}

TEST_F(Refresh, SymbolicLinks) {
  // A link to a good, signed release elsewhere is refused all the same: names from a stick
  // never lead out of it.
  const std::string real = make_bundle(dir_, "elsewhere.db", 3);
  const std::string link = stick_ + "/KIOSK/content.db";
  fs::create_symlink(real, link);
  fs::copy_file(real + ".minisig", link + ".minisig");
  const auto result = expect_refused(link, RefreshError::kNotRegularFile);
  EXPECT_NE(result.message.find("symbolic link"), std::string::npos) << result.message;
  // And a signature that is a link.
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "other.db", 3);
  fs::rename(v3 + ".minisig", dir_ + "/other.minisig");
  fs::create_symlink(dir_ + "/other.minisig", v3 + ".minisig");
  expect_refused(v3, RefreshError::kNotRegularFile);
}

TEST_F(Refresh, FifoDoesNotHang) {
  const std::string path = stick_ + "/KIOSK/content.db";
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  write_file(path + ".minisig", read_file(make_bundle(dir_, "signed.db", 3) + ".minisig"));
  const auto result = expect_refused(path, RefreshError::kNotRegularFile);
  EXPECT_NE(result.message.find("FIFO"), std::string::npos) << result.message;
}

TEST_F(Refresh, DeviceAndFolder) {
  // /dev/zero would read forever; it must not be read at all.
  const std::string device = stick_ + "/KIOSK/zero.db";
  fs::create_symlink("/dev/zero", device);
  write_file(device + ".minisig", read_file(make_bundle(dir_, "signed.db", 3) + ".minisig"));
  expect_refused(device, RefreshError::kNotRegularFile);
  const std::string folder = stick_ + "/KIOSK/folder.db";
  fs::create_directories(folder);
  write_file(folder + ".minisig", read_file(dir_ + "/signed.db.minisig"));
  expect_refused(folder, RefreshError::kNotRegularFile);
}

TEST_F(Refresh, MissingBundle) {
  write_file(stick_ + "/KIOSK/gone.db.minisig",
             read_file(make_bundle(dir_, "x.db", 3) + ".minisig"));
  expect_refused(stick_ + "/KIOSK/gone.db", RefreshError::kNoBundle);
}

TEST_F(Refresh, EveryReasonHasItsOwnName) {
  std::set<std::string> names;
  for (int k = 0; k <= static_cast<int>(RefreshError::kNoPrevious); ++k) {
    EXPECT_TRUE(names.insert(to_string(static_cast<RefreshError>(k))).second) << k;
  }
}

// [SECTION] The stick pulled, the disk full

TEST_F(Refresh, StickPulledMidCopyShrinks) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  ASSERT_GT(fs::file_size(v3), refresh_detail::kChunkBytes) << "the copy must take several reads";
  RefreshOptions options = options_for(state_);
  options.on_copy_progress = [&](std::uint64_t copied) {
    if (copied <= refresh_detail::kChunkBytes) fs::resize_file(v3, copied + 1000);
  };
  const auto result = expect_refused(v3, RefreshError::kSourceChanged, options);
  EXPECT_NE(result.message.find("stick"), std::string::npos) << result.message;
}

TEST_F(Refresh, StickPulledMidCopyVanishes) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  options.on_copy_progress = [&](std::uint64_t) {
    if (!fs::exists(v3)) return;
    fs::resize_file(v3, 0);
    fs::remove(v3);
    fs::remove(v3 + ".minisig");
  };
  expect_refused(v3, RefreshError::kSourceChanged, options);
}

TEST_F(Refresh, BundleRewrittenOnTheStickDuringTheCopy) {
  // The same size, other bytes: the copy's hash gives it away.
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  bool changed = false;
  options.on_copy_progress = [&](std::uint64_t) {
    if (changed) return;
    changed = true;
    std::fstream file(v3, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(fs::file_size(v3) - 10));
    file.write("XXXXXXXXXX", 10);
  };
  expect_refused(v3, RefreshError::kSourceChanged, options);
}

TEST_F(Refresh, ACopyThatDiffersFromWhatWasReadIsRefused) {
  // Internal storage that does not keep what was written (a failing SD card): the copy is read
  // back and checked against the signature before anything opens it.
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  options.on_boundary = [&](const char* name) {
    if (std::string(name) != "verified-source") return;
    const std::string staged =
        state_ + "/releases/staging-" + std::to_string(::getpid()) + "/content.db";
    std::fstream file(staged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(5000);
    file.write("\x01\x02\x03", 3);
  };
  const auto result = expect_refused(v3, RefreshError::kCopyMismatch, options);
  EXPECT_NE(result.message.find("internal storage"), std::string::npos) << result.message;
}

TEST_F(Refresh, DiskFull) {
  const std::string v3 = make_bundle(stick_ + "/KIOSK", "content.db", 3);
  RefreshOptions options = options_for(state_);
  options.fail_write_after_bytes = 300000;
  options.fail_write_errno = ENOSPC;
  const auto result = expect_refused(v3, RefreshError::kNoSpace, options);
  EXPECT_NE(result.message.find("full"), std::string::npos) << result.message;
  options.fail_write_errno = EIO;
  expect_refused(v3, RefreshError::kWriteFailed, options);
  // Nothing of the attempt is left on internal storage.
  for (const auto& entry : fs::directory_iterator(state_ + "/releases")) {
    EXPECT_EQ(entry.path().filename().string().rfind("staging-", 0), std::string::npos);
  }
}

// [SECTION] Rollback and the release chosen at start

TEST_F(Refresh, RollbackSwapsCurrentAndPrevious) {
  ASSERT_TRUE(install_bundle(make_bundle(dir_, "v3.db", 3), options_for(state_), 2).ok());
  auto back = roll_back(options_for(state_));
  ASSERT_TRUE(back.ok()) << back.message;
  EXPECT_EQ(back.version, 2);
  EXPECT_EQ(open_newest_release(state_, KIOSK_FACTORY_CONTENT).store->content_version(), 2);
  back = roll_back(options_for(state_));
  ASSERT_TRUE(back.ok()) << back.message;
  EXPECT_EQ(open_newest_release(state_, KIOSK_FACTORY_CONTENT).store->content_version(), 3);
}

TEST(RefreshStart, RollbackWithoutPreviousIsRefused) {
  const std::string state = scratch("rollback-none") + "/state";
  EXPECT_EQ(roll_back(options_for(state)).error, RefreshError::kNoPrevious);
}

TEST_F(Refresh, StartTakesCurrentThenPreviousThenFactory) {
  ASSERT_TRUE(install_bundle(make_bundle(dir_, "v3.db", 3), options_for(state_), 2).ok());
  auto choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
  ASSERT_EQ(choice.which, "current");
  EXPECT_EQ(choice.store->content_version(), 3);
  // Damage the current release: the previous one is shown, and the log says why.
  const std::string current = state_ + "/releases/r3-1/content.db";
  fs::permissions(current, fs::perms::owner_write, fs::perm_options::add);
  write_file(current, "garbage");
  choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
  ASSERT_EQ(choice.which, "previous");
  EXPECT_EQ(choice.store->content_version(), 2);
  ASSERT_EQ(choice.rejected.size(), 1U);
  EXPECT_NE(choice.rejected[0].find("current"), std::string::npos);
  // Both gone: the factory release.
  fs::remove(state_ + "/releases/r2-1/content.db");
  choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
  ASSERT_EQ(choice.which, "factory");
  EXPECT_EQ(choice.store->content_version(), 1);
  EXPECT_EQ(choice.rejected.size(), 2U);
}

TEST_F(Refresh, StartRemovesWhatAnInterruptedInstallLeft) {
  fs::create_directories(state_ + "/releases/staging-99999");
  write_file(state_ + "/releases/staging-99999/content.db", "half");
  fs::create_directories(state_ + "/releases/r9-1");
  (void)open_newest_release(state_, KIOSK_FACTORY_CONTENT);
  EXPECT_FALSE(fs::exists(state_ + "/releases/staging-99999"));
  EXPECT_FALSE(fs::exists(state_ + "/releases/r9-1"));
  EXPECT_TRUE(fs::exists(state_ + "/releases/r2-1/content.db"));
}

// [SECTION] Power cut: SIGKILL at every step boundary and at random moments

// Runs the install of `bundle` in a child process, killed at `boundary` (when not empty) or
// after `delay` (when positive). Returns true when the child was killed before it finished.
bool install_and_kill(const std::string& bundle, const std::string& state, std::int64_t installed,
                      const std::string& boundary, std::chrono::microseconds delay) {
  const pid_t child = ::fork();
  if (child == 0) {
    RefreshOptions options = options_for(state);
    if (!boundary.empty()) {
      options.on_boundary = [&](const char* name) {
        if (boundary == name) ::raise(SIGKILL);
      };
    }
    const auto result = install_bundle(bundle, options, installed);
    ::_exit(result.ok() ? 0 : 1);
  }
  if (delay.count() > 0) {
    std::this_thread::sleep_for(delay);
    ::kill(child, SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFSIGNALED(status);
}

void copy_tree(const std::string& from, const std::string& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

// After the cut the kiosk must start on the old or the new release, fully valid.
void expect_old_or_new(const std::string& state, std::int64_t old_version, std::int64_t new_version,
                       const std::string& what) {
  const auto choice = open_newest_release(state, KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(choice.store) << what << ": no release at all";
  const std::int64_t version = choice.store->content_version();
  EXPECT_TRUE(version == old_version || version == new_version)
      << what << ": started on version " << version << " (" << choice.which << ")";
  EXPECT_EQ(validate_release(choice.path, true).error, RefreshError::kNone) << what;
  if (version == new_version) {
    EXPECT_EQ(choice.which, "current") << what;
  }
}

TEST_F(Refresh, PowerCutAtEveryStepBoundary) {
  const std::string v3 = make_bundle(dir_, "v3.db", 3);
  const std::string template_state = dir_ + "/template";
  copy_tree(state_, template_state);
  const char* boundaries[] = {
      "opened",    "verified-source", "copy-started",      "copied",           "verified-copy",
      "validated", "release-written", "previous-switched", "current-switched", "cleaned"};
  int killed = 0;
  for (const char* boundary : boundaries) {
    copy_tree(template_state, state_);
    killed += install_and_kill(v3, state_, 2, boundary, {}) ? 1 : 0;
    expect_old_or_new(state_, 2, 3, std::string("killed at ") + boundary);
    // And the next install after the restart works.
    const auto retry = install_bundle(v3, options_for(state_), 2);
    const auto choice = open_newest_release(state_, KIOSK_FACTORY_CONTENT);
    EXPECT_EQ(choice.store->content_version(), 3) << boundary << ": " << retry.message;
  }
  // Every boundary was reached: a renamed or lost boundary would make this test pass vacuously.
  EXPECT_EQ(killed, static_cast<int>(std::size(boundaries)));
}

TEST_F(Refresh, PowerCutOnAFreshKioskKeepsTheFactoryRelease) {
  const std::string fresh = dir_ + "/fresh";
  const std::string v2 = make_bundle(dir_, "v2b.db", 2);
  for (const char* boundary : {"copied", "release-written", "current-switched"}) {
    fs::remove_all(fresh);
    EXPECT_TRUE(install_and_kill(v2, fresh, 1, boundary, {}));
    expect_old_or_new(fresh, 1, 2, boundary);
  }
}

TEST_F(Refresh, PowerCutAtRandomMoments) {
  const std::string v3 = make_bundle(dir_, "v3.db", 3);
  const std::string template_state = dir_ + "/template";
  copy_tree(state_, template_state);
  // How long an uninterrupted install takes here, so the cuts fall across all of it.
  std::vector<double> durations;
  for (int k = 0; k < 3; ++k) {
    copy_tree(template_state, state_);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(install_and_kill(v3, state_, 2, "", {}));
    durations.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(durations.begin(), durations.end());
  const double span = durations[1] * 1.1;
  const char* seed_text = std::getenv("KIOSK_TEST_SEED");
  const unsigned seed =
      seed_text != nullptr ? static_cast<unsigned>(std::atoi(seed_text)) : 20261201U;
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> moment(0, span);
  int killed_midway = 0;
  int new_after_cut = 0;
  constexpr int kCuts = 220;
  for (int k = 0; k < kCuts; ++k) {
    copy_tree(template_state, state_);
    const auto delay = std::chrono::microseconds(static_cast<std::int64_t>(moment(random)) + 1);
    if (install_and_kill(v3, state_, 2, "", delay)) ++killed_midway;
    expect_old_or_new(state_, 2, 3,
                      "cut " + std::to_string(k) + " after " + std::to_string(delay.count()) +
                          " us (seed " + std::to_string(seed) + ")");
    if (open_newest_release(state_, KIOSK_FACTORY_CONTENT).store->content_version() == 3)
      ++new_after_cut;
    if (HasFailure()) break;
  }
  std::printf(
      "power cuts: %d of %d killed the installer midway (an install takes %.1f ms); "
      "%d ended on the new release\n",
      killed_midway, kCuts, durations[1] / 1000, new_after_cut);
  // Most cuts must land inside the install, or the test proves little.
  EXPECT_GT(killed_midway, kCuts / 2);
}

// [SECTION] The remount helper

TEST(RefreshRemount, TheHelperRunsWithoutAShellAndItsFailureIsReported) {
  const std::string dir = scratch("remount");
  const std::string helper = dir + "/helper.sh";
  write_file(helper, "#!/bin/sh\nprintf '%s|' \"$@\" > " + dir + "/args\n");
  fs::permissions(helper, fs::perms::owner_all);
  // A name with spaces and a ';' stays one argument: no shell sees it.
  ASSERT_TRUE(run_remount_helper(helper, "rw", dir + "/a b;c").ok());
  EXPECT_EQ(read_file(dir + "/args"), "rw|" + dir + "/a b;c|");
  const auto failed = run_remount_helper("/bin/false", "ro", dir);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().find("exit status 1"), std::string::npos) << failed.error();
  EXPECT_FALSE(run_remount_helper(dir + "/missing", "ro", dir).ok());
}

// [SECTION] Sticks, bundles and the controller

TEST_F(Refresh, FindsSticksAndOrdersBundlesBySignedVersion) {
  const std::string root = dir_ + "/media";
  fs::create_directories(root + "/stick-a/KIOSK");
  fs::create_directories(root + "/no-kiosk-folder");
  fs::create_directories(root + "/stick-b/KIOSK");
  fs::create_symlink(root + "/stick-a", root + "/linked");
  const auto sticks = find_sticks({root, dir_ + "/does-not-exist"});
  ASSERT_EQ(sticks.size(), 2U);
  EXPECT_EQ(sticks[0], root + "/stick-a");
  EXPECT_EQ(sticks[1], root + "/stick-b");
  make_bundle(root + "/stick-a/KIOSK", "b.db", 4);
  make_bundle(root + "/stick-a/KIOSK", "a.db", 7);
  make_bundle(root + "/stick-a/KIOSK", "c.db", 5);
  const auto bundles = find_bundles(root + "/stick-a", {keys().trusted.public_key});
  ASSERT_EQ(bundles.size(), 3U);
  EXPECT_EQ(bundles[0].version, 7);
  EXPECT_EQ(bundles[1].version, 5);
  EXPECT_EQ(bundles[2].version, 4);
  // A version claimed in a comment no trusted key signed does not count.
  const std::string forged = make_bundle(root + "/stick-a/KIOSK", "d.db", 9);
  sign(forged, keys().other.secret_key, "timestamp:0\tcontent_version:99");
  const auto again = find_bundles(root + "/stick-a", {keys().trusted.public_key});
  ASSERT_EQ(again.size(), 4U);
  EXPECT_EQ(again[0].version, 7);
  EXPECT_EQ(again[3].path, forged);
  EXPECT_EQ(again[3].version, 0);
}

RefreshController::State wait_until_done(RefreshController& controller, std::int64_t& now,
                                         std::int64_t installed) {
  for (int k = 0; k < 2000; ++k) {
    controller.poll(now, installed);
    now += 16;
    const auto state = controller.state();
    if (state.phase == RefreshController::Phase::kSucceeded ||
        state.phase == RefreshController::Phase::kFailed)
      return state;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return controller.state();
}

TEST_F(Refresh, TwoBundlesOfWhichTheNewerIsBad) {
  const std::string root = dir_ + "/media";
  fs::create_directories(root + "/stick/KIOSK");
  make_bundle(root + "/stick/KIOSK", "content-v3.db", 3);
  // Version 4, properly signed, then damaged on the stick: tried first, refused; version 3 then.
  const std::string bad = make_bundle(root + "/stick/KIOSK", "content-v4.db", 4);
  std::string bytes = read_file(bad);
  bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x40);
  write_file(bad, bytes);
  RefreshController controller(options_for(state_), {root}, true);
  std::int64_t now = 0;
  const auto state = wait_until_done(controller, now, 2);
  ASSERT_EQ(state.phase, RefreshController::Phase::kSucceeded) << state.result.message;
  EXPECT_EQ(state.result.version, 3);
  EXPECT_TRUE(controller.take_new_release());
  EXPECT_FALSE(controller.take_new_release());
  // The history tells the staff about the newer one too.
  const auto history = read_history(state_, 3);
  ASSERT_GE(history.size(), 2U);
  EXPECT_EQ(history[0].result, "ok");
  EXPECT_EQ(history[1].result, "signature-mismatch");
  EXPECT_NE(history[1].source.find("content-v4.db"), std::string::npos);
}

TEST_F(Refresh, AStickIsTriedOncePerInsertion) {
  const std::string root = dir_ + "/media";
  fs::create_directories(root + "/stick/KIOSK");
  make_bundle(root + "/stick/KIOSK", "content.db", 2);  // not newer: refused
  RefreshController controller(options_for(state_), {root}, true);
  std::int64_t now = 0;
  auto state = wait_until_done(controller, now, 2);
  ASSERT_EQ(state.phase, RefreshController::Phase::kFailed);
  EXPECT_EQ(state.result.error, RefreshError::kNotNewer);
  controller.dismiss();
  for (int k = 0; k < 5; ++k) controller.poll(now += 1000, 2);
  EXPECT_EQ(controller.state().phase, RefreshController::Phase::kIdle) << "tried again";
  // Pulled out and plugged in again: tried again.
  fs::rename(root + "/stick", dir_ + "/pulled");
  controller.poll(now += 1000, 2);
  EXPECT_FALSE(controller.state().stick_present);
  fs::rename(dir_ + "/pulled", root + "/stick");
  state = wait_until_done(controller, now += 1000, 2);
  EXPECT_EQ(state.phase, RefreshController::Phase::kFailed);
  EXPECT_EQ(read_history(state_, 10).size(), 3U);  // v2 at set-up, then two tries
}

TEST_F(Refresh, LockstepReportsTheSameStepsEveryTime) {
  const std::string root = dir_ + "/media";
  fs::create_directories(root + "/stick/KIOSK");
  make_bundle(root + "/stick/KIOSK", "content.db", 3);
  std::vector<std::string> runs;
  for (int run = 0; run < 2; ++run) {
    const std::string state = dir_ + "/lockstep-" + std::to_string(run);
    RefreshController controller(options_for(state), {root}, true);
    std::string steps;
    std::int64_t now = 0;
    for (int k = 0; k < 200; ++k) {
      controller.poll(now, 2);
      now += 16;
      const auto s = controller.state();
      steps += std::string(to_string(s.progress.step)) + ":" +
               std::to_string(static_cast<int>(s.progress.fraction * 100)) + " ";
      if (s.phase == RefreshController::Phase::kSucceeded) break;
    }
    runs.push_back(steps);
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_NE(runs[0].find("copy:"), std::string::npos) << runs[0];
  EXPECT_NE(runs[0].find("done:100"), std::string::npos) << runs[0];
}

}  // namespace
}  // namespace kiosk::firmware
