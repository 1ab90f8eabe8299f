"""Hostile folders and encodings: a link loop, a folder that cannot be read and UTF-16/32 files
are each reported in one line, and the rest of the folder is imported."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from nlp.errors import BadInput
from nlp.sources import iter_source_files, read_document

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Talks stall in Oslo\n\nThe minister said on Tuesday that the talks in Oslo had failed and "
    "that the government would try again next week, with the support of the opposition.\n"
)
# Root reads every folder whatever its mode: without these capabilities it is refused as anyone.
AS_ANYONE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
             "--bounding-set=-dac_override,-dac_read_search"]


def test_a_link_loop_is_reported_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_text(ARTICLE)
    (folder / "one.txt").symlink_to(folder / "two.txt")
    (folder / "two.txt").symlink_to(folder / "one.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a link to a folder above: not followed
    status = main(["--library", str(tmp_path / "library"), "import", str(folder)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert f"{folder / 'one.txt'}: skipped, a link that leads back to itself" in err
    assert "1 added" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_are_named_with_the_line_to_convert_them(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "it's a story.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + ARTICLE.encode(encoding))  # "utf-16" and "utf-32" write their own
    with pytest.raises(BadInput) as refused:
        read_document(path)
    message = str(refused.value)
    family = "UTF-32" if "32" in encoding else "UTF-16"
    assert f"is {family} text, not UTF-8" in message and "binary" not in message
    command = message.split("convert it with: ", 1)[1]
    assert shlex.split(command)[:6] == ["iconv", "-f", family, "-t", "utf-8", str(path)]
    converted = subprocess.run(shlex.split(command)[:6], capture_output=True, check=True).stdout
    assert converted.decode() == ARTICLE


def _listing(folder: Path) -> list[str]:
    """What `iter_source_files` gives for ``folder``, in a process that file modes bind."""
    script = (
        "import sys; from pathlib import Path; from nlp.sources import iter_source_files\n"
        "for item in iter_source_files([Path(sys.argv[1])]): print(item)"
    )
    bound = AS_ANYONE if os.geteuid() == 0 else []
    result = subprocess.run(
        [*bound, sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
        cwd=REPO, check=True,
    )  # fmt: skip
    return result.stdout.splitlines()


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="root reads every folder, and setpriv is not here to take that away",
)
def test_a_folder_that_cannot_be_read_is_skipped_with_a_line_saying_why(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed" / "hidden.txt").write_text(ARTICLE)
    (folder / "open.txt").write_text(ARTICLE)
    (folder / "closed").chmod(0)
    try:
        lines = _listing(folder)
    finally:
        (folder / "closed").chmod(0o755)
    assert lines == [
        str(folder / "open.txt"),
        f"{folder / 'closed'}: folder skipped, it cannot be read (permission denied)",
    ]


def test_the_folder_listing_yields_its_problems_rather_than_raising(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    (found,) = list(iter_source_files([missing]))
    assert isinstance(found, BadInput) and "no such file or folder" in str(found)
