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

from bench.news_files import write_articles
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
