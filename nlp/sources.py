"""Finding the article files a user names and reading each into a ``Document``.

Every way a file can be unusable ends as a ``BadInput`` whose text is one line naming the file
and why, so an import of a folder reports the bad files and goes on with the rest.
"""

from __future__ import annotations

import codecs
import os
import re
import shlex
import stat
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from nlp.article_limit import too_long
from nlp.clean import clean_plain_text
from nlp.errors import BadInput
from nlp.html import extract_html
from nlp.records import Document

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 5_000_000  # far above a 50,000-word article (about 0.3 MB), far below a memory risk
CONTROL_SHARE = 0.01  # more control characters than this and the file is not text
# A stray escape or two (pasted from a terminal) is text all the same: shown, as every control
# character is (`services.sanitize`), and only past this many judged by `CONTROL_SHARE`.
FEW_CONTROLS = 8
ENGLISH_SHARE = 0.15  # English prose has 35-50% stop words; French, German or Spanish under 10%
LANGUAGE_WORDS = 3000  # words looked at to judge the language
MIN_JUDGED_WORDS = 20  # fewer words than this are too few to judge by stop words
LATIN_SHARE = 0.5  # letters from other scripts past this mean the text is not English

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_KINDS = ", ".join(sorted(FORMATS))


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path) -> Iterator[Path | BadInput]:
    """Article files under a folder, recursively, in sorted order, skipping hidden entries; a
    folder that cannot be listed is skipped with a line saying so.

    ``os.walk`` does not follow links to folders, so a link loop cannot make this endless.
    """
    unlisted: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=unlisted.append):
        yield from (_unlisted(error) for error in unlisted)
        unlisted.clear()
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not _is_hidden(path) and path.suffix.lower() in FORMATS:
                yield path
    yield from (_unlisted(error) for error in unlisted)


def _unlisted(error: OSError) -> BadInput:
    reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
    return BadInput(f"{error.filename}: folder skipped, it cannot be read ({reason or error})")


def skipped_in_folders(paths: list[Path]) -> Counter[str]:
    """The files the named folders hold that are not articles (hidden ones aside), counted by
    their ending (".pdf", ".png", "" for none): an import says how many it passed over, and
    why, rather than leave them out silently."""
    skipped: Counter[str] = Counter()
    for path in map(Path, paths):
        if not path.is_dir():
            continue
        for _root, folders, files in os.walk(path):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                suffix = Path(name).suffix.lower()
                if not name.startswith(".") and suffix not in FORMATS:
                    skipped[suffix] += 1
    return skipped


def _named(path: Path) -> Iterator[Path | BadInput]:
    if path.is_dir():
        yield from _walk(path)
    elif not path.exists():
        yield BadInput(f"{path}: no such file or folder")
    elif path.suffix.lower() not in FORMATS:
        yield BadInput(f"{path}: not an article file; presscut reads {_KINDS} files")
    else:
        yield path


def iter_source_files(paths: list[Path]) -> Iterator[Path | BadInput]:
    """Each article file the paths name, or a ``BadInput`` for a path that names none.

    Folders expand recursively to their .txt, .md, .markdown, .html and .htm files; a file named
    twice (or also found in a named folder) comes once. Problems are yielded, not raised, so one
    bad path does not stop the others.
    """
    seen: set[Path] = set()
    for path in paths:
        for found in _named(Path(path)):
            if isinstance(found, BadInput):
                yield found
                continue
            try:
                key = found.resolve()
            except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
                yield BadInput(f"{found}: skipped, a link that leads back to itself (a link loop)")
                continue
            if key not in seen:
                seen.add(key)
                yield found


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; folders, devices, pipes (reading one could block) and giants refused."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(f"{path}: not a regular file")
        if info.st_size > MAX_BYTES:
            raise BadInput(
                f"{path}: too large ({info.st_size:,} bytes; the limit is {MAX_BYTES:,}); "
                "keep only the article"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except PermissionError:
        reason = "cannot be read (permission denied); check its permissions"
        raise BadInput(f"{path}: {reason}") from None
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror or error})") from None


