"""`presscut check` reads again only what changed since the last check, and misses nothing for it.

The texts a check opens are counted by an audit hook in the `presscut check` process itself
(every ``open`` the interpreter makes is an audit event), so what is counted is what was read,
not what the check says it read. Damage is done on disk after a clean check, the way it
happens: a text cut short or lost, a row or an annotation edited behind the library's back, a
text changed in place with its modification time put back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from cli.main import main
from store.checked_cache import (
    CACHE_NAME,
    annotations_digests,
    content_digest,
    file_stamp,
    read_checked,
    rules_digest,
    write_checked,
)
from store.ids import is_article_id
from store.layout import SNAPSHOT_NAME, body_path
from store.library import ANNOTATIONS, ARTICLES, Library
from tests.annotated_library import spoil
from tests.test_hostile_store import read_only, state_of

REPO = Path(__file__).resolve().parent.parent
COUNTING_CHECK = """
import os, sys
opened = []
def count(event, args):
    if event == "open" and not isinstance(args[0], int):
        opened.append(os.path.basename(os.fsdecode(args[0])))
sys.addaudithook(count)
from cli.main import main
code = main(sys.argv[1:])
print("opened:", *opened, file=sys.stderr)
sys.exit(code)
"""


def counted_check(folder: Path, *extra: str) -> tuple[int, str, set[str]]:
    """`presscut check` in a process of its own: its exit code, report, and the ids of the
    articles whose text file it opened."""
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_CHECK, "--library", str(folder), "check", *extra],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    opened = done.stderr.splitlines()[-1].split()[1:]
    texts = {name[:-5] for name in opened if name.endswith(".json") and is_article_id(name[:-5])}
    return done.returncode, done.stdout, texts


def segments_opened(folder: Path) -> tuple[int, str, list[str]]:
    """`presscut check` in a process of its own: its exit code, report, and the segment files
    (`segments/B.gN.json`) it opened."""
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_CHECK, "--library", str(folder), "check"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    opened = done.stderr.splitlines()[-1].split()[1:]
    segments = {path.name for path in (folder / "segments").glob("*.json")}
    return done.returncode, done.stdout, [name for name in opened if name in segments]


def test_a_second_check_reads_no_segment_and_a_damaged_one_is_found(
    annotated: tuple[Path, str, str],
) -> None:
    """At 100,000 articles reading every segment was two of a warm check's five seconds."""
    folder, _, _ = annotated
    code, report, opened = segments_opened(folder)
    assert code == 0 and opened, report
    code, report, opened = segments_opened(folder)
    assert code == 0, report
    assert opened == []
    with Library(folder, read_only=True) as library:  # counted from the summaries, unread
        assert f", {len(library.annotations())} annotations, " in report
    segment = next((folder / "segments").glob("*.json"))
    segment.write_bytes(segment.read_bytes()[:20])
    code, report, _ = segments_opened(folder)
    assert code == 1
    assert f"problem: {segment}: damaged annotations file" in report


def run_check(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--library", str(folder), "check", *extra])
    return code, capsys.readouterr().out


def test_a_second_check_reads_no_text_and_a_changed_one_is_read(
    annotated: tuple[Path, str, str],
) -> None:
    folder, a, b = annotated
    code, report, opened = counted_check(folder)
    assert code == 0, report
    assert opened == {a, b}
    assert (folder / CACHE_NAME).stat().st_mode & 0o777 == 0o600

    code, report, opened = counted_check(folder)
    assert code == 0, report
    assert opened == set()
    assert "2 of 2 article texts ok (0 read, 2 unchanged since the last check)" in report

    body_path(folder, b).write_bytes(body_path(folder, b).read_bytes()[:40])
    code, report, opened = counted_check(folder)
    assert code == 1
    assert opened == {b}
    assert f"problem: {body_path(folder, b)}: damaged" in report


def test_a_full_check_reads_every_text(annotated: tuple[Path, str, str]) -> None:
    folder, a, b = annotated
    assert counted_check(folder)[0] == 0
    code, report, opened = counted_check(folder, "--full")
    assert code == 0, report
    assert opened == {a, b}


def _lose_text(folder: Path, a: str) -> None:
    body_path(folder, a).unlink()


def _cut_text(folder: Path, a: str) -> None:
    body_path(folder, a).write_bytes(body_path(folder, a).read_bytes()[:40])


def _offsets_beyond_the_text(folder: Path, a: str) -> None:
    with Library(folder, read_only=True) as library:
        placed = next(n for n in library.annotations(a) if n.get("target") and not n.get("orphan"))
    target = {**placed["target"], "start": 10**12, "end": 10**12 + 1}
    spoil(folder, ANNOTATIONS, placed["id"], {"target": target})


def _title_a_number(folder: Path, a: str) -> None:
    spoil(folder, ARTICLES, a, {"title": 1234})


CHANGES = {
    "text missing": _lose_text,
    "text cut short": _cut_text,
    "annotation beyond the text": _offsets_beyond_the_text,
    "title a number": _title_a_number,
}


@pytest.mark.parametrize("change", CHANGES)
def test_what_changed_after_a_clean_check_is_found(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str], change: str
) -> None:
    folder, a, b = annotated
    assert run_check(folder, capsys)[0] == 0
    CHANGES[change](folder, a)
    for _ in range(2):  # found again at the next check: a damaged article is never recorded
        code, report = run_check(folder, capsys)
        assert code == 1
        problems = [line for line in report.splitlines() if line.startswith("problem: ")]
        assert len(problems) == 1 and a in problems[0], report
        assert "1 of 2 article texts ok (1 read, 1 unchanged since the last check)" in report


