"""Errors the store raises; each ``str()`` is one line that names the file and what to do."""


class StoreError(Exception):
    """A library that cannot be opened or written as asked."""


class CorruptStore(StoreError):
    """A store file that does not parse: it is left untouched for the user to recover."""


class NewerSchema(StoreError):
    """A library written by a newer presscut: opening it here could lose data."""


class LibraryLocked(StoreError):
    """Another process holds the writer lock."""


class ExportExists(StoreError):
    """An export would overwrite an existing file without ``--force``."""


class NotFound(StoreError):
    """No article or annotation answers to the id given."""


class Stopped(Exception):  # noqa: N818 - not an error: a read its caller gave up
    """A long read given up because its caller asked (an app closing, a newer search)."""


class DamagedArticle(NotFound):
    """An article whose text file is missing or damaged: its row and annotations are there, its
    text is not, so whatever reads texts skips it as not found and says so."""


class WriteFailed(StoreError):
    """A write the disk refused (full, read-only, not ours): what it was to save was not kept,
    and everything saved before it is intact."""


def cannot_write(path: object, error: OSError, consequence: str) -> WriteFailed:
    """One line naming the file, the system's reason and what it means for the user's work."""
    return WriteFailed(f"{path}: cannot write ({error.strerror or error}); {consequence}")
