"""What the app's long reads in worker threads ask, to stop early.

Textual cannot stop a thread: it marks the worker cancelled when the app closes or a newer
worker of an exclusive group starts, and the thread runs on. Python then waits for it before
the process ends (quitting took 9 s while the people of 10,000 articles were being gathered),
so the store's long reads take a ``stop`` question and raise `store.errors.Stopped`.
"""

from __future__ import annotations

from textual.worker import get_current_worker


def cancelled() -> bool:
    """Has the worker running this been cancelled? (Called from its thread.)"""
    return get_current_worker().is_cancelled
