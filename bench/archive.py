"""`make bench-archive`: issue 16's figures, at 10,000 and 100,000 articles side by side.

usage: python -m bench.archive [--sizes 10000 100000] [--save FILE] [--compare FILE]

Each size's generated library (five annotations per article, `bench.library_gen --size N`) is
built once into ``.bench-cache/`` and copied for each run. The app runs as a person runs it, in a
pseudo-terminal; the commands run as processes of their own, each timed from spawn to exit with
its own CPU time and peak memory (``os.wait4``). Commands are held to ``MEMORY_CAP`` of address
space, so one that would take the machine's memory fails instead (shown as ``>cap``).

The machine is shared while it runs: each wall time has its CPU time beside it (``*_cpu_s``).
``--save`` keeps the figures as JSON, and ``--compare`` prints a saved run (say, before a change)
beside this one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import in_app, saving, startup
from bench.library_gen import Generated, sized
from bench.workdir import discard, percentile, working_copy
from store.fold import fold_lock
from store.library import Library

MEMORY_CAP = 6 << 30  # bytes of address space a command may take
SIZES = (10_000, 100_000)
IDLE_SECONDS = 2.0  # the app used no CPU for this long: its background work is done
IDLE_TIMEOUT = 300.0
SKIPPED: set[str] = set()  # parts of the run left out (--skip)

# figure: what it is, in the order the table prints them
ROWS = {
    "startup_s": "first screen (s)",
    "ready_s": "library read, first article shown (s)",
    "rss_open_mb": "resident memory, library open (MB)",
    "rss_panel_mb": "resident memory after reading articles, side panel (MB)",
    "panel_work_s": "background work after that (s)",
    "rss_who_mb": "resident memory after the who's who (MB)",
    "quit_s": "quit after a change (s)",
    "save_p95_ms": "save p95 (ms)",
    "save_max_ms": "worst save stall (ms)",
    "filter_word_ms": "filter by a word (ms CPU)",
    "filter_tag_ms": "filter by a tag (ms CPU)",
    "filter_entity_ms": "filter by an entity (ms CPU)",
    "list_first_s": "`presscut list`: first line (s)",
    "list_s": "`presscut list`: total (s)",
    "export_s": "`export --format json`: time (s)",
    "export_peak_mb": "`export --format json`: peak memory (MB)",
    "who_name_s": "`presscut who NAME` (s)",
    "who_json_s": "`presscut who --json` (s)",
    "who_json_peak_mb": "`presscut who --json`: peak memory (MB)",
    "check_s": "`presscut check` (s)",
}


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_command(args: list[str], name: str) -> dict[str, float]:
    """Wall time to the first line and to the end, CPU time and peak memory of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=_capped
    )
    assert child.stdout is not None
    first = None
    while chunk := child.stdout.read1(1 << 16):
        if first is None and b"\n" in chunk:
            first = time.perf_counter() - start
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    total = time.perf_counter() - start
    failed = child.returncode not in (0, 1)  # 1: `check` found a problem, still a full run
    return {
        f"{name}_s": float("inf") if failed else total,
        f"{name}_first_s": first if first is not None else float("nan"),
        f"{name}_cpu_s": usage.ru_utime + usage.ru_stime,
        f"{name}_peak_mb": usage.ru_maxrss / 1024,
    }


def commands(folder: Path, who: str) -> dict[str, float]:
    presscut = [str(startup.PRESSCUT), "--library", str(folder)]
    figures: dict[str, float] = {}
    output = folder.parent / "export.json"
    for name, args in (
        ("list", [*presscut, "list"]),
        ("export", [*presscut, "export", "--format", "json", "-o", str(output)]),
        ("who_name", [*presscut, "who", who]),
        ("who_json", [*presscut, "who", "--json"]),
        ("check", [*presscut, "check"]),
    ):
        figures.update(run_command(args, name))
        output.unlink(missing_ok=True)
    return figures


class App:
    """presscut in a pseudo-terminal, its output drained as it goes."""

    def __init__(self, folder: Path) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        size = struct.pack("HHHH", startup.ROWS, startup.COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        env = {**os.environ, "TERM": "xterm-256color"}
        command = [str(startup.PRESSCUT), "--library", str(folder)]
        self.child = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.seen = b""

    def drain(self, seconds: float) -> None:
        until = time.perf_counter() + seconds
        while (left := until - time.perf_counter()) > 0:
            if select.select([self.master], [], [], min(left, 0.1))[0]:
                try:
                    self.seen += os.read(self.master, 1 << 16)
                except OSError:
                    return

    def wait_for(self, text: str) -> None:
        deadline = time.perf_counter() + startup.TIMEOUT * 5
        while text.encode() not in startup.ESCAPES.sub(b"", self.seen):
            assert time.perf_counter() < deadline, f"never shown: {text!r}"
            self.drain(0.1)

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def idle(self) -> float:
        """Seconds until the app has used no CPU for ``IDLE_SECONDS``."""
        start = time.perf_counter()
        last, quiet_since = self.cpu(), time.perf_counter()
        while time.perf_counter() - quiet_since < IDLE_SECONDS:
            if time.perf_counter() - start > IDLE_TIMEOUT:
                return float("inf")  # still busy: the figures after it are taken anyway
            self.drain(0.25)
            now = self.cpu()
            if now - last > 0.02:
                quiet_since = time.perf_counter()
            last = now
        return quiet_since - start

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def rss(self) -> float:
        return startup._resident_mb(self.child.pid)

    def quit(self) -> tuple[float, float]:
        """Wall seconds from ``q`` to the process's end, and the CPU it spent meanwhile."""
        start, before = time.perf_counter(), self.cpu()
        self.send("q")
        while time.perf_counter() - start < 120:
            self.drain(0.01)
            pid, status, usage = os.wait4(self.child.pid, os.WNOHANG)
            if pid:
                self.child.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime - before
                return time.perf_counter() - start, cpu
        return float("inf"), float("nan")

    def close(self) -> None:
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGKILL)
            self.child.wait()
        os.close(self.master)


