"""Shared fixtures: real TinyDB files in tmp_path, the real model, the real sample articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import textual.constants

from store.library import Library
from tests.web_server import web  # noqa: F401 - the local web server, for any test to ask for

# The `annotated` library fixture, for the check and damage tests.
pytest_plugins = ["tests.annotated_library"]

# The app picks its reader colours by the terminal's colour system, which Textual reads from
# TERM and COLORTERM; tests and snapshots must not depend on the terminal they run in.
textual.constants.COLOR_SYSTEM = "truecolor"  # type: ignore[misc]

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_articles"
SHARED = REPO.parent / "shared"
EVAL_SCRIPT = SHARED / "eval" / "quotes.py"
SEED_GOLD = SHARED / "eval" / "seed_gold.json"


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test reads and writes its own settings file, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("PRESSCUT_CONFIG", str(folder))
    return folder


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        yield opened


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The samples imported once through the CLI into a fresh library, then exported as JSON."""
    from cli.main import main

    folder = tmp_path_factory.mktemp("samples")
    articles = folder / "articles"
    shutil.copytree(SAMPLES, articles)
    library_folder = folder / "library"
    assert main(["--library", str(library_folder), "import", str(articles)]) == 0
    export = folder / "export.json"
    assert main(["--library", str(library_folder), "export", "-o", str(export)]) == 0
    return {"library": library_folder, "export": export, **json.loads(export.read_text())}
