"""The library folder: real files in tmp_path, reopened to prove what reached the disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store.errors import CorruptStore, LibraryLocked, NewerSchema, NotFound
from store.journal import scan
from store.library import JOURNAL_NAME, SCHEMA_VERSION, SNAPSHOT_NAME, Library
from store.segments import with_annotations

ROW = {"title": "Kremlin pressed", "source": "UPI", "published": "2011-11-15", "path": "/a.txt"}
BODY = {"original": "x", "text": "Some text.", "boilerplate": [], "analysis": {"quotes": []}}


def add_article(library: Library, origin: str = "/a.txt", raw_hash: str = "h1") -> str:
    library.save_article(origin, raw_hash, {**ROW, "path": origin}, BODY)
    return library.find_by_origin(origin)["id"]


def test_an_article_is_known_by_where_it_came_from(library: Library) -> None:
    assert library.save_article("/a.txt", "h1", ROW, BODY) == "added"
    assert library.save_article("/a.txt", "h1", ROW, BODY) == "unchanged"
    first = library.find_by_origin("/a.txt")
    assert library.save_article("/a.txt", "h2", {**ROW, "title": "New"}, BODY) == "updated"
    again = library.find_by_origin("/a.txt")
    assert again["id"] == first["id"] and again["title"] == "New"
    assert again["imported"] == first["imported"]
    assert len(library.articles()) == 1


def test_changes_survive_reopening_without_a_clean_close(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library = Library(folder)
    key = add_article(library)
    note = library.add_annotation(key, "note", note="check the figure")
    library.journal.close()
    library._release_writer_lock()  # as if the process died: no snapshot was written
    assert not (folder / SNAPSHOT_NAME).exists()
    with Library(folder) as reopened:
        assert reopened.annotation(note["id"])["note"] == "check the figure"
        assert reopened.article(key)["title"] == "Kremlin pressed"


def test_closing_folds_the_journal_into_a_tinydb_file(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        key = add_article(library)
        library.add_annotation(key, "tag", tag="verify")
    assert scan(folder / JOURNAL_NAME).ops == []  # a new, empty journal of the next generation
    from tinydb import TinyDB

    segment = f"{key[:2]}.g1.json"
    with TinyDB(folder / SNAPSHOT_NAME) as plain:  # the snapshot is an ordinary TinyDB file
        assert plain.table("articles").all()[0]["id"] == key
        assert plain.table("_meta").all() == [
            {"schema": SCHEMA_VERSION, "generation": 1, "segments": {key[:2]: segment}}
        ]
    with TinyDB(folder / "segments" / segment) as plain:  # and so is each segment
        assert plain.table("annotations").all()[0]["tag"] == "verify"


def test_ids_are_never_reused_after_a_restart(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        key = add_article(library)
        first = library.add_annotation(key, "tag", tag="a")
        second = library.add_annotation(key, "tag", tag="b")
        library.delete_annotation(second["id"])
    with Library(folder) as library:
        third = library.add_annotation(key, "tag", tag="c")
        assert third["id"] not in (first["id"], second["id"])
        assert [a["tag"] for a in library.annotations(key)] == ["a", "c"]


def test_a_torn_last_journal_line_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library = Library(folder)
    key = add_article(library)
    library.add_annotation(key, "tag", tag="kept")
    library.journal.close()
    library._release_writer_lock()
    with open(folder / JOURNAL_NAME, "ab") as journal:
        journal.write(b'0badc0de {"t": "annotations", "id": "half')
    with Library(folder) as reopened:
        assert [a["tag"] for a in reopened.annotations(key)] == ["kept"]


def test_a_damaged_snapshot_is_reported_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        add_article(library)
    snapshot = folder / SNAPSHOT_NAME
    damaged = snapshot.read_bytes()[:-7]
    snapshot.write_bytes(damaged)
    with pytest.raises(CorruptStore) as error:
        Library(folder)
    assert str(snapshot) in str(error.value) and "\n" not in str(error.value)
    assert snapshot.read_bytes() == damaged


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / SNAPSHOT_NAME).write_bytes(orjson.dumps({"_meta": {"1": {"schema": 99}}}))
    with pytest.raises(NewerSchema, match="newer presscut"):
        Library(folder)


def test_a_second_writer_is_refused_and_may_read(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as writer:
        key = add_article(writer)
        code = (
            "import sys; from pathlib import Path; from store.library import Library\n"
            "from store.errors import LibraryLocked\n"
            "try:\n    Library(Path(sys.argv[1]))\n"
            "except LibraryLocked as e:\n    print(e)\n"
            "with Library(Path(sys.argv[1]), read_only=True) as r:\n"
            "    print(len(r.articles()), r.annotations()[0]['note'])\n"
        )
        writer.add_annotation(key, "note", note="seen at once")
        result = subprocess.run(
            [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True
        )
    locked_line, read_line = result.stdout.splitlines()
    assert "open for writing in presscut process" in locked_line and "--read-only" in locked_line
    assert read_line == "1 seen at once"


def test_the_lock_is_per_process_not_per_object(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder), pytest.raises(LibraryLocked):
        Library(folder)


def test_unknown_ids_say_how_to_find_one(library: Library) -> None:
    with pytest.raises(NotFound, match="presscut list"):
        library.article("nope")
    key = add_article(library)
    assert library.article(key[:4])["id"] == key


def test_opening_indexes_each_row_as_saving_did(tmp_path: Path) -> None:
    """The snapshot is indexed in one pass (`Library._index_snapshot`): each annotation under
    its article, an id found twice (a hand-edited file) under the last row's article only, and
    new rows numbered after every row read."""
    folder = tmp_path / "library"
    with Library(folder) as library:
        for name in ("a", "b"):
            library.save_article(f"/{name}.txt", name, {"title": name}, {"text": "x"})
        first, second = sorted(row["id"] for row in library.articles())
        kept = library.add_annotation(first, "tag", tag="kept")
        moved = library.add_annotation(first, "tag", tag="moved")
    # As a snapshot of schema 2 held them: every annotation in it (split into segments on open).
    tables = with_annotations(folder, orjson.loads((folder / SNAPSHOT_NAME).read_bytes()))
    tables["_meta"] = {"1": {"schema": 2, "generation": 1}}
    rows = tables["annotations"]
    moved_row = next(row for row in rows.values() if row["id"] == moved["id"])
    rows["99"] = {**moved_row, "article": second}  # the same id again, on the other article
    (folder / SNAPSHOT_NAME).write_bytes(orjson.dumps(tables))
    with Library(folder) as library:
        assert [a["id"] for a in library.annotations(first)] == [kept["id"]]
        assert [a["id"] for a in library.annotations(second)] == [moved["id"]]
        assert library.annotation_count(first) == 1
        added = library.add_annotation(second, "tag", tag="new")
        assert library.annotation(added["id"])["tag"] == "new"
        assert library.tags() == {"kept": 1, "moved": 1, "new": 1}
