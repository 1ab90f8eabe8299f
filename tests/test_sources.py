"""Finding article files and reading them: every unusable file is one clear BadInput line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.errors import BadInput
from nlp.records import Document
from nlp.sources import MAX_BYTES, english_share, iter_source_files, read_document
from tests.conftest import SAMPLES

ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate about how much "
    "money should go to schools and how much to roads, the mayor said in a statement."
)
FOREIGN = {
    "fr": "Le gouvernement français a annoncé mardi une série de mesures pour soutenir les "
    "entreprises touchées par la crise. Le ministre de l'économie a déclaré que ces aides "
    "seraient versées dès le mois prochain aux sociétés concernées.",
    "de": "Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Krise "
    "betroffenen Unternehmen zu unterstützen. Der Wirtschaftsminister sagte, die Hilfen würden "
    "ab dem nächsten Monat ausgezahlt.",
    "es": "El gobierno español anunció el martes una serie de medidas para apoyar a las empresas "
    "afectadas por la crisis. El ministro de economía dijo que las ayudas se pagarán a partir "
    "del próximo mes.",
    "ru": "Правительство России во вторник объявило о ряде мер по поддержке компаний, "
    "пострадавших от кризиса. Министр экономики заявил, что помощь будет выплачена в "
    "следующем месяце.",
}
# One tmp_path serves every example: each writes the same file name afresh.
TMP_PATH_REUSED = HealthCheck.function_scoped_fixture


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def bad_input(path: Path) -> str:
    with pytest.raises(BadInput) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


# --- finding files ---------------------------------------------------------------------------


def test_folders_expand_recursively_sorted_to_article_files(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.htm", "e.markdown", "F.TXT", "notes.pdf",
                 ".hidden.txt", ".git/x.txt"):
        write(tmp_path, name, ENGLISH)
    found = list(iter_source_files([tmp_path]))
    assert found == [tmp_path / name for name in
                     ("F.TXT", "a.md", "b.txt", "e.markdown", "sub/c.html", "sub/d.htm")]


def test_bad_paths_are_yielded_not_raised(tmp_path):
    good = write(tmp_path, "good.txt", ENGLISH)
    other = write(tmp_path, "report.pdf", b"%PDF-1.4")
    found = list(iter_source_files([tmp_path / "missing.txt", other, good, good]))
    assert found[2:] == [good]
    missing, wrong = found[:2]
    assert isinstance(missing, BadInput) and "missing.txt: no such file" in str(missing)
    assert isinstance(wrong, BadInput) and "report.pdf: not an article file" in str(wrong)


def test_samples_folder():
    found = list(iter_source_files([SAMPLES]))
    assert [path.name for path in found] == sorted(path.name for path in SAMPLES.iterdir())


# --- reading files ---------------------------------------------------------------------------


def test_samples_read():
    upi = read_document(SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt")
    bbc = read_document(SAMPLES / "bbc-syria-opposition-fails-to-convince-russia.txt")
    assert (upi.title, upi.source, upi.published) == (
        "Kremlin pressed on Syrian stance", "UPI", "2011-11-15")
    assert (bbc.title, bbc.section, bbc.source, bbc.published) == (
        "Syria opposition fails to convince Russia over Assad", "Middle East", "BBC", "2011-11-15")


def test_empty_and_whitespace_only(tmp_path):
    assert "is empty" in bad_input(write(tmp_path, "empty.txt", b""))
    assert "is empty" in bad_input(write(tmp_path, "blank.txt", " \n\t\r\n  \n"))
    assert "is empty" in bad_input(write(tmp_path, "bom.txt", b"\xef\xbb\xbf \n"))


def test_binary(tmp_path):
    assert "NUL" in bad_input(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"))
    controls = bytes(range(1, 9)) * 20 + ENGLISH.encode()
    assert "control characters" in bad_input(write(tmp_path, "odd.txt", controls))


def test_latin1_names_the_offset_and_suggests_iconv(tmp_path):
    data = ENGLISH.replace("mayor", "maire été").encode("latin-1")
    message = bad_input(write(tmp_path, "latin.txt", data))
    offset = data.index(b"\xe9")
    assert f"byte 0xe9 at byte offset {offset}" in message
    assert "iconv -f " in message and "-t utf-8" in message


def test_utf8_bom_is_accepted_and_dropped(tmp_path):
    document = read_document(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode()))
    assert document.original == ENGLISH
    assert document.text == ENGLISH


def test_line_endings_are_normalised(tmp_path):
    path = write(tmp_path, "crlf.txt", f"Budget passes\r\n\r\nAdvertisement\r\n\r\n{ENGLISH}\r")
    document = read_document(path)
    assert document.original == f"Budget passes\n\nAdvertisement\n\n{ENGLISH}\n"
    assert document.text == ENGLISH
    assert document.title == "Budget passes"


def test_huge_file(tmp_path):
    path = write(tmp_path, "huge.txt", (ENGLISH + "\n\n") * (MAX_BYTES // len(ENGLISH) + 1))
    assert "too large" in bad_input(path)


def test_long_article_passes(tmp_path):
    paragraphs = [ENGLISH] * (50_000 // len(ENGLISH.split()) + 1)
    path = write(tmp_path, "long.txt", "Budget passes\n\n" + "\n\n".join(paragraphs))
    document = read_document(path)
    assert len(document.text.split()) >= 50_000


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_is_refused(tmp_path, language):
    message = bad_input(write(tmp_path, f"{language}.txt", FOREIGN[language]))
    assert "does not look like English" in message


def test_short_english_is_accepted(tmp_path):
    document = read_document(write(tmp_path, "short.txt", "Budget passes\n\nThe council agreed."))
    assert document.text == "The council agreed."
    assert english_share("The council agreed.") is None


def test_a_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is a folder" in bad_input(folder)


def test_missing_file(tmp_path):
    assert "no such file" in bad_input(tmp_path / "gone.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable(tmp_path):
    path = write(tmp_path, "locked.txt", ENGLISH)
    path.chmod(0)
    try:
        assert "permission denied" in bad_input(path)
    finally:
        path.chmod(0o644)


def test_only_furniture_is_refused(tmp_path):
    message = bad_input(write(tmp_path, "ads.txt", "Advertisement\n\nShare this article\n"))
    assert "no article text" in message


def test_title_falls_back_to_file_name(tmp_path):
    document = read_document(write(tmp_path, "budget-vote_report.txt", ENGLISH))
    assert document.title == "Budget vote report"


def test_markdown_and_html_dispatch(tmp_path):
    md = read_document(write(tmp_path, "story.md", f"# Budget passes\n\n**{ENGLISH}**\n"))
    assert (md.format, md.title, md.text) == ("md", "Budget passes", ENGLISH)
    html = read_document(write(
        tmp_path, "story.html",
        f"<html><head><title>Budget passes</title></head><body><p>{ENGLISH}</p></body></html>",
    ))
    assert (html.format, html.text) == ("html", ENGLISH)


def test_html_without_text_names_the_file(tmp_path):
    message = bad_input(write(tmp_path, "blank.html", "<html><body><div> </div></body></html>"))
    assert "no article text found" in message


def test_sample_copied_as_markdown_reads_the_same(tmp_path):
    source = SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt"
    copy = tmp_path / "upi.md"
    shutil.copy(source, copy)
    assert read_document(copy).text == read_document(source).text


@settings(max_examples=150, deadline=None, suppress_health_check=[TMP_PATH_REUSED])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_bytes_give_a_document_or_bad_input(tmp_path, data, suffix):
    path = write(tmp_path, f"random{suffix}", data)
    try:
        assert isinstance(read_document(path), Document)
    except BadInput as error:
        assert "\n" not in str(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[TMP_PATH_REUSED])
@given(text=st.text(max_size=1500), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_text_gives_a_document_or_bad_input(tmp_path, text, suffix):
    path = write(tmp_path, f"random{suffix}", text.encode("utf-8", "surrogatepass"))
    try:
        assert isinstance(read_document(path), Document)
    except BadInput as error:
        assert "\n" not in str(error)
