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
from store.anchoring import make_target
from store.library import Library
from store.validation import SCHEMA_PATH
from tests.annotated_library import annotate
from tests.app_library import TEXT_A
from tests.homs_library import TEXT as HOMS_TEXT
from tests.homs_library import fill as fill_homs

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
    entities = [s for s in a["spans"] if s["label"] != "QUOTE"]
    assert [(a["text"][s["start"] : s["end"]], s["label"]) for s in entities] == EXPECTED_A
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
    """The ``T`` spans and ``#`` notes of a .ann file (`read_links` reads the rest)."""
    spans, notes = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[0] in "RA":
            continue
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
    from store.formats.brat import brat_files

    titles = ["Syria: what's next?", "Syria: what's next?", "../../etc/passwd", "CON", "Ελλάδα"]
    files = dict(brat_files(
        [{"title": t, "text": "x", "tags": [], "entities": [], "quotes": [], "annotations": []}
         for t in titles]
    ))  # fmt: skip
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
    assert collection["total"] == len(items) == 8  # the tags, notes and quotations
    items = [i for i in items if i["motivation"] != "classifying"]  # the tags and notes
    assert len(items) == 6  # corrections are not annotations of their own
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


# -- quotations and their speakers, as corrected, in every format ----------------------------


@pytest.fixture
def corrected(tmp_path: Path) -> Path:
    """The Homs article with Homs relabelled a place, Rami Haddad's quotation rejected and the
    Red Crescent's words given to him: one quotation left, its speaker named as "Mr Haddad"."""
    folder = tmp_path / "homs"
    with Library(folder) as library:
        key = fill_homs(library)
        quotes = library.body(key)["analysis"]["quotes"]
        for start, end, fields in (
            (0, 4, {"action": "relabel", "label": "GPE"}),
            (quotes[0]["start"], quotes[0]["end"], {"action": "reject_quote"}),
            (quotes[1]["start"], quotes[1]["end"],
             {"action": "set_speaker", "speaker": "Rami Haddad", "group": "gHaddad"}),
        ):  # fmt: skip
            library.add_annotation(key, "correction", origin="correction",
                                   target=make_target(HOMS_TEXT, start, end), **fields)  # fmt: skip
    return folder


def test_json_carries_the_corrected_quotations_groups_and_speakers(
    corrected: Path, tmp_path: Path
) -> None:
    (article,) = json.loads(export(corrected, "json", tmp_path / "out.json").read_text())[
        "articles"
    ]
    (quote,) = article["quotes"]
    assert (quote["speaker"], quote["group"], quote["speaker_text"]) == (
        "Rami Haddad", "gHaddad", "Mr Haddad"
    )  # fmt: skip
    text = article["text"]
    assert text[quote["speaker_start"] : quote["speaker_end"]] == "Mr Haddad"
    homs = next(g for g in article["groups"] if g["name"] == "Homs")
    assert homs["label"] == "GPE" and homs["count"] == 2
    assert [e["label"] for e in article["entities"] if e["text"] == "Homs"] == ["GPE", "GPE"]


def test_json_brings_the_corrections_back_on_import(corrected: Path, tmp_path: Path) -> None:
    first = json.loads(export(corrected, "json", tmp_path / "first.json").read_text())
    again = tmp_path / "again"
    assert main(["--library", str(again), "import", str(tmp_path / "first.json")]) == 0
    second = json.loads(export(again, "json", tmp_path / "second.json").read_text())
    for name in ("entities", "groups", "quotes", "annotations"):
        assert second["articles"][0][name] == first["articles"][0][name], name


def test_jsonl_has_each_quotation_as_a_span_with_its_speaker(
    corrected: Path, tmp_path: Path
) -> None:
    (task,) = [json.loads(line) for line in
               export(corrected, "jsonl", tmp_path / "out.jsonl").read_text().splitlines()]
    (quote,) = [s for s in task["spans"] if s["label"] == "QUOTE"]
    assert quote["text"] == "it could not reach the wounded"
    assert task["tokens"][quote["token_start"]]["start"] == quote["start"]
    assert task["tokens"][quote["token_end"]]["end"] == quote["end"]
    meta = quote["meta"]
    assert (meta["speaker"], meta["kind"], meta["cue"]) == ("Rami Haddad", "indirect", "say")
    assert task["text"][meta["speaker_start"] : meta["speaker_end"]] == "Mr Haddad"
    assert [s["label"] for s in task["spans"] if s["text"] == "Homs"] == ["GPE", "GPE"]


