#!/usr/bin/env python3
"""Kiosk benchmark: prints figures, asserts nothing.

  start to first frame   process spawn -> first frame drawn, headless, 1920x1080 (median of 15)
  scrolling frame times  draw time of each frame while flings scroll the longest section of
                         each document at 1080x1920, software renderer (median, p99, max)
  peak RSS               after visiting every screen (attract, home, contents, reader)
  idle                   CPU used and frames drawn over 10 s of a real-time headless kiosk on
                         the attract loop, and frames drawn while a visitor stands still on home
Targets (issue 4): first frame < 150 ms; p99 < 8 ms; RSS < 60 MiB; no drawing while idle.
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import tempfile
import time

DOCUMENTS = ["model-region-decision", "twentieth-congress-decision", "model-region-regulation",
             "tongliao-implementing-opinion", "eleventh-plenary-communique"]


def run(kiosk, args, script=None, env=None, state=None):
    full_env = dict(os.environ, **(env or {}))
    command = [kiosk, "--headless", "--state-dir", state] + args
    if script is not None:
        path = os.path.join(state, "bench.script")
        with open(path, "w") as f:
            f.write(script)
        command += ["--script", path]
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
    out, err = process.communicate()
    return start, out, err, process.returncode


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kiosk", required=True)
    args = parser.parse_args()
    state = tempfile.mkdtemp(prefix="kiosk-bench-")
    print(__doc__.strip().splitlines()[0])

    # Start to first frame.
    spawn_to_frame, in_main = [], []
    for _ in range(15):
        start, _, err, code = run(args.kiosk, ["--size", "1920x1080", "--screenshot", os.path.join(state, "s.png")],
                                  env={"KIOSK_REPORT_FIRST_FRAME": "1"}, state=state)
        match = re.search(r"first frame after ([\d.]+) ms in main \(monotonic ([\d.]+) s\)", err)
        if code == 0 and match:
            in_main.append(float(match.group(1)))
            spawn_to_frame.append((float(match.group(2)) - start) * 1000)
    print(f"start to first frame (headless 1920x1080): median {statistics.median(spawn_to_frame):.1f} ms from "
          f"spawn ({statistics.median(in_main):.1f} ms of it in main), min {min(spawn_to_frame):.1f} ms")

    # Scrolling the longest section of each document at 1080x1920.
    all_frames = []
    for slug in DOCUMENTS:
        script = (f"tap 540 960\nopen-longest {slug}\nwait 1000\n"
                  "fling 540 1500 540 500 100\nwait 2500\nfling 540 500 540 1500 100\nwait 2500\n"
                  "fling 540 1600 540 300 80\nwait 2500\nfling 540 300 540 1700 80\nwait 2500\nquit\n")
        _, out, _, _ = run(args.kiosk, ["--size", "1080x1920"], script, env={"KIOSK_REPORT_FRAMES": "1"}, state=state)
        frames = [float(m.group(2)) for m in re.finditer(r"frame at (\d+) ms: ([\d.]+) ms", out)
                  if int(m.group(1)) >= 1080 + 16]  # after the section opened
        all_frames += frames
        print(f"  scrolling {slug:32s} {len(frames):4d} frames  median {statistics.median(frames):5.2f} ms  "
              f"p99 {percentile(frames, 0.99):5.2f} ms  max {max(frames):5.2f} ms")
    print(f"scrolling frame time at 1080x1920 (software renderer): median {statistics.median(all_frames):.2f} ms, "
          f"p99 {percentile(all_frames, 0.99):.2f} ms over {len(all_frames)} frames")

    # Peak RSS after every screen.
    script = ("tap 960 540\ntap 300 400\ntap 700 400\ntap 1700 1010\nfling 960 800 960 300 120\nwait 2000\n"
              "key escape\nkey escape\nwait 1000\nquit\n")
    _, _, err, _ = run(args.kiosk, ["--size", "1920x1080"], script, env={"KIOSK_REPORT_RSS": "1"}, state=state)
    rss = re.search(r"peak RSS ([\d.]+) MiB", err)
    print(f"peak RSS after visiting every screen (1920x1080): {rss.group(1) if rss else '?'} MiB")

    # Idle: a real-time kiosk on the attract loop for 10 s, then a visitor who stands still.
    process = subprocess.Popen([args.kiosk, "--headless", "--state-dir", state, "--size", "1920x1080"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, KIOSK_REPORT_FRAMES="1"))
    time.sleep(10)
    process.send_signal(signal.SIGINT)
    _, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read()
    drawn = re.search(r"frames drawn: (\d+) in (\d+) ms", out)
    print(f"idle 10 s on the attract loop (one slide fades in every 8 s): CPU {usage.ru_utime + usage.ru_stime:.3f} s, "
          f"{drawn.group(1) if drawn else '?'} frames drawn")
    script = "tap 960 540\nwait 60000\nquit\n"
    _, out, _, _ = run(args.kiosk, ["--size", "1920x1080"], script, env={"KIOSK_REPORT_FRAMES": "1"}, state=state)
    idle_frames = [m for m in re.finditer(r"frame at (\d+) ms", out) if int(m.group(1)) > 200]
    print(f"frames drawn while a visitor stands still on home for 60 s: {len(idle_frames)}")


if __name__ == "__main__":
    main()
