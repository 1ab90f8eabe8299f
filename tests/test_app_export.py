"""Exporting from inside the app: the dialog, the formats, the scope and an existing file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from textual.widgets import Input, Select

from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp
from tui.screens.exporting import ConfirmOverwrite, ExportPrompt
from tui.screens.main import MainScreen

SCHEMA = Path(__file__).parent.parent / "store" / "export.schema.json"


@pytest.fixture
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # the dialog suggests a file in the working folder
    with Library(tmp_path / "library") as library:
        ids = fill(library)
        library.add_annotation(ids[0], kind="tag", tag="verify", target=None)
        yield library, ids


async def settle(app: PresscutApp, pilot) -> None:
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "export"])
    await pilot.pause()


async def open_export(pilot) -> Input:
    """X, then the path box focused, so that enter exports."""
    await pilot.press("X")
    box = pilot.app.screen.query_one("#export-path", Input)
    box.focus()
    return box


async def test_x_exports_every_article_as_json(filled, tmp_path: Path) -> None:
    library, ids = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        path = await open_export(pilot)
        assert isinstance(app.screen, ExportPrompt)
        assert path.value == str(tmp_path / "presscut-export.json")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        messages = [n.message for n in app._notifications]
    written = json.loads((tmp_path / "presscut-export.json").read_bytes())
    jsonschema.validate(written, json.loads(SCHEMA.read_text()))
    assert {article["id"] for article in written["articles"]} == set(ids)
    assert messages[-1].startswith("exported 2 articles as json")


async def test_a_new_format_renames_the_suggested_file_and_scope_narrows(filled, tmp_path) -> None:
    library, ids = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("X")
        prompt = app.screen
        prompt.query_one("#export-format", Select).value = "csv"
        await pilot.pause()
        assert prompt.query_one("#export-path", Input).value.endswith("presscut-export.csv")
        prompt.query_one("#export-scope", Select).value = "tag:verify"
        await pilot.click("#export")
        await settle(app, pilot)
    rows = (tmp_path / "presscut-export.csv").read_text().splitlines()
    assert len(rows) > 1 and all(ids[1] not in row for row in rows[1:])
    assert any(ids[0] in row for row in rows[1:])


async def test_an_existing_file_is_replaced_only_when_confirmed(filled, tmp_path: Path) -> None:
    library, _ = filled
    target = tmp_path / "presscut-export.json"
    target.write_text("mine")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_export(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await settle(app, pilot)
        assert target.read_text() == "mine"
        await open_export(pilot)
        await pilot.press("enter", "y")
        await settle(app, pilot)
    assert json.loads(target.read_bytes())["format"] == "presscut/1"


async def test_a_folder_that_does_not_exist_gets_one_clear_line(filled, tmp_path: Path) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        box = await open_export(pilot)
        box.value = str(tmp_path / "missing" / "out.json")
        await pilot.press("enter")
        await settle(app, pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
    assert errors == [f"export failed: {tmp_path / 'missing' / 'out.json'}: the folder "
                      f"{tmp_path / 'missing'} does not exist"]
    assert not (tmp_path / "missing").exists()


async def test_help_lists_the_export_key(filled) -> None:
    from tui.screens.help import HelpScreen

    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("Library and reader", "X", "Export") in app.screen.rows


async def test_one_article_exported_is_said_in_the_singular(filled, tmp_path: Path) -> None:
    library, ids = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from tui.screens.exporting import OPEN_ARTICLE, ExportRequest

        request = ExportRequest("json", OPEN_ARTICLE, tmp_path / "one.json", False)
        app._start_export(request)
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
    assert messages[-1].startswith("exported 1 article as json")
