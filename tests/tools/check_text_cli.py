#!/usr/bin/env python3
"""Checks the behaviour of `kioskpack text` as a person uses it: help, errors, dump and PNG."""
import argparse
import json
import os
import subprocess
import sys

failures = []


def run(kioskpack, args, stdin=""):
    return subprocess.run([kioskpack] + args, input=stdin.encode("utf-8"), capture_output=True)


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kioskpack", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    k = args.kioskpack
    os.makedirs(args.output, exist_ok=True)

    result = run(k, ["--help"])
    expect(result.returncode == 0 and b"text" in result.stdout, "kioskpack --help lists text")
    result = run(k, ["text", "--help"])
    expect(result.returncode == 0 and b"--vertical" in result.stdout, "text --help shows options")
    result = run(k, ["nonsense"])
    expect(result.returncode == 2 and b"unknown command" in result.stderr, "unknown command: exit 2")
    result = run(k, ["text", "--lang", "fr", "--width", "300", "--dump"], "x")
    expect(result.returncode == 2 and b"--lang must be zh or mn" in result.stderr, "bad --lang explained")
    result = run(k, ["text", "--lang", "zh", "--width", "wide", "--dump"], "x")
    expect(result.returncode == 2 and b"not a positive number" in result.stderr, "bad --width explained")
    result = run(k, ["text", "--lang", "zh", "--width", "300"], "x")
    expect(result.returncode == 2 and b"--png FILE and --dump" in result.stderr, "no output chosen")
    result = run(k, ["text", "--lang", "zh", "--width", "300", "--dump", "--fonts", "/nonexistent"], "x")
    expect(result.returncode == 1 and b"/nonexistent" in result.stderr, "missing font dir named")

    result = run(k, ["text", "--lang", "zh", "--width", "320", "--dump"], "中华人民共和国内蒙古自治区，模范自治区。\n")
    expect(result.returncode == 0, "dump runs")
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    expect(len(lines) == 2, f"20 ideographs at 320 px make 2 lines (got {len(lines)})")
    expect("".join(l["text"] for l in lines) == "中华人民共和国内蒙古自治区，模范自治区。",
           "the lines add up to the input")
    run0 = lines[0]["runs"][0] if lines and lines[0]["runs"] else {}
    expect(run0.get("font", "").endswith("NotoSansCJK-Regular.ttc") and os.path.isfile(run0.get("font", "")),
           "the dump names the font file it used")
    expect(run0.get("script") == "Hani" and run0.get("direction") == "ltr", "script and direction dumped")

    png = os.path.join(args.output, "cli-text.png")
    if os.path.exists(png):
        os.remove(png)
    result = run(k, ["text", "--vertical", "--lang", "mn", "--width", "400", "--png", png], "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ")
    expect(result.returncode == 0 and os.path.getsize(png) > 100 if os.path.exists(png) else False,
           "--png writes an image")
    with open(png, "rb") as f:
        expect(f.read(8) == b"\x89PNG\r\n\x1a\n", "the image is a PNG")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
