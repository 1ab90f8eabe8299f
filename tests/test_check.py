"""Damaged, foreign and older library files: refused by name, never overwritten, recoverable.

Each case damages a real library on disk the way it happens (a truncated copy, garbage from a
disk error, a file from a newer presscut), then checks what opening says, that the file was
left as it was, what `presscut check` reports, and what `--recover` gets back.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from cli.main import main
from store.backup import PREVIOUS_JOURNAL_NAME, backup_path, migration_backup_path
from store.errors import CorruptStore, NewerSchema, StoreError
from store.library import BODIES_NAME, JOURNAL_NAME, SCHEMA_VERSION, SNAPSHOT_NAME, Library

ROW = {"title": "Kremlin pressed", "source": "UPI", "published": "2011-11-15"}
BODY = {"original": "x", "text": "Some text.", "boilerplate": [], "analysis": {"quotes": []}}


def build(folder: Path) -> dict[str, str]:
    """A library folded twice (so it has a backup) with one change still in its journal."""
    tags = {}
    for number in range(2):
        with Library(folder) as library:
            library.save_article(f"/{number}.txt", "h", ROW, BODY)
            key = library.find_by_origin(f"/{number}.txt")["id"]
            tags[library.add_annotation(key, "tag", tag=f"t{number}")["id"]] = f"t{number}"
    library = Library(folder)
    tags[library.add_annotation(key, "tag", tag="journal")["id"]] = "journal"
    library.journal.close()
    library._release_writer_lock()  # as if the process died: the last change is only journalled
    return tags


def tags_of(folder: Path) -> dict[str, str]:
    with Library(folder, read_only=True) as library:
        return {a["id"]: a["tag"] for a in library.annotations()}


def run_check(folder: Path, capsys: pytest.CaptureFixture, *extra: str) -> tuple[int, str]:
    code = main(["--library", str(folder), "check", *extra])
    return code, capsys.readouterr().out


DAMAGES = {
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: bytes(range(256)) * 4,
    "not a library": lambda data: b'{"articles": [1, 2, 3]}',
    "empty": lambda data: b"",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_snapshot_stops_by_name_and_recovers_from_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture, damage: str
) -> None:
    folder = tmp_path / "library"
    tags = build(folder)
    snapshot = folder / SNAPSHOT_NAME
    damaged = DAMAGES[damage](snapshot.read_bytes())
    snapshot.write_bytes(damaged)
    for read_only in (False, True):
        with pytest.raises(CorruptStore) as error:
            Library(folder, read_only=read_only)
        assert str(snapshot) in str(error.value) and "\n" not in str(error.value)
    assert snapshot.read_bytes() == damaged  # never overwritten
    assert main(["--library", str(folder), "list"]) == 1

    code, report = run_check(folder, capsys)
    assert code == 1
    assert f"problem: {snapshot}" in report and "--recover" in report

    code, report = run_check(folder, capsys, "--recover")
    assert code == 0, report
    assert tags_of(folder) == tags  # nothing reported saved was lost
    kept = list(folder.glob(SNAPSHOT_NAME + ".damaged-*"))
    assert [path.read_bytes() for path in kept] == [damaged]


def test_without_a_backup_recovery_refuses_and_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "library"
    build(folder)
    backup_path(folder / SNAPSHOT_NAME).unlink()
    (folder / SNAPSHOT_NAME).write_bytes(b"{garbage")
    code, report = run_check(folder, capsys)
    assert code == 1 and "no usable backup" in report
    assert main(["--library", str(folder), "check", "--recover"]) == 1
    assert "no usable backup" in capsys.readouterr().err
    assert (folder / SNAPSHOT_NAME).read_bytes() == b"{garbage"


def test_a_damaged_journal_line_is_refused_then_salvaged(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "library"
    tags = build(folder)
    journal = folder / JOURNAL_NAME
    good = journal.read_bytes()
    journal.write_bytes(b"deadbeef {not a change}\n" + good)
    with pytest.raises(CorruptStore, match=f"{journal}: line 1"):
        Library(folder)
    code, report = run_check(folder, capsys, "--recover")
    assert code == 0, report
    assert tags_of(folder) == tags
    assert list(folder.glob(JOURNAL_NAME + ".damaged-*"))


def test_a_newer_schema_is_refused_untouched_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    newer = orjson.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "articles": {}})
    (folder / SNAPSHOT_NAME).write_bytes(newer)
    with pytest.raises(NewerSchema, match="upgrade presscut"):
        Library(folder)
    code, report = run_check(folder, capsys, "--recover")
    assert code == 1 and "newer presscut" in report
    assert (folder / SNAPSHOT_NAME).read_bytes() == newer


def test_an_older_schema_migrates_forward_after_a_backup(tmp_path: Path) -> None:
    """Schema 0: a plain TinyDB file without presscut's _meta table or its newer fields."""
    folder = tmp_path / "library"
    (folder / BODIES_NAME).mkdir(parents=True)
    old = {
        "articles": {"1": {"id": "a1", "origin": "/a.txt", "title": "Old", "hash": "h"}},
        "annotations": {"2": {"id": "n1", "article": "a1", "kind": "tag", "tag": "old",
                              "created": "2020-01-01T00:00:00.000+00:00"}},
    }
    (folder / SNAPSHOT_NAME).write_bytes(orjson.dumps(old))
    (folder / BODIES_NAME / "a1.json").write_bytes(orjson.dumps(BODY))
    with Library(folder) as library:
        assert library.article("a1")["read"] is False
        note = library.annotation("n1")
        assert note["origin"] == "user" and note["updated"] == note["created"]
    kept = migration_backup_path(folder / SNAPSHOT_NAME, 0)
    assert orjson.loads(kept.read_bytes()) == old
    written = orjson.loads((folder / SNAPSHOT_NAME).read_bytes())
    assert written["_meta"]["1"]["schema"] == SCHEMA_VERSION


def test_check_reports_a_healthy_library_and_who_holds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "library"
    build(folder)
    with Library(folder):
        code, report = run_check(folder, capsys)
    assert code == 0, report
    assert "problem" not in report
    assert f"open for writing in presscut process {os.getpid()}" in report
    assert "1 changes" in report and "2 of 2 article texts ok" in report
    assert (folder / PREVIOUS_JOURNAL_NAME).exists()


def test_check_names_a_missing_or_damaged_article_text(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "library"
    build(folder)
    bodies = sorted((folder / BODIES_NAME).glob("*.json"))
    bodies[0].write_bytes(b"{")
    bodies[1].unlink()
    code, report = run_check(folder, capsys)
    assert code == 1
    assert f"problem: {bodies[0]}: damaged; import it again" in report
    assert f"problem: {bodies[1]}: missing" in report


def test_check_on_no_library(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, report = run_check(tmp_path / "nowhere", capsys)
    assert code == 1 and "no library here" in report


def test_recover_needs_the_writer_lock(tmp_path: Path) -> None:
    from store.recover import recover

    folder = tmp_path / "library"
    build(folder)
    with Library(folder), pytest.raises(StoreError, match="open for writing"):
        recover(folder)
