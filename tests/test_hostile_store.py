"""The store under hostile conditions: a full disk, a reader beside a folding writer, a
read-only folder, and other users on the same machine.

Faults are real: a full disk is a file size limit (``RLIMIT_FSIZE``) set in the process that
writes, so its writes come back short and then fail as they do when a disk fills up; a
read-only folder is a read-only bind mount (root ignores permission bits, but not that).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store import library as library_module
from store.check import check_library
from store.errors import StoreError
from store.journal import scan
from store.library import JOURNAL_NAME, Library
from store.segments import with_annotations
from tests.pty_terminal import Terminal

REPO = Path(__file__).resolve().parents[1]
PRESSCUT = [sys.executable, "-m", "cli.main"]

# -- a reader beside a writer -------------------------------------------------------------

READS = 150
FOLD_EVERY = 7
PADDING = 100


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
            library.add_annotation(key, "note", note=f"{number} " + "words " * 6000)
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


# -- a full disk ----------------------------------------------------------------------------

ROOM = 400  # bytes a file may grow by: one saved tag fits, the next is cut short


def disk_full_beyond(limit: int) -> Callable[[], None]:
    """For a child process: files cannot grow past ``limit`` bytes, as on a full disk (writes
    come back short, then fail with EFBIG instead of a signal)."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return limit_files


def room(folder: Path) -> int:
    """A file size limit that lets the journal take one more tag."""
    journal = folder / JOURNAL_NAME
    return (journal.stat().st_size if journal.exists() else 0) + ROOM


def one_article(folder: Path) -> str:
    """A library of one article, whose snapshot is longer than a full disk leaves room for."""
    with Library(folder) as library:
        title = "A title as long as a paragraph " * 20
        library.save_article("/a.txt", "h", {"title": title}, {"text": "Some text."})
        return library.articles()[0]["id"]


def saved_tags(folder: Path) -> dict[str, str]:
    with Library(folder, read_only=True) as library:
        return {a["id"]: a["tag"] for a in library.annotations()}


def assert_healthy(folder: Path) -> None:
    problems = [f.text for f in check_library(folder) if f.problem]
    assert problems == []
    assert not scan(folder / JOURNAL_NAME).torn


def test_a_save_the_disk_refuses_is_reported_rolled_back_and_the_rest_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    key = one_article(folder)
    journal = folder / JOURNAL_NAME
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe and exits
        os.close(read_end)
        disk_full_beyond(room(folder))()
        result: dict = {"saved": []}
        library = Library(folder)
        try:
            for number in range(10):
                result["size_before"] = journal.stat().st_size if journal.exists() else 0
                result["saved"].append(library.add_annotation(key, "tag", tag=f"t{number}"))
        except (StoreError, OSError) as error:
            result["error"] = f"{type(error).__name__}: {error}"
        result["size_after"] = journal.stat().st_size if journal.exists() else 0
        result["in_memory"] = [a["id"] for a in library.annotations()]
        try:
            library.close()
        except (StoreError, OSError) as error:
            result["close"] = f"{type(error).__name__}: {error}"
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        result = json.loads(pipe.read())
    os.waitpid(pid, 0)
    saved = {doc["id"]: doc["tag"] for doc in result["saved"]}
    assert len(saved) == 1
    assert result["error"].startswith("WriteFailed: ") and "\n" not in result["error"]
    assert "File too large" in result["error"] and "not saved" in result["error"]
    assert result["size_after"] == result["size_before"]  # the cut-short line was cut back off
    assert result["in_memory"] == list(saved)
    assert result["close"].startswith("WriteFailed: ")  # the fold could not write the snapshot
    assert "safe in the journal" in result["close"]
    assert saved_tags(folder) == saved
    assert_healthy(folder)
    with Library(folder) as library:  # and with room again, saving goes on after them
        library.add_annotation(key, "tag", tag="later")
    assert sorted(saved_tags(folder).values()) == ["later", "t0"]


