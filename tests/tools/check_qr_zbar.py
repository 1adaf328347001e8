#!/usr/bin/env python3
"""Round trip of firmware/qr through a real decoder: each text is made into a QR code drawn as a
PGM picture (qr_pgm: quiet zone of 4 modules, 4 pixels per module) and read back by zbarimg
(zbar-tools), which must give exactly the text. The kiosk's URLs are ASCII (Chinese
percent-encoded), which readers take as they are; raw UTF-8 in byte mode is read with zbar's
binary option, as readers guess the character set of byte-mode data (zbar reads some UTF-8
Chinese as Shift JIS)."""
import argparse
import os
import subprocess
import sys

failures = []

URLS = [
    "http://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/",
    "http://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/202301/t20230118_2216380.html",
    "https://www.nmg.gov.cn/so/s?qt=%E5%86%85%E8%92%99%E5%8F%A4%E8%87%AA%E6%B2%BB%E5%8C%BA"
    "%E4%BC%98%E5%8C%96%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83%E6%9D%A1%E4%BE%8B"
    "&siteCode=1500000001&tab=zcwj&timeOption=0&sort=relevance#Result",
    "https://www.gov.cn/zhengce/content/2019-10/23/content_5443963.htm?TrackID=Kiosk-Hohhot_01",
    "HTTP://WWW.NMG.GOV.CN/ZWGK/ZFXXGK/ZFXXGKML/?Case=Kept",
    # Long enough for version 13: several alignment patterns and the version information.
    "https://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/?" + "&".join(
        "k%d=%%E8%%92%%99%%E5%%8F%%A4%d" % (i, i) for i in range(12)),
]
UTF8_TEXTS = [
    "内蒙古自治区人民政府关于印发《内蒙古自治区优化营商环境条例》的通知",
    "https://www.nmg.gov.cn/zwgk/政策文件/",
    "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠌",
]


def expect(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        failures.append(what)


def draw(qr_pgm, text, path):
    result = subprocess.run([qr_pgm, path], input=text.encode("utf-8"), capture_output=True)
    if result.returncode != 0:
        return result.stderr.decode("utf-8", "replace").strip()
    return None


def decode(zbarimg, path, binary):
    # --raw: the data alone, one line per symbol. zbarimg may print D-Bus noise on stderr.
    args = [zbarimg, "--raw", "-q"] + (["-Sbinary"] if binary else []) + [path]
    result = subprocess.run(args, capture_output=True)
    if result.returncode != 0:
        return None
    data = result.stdout
    return data[:-1] if data.endswith(b"\n") else data


def round_trip(args, index, text, binary):
    path = os.path.join(args.output, "code-%d.pgm" % index)
    error = draw(args.qr_pgm, text, path)
    if error is not None:
        expect(False, "qr_pgm makes a code of %r (%s)" % (text, error))
        return
    decoded = decode(args.zbarimg, path, binary)
    expect(decoded == text.encode("utf-8"),
           "zbarimg reads back %r%s" % (text, "" if decoded == text.encode("utf-8") else
                                        ", got %r (picture: %s)" % (decoded, path)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qr-pgm", required=True)
    parser.add_argument("--zbarimg", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)

    index = 0
    for url in URLS:
        round_trip(args, index, url, binary=False)
        index += 1
    for text in UTF8_TEXTS:
        round_trip(args, index, text, binary=True)
        index += 1

    # The decoder is not just echoing something: a picture without a code reads as nothing.
    blank = os.path.join(args.output, "blank.pgm")
    with open(blank, "wb") as f:
        f.write(b"P5\n116 116\n255\n" + b"\xff" * (116 * 116))
    expect(decode(args.zbarimg, blank, binary=False) is None, "a blank picture decodes to nothing")

    # Too long: qr_pgm passes make_qr's message on.
    error = draw(args.qr_pgm, "x" * 3000, os.path.join(args.output, "too-long.pgm"))
    expect(error is not None and "too long" in error, "3000 bytes are refused: %r" % error)

    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
