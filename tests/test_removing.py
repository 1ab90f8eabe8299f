"""Removing an article and bringing it back: the store, the command line and the app's key."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cli.main import main
from store.catalogue_cache import read_catalogue
from store.check import check_library
from store.errors import StoreError
from store.layout import BODIES_NAME, REMOVED_NAME
from store.library import Library
from store.people_cache import CACHE_NAME as PEOPLE_CACHE
from store.people_index import PeopleIndex
from store.related import related
from store.removals import find_removal, removals, remove_article, restore_removal
from store.word_index import CACHE_NAME as WORDS_CACHE
from store.word_index import WordIndex
from tests.app_library import fill
from tui.app import PresscutApp
from tui.screens.confirm import Confirm
from tui.screens.help import help_rows
from tui.widgets.article_table import ArticleTable


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "library"


def annotate(library: Library, key: str) -> list[dict]:
    return [
        library.add_annotation(key, "tag", tag="verify"),
        library.add_annotation(key, "note", note="ask the ministry"),
    ]


def by_id(annotation: dict) -> str:
    return annotation["id"]


def state(folder: Path) -> tuple[dict[str, dict], list[dict]]:
    """What another process reads: the articles by id and every annotation."""
    with Library(folder, read_only=True) as reader:
        return {row["id"]: row for row in reader.articles()}, reader.annotations()


# -- the store ---------------------------------------------------------------------------


def test_a_removed_article_goes_with_its_annotations_and_comes_back_after_a_restart(
    folder: Path,
) -> None:
    with Library(folder) as library:
        a, b = fill(library)
        made = annotate(library, b)
        kept = library.add_annotation(a, "tag", tag="other")
        body = library.body(b)
        row = library.article(b)
        removal = remove_article(library, b)
        assert not library.has_article(b) and library.annotations(b) == []
        assert not (folder / BODIES_NAME / f"{b}.json").exists()
    articles, annotations = state(folder)
    assert set(articles) == {a} and annotations == [kept]
    record = orjson.loads(removal.path.read_bytes())
    assert removal.path.parent == folder / REMOVED_NAME
    assert record["article"] == row and record["body"] == body
    assert sorted(record["annotations"], key=by_id) == sorted(made, key=by_id)

    with Library(folder) as reopened:  # a restart between the removal and the restore
        restore_removal(reopened, find_removal(folder, b))
        assert reopened.body(b) == body
    articles, annotations = state(folder)
    assert articles[b] == row
    assert sorted(annotations, key=by_id) == sorted([*made, kept], key=by_id)
    assert not removal.path.exists() and removals(folder) == ([], [])


def test_check_lists_removals_and_a_removal_cut_short(folder: Path, monkeypatch) -> None:
    with Library(folder) as library:
        a, b = fill(library)
        annotate(library, a)
        annotate(library, b)
        done = remove_article(library, a)

        def crash(key: str) -> None:
            raise OSError("power cut")

        monkeypatch.setattr(library, "delete_article", crash)
        with pytest.raises(OSError):
            remove_article(library, b)
        assert library.annotations(b) == []  # the annotations went, the article did not
        monkeypatch.undo()
        lines = [finding.text for finding in check_library(folder)]
        (short,) = [r for r in removals(folder)[0] if r.article_id == b]
        assert any(done.id in line and "brings it back" in line for line in lines)
        assert any(short.id in line and "cut short" in line for line in lines)
        restore_removal(library, short)  # finishes nothing, loses nothing: all back
        assert len(library.annotations(b)) == 2


def test_a_damaged_removal_record_is_a_problem_check_names(folder: Path) -> None:
    with Library(folder) as library:
        fill(library)
    (folder / REMOVED_NAME).mkdir()
    (folder / REMOVED_NAME / "0bad0bad.json").write_bytes(b'{"id": "0bad')
    problems = [f.text for f in check_library(folder) if f.problem]
    assert problems == [f"{folder / REMOVED_NAME / '0bad0bad.json'}: damaged removal record; "
                        "it was left untouched"]


def test_restoring_over_an_article_imported_again_is_refused(folder: Path) -> None:
    with Library(folder) as library:
        _, b = fill(library)
        removal = remove_article(library, b)
        library.save_article(removal.article["origin"], "a new hash", removal.article,
                             removal.body)
        with pytest.raises(StoreError, match="imported again since its removal"):
            restore_removal(library, removal)
        assert removal.path.exists()


def test_derived_data_forget_a_removed_article_and_learn_a_restored_one(folder: Path) -> None:
    with Library(folder) as library:
        a, b = fill(library)
        twin = dict(library.article(b), id="7777700000", origin="/news/twin.txt")
        library.put_article(twin, library.body(b))  # shares Kremlin and Turkey with b
        words = WordIndex(folder)
        words.refresh(library, library.articles(), save=True)
        index = PeopleIndex(library)
        index.refresh()
        assert [r.row["id"] for r in related(index, "7777700000")] == [b]

        removal = remove_article(library, b)
        people = [path for path in (folder / PEOPLE_CACHE).rglob("*") if path.is_file()]
        assert people and not any(b.encode() in path.read_bytes() for path in people)
        index.refresh()
        assert b not in index.article_ids()
        assert related(index, "7777700000") == []
        assert b not in orjson.loads((folder / WORDS_CACHE).read_bytes())["entries"]

        restore_removal(library, removal)
        index.refresh()
        assert b in index.article_ids()
        assert [r.row["id"] for r in related(index, "7777700000")] == [b]
        fresh = WordIndex(folder)
        assert [row["id"] for row in fresh.missing(library.articles()) if row["id"] == b] == [b]
        remove_article(library, b)
    cached = read_catalogue(folder)
    assert cached is not None and b not in {row["id"] for row in cached.rows()}


# -- the command line --------------------------------------------------------------------


def test_remove_and_restore_on_the_command_line(folder: Path, capsys) -> None:
    with Library(folder) as library:
        a, b = fill(library)
        annotate(library, b)
    lib = ["--library", str(folder)]
    assert main([*lib, "remove", b, "/news/a.txt"]) == 0
    out = capsys.readouterr().out
    assert f"removed {b}  'Kremlin pressed on Syrian stance' with 2 annotations" in out
    assert state(folder)[0] == {}

    assert main([*lib, "restore", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and a in listed[0] and b in listed[1]  # the latest first
    assert main([*lib, "check"]) == 0
    assert capsys.readouterr().out.count("brings it back") == 2

    assert main([*lib, "restore"]) == 0  # the one removed last
    assert "restored " + a in capsys.readouterr().out
    assert main([*lib, "restore", b[:4]]) == 0
    articles, annotations = state(folder)
    assert set(articles) == {a, b} and len(annotations) == 2
    assert main([*lib, "restore"]) == 1
    assert "no removed articles" in capsys.readouterr().err


def test_remove_says_which_article_it_cannot_find_and_removes_the_others(
    folder: Path, capsys
) -> None:
    with Library(folder) as library:
        a, _ = fill(library)
    assert main(["--library", str(folder), "remove", "nope", a]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "presscut: no article with id 'nope'; `presscut list` shows the ids"
    )
    assert a not in state(folder)[0]


@pytest.mark.parametrize("command", ["remove", "restore"])
def test_the_new_commands_have_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "removal record" in capsys.readouterr().out or command == "restore"


# -- the app -----------------------------------------------------------------------------


async def test_d_removes_after_a_confirmation_and_u_brings_it_back(folder: Path) -> None:
    library = Library(folder)
    a, b = fill(library)
    annotate(library, a)
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ArticleTable)
        assert table.current_id() == a
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Syria opposition fails to convince Russia" in app.screen.question
        assert "its 2 annotations" in app.screen.question
        await pilot.press("n")  # kept
        await pilot.pause()
        assert set(state(folder)[0]) == {a, b}

        await pilot.press("d", "y")
        await pilot.pause()
        articles, annotations = state(folder)
        assert set(articles) == {b} and annotations == []
        assert [row["id"] for row in app.screen.view.rows] == [b]
        assert app.screen.article is not None and app.screen.article.row["id"] == b

        await pilot.press("u")
        await pilot.pause()
        articles, annotations = state(folder)
        assert set(articles) == {a, b} and len(annotations) == 2
        assert table.current_id() == a and app.screen.article.row["id"] == a

        await pilot.press("ctrl+r", "d", "y")  # redo removes a; then b goes too
        await pilot.pause()
        assert state(folder)[0] == {}
        assert app.screen.article is None and app.screen.has_class("-empty")
    library.close()
    assert len(removals(folder)[0]) == 2
    assert main(["--library", str(folder), "restore", a]) == 0  # after the app's restart
    articles, annotations = state(folder)
    assert set(articles) == {a} and len(annotations) == 2


async def test_the_remove_key_is_in_the_footer_and_off_when_read_only(folder: Path) -> None:
    with Library(folder) as library:
        fill(library)
    with Library(folder, read_only=True) as reader:
        app = PresscutApp(reader)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shown = {
                b.binding.key: b.binding.description
                for b in app.screen.active_bindings.values()
                if b.binding.show
            }
            assert shown["d"] == "Remove"
            rows = help_rows(app.screen.active_bindings)
            assert ("Library", "d", "Remove") in rows and ("Library", "u", "Undo") in rows
            await pilot.press("d")
            await pilot.pause()
            assert not isinstance(app.screen, Confirm)
    assert len(state(folder)[0]) == 2
