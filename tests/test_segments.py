"""The annotations in segment files (schema 3): opening reads none, a fold rewrites only the
segments its changes touched, a reader outrun by folds reads again, and a schema-2 library
migrates with every annotation (`store.segments`)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import orjson
import pytest

from bench.library_gen import build
from store import library as library_module
from store.fold import fold_lock
from store.journal import encode, header
from store.library import JOURNAL_NAME, SNAPSHOT_NAME, Library, generation_of, read_snapshot

SEGMENTS = "segments"


def three_articles(folder: Path) -> list[str]:
    """Three articles in three segments, two annotations each; closed (folded)."""
    with Library(folder) as library:
        keys = []
        for number in range(40):  # enough articles that three fall in different segments
            library.save_article(f"/{number}.txt", str(number), {"title": str(number)},
                                 {"text": "The minister said so."})  # fmt: skip
        for row in library.articles():
            if all(row["id"][:2] != key[:2] for key in keys):
                keys.append(row["id"])
        keys = keys[:3]
        for key in keys:
            library.add_annotation(key, "tag", tag="verify")
            library.add_annotation(key, "note", note="call back")
    return keys


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in (folder / SEGMENTS).iterdir()}  # fmt: skip


@pytest.fixture
def segment_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the segment files the library reads, in order."""
    read: list[str] = []
    real = library_module.read_segment

    def counted(folder: Path, name: str) -> dict:
        read.append(name)
        return real(folder, name)

    monkeypatch.setattr(library_module, "read_segment", counted)
    return read


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_and_the_catalogue_read_no_segment(
    tmp_path: Path, segment_reads: list[str], read_only: bool
) -> None:
    folder = tmp_path / "library"
    keys = three_articles(folder)
    segment_reads.clear()
    with Library(folder, read_only=read_only) as library:
        rows = {row["id"]: row for row in library.catalogue()}
        assert rows[keys[1]]["tags"] == ["verify"] and rows[keys[1]]["notes"] == 1
        assert library.tags() == {"verify": 3}
        assert library.tag_names() == ["verify"]
        assert library.annotation_count(keys[0]) == 2
        assert library.correction_stamps() == {}
        assert segment_reads == []
        assert sorted(a["kind"] for a in library.annotations(keys[1])) == ["note", "tag"]
        assert segment_reads == [f"{keys[1][:2]}.g1.json"]  # that article's segment alone


def test_corrections_are_known_without_reading_a_segment(
    tmp_path: Path, segment_reads: list[str]
) -> None:
    folder = tmp_path / "library"
    keys = three_articles(folder)
    with Library(folder) as library:
        fix = library.add_annotation(keys[0], "correction", target={"start": 4, "end": 12},
                                     action="reject")  # fmt: skip
    segment_reads.clear()
    with Library(folder, read_only=True) as library:
        assert library.correction_stamps() == {keys[0]: [f"{fix['id']}@{fix['updated']}"]}
        assert segment_reads == []
        library.catalogue()  # the corrected article's own fields: its segment, no other
        assert segment_reads == [f"{keys[0][:2]}.g2.json"]


def test_changes_not_folded_wait_for_their_segment(
    tmp_path: Path, segment_reads: list[str]
) -> None:
    """A journal's changes to a segment not read yet count at once (the summaries) and are laid
    over the segment when it is read."""
    folder = tmp_path / "library"
    keys = three_articles(folder)
    writer = Library(folder)
    try:
        tag = writer.add_annotation(keys[2], "tag", tag="later")
        note = next(a for a in writer.annotations(keys[2]) if a["kind"] == "note")
        writer.delete_annotation(note["id"])
        segment_reads.clear()
        with Library(folder, read_only=True) as reader:  # the journal holds both changes
            assert reader.annotation_count(keys[2]) == 2
            assert reader.tags() == {"verify": 3, "later": 1}
            assert segment_reads == []
            assert reader.annotation(tag["id"])["tag"] == "later"
            assert sorted(a["kind"] for a in reader.annotations(keys[2])) == ["tag", "tag"]
            assert len(segment_reads) == 1
            assert len(reader.annotations()) == 6  # every segment walked
    finally:
        writer.close()