# Longest first: UTF-32's little-endian mark begins with UTF-16's.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _convert_hint(path: Path, encoding: str) -> str:
    """The command that makes a UTF-8 copy, its file names quoted for the shell."""
    target = shlex.quote(f"converted{path.suffix}")
    return f"iconv -f {encoding} -t utf-8 {shlex.quote(str(path))} > {target}"


def _check_text_bytes(path: Path, data: bytes) -> None:
    if not data.strip():
        raise BadInput(f"{path}: is empty")
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            raise BadInput(
                f"{path}: is {encoding} text, not UTF-8; convert it with: "
                + _convert_hint(path, encoding)
            )
    if b"\x00" in data:
        raise BadInput(f"{path}: looks binary (it holds NUL bytes), not a text or HTML file")
    if len(_CONTROL.findall(data)) > max(FEW_CONTROLS, CONTROL_SHARE * len(data)):
        raise BadInput(f"{path}: looks binary (too many control characters), not a text file")


def _guess_encoding(data: bytes) -> str:
    """A likely encoding for a non-UTF-8 file, to suggest in the ``iconv`` command."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding.upper().replace("_", "-") if best else "WINDOWS-1252"


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text without a BOM and with every line ending as "\\n"."""
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise BadInput(
            f"{path}: not UTF-8 (byte 0x{data[offset]:02x} at byte offset {offset}); convert it "
            f"with: {_convert_hint(path, _guess_encoding(data))}"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"{path}: is empty")
    return text


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, loaded on first use since importing spaCy takes a while."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english_share(text: str) -> float | None:
    """The share of common English words among the first words, or None when too few to judge.

    Stop words are the cheapest general signal: every English text is full of them and other
    languages share few. Text mostly in another script (Cyrillic, Chinese...) scores 0.
    """
    letters = [char for char in text[: LANGUAGE_WORDS * 8] if char.isalpha()]
    latin = sum(char.isascii() or "\u00c0" <= char <= "\u024f" for char in letters)
    if letters and latin < LATIN_SHARE * len(letters):
        return 0.0
    words = _WORD.findall(text.lower())[:LANGUAGE_WORDS]
    if len(words) < MIN_JUDGED_WORDS:
        return None
    stop_words = _stop_words()
    return sum(word in stop_words for word in words) / len(words)


def _check_english(path: Path, text: str) -> None:
    share = english_share(text)
    if share is not None and share < ENGLISH_SHARE:
        raise BadInput(
            f"{path}: does not look like English (only {share:.0%} of its words are common "
            "English words); presscut reads English articles"
        )


def _check_length(path: Path, text: str, fmt: str) -> None:
    """Refuse a text too long to be one article before anything costly is done with it."""
    reason = too_long(text, fmt)
    if reason:
        raise BadInput(f"{path}: {reason}")


def _parse(path: Path, text: str, fmt: str) -> Document:
    if fmt != "html":
        return clean_plain_text(text, fmt)
    try:
        return extract_html(text)
    except ValueError as error:
        raise BadInput(f"{path}: {error}") from None


def _fallback_title(path: Path) -> str:
    """A headline from the file name, for text that does not open with one."""
    return " ".join(re.split(r"[-_\s]+", path.stem)).strip().capitalize() or path.name


def read_document(path: Path) -> Document:
    """Read one article file into a ``Document``, or raise ``BadInput`` saying why it cannot be.

    ``original`` is the file's text with any UTF-8 BOM dropped and line endings made "\\n", so
    boilerplate ranges index the text as every tool shows it.
    """
    path = Path(path)
    data = _read_bytes(path)
    _check_text_bytes(path, data)
    text = _decode(path, data)
    fmt = FORMATS.get(path.suffix.lower(), "txt")
    _check_length(path, text, fmt)
    document = _parse(path, text, fmt)
    if not document.text.strip():
        raise BadInput(
            f"{path}: no article text left once headline and furniture are set aside (tables, "
            "runs of short lines, photo galleries and text without sentences are not read as "
            "prose); keep only the article's paragraphs"
        )
    _check_english(path, document.text)
    if not document.title:
        document.title = _fallback_title(path)
    return document
