"""Corrections are the truth everywhere: the reader, the side panel, "Who said it?", the who's
who, the library's counts and `presscut who`, in the session and after a restart.

The corrections are made by keys through the real app on a real library (tests/homs_library.py);
every view is then read, and read again in a second opening of the library.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from store.anchoring import make_target
from store.catalogue_cache import read_catalogue
from store.corrections import apply_corrections
from store.library import Library
from store.people_index import PeopleIndex, name_key
from tests.app_library import span
from tests.homs_library import CRESCENT, HADDAD, HOMS, TEXT, make
from tui.app import PresscutApp
from tui.screens.annotate import ChoiceMenu
from tui.screens.people import PeopleScreen
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import SidePanel


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make(tmp_path / "library")
    return tmp_path / "library"


def correct(library: Library, words: str, action: str, occurrence: int = 0, **fields) -> dict:
    """A correction saved as the app saves it."""
    key = library.articles()[0]["id"]
    target = make_target(TEXT, *span(TEXT, words, occurrence))
    return library.add_annotation(key, "correction", origin="correction", action=action,
                                  target=target, **fields)  # fmt: skip


def option_texts(widget) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def choose(pilot, starting: str) -> None:
    """Highlight the menu's choice whose words start so, and take it."""
    menu = pilot.app.screen
    assert isinstance(menu, ChoiceMenu)
    choices = menu.query_one("#choices")
    texts = option_texts(choices)
    choices.highlighted = next(i for i, t in enumerate(texts) if t.startswith(starting))
    await pilot.press("enter")
    await pilot.pause()


async def open_reader(pilot) -> ArticleText:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen.query_one(ArticleText)


async def who_is_shown(app: PresscutApp, pilot) -> PeopleScreen:
    await pilot.press("W")
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "who"])
    await pilot.pause()
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


def panel_groups(app: PresscutApp) -> list[str]:
    return option_texts(app.screen.query_one(SidePanel).query_one("#groups"))


def panel_quotes(app: PresscutApp) -> list[str]:
    return option_texts(app.screen.query_one(SidePanel).query_one("#quotes"))


def speaker_spans(app: PresscutApp) -> list[str]:
    return [TEXT[s:e] for s, e, name in app.screen.article.spans() if name == "speaker"]


def listed_row(app: PresscutApp) -> dict:
    (row,) = app.screen.view.rows
    return row


# -- 4. a relabel reaches every view ---------------------------------------------------------


async def check_homs_is_a_place(app: PresscutApp, pilot) -> None:
    """The side panel, the reader, "Who said it?" and the who's who all say Homs is a GPE."""
    assert "Homs  GPE ×2" in panel_groups(app)
    painted = {TEXT[s:e]: name for s, e, name in app.screen.article.spans() if "entity" in name}
    assert painted["Homs"] == "entity.place"
    await pilot.press("]", "c")
    await choose(pilot, "Set the speaker")
    who_said_it = option_texts(app.screen.query_one("#choices"))
    assert "Homs  (GPE, ×2)" in who_said_it and not any("PERSON, ×2)" in t and "Homs" in t
                                                          for t in who_said_it)  # fmt: skip
    await pilot.press("escape")
    await pilot.pause()
    people = await who_is_shown(app, pilot)
    homs = next(e for e in people.shown if e.name == "Homs")
    assert homs.label == "GPE" and homs.key == name_key("Homs", "GPE")
    await pilot.press("escape")


async def test_a_relabel_reaches_the_panel_who_said_it_and_the_who_s_who(folder: Path) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            assert "Homs  PERSON ×2" in panel_groups(app)
            people = await who_is_shown(app, pilot)  # the index is built before the correction
            assert next(e for e in people.shown if e.name == "Homs").label == "PERSON"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("c")  # the cursor is on the first "Homs"
            await choose(pilot, "Change the label of “Homs” (PERSON, all 2 mentions)")
            await choose(pilot, "GPE")
            await choose(pilot, "Here only")
            await check_homs_is_a_place(app, pilot)
    with Library(folder) as library:  # a restart
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            await check_homs_is_a_place(app, pilot)


def test_the_index_reads_again_only_the_corrected_article_even_when_changed_in_place(
    folder: Path,
) -> None:
    with Library(folder) as library:
        index = PeopleIndex.build(library)
        key = library.articles()[0]["id"]
        fix = correct(library, "Homs", "relabel", label="GPE")
        assert index.refresh() == [key]
        assert index.entity(name_key("Homs", "GPE")).label == "GPE"
        library.update_annotation(fix["id"], label="LOC")  # the same annotation, changed
        assert index.refresh() == [key]
        assert index.entity(name_key("Homs", "LOC")).label == "LOC"
        assert index.refresh() == []


