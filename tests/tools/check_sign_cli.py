#!/usr/bin/env python3
"""Checks `kioskpack keygen`, `sign` and `verify` against the real minisign, both ways: a key
and signature made by minisign verify with kioskpack, and kioskpack's verify with minisign
(including minisign signing with kioskpack's secret key); a changed file, a changed trusted
comment, another key and a legacy signature are refused by both; usage errors exit 2."""
import argparse
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys

failures = []


def expect(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        failures.append(what)


def run(program, args, stdin=None, env=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run([program] + args, capture_output=True, text=True, input=stdin,
                            env=full_env)
    return result


def one_line(result):
    return len(result.stderr.strip().splitlines()) == 1


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def fake_release(path, version):
    """A SQLite file with the release's meta table: enough for sign's content_version."""
    if os.path.exists(path):
        os.remove(path)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    connection.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("schema_version", "1"), ("content_version", str(version))])
    connection.commit()
    connection.close()


def with_trusted_comment(signature_path, comment):
    lines = read(signature_path).split(b"\n")
    lines[2] = b"trusted comment: " + comment
    return b"\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kioskpack", required=True)
    parser.add_argument("--minisign", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    k, m, out = args.kioskpack, args.minisign, args.output
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    p = lambda name: os.path.join(out, name)

    # (a) minisign's key and signature, verified by kioskpack.
    made = run(m, ["-G", "-W", "-p", p("m.pub"), "-s", p("m.key")])
    expect(made.returncode == 0, "minisign -G -W makes a key pair")
    write(p("bundle.bin"), bytes(range(256)) * 1000)
    signed = run(m, ["-S", "-s", p("m.key"), "-m", p("bundle.bin"), "-t", "from minisign"])
    expect(signed.returncode == 0, "minisign -S signs")
    verified = run(k, ["verify", "-p", p("m.pub"), "-m", p("bundle.bin")])
    expect(verified.returncode == 0, "kioskpack verify accepts minisign's signature")
    expect(verified.stdout == "Signature and comment signature verified\n"
                              "Trusted comment: from minisign\n",
           "kioskpack verify prints what minisign -V prints")
    minisign_says = run(m, ["-V", "-p", p("m.pub"), "-m", p("bundle.bin")])
    expect(minisign_says.stdout == verified.stdout, "the same text as minisign -V itself")
    base64_key = read(p("m.pub")).decode().splitlines()[1]
    inline = run(k, ["verify", "-P", base64_key, "-m", p("bundle.bin")])
    expect(inline.returncode == 0, "kioskpack verify -P takes the key's base64 line")
    shutil.copy(p("bundle.bin.minisig"), p("elsewhere.sig"))
    os.remove(p("bundle.bin.minisig"))
    elsewhere = run(k, ["verify", "-p", p("m.pub"), "-m", p("bundle.bin"), "-x", p("elsewhere.sig")])
    expect(elsewhere.returncode == 0, "kioskpack verify -x reads the signature from SIGFILE")
    missing = run(k, ["verify", "-p", p("m.pub"), "-m", p("bundle.bin")])
    expect(missing.returncode == 1 and "bundle.bin.minisig" in missing.stderr and one_line(missing),
           "without -x it looks for FILE.minisig, and says when it is missing")
    # kioskpack signs with minisign's (unencrypted) secret key; minisign verifies.
    ours_with_theirs = run(k, ["sign", "-s", p("m.key"), "-m", p("bundle.bin"), "-t", "kp+mk"])
    expect(ours_with_theirs.returncode == 0, "kioskpack sign takes a minisign -G -W secret key")
    theirs = run(m, ["-V", "-p", p("m.pub"), "-m", p("bundle.bin")])
    expect(theirs.returncode == 0 and "Trusted comment: kp+mk" in theirs.stdout,
           "minisign -V accepts it")

    # (b) kioskpack's key and signature, verified by minisign.
    made = run(k, ["keygen", "-p", p("k.pub"), "-s", p("k.key")])
    expect(made.returncode == 0, "kioskpack keygen makes a key pair")
    expect(stat.S_IMODE(os.stat(p("k.key")).st_mode) == 0o600, "the secret key file is mode 0600")
    key_id = read(p("k.pub")).decode().splitlines()[0].rsplit(" ", 1)[-1]
    expect(re.fullmatch(r"[0-9A-F]{16}", key_id) is not None and key_id in made.stdout,
           f"the public key's comment carries the key id ({key_id}), printed by keygen")
    fake_release(p("content.db"), 42)
    signed = run(k, ["sign", "-s", p("k.key"), "-m", p("content.db")],
                 env={"SOURCE_DATE_EPOCH": "1700000123"})
    expect(signed.returncode == 0 and signed.stderr == "", "kioskpack sign signs a release quietly")
    comment = "timestamp:1700000123\tfile:content.db\thashed\tcontent_version:42"
    expect(f"Trusted comment: {comment}" in signed.stdout,
           "the default trusted comment: timestamp, file, hashed, content_version")
    lines = read(p("content.db.minisig")).decode().splitlines()
    expect(len(lines) == 4 and lines[2] == "trusted comment: " + comment,
           "FILE.minisig has minisign's four lines")
    theirs = run(m, ["-V", "-p", p("k.pub"), "-m", p("content.db")])
    expect(theirs.returncode == 0, "minisign -V accepts kioskpack's signature")
    expect(f"Trusted comment: {comment}\n" in theirs.stdout,
           "minisign -V shows kioskpack's trusted comment")
    theirs = run(m, ["-V", "-H", "-p", p("k.pub"), "-m", p("content.db")])
    expect(theirs.returncode == 0, "minisign -V -H (prehashed only) accepts it too")
    ours = run(k, ["verify", "-p", p("k.pub"), "-m", p("content.db")])
    expect(ours.returncode == 0 and comment in ours.stdout, "kioskpack verify accepts it")
    # minisign signs with kioskpack's secret key.
    theirs_with_ours = run(m, ["-S", "-s", p("k.key"), "-m", p("content.db"), "-x", p("ms.sig")])
    expect(theirs_with_ours.returncode == 0, "minisign -S takes kioskpack's secret key")
    ours = run(k, ["verify", "-p", p("k.pub"), "-m", p("content.db"), "-x", p("ms.sig")])
    expect(ours.returncode == 0, "and kioskpack verify accepts that signature")
    # Not a release: a warning, no content_version; -t and -x; the real clock.
    write(p("notes.txt"), b"not a release\n")
    plain = run(k, ["sign", "-s", p("k.key"), "-m", p("notes.txt")])
    expect(plain.returncode == 0 and "warning" in plain.stderr and "not a content release" in
           plain.stderr, "signing a file that is not a release warns")
    plain_comment = read(p("notes.txt.minisig")).decode().splitlines()[2]
    expect(re.fullmatch(r"trusted comment: timestamp:\d{10,}\tfile:notes\.txt\thashed",
                        plain_comment) is not None,
           f"and leaves content_version out ({plain_comment!r})")
    custom = run(k, ["sign", "-s", p("k.key"), "-m", p("notes.txt"), "-x", p("custom.sig"),
                     "-t", "release 7 for hall B", "-c", "editor's note"])
    expect(custom.returncode == 0 and custom.stderr == "", "sign -t (no warning) and -x")
    theirs = run(m, ["-V", "-p", p("k.pub"), "-m", p("notes.txt"), "-x", p("custom.sig")])
    expect(theirs.returncode == 0 and "Trusted comment: release 7 for hall B" in theirs.stdout,
           "minisign -V shows the -t comment")
    expect(read(p("custom.sig")).startswith(b"untrusted comment: editor's note\n"),
           "-c sets the untrusted comment")

    # (c) refusals, by both tools.
    write(p("tampered.db"), read(p("content.db")) + b"\0")
    shutil.copy(p("content.db.minisig"), p("tampered.db.minisig"))
    ours = run(k, ["verify", "-p", p("k.pub"), "-m", p("tampered.db")])
    expect(ours.returncode == 1 and one_line(ours) and
           "the signature does not match the file" in ours.stderr,
           "kioskpack verify refuses a changed file")
    theirs = run(m, ["-V", "-p", p("k.pub"), "-m", p("tampered.db")])
    expect(theirs.returncode != 0, "minisign -V refuses it too")

    write(p("comment.sig"), with_trusted_comment(p("content.db.minisig"),
                                                 comment.replace("42", "43").encode()))
    ours = run(k, ["verify", "-p", p("k.pub"), "-m", p("content.db"), "-x", p("comment.sig")])
    expect(ours.returncode == 1 and one_line(ours) and
           "the trusted comment was changed after signing" in ours.stderr,
           "kioskpack verify refuses a changed trusted comment")
    theirs = run(m, ["-V", "-p", p("k.pub"), "-m", p("content.db"), "-x", p("comment.sig")])
    expect(theirs.returncode != 0 and "Comment signature verification failed" in theirs.stderr,
           "minisign -V refuses it too")

    other = run(k, ["keygen", "-p", p("other.pub"), "-s", p("other.key")])
    expect(other.returncode == 0, "a second key pair")
    other_id = read(p("other.pub")).decode().splitlines()[0].rsplit(" ", 1)[-1]
    ours = run(k, ["verify", "-p", p("other.pub"), "-m", p("content.db")])
    expect(ours.returncode == 1 and one_line(ours) and
           f"signed by key {key_id}, which this kiosk does not trust" in ours.stderr and
           other_id in ours.stderr, "kioskpack verify refuses another key, naming both ids")
    theirs = run(m, ["-V", "-p", p("other.pub"), "-m", p("content.db")])
    expect(theirs.returncode != 0, "minisign -V refuses another key too")

    legacy = run(m, ["-S", "-l", "-s", p("m.key"), "-m", p("bundle.bin"), "-x", p("legacy.sig")])
    expect(legacy.returncode == 0, "minisign -S -l makes a legacy signature")
    ours = run(k, ["verify", "-p", p("m.pub"), "-m", p("bundle.bin"), "-x", p("legacy.sig")])
    expect(ours.returncode == 1 and one_line(ours) and
           "legacy signature: sign again without minisign's -l" in ours.stderr,
           "kioskpack verify refuses the legacy form with its reason")
    theirs = run(m, ["-V", "-H", "-p", p("m.pub"), "-m", p("bundle.bin"), "-x", p("legacy.sig")])
    expect(theirs.returncode != 0, "as does minisign -V -H")

    encrypted = run(m, ["-G", "-p", p("e.pub"), "-s", p("e.key")], stdin="secret\nsecret\n")
    expect(encrypted.returncode == 0, "minisign -G makes a password-protected key")
    ours = run(k, ["sign", "-s", p("e.key"), "-m", p("notes.txt"), "-x", p("e.sig")])
    expect(ours.returncode == 1 and one_line(ours) and "kioskpack keygen" in ours.stderr and
           "minisign -G -W" in ours.stderr and not os.path.exists(p("e.sig")),
           "kioskpack sign refuses an encrypted key and says how to make a usable one")

    write(p("garbage.sig"), b"untrusted comment: x\nnot base64\n")
    ours = run(k, ["verify", "-p", p("k.pub"), "-m", p("content.db"), "-x", p("garbage.sig")])
    expect(ours.returncode == 1 and one_line(ours) and "line 2" in ours.stderr,
           "a damaged signature file: exit 1, the line that is wrong")
    ours = run(k, ["verify", "-p", p("k.key"), "-m", p("content.db")])
    expect(ours.returncode == 1 and one_line(ours) and "public key" in ours.stderr,
           "a secret key given as the public key is refused")
    ours = run(k, ["sign", "-s", p("k.key"), "-m", p("no-such-file")])
    expect(ours.returncode == 1 and one_line(ours) and "no-such-file" in ours.stderr,
           "signing a missing file: exit 1")

    # keygen does not overwrite without -f.
    before = (read(p("k.pub")), read(p("k.key")))
    again = run(k, ["keygen", "-p", p("k.pub"), "-s", p("k.key")])
    expect(again.returncode == 1 and "-f" in again.stderr and
           (read(p("k.pub")), read(p("k.key"))) == before,
           "keygen refuses to overwrite existing keys and leaves them as they were")
    os.remove(p("other.pub"))
    again = run(k, ["keygen", "-p", p("other.pub"), "-s", p("other.key")])
    expect(again.returncode == 1 and os.path.exists(p("other.key")) and
           not os.path.exists(p("other.pub")), "... even when only the secret key exists")
    os.chmod(p("k.key"), 0o644)
    forced = run(k, ["keygen", "-p", p("k.pub"), "-s", p("k.key"), "-f"])
    expect(forced.returncode == 0 and (read(p("k.pub")), read(p("k.key"))) != before and
           stat.S_IMODE(os.stat(p("k.key")).st_mode) == 0o600,
           "keygen -f writes a new pair, the secret key mode 0600 again")
    expect(not [name for name in os.listdir(out) if ".tmp-" in name], "no temporary files left")

    # (d) usage errors: exit 2 with the usage.
    usage_cases = [
        (["keygen"], "-p PUB is required"),
        (["keygen", "-p", p("x.pub")], "-s SEC is required"),
        (["keygen", "-p", p("x.pub"), "-s", p("x.pub")], "different files"),
        (["keygen", "-p", p("x.pub"), "-s", p("x.key"), "-q"], "unknown option '-q'"),
        (["keygen", "-p"], "-p needs a value"),
        (["sign", "-s", p("k.key")], "-m FILE is required"),
        (["sign", "-m", p("notes.txt")], "-s SEC is required"),
        (["sign", "-s", p("k.key"), "-m", p("notes.txt"), "-t", "two\nlines"], "one line"),
        (["sign", "-s", p("k.key"), "-m", p("notes.txt"), "-t", "x" * 8001], "longer than 8000"),
        (["sign", "-s", p("k.key"), "-m", p("notes.txt"), "-m", p("notes.txt")],
         "given more than once"),
        (["sign", "-s", p("k.key"), p("notes.txt")], "unexpected argument"),
        (["verify", "-m", p("content.db")], "either -p PUB or -P KEY"),
        (["verify", "-p", p("k.pub"), "-P", base64_key, "-m", p("content.db")], "either -p"),
        (["verify", "-p", p("k.pub")], "-m FILE is required"),
    ]
    for arguments, message in usage_cases:
        result = run(k, arguments)
        expect(result.returncode == 2 and message in result.stderr and "usage:" in result.stderr,
               f"usage error {arguments[0]} ... -> exit 2, {message!r}")
    expect(not os.path.exists(p("x.pub")) and not os.path.exists(p("x.key")),
           "usage errors write nothing")
    for command in ("keygen", "sign", "verify"):
        helped = run(k, [command, "--help"])
        expect(helped.returncode == 0 and helped.stdout.startswith(f"usage: kioskpack {command}"),
               f"kioskpack {command} --help")
    listed = run(k, ["--help"])
    expect(all(f"  {c}" in listed.stdout for c in ("keygen", "sign", "verify")),
           "kioskpack --help lists the signing commands")

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
