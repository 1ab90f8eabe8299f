"""Labels across the library: where the articles agree strongly on a name's label, the article
that the model read otherwise shows it too (`store.label_tallies`), below the user's rules.

Short articles written for these tests, imported by the real command line with the real model:
the model takes "Austin" for a city in six of them and for a person in the seventh (checked).
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import tracemalloc
from pathlib import Path
from traceback import extract_stack

import pytest
from textual.worker import get_current_worker

from cli.main import main
from store.anchoring import make_target
from store.corrections import apply_corrections
from store.ids import article_id
from store.label_tallies import CACHE_NAME
from store.library import Library
from store.people_index import PeopleIndex
from tests.test_corrections import open_reader, panel_groups
from tui.app import PresscutApp
from tui.screens.rules import RulesScreen

PLACES = {
    "storm": "Storm closes roads\n\nRain fell across Austin, Texas, overnight and roads were "
             "closed.\n\nCrews worked until dawn to clear the fallen trees.\n",
    "schools": "Schools shut\n\nSchools in Austin and Dallas stayed shut on Friday.\n\n"
               "Parents were told to keep children at home.\n",
    "rents": "Housing costs\n\nRents in Austin rose by a tenth last year.\n\nBuilders said "
             "land was scarce.\n",
    "arrests": "Arrests made\n\nPolice in Austin arrested two men on Sunday.\n\nBoth were "
               "released on bail.\n",
    "airport": "Traffic\n\nThe airport in Austin reported long queues on Monday.\n\nFlights "
               "left on time.\n",
    "water": "Water\n\nHomes in Austin were told to boil their water.\n\nThe warning lasts a "
             "week.\n",
}  # fmt: skip
# The one the model reads as a person; first in the list (by title), so the reader opens it.
PERSON = "A council vote\n\nAustin welcomed the decision, a city spokesman said.\n\nThe vote " \
         "passed by seven to two.\n"


def cli(folder: Path, *args: str) -> int:
    return main(["--library", str(folder), *args])


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library, imported once: every test works on a copy of it."""
    root = tmp_path_factory.mktemp("austin")
    files = root / "files"
    files.mkdir()
    for name, text in {**PLACES, "vote": PERSON}.items():
        (files / f"{name}.txt").write_text(text, encoding="utf-8")
    assert cli(root / "library", "import", str(files)) == 0
    return root


@pytest.fixture
def folder(made: Path, tmp_path: Path) -> Path:
    shutil.copytree(made / "library", tmp_path / "library")
    return tmp_path / "library"


def key_of(library: Library, file: str) -> str:
    return next(r["id"] for r in library.articles() if r["path"].endswith(f"/{file}.txt"))


def labels_shown(library: Library, file: str, words: str = "Austin") -> set[str]:
    key = key_of(library, file)
    body = library.body(key)
    shown = apply_corrections(body["analysis"], library.annotations(key), body["text"],
                              library.rule_set())  # fmt: skip
    return {e["label"] for e in shown["entities"] if e["text"] == words}


def model_labels(library: Library, file: str) -> set[str]:
    analysis = library.body(key_of(library, file))["analysis"]
    return {e["label"] for e in analysis["entities"] if e["text"] == "Austin"}


def who_lines(folder: Path, capsys: pytest.CaptureFixture) -> list[str]:
    capsys.readouterr()
    assert cli(folder, "who") == 0
    return [line for line in capsys.readouterr().out.splitlines() if "Austin" in line]


def exported_labels(folder: Path, file: str, capsys: pytest.CaptureFixture) -> set[str]:
    with Library(folder, read_only=True) as library:
        key = key_of(library, file)
    capsys.readouterr()
    assert cli(folder, "export", "--format", "json", "--article", key) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    return {g["label"] for g in article["groups"] if g["name"] == "Austin"}


def test_the_model_reads_austin_as_the_tests_say(folder: Path) -> None:
    with Library(folder, read_only=True) as library:
        assert all(model_labels(library, name) == {"GPE"} for name in PLACES)
        assert model_labels(library, "vote") == {"PERSON"}