def test_who_on_the_command_line_gives_the_corrected_label(folder: Path, capsys) -> None:
    with Library(folder) as library:
        correct(library, "Homs", "relabel", 1, label="GPE")  # the second mention will do
    assert main(["--library", str(folder), "who", "homs"]) == 0
    assert capsys.readouterr().out.startswith("Homs (GPE), 2 mentions")
    assert main(["--library", str(folder), "who"]) == 0
    assert "Homs  (GPE)" in capsys.readouterr().out


def test_groups_follow_rejected_and_added_mentions(folder: Path) -> None:
    with Library(folder) as library:
        key = library.articles()[0]["id"]
        correct(library, "Mr Haddad", "reject")
        correct(library, "Red Crescent", "reject")
        correct(library, "activists", "add_entity", label="NORP")
        body = library.body(key)
        groups = {
            g["name"]: g
            for g in apply_corrections(body["analysis"], library.annotations(key), TEXT)["groups"]
        }
    assert groups["Rami Haddad"]["count"] == 1 and groups["Rami Haddad"]["aliases"] == [
        "Rami Haddad"
    ]
    assert "Red Crescent" not in groups  # its only mention rejected
    assert groups["activists"]["label"] == "NORP" and groups["activists"]["count"] == 1


# -- 5. a new speaker is the one underlined --------------------------------------------------


async def test_setting_a_speaker_moves_the_underline_to_them(folder: Path) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            assert speaker_spans(app) == ["Rami Haddad", "The Red Crescent"]
            await pilot.press("]", "]", "c")  # the Red Crescent's reported words
            await choose(pilot, "Set the speaker")
            await choose(pilot, "Rami Haddad")
            assert speaker_spans(app) == ["Rami Haddad", "Mr Haddad"]  # on the quotation's line
            assert panel_quotes(app)[1].startswith("Rami Haddad: ")
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            assert speaker_spans(app) == ["Rami Haddad", "Mr Haddad"]


def test_a_speaker_named_on_another_line_is_not_underlined(folder: Path) -> None:
    with Library(folder) as library:
        key = library.articles()[0]["id"]
        correct(library, "The shelling of Homs has not stopped for a week.", "set_speaker",
                speaker="Red Crescent", group=CRESCENT)  # fmt: skip
        body = library.body(key)
        quotes = apply_corrections(body["analysis"], library.annotations(key), TEXT)["quotes"]
    assert quotes[0]["speaker"] == "Red Crescent" and quotes[0]["group"] == CRESCENT
    assert quotes[0]["speaker_start"] is None and quotes[0]["speaker_text"] is None
    assert quotes[1]["group"] == CRESCENT and quotes[1]["speaker_text"] == "The Red Crescent"
    assert HOMS and HADDAD  # the other groups are the fixture's


# -- 6. the list counts quotations as corrected, and notes ----------------------------------


async def test_the_list_counts_quotations_as_corrected_and_only_notes_as_notes(
    folder: Path,
) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            assert listed_row(app)["quotes"] == 2
            await pilot.press("]", "c")
            await choose(pilot, "Reject the quotation")
            await pilot.press("t", *"verify", "enter", "t", *"syria", "enter")
            await pilot.press("n", *"Which activists?", "ctrl+s")
            await pilot.pause()
            row = listed_row(app)
            assert (row["quotes"], row["notes"]) == (1, 1)
            await pilot.press("u", "u", "u", "u")  # the note, the tags and the rejection
            await pilot.pause()
            assert (listed_row(app)["quotes"], listed_row(app)["notes"]) == (2, 0)
            await pilot.press("ctrl+r", "ctrl+r", "ctrl+r", "ctrl+r")
            await pilot.pause()
    (cached,) = read_catalogue(folder).rows()  # what the next start draws first
    assert (cached["quotes"], cached["notes"], cached["tags"]) == (1, 1, ["syria", "verify"])
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            row = listed_row(app)
            assert (row["quotes"], row["notes"]) == (1, 1)
            table = app.screen.query_one("#articles")
            assert table.get_row_at(0)[3:5] == ["1", "1"]  # Quotes, Notes


async def test_the_list_s_who_filter_finds_people_as_corrected(folder: Path) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = await open_reader(pilot)
            reader.move_to_offset(span(TEXT, "Red Crescent")[0])
            await pilot.press("c")
            await choose(pilot, "Reject the entity")
            reader.move_to_offset(span(TEXT, "activists")[0], select_to=span(TEXT, "activists")[1])
            await pilot.press("c")
            await choose(pilot, "Mark")
            await choose(pilot, "NORP")
            await pilot.press("escape", "slash", *"who:crescent")
            await pilot.pause()
            assert app.screen.view.visible({}) == []
            await pilot.press(*["backspace"] * len("crescent"), *"activists")
            await pilot.pause()
            assert len(app.screen.view.visible({})) == 1
