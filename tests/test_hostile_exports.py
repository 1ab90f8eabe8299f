"""Hostile exports: an export from outside never names a file, and one bad article stays out.

An export is built from a real library (tests/annotated_library.py), then damaged the way a
hand-edited or crafted file is: ids that are paths, catalogue fields that repeat (and would
override) checked ones, values of the wrong type, offsets beyond the text. Each bad article is
refused in one line, the good ones of the same file go in, and every command still works on
the library afterwards.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from store.ids import BadId
from store.layout import body_path
from store.library import Library
from tests.annotated_library import annotate

COMMANDS = (["list"], ["who"], ["export"], ["export", "--format", "brat", "-o", "{out}"],
            ["export", "--format", "csv"], ["check"])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("source")
    with Library(folder / "library") as library:
        annotate(library)
    out = folder / "export.json"
    assert main(["--library", str(folder / "library"), "export", "-o", str(out)]) == 0
    return json.loads(out.read_text())


def import_(folder: Path, data: dict) -> int:
    path = folder / "crafted.json"
    path.write_text(json.dumps(data))
    return main(["--library", str(folder / "library"), "import", str(path)])


def run(folder: Path, *argv: str) -> int:
    return main(["--library", str(folder / "library"), *argv])


def test_an_article_id_that_is_a_path_never_names_a_file(
    exported: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text('{"mine": true}')
    outside = tmp_path / "deep" / "deeper"
    outside.mkdir(parents=True)
    for hostile in (str(victim.with_suffix("")), "../../victim", "../../../victim"):
        for holder in ("catalogue", "article"):
            crafted = copy.deepcopy(exported)
            article = crafted["articles"][0]
            (article["catalogue"] if holder == "catalogue" else article)["id"] = hostile
            capsys.readouterr()
            assert import_(outside, crafted) == 1
            err = capsys.readouterr().err
            assert err.count(" refused: ") == 1 and err.count("\n") == 2, err
            assert victim.read_text() == '{"mine": true}'
            assert run(outside, "check") == 0


def test_a_catalogue_field_never_overrides_a_checked_one(
    exported: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = copy.deepcopy(exported)
    crafted["articles"][0]["catalogue"]["title"] = 1234
    assert import_(tmp_path, crafted) == 1
    assert "'title'" in capsys.readouterr().err
    for command in COMMANDS:
        argv = [part.format(out=tmp_path / "brat") for part in command]
        assert run(tmp_path, *argv) == 0, argv
    with Library(tmp_path / "library", read_only=True) as library:
        assert [row["title"] for row in library.articles()] == [
            crafted["articles"][1]["title"]
        ]


@given(key=st.text(max_size=30))
def test_the_article_path_is_only_ever_made_from_an_id(key: str) -> None:
    folder = Path("/library")
    if len(key) == 10 and all(c in "0123456789abcdef" for c in key):
        assert body_path(folder, key) == folder / "articles" / f"{key}.json"
    else:
        with pytest.raises(BadId):
            body_path(folder, key)


def test_put_article_refuses_an_id_of_another_form(tmp_path: Path) -> None:
    with Library(tmp_path / "library") as library, pytest.raises(BadId):
        library.put_article({"id": "../../x", "origin": "/x"}, {"text": "x"})
    assert not (tmp_path / "x.json").exists()


# -- malformed articles, generated ------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)  # JSON has neither: json.dumps writes them
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                   max_size=3),
    max_leaves=6,
)
BIG = st.integers(-(10**30), 10**30)


def _places(value: object, path: tuple = ()) -> list[tuple]:
    """Every place in an article that holds a value: what a malformed export may change."""
    places = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            places += _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            places += _places(inner, (*path, index))
    return places


def _set(article: dict, path: tuple, value: object) -> None:
    holder = article
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value


@st.composite
def malformed(draw: st.DrawFn, article: dict) -> dict:
    """The article with one value replaced: by any JSON value, or an offset by a huge number."""
    article = copy.deepcopy(article)
    places = _places(article)
    offsets = [p for p in places if p[-1] in ("start", "end") or isinstance(p[-1], int)]
    if offsets and draw(st.booleans()):
        _set(article, draw(st.sampled_from(offsets)), draw(BIG))
    else:
        _set(article, draw(st.sampled_from(places)), draw(JSON_VALUES))
    return article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(data=st.data())
def test_a_malformed_article_is_refused_or_harmless_and_the_others_go_in(
    exported: dict, data: st.DataObject
) -> None:
    good, victim = exported["articles"]
    bad = data.draw(malformed(victim))
    crafted = {**exported, "articles": [bad, good]}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        assert import_(folder, crafted) in (0, 1)
        with Library(folder / "library", read_only=True) as library:
            ids = [row["id"] for row in library.articles()]
        assert good["id"] in ids
        for command in COMMANDS:
            argv = [part.format(out=folder / "brat") for part in command]
            assert run(folder, *argv) == 0, argv
            shutil.rmtree(folder / "brat", ignore_errors=True)


# -- folder exports never delete the user's files ---------------------------------------

FILE_NAMES = st.text(alphabet="abcdefghij-_ .", min_size=1, max_size=12).filter(
    lambda name: name.strip(".") and "/" not in name
)
USER_FOLDERS = st.dictionaries(
    st.tuples(FILE_NAMES, st.sampled_from([".txt", ".ann", ".conf", ""])).map("".join),
    st.binary(max_size=20), min_size=1, max_size=5,
)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=USER_FOLDERS)
def test_a_forced_folder_export_never_replaces_a_folder_of_the_users(
    exported: dict, files: dict[str, bytes]
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        assert import_(folder, exported) == 0
        mine = folder / "mine"
        mine.mkdir()
        for name, data in files.items():
            (mine / name).write_bytes(data)
        assert run(folder, "export", "--format", "brat", "-o", str(mine), "--force") == 1
        assert _contents(mine) == files


def test_a_forced_folder_export_replaces_its_own_export_only_while_it_is_untouched(
    exported: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_(tmp_path, exported) == 0
    out = tmp_path / "brat"
    assert run(tmp_path, "export", "--format", "brat", "-o", str(out)) == 0
    written = _contents(out)
    assert run(tmp_path, "export", "--format", "brat", "-o", str(out), "--force") == 0
    assert _contents(out).keys() == written.keys()
    (out / "my-notes.txt").write_text("mine")
    capsys.readouterr()
    assert run(tmp_path, "export", "--format", "brat", "-o", str(out), "--force") == 1
    assert "my-notes.txt" in capsys.readouterr().err
    assert (out / "my-notes.txt").read_text() == "mine"