async def test_the_one_article_shows_the_place_the_library_agrees_on(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    with Library(folder) as library:
        assert labels_shown(library, "vote") == {"GPE"}
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            text = app.screen.article.body["text"]
            assert app.screen.article.row["title"] == "A council vote"
            assert "Austin  GPE ×1" in panel_groups(app)
            painted = {text[s:e]: n for s, e, n in app.screen.article.spans() if "entity" in n}
            assert painted["Austin"] == "entity.place"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("R")
            await pilot.pause()
            assert isinstance(app.screen, RulesScreen)
            (rule,) = app.screen.rules
            assert rule["inferred"] and rule["label"] == "GPE"
            await pilot.press("d")  # not removable: nothing changes
            await pilot.pause()
            assert library.inferred_rules() and labels_shown(library, "vote") == {"GPE"}
    assert who_lines(folder, capsys) == ["       7        7  Austin  (GPE)"]
    assert exported_labels(folder, "vote", capsys) == {"GPE"}
    capsys.readouterr()
    assert cli(folder, "rules", "list") == 0
    assert "Austin → GPE (inferred: 6 of 7 articles)" in capsys.readouterr().out


def test_below_the_threshold_nothing_changes_and_removals_count(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    with Library(folder) as library:
        assert labels_shown(library, "vote") == {"GPE"}
        index = PeopleIndex.build(library)  # the who's who, kept while the app runs
        assert [(e.name, e.label) for e in index.entities() if e.name == "Austin"] == [
            ("Austin", "GPE")]
        for name in ("storm", "schools", "rents"):  # removed with the library open, as the app
            library.remove_article(key_of(library, name))
        assert labels_shown(library, "vote") == {"GPE"}  # three places against one: still
        library.remove_article(key_of(library, "arrests"))
        assert library.inferred_rules() == []  # two places against one person
        assert labels_shown(library, "vote") == {"PERSON"}
        index.refresh()
        assert sorted(e.label for e in index.entities() if e.name == "Austin") == [
            "GPE", "PERSON"]
    with Library(folder) as library:
        assert library.inferred_rules() == []
        assert labels_shown(library, "vote") == {"PERSON"}
        assert labels_shown(library, "water") == {"GPE"}
    assert sorted(who_lines(folder, capsys)) == ["       1        1  Austin  (PERSON)",
                                                 "       2        2  Austin  (GPE)"]
    assert exported_labels(folder, "vote", capsys) == {"PERSON"}


def test_a_reimported_article_is_counted_again(folder: Path) -> None:
    with Library(folder) as library:
        keys = [key_of(library, name) for name in ("storm", "schools", "rents")]
    assert cli(folder, "remove", *keys) == 0  # three places against one person: just strong
    with Library(folder) as library:
        assert labels_shown(library, "vote") == {"GPE"}
        water = Path(library.article(key_of(library, "water"))["origin"])  # the module's file
    try:  # the same file, changed: the article is imported again in place
        water.write_text("Water\n\nHomes in the north were told to boil their water.\n\nThe "
                         "warning lasts a week.\n", encoding="utf-8")
        assert cli(folder, "import", str(water)) == 0
    finally:
        water.write_text(PLACES["water"], encoding="utf-8")
    with Library(folder) as library:
        assert len(library.articles()) == 4
        assert library.inferred_rules() == []
        assert labels_shown(library, "vote") == {"PERSON"}


def test_a_user_rule_and_a_correction_win_over_the_inferred_rule(folder: Path) -> None:
    with Library(folder) as library:
        rule = library.add_rule("entity", name="Austin", label="PERSON")
        assert labels_shown(library, "vote") == {"PERSON"}
        assert labels_shown(library, "storm") == {"PERSON"}
        assert library.inferred_rules() == []  # overridden: not listed
        library.remove_rule(rule["id"])
        key = key_of(library, "vote")
        body = library.body(key)
        start = body["text"].index("Austin")
        library.add_annotation(key, "correction", origin="correction", action="relabel",
                               label="ORG", target=make_target(body["text"], start, start + 6))
        assert labels_shown(library, "vote") == {"ORG"}  # here only: this article
        assert labels_shown(library, "storm") == {"GPE"}


def test_the_tallies_are_kept_and_read_no_article_once_current(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (folder / CACHE_NAME).exists()  # written by the import that made them
    read: list[str] = []
    body = Library.body
    monkeypatch.setattr(Library, "body", lambda self, key: read.append(key) or body(self, key))
    with Library(folder, read_only=True) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert read == []
    (folder / CACHE_NAME).unlink()
    with Library(folder) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert len(read) == 7  # rebuilt once, each article read once
    read.clear()
    with Library(folder, read_only=True) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert read == []


def test_an_article_that_makes_a_person_of_the_name_keeps_the_library_from_inferring(
    folder: Path, tmp_path: Path
) -> None:
    mister = tmp_path / "mister.txt"
    mister.write_text("Court case\n\nMr Austin told the court he had paid the bill.\n\nThe case "
                      "was adjourned until May.\n", encoding="utf-8")
    assert cli(folder, "import", str(mister)) == 0
    with Library(folder) as library:
        assert model_labels(library, "mister") == {"PERSON"}
        assert library.inferred_rules() == []  # six places, but this article says a person
        assert labels_shown(library, "vote") == {"PERSON"}


def test_a_damaged_cache_is_rebuilt_and_a_read_only_library_writes_none(folder: Path) -> None:
    (folder / CACHE_NAME).write_bytes(b'{"format": 4, "versions": {"x": 1}, "names": []')
    with Library(folder, read_only=True) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert (folder / CACHE_NAME).read_bytes().endswith(b'"names": []')  # a writer's: left
    with Library(folder) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    written, *counts = json.loads((folder / CACHE_NAME).read_bytes())["names"]["austin"]
    assert written == "Austin"
    assert dict(zip(counts[::3], counts[1::3], strict=True)) == {"GPE": 6, "PERSON": 1}


async def test_the_app_counts_the_labels_in_a_worker_and_shows_them_when_they_arrive(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library without a current labels.cache (every one imported before it): the first
    article opens at once, no article is read for the tallies on the app's thread, and the
    inferred label appears once the worker has counted them."""
    (folder / CACHE_NAME).unlink()
    tallies_module = ("store", "label_tallies.py")
    main_thread = threading.get_ident()
    on_main: list[str] = []
    counted = threading.Event()
    body = Library.body

    def read(self: Library, key: str) -> dict:
        """Library.body, telling the articles read for the tallies on the app's thread, and
        holding the worker until the article is shown."""
        if any(Path(f.filename).parts[-2:] == tallies_module for f in extract_stack()):
            if threading.get_ident() == main_thread:
                on_main.append(key)
            else:
                counted.wait(timeout=30)
        return body(self, key)

    monkeypatch.setattr(Library, "body", read)
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            article = app.screen.article
            assert article.row["title"] == "A council vote"
            text = article.body["text"]
            painted = {text[s:e]: n for s, e, n in article.spans() if "entity" in n}
            assert painted["Austin"] == "entity.person"  # not counted yet: the model's label
            assert "Austin  PERSON ×1" in panel_groups(app)
            assert on_main == []
            counted.set()
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "labels"])
            await pilot.pause()
            article = app.screen.article
            painted = {text[s:e]: n for s, e, n in article.spans() if "entity" in n}
            assert painted["Austin"] == "entity.place"
            assert "Austin  GPE ×1" in panel_groups(app)
            assert on_main == []
    assert (folder / CACHE_NAME).exists()  # kept: the next start reads no article


def test_the_tallies_loaded_hold_no_names_per_article(tmp_path: Path) -> None:
    """What a library's tallies weigh in memory grows with its names, not with its articles
    times their names: per article only a version stamp (the former cache held each article's
    names and labels, loaded whole)."""
    names = [f"Name{n}" for n in range(12)]
    grown = {}
    for articles in (200, 2000):
        folder = tmp_path / str(articles)
        with Library(folder) as library:
            for n in range(articles):
                text = " ".join(names)
                groups = [{"name": name, "label": "GPE" if n % 9 else "ORG",
                           "mentions": [[text.index(name), text.index(name) + len(name)]]}
                          for name in names]  # fmt: skip
                key = article_id(f"/made/{n}")
                library.put_article({"id": key, "origin": f"/made/{n}", "hash": str(n),
                                     "updated": "2026-01-01T00:00:00", "title": f"{n}"},
                                    {"text": text, "analysis": {"groups": groups}})  # fmt: skip
        with Library(folder, read_only=True) as library:
            library.catalogue()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            assert [rule["label"] for rule in library.inferred_rules()] == ["GPE"] * 12
            grown[articles] = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
    per_article = (grown[2000] - grown[200]) / 1800
    assert per_article < 200, per_article  # a stamp in a dict: about 100 bytes


def test_a_count_made_read_only_is_kept_where_there_was_none(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`presscut stats` or `who` on a library no writer has opened since: the labels are
    counted once (every text read), and the next command reads none for them."""
    (folder / CACHE_NAME).unlink()
    with Library(folder, read_only=True) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert (folder / CACHE_NAME).exists()
    reads: list[str] = []
    body = Library.body
    monkeypatch.setattr(Library, "body", lambda self, key: reads.append(key) or body(self, key))
    with Library(folder, read_only=True) as library:
        assert library.inferred_rules()[0]["label"] == "GPE"
    assert reads == []


async def test_quitting_stops_the_count_of_the_labels(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting while the labels are counted: the count stops at the next article. The app
    waits for its worker's thread before it ends, and a 100,000-article library took 42 s to
    quit while its labels were being counted."""
    (folder / CACHE_NAME).unlink()
    reads: list[str] = []
    started = threading.Event()
    body = Library.body

    def read(self: Library, key: str) -> dict:
        """Library.body as a disk so slow that each article of the count takes until quit."""
        if any(Path(f.filename).parts[-2:] == ("store", "label_tallies.py")
               for f in extract_stack()):  # fmt: skip
            worker = get_current_worker()
            started.set()
            for _ in range(3000):
                if worker.is_cancelled:
                    break
                time.sleep(0.01)
            reads.append(key)
        return body(self, key)

    monkeypatch.setattr(Library, "body", read)
    with Library(folder) as library:
        articles = len(library.article_ids())
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            for _ in range(500):  # until the count is at its first article
                if started.is_set():
                    break
                await pilot.pause(0.01)
            assert started.is_set()
    for _ in range(500):  # the thread sees the quit within 10 ms; the app does not wait for it
        if reads:
            break
        time.sleep(0.01)
    time.sleep(0.5)  # unstopped, the count would read the other articles now, at once
    assert 1 <= len(reads) < articles
