"""`presscut import FILE.json`: presscut's own export merged back into a real library.

Round trips (export, import into an empty library, export again) must give the same file apart
from its export time; a merge keeps the newer of each article and annotation, by id, and never
duplicates; a file that is not a valid export changes nothing and says why in one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from store.anchoring import make_target
from store.library import Library
from tests.annotated_library import annotate
from tests.app_library import TEXT_A
from tests.conftest import SAMPLES


@pytest.fixture
def source(tmp_path: Path) -> Path:
    with Library(tmp_path / "source") as library:
        annotate(library)
    return tmp_path / "source"


def export(folder: Path, out: Path) -> dict:
    assert main(["--library", str(folder), "export", "-o", str(out)]) == 0
    return json.loads(out.read_text())


def import_(folder: Path, *paths: Path) -> int:
    return main(["--library", str(folder), "import", *map(str, paths)])


def without_time(export: dict) -> dict:
    return {**export, "exported": None}


def state(folder: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """The library's contents; a row's absent field and its None are the same to presscut."""
    with Library(folder, read_only=True) as library:
        rows = [{k: v for k, v in row.items() if v is not None} for row in library.articles()]
        return rows, library.annotations(), [library.body(row["id"]) for row in rows]


def stored_files(folder: Path) -> dict[str, bytes]:
    """Every file of a library but the writer's lock and pid, which each opening rewrites."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith("writer.")
    }


def test_a_round_trip_gives_the_same_export(source: Path, tmp_path: Path) -> None:
    first = export(source, tmp_path / "first.json")
    assert import_(tmp_path / "copy", tmp_path / "first.json") == 0
    second = export(tmp_path / "copy", tmp_path / "second.json")
    assert without_time(second) == without_time(first)
    assert state(tmp_path / "copy") == state(source)


def test_a_round_trip_of_the_analysed_samples(sample_export: dict, tmp_path: Path) -> None:
    first = json.loads(sample_export["export"].read_text())
    assert import_(tmp_path / "copy", sample_export["export"]) == 0
    assert without_time(export(tmp_path / "copy", tmp_path / "second.json")) == without_time(first)


