"""Every export format through the real CLI, each read back by its own consumer where one exists.

The library is real (tests/annotated_library.py, no model); the sample articles imported with the
real model are checked against the JSON Schema too. Consumers: jsonschema for ``json``, spaCy's
DocBin for ``spacy``, the csv module for ``csv``; the others are checked field by field against
their tools' documented shapes, and every offset against the text it claims to cover.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cli.main import main
from store.library import Library
from store.validation import SCHEMA_PATH
from tests.annotated_library import annotate
from tests.app_library import TEXT_A

EXPECTED_A = [  # article A's entities as the user corrected them, widened to whole tokens
    ("Burhan Ghalioun", "PERSON"),
    ("position of the Russian", "MISC"),  # the added entity, which swallows "Russian"
    ("UN", "ORG"),
    ("more than 3,500", "CARDINAL"),
    ("Mr Ghalioun", "PERSON"),
    ("Moscow", "LOC"),  # relabelled; Tuesday was rejected
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with Library(tmp_path / "library") as library:
        annotate(library)
    return tmp_path / "library"


def export(folder: Path, fmt: str, out: Path, *extra: str) -> Path:
    assert main(["--library", str(folder), "export", "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def by_title(export: dict) -> dict[str, dict]:
    return {article["title"]: article for article in export["articles"]}


def schema_errors(data: dict) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


# -- json ------------------------------------------------------------------------------------


def test_json_is_valid_and_carries_corrections_over_the_models_analysis(
    folder: Path, tmp_path: Path
) -> None:
    data = json.loads(export(folder, "json", tmp_path / "out.json").read_text())
    assert schema_errors(data) == []
    assert data["format"] == "presscut/1"
    article = by_title(data)["Syria opposition fails to convince Russia"]
    entities = [(e["text"], e["label"]) for e in article["entities"]]
    assert ("Moscow", "LOC") in entities and "Tuesday" not in dict(entities)
    as_made = [(e["text"], e["label"]) for e in article["analysis"]["entities"]]
    assert ("Moscow", "GPE") in as_made and ("Tuesday", "DATE") in as_made
    assert [q["kind"] for q in article["quotes"]] == ["direct", "direct"]
    assert article["tags"] == ["verify"]
    assert article["original"].startswith("Advertisement") and article["boilerplate"] == [[0, 13]]
    assert article["catalogue"]["origin"] == "/news/a.txt"


def test_the_sample_articles_export_is_valid(sample_export: dict) -> None:
    data = json.loads(sample_export["export"].read_text())
    assert data["articles"] and schema_errors(data) == []


def test_the_schema_rejects_what_is_not_an_export(folder: Path, tmp_path: Path) -> None:
    data = json.loads(export(folder, "json", tmp_path / "out.json").read_text())
    data["articles"][0]["annotations"][0]["kind"] = "highlight"
    del data["articles"][1]["text"]
    assert len(schema_errors(data)) == 2


# -- jsonl (Prodigy) -------------------------------------------------------------------------


def test_jsonl_is_one_prodigy_task_per_article(folder: Path, tmp_path: Path) -> None:
    lines = export(folder, "jsonl", tmp_path / "out.jsonl").read_text().splitlines()
    tasks = [json.loads(line) for line in lines]
    assert len(tasks) == 2
    for task in tasks:
        assert task["answer"] == "accept"
        assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)
        assert -(2**31) <= task["_task_hash"] < 2**31
        text, tokens = task["text"], task["tokens"]
        for number, token in enumerate(tokens):
            assert token["id"] == number and text[token["start"] : token["end"]] == token["text"]
            assert set(token) == {"text", "start", "end", "id", "ws"}
        for span in task["spans"]:
            assert {"start", "end", "label", "token_start", "token_end"} <= set(span)
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
    a = next(t for t in tasks if t["meta"]["title"].startswith("Syria"))
    assert [(a["text"][s["start"] : s["end"]], s["label"]) for s in a["spans"]] == EXPECTED_A
    assert a["meta"]["tags"] == ["verify"]
    assert sorted(a["meta"]["span_tags"]) == [
        "\u201cThe UN says\u201d: source check",
        "\u201cTuesday\u201d: gone",
    ]
    assert len(a["meta"]["notes"]) == 2
    again = json.loads(
        export(folder, "jsonl", tmp_path / "again.jsonl", "--article", a["meta"]["id"]).read_text()
    )
    assert (again["_input_hash"], again["_task_hash"]) == (a["_input_hash"], a["_task_hash"])


# -- doccano ---------------------------------------------------------------------------------


def test_doccano_lines_label_spans_and_carry_notes_as_comments(
    folder: Path, tmp_path: Path
) -> None:
    lines = export(folder, "doccano", tmp_path / "out.jsonl").read_text().splitlines()
    examples = {json.loads(line)["title"]: json.loads(line) for line in lines}
    a = examples["Syria opposition fails to convince Russia"]
    for example in examples.values():
        assert isinstance(example["text"], str) and isinstance(example["Comments"], list)
        for label in example["label"]:
            start, end, name = label
            assert isinstance(start, int) and isinstance(end, int) and isinstance(name, str)
            assert 0 <= start < end <= len(example["text"])
    labelled = {(a["text"][s:e], name) for s, e, name in a["label"]}
    assert ("Moscow", "LOC") in labelled and ("The UN says", "source check") in labelled
    assert not any(words == "Tuesday" for words, _ in labelled)  # rejected, and the tag an orphan
    assert "Check the death toll\nagainst the UN's own figure." in a["Comments"]
    assert examples["Kremlin pressed on Syrian stance"]["Comments"] == [
        "\u201cministry\u201d: Which ministry?"
    ]


# -- brat ------------------------------------------------------------------------------------


def read_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], dict]:
    spans, notes = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, middle, text = line.split("\t")
        if key.startswith("T"):
            kind, where = middle.split(" ", 1)
            pieces = [tuple(int(n) for n in piece.split()) for piece in where.split(";")]
            spans[key] = (kind, pieces, text)
        else:
            assert key.startswith("#") and middle.startswith("AnnotatorNotes T")
            notes[middle.split()[1]] = text
    return spans, notes


def test_brat_folder_has_text_and_standoff_that_agree(folder: Path, tmp_path: Path) -> None:
    out = export(folder, "brat", tmp_path / "brat")
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        ".presscut-export",  # what presscut wrote here: only that is replaced with --force
        "annotation.conf",
        "kremlin-pressed-on-syrian-stance.ann",
        "kremlin-pressed-on-syrian-stance.txt",
        "syria-opposition-fails-to-convince-russia.ann",
        "syria-opposition-fails-to-convince-russia.txt",
    ]
    conf = (out / "annotation.conf").read_text()
    for ann in out.glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans, notes = read_ann(ann)
        for kind, pieces, words in spans.values():
            assert " ".join(text[s:e] for s, e in pieces) == words
            assert all("\n" not in text[s:e] for s, e in pieces)
            assert re.fullmatch(r"[A-Za-z0-9_-]+", kind) and f"\n{kind}\n" in conf
        assert set(notes) <= set(spans)
    spans, notes = read_ann(out / "syria-opposition-fails-to-convince-russia.ann")
    found = {(kind, words) for kind, _, words in spans.values()}
    assert ("LOC", "Moscow") in found and ("source_check", "The UN says") in found
    note = next(key for key, (kind, _, _) in spans.items() if kind == "Note")
    assert len(spans[note][1]) == 2  # the note across a paragraph break is two fragments
    assert notes[note] == "=a cell a spreadsheet would run"
    article = next(key for key, (kind, _, _) in spans.items() if kind == "Article")
    assert notes[article] == "tags: verify | Check the death toll against the UN's own figure."


def test_brat_file_names_are_safe_and_distinct() -> None:
    from store.formats.brat import export_brat

    titles = ["Syria: what's next?", "Syria: what's next?", "../../etc/passwd", "CON", "Ελλάδα"]
    files = export_brat(
        {"articles": [{"title": t, "text": "x", "tags": [], "entities": [], "annotations": []}
                      for t in titles]}
    )  # fmt: skip
    assert sorted(files) == sorted(
        [f"{name}.{ext}" for name in ("syria-what-s-next", "syria-what-s-next-2", "etc-passwd",
                                      "con-article", "article") for ext in ("txt", "ann")]
        + ["annotation.conf"]
    )  # fmt: skip


# -- w3c -------------------------------------------------------------------------------------


def test_w3c_is_a_web_annotation_collection(folder: Path, tmp_path: Path) -> None:
    collection = json.loads(export(folder, "w3c", tmp_path / "out.jsonld").read_text())
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["id"]
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["id"] and page["partOf"] == collection["id"]
    items = page["items"]
    assert collection["total"] == len(items) == 6  # the tags and notes; corrections are not
    for item in items:
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation" and item["id"].startswith("urn:presscut:annotation:")
        body = item["body"]
        assert body["type"] == "TextualBody" and body["value"]
        assert body["purpose"] == item["motivation"] in ("tagging", "commenting")
        assert item["target"]["source"].startswith("urn:presscut:article:")
    tagged = next(i for i in items if i["body"]["value"] == "source check")
    quote, position = tagged["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "The UN says"
    assert position["type"] == "TextPositionSelector"
    assert TEXT_A[position["start"] : position["end"]] == "The UN says"
    assert TEXT_A[: position["start"]].endswith(quote["prefix"])
    assert TEXT_A[position["end"] :].startswith(quote["suffix"])
    orphan = next(i for i in items if i["body"]["value"] == "gone")
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]
    whole = next(i for i in items if i["body"]["value"] == "verify")
    assert "selector" not in whole["target"]


# -- spacy -----------------------------------------------------------------------------------


def test_spacy_docbin_reads_back_with_the_corrected_entities(folder: Path, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    data = export(folder, "spacy", tmp_path / "train.spacy").read_bytes()
    docs = list(DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab))
    assert len(docs) == 2
    a = next(doc for doc in docs if doc.text == TEXT_A)
    assert [(ent.text, ent.label_) for ent in a.ents] == EXPECTED_A
    assert a.user_data["presscut_id"]
    assert all(token.ent_iob_ in ("B", "I", "O") for token in a)  # every token is annotated


# -- csv -------------------------------------------------------------------------------------


def test_csv_has_a_row_per_annotation_and_quotation(folder: Path, tmp_path: Path) -> None:
    raw = export(folder, "csv", tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert sum(row["row"] == "quote" for row in rows) == 2
    assert sum(row["row"] != "quote" for row in rows) == 10
    note = next(row for row in rows if row["note"].startswith("Check"))
    assert (
        note["note"] == "Check the death toll\nagainst the UN's own figure." and not note["start"]
    )
    formula = next(row for row in rows if "spreadsheet" in row["note"])
    assert formula["note"] == "'=a cell a spreadsheet would run"
    quote = next(row for row in rows if row["row"] == "quote")
    assert TEXT_A[int(quote["start"]) : int(quote["end"])] == quote["text"]
    assert quote["speaker"] == "Burhan Ghalioun" and quote["kind"] == "direct"


# -- where exports go ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "doccano", "w3c", "csv"])
def test_text_formats_go_to_stdout_without_a_path(
    fmt: str, folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["--library", str(folder), "export", "--format", fmt, "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.endswith(b"\n")


def test_brat_needs_a_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(folder), "export", "--format", "brat"]) == 1
    assert capsys.readouterr().err == "presscut: --format brat writes a folder: name it with -o\n"


@pytest.mark.parametrize(("fmt", "name"), [("csv", "out.csv"), ("brat", "out")])
def test_an_existing_path_is_refused_without_force(
    fmt: str, name: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / name
    export(folder, fmt, out)
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    marker = out / "annotation.conf" if out.is_dir() else out  # a file presscut wrote
    marker.write_text("mine")
    argv = ["--library", str(folder), "export", "--format", fmt, "-o", str(out)]
    assert main(argv) == 1
    assert capsys.readouterr().err.count("\n") == 1 and marker.read_text() == "mine"
    assert main([*argv, "--force"]) == 0
    assert not marker.exists() or marker.read_text() != "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary left behind


def test_force_never_replaces_a_folder_of_other_files(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "documents"
    (precious / "sub").mkdir(parents=True)
    argv = ["--library", str(folder), "export", "--format", "brat", "-o", str(precious), "--force"]
    assert main(argv) == 1 and (precious / "sub").is_dir()
    assert "presscut did not write" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["json", "brat"])
def test_a_missing_folder_gets_one_clear_line(
    fmt: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "out"
    assert main(["--library", str(folder), "export", "--format", fmt, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"presscut: {out}: the folder {out.parent} does not exist\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_gets_one_clear_line(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    out = locked / "out.csv"
    assert main(["--library", str(folder), "export", "--format", "csv", "-o", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"presscut: {out}: cannot write the export")


@pytest.mark.parametrize(("fmt", "name", "module"), [
    ("csv", "out.csv", "store.atomic"), ("brat", "out", "store.formats.folder"),
])  # fmt: skip
def test_a_failed_write_leaves_the_old_export_whole(
    fmt: str, name: str, module: str, folder: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = export(folder, fmt, tmp_path / name)
    snapshot = {p.name: p.read_bytes() for p in (out.iterdir() if out.is_dir() else [out])}
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(f"{module}.os.{'replace' if out.is_file() else 'rename'}", full_disk)
    argv = ["--library", str(folder), "export", "--format", fmt, "-o", str(out), "--force"]
    assert main(argv) == 1
    assert capsys.readouterr().err.startswith(f"presscut: {out}: cannot write the export")
    assert {p.name: p.read_bytes() for p in (out.iterdir() if out.is_dir() else [out])} == snapshot
    assert sorted(p.name for p in tmp_path.iterdir()) == before
