"""The command line end to end: real files, the real model, a real library in tmp_path."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from store.library import Library
from tests.conftest import EVAL_SCRIPT, SAMPLES, SEED_GOLD

BOILERPLATE_LINES = [
    "Advertisement",
    "Middle East",
    "Latest Headlines",
    "License Photo",
    "UPI/ Ahmed Ahmed",
    "Image caption",
    "Photo: 15 November 2011",
    "Your contact details",
    "using the form below",
    "Terms and conditions",
    "The BBC's Privacy Policy",
    "Related Internet links",
    "The BBC is not responsible",
    "Syrian protestors burn pictures",
]


def by_title(export: dict) -> dict[str, dict]:
    return {article["title"]: article for article in export["articles"]}


def test_the_samples_import_with_titles_and_without_boilerplate(sample_export: dict) -> None:
    articles = by_title(sample_export)
    assert set(articles) == {
        "Kremlin pressed on Syrian stance",
        "Syria opposition fails to convince Russia over Assad",
    }
    upi = articles["Kremlin pressed on Syrian stance"]
    assert upi["source"] == "UPI" and upi["published"] == "2011-11-15"
    assert upi["dateline"].startswith("MOSCOW, Nov. 15 (UPI)")
    assert articles["Syria opposition fails to convince Russia over Assad"]["source"] == "BBC"
    for article in articles.values():
        for line in BOILERPLATE_LINES:
            assert line not in article["text"], (article["title"], line)
    assert (
        "The ministers also approved the freezing of loans"
        in articles["Syria opposition fails to convince Russia over Assad"]["text"]
    )


def test_entities_are_found_and_trimmed(sample_export: dict) -> None:
    for article in sample_export["articles"]:
        for entity in article["entities"]:
            text = article["text"][entity["start"] : entity["end"]]
            assert text == entity["text"] == text.strip() and "\n" not in text
    people = {
        article["text"][e["start"] : e["end"]]
        for article in sample_export["articles"]
        for e in article["entities"]
        if e["label"] == "PERSON"
    }
    assert "Burhan Ghalioun" in people


def test_the_export_scores_against_the_seed_gold(sample_export: dict) -> None:
    if not EVAL_SCRIPT.exists():
        pytest.skip(f"{EVAL_SCRIPT} is not beside this checkout")
    spec = importlib.util.spec_from_file_location("shared_eval_quotes", EVAL_SCRIPT)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    result = scorer.score(json.loads(SEED_GOLD.read_text()), sample_export, None)
    assert not result["missing_articles"]
    assert result["direct"]["f1"] >= 0.95 and result["indirect"]["f1"] >= 0.85
    assert result["direct"]["speaker_accuracy"] >= 0.9
    assert result["indirect"]["speaker_accuracy"] >= 0.9


def test_the_export_holds_the_contract_fields(sample_export: dict) -> None:
    assert sample_export["format"] == "presscut/1"
    article = sample_export["articles"][0]
    for key in (
        "id",
        "path",
        "title",
        "source",
        "published",
        "text",
        "tags",
        "notes",
        "entities",
        "quotes",
        "annotations",
    ):
        assert key in article
    quote = article["quotes"][0]
    for key in ("start", "end", "kind", "speaker", "speaker_text", "cue", "partial"):
        assert key in quote


def test_importing_again_changes_nothing(sample_export: dict, capsys) -> None:
    library = sample_export["library"]
    snapshot_before = (library / "library.json").read_bytes()
    paths = [a["path"] for a in sample_export["articles"]]
    assert main(["--library", str(library), "import", *paths]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().err
    assert (library / "library.json").read_bytes() == snapshot_before


def test_bad_files_are_named_and_the_rest_still_import(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (folder / "latin1.txt").write_bytes("Le café est fermé à Paris. ".encode("latin-1") * 20)
    (folder / "good.txt").write_text(
        (SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt").read_text()
    )
    status = main(["--library", str(tmp_path / "lib"), "import", str(folder)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    for name, why in (("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8")):
        (line,) = [line for line in err if line.startswith(str(folder / name))]
        assert why in line
    assert "1 added" in err[-1]
    with Library(tmp_path / "lib", read_only=True) as library:
        assert [row["title"] for row in library.articles()] == ["Kremlin pressed on Syrian stance"]


def test_export_refuses_to_overwrite_without_force(sample_export: dict, tmp_path: Path, capsys):
    library = str(sample_export["library"])
    target = tmp_path / "out.json"
    target.write_text("keep me")
    assert main(["--library", library, "export", "-o", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    assert main(["--library", library, "export", "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text())["format"] == "presscut/1"
    assert main(["--library", library, "export", "-o", str(tmp_path / "no" / "x.json")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_list_prints_one_article_a_line(sample_export: dict, capsys) -> None:
    assert main(["--library", str(sample_export["library"]), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(len(line.split()[0]) == 10 for line in lines)


def test_annotate_and_tags_from_the_shell(tmp_path: Path, capsys) -> None:
    library = str(tmp_path / "lib")
    sample = SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt"
    assert main(["--library", library, "import", str(sample)]) == 0
    args = ["--library", library, "annotate", str(sample)]
    assert main([*args, "--quote", "peacekeepers", "--tag", "verify", "--tag", "un"]) == 0
    assert main([*args, "--note", "Compare with the BBC"]) == 0
    assert main([*args, "--quote", "not in the text", "--tag", "x"]) == 1
    capsys.readouterr()
    assert main(["--library", library, "tags"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == ["     1  un", "     1  verify"]
    with Library(tmp_path / "lib", read_only=True) as opened:
        kinds = sorted((a["kind"], a.get("tag")) for a in opened.annotations())
        assert kinds == [("note", None), ("tag", "un"), ("tag", "verify")]
        (tagged,) = [a for a in opened.annotations() if a.get("tag") == "verify"]
        assert tagged["target"]["exact"] == "peacekeepers"


def test_a_changed_file_updates_its_article_and_replaces_annotations(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    original = (SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt").read_text()
    source.write_text(original)
    library = str(tmp_path / "lib")
    assert main(["--library", library, "import", str(source)]) == 0
    args = ["--library", library, "annotate", str(source)]
    assert main([*args, "--quote", "U.N. peacekeepers", "--tag", "moved"]) == 0
    assert main([*args, "--quote", "pelted with eggs", "--tag", "deleted"]) == 0
    edited = original.replace("MOSCOW, Nov. 15 (UPI) --", "MOSCOW, Nov. 15 (UPI) -- Updated.")
    edited = edited.replace(
        "Members of the Syrian opposition were pelted with eggs last week in Cairo. ", ""
    )
    source.write_text(edited)
    assert main(["--library", library, "import", str(source)]) == 0
    with Library(tmp_path / "lib", read_only=True) as opened:
        (article,) = opened.articles()
        text = opened.body(article["id"])["text"]
        notes = {a["tag"]: a for a in opened.annotations()}
    moved = notes["moved"]["target"]
    assert (
        text[moved["start"] : moved["end"]] == "U.N. peacekeepers" and not notes["moved"]["orphan"]
    )
    assert notes["deleted"]["orphan"] is True  # kept for review, never dropped


def test_every_command_has_help() -> None:
    for command in ([], ["open"], ["import"], ["list"], ["export"], ["annotate"], ["tags"]):
        result = subprocess.run(
            [sys.executable, "-m", "cli.main", *command, "--help"], capture_output=True, text=True
        )
        assert result.returncode == 0 and "usage: presscut" in result.stdout


def test_an_import_reports_its_progress(tmp_path: Path) -> None:
    from services.importer import import_paths

    seen = []
    with Library(tmp_path / "lib") as library:
        report = import_paths(library, [SAMPLES], seen.append)
    assert len(report.added) == 2
    total = sum(len(library.body(row["id"])["text"]) for row in library.articles())
    assert seen[0].done == 0 and seen[-1].done == total
    assert all(step.total == total and step.files == 2 for step in seen)
    assert [step.done for step in seen] == sorted(step.done for step in seen)
    assert {step.file for step in seen} == {1, 2}


def test_a_correction_survives_a_new_analysis(tmp_path: Path) -> None:
    from store.anchoring import make_target
    from tui.reading import OpenArticle

    source = tmp_path / "story.txt"
    original = (SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt").read_text()
    source.write_text(original)
    folder = tmp_path / "lib"
    assert main(["--library", str(folder), "import", str(source)]) == 0
    with Library(folder) as library:
        (row,) = library.articles()
        body = library.body(row["id"])
        beijing = next(e for e in body["analysis"]["entities"] if e["text"] == "Beijing")
        library.add_annotation(
            row["id"],
            "correction",
            origin="correction",
            action="relabel",
            label="ORG",
            target=make_target(body["text"], beijing["start"], beijing["end"]),
        )
    source.write_text(original.replace("MOSCOW, Nov. 15 (UPI) --", "MOSCOW, Nov. 15 (UPI) -- NEW:"))
    assert main(["--library", str(folder), "import", str(source)]) == 0
    with Library(folder, read_only=True) as library:
        (row,) = library.articles()
        article = OpenArticle(row, library.body(row["id"]), library.annotations(row["id"]))
        (beijing,) = [e for e in article.analysis["entities"] if e["text"] == "Beijing"]
        assert beijing["label"] == "ORG" and beijing["origin"] == "correction"
        assert article.text[beijing["start"] : beijing["end"]] == "Beijing"


def test_output_cut_short_by_a_pipe_is_no_error(sample_export: dict) -> None:
    import subprocess
    import sys

    command = f'"{sys.executable}" -m cli.main --library "{sample_export["library"]}" who | true'
    done = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
    assert done.stderr == ""