def test_importing_the_same_export_twice_changes_nothing(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(source, tmp_path / "out.json")
    assert import_(tmp_path / "copy", tmp_path / "out.json") == 0
    before = state(tmp_path / "copy")
    files = stored_files(tmp_path / "copy")
    capsys.readouterr()
    assert import_(tmp_path / "copy", tmp_path / "out.json") == 0
    assert capsys.readouterr().err == (
        f"{tmp_path / 'out.json'}: 0 added, 0 updated, 2 unchanged; "
        "annotations: 0 added, 0 updated, 10 unchanged\n"
    )
    assert state(tmp_path / "copy") == before
    assert stored_files(tmp_path / "copy") == files  # nothing written, not even the journal


def test_a_merge_keeps_the_newer_of_each_annotation(source: Path, tmp_path: Path) -> None:
    export(source, tmp_path / "old.json")
    assert import_(tmp_path / "mine", tmp_path / "old.json") == 0
    with Library(source) as library:  # the colleague's library, after the export
        theirs = library.annotations()
        their_note = next(a for a in theirs if a.get("note") == "Which ministry?")
        library.update_annotation(their_note["id"], note="Which ministry: foreign or defence?")
        article = their_note["article"]
        library.add_annotation(article, "tag", tag="follow up")
        their_tag = next(a for a in theirs if a.get("tag") == "verify")
    with Library(tmp_path / "mine") as library:  # my own later work in my copy
        library.update_annotation(their_tag["id"], tag="verified")
        library.add_annotation(article, "note", note="mine only")
    export(source, tmp_path / "new.json")
    assert import_(tmp_path / "mine", tmp_path / "new.json") == 0
    with Library(tmp_path / "mine", read_only=True) as library:
        assert len(library.articles()) == 2
        merged = {a["id"]: a for a in library.annotations()}
        assert merged[their_note["id"]]["note"] == "Which ministry: foreign or defence?"
        assert merged[their_tag["id"]]["tag"] == "verified"  # mine is newer than theirs
        notes_and_tags = [a.get("note") or a.get("tag") for a in merged.values()]
        assert notes_and_tags.count("follow up") == 1 and notes_and_tags.count("mine only") == 1
        assert len(merged) == len(theirs) + 2


def test_a_newer_article_replaces_the_older_and_its_spans_find_their_place(
    source: Path, tmp_path: Path
) -> None:
    exported = export(source, tmp_path / "out.json")
    assert import_(tmp_path / "mine", tmp_path / "out.json") == 0
    a, b = sorted(exported["articles"], key=lambda article: article["text"] != TEXT_A)
    old_title = a["title"]
    # The colleague's article A, imported again from a changed file: a newer text and row.
    a["text"] = "Update: " + a["text"]
    a["title"] = "Syria opposition fails (updated)"
    a["catalogue"]["updated"] = "2100-01-01T00:00:00.000+00:00"
    moscow = a["text"].index("Moscow")
    a["annotations"].append(
        {
            **a["annotations"][0],
            "id": "ffffffffffffffff",
            "kind": "note",
            "note": "placed in the new text",
            "target": make_target(a["text"], moscow, moscow + 6),
        }
    )
    b["title"] = "An older title"
    b["catalogue"]["updated"] = "2000-01-01T00:00:00.000+00:00"
    (tmp_path / "changed.json").write_text(json.dumps(exported))
    assert import_(tmp_path / "mine", tmp_path / "changed.json") == 0
    with Library(tmp_path / "mine", read_only=True) as library:
        titles = {row["title"] for row in library.articles()}
        assert titles == {"Syria opposition fails (updated)", "Kremlin pressed on Syrian stance"}
        assert old_title not in titles
        row = library.find_by_origin("/news/a.txt")
        assert library.body(row["id"])["text"] == a["text"]
        note = library.annotation("ffffffffffffffff")
        assert a["text"][note["target"]["start"] : note["target"]["end"]] == "Moscow"


def test_an_export_and_article_files_import_together(sample_export: dict, tmp_path: Path) -> None:
    with Library(tmp_path / "other") as library:
        annotate(library)
    export(tmp_path / "other", tmp_path / "other.json")
    assert import_(tmp_path / "mine", tmp_path / "other.json", SAMPLES) == 0
    with Library(tmp_path / "mine", read_only=True) as library:
        assert len(library.articles()) == 4


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{", "not JSON (unexpected end of data at byte 1)"),
        ('{"articles": []}', 'not a presscut export (no "format": "presscut/1")'),
        (
            '{"format": "presscut/1", "exported": "2024-01-01T00:00:00Z", "articles": {}}',
            "not a valid presscut export: {} is not of type 'array' at .articles",
        ),
    ],
)
def test_a_bad_file_changes_nothing_and_says_why_in_one_line(
    content: str, says: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = state(source)
    assert import_(source, bad) == 1
    assert capsys.readouterr().err == f"presscut: {bad}: {says}\n"
    assert state(source) == before


def test_an_annotation_of_an_unknown_kind_refuses_its_article_only(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = export(source, tmp_path / "out.json")
    exported["articles"][0]["annotations"][0]["kind"] = "highlight"
    good = exported["articles"][1]
    (tmp_path / "bad.json").write_text(json.dumps(exported))
    capsys.readouterr()
    assert import_(tmp_path / "copy", tmp_path / "bad.json") == 1
    refusal, summary = capsys.readouterr().err.splitlines()
    assert "article 1" in refusal and "'highlight' is not one of" in refusal
    assert "1 added" in summary and "1 refused" in summary
    with Library(tmp_path / "copy", read_only=True) as library:
        assert [row["id"] for row in library.articles()] == [good["id"]]


def test_an_id_that_is_not_its_origins_is_refused(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = export(source, tmp_path / "out.json")
    exported["articles"][0]["catalogue"]["origin"] = "/elsewhere.txt"
    (tmp_path / "bad.json").write_text(json.dumps(exported))
    capsys.readouterr()
    assert import_(tmp_path / "copy", tmp_path / "bad.json") == 1
    assert "does not match its origin /elsewhere.txt" in capsys.readouterr().err