def in_terminal(folder: Path, generated: Generated) -> dict[str, float]:
    """Memory after reading articles with the side panel and after the who's who; the quit
    after a change (reading an article marks it read)."""
    title, first_words = startup._first_article(folder)
    app = App(folder)
    try:
        app.wait_for(first_words)
        app.idle()
        for _ in range(3):
            app.send("\x1b[B")  # down: the next article, marked read once shown
            app.drain(1.0)
        app.send("\r")  # enter: the reader, with its side panel
        panel_work = app.idle()
        figures = {"rss_panel_mb": app.rss(), "panel_work_s": panel_work}
        app.send("W")
        app.idle()
        figures["rss_who_mb"] = app.rss()
        app.send("\x1b")
        app.drain(1.0)
        app.idle()
        figures["quit_s"], figures["quit_cpu_s"] = app.quit()
        start = time.perf_counter()
        with fold_lock(folder):  # a fold left to its own process: done before the next figure
            figures["fold_after_quit_s"] = time.perf_counter() - start
        return figures
    finally:
        app.close()


def first_screen(folder: Path, runs: int) -> dict[str, float]:
    presscut = [str(startup.PRESSCUT), "--library", str(folder)]
    title, first_words = startup._first_article(folder)
    drawn, ready, resident = [], [], []
    for _ in range(runs):
        seconds, ready_s, mb = startup.time_to_draw(presscut, title, first_words)
        drawn.append(seconds)
        ready.append(ready_s)
        resident.append(mb)
    return {"startup_s": statistics.median(drawn), "ready_s": statistics.median(ready),
            "rss_open_mb": max(resident)}  # fmt: skip


def saves(generated: Generated) -> dict[str, float]:
    cpu = time.process_time()
    timings = saving.presscut_saves(generated)
    return {"save_p95_ms": percentile(timings, 0.95), "save_max_ms": max(timings),
            "save_cpu_s": time.process_time() - cpu}  # fmt: skip


PARTS = ("first screen", "app", "commands", "saves", "filters")


def measure(size: int) -> dict[str, float]:
    generated = sized(size)
    folder = working_copy(generated.folder)
    figures: dict[str, float] = {}
    try:
        start = time.perf_counter()
        Library(folder).close()  # left as presscut leaves a library it closes
        figures["close_after_copy_s"] = time.perf_counter() - start
        runs = 3 if size <= 10_000 else 1  # a large library's runs take minutes each
        _part(figures, "first screen", lambda: first_screen(folder, runs))
        _part(figures, "app", lambda: in_terminal(folder, generated))
        _part(figures, "commands", lambda: commands(folder, generated.who))
    finally:
        discard(folder)
    _part(figures, "saves", lambda: saves(generated))
    _part(figures, "filters", lambda: {
        key: value for key, value in in_app.measure_filters(generated).items()
        if key.startswith("filter_")
    })  # fmt: skip
    return figures


def _part(figures: dict[str, float], name: str, measure) -> None:
    """One part's figures; a part that fails is said and leaves its figures out, not the run."""
    if name in SKIPPED:
        return
    try:
        figures.update(measure())
    except Exception as error:  # noqa: BLE001 - a benchmark reports and goes on
        print(f"{name}: failed: {error!r}", flush=True)


def show(runs: dict[str, dict[str, dict[str, float]]]) -> None:
    """One line per figure, a column per (run, size)."""
    columns = [(label, size) for label, by_size in runs.items() for size in by_size]
    print("| figure | " + " | ".join(f"{label} {size}" for label, size in columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for key, what in ROWS.items():
        cells = []
        for label, size in columns:
            found = runs[label][size]
            value = found.get(key, float("nan"))
            cell = ">cap" if value == float("inf") else f"{value:.3g}"
            cpu = found.get(key.removesuffix("_s") + "_cpu_s") if key.endswith("_s") else None
            cells.append(cell + (f" (cpu {cpu:.3g})" if cpu is not None else ""))
        print(f"| {what} | " + " | ".join(cells) + " |")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--save", type=Path, help="keep this run's figures as JSON")
    parser.add_argument("--compare", type=Path, help="a saved run to print beside this one")
    parser.add_argument("--skip", nargs="+", choices=PARTS, default=[], help="parts not measured")
    args = parser.parse_args(argv)
    SKIPPED.update(args.skip)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    figures: dict[str, dict[str, float]] = {}
    for size in args.sizes:
        figures[str(size)] = measure(size)
        print(f"{size}: {json.dumps(figures[str(size)])}", flush=True)
    if args.save:
        args.save.write_text(json.dumps(figures, indent=1))
    runs = {"now": figures}
    if args.compare:
        runs = {"before": json.loads(args.compare.read_text()), "now": figures}
    show(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
