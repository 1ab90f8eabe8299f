"""A program on a pseudo-terminal of 120 x 40, as a person runs it: for what only the real
app in a real terminal does (process pools, full disks at quitting). Its output is gathered by
a thread, so the program never blocks on a full terminal."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path


class Terminal:
    def __init__(
        self,
        command: Sequence[str],
        *,
        cwd: Path | None = None,
        preexec_fn: Callable[[], None] | None = None,
    ) -> None:
        self.master, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        self.process = subprocess.Popen(
            list(command), stdin=child, stdout=child, stderr=child, cwd=cwd, env=env,
            preexec_fn=preexec_fn, start_new_session=True,
        )  # fmt: skip
        os.close(child)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other end closed: the program ended
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str, seconds: float = 60, since: int = 0, settle: float = 0) -> None:
        """Until the screen has shown ``text`` (after byte ``since`` of the output), then
        ``settle`` seconds more (under load, drawn is not yet focused)."""
        deadline = time.monotonic() + seconds
        while text.encode() not in self.output[since:]:
            assert time.monotonic() < deadline, f"{text!r} never shown"
            time.sleep(0.05)
        time.sleep(settle)

    def send(self, keys: str, then: str | None = None) -> None:
        """Type ``keys``; with ``then``, wait until the screen shows it after them."""
        mark = len(self.output)
        os.write(self.master, keys.encode())
        if then is not None:
            self.wait_for(then, since=mark)

    def end(self, seconds: float = 60) -> tuple[int, str]:
        """The program's exit status and all it showed, once it has ended by itself."""
        code = self.process.wait(timeout=seconds)
        self._reader.join(timeout=10)
        os.close(self.master)
        return code, self.output.decode(errors="replace")

    def kill(self) -> None:
        """End the program if it still runs (a test that failed midway)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        with contextlib.suppress(OSError):  # already closed by `end`
            os.close(self.master)
