#!/usr/bin/env python3
"""Checks the translator's review loop: `kioskpack review-sheet` writes one self-contained HTML
page with every Mongolian string drawn by the kiosk's engine; the page's answers (CSV) go back
into the TOML files through `kioskpack review-apply`, which changes only the answered values.

  check_review_sheet.py round-trip --kioskpack K --content DIR --output DIR
  check_review_sheet.py browser    --kioskpack K --content DIR --output DIR

round-trip writes the answers by hand and compares the files byte for byte; browser opens the
page in real headless Chromium (Selenium), fills it in, exports, and applies the download."""
import argparse
import base64
import html
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

failures = []

NNBSP, MVS = "\u202f", "\u180e"
HEADER = "key,field,file,mn,mn_reviewed,comment"
SETUP_HINT = "run board/host/setup.sh (it installs chromium, chromium-driver and python3-selenium)"


def expect(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        failures.append(what)
    return condition


def run(kioskpack, args):
    result = subprocess.run([kioskpack] + args, capture_output=True, text=True)
    print(f"$ kioskpack {' '.join(args)}  -> {result.returncode}")
    if result.stdout.strip():
        print("  " + result.stdout.strip().replace("\n", "\n  "))
    if result.stderr.strip():
        print("  stderr: " + result.stderr.strip().replace("\n", "\n  stderr: "))
    return result


def fresh_copy(content, output, name="content"):
    target = os.path.join(output, name)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    return target


def snapshot(directory):
    files = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, directory)] = f.read()
    return files


# [SECTION] The strings, read independently of kioskpack (tomllib)


def mongolian_strings(source):
    """{(key, field): (file, mn, reviewed)} for ui_strings.toml, topics.toml and documents/*.toml."""
    strings = {}
    with open(os.path.join(source, "ui_strings.toml"), "rb") as f:
        ui = tomllib.load(f)

    def walk(table, prefix):
        for name, value in table.items():
            if not isinstance(value, dict):
                continue
            if "zh" not in value and "mn" not in value:
                walk(value, prefix + name + ".")
            elif isinstance(value.get("mn"), str):
                strings[(prefix + name, "mn")] = ("ui_strings.toml", value["mn"],
                                                  value.get("mn_reviewed", False))

    walk(ui, "")
    # The topic chips' Mongolian (topics.toml, optional), laid out like the UI strings.
    if os.path.exists(os.path.join(source, "topics.toml")):
        with open(os.path.join(source, "topics.toml"), "rb") as f:
            topics = tomllib.load(f)
        for name, value in topics.get("topic", {}).items():
            if isinstance(value, dict) and isinstance(value.get("mn"), str):
                strings[("topic." + name, "mn")] = ("topics.toml", value["mn"],
                                                    value.get("mn_reviewed", False))
    for name in sorted(os.listdir(os.path.join(source, "documents"))):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(source, "documents", name), "rb") as f:
            document = tomllib.load(f)
        for field, suffix in (("title_mn", ".title"), ("issuer_mn", ".issuer")):
            if isinstance(document.get(field), str):
                strings[(document["slug"] + suffix, field)] = (
                    "documents/" + name, document[field], document.get(field + "_reviewed", False))
    return strings


def toml_escaped(value):
    """The value as review-apply must write it inside a TOML basic string."""
    visible = {0xA0, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F, 0x200B, 0x200C, 0x200D, 0x202F,
               0x2060, 0xFEFF}
    out = []
    for ch in value:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif c < 0x20 or c == 0x7F or c in visible:
            out.append(f"\\u{c:04X}")
        else:
            out.append(ch)
    return "".join(out)


def csv_field(text):
    return '"' + text.replace('"', '""') + '"' if re.search(r'[",\r\n]', text) else text


def write_answers(path, rows, header=HEADER, raw_tail=b""):
    with open(path, "wb") as f:
        f.write((header + "\r\n").encode())
        for row in rows:
            f.write((",".join(csv_field(field) for field in row) + "\r\n").encode("utf-8"))
        f.write(raw_tail)


def line_index(lines, predicate, start=0):
    for i in range(start, len(lines)):
        if predicate(lines[i]):
            return i
    raise AssertionError("line not found")


