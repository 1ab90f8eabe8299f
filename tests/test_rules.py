"""Corrections that teach: rules kept in the library and laid over every article's analysis.

A real library (tests/homs_library.py: "Homs" taken for a PERSON), the real app through its
Pilot, the real command line and, for a later import, the real model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from spacy.tokens import DocBin

from cli.main import main
from services.export_formats import EXPORT_FORMATS
from store.library import Library
from store.people_index import PeopleIndex
from store.quote_facts import QuoteFacts
from store.validation import SCHEMA_PATH
from tests.app_library import import_from_app
from tests.homs_library import TEXT, make
from tests.test_corrections import choose, correct, open_reader, panel_groups, who_is_shown
from tui.app import PresscutApp
from tui.screens.rules import RulesScreen

# Another article naming Homs, which the model takes for an ORG (checked in the test).
LATER = "The army left Homs on Friday, Rami Haddad said.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make(tmp_path / "library")
    return tmp_path / "library"


def cli(folder: Path, *args: str) -> int:
    return main(["--library", str(folder), *args])


def labels_of(analysis: dict, words: str) -> list[str]:
    return [e["label"] for e in analysis["entities"] if e["text"] == words]


def shown(library: Library, key: str) -> dict:
    from store.corrections import apply_corrections

    body = library.body(key)
    return apply_corrections(body["analysis"], library.annotations(key), body["text"],
                             library.rule_set())  # fmt: skip


# -- the rules in the store ------------------------------------------------------------------


def test_a_rule_relabels_every_mention_and_its_removal_brings_the_model_s_label_back(
    folder: Path,
) -> None:
    with Library(folder) as library:
        key = library.articles()[0]["id"]
        rule = library.add_rule("entity", name="homs", label="GPE")  # matched case aside
        analysis = shown(library, key)
        assert labels_of(analysis, "Homs") == ["GPE", "GPE"]
        assert next(g for g in analysis["groups"] if g["name"] == "Homs")["label"] == "GPE"
    with Library(folder) as library:  # kept through the journal and the fold
        assert [r["id"] for r in library.rules()] == [rule["id"]]
        library.remove_rule(rule["id"][:4])  # the start of an id is enough
        assert labels_of(shown(library, key), "Homs") == ["PERSON", "PERSON"]


def test_a_one_span_correction_wins_over_a_rule(folder: Path) -> None:
    with Library(folder) as library:
        key = library.articles()[0]["id"]
        correct(library, "Homs", "relabel", label="LOC")
        library.add_rule("entity", name="Homs", label="GPE")  # made later, still loses
        assert labels_of(shown(library, key), "Homs") == ["LOC", "LOC"]


def test_an_alias_joins_two_groups_under_the_name_shown(folder: Path) -> None:
    with Library(folder) as library:
        key = library.articles()[0]["id"]
        library.add_rule("alias", names=["Rami Haddad", "Red Crescent"], show="Haddad")
        analysis = shown(library, key)
        (joined,) = [g for g in analysis["groups"] if g["name"] == "Haddad"]
        assert joined["count"] == 3 and "Red Crescent" not in [g["name"] for g in
                                                                analysis["groups"]]
        assert [q["speaker"] for q in analysis["quotes"]] == ["Haddad", "Haddad"]
        assert {q["group"] for q in analysis["quotes"]} == {joined["id"]}
        assert library.catalogue()[0]["people"] == ["Haddad", "Homs"]  # the list's who: filter


def test_applying_rules_reads_no_article_again(folder: Path, monkeypatch) -> None:
    """The people index, quotes.cache and the list catch up with a change to the rules from
    what they keep: no article's body is read again."""
    with Library(folder) as library:
        index = PeopleIndex.build(library)
        facts = QuoteFacts(folder)
        facts.refresh(library, library.articles())
        reads: list[str] = []
        real_body = Library.body
        monkeypatch.setattr(Library, "body", lambda self, key: reads.append(key)
                            or real_body(self, key))  # fmt: skip
        rule = library.add_rule("entity", name="Homs", label="GPE")
        library.add_rule("alias", names=["Mr Haddad", "Rami Haddad"], show="R. Haddad")
        index.refresh()
        assert next(e for e in index.entities() if e.name == "Homs").label == "GPE"
        assert "R. Haddad" in [e.name for e in index.entities()]
        assert facts.refresh(library, library.articles()) == 0
        key = library.articles()[0]["id"]
        assert [s.speaker for s in facts.of(key).speakers] == ["R. Haddad", "Red Crescent"]
        assert "R. Haddad" in library.catalogue()[0]["people"]
        library.remove_rule(rule["id"])
        index.refresh()
        assert next(e for e in index.entities() if e.name == "Homs").label == "PERSON"
        assert reads == []


