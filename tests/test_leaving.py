"""The `presscut` command ends without tearing its objects down, once all is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from store.library import Library

REPO = Path(__file__).resolve().parents[1]
# The command as its console script runs it (`main()` with no arguments), with a handler that
# would say if the interpreter's teardown ran.
COMMAND = """
import atexit, sys
atexit.register(lambda: print("torn down", file=sys.stderr))
from cli.main import main
sys.exit(main())
"""


def test_the_command_leaves_without_tearing_down_what_it_built(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "Kept title"}, {"text": "x"})
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, "--library", str(folder), "list"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0
    assert "Kept title" in done.stdout  # the output was flushed before leaving
    assert "torn down" not in done.stderr


def test_a_caller_in_the_same_process_gets_the_status_back(tmp_path: Path, capsys) -> None:
    from cli.main import main

    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "Kept title"}, {"text": "x"})
    assert main(["--library", str(folder), "list"]) == 0
    assert "Kept title" in capsys.readouterr().out
