"""An import started from the running app, in a real terminal, past the size that starts worker
processes: under the app, ``sys.stderr`` is Textual's capture (descriptor -1) and starting the
pool failed with "bad value(s) in fds_to_keep", importing nothing.

The real ``presscut`` runs in a pseudo-terminal; the test types ``i``, a folder and enter as a
person would, and reads the library beside the app until every article is in.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from bench.news_files import write_articles
from nlp import analyse

PRESSCUT = Path(sys.executable).parent / "presscut"
WAIT_SECONDS = 600


class Terminal:
    """``presscut`` in a pseudo-terminal of 120 x 40, its output gathered by a thread."""

    def __init__(self, *args: str) -> None:
        main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        self.process = subprocess.Popen(
            [str(PRESSCUT), *args], stdin=child, stdout=child, stderr=child, env=env,
            start_new_session=True,
        )  # fmt: skip
        os.close(child)
        self.main = main
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.main, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def wait_for(self, text: bytes, seconds: float = 120) -> None:
        """Until the screen has shown ``text`` (the app is ready for the next keys)."""
        deadline = time.monotonic() + seconds
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never shown"
            time.sleep(0.2)
        time.sleep(0.5)  # drawn is not yet focused under load

    def type(self, keys: str) -> None:
        os.write(self.main, keys.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        os.close(self.main)


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
    terminal = Terminal("--library", str(library))
    try:
        terminal.wait_for(b"No articles yet")
        terminal.type("i")
        terminal.wait_for(b"Import files or folders")
        terminal.type(f"{folder}\r")
        deadline = time.monotonic() + WAIT_SECONDS
        found = 0
        while time.monotonic() < deadline:
            assert b"import stopped" not in terminal.output, bytes(terminal.output[-400:])
            found = articles_in(library)
            if found == count:
                break
            time.sleep(2)
        assert found == count
        terminal.type("q")
        terminal.process.wait(timeout=60)
        assert terminal.process.returncode == 0
    finally:
        terminal.close()
