"""Data flows one way: files -> nlp -> store -> tui. Checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_the_app_starts_without_spacy() -> None:
    loaded = modules_after("import cli.main, tui.app")
    assert "textual" in loaded
    assert "spacy" not in loaded and "thinc" not in loaded


@pytest.mark.parametrize(
    "package", ["store.library", "store.export_json", "nlp.analyse", "services.exports", "cli.main"]
)
def test_only_the_app_knows_textual(package: str) -> None:
    assert "textual" not in modules_after(f"import {package}")


def test_store_knows_nothing_of_spacy() -> None:
    loaded = modules_after("import store.library, store.export_json")
    assert "spacy" not in loaded and "nlp" not in loaded


def test_nlp_knows_nothing_of_tinydb() -> None:
    assert "tinydb" not in modules_after("import nlp.analyse, nlp.sources")


def test_the_command_line_parses_without_loading_the_store() -> None:
    """Building the parser is part of every start, the app's included: the store (TinyDB,
    orjson) is loaded only when a command runs."""
    loaded = modules_after("import cli.main; cli.main.build_parser()")
    assert "tinydb" not in loaded and "orjson" not in loaded
