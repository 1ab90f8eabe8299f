"""One story across sources: the people index, related articles, compare and entity notes.

The samples (one story, BBC and UPI) and a small library of several stories written for these
tests (tests/crossref_texts) are imported through the real CLI, with the real model; everything
after the import reads the stored analyses only.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from store.anchoring import make_target
from store.compare import compare, quote_similarity
from store.entity_notes import (
    KIND,
    add_entity_note,
    all_entity_notes,
    note_fields,
    noted_keys,
    notes_for_group,
    notes_on,
    where_to_write,
)
from store.errors import Stopped
from store.figures import number_value, split_qualifier
from store.library import Library
from store.people_cache import CACHE_NAME as PEOPLE_CACHE
from store.people_index import Member, PeopleIndex, merge, variant_words
from store.related import related
from tests.app_library import fill

TEXTS = Path(__file__).resolve().parent / "crossref_texts"
BBC = "Syria opposition fails to convince Russia over Assad"
UPI = "Kremlin pressed on Syrian stance"
SFAX_REUTERS = "Sfax imposes water cuts as reservoirs run dry"
SFAX_AFP = "Tunisia's second city rations water in severe drought"


def ids_by_title(library: Library) -> dict[str, str]:
    return {row["title"]: row["id"] for row in library.articles()}


@pytest.fixture
def samples(sample_export: dict):
    with Library(sample_export["library"], read_only=True) as library:
        yield library, ids_by_title(library)


@pytest.fixture(scope="module")
def stories_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight articles on five stories, imported once through the CLI."""
    folder = tmp_path_factory.mktemp("stories") / "library"
    assert main(["--library", str(folder), "import", str(TEXTS)]) == 0
    return folder


@pytest.fixture
def stories(stories_folder: Path):
    with Library(stories_folder, read_only=True) as library:
        yield library, ids_by_title(library)


# -- compare, on the samples ---------------------------------------------------------------


def test_compare_finds_ghalioun_in_both_with_the_quotations_of_each(samples) -> None:
    library, ids = samples
    result = compare(library, ids[BBC], ids[UPI])
    assert "Burhan Ghalioun" in {named.name for named in result.shared}
    ghalioun = next(s for s in result.speakers if s.name == "Burhan Ghalioun")
    assert any(q.text.startswith("We were unable to change the position") for q in ghalioun.a)
    assert any(q.text.startswith("It is about time the Russian leadership") for q in ghalioun.b)
    assert all(q.article == ids[BBC] for q in ghalioun.a)
    assert all(q.article == ids[UPI] for q in ghalioun.b)


def test_compare_lists_the_quotations_only_one_outlet_carries(samples) -> None:
    library, ids = samples
    result = compare(library, ids[BBC], ids[UPI])
    only_bbc = [q.text for q in result.only_a_quotes]
    only_upi = [q.text for q in result.only_b_quotes]
    assert any(text.startswith("We were unable to change") for text in only_bbc)
    assert any(text.startswith("It is about time") for text in only_upi)
    assert not any(text.startswith("It is about time") for text in only_bbc)
    # the UN's death toll, worded differently by each outlet, is one claim carried by both
    un = next(p for p in result.pairs if p.a.text.startswith("more than 3,500"))
    assert un.same_speaker and un.b.text.startswith("more than 3,500")


def test_compare_finds_the_3500_figure_in_both_from_the_un(samples) -> None:
    library, ids = samples
    result = compare(library, ids[BBC], ids[UPI])
    toll = next(f for f in result.figures if f.a.value == 3500)
    assert toll.agree and toll.same_source
    assert toll.a.qualifier == toll.b.qualifier == "more than"
    assert toll.a.speaker == toll.b.speaker == "United Nations"
    assert toll.a.attribution == "United Nations (say)"
    assert toll.b.attribution == "United Nations (estimate)"
    assert "people" in toll.a.counts and "people" in toll.b.counts


def test_compare_merges_names_each_outlet_writes_its_own_way(samples) -> None:
    library, ids = samples
    shared = {named.name: named for named in compare(library, ids[BBC], ids[UPI]).shared}
    assert "United Nations" in shared  # "the UN" at the BBC, "the United Nations"/"U.N." at UPI
    assert "Bashar al-Assad" in shared  # "Bashar Assad" at UPI
    assert shared["Burhan Ghalioun"].count_a == 2 and shared["Burhan Ghalioun"].count_b == 2