def test_doccano_labels_quotations_and_names_their_speakers(
    corrected: Path, tmp_path: Path
) -> None:
    (example,) = [json.loads(line) for line in
                  export(corrected, "doccano", tmp_path / "out.jsonl").read_text().splitlines()]
    text = example["text"]
    assert [text[s:e] for s, e, label in example["label"] if label == "QUOTE"] == [
        "it could not reach the wounded"
    ]
    (quote,) = example["quotes"]
    assert text[quote["start"] : quote["end"]] == "it could not reach the wounded"
    assert quote["speaker"] == "Rami Haddad" and quote["kind"] == "indirect"
    assert text[quote["speaker_start"] : quote["speaker_end"]] == "Mr Haddad"
    assert {text[s:e]: label for s, e, label in example["label"]}["Homs"] == "GPE"


def read_links(path: Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The ``R`` relations (type, Arg1, Arg2) and ``A`` attributes (name, span, value)."""
    relations, attributes = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, rest = line.partition("\t")
        if key.startswith("R"):
            kind, first, second = rest.split(" ")
            relations.append((kind, first.removeprefix("Arg1:"), second.removeprefix("Arg2:")))
        elif key.startswith("A"):
            attributes.append(tuple(rest.split(" ")))
    return relations, attributes


def test_brat_links_each_quotation_to_its_speaker(corrected: Path, tmp_path: Path) -> None:
    out = export(corrected, "brat", tmp_path / "brat")
    ann = out / "shelling-of-homs-goes-on.ann"
    spans, notes = read_ann(ann)
    relations, attributes = read_links(ann)
    (quote,) = [key for key, (kind, _, _) in spans.items() if kind == "Quote"]
    assert spans[quote][2] == "it could not reach the wounded"
    assert notes[quote] == "said by Rami Haddad (say)"
    assert attributes == [("Kind", quote, "indirect")]
    ((kind, first, second),) = relations
    assert (kind, first) == ("Speaker", quote)
    assert spans[second][0::2] == ("PERSON", "Mr Haddad")  # the entity span itself
    assert [kind for kind, _, words in spans.values() if words == "Homs"] == ["GPE", "GPE"]
    conf = (out / "annotation.conf").read_text()
    assert "\nSpeaker\tArg1:Quote, Arg2:<ENTITY>\n" in conf
    assert "\nKind\tArg:Quote, Value:direct|indirect\n" in conf and "\nQuote\n" in conf


def test_brat_gives_speaker_words_that_are_no_entity_a_span_of_their_own(
    folder: Path, tmp_path: Path
) -> None:
    out = export(folder, "brat", tmp_path / "brat")
    ann = out / "syria-opposition-fails-to-convince-russia.ann"
    spans, _ = read_ann(ann)
    relations, _ = read_links(ann)
    speakers = sorted(spans[second][0::2] for _, _, second in relations)
    assert speakers == [("PERSON", "Burhan Ghalioun"), ("Speaker_words", "The UN")]
    assert "\nSpeaker_words\n" in (out / "annotation.conf").read_text()


def test_w3c_has_each_quotation_with_its_speaker(corrected: Path, tmp_path: Path) -> None:
    collection = json.loads(export(corrected, "w3c", tmp_path / "out.jsonld").read_text())
    (quote,) = [i for i in collection["first"]["items"] if i["motivation"] == "classifying"]
    quoted, position = quote["target"]["selector"]
    assert quoted["exact"] == "it could not reach the wounded"
    assert HOMS_TEXT[position["start"] : position["end"]] == quoted["exact"]
    classified, described, speaker = quote["body"]
    assert classified == {"type": "TextualBody", "purpose": "classifying",
                          "value": "indirect quotation", "format": "text/plain"}  # fmt: skip
    assert described["purpose"] == "describing" and described["value"] == "said by Rami Haddad"
    assert speaker["type"] == "SpecificResource" and speaker["purpose"] == "identifying"
    where = next(s for s in speaker["selector"] if s["type"] == "TextPositionSelector")
    assert HOMS_TEXT[where["start"] : where["end"]] == "Mr Haddad"
    assert speaker["source"] == quote["target"]["source"]


def test_csv_has_the_corrected_quotation_and_speaker(corrected: Path, tmp_path: Path) -> None:
    raw = export(corrected, "csv", tmp_path / "out.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    (quote,) = [row for row in rows if row["row"] == "quote"]
    assert (quote["text"], quote["speaker"]) == ("it could not reach the wounded", "Rami Haddad")
