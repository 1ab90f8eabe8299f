"""Figures two reports give, read with the real model from texts written for these tests.

Each muddle `presscut compare` made is reproduced here: the words after a number printed as what
it counts ("40 million pounds million more"), days of the week paired as figures, a place or a
road named as who gives a figure, and whoever a sentence names credited with its numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from nlp.analyse import analyse_one
from nlp.model import load_model
from store.compare import compare
from store.library import Library

REPORT_A = "\n\n".join([
    "Bypass bill climbs as work on the M8 resumes",
    "Work on the M8 bypass in Glasgow resumed on Tuesday after a pause of three months.",
    "The council's transport convener, Moira Lennox, said the scheme would now cost 40 "
    "million pounds, 5 million more than planned.",
    "Traffic on the M8 fell by 12 percent during the closure, and 300 workers returned to "
    "the site on Tuesday.",
    "Glasgow has 14 bridges across the motorway. Moira Lennox visited 6 schools near the "
    "route.",
]) + "\n"

REPORT_B = "\n\n".join([
    "M8 bypass costs rise again",
    "Work restarted on the M8 bypass in Glasgow on Tuesday.",
    "Moira Lennox, who convenes the council's transport committee, said the bill had "
    "reached 40 million pounds, 5 million more than first budgeted.",
    "Traffic on the M8 fell by 12 percent while the road was shut, and 300 workers were "
    "back on Tuesday.",
    "Glasgow has 14 bridges across the motorway. Moira Lennox also opened 6 schools last "
    "year.",
]) + "\n"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    folder = tmp_path_factory.mktemp("figures")
    (folder / "a.txt").write_text(REPORT_A)
    (folder / "b.txt").write_text(REPORT_B)
    library = folder / "library"
    assert main(["--library", str(library), "import", str(folder / "a.txt"),
                 str(folder / "b.txt")]) == 0
    with Library(library, read_only=True) as opened:
        ids = {row["title"].split()[0]: row["id"] for row in opened.articles()}
    return library, ids["Bypass"], ids["M8"]


@pytest.fixture
def result(reports):
    library, a, b = reports
    with Library(library, read_only=True) as opened:
        return compare(opened, a, b)


def test_a_figure_is_its_number_with_its_unit_or_counted_noun_once(reports, capsys) -> None:
    library, a, b = reports
    assert main(["--library", str(library), "compare", a, b]) == 0
    figures = capsys.readouterr().out.split("Figures in both")[1].split("Quotations only")[0]
    assert "A 40 million pounds [Moira Lennox (say)]  B 40 million pounds [Moira Lennox (say)]" \
        in figures
    assert "300 workers [" in figures and "14 bridges [" in figures
    assert "million more" not in figures and "returned" not in figures
    assert "across" not in figures


def test_days_of_the_week_are_not_figures(result) -> None:
    assert all("Tuesday" not in pair.a.text for pair in result.figures)
    assert {pair.a.label for pair in result.figures} <= {"MONEY", "PERCENT", "QUANTITY",
                                                         "CARDINAL"}


def test_a_place_or_a_road_never_gives_a_figure(result) -> None:
    speakers = {pair.a.speaker for pair in result.figures} | {
        pair.b.speaker for pair in result.figures
    }
    assert not speakers & {"Glasgow", "M8", "the M8"}
    bridges = next(pair for pair in result.figures if pair.a.value == 14)
    assert bridges.agree and bridges.a.speaker is None and bridges.b.speaker is None


def test_who_gives_a_figure_is_the_speaker_of_its_clause_else_nobody(result) -> None:
    cost = next(pair for pair in result.figures if pair.a.value == 40e6)
    assert cost.same_source and cost.a.speaker == cost.b.speaker == "Moira Lennox"
    schools = next(pair for pair in result.figures if pair.a.value == 6)
    # named in the sentence, but as the one who visits and opens, not who reports the number
    assert schools.a.speaker is None and schools.b.speaker is None
    assert schools.a.counts == schools.b.counts == ("schools",)


@pytest.mark.parametrize(
    ("sentence", "shown", "value", "counts"),
    [
        ("Officials said 300 construction workers returned to the site.",
         "300 construction workers", 300, ("workers",)),
        ("It will cost £40m over five years, the council said.", "£40m", 40e6, ("pounds",)),
        ("The survey found 12 percent of drivers use the M8.", "12 percent of drivers", 12,
         ("drivers",)),
        ("Glasgow has 14 bridges across the motorway.", "14 bridges", 14, ("bridges",)),
        ("The bill reached 40 million pounds, 5 million more than planned.",
         "40 million pounds", 40e6, ("pounds",)),
    ],
)
def test_what_a_number_counts_comes_from_the_parse(sentence, shown, value, counts) -> None:
    from store.figures import figures

    analysis = analyse_one(sentence, load_model()).to_dict()
    first = figures(sentence, analysis)[0]
    assert (first.shown, first.value, first.counts) == (shown, value, counts)