def entry_lines(lines, key):
    """The index of `[key]` in ui_strings.toml and of its mn and mn_reviewed lines (or None)."""
    header = line_index(lines, lambda line: line.strip() == f"[{key}]")
    end = line_index(lines + ["[end]"], lambda line: line.lstrip().startswith("["), header + 1)
    mn = line_index(lines, lambda line: line.startswith("mn ="), header)
    reviewed = next((i for i in range(header, end) if lines[i].startswith("mn_reviewed =")), None)
    return header, mn, reviewed


def check_lint_exit(result, what):
    has_error = re.search(r"^\S+:\d+:\d+: error: .*\[[a-z-]+\]$", result.stdout, re.M) is not None
    expect(result.returncode == (1 if has_error else 0),
           f"{what}: exit status 1 exactly when the lint reports an error (status "
           f"{result.returncode}, errors {'printed' if has_error else 'none'})")
    for line in result.stdout.splitlines():
        if " error: " in line or " warning: " in line:
            if not re.match(r"^\S+\.toml:\d+:\d+: (error|warning): .* \[[a-z0-9-]+\]$", line):
                expect(False, f"{what}: lint line in file:line:column: severity: message [rule]: {line}")
                break


# [SECTION] The page


def check_sheet(page_path, strings):
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    sections = re.findall(r'<section class="string"[^>]*>.*?</section>', page, re.S)
    expect(len(sections) == len(strings),
           f"one section per Mongolian string ({len(sections)} sections, {len(strings)} strings)")
    pngs = 0
    by_key = {}
    for section in sections:
        key = html.unescape(re.search(r'data-key="([^"]*)"', section).group(1))
        field = html.unescape(re.search(r'data-field="([^"]*)"', section).group(1))
        by_key[(key, field)] = section
        image = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', section)
        if image:
            data = base64.b64decode(image.group(1))
            if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 500:
                pngs += 1
            if (key, field) in strings and html.unescape(image.group(2)) != strings[(key, field)][1]:
                expect(False, f"{key}: the image's alt text is the Mongolian")
    expect(pngs == len(strings), f"every string has an embedded PNG ({pngs}/{len(strings)})")
    missing = [key for key in strings if key not in by_key]
    expect(not missing, f"the page has every key ({missing[:5]} missing)")
    expect(re.search(r'(src|href)="(?!data:|#)', page) is None and "<link" not in page
           and "<script src" not in page, "no external resources (inline CSS/JS, data: images)")
    for needle, what in (('id="export"', "an Export button"), ("review-answers.csv", "the CSV's name"),
                         ("U+202F NNBSP", "NNBSP named in the code points"),
                         ("说明", "instructions in Chinese"), ("Instructions", "instructions in English"),
                         ('id="count-drafts"', "a summary with the drafts")):
        expect(needle in page, f"the page has {what}")
    labels = set(re.findall(r'<label for="([^"]+)"', page))
    controls = re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"[^>]*data-role=', page)
    expect(controls and all(c in labels for c in controls),
           f"every answer field has a label ({len(controls)} fields)")
    return page, by_key


# [SECTION] round-trip: answers written by hand


