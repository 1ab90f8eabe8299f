"""A writer killed with SIGKILL at random moments, 100 times: every save it reported is there.

The child process streams annotation saves (adds, edits and deletes) into one library and
writes each acknowledged change to a pipe only after the library returned; the parent kills it
at a random moment, then opens the library read-only (leaving the crash's leftovers for the
next writer to clean up) and checks every acknowledged change. The journal is folded every 25
changes here, so kills also land inside folds, backups and journal rotations.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import orjson

from store import library as library_module
from store.library import Library
from store.segments import with_annotations

TRIALS = 100
FOLD_EVERY = 25


def _writer(folder: Path, key: str, pipe: int, seed: int) -> None:
    """The child: save forever, reporting each change once the library says it is saved."""
    library_module.FOLD_JOURNAL_AFTER = FOLD_EVERY
    rng = random.Random(seed)
    with Library(folder) as library:
        mine = [a["id"] for a in library.annotations(key)]
        number = 0
        while True:
            number += 1
            if mine and rng.random() < 0.3:
                victim = mine.pop(rng.randrange(len(mine)))
                os.write(pipe, f"? {victim} -\n".encode())
                library.delete_annotation(victim)
                os.write(pipe, f"D {victim} -\n".encode())
            elif mine and rng.random() < 0.3:
                target = rng.choice(mine)
                os.write(pipe, f"? {target} edit-{seed}-{number}\n".encode())
                library.update_annotation(target, tag=f"edit-{seed}-{number}")
                os.write(pipe, f"U {target} edit-{seed}-{number}\n".encode())
            else:
                added = library.add_annotation(key, "tag", tag=f"new-{seed}-{number}")
                mine.append(added["id"])
                os.write(pipe, f"A {added['id']} new-{seed}-{number}\n".encode())


def _run_and_kill(
    folder: Path, key: str, seed: int, expected: dict[str, str | None]
) -> tuple[str, str | None] | None:
    """Run one writer until killed; returns the change it had begun and not reported, if any."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_end)
        try:
            _writer(folder, key, write_end, seed)
        finally:
            os._exit(1)
    os.close(write_end)
    time.sleep(random.Random(seed).uniform(0.0, 0.08))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as acknowledged:
        lines = acknowledged.read().decode().splitlines()
    in_flight = None
    for line in lines:
        kind, annotation, tag = line.split(" ")
        value = None if tag == "-" else tag
        if kind == "?":
            in_flight = (annotation, value)
        else:
            expected[annotation] = value
            in_flight = None
    return in_flight


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "A"}, {"text": "x"})
        key = library.articles()[0]["id"]
    expected: dict[str, str | None] = {}
    before: dict[str, str] = {}  # what the last trial left, unacknowledged adds included
    for trial in range(TRIALS):
        in_flight = _run_and_kill(folder, key, trial, expected)
        with Library(folder, read_only=True) as reopened:
            found = {a["id"]: a["tag"] for a in reopened.annotations(key)}
        if in_flight is not None:  # killed mid-save: either outcome is right, the state says which
            annotation, value = in_flight
            prior = expected[annotation] if annotation in expected else before.get(annotation)
            assert found.get(annotation) in (prior, value)
            expected[annotation] = found.get(annotation)
        before = found
        for annotation, tag in expected.items():
            assert found.get(annotation) == tag, f"trial {trial}: {annotation} lost"
    with Library(folder) as library:  # and a writer opens what the last crash left
        found = {a["id"]: a["tag"] for a in library.annotations(key)}
    assert all(found.get(annotation) == tag for annotation, tag in expected.items())


def test_a_fold_during_a_session_is_written_by_another_process(
    tmp_path: Path, monkeypatch
) -> None:
    """The save that fills the journal only seals it: the snapshot is written by a fold process
    (held back here by holding its lock), while saves and readers go on."""
    from store.fold import fold_lock
    from store.journal import scan
    from store.library import JOURNAL_NAME, SNAPSHOT_NAME, generation_of, read_snapshot

    monkeypatch.setattr(library_module, "FOLD_JOURNAL_AFTER", 5)
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "A"}, {"text": "x"})
        key = library.articles()[0]["id"]
    snapshot = folder / SNAPSHOT_NAME
    with Library(folder) as library:
        before = snapshot.read_bytes()
        with fold_lock(folder):
            for number in range(8):  # the fifth fills the journal
                library.add_annotation(key, "tag", tag=f"t{number}")
            assert snapshot.read_bytes() == before  # not written on this thread
            assert len(scan(folder / JOURNAL_NAME).ops) == 3  # saving goes on, sealed after 5
            with Library(folder, read_only=True) as reader:
                assert len(reader.annotations()) == 8
        deadline = time.monotonic() + 30
        while snapshot.read_bytes() == before:  # the fold process, let go, writes it
            assert time.monotonic() < deadline
            time.sleep(0.05)
        folded = read_snapshot(snapshot)
        assert generation_of(folded) == generation_of(orjson.loads(before)) + 1
        assert len(with_annotations(folder, folded)["annotations"]) == 5
    with Library(folder, read_only=True) as reader:
        assert len(reader.annotations()) == 8


def test_closing_a_large_library_leaves_its_fold_and_list_to_another_process(
    tmp_path: Path, monkeypatch
) -> None:
    """Quitting the app seals the journal and returns; a process of its own writes the snapshot
    and the list the next start draws first, and a writer opening meanwhile waits for it."""
    from store.catalogue_cache import read_catalogue
    from store.fold import fold_lock
    from store.journal import scan
    from store.library import JOURNAL_NAME, SNAPSHOT_NAME, read_snapshot

    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "A"}, {"text": "x"})
        key = library.articles()[0]["id"]
    monkeypatch.setattr(library_module, "FOLD_AT_CLOSE_BYTES", 0)  # as if 100,000 articles
    snapshot = folder / SNAPSHOT_NAME
    before = snapshot.read_bytes()
    library = Library(folder)
    library.add_annotation(key, "tag", tag="kept")
    with fold_lock(folder):  # the fold process waits here: closing does not
        library.close(fold_aside=True)
        assert snapshot.read_bytes() == before
        assert scan(folder / JOURNAL_NAME).ops == []  # sealed, its change in the previous log
        with Library(folder, read_only=True) as reader:  # and still read whole meanwhile
            assert [a["tag"] for a in reader.annotations(key)] == ["kept"]
    library.close(fold_aside=True)  # a second close is none
    with Library(folder) as writer:  # waits for the fold process to let go of its lock
        assert [a["tag"] for a in writer.annotations(key)] == ["kept"]
        folded = with_annotations(folder, read_snapshot(snapshot))
        assert [a["tag"] for a in folded["annotations"].values()] == ["kept"]
        assert read_catalogue(folder) is not None  # the next start draws the list at once
        assert read_catalogue(folder).head[0]["tags"] == ["kept"]


def test_closing_a_small_library_folds_it_at_once(tmp_path: Path) -> None:
    """Below ``FOLD_AT_CLOSE_BYTES`` the fold is done at closing, where a refusal is said."""
    from store.library import SNAPSHOT_NAME, read_snapshot

    folder = tmp_path / "library"
    with Library(folder) as library:
        library.save_article("/a.txt", "h", {"title": "A"}, {"text": "x"})
        key = library.articles()[0]["id"]
    library = Library(folder)
    library.add_annotation(key, "tag", tag="kept")
    library.close(fold_aside=True)
    folded = with_annotations(folder, read_snapshot(folder / SNAPSHOT_NAME))
    assert [a["tag"] for a in folded["annotations"].values()] == ["kept"]
