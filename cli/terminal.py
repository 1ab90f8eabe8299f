"""Everything the command line prints as text passes here: data is shown, never obeyed.

A title, a name, a note or a file name can hold escape sequences (``ESC[2J`` clears the screen,
OSC 52 sets the clipboard) and invisible characters (a right-to-left override reverses what
follows). Rather than each print remembering to clean what it prints, the command's text
streams are wrapped for as long as it runs, and every write goes through the same
`services.sanitize.visible_text` as the app's screens. Bytes written to ``.buffer`` (exports to
stdout, JSON) pass untouched: they are files, not terminal output.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from services.sanitize import visible_text


class VisibleStream:
    """A text stream whose writes are made visible first; anything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        return self.raw.write(visible_text(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def unfiltered(stream: TextIO) -> TextIO:
    """The stream beneath a `VisibleStream`: for a writer that sends the terminal its own
    sequences (rich's progress bar) and cleans what it shows of the data itself."""
    return stream.raw if isinstance(stream, VisibleStream) else stream


@contextmanager
def visible_output() -> Iterator[None]:
    """Make ``sys.stdout`` and ``sys.stderr`` show data visibly while the command runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
