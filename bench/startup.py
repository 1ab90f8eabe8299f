"""Targets 2 and 5: start-up to the first drawn screen, and memory with the library open.

Both programs run as a user runs them, in a pseudo-terminal of 160x48: the clock starts before
the process is spawned and stops when the terminal output first holds the text that only the
drawn screen shows (the first article's title for presscut, the one line for the minimal app).
The library is left as presscut leaves one it closes, its list of articles beside it
(`store.catalogue_cache`): presscut draws that list first and reads the library in a worker.
``ready_s`` is when the library has been read and the reader shows the first article's text
(keys that need the library wait until then). Resident memory is read from ``/proc`` once
presscut is ready and settled.

Beside the ratio, where presscut's start-up goes, each part timed in a fresh interpreter (medians
of ``RUNS``): ``python_s``, the interpreter alone; ``import_textual_s``, importing Textual's app
module (what the minimal app needs); ``import_presscut_s``, importing presscut's app and command
line on top of it; ``library_open_s``, opening the library (parsing the snapshot, indexing rows).
What is left of ``startup_s`` is the app's own start: styles, the first screen, drawing it.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import orjson

from bench.library_gen import Generated
from bench.minimal_app import LINE
from bench.workdir import discard, working_copy
from store.library import BODIES_NAME, SNAPSHOT_NAME, Library

ROWS, COLUMNS = 48, 160
RUNS = 9
TIMEOUT = 60.0
SETTLE = 1.0  # seconds after the first draw before memory is read
ESCAPES = re.compile(  # CSI and OSC sequences, charset choices and two-byte escapes
    rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)
# BENCH_PRESSCUT: another build's command, to measure it (say, before a change) with this bench
PRESSCUT = Path(os.environ.get("BENCH_PRESSCUT") or Path(sys.executable).with_name("presscut"))


def _first_article(library: Path) -> tuple[str, str]:
    """The start of the newest article's title, and the first words of its text."""
    rows = orjson.loads((library / SNAPSHOT_NAME).read_bytes())["articles"].values()
    newest = max(rows, key=lambda row: row.get("published") or "")
    body = orjson.loads((library / BODIES_NAME / f"{newest['id']}.json").read_bytes())
    return newest["title"][:20], " ".join(body["text"].split()[:3])


def time_to_draw(
    command: list[str], marker: str, ready_marker: str | None = None
) -> tuple[float, float, float]:
    """Seconds from spawn to ``marker`` on screen, and to ``ready_marker`` (when given; else
    NaN), and the resident MB a moment after the later of the two."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    drawn = None
    ready_at = None if ready_marker else float("nan")
    try:
        while drawn is None or ready_at is None:
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError(f"{command[0]} drew nothing like {marker!r} in {TIMEOUT}s")
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 1 << 16)
                text = ESCAPES.sub(b"", seen)
                if drawn is None and marker.encode() in text:
                    drawn = time.perf_counter() - start
                if ready_at is None and ready_marker.encode() in text:
                    ready_at = time.perf_counter() - start
        settle_until = time.perf_counter() + SETTLE
        while time.perf_counter() < settle_until:  # keep draining so the app never blocks
            if select.select([master], [], [], 0.1)[0]:
                os.read(master, 1 << 16)
        return drawn, ready_at, _resident_mb(child.pid)
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        os.close(master)


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _seconds(code: str) -> float:
    """Seconds a fresh interpreter spends running ``code`` (after its own start)."""
    timed = f"import time; _t = time.perf_counter(); {code}; print(time.perf_counter() - _t)"
    done = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def breakdown(folder: Path) -> dict[str, float]:
    """Where start-up goes: the interpreter, the imports, opening the library."""
    parts: dict[str, list[float]] = {"python_s": [], "import_textual_s": [],
                                     "import_presscut_s": [], "library_open_s": []}
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        parts["python_s"].append(time.perf_counter() - start)
        parts["import_textual_s"].append(_seconds("import textual.app"))
        parts["import_presscut_s"].append(
            _seconds("import textual.app; _t = time.perf_counter(); import cli.main, tui.app")
        )
        parts["library_open_s"].append(_seconds(
            "from store.library import Library; from pathlib import Path; "
            f"_t = time.perf_counter(); Library(Path({str(folder)!r}), read_only=True)"
        ))  # fmt: skip
    return {name: statistics.median(values) for name, values in parts.items()}


def measure(generated: Generated) -> dict[str, float]:
    folder = working_copy(generated.folder)
    try:
        Library(folder).close()  # left as presscut leaves a library it closes
        presscut = [str(PRESSCUT), "--library", str(folder)]
        minimal = [sys.executable, "-m", "bench.minimal_app"]
        title, first_words = _first_article(folder)
        ours, ready, reference, memory = [], [], [], []
        for _ in range(RUNS):  # interleaved, so both see the same machine state
            seconds, ready_s, resident = time_to_draw(presscut, title, first_words)
            ours.append(seconds)
            ready.append(ready_s)
            memory.append(resident)
            reference.append(time_to_draw(minimal, LINE)[0])
        return {
            "startup_s": statistics.median(ours),
            "ready_s": statistics.median(ready),
            "minimal_startup_s": statistics.median(reference),
            "startup_ratio": statistics.median(ours) / statistics.median(reference),
            "rss_mb": max(memory),
            **breakdown(folder),
        }
    finally:
        discard(folder)
