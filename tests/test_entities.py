"""Entity mentions and their groups, with the real model."""

from __future__ import annotations

import pytest

from nlp.entities import find_entities
from tests.nlp_fixtures import SEEDS, model, reading_text


@pytest.fixture(scope="session")
def nlp_model():
    return model()


def _groups(nlp_model, text: str):
    doc = nlp_model(text)
    entities, groups = find_entities(doc)
    return doc, entities, groups


def _group_named(groups, name: str):
    matches = [g for g in groups if g.name == name]
    assert matches, f"no group {name!r} in {[g.name for g in groups]}"
    return matches[0]


@pytest.fixture(scope="session")
def bbc(nlp_model):
    raw = (SEEDS / "bbc-syria-opposition-fails-to-convince-russia.txt").read_text()
    return _groups(nlp_model, reading_text(raw))


@pytest.fixture(scope="session")
def upi(nlp_model):
    raw = (SEEDS / "upi-kremlin-pressed-on-syrian-stance.txt").read_text()
    return _groups(nlp_model, reading_text(raw))


def test_spans_hold_no_line_break_edge_space_or_possessive(bbc, upi):
    for doc, entities, _ in (bbc, upi):
        for entity in entities:
            assert doc.text[entity.start : entity.end] == entity.text
            assert "\n" not in entity.text and entity.text == entity.text.strip()
            assert not entity.text.endswith(("'s", "\u2019s"))


def test_a_line_break_inside_a_span_splits_it(nlp_model):
    doc = nlp_model("Talks with Bashar al-Assad\n\nAssad said nothing.\n")
    entities, _ = find_entities(doc)
    assert all("\n" not in e.text for e in entities)


def test_every_entity_belongs_to_a_listed_group(bbc):
    _, entities, groups = bbc
    ids = {g.id for g in groups}
    assert entities and all(e.group in ids for e in entities)
    for group in groups:
        assert group.count == len(group.mentions) > 0


def test_person_forms_join_the_fullest_name(bbc):
    _, entities, groups = bbc
    assad = _group_named(groups, "Bashar al-Assad")
    assert assad.label == "PERSON"
    # "Mr Assad", "President Assad" and the headline's "Assad" (tagged GPE) all belong
    assert assad.count >= 7
    ghalioun = _group_named(groups, "Burhan Ghalioun")
    assert set(ghalioun.aliases) >= {"Burhan Ghalioun", "Ghalioun"}


def test_short_forms_and_acronyms_join_bodies(bbc, upi):
    _, _, groups = bbc
    observatory = _group_named(groups, "Syrian Observatory for Human Rights")
    assert observatory.count == 3  # full name, "the Syrian Observatory", "the Observatory"
    snc = _group_named(groups, "Syrian National Council")
    assert "SNC" in snc.aliases
    _, _, groups = upi
    assert "U.N." in _group_named(groups, "United Nations").aliases


def test_group_ids_are_stable(nlp_model):
    text = "Mr Assad met President Bashar al-Assad's envoy.\n"
    first = [g.id for g in _groups(nlp_model, text)[2]]
    assert first == [g.id for g in _groups(nlp_model, text)[2]]


def test_acronym_with_an_acronym_inside(nlp_model):
    text = "The UK Health Security Agency (UKHSA) said cases rose. UKHSA officials met on Monday.\n"
    _, _, groups = _groups(nlp_model, text)
    agency = _group_named(groups, "UK Health Security Agency")
    assert "UKHSA" in agency.aliases


def test_a_titled_name_tagged_as_a_body_becomes_a_person(nlp_model):
    text = "Birmingham's director of public health, Dr Aled Price, said clinics were open.\n"
    _, _, groups = _groups(nlp_model, text)
    assert _group_named(groups, "Aled Price").label == "PERSON"


def test_a_datelines_city_is_a_place(nlp_model):
    text = (
        "ROTTERDAM, Netherlands, June 20, 2024 (Reuters) - The port said on Thursday it would "
        "spend 300 million euros on cranes.\n"
    )
    _, entities, _ = _groups(nlp_model, text)
    (city,) = [e for e in entities if e.text == "ROTTERDAM"]
    assert city.label == "GPE"