@pytest.mark.parametrize("aside", [False, True])
def test_a_fold_rewrites_only_the_segment_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aside: bool
) -> None:
    """In the library's own fold and in the fold process alike: one new file for the segment
    that changed, the others untouched (same inode and time), the old one removed once neither
    the snapshot nor its backup names it."""
    folder = tmp_path / "library"
    keys = three_articles(folder)
    before = files(folder)
    if aside:
        monkeypatch.setattr(library_module, "FOLD_AT_CLOSE_BYTES", 0)
    library = Library(folder)
    library.add_annotation(keys[1], "tag", tag="again")
    library.close(fold_aside=aside)
    deadline = time.monotonic() + 30
    while generation_of(read_snapshot(folder / SNAPSHOT_NAME)) != 2:  # the fold process's
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with fold_lock(folder):  # and done with its removals
        after = files(folder)
    changed = f"{keys[1][:2]}.g2.json"
    assert set(after) == set(before) | {changed}  # the old file is the backup's
    assert {name: after[name] for name in before} == before
    with Library(folder) as library:
        library.add_annotation(keys[1], "tag", tag="third")
    assert set(files(folder)) == set(before) - {f"{keys[1][:2]}.g1.json"} | {
        changed, f"{keys[1][:2]}.g3.json"
    }
    with Library(folder, read_only=True) as library:
        assert library.tags() == {"verify": 3, "again": 1, "third": 1}
        assert len(library.annotations(keys[1])) == 4


