"""An import started from the running app, in a real terminal, past the size that starts worker
processes: under the app, ``sys.stderr`` is Textual's capture (descriptor -1) and starting the
pool failed with "bad value(s) in fds_to_keep", importing nothing.

The real ``presscut`` runs in a pseudo-terminal; the test types ``i``, a folder and enter as a
person would, and reads the library beside the app until every article is in.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.news_files import write_articles, write_huge_article
from nlp import analyse
from tests.pty_terminal import Terminal

PRESSCUT = Path(sys.executable).parent / "presscut"
WAIT_SECONDS = 600


def articles_in(library: Path) -> int:
    listed = subprocess.run(
        [str(PRESSCUT), "--library", str(library), "list"], capture_output=True, text=True
    )
    return len(listed.stdout.splitlines())


def test_an_import_from_the_app_past_the_parallel_size_brings_in_every_article(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    count = 52
    paths = write_articles(folder, count, words=600)
    assert sum(path.read_text().count(" ") for path in paths) > analyse.PARALLEL_MIN_WORDS
    library = tmp_path / "library"
    terminal = Terminal([str(PRESSCUT), "--library", str(library)])
    try:
        terminal.wait_for("No articles yet", settle=0.5)
        terminal.send("i")
        terminal.wait_for("Import files or folders", settle=0.5)
        terminal.send(f"{folder}\r")
        deadline = time.monotonic() + WAIT_SECONDS
        found = 0
        while time.monotonic() < deadline:
            assert b"import stopped" not in terminal.output, bytes(terminal.output[-400:])
            found = articles_in(library)
            if found == count:
                break
            time.sleep(2)
        assert found == count
        terminal.send("q")
        assert terminal.end()[0] == 0
    finally:
        terminal.kill()


def listed(library: Path) -> list[str]:
    """The library's lines as `presscut list` prints them (id, date, source, title)."""
    done = subprocess.run(
        [str(PRESSCUT), "--library", str(library), "list"], capture_output=True, text=True
    )
    return [line for line in done.stdout.splitlines() if line.strip()]


def start_import(library: Path, path: Path) -> Terminal:
    """The real app on an empty library, importing ``path`` as a person would type it."""
    terminal = Terminal([str(PRESSCUT), "--library", str(library)])
    terminal.wait_for("No articles yet", settle=0.5)
    terminal.send("i")
    terminal.wait_for("Import files or folders", settle=0.5)
    terminal.send(f"{path}\r")
    return terminal


def big_file(path: Path) -> Path:
    """A file past the size that analyses in pieces in worker processes (issue 14 says 400 KB
    and 2 MB; this is about 230 KB, which takes the same path in a fraction of the time)."""
    write_huge_article(path, (analyse.PARALLEL_MIN_WORDS + 5000) * 6)
    assert len(path.read_text().split()) > analyse.PARALLEL_MIN_WORDS
    return path


def test_one_large_file_imported_from_the_app_comes_in(tmp_path: Path) -> None:
    path = big_file(tmp_path / "long.txt")
    library = tmp_path / "library"
    terminal = start_import(library, path)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and not listed(library):
            assert b"import stopped" not in terminal.output, bytes(terminal.output[-400:])
            time.sleep(2)
        assert [line for line in listed(library) if "Years of talks" in line]
        terminal.send("q")
        assert terminal.end()[0] == 0
    finally:
        terminal.kill()


def test_a_large_file_stopped_in_a_folder_keeps_the_twelve_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    good = write_articles(folder, 12, words=600)
    big_file(folder / "a-long.txt")  # first by name, as the folder is read
    library = tmp_path / "library"
    terminal = start_import(library, folder)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and len(listed(library)) < len(good):
            assert b"import stopped" not in terminal.output, bytes(terminal.output[-400:])
            time.sleep(2)
        first = listed(library)
        assert len(first) == len(good)  # the good ones, saved before the long one is done
        assert not [line for line in first if "Years of talks" in line]
        terminal.send("\x1b")  # stop the long one
        terminal.wait_for("Stopping", seconds=WAIT_SECONDS)
        since = len(terminal.output)
        terminal.wait_for("stopped", seconds=WAIT_SECONDS, since=since)  # "…; stopped before 1…"
        terminal.send("q")
        assert terminal.end()[0] == 0
        assert listed(library) == first
    finally:
        terminal.kill()
