"""One damaged article never takes the library down: shown and exported as damaged, named by
`presscut check`, set aside by `presscut check --recover`.

Damage is done on disk to a real library the way it happens (a text file lost or cut short) or
the way an older presscut let it in (a row whose title is a number, offsets far beyond the
text), then the app, the exports and the check are run as a person would run them.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from cli.main import main
from store.layout import QUARANTINE_NAME, body_path
from store.library import ANNOTATIONS, ARTICLES, Library
from tests.annotated_library import spoil
from tui.app import PresscutApp
from tui.widgets.article_text import ArticleText

DAMAGES = {
    "missing": lambda path: path.unlink(),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:40]),
}


def run(folder: Path, *argv: str) -> int:
    return main(["--library", str(folder), *argv])


def annotation_count(folder: Path) -> int:
    with Library(folder, read_only=True) as library:
        return len(library.annotations())


@pytest.mark.parametrize("damage", DAMAGES)
async def test_the_app_shows_a_damaged_first_article_and_reads_the_others(
    annotated: tuple[Path, str, str], damage: str
) -> None:
    folder, a, b = annotated
    DAMAGES[damage](body_path(folder, a))
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            reader = app.screen.query_one(ArticleText)
            assert reader.text == ""
            assert "cannot be read" in reader.placeholder
            assert "presscut check --recover" in reader.placeholder
            await pilot.press("j")
            await pilot.pause()
            assert app.screen.article.row["id"] == b and reader.text
            await pilot.press("k")
            await pilot.pause()
            assert app.screen.article is None and "cannot be read" in reader.placeholder
            for key in ("enter", "t", "escape", "n", "escape", "]", "o", "u"):
                await pilot.press(key)
            await pilot.pause()
        assert app.return_code in (None, 0)


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("fmt", ["json", "brat", "csv", "spacy"])
def test_an_export_of_everything_leaves_out_the_damaged_article_with_a_warning(
    annotated: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    damage: str, fmt: str,
) -> None:
    folder, a, b = annotated
    DAMAGES[damage](body_path(folder, a))
    out = tmp_path / f"out.{fmt}"
    assert run(folder, "export", "--format", fmt, "-o", str(out)) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and a in warnings[0] and "skipped" in warnings[0]
    assert out.exists()
    if fmt == "json":
        assert [article["id"] for article in json.loads(out.read_text())["articles"]] == [b]


@pytest.mark.parametrize("damage", DAMAGES)
def test_check_names_a_damaged_text_and_recover_sets_its_article_aside(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    folder, a, b = annotated
    with Library(folder, read_only=True) as library:
        notes_of_a = len(library.annotations(a))
        title_b = library.article(b)["title"]
    DAMAGES[damage](body_path(folder, a))
    assert run(folder, "check") == 1
    report = capsys.readouterr().out
    assert f"problem: {body_path(folder, a)}" in report
    assert run(folder, "check", "--recover") == 0
    report = capsys.readouterr().out
    assert "set aside" in report and "problem" not in report
    kept = next((folder / QUARANTINE_NAME).glob(f"{a}-*[0-9].json"))
    assert len(orjson.loads(kept.read_bytes())["annotations"]) == notes_of_a
    assert run(folder, "list") == 0
    assert capsys.readouterr().out.count("\n") == 1 and title_b
    assert run(folder, "export", "--format", "brat", "-o", str(folder.parent / "brat")) == 0


def _spoil_body(folder: Path, key: str) -> None:
    path = body_path(folder, key)
    body = orjson.loads(path.read_bytes())
    body["analysis"]["entities"][0]["end"] = 10**30
    path.write_text(json.dumps(body))  # orjson writes no integer this large


SPOILS = {
    "title a number": lambda folder, a: spoil(folder, ARTICLES, a, {"title": 1234}),
    "date not a date": lambda folder, a: spoil(folder, ARTICLES, a, {"updated": ["x"]}),
    "offset beyond the text": _spoil_body,
}


@pytest.mark.parametrize("spoil", SPOILS)
def test_check_finds_a_bad_value_and_recover_mends_the_library(
    annotated: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    spoil: str,
) -> None:
    folder, a, b = annotated
    SPOILS[spoil](folder, a)
    assert run(folder, "check") == 1
    assert f"article {a}" in capsys.readouterr().out
    assert run(folder, "check", "--recover") == 0
    assert "set aside" in capsys.readouterr().out
    for argv in (["list"], ["who"], ["export", "--format", "spacy", "-o", str(tmp_path / "x")],
                 ["export", "--format", "brat", "-o", str(tmp_path / "b")], ["check"]):
        assert run(folder, *argv) == 0, argv


def test_an_annotation_beyond_its_text_is_found(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, a, b = annotated
    with Library(folder, read_only=True) as library:
        placed = next(n for n in library.annotations(b) if n.get("target"))
    target = {**placed["target"], "start": 10**12, "end": 10**12 + 1}
    spoil(folder, ANNOTATIONS, placed["id"], {"target": target})
    assert run(folder, "check") == 1
    assert f"annotation {placed['id']!r}" in capsys.readouterr().out


def test_the_spacy_export_leaves_out_a_span_beyond_its_text() -> None:
    import io

    from nlp.docbin import write_docbin

    article = {"id": "0123456789", "text": "Anna Lind spoke.", "entities": [
        {"start": 0, "end": 9, "label": "PERSON"}, {"start": 10**30, "end": 10**30 + 4,
                                                   "label": "ORG"}]}
    out = io.BytesIO()
    write_docbin([article], out)
    assert out.getvalue()


def test_a_row_whose_id_is_a_path_is_damaged_and_names_no_file(tmp_path: Path) -> None:
    """A row an older presscut let in, with an id that is a path: read as damaged, set aside."""
    from store.errors import DamagedArticle
    from store.recover import recover

    folder = tmp_path / "library"
    victim = tmp_path / "victim.json"
    victim.write_text("{}")
    with Library(folder) as library:
        fill_row = {"id": "../../victim", "origin": "/x.txt", "title": "X"}
        library._commit(ARTICLES, fill_row["id"], fill_row)
        with pytest.raises(DamagedArticle, match="check --recover"):
            library.body(fill_row["id"])
    assert any("set aside" in line for line in recover(folder))
    assert victim.read_text() == "{}"
    with Library(folder, read_only=True) as library:
        assert library.articles() == []