def test_a_reader_outrun_by_two_folds_reads_the_library_again(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    keys = three_articles(folder)
    with Library(folder, read_only=True) as reader:  # opened at generation 1, nothing read
        revision = reader.revision(keys[0])
        for tag in ("second", "third"):
            with Library(folder) as writer:  # each close folds: generations 2, then 3
                writer.add_annotation(keys[0], "tag", tag=tag)
        assert f"{keys[0][:2]}.g1.json" not in files(folder)  # what the reader's snapshot names
        tags = sorted(a.get("tag") for a in reader.annotations(keys[0]) if a["kind"] == "tag")
        assert tags == ["second", "third", "verify"]
        assert reader.annotation_count(keys[0]) == 4
        assert reader.revision(keys[0]) != revision


def test_a_schema_2_library_migrates_with_every_annotation(tmp_path: Path) -> None:
    """A folder as presscut of schema 2 left it (every annotation in ``library.json``, ops in
    the journal without summaries) opens with all its annotations, split into segments, after
    its old files are kept."""
    folder = tmp_path / "library"
    (folder / "articles").mkdir(parents=True)
    articles, annotations = {}, {}
    keys = ["0a00000001", "ff00000002", "0a00000003"]
    for number, key in enumerate(keys, start=1):
        articles[str(number)] = {"id": key, "title": f"T{number}", "origin": f"/{number}.txt",
                                 "read": False}  # fmt: skip
        (folder / "articles" / f"{key}.json").write_bytes(orjson.dumps({"text": "Some text."}))
        for kind in ("tag", "note"):
            doc_id = str(10 * number + len(annotations))
            annotations[doc_id] = {"id": f"{key}{kind}", "article": key, "kind": kind,
                                   "tag" if kind == "tag" else "note": "x", "origin": "user",
                                   "created": "2024-01-01", "updated": "2024-01-01",
                                   "target": None}  # fmt: skip
    tables = {"_meta": {"1": {"schema": 2, "generation": 4}}, "articles": articles,
              "annotations": annotations}  # fmt: skip
    (folder / SNAPSHOT_NAME).write_bytes(orjson.dumps(tables))
    later = {"id": "late", "article": keys[1], "kind": "tag", "tag": "late", "origin": "user",
             "created": "2024-02-01", "updated": "2024-02-01", "target": None}  # fmt: skip
    ops = [{"t": "annotations", "id": later["id"], "doc": later},
           {"t": "annotations", "id": f"{keys[2]}note", "doc": None}]  # fmt: skip
    (folder / JOURNAL_NAME).write_bytes(header(4) + b"".join(encode(op) for op in ops))
    with Library(folder) as library:
        assert library.tags() == {"x": 3, "late": 1}
        assert library.annotation_count(keys[2]) == 1
        assert len(library.annotations()) == 6
        assert library.annotation("late")["article"] == keys[1]
    assert (folder / "library.json.schema-2.bak").read_bytes() == orjson.dumps(tables)
    assert (folder / "changes.log.schema-2.bak").exists()
    migrated = orjson.loads((folder / SNAPSHOT_NAME).read_bytes())
    assert "annotations" not in migrated and migrated["_meta"]["1"]["schema"] == 3
    assert sorted(migrated["_meta"]["1"]["segments"]) == ["0a", "ff"]
    with Library(folder, read_only=True) as library:
        assert sorted(a["id"] for a in library.annotations()) == sorted(
            [*(a["id"] for a in annotations.values() if a["id"] != f"{keys[2]}note"), "late"]
        )


def open_peak(folder: Path) -> int:
    """The most memory a read-only open and its catalogue take."""
    gc.collect()
    tracemalloc.start()
    try:
        with Library(folder, read_only=True) as library:
            library.catalogue()
            return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_opening_memory_does_not_grow_with_the_annotations(tmp_path: Path) -> None:
    """Opening holds the catalogue, not the annotations: 2,000 articles with ten annotations
    each take little more to open than with one each (with the annotations in the snapshot,
    about three times as much)."""
    build(tmp_path / "few", articles=2_000, annotations=2_000, words=120)
    build(tmp_path / "many", articles=2_000, annotations=20_000, words=120)
    few, many = open_peak(tmp_path / "few"), open_peak(tmp_path / "many")
    assert many < 1.5 * few, (few, many)


def test_the_summaries_follow_every_change(tmp_path: Path) -> None:
    """Counts, tags and correction stamps read from the summaries (moved by each op, replayed
    from the journal, folded) equal those made from the annotations themselves."""
    import random

    from store.corrections import is_correction

    folder = tmp_path / "library"
    keys = three_articles(folder)
    rng = random.Random(5)
    writer = Library(folder)
    try:
        for _ in range(120):
            key = rng.choice(keys)
            mine = writer.annotations(key)
            roll = rng.random()
            if mine and roll < 0.3:
                writer.delete_annotation(rng.choice(mine)["id"])
            elif mine and roll < 0.6:
                changed = rng.choice(mine)
                if changed["kind"] == "tag":
                    writer.update_annotation(changed["id"], tag=rng.choice(["a", "b", "verify"]))
                else:
                    writer.update_annotation(changed["id"], orphan=rng.random() < 0.5)
            elif roll < 0.8:
                writer.add_annotation(key, "tag", tag=rng.choice(["a", "b", "verify"]))
            else:
                writer.add_annotation(key, "correction", target={"start": 4, "end": 12},
                                      action="reject")  # fmt: skip
        replayed = Library(folder, read_only=True)  # the journal replayed over the snapshot
        for reader in (replayed, writer):
            for key in keys:
                rows = reader.annotations(key)
                assert reader.annotation_count(key) == len(rows)
                fixes = sorted(f"{a['id']}@{a['updated']}" for a in rows if is_correction(a))
                assert sorted(reader.correction_stamps().get(key, [])) == fixes
            assert reader.tags() == sum((reader.tags(key) for key in keys), Counter())
        replayed.close()
        expected = {key: writer.annotation_count(key) for key in keys}
    finally:
        writer.close()
    with Library(folder, read_only=True) as folded:
        assert {key: folded.annotation_count(key) for key in keys} == expected
