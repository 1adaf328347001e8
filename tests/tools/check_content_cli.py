#!/usr/bin/env python3
"""Checks `kioskpack build`, `inspect`, `search` and `lint` on the real content, as an editor
uses them: the release builds (reproducibly), its structure is right, search finds every rare
earth passage, no routing-slip text reaches it, and bad input gets file:line:column messages
while an existing release stays as it was."""
import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

failures = []


def expect(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        failures.append(what)


def run(kioskpack, args, env=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([kioskpack] + args, capture_output=True, text=True, env=full_env)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kioskpack", required=True)
    parser.add_argument("--content", required=True, help="the content source directory")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    k, content = args.kioskpack, args.content
    os.makedirs(args.output, exist_ok=True)
    db = os.path.join(args.output, "content.db")
    db2 = os.path.join(args.output, "content-again.db")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}

    # Build, twice: byte-identical, fast, with progress and sizes.
    start = time.monotonic()
    built = run(k, ["build", content, "-o", db, "--report", os.path.join(args.output, "report.txt")], epoch)
    seconds = time.monotonic() - start
    print(built.stdout + built.stderr)
    expect(built.returncode == 0, "build succeeds")
    expect(built.stdout.count("[") >= 5 and "/5]" in built.stdout, "a progress line per document")
    expect(re.search(r"font NotoSansCJK-Regular: \d+ characters, [\d.]+ (KiB|MiB)", built.stdout) is not None,
           "build prints each subset font's size")
    expect(re.search(r"wrote .* in \d+ ms", built.stdout) is not None, "build prints its time and size")
    expect(seconds < 10, f"the whole release builds in a few seconds ({seconds:.1f} s)")
    again = run(k, ["build", content, "-o", db2], epoch)
    expect(again.returncode == 0, "second build succeeds")
    with open(db, "rb") as a, open(db2, "rb") as b:
        expect(a.read() == b.read(), "two builds of the same sources are byte-identical")

    # Structure, as inspect shows it.
    shown = run(k, ["inspect", db])
    expect(shown.returncode == 0, "inspect succeeds")
    for slug in ("model-region-decision", "twentieth-congress-decision", "model-region-regulation",
                 "tongliao-implementing-opinion", "eleventh-plenary-communique"):
        expect(slug in shown.stdout, f"inspect lists {slug}")
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    # Every document's url (or that it has none), then the topic chips with their counts.
    expect(shown.stdout.count("\n  url       ") == 5, "inspect prints each document's url")
    expect(re.search(r"\ntopics \(search chips, in the order shown\): \d+\n  1\. \S+  \d+ hits?, "
                     r"\d+ paragraphs?, \d+ documents?", shown.stdout) is not None,
           "inspect prints the topic chips with their counts")
    topics = connection.execute("SELECT term_zh, hits, documents FROM topics ORDER BY position").fetchall()
    expect(0 < len(topics) <= 16, f"the release has topic chips ({len(topics)})")
    for term, hits, documents in topics:
        paragraphs = connection.execute(
            "SELECT count(*) FROM paragraphs WHERE instr(text, ?) > 0", (term,)).fetchone()[0]
        found = connection.execute(
            "SELECT count(*), count(DISTINCT n.document_id) FROM search_text s "
            "JOIN nodes n ON n.id = s.node_id WHERE instr(s.text, ?) > 0", (term,)).fetchone()
        expect(paragraphs >= 2 and found == (hits, documents),
               f"topic {term}: in {paragraphs} paragraphs, {found[0]} hits in {found[1]} documents "
               f"(stored {hits}, {documents})")
    bad_urls = connection.execute(
        "SELECT count(*) FROM documents WHERE url <> '' AND url NOT LIKE 'http://%' "
        "AND url NOT LIKE 'https://%'").fetchone()[0]
    expect(bad_urls == 0, "every url in the release is http or https")

    def count(slug, kind):
        return connection.execute(
            "SELECT count(*) FROM nodes JOIN documents d ON d.id = nodes.document_id "
            "WHERE d.slug = ? AND nodes.kind = ?", (slug, kind)).fetchone()[0]

    expect(count("model-region-decision", "part") == 7, "seed 000 has 7 parts")
    expect(count("model-region-decision", "item") == 26, "seed 000 has 26 items")
    expect(count("model-region-regulation", "chapter") == 9, "seed 002 has 9 chapters")
    expect(count("model-region-regulation", "article") == 66, "seed 002 has 66 articles")
    expect(count("tongliao-implementing-opinion", "part") == 7, "seed 003 has 7 parts")
    expect(count("tongliao-implementing-opinion", "item") == 28, "seed 003 has 28 items")
    units = connection.execute(
        "SELECT count(*) FROM node_attributes WHERE key = 'responsible_units'").fetchone()[0]
    with open(os.path.join(content, "sources", "003_8f04a4cc19cf5a4c.txt"), encoding="utf-8") as f:
        named = len(re.findall(r"责任单位", re.sub(r"\s+", "", f.read())))
    expect(units == named and units > 0, f"every item of seed 003 that names responsible units keeps them ({units}/{named})")
    headings = [row[0] for row in connection.execute(
        "SELECT label || heading FROM nodes JOIN documents d ON d.id = nodes.document_id "
        "WHERE d.slug = 'twentieth-congress-decision' AND nodes.kind = 'part'")]
    expect("四、努力完成习近平总书记交给内蒙古的五大任务" in headings, "seed 001's wrapped heading is joined")
    expect(connection.execute("SELECT excerpt FROM documents WHERE slug = 'twentieth-congress-decision'").fetchone()[0] == 1,
           "seed 001 is marked as an excerpt")
    expect(connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity check")

    # No routing-slip text anywhere: not in any text column, not in the file's bytes.
    with open(db, "rb") as f:
        raw = f.read()
    for secret in ("王洪江", "8628022", "运转号"):
        expect(secret.encode("utf-8") not in raw, f"{secret} is nowhere in the release file")

    # Search: every paragraph that mentions rare earths, line-wrapped ones included.
    found = run(k, ["search", db, "稀土"])
    expect(found.returncode == 0, "search succeeds")
    hit_docs = {line.split("\t")[0] for line in found.stdout.splitlines() if "\t" in line}
    for slug in ("model-region-decision", "twentieth-congress-decision", "model-region-regulation",
                 "eleventh-plenary-communique"):
        expect(slug in hit_docs, f"search 稀土 finds {slug}")
    sources_with = 0
    for name in sorted(os.listdir(os.path.join(content, "sources"))):
        with open(os.path.join(content, "sources", name), encoding="utf-8") as f:
            joined = re.sub(r"\s+", "", f.read())
        sources_with += joined.count("稀土")
    hits = sum(1 for line in found.stdout.splitlines() if "\t" in line)
    in_release = connection.execute(
        "SELECT count(*) FROM paragraphs WHERE instr(text, '稀土') > 0").fetchone()[0]
    expect(hits >= in_release > 0, f"every paragraph with 稀土 is a hit ({hits} hits, {in_release} paragraphs)")
    expect(sum(p[0].count("稀土") for p in connection.execute("SELECT text FROM paragraphs")) +
           sum(h[0].count("稀土") for h in connection.execute("SELECT heading FROM nodes")) == sources_with,
           f"the release has as many 稀土 as the sources with line breaks removed ({sources_with})")

    # Lint warns only about real ambiguities: nothing on the shipped documents (the importer
    # fixes ASCII punctuation and page breaks itself, and its report lists each), and a numbering
    # gap named at file:line:column.
    linted = run(k, ["lint", content])
    expect(linted.returncode == 0 and not re.search(r"\.txt:\d+", linted.stdout),
           f"lint has nothing to say about the shipped documents: {linted.stdout[-300:]!r}")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "content")
        shutil.copytree(content, copy, ignore=shutil.ignore_patterns("kioskpack", "pipeline", "*.cpp"))
        source = os.path.join(copy, "sources", "002_c34abe744b062318.txt")
        with open(source, encoding="utf-8") as f:
            text = f.read()
        with open(source, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^第二条 ?", "", text, count=1, flags=re.M))  # the label of 第二条 lost
        gap = run(k, ["lint", copy])
        expect(re.search(r"002_c34abe744b062318\.txt:\d+:1: 第三条 follows 第一条 \(expected 第二条\).*\[numbering-gap\]",
                         gap.stdout) is not None and gap.returncode == 0,
               f"lint names a numbering gap at file:line:column: {gap.stdout[-300:]!r}")

    # Bad input: clear message with file:line:column, non-zero exit, the release untouched.
    with open(db, "rb") as f:
        good = f.read()

    def broken(mutate, expected_pattern, what):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "content")
            shutil.copytree(content, copy, ignore=shutil.ignore_patterns("kioskpack", "pipeline", "*.cpp"))
            mutate(copy)
            result = run(k, ["build", copy, "-o", db], epoch)
            message = result.stderr.strip()
            expect(result.returncode != 0 and re.search(expected_pattern, message) is not None,
                   f"{what}: {message!r}")
        with open(db, "rb") as f:
            expect(f.read() == good, f"{what}: the existing release is untouched")

    def replace_in(path, old, new, binary=False):
        with open(path, "rb") as f:
            data = f.read()
        data = data.replace(old if binary else old.encode("utf-8"), new if binary else new.encode("utf-8"), 1)
        with open(path, "wb") as f:
            f.write(data)

    broken(lambda c: replace_in(os.path.join(c, "documents", "002-model-region-regulation.toml"),
                                "display_order = 2", "display_order = 2\ncolour = \"red\""),
           r"002-model-region-regulation\.toml:\d+:\d+: unknown key 'colour'", "unknown metadata key")
    broken(lambda c: replace_in(os.path.join(c, "documents", "002-model-region-regulation.toml"),
                                "display_order = 2", "display_order = 2\nurl = \"www.nmgrd.gov.cn/x.html\""),
           r"002-model-region-regulation\.toml:\d+:7: url 'www\.nmgrd\.gov\.cn/x\.html' must start with "
           r"http:// or https://", "a url without http:// or https://")
    broken(lambda c: replace_in(os.path.join(c, "documents", "000-model-region-decision.toml"),
                                "display_order = 1", "display_order = 1\nurl = \"https://www.nmg.gov.cn/a b\""),
           r"000-model-region-decision\.toml:\d+:7: url has a space", "a url with a space")
    broken(lambda c: replace_in(os.path.join(c, "topics.toml"), "mn = \"ᠦᠯᠢᠭᠡᠷ ", "mn = \"ᠦᠯᠭᠡᠷ "),
           r"topics\.toml:\d+:\d+: error: topic\.model-region: .*\[mn-term\]",
           "a topic's Mongolian without the official form of 模范")
    broken(lambda c: replace_in(os.path.join(c, "sources", "000_cfe9554b2698badf.txt"),
                                "模范就模范".encode("utf-8"), b"\xff\xfe", binary=True),
           r"000_cfe9554b2698badf\.txt:\d+:\d+: .*UTF-8", "invalid UTF-8")
    broken(lambda c: os.remove(os.path.join(c, "sources", "004_e6495fe3e7ed8d2a.txt")),
           r"004-eleventh-plenary-communique\.toml:\d+:\d+: .*missing", "missing source file")
    broken(lambda c: replace_in(os.path.join(c, "sources", "002_c34abe744b062318.txt"), "第三条", "第一条"),
           r"002_c34abe744b062318\.txt:\d+:\d+: 第一条 follows 第二条", "numbered heading going back")

    # Mongolian that a reader would reject never reaches a release: the orthography and the
    # official names are errors with file:line:column (the column of the character at fault).
    broken(lambda c: replace_in(os.path.join(c, "ui_strings.toml"),
                                "ᠲᠡᠷᠢᠭᠦᠨ ᠬᠠᠭᠤᠳᠠᠰᠤ", "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ"),
           r"ui_strings\.toml:\d+:\d+: error: nav\.home: the Chinese has 首页.*\[mn-term\]",
           "首页 without its official Mongolian")
    broken(lambda c: replace_in(os.path.join(c, "ui_strings.toml"),
                                "ᠠᠰᠠᠭᠤᠯᠲᠠ ᠬᠠᠷᠢᠭᠤᠯᠲᠠ\"", "ᠠᠰᠠᠭᠤᠯᠲ\\u180Eᠠ\""),
           r"ui_strings\.toml:\d+:\d+: error: quiz\.start: U\+180E MVS after ᠲ.*\[mn-mvs\]",
           "MVS after ᠲ")
    broken(lambda c: replace_in(os.path.join(c, "documents", "002-model-region-regulation.toml"),
                                "ᠥᠪᠦᠷ", "ᠥᠪᠥᠷ"),
           r"002-model-region-regulation\.toml:\d+:15: error: .*ᠥᠪᠥᠷ.*\[mn-o-ö-position\]",
           "ᠥ after the first syllable of an official name")
    broken(lambda c: replace_in(os.path.join(c, "ui_strings.toml"), "mn = \"{version:ordinal}", "mn = \"{version} ᠳᠤᠭᠠᠷ"),
           r"ui_strings\.toml:\d+:\d+: error: refresh\.done: the suffix ᠳᠤᠭᠠᠷ after a number",
           "an ordinal after a number without the number function")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "content")
        shutil.copytree(content, copy, ignore=shutil.ignore_patterns("kioskpack", "pipeline", "*.cpp"))
        replace_in(os.path.join(copy, "ui_strings.toml"), "ᠲᠡᠷᠢᠭᠦᠨ ᠬᠠᠭᠤᠳᠠᠰᠤ", "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ")
        linted = run(k, ["lint", copy])
        expect(linted.returncode == 1 and "[mn-term]" in linted.stdout and "1 error" in linted.stdout,
               f"lint exits 1 on a Mongolian error and counts it: {linted.stdout[-200:]!r}")
    expect(linted.returncode == 1, "lint of a bad Mongolian string exits 1")
    clean = run(k, ["lint", content])
    expect(clean.returncode == 0 and "0 errors" in clean.stdout, "the content's Mongolian has no error")

    # preview: one new document on its own, its tree, what was dropped, the lint; drawn by the
    # kiosk with --png; a file it cannot read is named with what to do.
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "corpus")
    shown = run(k, ["preview", os.path.join(corpus, "10-minzu-quyu-zizhi.md")])
    expect(shown.returncode == 0 and "\n序言 ¶6\n" in shown.stdout and "第七章 附则" in shown.stdout
           and "[markdown-comment] <!-- INFO END -->" in shown.stdout and "lint: 0 warnings" in shown.stdout,
           f"preview prints the tree, the drops and the lint: {shown.stdout[:300]!r}")
    pngs = os.path.join(args.output, "preview")
    shutil.rmtree(pngs, ignore_errors=True)
    drawn = run(k, ["preview", os.path.join(corpus, "12-report-2024.txt"), "--png", pngs, "--src", content])
    expect(drawn.returncode == 0 and all(
        os.path.getsize(os.path.join(pngs, name)) > 10000 for name in ("contents.png", "reader-1.png", "reader-2.png")),
        f"preview --png has the kiosk draw the contents and two pages: {drawn.stdout[-200:]!r} {drawn.stderr[-200:]!r}")
    with tempfile.TemporaryDirectory() as tmp:
        legacy = os.path.join(tmp, "old.docx")
        with open(legacy, "wb") as f:
            f.write(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
        refused = run(k, ["preview", legacy])
        expect(refused.returncode == 1 and "old.docx" in refused.stderr and ".doc" in refused.stderr
               and "save it as .docx" in refused.stderr,
               f"preview names a Word 97-2003 file and says what to do: {refused.stderr!r}")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