# -- the command line ------------------------------------------------------------------------


def test_rules_add_list_and_remove_on_the_command_line(folder: Path, capsys) -> None:
    assert cli(folder, "rules", "add", "entity", "Homs", "gpe") == 0
    assert "Homs → GPE" in capsys.readouterr().out
    assert cli(folder, "rules", "add", "alias", "Mr Haddad", "--as", "Rami Haddad") == 0
    assert "Mr Haddad = Rami Haddad" in capsys.readouterr().out
    assert cli(folder, "rules", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "entity" in lines[0] and "alias" in lines[1]
    assert cli(folder, "rules", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r.get("label"), r.get("show")) for r in listed] == [
        ("entity", "GPE", None), ("alias", None, "Rami Haddad")]
    assert cli(folder, "who", "homs") == 0
    assert "(GPE)" in capsys.readouterr().out
    assert cli(folder, "rules", "remove", listed[0]["id"]) == 0
    assert "removed rule" in capsys.readouterr().out
    assert cli(folder, "who", "homs") == 0
    assert "(PERSON)" in capsys.readouterr().out
    assert cli(folder, "rules", "remove", "nosuchid") == 1
    assert "`presscut rules list` shows the ids" in capsys.readouterr().err


def test_each_rules_subcommand_has_help(capsys) -> None:
    for args in (["rules"], ["rules", "list"], ["rules", "add"], ["rules", "add", "entity"],
                 ["rules", "add", "alias"], ["rules", "remove"]):
        with pytest.raises(SystemExit) as done:
            main([*args, "--help"])
        assert done.value.code == 0
        assert "usage: presscut rules" in capsys.readouterr().out


