#!/usr/bin/env python3
"""Runs the kiosk through every visitor screen at the panel sizes halls use and checks each
screen's layout dump (script command dump-layout) against the panel's millimetres:

  - every touch target is at least 9 mm both ways, and 2 mm from every other one;
  - no two targets overlap, and every label lies inside its target;
  - no text is smaller than 2.6 mm, the reader's body text is at least 3 mm;
  - every text is on the screen (or inside the scrolling area that clips it);
  - no Mongolian word is split across two columns.

  check_layouts.py --kiosk K --script tests/layout/every-screen.txt --output DIR [--only WxH@DPI]

Screenshots of every screen land beside the dumps in DIR/<size>/, to be looked at."""
import argparse
import json
import os
import subprocess
import sys

SIZES = [(800, 480, 132), (480, 800, 142), (720, 1280, 210), (1024, 600, 170), (1920, 1080, 96)]
TOLERANCE = 0.5  # px: sizes are rounded to whole pixels

failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")
    print(f"FAIL: {where}: {what}")


def inside(inner, outer, slack=1):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - slack and y >= oy - slack and x + w <= ox + ow + slack and y + h <= oy + oh + slack


def separation(a, b):
    """Distance between two rectangles (0 when they touch, negative when they overlap)."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    dx = max(bx - (ax + aw), ax - (bx + bw))
    dy = max(by - (ay + ah), ay - (by + bh))
    if dx < 0 and dy < 0:
        return max(dx, dy)  # overlapping: how deep
    return max(dx, dy)


def luminance(color):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = color[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_dump(path, dpi):
    dump = json.load(open(path, encoding="utf-8"))
    where = f"{os.path.basename(os.path.dirname(path))}/{os.path.basename(path)}"
    mm = dpi / 25.4
    width, height = dump["size"]
    screen = dump["screen"]
    targets = dump["targets"]
    if screen != "attract" and not targets:
        fail(where, "no touch targets recorded")
    for t in targets:
        x, y, w, h = t["rect"]
        if t["id"] != "start" and (w < 9 * mm - TOLERANCE or h < 9 * mm - TOLERANCE):
            fail(where, f"target {t['id']} ({t['label']}) is {w / mm:.1f} x {h / mm:.1f} mm, "
                        "under 9 mm")
        for label in t["label_rects"]:
            if not inside(label, t["rect"]):
                fail(where, f"a label of {t['id']} ({t['label']}) {label} is outside its "
                            f"target {t['rect']}")
    for k, a in enumerate(targets):
        for b in targets[k + 1:]:
            if "start" in (a["id"], b["id"]):
                continue
            gap = separation(a["visible"], b["visible"])
            if gap < 2 * mm - TOLERANCE:
                what = "overlap" if gap < 0 else f"are {gap / mm:.1f} mm apart, under 2 mm"
                fail(where, f"targets {a['id']} {a['visible']} and {b['id']} {b['visible']} {what}")
    for boundary in dump["boundaries"]:
        ratio = contrast(boundary["edge"], boundary["beside"])
        if ratio < 3.0:
            fail(where, f"{boundary['what']}: {ratio:.2f}:1, under 3:1")
    sizes = []
    for text in dump["texts"]:
        short = text["text"][:16]
        if text["size_px"] < 2.6 * mm - TOLERANCE:
            fail(where, f"text '{short}' is set at {text['size_px'] / mm:.2f} mm, under 2.6 mm")
        # WCAG 2.2 AA: 4.5:1, or 3:1 for large text (24 CSS px, a quarter inch); a disabled
        # button's label is exempt.
        large = text["size_px"] / dpi >= 0.25
        needed = 3.0 if large else 4.5
        ratio = contrast(text["color"], text["background"])
        if not text.get("inactive") and ratio < needed - 0.005:
            fail(where, f"text '{short}' {text['color']} on {text['background']} has contrast "
                        f"{ratio:.2f}:1, under {needed}:1")
        visible = text.get("visible", text["rect"])
        if visible == text["rect"] and not inside(text["rect"], [0, 0, width, height]):
            fail(where, f"text '{short}' {text['rect']} runs off the {width}x{height} screen")
        if text["script"] == "mn":
            for line in text["lines"][:-1]:
                if not line.endswith(" "):
                    fail(where, f"Mongolian '{short}' is cut inside a word after '{line[-6:]}'")
                    break
        # The reader's paragraphs (texts of several lines in its scrolling area) are body text:
        # 3 mm at least.
        if (screen == "reader" and text["script"] == "zh" and "clip" in text
                and len(text["lines"]) > 1):
            sizes.append(text["size_px"])
    # No two texts on top of each other (what is drawn in a scrolling area, by its visible part).
    texts = dump["texts"]
    for k, a in enumerate(texts):
        for b in texts[k + 1:]:
            if separation(a.get("visible", a["rect"]), b.get("visible", b["rect"])) < -1:
                fail(where, f"texts '{a['text'][:12]}' {a['rect']} and '{b['text'][:12]}' "
                            f"{b['rect']} overlap")
    if screen == "reader" and not sizes:
        fail(where, "no paragraph of several lines on the reader")
    for size in sizes:
        if size < 3 * mm - TOLERANCE:
            fail(where, f"body text is set at {size / mm:.2f} mm, under 3 mm")
    return screen


def position_line(path):
    texts = json.load(open(path, encoding="utf-8"))["texts"]
    return next((t["text"] for t in texts if t["text"].startswith("第") and "共" in t["text"]), None)


def check_text_size_buttons(out, name):
    """大 and 小 (tap-target size2, size0) change the text size, never the section (on narrow
    panels the size buttons once lay under 下一节 and 上一节)."""
    before = os.path.join(out, "04-reader.json")
    for label, dump in (("大", "05-reader-large.json"), ("小", "05-reader-small.json")):
        after = os.path.join(out, dump)
        if not (os.path.exists(before) and os.path.exists(after)):
            fail(name, "the journey did not reach the reader's text sizes")
            return
        if position_line(before) is None or position_line(before) != position_line(after):
            fail(name, f"tapping {label} moved the reader from '{position_line(before)}' to "
                       f"'{position_line(after)}'")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--script", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--only", help="one size, as WxH@DPI")
    args = parser.parse_args()
    sizes = SIZES
    if args.only:
        size, dpi = args.only.split("@")
        w, h = size.split("x")
        sizes = [(int(w), int(h), int(dpi))]
    template = open(args.script, encoding="utf-8").read()
    for width, height, dpi in sizes:
        name = f"{width}x{height}@{dpi}"
        out = os.path.abspath(os.path.join(args.output, name))
        os.makedirs(out, exist_ok=True)
        for old in os.listdir(out):
            if old.endswith((".json", ".png")):
                os.remove(os.path.join(out, old))
        with open(os.path.join(out, "journey.txt"), "w", encoding="utf-8") as f:
            f.write(template.replace("OUT", out))
        with open(os.path.join(out, "kiosk.toml"), "w", encoding="utf-8") as f:
            f.write(f"dpi = {dpi}\n")
        run = subprocess.run([args.kiosk, "--headless", "--size", f"{width}x{height}", "--config",
                              os.path.join(out, "kiosk.toml"), "--state-dir",
                              os.path.join(out, "state"), "--seed", "3", "--script",
                              os.path.join(out, "journey.txt")], capture_output=True, text=True)
        if run.returncode != 0:
            fail(name, f"the kiosk's run failed ({run.returncode}): {run.stderr.strip()}")
            continue
        dumps = sorted(n for n in os.listdir(out) if n.endswith(".json"))
        screens = [check_dump(os.path.join(out, n), dpi) for n in dumps]
        check_text_size_buttons(out, name)
        print(f"{name}: {len(dumps)} screens checked ({', '.join(sorted(set(screens)))})")
    if failures:
        print(f"\n{len(failures)} layout problems")
        return 1
    print("\nevery screen fits at every size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
