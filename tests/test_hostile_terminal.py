"""Text from data never steers the terminal, on the command line as in the app.

Titles, names, notes and file names carrying escape sequences (clear the screen, set the
clipboard through OSC 52, ring the bell), a right-to-left override and zero-width characters
are printed by every command that shows data: nothing of them reaches the terminal raw, and
each is shown one character for one so offsets still hold. The shell line suggested for a file
that is not UTF-8 names the file quoted for the shell, whatever its name.
"""

from __future__ import annotations

import shlex
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.main import main
from services.sanitize import INVISIBLE_OTHERS, visible_text
from store.library import Library
from tests.app_library import fill

HOSTILE = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\u202eexe.txt\u200b\u2066\x9b31m\u2028"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\u2066", "\x9b", "\u2028")
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _shown_safely(text: str) -> bool:
    return all(
        unicodedata.category(char) not in INVISIBLE or char in "\n\t" for char in text
    )


@given(st.text(st.characters(exclude_categories=()), max_size=200))
def test_every_invisible_character_is_shown_one_for_one(text: str) -> None:
    shown = visible_text(text)
    assert len(shown) == len(text)
    assert _shown_safely(shown)
    for before, after in zip(text, shown, strict=True):
        if unicodedata.category(before) not in INVISIBLE and ord(before) not in INVISIBLE_OTHERS:
            assert after == before


def test_the_format_characters_listed_are_every_one_unicode_knows() -> None:
    formats = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert all(visible_text(char) != char for char in formats)


@pytest.fixture
def hostile_library(tmp_path: Path) -> tuple[Path, str, str]:
    """The two hand-made articles, one titled, sourced and naming people with hostile text."""
    folder = tmp_path / "library"
    with Library(folder) as library:
        a, b = fill(library)
        row = library.article(a)
        body = library.body(a)
        for group in body["analysis"]["groups"]:
            group["name"] = HOSTILE + group["name"]
        for quote in body["analysis"]["quotes"]:
            quote["speaker"] = HOSTILE
        library.put_article({**row, "title": HOSTILE + " title", "source": HOSTILE}, body)
        library.add_annotation(a, "tag", tag=HOSTILE)
    return folder, a, b


@pytest.mark.parametrize(
    "command",
    [["list"], ["who"], ["who", "--sort", "mentions"], ["tags"], ["related", "{a}"],
     ["related", "{b}"], ["compare", "{a}", "{b}"], ["compare", "{a}", HOSTILE],
     ["who", HOSTILE], ["annotate", "{a}", "--tag", HOSTILE]],
)
def test_no_command_prints_data_raw(
    hostile_library: tuple[Path, str, str], command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, a, b = hostile_library
    argv = [part.format(a=a, b=b) for part in command]
    main(["--library", str(folder), *argv])
    printed = capsys.readouterr()
    for stream in (printed.out, printed.err):
        assert not any(raw in stream for raw in RAW), repr(stream)
    assert printed.out or printed.err


def test_import_errors_show_file_names_and_quote_them_for_the_shell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "it's \x1b[2J$(touch pwned) \u202etxt.md"
    (tmp_path / name).write_bytes("Caf\xe9 in the square, said the mayor.".encode("latin-1"))
    main(["--library", str(tmp_path / "library"), "import", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert not any(raw in err for raw in RAW), repr(err)
    with_name = visible_text(shlex.quote(str(tmp_path / name)))
    assert with_name in err
    command = err[err.index("iconv"):].splitlines()[0]
    words = shlex.split(command.replace(with_name, shlex.quote(str(tmp_path / name))))
    assert words[:5] == ["iconv", "-f", words[2], "-t", "utf-8"]
    assert words[5] == str(tmp_path / name) and words[6] == ">"


async def test_the_app_shows_hostile_titles_names_text_and_messages_visibly(
    hostile_library: tuple[Path, str, str],
) -> None:
    from tui.app import PresscutApp

    folder, a, b = hostile_library
    with Library(folder) as library:
        row = library.article(a)
        body = library.body(a)
        body["text"] = HOSTILE + body["text"][len(HOSTILE):]  # same length: offsets still hold
        library.put_article(row, body)
        app = PresscutApp(library)
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            app.notify(f"import: {HOSTILE}[b]not markup[/b]")
            await pilot.pause()
            screen = app.export_screenshot()
            toast = list(app._notifications)[-1].message
    assert "\u241b[2J" in screen or "\u241b" in toast  # shown, as its control picture
    for raw in RAW:
        assert raw not in screen and raw not in toast
    assert "[b]not markup[/b]" in toast