def round_trip(args):
    k = args.kioskpack
    source = fresh_copy(args.content, args.output)
    ui_path = os.path.join(source, "ui_strings.toml")
    # nav.contents loses its mn_reviewed line, so that review-apply has to insert one.
    with open(ui_path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    _, _, contents_reviewed = entry_lines(lines, "nav.contents")
    if contents_reviewed is not None:
        del lines[contents_reviewed]
    with open(ui_path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines))
    strings = mongolian_strings(source)
    expect(len(strings) > 50, f"the content has Mongolian strings ({len(strings)})")

    page_path = os.path.join(args.output, "review.html")
    sheet = run(k, ["review-sheet", source, "-o", page_path])
    expect(sheet.returncode == 0, "review-sheet succeeds")
    expect(re.search(r"wrote .*: \d+ strings \(\d+ drafts\)", sheet.stdout) is not None,
           "review-sheet prints a summary")
    check_sheet(page_path, strings)

    # The answers: a correction with every kind of escape, an approval alone, a correction with
    # an approval where the reviewed line is missing, a document title.
    document_key = next(key for key in strings if key[1] == "title_mn")
    document_file = strings[document_key][0]
    back_mn = f'ᠪᠤᠴᠠᠵᠤ ᠣᠴᠢᠬᠤ{NNBSP}ᠶᠢᠨ ᠲᠠᠯ{MVS}ᠠ "ᠬᠡᠰᠡᠭ" \\ ᠲ\u180bᠠ'
    contents_mn = f"ᠭᠠᠷᠴᠠᠭ{NNBSP}ᠤᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠲ"
    title_mn = f"ᠰᠢᠨ᠎ᠡ ᠲᠠᠯ{MVS}ᠠ{NNBSP}ᠶᠢᠨ ᠱᠢᠢᠳᠪᠦᠷᠢ"
    answers = os.path.join(args.output, "answers.csv")
    write_answers(answers, [
        ["nav.back", "mn", "ui_strings.toml", back_mn, "false", "the old word, \"quoted\",\nreads oddly"],
        ["nav.home", "mn", "ui_strings.toml", "", "true", ""],
        ["nav.contents", "mn", "ui_strings.toml", contents_mn, "true", ""],
        [document_key[0], "title_mn", document_file, title_mn, "true", ""],
    ])
    before = snapshot(source)
    applied = run(k, ["review-apply", source, answers])
    check_lint_exit(applied, "review-apply")
    expect(re.search(r"4 rows; 3 corrected, 3 approved, 0 marked draft, 0 unchanged; 2 files written",
                     applied.stdout) is not None, "review-apply prints a one-line summary")
    expect("comment on nav.back" in applied.stdout, "review-apply passes the reviewer's comment on")
    after = snapshot(source)

    # Byte for byte: only the answered lines changed.
    changed = sorted(name for name in after if after[name] != before.get(name))
    expect(changed == sorted(["ui_strings.toml", document_file]),
           f"only ui_strings.toml and {document_file} changed ({changed})")
    ui_before = before["ui_strings.toml"].decode().split("\n")
    expected = list(ui_before)
    _, back_line, _ = entry_lines(expected, "nav.back")
    expected[back_line] = f'mn = "{toml_escaped(back_mn)}"'
    _, _, home_reviewed = entry_lines(expected, "nav.home")
    expected[home_reviewed] = "mn_reviewed = true"
    _, contents_line, _ = entry_lines(expected, "nav.contents")
    expected[contents_line] = f'mn = "{toml_escaped(contents_mn)}"'
    expected.insert(contents_line + 1, "mn_reviewed = true")
    expect(after["ui_strings.toml"].decode() == "\n".join(expected),
           "ui_strings.toml: exactly the nav.back and nav.contents values and two reviewed lines changed")
    expect('\\u202F' in expected[back_line] and '\\u180E' in expected[back_line]
           and '\\"' in expected[back_line] and '\\\\' in expected[back_line]
           and '\\u180B' in expected[back_line], "the correction is written with TOML escapes")
    doc_before = before[document_file].decode().split("\n")
    doc_expected = list(doc_before)
    title_line = line_index(doc_expected, lambda line: line.startswith("title_mn ="))
    doc_expected[title_line] = f'title_mn = "{toml_escaped(title_mn)}"'
    reviewed_line = line_index(doc_expected, lambda line: line.startswith("title_mn_reviewed ="))
    doc_expected[reviewed_line] = "title_mn_reviewed = true"
    expect(after[document_file].decode() == "\n".join(doc_expected),
           f"{document_file}: exactly title_mn and title_mn_reviewed changed")

    # The values read back as written.
    now = mongolian_strings(source)
    expect(now[("nav.back", "mn")][1:] == (back_mn, False), "nav.back reads back as corrected")
    expect(now[("nav.home", "mn")][2] is True, "nav.home is approved")
    expect(now[("nav.contents", "mn")][1:] == (contents_mn, True), "nav.contents reads back")
    expect(now[document_key][1:] == (title_mn, True), f"{document_key[0]} reads back")
    unchanged = [key for key in strings if key not in (("nav.back", "mn"), ("nav.home", "mn"),
                                                       ("nav.contents", "mn"), document_key)]
    expect(all(now[key] == strings[key] for key in unchanged), "every other string is as it was")

    # Applying the same answers again changes nothing.
    again = run(k, ["review-apply", source, answers])
    expect(snapshot(source) == after and "0 files written" in again.stdout,
           "applying the same answers twice writes nothing the second time")

    # The sheet of the edited tree shows the correction and the approval.
    sheet = run(k, ["review-sheet", source, "-o", page_path])
    page, by_key = check_sheet(page_path, now)
    expect(html.escape(back_mn) in by_key[("nav.back", "mn")], "the new sheet shows the correction")
    expect('data-reviewed="true"' in by_key[("nav.home", "mn")], "the new sheet shows the approval")

    bad_rows(k, source, args.output)


