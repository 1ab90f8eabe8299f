"""An import of a folder says how many files it passed over, and why."""

from __future__ import annotations

from pathlib import Path

from cli.main import main
from nlp.sources import skipped_in_folders
from services.importer import ImportReport


def folder_of_other_files(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    (folder / "scans").mkdir(parents=True)
    (folder / "scans" / "page1.pdf").write_bytes(b"%PDF-1.4")
    (folder / "scans" / "page2.PDF").write_bytes(b"%PDF-1.4")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / "export.json").write_text("{}")
    (folder / "README").write_text("notes")
    (folder / ".DS_Store").write_bytes(b"\0")  # hidden: not the user's files
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.bin").write_bytes(b"\0")
    return folder


def test_files_that_are_no_articles_are_counted_by_kind(tmp_path: Path) -> None:
    skipped = skipped_in_folders([folder_of_other_files(tmp_path)])
    assert skipped == {".pdf": 2, ".png": 1, ".json": 1, "": 1}
    line = ImportReport(skipped=dict(skipped)).skipped_line()
    assert line.startswith("5 other files skipped (.pdf ×2, ")
    assert "no ending" in line and "presscut reads .htm, .html, .markdown, .md, .txt" in line
    assert ImportReport(skipped={".pdf": 1}).skipped_line().startswith("1 other file skipped")
    assert ImportReport().skipped_line() is None


def test_the_command_line_says_what_it_skipped(tmp_path: Path, capsys) -> None:
    folder = folder_of_other_files(tmp_path)
    assert main(["--library", str(tmp_path / "library"), "import", str(folder)]) == 0
    said = capsys.readouterr().err
    assert "5 other files skipped (.pdf ×2" in said