def test_compare_on_the_command_line(sample_export: dict, samples, capsys) -> None:
    _, ids = samples
    folder = str(sample_export["library"])
    assert main(["--library", folder, "compare", ids[BBC], ids[UPI], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Burhan Ghalioun" in {s["name"] for s in data["speakers"]}
    assert any(f["agree"] and f["a"]["value"] == 3500 for f in data["figures"])
    assert main(["--library", folder, "compare", ids[BBC], ids[UPI]]) == 0
    out = capsys.readouterr().out
    assert "Burhan Ghalioun" in out and "more than 3,500" in out


# -- the index -----------------------------------------------------------------------------


def test_who_lists_a_person_across_articles_with_every_quotation(samples) -> None:
    library, ids = samples
    index = PeopleIndex.build(library)
    ghalioun = index.entity("person:burhan ghalioun")
    assert ghalioun is not None and set(ghalioun.articles) == {ids[BBC], ids[UPI]}
    quotes = index.quotes_of(ghalioun)
    assert {q.article for q in quotes} == {ids[BBC], ids[UPI]}
    assert len(quotes) >= 4
    un = index.entity("body:un")
    assert un is index.entity("body:united nations") and un.name == "United Nations"


def test_who_on_the_command_line(sample_export: dict, capsys) -> None:
    folder = str(sample_export["library"])
    assert main(["--library", folder, "who", "ghalioun", "--json"]) == 0
    (entity,) = json.loads(capsys.readouterr().out)
    assert entity["name"] == "Burhan Ghalioun" and len(entity["articles"]) == 2
    assert any(q["text"].startswith("It is about time") for q in entity["quotes"])
    assert main(["--library", folder, "who"]) == 0
    assert "Burhan Ghalioun" in capsys.readouterr().out
    assert main(["--library", folder, "who", "nobody-of-that-name"]) == 1


def test_who_by_mentions_breaks_ties_by_name_as_the_app_does(sample_export: dict, capsys) -> None:
    folder = str(sample_export["library"])
    assert main(["--library", folder, "who", "--sort", "mentions", "--json"]) == 0
    listed = [(-e["mentions"], e["name"]) for e in json.loads(capsys.readouterr().out)]
    assert listed == sorted(listed)
    assert len({mentions for mentions, _ in listed}) < len(listed)  # there are ties to break


def test_the_index_over_several_stories(stories) -> None:
    library, ids = stories
    index = PeopleIndex.build(library)
    verhaar = index.entity("person:joost verhaar")
    assert verhaar is not None
    assert {index.row(a)["source"] for a in verhaar.articles} == {"Reuters", "AP"}
    khan = index.entity("person:amira khan")
    assert khan is not None and len(khan.articles) == 2
    assert any(q.text.startswith("Measles spreads very easily") for q in index.quotes_of(khan))
    assert [e.name for e in index.search("verhaar")] == ["Joost Verhaar"]


def test_a_stopped_catch_up_keeps_what_it_read_and_the_next_reads_the_rest(stories) -> None:
    library, _ = stories
    asked = []

    def stop() -> bool:  # says stop after three articles have been read
        asked.append(1)
        return len(asked) > 3

    shutil.rmtree(library.folder / PEOPLE_CACHE, ignore_errors=True)  # left by other tests
    index = PeopleIndex(library)
    with pytest.raises(Stopped):
        index.refresh(stop)
    assert len(index.article_ids()) == 3
    assert len(index.refresh()) == len(library.articles()) - 3  # only the rest
    whole = PeopleIndex.build(library)
    assert [e.name for e in index.entities()] == [e.name for e in whole.entities()]


def test_merging_names_across_articles() -> None:
    def member(article: str, name: str, label: str = "PERSON", aliases=()) -> Member:
        return Member(article, name, name, label, 1, tuple(aliases))

    merged = merge([
        member("a", "Bashar al-Assad", aliases=["Assad"]),
        member("b", "Bashar Assad"),
        member("c", "Assad"),
        member("a", "UN", "ORG"),
        member("b", "United Nations", "ORG", ["U.N."]),
        member("c", "U.N.", "ORG"),
        member("d", "Smith"),
        member("d", "John Smith"),
        member("e", "Jane Smith"),
    ])
    by_name = {e.name: e for e in merged}
    assert by_name["Bashar al-Assad"].articles == ["a", "b", "c"]
    assert by_name["United Nations"].articles == ["a", "b", "c"]
    assert by_name["United Nations"].key == "body:united nations"
    assert "Smith" in by_name  # two Smiths with full names: the surname alone stays apart


def member(article: str, name: str, label: str = "PERSON", aliases=()) -> Member:
    return Member(article, f"{article}:{name}", name, label, 1, tuple(aliases))


def names_merged(*names: str, label: str = "PERSON") -> list[list[str]]:
    """Each name in an article of its own, merged: the names of each entity, sorted."""
    entities = merge(member(f"a{i}", name, label) for i, name in enumerate(names))
    return sorted(sorted(m.name for m in e.members) for e in entities)


@pytest.mark.parametrize("names", [
    ("Bashar al-Assad", "Bashar Assad", "Bashar el-Assad", "President Bashar al Asad"),
    ("Burhan Ghalioun", "Burhan Ghaliun", "Ghaliun", "Ghalioun"),  # a bare surname, spelt twice
    ("Mohammed Morsi", "Mohamed Morsy", "Mohamad Morsi"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"),
    ("Muammar Gaddafi", "Muammar Gadhafi"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Ahmad Shah Massoud", "Ahmed Shah Massoud"),
    ("Khaled Ghannouchi", "Khalid Ghanouchi", "Ghannouchi"),
])
def test_spelling_and_transliteration_variants_merge_across_articles(names) -> None:
    assert names_merged(*names) == [sorted(names)]


@pytest.mark.parametrize("names", [
    ("al-Qaeda", "al-Qaida", "Al Qaeda"),
    ("Hezbollah", "Hizbollah"),
])
def test_spelling_variants_of_a_body_merge(names) -> None:
    assert names_merged(*names, label="ORG") == [sorted(names)]


@pytest.mark.parametrize("names", [
    ("John Smith", "Jane Smith"),  # one surname, two people
    ("Bashar al-Assad", "Hafez al-Assad", "Maher al-Assad"),
    ("Maria Rossi", "Mario Rossi"),  # the last letter tells them apart
    ("Paul Dubois", "Paula Dubois"),
    ("Daniel Ortega", "Daniela Ortega"),
    ("Ivan Petrov", "Ivan Petrova"),
    ("John Baker", "John Barker"),  # a consonant
    ("Ian Smith", "Ivan Smith"),
    ("John Smith", "John Smyth"),
    ("Lena Novak", "Lina Novak"),  # too short for a vowel to be a spelling
    ("Karim Benali", "Karima Benali"),
    ("Jon Snow", "John Snow"),
    ("Salma Ghannouchi", "Khaled Ghannouchi"),
])
def test_different_people_are_never_merged(names) -> None:
    assert names_merged(*names) == [[name] for name in sorted(names)]


@pytest.mark.parametrize(("a", "b"), [
    ("Niger", "Nigeria"), ("Austria", "Australia"), ("Iran", "Iraq"), ("G7", "G8"),
    ("Slovakia", "Slovenia"), ("Gambia", "Zambia"),
])
def test_different_bodies_are_never_merged(a: str, b: str) -> None:
    assert names_merged(a, b, label="GPE") == sorted([[a], [b]])


def test_a_bare_surname_joins_the_one_full_name_it_can_be() -> None:
    # "Assad" alone could be Bashar or Hafez: it stays on its own
    assert ["Assad"] in names_merged("Bashar al-Assad", "Hafez al-Assad", "Assad")
    # "Hotan" and "Hutan" are one name spelt two ways, which could end either full name: the
    # two surnames go together, but neither they nor anything through them joins Dezur Hotan
    # and Har Hutan, two people
    assert names_merged("Dezur Hotan", "Har Hutan", "Hotan", "Hutan") == [
        ["Dezur Hotan"], ["Har Hutan"], ["Hotan", "Hutan"]]
    assert names_merged("Dezur Hotan", "Hutan") == [["Dezur Hotan", "Hutan"]]


def test_spelling_variants_of_one_word() -> None:
    assert variant_words("ghalioun", "ghaliun") and variant_words("qaeda", "qaida")
    assert not variant_words("mohammed", "muhammad")  # two vowels in seven letters: too far
    assert not variant_words("-", "'")  # nothing left to compare is not a match


def test_variants_merge_in_real_articles(stories) -> None:
    """Reuters writes Khaled Ghannouchi and Omar al-Tayeb, AFP Khalid Ghanouchi and Omar
    el-Tayeb; Salma Ghannouchi (Reuters) and Karima Benali (AFP) are other people."""
    library, ids = stories
    index = PeopleIndex.build(library)
    chief = index.entity("person:khalid ghanouchi")
    assert chief is not None and chief is index.entity("person:khaled ghannouchi")
    assert set(chief.articles) == {ids[SFAX_REUTERS], ids[SFAX_AFP]}
    assert {"Khaled Ghannouchi", "Khalid Ghanouchi", "Ghanouchi"} <= set(chief.forms)
    assert {q.article for q in index.quotes_of(chief)} == {ids[SFAX_REUTERS], ids[SFAX_AFP]}
    tayeb = index.entity("person:omar tayeb")
    assert set(tayeb.articles) == {ids[SFAX_REUTERS], ids[SFAX_AFP]}
    assert {"Omar al-Tayeb", "Omar el-Tayeb"} <= set(tayeb.forms)
    salma = index.entity("person:salma ghannouchi")
    assert salma is not None and salma is not chief and salma.articles == [ids[SFAX_REUTERS]]
    assert index.entity("person:karim benali") is not index.entity("person:karima benali")
    # compare merges the two articles' names by the same rules
    shared = {n.name for n in compare(library, ids[SFAX_REUTERS], ids[SFAX_AFP]).shared}
    assert shared & set(chief.forms) and shared & set(tayeb.forms)
    assert not shared & {"Salma Ghannouchi", "Karim Benali", "Karima Benali"}


def test_the_index_updates_per_imported_article(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    first, second, third = (TEXTS / n for n in (
        "reuters-rotterdam-strike.txt", "bbc-leeds-measles.txt", "ap-rotterdam-strike.txt"))
    assert main(["--library", str(folder), "import", str(first), str(second)]) == 0
    with Library(folder) as library:
        index = PeopleIndex.build(library)
        assert len(index.entity("person:joost verhaar").articles) == 1
        assert index.refresh() == []  # nothing changed: nothing read again
    assert main(["--library", str(folder), "import", str(third)]) == 0
    with Library(folder) as library:
        index.library = library
        changed = index.refresh()
        assert [library.article(key)["source"] for key in changed] == ["AP"]
        assert len(index.entity("person:joost verhaar").articles) == 2


# -- related -------------------------------------------------------------------------------


def test_related_finds_the_other_outlets_version_first(stories) -> None:
    library, ids = stories
    index = PeopleIndex.build(library)
    strike = ids["Dockworkers walk out at Rotterdam as pay talks collapse"]
    found = related(index, strike)
    assert found[0].row["title"] == "Rotterdam port strike halts container terminals"
    assert "Joost Verhaar" in found[0].names and found[0].days == 1
    assert all("measles" not in r.row["title"].lower() for r in found)
    measles = related(index, ids["Measles cases rise sharply in Leeds schools"])
    assert [r.row["title"] for r in measles] == [
        "Leeds measles outbreak prompts school vaccine clinics"
    ]
    assert related(index, ids["Venice film festival opens with a musical"]) == []


def test_related_on_the_command_line(stories_folder: Path, stories, capsys) -> None:
    _, ids = stories
    key = ids["Leeds measles outbreak prompts school vaccine clinics"]
    assert main(["--library", str(stories_folder), "related", key, "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["source"] == "BBC" and "Amira Khan" in found["shared"]


def test_compare_flags_a_figure_the_outlets_differ_on(stories) -> None:
    library, ids = stories
    result = compare(
        library, ids["Dockworkers walk out at Rotterdam as pay talks collapse"],
        ids["Rotterdam port strike halts container terminals"],
    )
    cost = next(f for f in result.figures if f.a.value == 40e6)
    assert not cost.agree and cost.b.value == 45e6
    assert cost.a.speaker == cost.b.speaker == "Brightwater Securities"
    raise_ = next(f for f in result.figures if f.a.label == "PERCENT")
    assert raise_.agree and raise_.a.value == 6
    trimmed = next(p for p in result.pairs if p.a.text.startswith("We have been patient"))
    assert trimmed.same_speaker and trimmed.b.text == "We have been patient for eighteen months."


# -- entity notes --------------------------------------------------------------------------


def test_an_entity_note_shows_in_a_second_article(sample_export: dict, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    shutil.copytree(sample_export["library"], folder)
    with Library(folder) as library:
        ids = ids_by_title(library)
        index = PeopleIndex.build(library)
        add_entity_note(library, ids[BBC], index.entity("person:burhan ghalioun"),
                        "Heads the SNC; check his Moscow statements")
        notes = all_entity_notes(library)
        upi_groups = library.body(ids[UPI])["analysis"]["groups"]
        ghalioun = next(g for g in upi_groups if g["name"] == "Burhan Ghalioun")
        assert [n["note"] for n in notes_for_group(notes, ids[UPI], ghalioun)] == [
            "Heads the SNC; check his Moscow statements"
        ]
        assad = next(g for g in upi_groups if g["name"] == "Bashar Assad")
        assert notes_for_group(notes, ids[UPI], assad) == []
    assert main(["--library", str(folder), "who", "Ghalioun"]) == 0


def test_an_entity_note_is_edited_and_deleted_like_any_annotation(
    sample_export: dict, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(sample_export["library"], folder)
    with Library(folder) as library:
        ids = ids_by_title(library)
        index = PeopleIndex.build(library)
        ghalioun = index.entity("person:burhan ghalioun")
        assert where_to_write(ghalioun, ids[UPI]) == ids[UPI]  # the article being read
        assert where_to_write(ghalioun, None) in ghalioun.articles
        note = library.add_annotation(ids[UPI], KIND, **note_fields(ghalioun, "Heads the SNC"))
        library.update_annotation(note["id"], note="Chairs the SNC")
        assert [n["note"] for n in notes_on(all_entity_notes(library), ghalioun)] == [
            "Chairs the SNC"]
        assert noted_keys(all_entity_notes(library)) == {"person:burhan ghalioun": 1}
        assert notes_on(all_entity_notes(library), index.entity("person:bashar assad")) == []
        assert index.refresh() == []  # a note changes no analysis: no article read again
        library.delete_annotation(note["id"])
        library.add_annotation(ids[UPI], "tag", tag="verify")
        assert all_entity_notes(library) == []
        assert index.refresh() == []  # notes and tags: still no article read again


# -- the small parts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,500", 3500), ("seven", 7), ("$1.2bn", 1.2e9), ("40 million euros", 40e6),
     ("two hundred", 200), ("6 percent", 6), ("twenty-five", 25)],
)
def test_figures_are_read_as_numbers(text: str, value: float) -> None:
    assert number_value(text) == value


def test_qualifiers_are_kept_apart() -> None:
    assert split_qualifier("More than 3,500") == ("more than", "3,500")
    assert split_qualifier("3,500") == (None, "3,500")


def test_quotations_match_when_trimmed_or_reworded_but_not_otherwise() -> None:
    full = ("We were unable to change the position of the Russian government, and they also "
            "could not change our position.")
    assert quote_similarity(full, "We were unable to change the position of the Russian "
                            "government") >= 70
    assert quote_similarity(full, "We could not change the Russian government's position") >= 70
    assert quote_similarity(full, "It is about time the Russian leadership changed") < 55


# -- the commands' help and errors ---------------------------------------------------------


@pytest.mark.parametrize(("command", "words"), [
    ("who", ["NAME", "--sort", "examples:", "presscut who ghalioun", "exit status"]),
    ("related", ["ARTICLE", "path of the file", "--limit N", "examples:", "exit status"]),
    ("compare", ["A", "B", "figures", "examples:", "c on one article", "exit status"]),
])
def test_each_command_explains_itself(command: str, words: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: presscut {command}")
    assert all(word in out for word in words)


@pytest.mark.parametrize(("argv", "line"), [
    (["related", "zzz"], "presscut related: no article with id or path 'zzz' in the library; "
     "`presscut list` shows the ids"),
    (["related", "no/such/file.txt"], "presscut related: no article with id or path "
     "'no/such/file.txt' in the library; `presscut list` shows the ids"),
    (["compare", "zzz", "{a}"], "presscut compare: no article with id or path 'zzz' (A) in the "
     "library; `presscut list` shows the ids"),
    (["compare", "{a}", "zzz"], "presscut compare: no article with id or path 'zzz' (B) in the "
     "library; `presscut list` shows the ids"),
    (["compare", "{a}", "{a}"], "presscut compare: A and B are the same article ({a}): give two "
     "different ones"),
    (["who", "nobody-of-that-name"], "presscut who: nobody named 'nobody-of-that-name' in the "
     "library; `presscut who` lists everyone"),
])
def test_an_unknown_article_or_name_is_one_line_and_fails(
    stories_folder: Path, stories, argv: list[str], line: str, capsys
) -> None:
    _, ids = stories
    a = ids[SFAX_AFP]
    argv = [word.format(a=a) for word in argv]
    assert main(["--library", str(stories_folder), *argv]) == 1
    captured = capsys.readouterr()
    assert captured.err == line.format(a=a) + "\n" and captured.out == ""


def test_an_id_start_two_articles_share_says_so(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        for number in range(17):  # seventeen ids: two start with the same hex digit
            library.save_article(f"/story-{number}.txt", str(number), {"title": f"Story {number}"},
                                 {"text": "", "analysis": {}})
        keys = sorted(row["id"] for row in library.articles())
    start = next(a[0] for a, b in zip(keys, keys[1:], strict=False) if a[0] == b[0])
    assert main(["--library", str(folder), "related", start]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"presscut related: '{start}' is the start of ")
    assert err.endswith("): give more of it\n") and err.count("\n") == 1


def test_related_and_compare_take_the_imported_file_s_path(stories_folder: Path, capsys) -> None:
    reuters, afp = TEXTS / "reuters-sfax-drought.txt", TEXTS / "afp-sfax-drought.txt"
    assert main(["--library", str(stories_folder), "related", str(reuters), "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["source"] == "AFP"
    assert main(["--library", str(stories_folder), "compare", str(reuters), str(afp)]) == 0
    assert "Named in both" in capsys.readouterr().out


def test_a_limit_below_one_is_refused(stories_folder: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--library", str(stories_folder), "related", "x", "--limit", "0"])
    assert exited.value.code == 2
    assert "'0' is not a whole number from 1 up" in capsys.readouterr().err


def test_the_index_reads_again_only_an_article_whose_analysis_changed(tmp_path: Path) -> None:
    with Library(tmp_path / "library") as library:
        fill(library)
        index = PeopleIndex.build(library)
        assert index.refresh() == []
        before = library.generation
        article = library.articles()[0]["id"]
        library.add_annotation(article, "tag", tag="verify", target=None)
        assert library.generation == before + 1
        assert index.refresh() == []  # a tag changes no one's name or quotation
        text = library.body(article)["text"]
        start = text.index("Moscow")
        library.add_annotation(article, "correction", origin="correction", action="relabel",
                               label="ORG", target=make_target(text, start, start + 6))
        assert index.refresh() == [article]
        assert index.refresh() == []


def test_a_name_in_most_of_a_large_library_still_counts_for_the_candidates(tmp_path) -> None:
    """Candidates come from the rarer names; the common one is still among the shared names."""
    def group(gid: str, name: str, label: str) -> dict:
        return {"id": gid, "name": name, "label": label, "count": 1, "mentions": [[0, 1]]}

    with Library(tmp_path / "library") as library:
        for number in range(70):  # "United Nations" in every article: more than 50 of them
            groups = [group("g1", "United Nations", "ORG")]
            if number < 2:
                groups.append(group("g2", "Joost Verhaar", "PERSON"))
            body = {"text": f"story {number}", "original": f"story {number}",
                    "analysis": {"entities": [], "groups": groups, "quotes": []}}
            library.save_article(f"/s/{number}.txt", str(number),
                                 {"title": f"Story {number}", "published": "2024-05-01"}, body)
        first, second = (library.find_by_origin(f"/s/{n}.txt")["id"] for n in (0, 1))
        found = related(PeopleIndex.build(library), first)
    assert found[0].row["id"] == second
    assert found[0].names == ["Joost Verhaar", "United Nations"]