def bad_rows(k, source, output):
    """Each bad answers file is an error naming answers.csv:line, and nothing is written."""
    good = ["nav.back", "mn", "ui_strings.toml", "ᠪᠤᠴᠠᠬᠤ", "true", ""]
    cases = [
        ("unknown key", [good, ["nav.nowhere", "mn", "ui_strings.toml", "ᠪ", "true", ""]], b"", 3),
        ("unknown field", [good, ["nav.home", "title_mn", "ui_strings.toml", "ᠪ", "true", ""]], b"", 3),
        ("wrong file", [good, ["nav.home", "mn", "documents/x.toml", "ᠪ", "true", ""]], b"", 3),
        ("bad mn_reviewed", [good, ["nav.home", "mn", "ui_strings.toml", "", "yes", ""]], b"", 3),
        ("too few fields", [good], b"nav.home,mn,ui_strings.toml,\r\n", 3),
        ("invalid UTF-8", [good], b"nav.home,mn,ui_strings.toml,\xe1\xa0,true,\r\n", 3),
        ("unclosed quote", [good], b'nav.home,mn,ui_strings.toml,"\xe1\xa0\xaa,true,\r\n', 3),
        ("a line break in mn", [good, ["nav.home", "mn", "ui_strings.toml", "ᠪ\nᠪ", "true", ""]], b"", 3),
        ("twice the same string", [good, good], b"", 3),
    ]
    before = snapshot(source)
    path = os.path.join(output, "bad-answers.csv")
    for what, rows, tail, line in cases:
        write_answers(path, rows, raw_tail=tail)
        result = run(k, ["review-apply", source, path])
        expect(result.returncode == 1 and f"{path}:{line}:" in result.stderr
               and "nothing written" in result.stderr,
               f"{what}: an error at bad-answers.csv:{line}, nothing written")
        expect(snapshot(source) == before, f"{what}: every file is byte-identical")
    write_answers(path, [good], header="key,field,file,mn,reviewed,comment")
    result = run(k, ["review-apply", source, path])
    expect(result.returncode == 1 and f"{path}:1:" in result.stderr, "a wrong header: an error at line 1")
    expect(snapshot(source) == before, "a wrong header: every file is byte-identical")


# [SECTION] browser: the page in real headless Chromium


def import_selenium():
    try:
        import selenium  # noqa: F401
        return True
    except ImportError:
        pass
    # Debian's python3-selenium belongs to /usr/bin/python3; CMake may have found another one.
    system = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system):
        probe = subprocess.run([system, "-c", "import selenium"], capture_output=True)
        if probe.returncode == 0:
            print(f"note: selenium is installed for {system}; running the test with it")
            sys.stdout.flush()
            os.execv(system, [system] + sys.argv)
    return False


