"""`presscut list` of a large library: from the catalogue kept beside it when that is current,
without reading the library; else article by article as the library gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.library_gen import build
from cli.main import main
from store.catalogue_cache import CACHE_NAME
from store.library import Library


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    build(folder, articles=400, annotations=100, words=30)  # more than the catalogue's head
    with Library(folder) as library:  # closing keeps the catalogue beside the library
        library.add_annotation(library.article_ids()[5], "tag", tag="seen")
    return folder


def listed(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--library", str(folder), "list"]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_list_comes_from_the_current_catalogue_without_reading_the_library(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(folder, read_only=True) as library:
        expected = [
            f"{row['id']}  {row['published']:10}  {row['source']:8}  {row['title']}"
            for row in library.articles()
        ]

    def unread(*args, **kwargs) -> None:
        raise AssertionError("the library was read")

    with monkeypatch.context() as patched:
        patched.setattr(Library, "__init__", unread)
        assert listed(folder, capsys) == expected
    (folder / CACHE_NAME).unlink()  # no catalogue: the library is read, and lists the same
    assert listed(folder, capsys) == expected


def test_a_change_not_yet_folded_is_listed_from_the_library(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library(folder)
    try:
        key = library.article_ids()[0]
        library.put_article({**library.article(key), "title": "A new title"}, None)
        assert listed(folder, capsys)[0].endswith("A new title")
    finally:
        library.close()
