"""Annotating by keys; every assertion reads the library back from disk in a second opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library import Library
from tests.app_library import TEXT_A, fill, span
from tui.app import PresscutApp
from tui.screens.annotate import ConfirmDiscard, NoteEditor
from tui.screens.main import MainScreen
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import AnnotationList


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def library(folder: Path):
    with Library(folder) as opened:
        fill(opened)
        yield opened


def on_disk(folder: Path) -> list[dict]:
    """What another process would read right now."""
    with Library(folder, read_only=True) as reader:
        return reader.annotations()


async def open_reader(pilot) -> ArticleText:
    await pilot.pause()
    await pilot.press("enter")
    return pilot.app.screen.query_one(ArticleText)


async def test_tagging_the_quotation_under_the_cursor(library: Library, folder: Path) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("]", "x", "t", *"verify", "enter")
        await pilot.pause()
    (tag,) = on_disk(folder)
    start, end = span(TEXT_A, "We were unable to change the position of the Russian government.")
    assert tag["kind"] == "tag" and tag["tag"] == "verify" and tag["origin"] == "user"
    assert (tag["target"]["start"], tag["target"]["end"]) == (start, end)
    assert tag["target"]["exact"] == TEXT_A[start:end]
    assert tag["target"]["prefix"].endswith('said: "')


async def test_with_nothing_selected_a_tag_goes_on_the_article(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("t", *"follow-up", "enter")
        await pilot.pause()
        assert app.screen.view.rows[0]["tags"] == ["follow-up"]
    (tag,) = on_disk(folder)
    assert tag["target"] is None and tag["tag"] == "follow-up"


async def test_digits_apply_the_most_used_tags(library, folder) -> None:
    article = library.articles()[0]["id"]
    for tag in ("verify", "verify", "claim"):
        library.add_annotation(article, "tag", tag=tag)
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_reader(pilot)
        footer_keys = {
            b.binding.key: b.binding.description for b in app.screen.active_bindings.values()
        }
        assert footer_keys["1"] == "verify" and footer_keys["2"] == "claim"
        await pilot.press("e", "2")  # e selects the next entity: the tag goes on it
        await pilot.pause()
        assert reader.selected_text == "Russian"
    claims = [a for a in on_disk(folder) if a["tag"] == "claim"]
    assert [c["target"] and c["target"]["exact"] for c in claims] == [None, "Russian"]


async def test_a_selection_grows_and_shrinks_by_word_sentence_paragraph(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("v")
        assert reader.selected_text == "Burhan"
        await pilot.press("w", "w")
        assert reader.selected_text == "Burhan Ghalioun said"
        await pilot.press("b")
        assert reader.selected_text == "Burhan Ghalioun"
        await pilot.press(")")
        assert reader.selected_text.endswith('Russian government."')
        await pilot.press("}")
        assert reader.selected_text.endswith("on Tuesday.")
        await pilot.press("{")
        assert reader.selected_text.endswith('Russian government."')
        await pilot.press("v")
        assert reader.selected_text == ""


async def test_a_note_is_saved_explicitly_and_cancelling_asks(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("v", "n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check who", "enter", *"he met")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("n", "x", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (note,) = on_disk(folder)
    assert note["note"] == "Check who\nhe met"
    assert note["target"]["exact"] == "Burhan"


async def test_correcting_an_entity_and_a_speaker_then_undo_redo(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        screen: MainScreen = app.screen
        await pilot.press("e", "c")  # the cursor on "Russian": reject it
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Russian" not in [e["text"] for e in screen.article.analysis["entities"]]
        await pilot.press("]", "c", "enter")  # the next quotation, the UN's: set its speaker
        await pilot.press("enter")  # the first group offered: Burhan Ghalioun
        await pilot.pause()
        quotes = screen.article.analysis["quotes"]
        assert quotes[1]["speaker"] == "Burhan Ghalioun" and quotes[1]["group"] == "g1"
        saved = [n.message for n in app._notifications][-1]
        assert saved == "correction saved: speaker set to Burhan Ghalioun"
        saved = on_disk(folder)
        assert [a["action"] for a in saved] == ["reject", "set_speaker"]
        assert all(a["origin"] == "correction" for a in saved)
        await pilot.press("u")
        await pilot.pause()
        assert [a["action"] for a in on_disk(folder)] == ["reject"]
        assert screen.article.analysis["quotes"][1]["speaker"] == "United Nations"
        said = [n.message for n in app._notifications]
        # in words, never an action's name ("set_speaker", "reject_quote")
        assert said[-1] == "undone: speaker set to Burhan Ghalioun"
        assert not any("_" in message for message in said)
        await pilot.press("u")
        await pilot.pause()
        assert on_disk(folder) == []
        assert "Russian" in [e["text"] for e in screen.article.analysis["entities"]]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert [a["action"] for a in on_disk(folder)] == ["reject"]


async def test_marking_a_missed_entity(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_reader(pilot)
        start, end = span(TEXT_A, "Russian government")
        reader.move_to_offset(start, select_to=end)
        await pilot.press("c")
        await pilot.press("enter")  # the only choice: mark as an entity
        labels = app.screen.query_one("#choices")
        labels.highlighted = [str(o.id) for o in labels.options].index("ORG")
        await pilot.press("enter")
        await pilot.pause()
    (fix,) = on_disk(folder)
    assert fix["action"] == "add_entity" and fix["label"] == "ORG"
    assert fix["target"]["exact"] == "Russian government"


async def test_the_annotation_list_jumps_edits_and_deletes(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("]", "x", "t", *"quote", "enter")
        await pilot.pause()
        listed = app.screen.query_one(AnnotationList)
        assert "#quote" in str(listed.get_option_at_index(0).prompt)
        listed.focus()
        await pilot.press("enter")
        assert reader.selected_text.startswith("We were unable")
        listed.focus()
        await pilot.press("e", "end", *"-check", "enter")
        await pilot.pause()
        assert [a["tag"] for a in on_disk(folder)] == ["quote-check"]
        listed.focus()
        await pilot.press("d")
        await pilot.pause()
        assert on_disk(folder) == []


async def test_selecting_with_the_mouse(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_reader(pilot)
        await pilot.mouse_down(reader, offset=(1, 0))  # one column of padding
        await pilot.hover(reader, offset=(16, 0))
        await pilot.mouse_up(reader, offset=(16, 0))
        assert reader.selected_text == "Burhan Ghalioun"
        await pilot.press("t", *"who", "enter")
        await pilot.pause()
    (tag,) = on_disk(folder)
    assert tag["target"]["exact"] == "Burhan Ghalioun"


async def test_a_read_only_library_refuses_annotations(library, folder) -> None:
    library.close()
    with Library(folder, read_only=True) as reader:
        app = PresscutApp(reader)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_reader(pilot)
            await pilot.press("t")
            assert isinstance(app.screen, MainScreen)
            assert "read-only" in [n.message for n in app._notifications][-1]
    assert on_disk(folder) == []


async def test_a_failed_save_says_so_and_changes_nothing(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        library.journal.close()
        journal = folder / "changes.log"
        journal.rename(folder / "changes.moved")
        journal.mkdir()  # the next append fails as a full or broken disk would
        await pilot.press("t", *"verify", "enter")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1].startswith("not saved:")
        assert app.screen.article.annotations == []
        assert app.screen.annotator.done == []
        journal.rmdir()
        (folder / "changes.moved").rename(journal)


async def test_editing_a_note_names_what_the_note_is_on(library, folder) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("]", "n", *"check it", "ctrl+s")
        await pilot.pause()
        app.screen.query_one(AnnotationList).focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        title = str(app.screen.query_one("Label").render())
        assert title.startswith("Edit the note on “We were unable")
        assert "the note:" not in title
