"""A control character or two in a text file is text, not a binary: one ESC among 90 bytes of
prose made the file "look binary", as the share of control bytes was judged on however few
bytes there were. Such a file is imported with its text as written, and the app shows the
control characters as it shows any (their control pictures); real binaries are still refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.errors import BadInput
from nlp.sources import read_document
from services.importer import import_paths
from store.library import Library
from tests.app_library import until
from tui.app import PresscutApp
from tui.widgets.article_text import ArticleText

# 90 bytes: a headline and one sentence of prose with an escape sequence pasted into it.
STRAY_ESCAPE = (
    b"Talks resume\n\n"
    b"The foreign minister said on Monday the talks \x1b[1min Moscow would go ahead.\n"
)


async def test_a_stray_escape_in_prose_is_imported_and_shown_as_the_app_shows_it(
    tmp_path: Path,
) -> None:
    assert len(STRAY_ESCAPE) == 90
    path = tmp_path / "talks.txt"
    path.write_bytes(STRAY_ESCAPE)
    with Library(tmp_path / "library") as library:
        report = import_paths(library, [path])
        assert report.added == ["Talks resume"] and not report.failed
        (row,) = library.articles()
        assert "talks \x1b[1min Moscow" in library.body(row["id"])["text"]  # kept as written
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            reader = app.screen.query_one(ArticleText)
            await until(pilot, lambda: "Moscow" in reader.text)
            assert "talks \u241b[1min Moscow" in reader.text and "\x1b" not in reader.text


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (bytes(range(1, 32)) * 40 + b"a few words of text", "too many control characters"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "it holds NUL bytes"),
        (b"The minister said\x07\x08\x1b\x1b\x01\x02\x03\x04\x05 the talks would go ahead.\n",
         "too many control characters"),
    ],
    ids=["control bytes", "an image", "nine controls in a line"],
)
def test_real_binaries_are_still_refused(tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(BadInput, match=f"looks binary \\({why}\\)"):
        read_document(path)