def test_an_alias_of_one_name_is_refused_in_one_line(folder: Path, capsys) -> None:
    assert cli(folder, "rules", "add", "alias", "Homs", "--as", "Homs") == 1
    assert "joins at least two names" in capsys.readouterr().err
    assert cli(folder, "rules", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


# -- every export format ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_format_shows_the_rule(folder: Path, tmp_path: Path, fmt: str) -> None:
    """The library names no GPE and no "Crescent people"; with an entity rule and an alias
    rule, every format gives Homs that label (W3C and CSV, which carry quotations but no
    entities, give the quotation's speaker the alias's name)."""

    def exported(name: str) -> str:
        out = tmp_path / f"{name}.{fmt}"
        assert cli(folder, "export", "--format", fmt, "-o", str(out)) == 0
        if fmt == "spacy":
            from nlp.model import load_model

            docs = DocBin().from_bytes(out.read_bytes()).get_docs(load_model().vocab)
            return " ".join(f"{e.text}:{e.label_}" for doc in docs for e in doc.ents)
        files = sorted(out.rglob("*")) if out.is_dir() else [out]
        return "".join(f.read_text(encoding="utf-8-sig") for f in files if f.is_file())

    before = exported("before")
    assert "GPE" not in before and "Crescent people" not in before
    assert cli(folder, "rules", "add", "entity", "Homs", "GPE") == 0
    assert cli(folder, "rules", "add", "alias", "Red Crescent", "--as", "Crescent people") == 0
    after = exported("after")
    assert "Crescent people" in after if fmt in ("w3c", "csv") else "GPE" in after
    if fmt == "json":  # still the contract: store/export.schema.json
        Draft202012Validator(json.loads(SCHEMA_PATH.read_text())).validate(json.loads(after))
    if fmt == "spacy":
        assert "Homs:GPE" in after and "Homs:PERSON" not in after


# -- the app ---------------------------------------------------------------------------------


async def test_relabel_everywhere_reaches_a_later_import_and_its_removal_undoes_it(
    folder: Path, tmp_path: Path
) -> None:

    later = tmp_path / "later.txt"
    later.write_text(LATER, encoding="utf-8")
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            await pilot.press("c")  # on the first "Homs"
            await choose(pilot, "Change the label of “Homs”")
            await choose(pilot, "LOC")
            await choose(pilot, "Everywhere")
            assert "Homs  LOC ×2" in panel_groups(app)
            assert [r["label"] for r in library.rules()] == ["LOC"]
            assert not [a for a in library.annotations() if a["kind"] == "correction"]
            await import_from_app(app, pilot, str(later))
            new = next(r["id"] for r in library.articles() if r["path"].endswith("later.txt"))
            model = library.body(new)["analysis"]
            assert labels_of(model, "Homs") == ["ORG"]  # the model's, as stored
            assert labels_of(shown(library, new), "Homs") == ["LOC"]
            people = await who_is_shown(app, pilot)
            (homs,) = [e for e in people.shown if e.name == "Homs"]
            assert homs.label == "LOC" and len(homs.articles) == 2
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("R")
            assert isinstance(app.screen, RulesScreen)
            await pilot.press("d")
            assert library.rules() == []
            await pilot.press("escape")
            await pilot.pause()
            assert labels_of(shown(library, new), "Homs") == ["ORG"]
            assert "Homs  PERSON ×2" in panel_groups(app)  # the open article shown at once


async def test_here_only_stays_a_one_span_correction(folder: Path) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await open_reader(pilot)
            await pilot.press("c")
            await choose(pilot, "Change the label of “Homs”")
            await choose(pilot, "GPE")
            await choose(pilot, "Here only")
            assert library.rules() == []
            (correction,) = library.annotations()
            assert (correction["action"], correction["label"]) == ("relabel", "GPE")


async def test_same_as_makes_one_row_in_the_who_s_who(folder: Path) -> None:
    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = await open_reader(pilot)
            reader.move_to_offset(TEXT.index("Red Crescent"))
            await pilot.press("c")
            await choose(pilot, "Say “Red Crescent” is the same as another name")
            await choose(pilot, "Rami Haddad")
            await choose(pilot, "Rami Haddad")  # the name to show
            (rule,) = library.rules()
            assert (rule["kind"], rule["show"]) == ("alias", "Rami Haddad")
            assert [g for g in panel_groups(app) if "Crescent" in g] == []
            people = await who_is_shown(app, pilot)
            assert [e.name for e in people.shown].count("Rami Haddad") == 1
            assert "Red Crescent" not in [e.name for e in people.shown]


async def test_the_rules_screen_removes_and_undoes(folder: Path) -> None:
    with Library(folder) as library:
        library.add_rule("entity", name="Homs", label="GPE")
        library.add_rule("alias", names=["Mr Haddad", "Rami Haddad"], show="Rami Haddad")
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_reader(pilot)
            assert "Homs  GPE ×2" in panel_groups(app)
            await pilot.press("R")
            screen = app.screen
            assert isinstance(screen, RulesScreen)
            assert screen.query_one("#rules-table").row_count == 2
            await pilot.press("d")  # the first: Homs is GPE
            assert [r["kind"] for r in library.rules()] == ["alias"]
            assert screen.query_one("#rules-table").row_count == 1
            await pilot.press("u")
            assert [r["kind"] for r in library.rules()] == ["entity", "alias"]
            await pilot.press("ctrl+r")
            assert [r["kind"] for r in library.rules()] == ["alias"]
            await pilot.press("u", "escape")
            await pilot.pause()
            assert "Homs  GPE ×2" in panel_groups(app)
