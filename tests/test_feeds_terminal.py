"""The real `presscut` in a terminal (tmux) refreshing from a local server: the refresh's
threads, the model loaded in one, and quitting while they run, as a person meets them."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.feeds import Subscription, Subscriptions
from store.library import Library
from tests.conftest import REPO
from tests.test_feeds_app import serve_feed
from tests.web_pages import STORIES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
WAIT = 120.0  # s: the model is loaded in the refresh's worker, on a busy machine
ENDED = "presscut-ended:"  # and its exit status, printed by the shell once presscut is gone


class Terminal:
    """One tmux session running presscut, named for this process so tests never share one."""

    def __init__(self, command: list[str]) -> None:
        self.name = f"web-test-{os.getpid()}-{time.monotonic_ns()}"
        shell = f"cd {shlex.quote(str(REPO))} && {shlex.join(command)}; echo {ENDED}$?; sleep 60"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "150", "-y", "40", shell],
            check=True,
        )

    def screen(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never shown; the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def presscut(folder: Path, *words: str) -> list[str]:
    return [sys.executable, "-m", "cli.main", "--library", str(folder), *words]


def subscribed_library(folder: Path, url: str) -> None:
    with Library(folder):
        pass
    subscriptions = Subscriptions(folder)
    subscriptions.feeds.append(Subscription(url))
    subscriptions.save()


def titles(folder: Path) -> list[str]:
    with Library(folder, read_only=True) as library:
        return sorted(row["title"] for row in library.articles())


def test_r_in_the_real_app_refreshes_and_q_quits(web, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    subscribed_library(folder, serve_feed(web))
    terminal = Terminal(presscut(folder))
    try:
        terminal.wait_for("Feeds (0 unread, r refreshes)")
        terminal.keys("r")
        screen = terminal.wait_for("refresh: 1 feeds checked")
        assert "Feeds (3 unread, r refreshes)" in screen
        assert STORIES[0][0][:20] in screen
        terminal.keys("q")
        assert f"{ENDED}0" in terminal.wait_for(ENDED)
    finally:
        terminal.close()
    assert titles(folder) == sorted(title for title, _, _ in STORIES)


def test_the_app_refreshes_by_itself_every_n_minutes(web, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    subscribed_library(folder, serve_feed(web))
    terminal = Terminal(presscut(folder, "open", "--refresh-every", "0.01"))
    try:
        terminal.wait_for("refresh: 1 feeds checked")  # no key pressed: by the timer
        terminal.keys("q")
        assert f"{ENDED}0" in terminal.wait_for(ENDED)
    finally:
        terminal.close()
    assert titles(folder) == sorted(title for title, _, _ in STORIES)
