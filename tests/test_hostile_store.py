"""The store under hostile conditions: a full disk, a reader beside a folding writer, a
read-only folder, and other users on the same machine.

Faults are real: a full disk is a file size limit (``RLIMIT_FSIZE``) set in the process that
writes, so its writes come back short and then fail as they do when a disk fills up; a
read-only folder is a read-only bind mount (root ignores permission bits, but not that).
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from pathlib import Path

from store import library as library_module
from store.library import Library

# -- a reader beside a writer -------------------------------------------------------------

READS = 150
FOLD_EVERY = 7
PADDING = 2000


def _adding_writer(folder: Path, key: str, pipe: int) -> None:
    """The child: add annotations forever, folding every few, reporting each once saved."""
    library_module.FOLD_JOURNAL_AFTER = FOLD_EVERY
    with Library(folder) as library:
        saved = len(library.annotations())
        while True:
            library.add_annotation(key, "tag", tag=f"t{saved}")
            saved += 1
            os.write(pipe, b"%d\n" % saved)


def test_a_reader_never_sees_fewer_annotations_than_were_saved(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "A"}, {"text": "x"})
        key = library.articles()[0]["id"]
        for number in range(PADDING):  # a snapshot that takes a while to parse
            library.add_annotation(key, "note", note=f"{number} " + "words " * 300)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_end)
        try:
            _adding_writer(folder, key, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    acknowledged = [0]

    def follow() -> None:
        with os.fdopen(read_end, "rb") as lines:
            for line in lines:
                acknowledged[0] = int(line)

    follower = threading.Thread(target=follow, daemon=True)
    follower.start()
    try:
        while acknowledged[0] < PADDING + 50:
            time.sleep(0.01)
        for _ in range(READS):
            before = acknowledged[0]
            with Library(folder, read_only=True) as reader:
                seen = len(reader.annotations())
            assert seen >= before, f"a read saw {seen} annotations after {before} were saved"
            time.sleep(random.uniform(0, 0.005))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        follower.join(timeout=5)