def browser(args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver and import_selenium()):
        missing = [name for name, found in (("chromium", chromium), ("chromedriver", chromedriver))
                   if not found] or ["python3-selenium"]
        expect(False, f"the browser test needs {', '.join(missing)}: {SETUP_HINT}")
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    k = args.kioskpack
    source = fresh_copy(args.content, args.output)
    strings = mongolian_strings(source)
    page_path = os.path.abspath(os.path.join(args.output, "review.html"))
    expect(run(k, ["review-sheet", source, "-o", page_path]).returncode == 0, "review-sheet succeeds")
    downloads = os.path.abspath(os.path.join(args.output, "downloads"))
    shutil.rmtree(downloads, ignore_errors=True)
    os.makedirs(downloads)
    profile = os.path.abspath(os.path.join(args.output, "profile"))
    shutil.rmtree(profile, ignore_errors=True)

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": downloads})
        driver.get("file://" + page_path)
        expect("Mongolian review" in driver.title, f"the page opens ({driver.title!r})")

        def card(key):
            return driver.find_element(By.CSS_SELECTOR, f'section.string[data-key="{key}"]')

        typed = f"ᠪᠤᠴᠠᠵᠤ{NNBSP}ᠢ ᠣᠴᠢᠬᠤ"
        back = card("nav.back").find_element(By.CSS_SELECTOR, "[data-role=mn]")
        back.send_keys(typed)
        expect(back.get_attribute("value") == typed, "the correction field holds what was typed")
        expect("U+202F NNBSP" in card("nav.back").find_element(By.CSS_SELECTOR, ".typed").text,
               "the typed correction's code points are shown, NNBSP named")
        # Approve with the keyboard: Tab from the correction field reaches the checkbox.
        home_mn = card("nav.home").find_element(By.CSS_SELECTOR, "[data-role=mn]")
        # As a reader would: scrolled to the middle of the page, clear of the sticky header.
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", home_mn)
        home_mn.click()
        home_mn.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        expect(active.get_attribute("data-role") == "approve", "Tab leads from the correction to Approve")
        active.send_keys(Keys.SPACE)
        expect(card("nav.home").find_element(By.CSS_SELECTOR, "[data-role=approve]").is_selected(),
               "Space ticks Approve")
        comment = card("nav.next").find_element(By.CSS_SELECTOR, "[data-role=comment]")
        comment.send_keys('is this "next section", or next page?')
        expect(driver.find_element(By.ID, "touched").text == "3", "the summary counts 3 answers")

        # A reload keeps the answers (localStorage).
        driver.refresh()
        back = card("nav.back").find_element(By.CSS_SELECTOR, "[data-role=mn]")
        expect(back.get_attribute("value") == typed, "a reload keeps the typed correction")

        driver.find_element(By.ID, "export").click()
        csv_path = os.path.join(downloads, "review-answers.csv")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
                os.path.exists(csv_path) and not any(n.endswith(".crdownload") for n in os.listdir(downloads))):
            time.sleep(0.2)
        if not expect(os.path.exists(csv_path), "Export downloads review-answers.csv"):
            return
        expect("Exported 3" in driver.find_element(By.ID, "status").text, "the page says what it exported")
        severe = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        expect(not severe, f"no errors in the browser console {severe}")
    finally:
        driver.quit()

    with open(csv_path, "rb") as f:
        exported = f.read()
    print(exported.decode("utf-8", "replace"))
    text = exported.decode("utf-8-sig")
    expect(text.startswith(HEADER + "\r\n"), "the CSV starts with the header")
    expect(len(text.strip("\r\n").split("\r\n")) == 4, "the CSV has a row per touched string")
    expect(f"nav.back,mn,ui_strings.toml,{typed},false," in text, "the CSV holds the correction")
    expect('"is this ""next section"", or next page?"' in text, "the comment is quoted per RFC 4180")

    before = snapshot(source)
    applied = run(k, ["review-apply", source, csv_path])
    check_lint_exit(applied, "review-apply of the browser's CSV")
    now = mongolian_strings(source)
    expect(now[("nav.back", "mn")][1] == typed, "nav.back in the TOML is what was typed in the page")
    expect(now[("nav.home", "mn")][2] is True, "nav.home is approved in the TOML")
    expect(all(now[key] == strings[key] for key in strings
               if key not in (("nav.back", "mn"), ("nav.home", "mn"))), "no other string changed")
    after = snapshot(source)
    expect([name for name in after if after[name] != before[name]] == ["ui_strings.toml"],
           "only ui_strings.toml changed")
    ui_lines_before = before["ui_strings.toml"].decode().split("\n")
    ui_lines_after = after["ui_strings.toml"].decode().split("\n")
    differing = [i for i, (a, b) in enumerate(zip(ui_lines_before, ui_lines_after)) if a != b]
    expect(len(ui_lines_before) == len(ui_lines_after) and len(differing) <= 2,
           f"at most two lines of ui_strings.toml differ ({differing})")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["round-trip", "browser"])
    parser.add_argument("--kioskpack", required=True)
    parser.add_argument("--content", required=True, help="the content source directory")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    (round_trip if args.mode == "round-trip" else browser)(args)
    if failures:
        print(f"\n{len(failures)} check(s) failed:")
        for failure in failures:
            print("  " + failure)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
