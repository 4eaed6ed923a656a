"""End-to-end test of the console in a real terminal: starts `rampart demo` under tmux (160x48,
UTF-8), and checks that the jobs table, braille charts and help overlay appear, that a running
job's step counter advances between two captures, that `s` + `y` stops a long-running job and
the table shows it stopped, that a resize to 40x12 shows the too-small screen and back, and that
`q` (confirmed) exits 0.

usage: python3 scripts/e2e_console.py [path/to/rampart]
"""
import os
import re
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/rampart")
SESSION = f"rampart-e2e-{os.getpid()}"
BRAILLE = re.compile("[\u2801-\u28ff]")


def tmux(*args):
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def capture():
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(predicate, what, timeout=30):
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = capture()
        if predicate(screen):
            return screen
        time.sleep(0.25)
    print(screen)
    sys.exit(f"FAIL: {what} (not seen within {timeout} s)")


def row_of(screen, name):
    for line in screen.splitlines():
        if re.search(rf"\b{re.escape(name)}\s", line) and ("running" in line or "stopped" in line or "queued" in line):
            return line
    return None


def step_of(screen, name):
    line = row_of(screen, name)
    if line is None:
        return None
    cells = line.strip("│ ").split()
    # ID NAME OWNER ENV ALGO STATUS STEP ...
    return cells[6] if len(cells) > 6 else None


def parse_count(text):
    m = re.fullmatch(r"([0-9.]+)([kM]?)", text or "")
    if not m:
        return None
    return float(m.group(1)) * {"": 1, "k": 1e3, "M": 1e6}[m.group(2)]


def main():
    status_file = tempfile.NamedTemporaryFile(delete=False).name
    command = (f"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color {BIN} demo; "
               f"echo $? > {status_file}; sleep 60")
    tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "48", command)
    try:
        screen = wait_for(lambda s: "STATUS" in s and "cartpole" in s, "the jobs table")
        print("jobs table shown")
        wait_for(lambda s: BRAILLE.search(s) is not None, "braille charts")
        print("braille charts drawn")
        first = wait_for(lambda s: parse_count(step_of(s, "cartpole")) is not None, "a step count")
        a = parse_count(step_of(first, "cartpole"))
        time.sleep(2)
        b = parse_count(step_of(capture(), "cartpole"))
        if not (a is not None and b is not None and b > a):
            sys.exit(f"FAIL: the step counter did not advance ({a} then {b})")
        print(f"step counter advanced: {a:.0f} -> {b:.0f}")

        tmux("send-keys", "-t", SESSION, "?")
        wait_for(lambda s: "Keys" in s and "Esc to close" in s, "the help overlay", 5)
        print("help overlay shown")
        tmux("send-keys", "-t", SESSION, "Escape")
        wait_for(lambda s: "Esc to close" not in s, "the help overlay closing", 5)

        # The table is sorted by id: move the selection onto the long-running cartpole job.
        for _ in range(10):
            screen = capture()
            if re.search(r"Return · cartpole ├", screen):
                break
            tmux("send-keys", "-t", SESSION, "j")
            time.sleep(0.3)
        else:
            sys.exit("FAIL: could not select the cartpole job")
        started = time.time()
        tmux("send-keys", "-t", SESSION, "s")
        wait_for(lambda s: "Stop job cartpole" in s, "the stop confirmation", 5)
        tmux("send-keys", "-t", SESSION, "y")
        wait_for(lambda s: (row_of(s, "cartpole") or "").find("stopped") >= 0, "the job shown as stopped", 10)
        print(f"s + y stopped the cartpole job ({time.time() - started:.2f} s to show it)")

        # The tour's governance and SOC drill: dana's candidate waits in Approvals, and the
        # reward-poisoning drill on the FrozenLake job is a critical alert in Alerts.
        tmux("send-keys", "-t", SESSION, "3")
        wait_for(lambda s: "cartpole-candidate" in s, "the promotion request in Approvals", 40)
        print("screen 3: the demo's promotion request is waiting")
        tmux("send-keys", "-t", SESSION, "6")
        wait_for(lambda s: "transition-integrity" in s, "the drill's alert in Alerts", 40)
        print("screen 6: the drill raised a transition-integrity alert")
        # The data pipeline: the demo's dataset with its processed versions, and the poisoning
        # drill's landing version (at 14 s) marked in the Data screen.
        tmux("send-keys", "-t", SESSION, "8")
        wait_for(lambda s: "Datasets" in s and "demand" in s and "drill:data-poison" in s,
                 "the dataset and its poisoned version in Data", 40)
        print("screen 8: the demo dataset's versions, the poisoning drill's version marked")
        tmux("send-keys", "-t", SESSION, "1")
        wait_for(lambda s: "STATUS" in s, "the jobs table again", 5)

        tmux("resize-window", "-t", SESSION, "-x", "40", "-y", "12")
        wait_for(lambda s: "Terminal too small" in s, "the too-small screen", 5)
        print("too-small screen shown at 40x12")
        tmux("resize-window", "-t", SESSION, "-x", "160", "-y", "48")
        wait_for(lambda s: "STATUS" in s, "the jobs table after growing back", 5)
        print("back to 160x48")

        tmux("send-keys", "-t", SESSION, "q")
        wait_for(lambda s: "quit and stop" in s, "the quit confirmation", 5)
        tmux("send-keys", "-t", SESSION, "y")
        deadline = time.time() + 30
        while time.time() < deadline:
            status = open(status_file).read().strip()
            if status:
                break
            time.sleep(0.25)
        if status != "0":
            sys.exit(f"FAIL: rampart exited with {status or 'nothing (still running)'}")
        print("q exited 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        os.unlink(status_file)
    print("console end-to-end: ok")


main()
