"""`presscut` killed with SIGKILL during an import leaves no process of its pool behind.

No ``finally`` runs after a SIGKILL, so the pool's workers (children of multiprocessing's fork
server, not of `presscut`) waited for work forever and kept the fork server and the resource
tracker alive with them. The real command runs in a pseudo-terminal, in a session of its own,
and is killed once its workers are parsing; every process of that session must end.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from bench.news_files import write_article_of_words
from nlp.article_limit import MAX_ARTICLE_WORDS
from tests.pty_terminal import Terminal

PRESSCUT = Path(sys.executable).parent / "presscut"
START_SECONDS = 300  # the workers load the model first, slowly on a loaded machine
END_SECONDS = 15


def session_processes(session: int) -> dict[int, str]:
    """The live (not zombie) processes of ``session``, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # ended while read
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            found[int(entry.name)] = command
    return found


def test_killing_an_import_ends_its_workers_and_fork_server(tmp_path: Path) -> None:
    article = write_article_of_words(tmp_path / "long.txt", MAX_ARTICLE_WORDS)  # the longest
    terminal = Terminal(
        [str(PRESSCUT), "--library", str(tmp_path / "library"), "import", str(article)]
    )
    session = terminal.process.pid
    try:
        deadline = time.monotonic() + START_SECONDS
        while sum("forkserver" in c for c in session_processes(session).values()) < 2:
            assert terminal.process.poll() is None, bytes(terminal.output[-400:])
            assert time.monotonic() < deadline, "the pool never started"
            time.sleep(0.2)
        time.sleep(2)  # the workers are loading the model or parsing
        os.kill(session, signal.SIGKILL)
        terminal.process.wait(timeout=30)
        deadline = time.monotonic() + END_SECONDS
        while (left := session_processes(session)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not left, left
    finally:
        terminal.kill()
        for pid in session_processes(session):  # only a failed run leaves any to end
            os.kill(pid, signal.SIGKILL)
