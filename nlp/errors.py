"""Errors that `nlp` raises for input it cannot use."""


class BadInput(Exception):
    """A source that cannot be imported; ``str(error)`` is one line naming the file and why."""


class Stopped(Exception):
    """The caller asked an analysis under way to stop (raised from its progress callback)."""
