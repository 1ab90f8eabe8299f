"""A throw-away copy of the generated library, so no benchmark changes the cached one.

The snapshot is copied (saves write beside it); the 10,000 bodies are only read, so the copy's
``articles`` folder is a link to the cached one. The segment files are never changed in place (a
fold writes new ones and removes the old names), so the copy's are hard links.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from store.layout import SEGMENTS_NAME
from store.library import BODIES_NAME, SNAPSHOT_NAME


def working_copy(library: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="presscut-bench-")) / "library"
    folder.mkdir()
    shutil.copyfile(library / SNAPSHOT_NAME, folder / SNAPSHOT_NAME)
    (folder / BODIES_NAME).symlink_to(library / BODIES_NAME)
    (folder / SEGMENTS_NAME).mkdir(mode=0o700)
    for segment in (library / SEGMENTS_NAME).iterdir():
        try:
            os.link(segment, folder / SEGMENTS_NAME / segment.name)
        except OSError:  # another file system: a copy
            shutil.copyfile(segment, folder / SEGMENTS_NAME / segment.name)
    return folder


def discard(folder: Path) -> None:
    shutil.rmtree(folder.parent, ignore_errors=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