def test_a_text_changed_in_place_with_its_time_put_back_is_found(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The change time moves with any write, so a restored modification time hides nothing;
    a change no time shows (the disk's own) is found by `--full`, which trusts no stamp."""
    folder, a, b = annotated
    assert run_check(folder, capsys)[0] == 0
    path = body_path(folder, a)
    before = path.stat()
    data = path.read_bytes()
    path.write_bytes(b"X" + data[1:])  # same size, no longer JSON
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    code, report = run_check(folder, capsys)
    assert code == 1 and f"problem: {path}: damaged" in report

    last = read_checked(folder, rules_digest())  # bytes changed, no stamp shows it: the disk's
    with Library(folder, read_only=True) as library:
        notes = annotations_digests(library.annotations(a)).get(a, 0)
        content = content_digest(library.article(a), notes)
    last.articles[a] = file_stamp(path.stat(), content)
    assert write_checked(folder, rules_digest(), last) is None
    assert run_check(folder, capsys)[0] == 0  # trusted: the stamp is the one recorded
    code, report = run_check(folder, capsys, "--full")
    assert code == 1 and f"problem: {path}: damaged" in report


DAMAGED_CACHES = {
    "not JSON": lambda a, b: b"{not json",
    "of wrong shapes": lambda a, b: orjson.dumps({
        "rules": rules_digest(), "source": 5, "touched": [[1], {}],
        "articles": {a: {"x": 1}, b: 7},
    }),
}  # fmt: skip


@pytest.mark.parametrize("damage", DAMAGED_CACHES)
def test_a_damaged_cache_is_ignored_and_written_again(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    folder, a, b = annotated
    (folder / CACHE_NAME).write_bytes(DAMAGED_CACHES[damage](a, b))
    code, report = run_check(folder, capsys)
    assert code == 0 and "2 of 2 article texts ok\n" in report
    assert set(read_checked(folder, rules_digest()).articles) == {a, b}


def test_a_read_only_library_is_checked_and_no_cache_is_claimed(
    annotated: tuple[Path, str, str],
) -> None:
    folder, a, b = annotated
    before = state_of(folder)
    with read_only(folder):
        for _ in range(2):
            code, report, opened = counted_check(folder)
            assert code == 0, report
            assert opened == {a, b}  # nothing recorded, so everything read each time
            assert "2 of 2 article texts ok\n" in report
            assert f"{folder / CACHE_NAME}: not written" in report
    assert state_of(folder) == before


def _journalled(folder: Path, table: str, key: str, change: dict) -> None:
    """A change in the journal only, the snapshot left as the last check read it: committed
    as a presscut that let a bad value in would, then the process gone before any fold."""
    library = Library(folder)
    row = library.article(key) if table == ARTICLES else library.annotation(key)
    library._commit(table, key, {**row, **change})
    library.journal.close()
    library._release_writer_lock()


def test_a_bad_value_in_the_journal_is_found_with_the_snapshot_unchanged(
    annotated: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, a, b = annotated
    assert run_check(folder, capsys)[0] == 0
    snapshot = (folder / SNAPSHOT_NAME).stat()
    with Library(folder, read_only=True) as library:
        placed = next(n for n in library.annotations(b) if n.get("target"))
    _journalled(folder, ANNOTATIONS, placed["id"],
                {"target": {**placed["target"], "start": 10**12, "end": 10**12 + 1}})
    _journalled(folder, ARTICLES, a, {"title": 1234})
    assert (folder / SNAPSHOT_NAME).stat().st_mtime_ns == snapshot.st_mtime_ns
    code, report = run_check(folder, capsys)
    assert code == 1
    assert f"article {b} its annotation {placed['id']!r}" in report
    assert f"article {a} its entry in the library is damaged" in report
