#!/usr/bin/env python3
"""Checks `kioskpack text --dump` against the hb-shape command line.

Lays the UDHR paragraph out vertically in Mongolian at several column heights and, for every
run of script Mong, runs `hb-shape --script=Mong --language=mn --direction=ltr` on the same
font file with the run's text: the glyph ids must be equal. Exits non-zero on any difference.
"""
import argparse
import json
import subprocess
import sys


def hb_shape(hb_shape_path, font, text):
    out = subprocess.run(
        [hb_shape_path, "--script=Mong", "--language=mn", "--direction=ltr",
         "--no-glyph-names", "--no-positions", "--no-clusters", f"--font-file={font}",
         f"--text={text}"],
        check=True, capture_output=True, text=True).stdout.strip()
    return [int(g) for g in out.strip("[]").split("|") if g]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kioskpack", required=True)
    parser.add_argument("--hb-shape", required=True)
    parser.add_argument("--text", required=True, help="file with the paragraph (UTF-8)")
    args = parser.parse_args()
    with open(args.text, encoding="utf-8") as f:
        paragraph = f.read()

    runs_checked = 0
    failures = 0
    for height in ("300", "600", "1080"):
        dump = subprocess.run(
            [args.kioskpack, "text", "--vertical", "--lang", "mn", "--width", height, "--dump"],
            input=paragraph, check=True, capture_output=True, text=True).stdout
        for line_number, line in enumerate(dump.splitlines(), 1):
            column = json.loads(line)
            for run in column["runs"]:
                if run["script"] != "Mong":
                    continue
                expected = hb_shape(args.hb_shape, run["font"], run["text"])
                runs_checked += 1
                if run["glyphs"] != expected:
                    failures += 1
                    print(f"height {height}, column {line_number}: run {run['text']!r}\n"
                          f"  kioskpack: {run['glyphs']}\n  hb-shape:  {expected}")
    if runs_checked == 0:
        print("no Mongolian run found in the dump: nothing was checked")
        return 1
    print(f"{runs_checked} Mongolian runs checked against hb-shape, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
