"""The story's figures, from the store and through `presscut stats`, on a real library."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from cli.main import main
from store.library import Library
from store.quote_facts import CACHE_NAME, QuoteFacts
from store.stats import Scope, day_of, periods, story_figures, table
from tests.story_library import fill_story, reject_first_quote


@pytest.fixture
def story(tmp_path: Path):
    with Library(tmp_path / "library") as library:
        yield library, fill_story(library)


def figures_of(library: Library, scope: Scope | None = None):
    scope = scope or Scope()
    rows = [row for row in library.catalogue() if scope.admits(row)]
    facts = QuoteFacts(library.folder)
    facts.refresh(library, rows)
    return story_figures(rows, facts)


def test_articles_per_day_by_outlet(story) -> None:
    library, _ = story
    figures = figures_of(library)
    assert figures.articles == 4 and figures.undated == 1
    assert [(d.day, dict(d.by_outlet)) for d in figures.days] == [
        ("2012-02-06", {"BBC": 1, "UPI": 1}),
        ("2012-02-07", {"Reuters": 1}),
    ]


def test_speakers_are_merged_across_outlets_as_the_who_s_who_merges(story) -> None:
    library, _ = story
    speakers = {s.name: s for s in figures_of(library).speakers}
    assert set(speakers) == {"Bashar al-Assad", "Ban Ki-moon", "a spokesman", "United Nations"}
    assad = speakers["Bashar al-Assad"]
    assert assad.total == 2 and dict(assad.by_outlet) == {"BBC": 1, "UPI": 1}
    ban = speakers["Ban Ki-moon"]
    assert dict(ban.by_kind) == {"reported": 1, "direct": 1} and dict(ban.by_outlet) == {"BBC": 2}
    assert speakers["a spokesman"].label is None


def test_direct_and_reported_per_outlet(story) -> None:
    library, _ = story
    rows = table(figures_of(library), "outlet")
    assert rows == [
        {"outlet": "BBC", "articles": 2, "quotes": 3, "direct": 2, "reported": 1},
        {"outlet": "Reuters", "articles": 1, "quotes": 1, "direct": 0, "reported": 1},
        {"outlet": "UPI", "articles": 1, "quotes": 2, "direct": 2, "reported": 0},
    ]


def test_a_scope_by_tag_and_dates(story) -> None:
    library, _ = story
    assert figures_of(library, Scope(tag="verify")).articles == 2
    one_day = Scope(since=date(2012, 2, 7), until=date(2012, 2, 7))
    assert [d.day for d in figures_of(library, one_day).days] == ["2012-02-07"]
    assert figures_of(library, Scope(since=date(2013, 1, 1))).articles == 0


def test_a_correction_changes_the_figures_and_the_cache_follows(story) -> None:
    library, ids = story
    assert {s.name: s.total for s in figures_of(library).speakers}["Bashar al-Assad"] == 2
    reject_first_quote(library, ids["Assad defiant"])
    facts = QuoteFacts(library.folder)  # as a new process would: from the cache on disk
    assert facts.refresh(library, library.catalogue()) == 1  # only the corrected article read
    speakers = {s.name: s.total for s in story_figures(library.catalogue(), facts).speakers}
    assert speakers["Bashar Assad"] == 1 and "Bashar al-Assad" not in speakers  # UPI's alone


def test_the_cache_is_read_instead_of_the_bodies_and_a_damaged_one_is_rebuilt(story) -> None:
    library, _ = story
    rows = library.catalogue()
    assert QuoteFacts(library.folder).refresh(library, rows) == 4
    assert QuoteFacts(library.folder).refresh(library, rows) == 0
    (library.folder / CACHE_NAME).write_bytes(b"{not json")
    assert QuoteFacts(library.folder).refresh(library, rows) == 4


def test_days_become_weeks_months_or_years_to_fit() -> None:
    from datetime import timedelta

    from store.stats import DayFigure

    def days(first: date, count: int, step: int) -> list[DayFigure]:
        return [DayFigure((first + timedelta(days=i * step)).isoformat()) for i in range(count)]

    fortnight = days(date(2012, 1, 2), 14, 1)  # a Monday and the 13 days after it
    assert periods(fortnight, 14) == fortnight
    assert [p.day for p in periods(fortnight, 13)] == ["2012-01-02", "2012-01-09"]
    assert [p.total for p in periods(fortnight, 13)] == [0, 0]  # no articles in these
    quarter = days(date(2012, 1, 2), 12, 7)  # twelve Mondays
    assert [p.day for p in periods(quarter, 11)] == ["2012-01", "2012-02", "2012-03"]
    assert [p.day for p in periods(quarter, 2)] == ["2012"]


@pytest.mark.parametrize("published", [None, "", "someday", 2012, "2012-13-01"])
def test_a_date_that_is_not_a_date_is_no_day(published) -> None:
    assert day_of({"published": published}) is None


def run_stats(folder: Path, *args: str, capsys) -> tuple[int, str, str]:
    status = main(["--library", str(folder), "stats", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_stats_prints_each_table(story, capsys) -> None:
    library, _ = story
    status, out, _ = run_stats(library.folder, capsys=capsys)
    assert status == 0
    assert out.splitlines()[0].split() == ["outlet", "articles", "quotes", "direct", "reported"]
    assert out.splitlines()[1].split() == ["BBC", "2", "3", "2", "1"]
    _, out, _ = run_stats(library.folder, "--by", "day", capsys=capsys)
    assert out.splitlines()[1].split() == ["2012-02-06", "2", "1", "0", "1"]
    _, out, _ = run_stats(library.folder, "--by", "speaker", capsys=capsys)
    assert out.splitlines()[1].split()[:4] == ["Ban", "Ki-moon", "PERSON", "2"]  # ties by name
    assert out.splitlines()[2].split()[:4] == ["Bashar", "al-Assad", "PERSON", "2"]


def test_stats_json_and_csv_agree_with_the_store(story, capsys) -> None:
    library, _ = story
    expected = table(figures_of(library), "speaker")
    _, out, _ = run_stats(library.folder, "--by", "speaker", "--json", capsys=capsys)
    assert json.loads(out) == expected
    _, out, _ = run_stats(library.folder, "--by", "speaker", "--csv", capsys=capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["speaker"] for r in rows] == [r["speaker"] for r in expected]
    assert [int(r["BBC"]) for r in rows] == [r["BBC"] for r in expected]


def test_stats_scope_options(story, capsys) -> None:
    library, _ = story
    _, out, _ = run_stats(library.folder, "--tag", "verify", "--json", capsys=capsys)
    assert sum(r["articles"] for r in json.loads(out)) == 2
    _, out, _ = run_stats(library.folder, "--since", "2012-02-07", "--until", "2012-02-07",
                          "--by", "day", "--json", capsys=capsys)
    assert [r["day"] for r in json.loads(out)] == ["2012-02-07"]
    status, out, err = run_stats(library.folder, "--since", "2099-01-01", capsys=capsys)
    assert status == 0 and out == "" and "No articles in that scope" in err


def test_stats_refuses_a_bad_date_in_one_line(story, capsys) -> None:
    library, _ = story
    with pytest.raises(SystemExit) as stop:
        main(["--library", str(library.folder), "stats", "--since", "Feb 2012"])
    assert stop.value.code == 2
    assert "'Feb 2012' is not a date: write YYYY-MM-DD" in capsys.readouterr().err


def test_stats_on_an_empty_library_says_so(tmp_path: Path, capsys) -> None:
    Library(tmp_path / "empty").close()
    status, out, err = run_stats(tmp_path / "empty", capsys=capsys)
    assert status == 0 and out == "" and "empty" in err


def test_stats_shows_hostile_names_harmlessly_and_csv_cannot_run_formulas(tmp_path, capsys):
    from tests.story_library import Said, _article

    with Library(tmp_path / "lib") as library:
        text, analysis = _article([Said("Hello", "=cmd|' /C calc'!A0", "PERSON")])
        row = {"path": "/x.txt", "title": "x", "source": "Evil\x1b[2J", "published": "2012-01-01",
               "format": "txt", "words": 3, "quotes": 1, "people": [], "model": "hand-made"}
        library.save_article("/x.txt", "h", row, {"original": text, "text": text,
                                                  "boilerplate": [], "analysis": analysis})
    _, out, _ = run_stats(tmp_path / "lib", capsys=capsys)
    assert "\x1b" not in out and "Evil␛[2J" in out
    _, out, _ = run_stats(tmp_path / "lib", "--by", "speaker", "--csv", capsys=capsys)
    assert "'=cmd" in out


def test_only_a_new_or_changed_correction_has_an_article_read_again(story) -> None:
    library, ids = story
    rows = library.catalogue()
    assert QuoteFacts(library.folder).refresh(library, rows) == 4
    library.add_annotation(ids["Convoys blocked"], "tag", tag="later")
    assert QuoteFacts(library.folder).refresh(library, library.catalogue()) == 0
    reject_first_quote(library, ids["Convoys blocked"])
    assert QuoteFacts(library.folder).refresh(library, library.catalogue()) == 1
    correction = next(a for a in library.annotations(ids["Convoys blocked"])
                      if a["kind"] == "correction")
    library.update_annotation(correction["id"], action="set_kind", quote_kind="direct")
    facts = QuoteFacts(library.folder)
    assert facts.refresh(library, library.catalogue()) == 1
    assert facts.of(ids["Convoys blocked"])[:2] == (1, 0)  # direct, reported


def _save_said(library: Library, title: str, said: list) -> str:
    from tests.story_library import _article

    text, analysis = _article(said)
    row = {"path": f"/{title}.txt", "title": title, "source": "AP", "published": "2012-03-01",
           "format": "txt", "words": 9, "quotes": len(said), "people": [], "model": "hand-made"}
    library.save_article(row["path"], f"hash-{title}", row, {"original": text, "text": text,
                                                             "boilerplate": [],
                                                             "analysis": analysis})
    return next(r["id"] for r in library.articles() if r["title"] == title)


def test_reported_speech_as_the_analysis_names_it_counts_as_reported(tmp_path: Path) -> None:
    """The analysis calls reported speech "indirect" (`nlp.quotes`)."""
    from tests.story_library import Said

    with Library(tmp_path / "lib") as library:
        _save_said(library, "x", [Said("prices will rise", "Ann Lee", "PERSON", "indirect"),
                                  Said("No", "Ann Lee", "PERSON")])
        rows = table(figures_of(library), "outlet")
        assert rows == [{"outlet": "AP", "articles": 1, "quotes": 2, "direct": 1,
                         "reported": 1}]
        assert table(figures_of(library), "speaker")[0]["reported"] == 1


def test_the_cache_keeps_counts_per_speaker_not_each_quotation(tmp_path: Path) -> None:
    from store.quote_facts import SpeakerCount
    from tests.story_library import Said

    with Library(tmp_path / "lib") as library:
        said = [Said(f"point {n}", "Ann Lee", "PERSON") for n in range(5)]
        key = _save_said(library, "x", [*said, Said("no", "a spokesman", None, "reported")])
        facts = QuoteFacts(library.folder)
        facts.refresh(library, library.catalogue())
        assert facts.of(key) == (5, 1, [SpeakerCount("Ann Lee", "PERSON", [], 5, 0),
                                        SpeakerCount("a spokesman", None, [], 0, 1)])
        assert QuoteFacts(library.folder).refresh(library, library.catalogue()) == 0
        assert b"point" not in (library.folder / CACHE_NAME).read_bytes()
