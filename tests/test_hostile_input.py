"""Hostile input, generated: the importer and the app never crash, hang or lose what was saved.

The importer is fed random bytes, huge lines, control characters, markup-like text and deeply
nested HTML: each file is either read into a document (which the store then keeps and gives
back unchanged) or refused with one ``BadInput`` line naming the file. The app is fed random
key sequences over a real library: no exception escapes, and everything it saved is on disk.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.errors import BadInput
from nlp.sources import read_document
from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp

SUFFIXES = (".txt", ".md", ".html")
WORDS = st.sampled_from(["the", "minister", "said", "that", "talks", "in", "Moscow", "and", "a"])
PROSE = st.lists(WORDS, min_size=0, max_size=400).map(" ".join)
MARKUP = st.sampled_from(
    ["<b>", "</i>", "[bold]", "[/]", "<script>alert(1)</script>", "&amp;", "&#0;", "<!--", "]]>",
    "\x1b[31m", "\x00", "\r", "\u202e", "\ufeff", "**", "# ", "> ", "```", "<p", "\udcff"]
)
HOSTILE_TEXT = st.lists(st.one_of(PROSE, MARKUP, st.text(max_size=50)), max_size=20).map("".join)
HUGE_LINE = st.integers(100_000, 1_000_000).map(lambda n: "word " * (n // 5))
DEEP_HTML = st.integers(50, 5_000).map(
    lambda depth: "<html><body>" + "<div>" * depth + "The minister said that the talks"
    " in Moscow failed." + "</div>" * depth + "</body></html>"
)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


FILES = st.one_of(
    st.binary(max_size=5_000),
    HOSTILE_TEXT.map(_encode),
    st.tuples(PROSE, HUGE_LINE).map(lambda parts: _encode("\n".join(parts))),
    DEEP_HTML.map(_encode),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=FILES, suffix=st.sampled_from(SUFFIXES))
def test_the_importer_reads_or_refuses_any_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp, "article" + suffix)
        path.write_bytes(data)
        try:
            document = read_document(path)
        except BadInput as error:
            message = str(error)
            assert str(path) in message and "\n" not in message
            return
        assert document.text.strip()
        body = {"original": document.original, "text": document.text,
                "boilerplate": document.boilerplate, "analysis": {}}
        with Library(Path(temp, "library")) as library:
            library.save_article(str(path), "h", {"title": document.title}, body)
            key = library.find_by_origin(str(path))["id"]
        with Library(Path(temp, "library"), read_only=True) as reopened:
            assert reopened.body(key) == body
            assert reopened.article(key)["title"] == document.title


APP_KEYS = st.sampled_from(
    ["j", "k", "down", "up", "enter", "escape", "tab", "shift+tab", "slash", "s", "p", "]", "[",
     "e", "E", ">", "<", "o", "v", "w", "b", ")", "(", "}", "{", "x", "t", "n", "c", "u",
     "ctrl+r", "1", "2", "d", "a", "r", "space", "question_mark", "backspace", "left", "right",
     "home", "end", "pagedown", "W"]
)  # no "i", "X", "q" or ctrl+p: importing or exporting what the keys spell is not this test's


async def _press(folder: Path, keys: list[str]) -> tuple[list[dict], list[dict]]:
    with Library(folder) as library:
        fill(library)
        app = PresscutApp(library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
        saved = library.annotations()
        with Library(folder, read_only=True) as on_disk:
            return saved, on_disk.annotations()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(keys=st.lists(APP_KEYS, max_size=40))
def test_random_keys_never_crash_the_app_or_lose_a_save(keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        saved, on_disk = asyncio.run(asyncio.wait_for(_press(Path(temp, "lib"), keys), 60))
    assert saved == on_disk