def test_an_update_the_disk_refuses_keeps_the_articles_text(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    key = one_article(folder)
    with Library(folder) as library:
        for number in range(5):  # a journal longer than the article's text
            library.add_annotation(key, "tag", tag=f"t{number}")
        library.journal.close()
        library._release_writer_lock()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's exit status says what happened
        disk_full_beyond((folder / JOURNAL_NAME).stat().st_size + 20)()
        library = Library(folder)
        try:
            library.save_article("/a.txt", "h2", {"title": "New"}, {"text": "Changed text."})
        except StoreError:
            os._exit(0 if library.body(key) == {"text": "Some text."} else 2)
        os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with Library(folder, read_only=True) as library:
        assert library.article(key)["hash"] == "h"
        assert library.body(key) == {"text": "Some text."}


def test_a_fold_left_half_done_opens_on_a_full_disk(tmp_path: Path) -> None:
    from store.backup import PREVIOUS_JOURNAL_NAME

    folder = tmp_path / "library"
    key = one_article(folder)
    with Library(folder) as library:
        saved = library.add_annotation(key, "tag", tag="sealed")["id"]
        library.journal.seal(folder / PREVIOUS_JOURNAL_NAME)  # and died before the snapshot
        library.journal.close()
        library._release_writer_lock()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's exit status says what happened
        disk_full_beyond(room(folder))()  # no room for the snapshot that finishes the fold
        try:
            library = Library(folder)  # (closing would say it cannot fold, in one line)
        except StoreError:
            os._exit(2)
        os._exit(0 if [a["id"] for a in library.annotations()] == [saved] else 3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert saved_tags(folder) == {saved: "sealed"}
    assert_healthy(folder)


def run_presscut(
    folder: Path, *args: str, limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PRESSCUT, "--library", str(folder), *args],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=disk_full_beyond(limit) if limit is not None else None,
    )  # fmt: skip


def test_annotate_on_a_full_disk_says_so_in_one_line_and_keeps_what_it_printed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    key = one_article(folder)
    done = run_presscut(folder, "annotate", key, "--tag", "a", "--tag", "b", "--tag", "c",
                        limit=room(folder))  # fmt: skip
    assert done.returncode == 1
    (printed,) = done.stdout.splitlines()  # the first tag, saved; the second refused
    assert printed.endswith("tag a")
    (error,) = done.stderr.splitlines()
    assert error.startswith("presscut: ") and "cannot write (File too large)" in error
    assert saved_tags(folder) == {printed.split()[0]: "a"}
    assert_healthy(folder)


def test_closing_on_a_full_disk_says_so_in_one_line_and_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    key = one_article(folder)
    done = run_presscut(folder, "annotate", key, "--note", "a source's name", limit=room(folder))
    assert done.returncode == 1
    (printed,) = done.stdout.splitlines()
    (error,) = done.stderr.splitlines()  # the fold at closing could not write the snapshot
    assert "library.json: cannot write (File too large)" in error
    assert "safe in the journal" in error
    with Library(folder, read_only=True) as library:
        assert library.annotation(printed.split()[0])["note"] == "a source's name"
    assert_healthy(folder)


def test_import_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    key = one_article(folder)
    with Library(folder) as library:
        kept = library.add_annotation(key, "tag", tag="kept")["id"]
    article = tmp_path / "long.txt"
    article.write_text("A headline\n\n" + "Officials said the talks would go on. " * 200)
    # the article's text is far longer than the room left
    done = run_presscut(folder, "import", str(article), limit=room(folder))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("presscut: ") and "cannot write (File too large)" in error
    assert "the article was not saved" in error
    assert saved_tags(folder) == {kept: "kept"}
    with Library(folder, read_only=True) as library:
        assert len(library.articles()) == 1
    assert_healthy(folder)


# -- a read-only library folder -----------------------------------------------------------


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for presscut: a read-only bind mount as root (who ignores permission
    bits), the permission bits otherwise."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(modes[path] & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], check=False,
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"a read-only folder needs a bind mount here: {mounted.stderr.strip()}")
    try:
        remounted = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(folder)], check=False, capture_output=True
        )
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def state_of(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file's size, modification time and mode: what writing anything would change."""
    return {
        str(path.relative_to(folder)): (found.st_size, found.st_mtime_ns, found.st_mode)
        for path in [folder, *folder.rglob("*")]
        for found in [path.stat()]
    }


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("presscut: ")
    return line


@pytest.fixture
def shut_library(tmp_path: Path) -> tuple[Path, str]:
    """A library of one article with one tag, closed."""
    folder = tmp_path / "library"
    key = one_article(folder)
    with Library(folder) as library:
        library.add_annotation(key, "tag", tag="kept")
    return folder, key


def test_writing_commands_on_a_read_only_library_say_so_in_one_line(
    shut_library: tuple[Path, str], tmp_path: Path
) -> None:
    folder, key = shut_library
    article = tmp_path / "new.txt"
    article.write_text("A headline\n\nOfficials said the talks would go on.\n")
    before = state_of(folder)
    with read_only(folder):
        for command in (["annotate", key, "--tag", "new"], ["import", str(article)],
                        ["check", "--recover"]):  # fmt: skip
            line = one_line_error(run_presscut(folder, *command))
            assert str(folder) in line and "cannot" in line, command
        listed = run_presscut(folder, "list")
        assert listed.returncode == 0 and key in listed.stdout
        checked = run_presscut(folder, "check")
        assert checked.returncode == 0, checked
        assert "Traceback" not in checked.stderr
    assert state_of(folder) == before
    assert list(saved_tags(folder).values()) == ["kept"]


def test_recovering_a_mistyped_library_makes_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "no" / "such library"
    line = one_line_error(run_presscut(typo, "check", "--recover"))
    assert "no library here" in line
    assert not (tmp_path / "no").exists()



# -- other users on the same machine ----------------------------------------------------------


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes_of(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_mode & 0o777
        for path in [folder, *folder.rglob("*")]
    }


def every_kind_of_file(folder: Path) -> None:
    """A library with a snapshot, its backup, both journals, a body, the list and word caches,
    the lock and a copy kept before a migration."""
    from store.word_index import WordIndex

    for number in range(2):
        with Library(folder) as library:
            library.save_article(f"/{number}.txt", "h", {"title": "T"}, {"text": "A source."})
            key = library.articles()[0]["id"]
            library.add_annotation(key, "note", note="met the source at the station")
            WordIndex(folder).refresh(library, library.catalogue(), save=True)
    with Library(folder) as library:
        library.add_annotation(key, "note", note="only in the journal")
        library.journal.close()
        library._release_writer_lock()  # as if it died: the note is only journalled


def test_a_library_is_its_owners_alone_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with umask(0o022):
        every_kind_of_file(folder)
    names = set(modes_of(folder))
    for expected in ("library.json", "library.json.bak", "changes.log", "changes.prev.log",
                     "catalogue.cache", "words.cache", "writer.lock", "writer.pid", "articles"):
        assert expected in names  # fmt: skip
    assert {name: mode for name, mode in modes_of(folder).items() if mode not in (0o600, 0o700)} \
        == {}  # fmt: skip
    assert modes_of(folder)["."] == 0o700 and modes_of(folder)["articles"] == 0o700


def test_a_library_of_an_older_presscut_is_tightened_on_open(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    every_kind_of_file(folder)
    for path in [folder, *folder.rglob("*")]:  # as presscut wrote them before
        path.chmod(0o755 if path.is_dir() else 0o644)
    with Library(folder, read_only=True):  # a reader changes nothing
        assert set(modes_of(folder).values()) == {0o755, 0o644}
    with Library(folder):
        pass
    assert set(modes_of(folder).values()) == {0o600, 0o700}


def test_exports_follow_the_umask(tmp_path: Path) -> None:
    from services.exports import write_format

    folder = tmp_path / "library"
    every_kind_of_file(folder)
    with Library(folder, read_only=True) as library:
        for mask, file_mode, folder_mode in ((0o022, 0o644, 0o755), (0o077, 0o600, 0o700)):
            with umask(mask):
                single = tmp_path / f"export-{mask:o}.json"
                write_format(library, "json", single)
                brat = tmp_path / f"brat-{mask:o}"
                write_format(library, "brat", brat)
            assert single.stat().st_mode & 0o777 == file_mode
            assert brat.stat().st_mode & 0o777 == folder_mode
            assert {path.stat().st_mode & 0o777 for path in brat.iterdir()} == {file_mode}


# -- the app on a full disk -------------------------------------------------------------------


@contextlib.contextmanager
def disk_full_here(limit: int) -> Iterator[None]:
    """This process's files cannot grow past ``limit`` bytes until the block ends."""
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, old_limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


async def test_the_app_says_a_save_on_a_full_disk_failed_in_one_line(tmp_path: Path) -> None:
    from tests.app_library import fill
    from tui.app import PresscutApp

    folder = tmp_path / "library"
    with Library(folder) as library:
        fill(library)
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.press("t", *"kept", "enter")
            await pilot.pause()
            journal = folder / JOURNAL_NAME
            with disk_full_here(journal.stat().st_size + 20):  # the next line is cut short
                await pilot.press("t", *"refused", "enter")
                await pilot.pause()
            message = [n.message for n in app._notifications][-1]
            assert message.startswith("not saved: ") and "File too large" in message
            assert "\n" not in message
            assert [a["tag"] for a in app.screen.article.annotations] == ["kept"]
            await pilot.press("t", *"after", "enter")
            await pilot.pause()
    assert sorted(saved_tags(folder).values()) == ["after", "kept"]
    assert_healthy(folder)


def test_quitting_the_app_on_a_full_disk_says_so_in_one_line_and_loses_nothing(
    tmp_path: Path,
) -> None:
    from tests.app_library import fill

    folder = tmp_path / "library"
    with Library(folder) as library:
        fill(library)
    # Room for a few changes in the journal, not for the snapshot the fold at quitting writes
    # (which grows by the tagged article's summary).
    limit = (folder / "library.json").stat().st_size
    terminal = Terminal([*PRESSCUT, "--library", str(folder)], cwd=REPO,
                        preexec_fn=disk_full_beyond(limit))
    terminal.wait_for("Kremlin pressed")
    terminal.send("\r", then="Annotations")
    terminal.send("t", then="Tag the article")
    terminal.send("kept\r", then="kept")
    time.sleep(0.5)
    terminal.send("q")
    code, output = terminal.end()
    assert code == 1
    assert "Traceback" not in output
    said = output[output.rindex("presscut: ") :].strip()  # after the app gave the screen back
    assert "\n" not in said and "library.json: cannot write (File too large)" in said
    assert list(saved_tags(folder).values()) == ["kept"]
    assert_healthy(folder)


def test_quitting_the_app_on_a_large_library_leaves_the_fold_to_its_own_process(
    tmp_path: Path,
) -> None:
    """Above `FOLD_AT_CLOSE_BYTES` the app quits without writing the snapshot; the process it
    leaves writes it and the list of articles, and a writer opening next waits for it."""
    import orjson

    from store.catalogue_cache import read_catalogue
    from store.library import FOLD_AT_CLOSE_BYTES, SNAPSHOT_NAME, read_snapshot
    from tests.app_library import fill

    folder = tmp_path / "library"
    with Library(folder) as library:
        newer, _ = fill(library)
    snapshot = folder / SNAPSHOT_NAME
    tables = orjson.loads(snapshot.read_bytes())
    note = "a long note of the reporter's own " * 40
    stamp = "2024-01-01T00:00:00.000+00:00"
    for number in range(FOLD_AT_CLOSE_BYTES // len(note) + 1):  # a snapshot over the size
        tables.setdefault("annotations", {})[str(100 + number)] = {
            "id": f"{number:016x}", "article": newer, "kind": "note", "note": note,
            "origin": "user", "created": stamp, "updated": stamp, "target": None,
        }  # fmt: skip
    snapshot.write_bytes(orjson.dumps(tables))
    before = snapshot.read_bytes()
    terminal = Terminal([*PRESSCUT, "--library", str(folder)], cwd=REPO)
    try:
        terminal.wait_for("Kremlin pressed", seconds=120)
        terminal.send("\r", then="Annotations")
        terminal.send("t", then="Tag the article")
        terminal.send("kept\r", then="kept")
        time.sleep(0.5)
        terminal.send("q")
        code, output = terminal.end()
    finally:
        terminal.kill()
    assert code == 0 and "Traceback" not in output
    with Library(folder) as library:  # waits for the fold the app left running
        assert "kept" in library.tags()
    folded = read_snapshot(snapshot)
    assert snapshot.read_bytes() != before
    folded = with_annotations(folder, folded)
    assert "kept" in {row.get("tag") for row in folded["annotations"].values()}
    cached = read_catalogue(folder)
    assert cached is not None and "kept" in cached.rows()[0]["tags"] + cached.rows()[1]["tags"]
    assert_healthy(folder)
