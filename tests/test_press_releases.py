"""Press releases read as the news source they are: the headline as title, the issuer as source,
the release line, contacts, end mark and notes to editors set aside. Every release here was
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.clean import clean_plain_text
from nlp.press_release import read_release
from nlp.sources import read_document

UK_RELEASE = """GLASGOW CITY COUNCIL - PRESS RELEASE

FOR IMMEDIATE RELEASE

3 March 2026

New cycle lanes approved for three Southside streets

Councillors have approved plans for segregated cycle lanes on three streets in the \
Southside, the first phase of a network due to be finished by 2028.

The lanes on Pollokshaws Road, Victoria Road and Cathcart Road will cost 4.2 million pounds, \
most of it from the national active travel fund.

Councillor Morag Dunsmuir, the council's convener for transport, said: "Families have told us \
they would cycle more if the roads felt safer. These lanes are our answer."

Work will start in the summer and take about nine months.

ENDS

Notes to editors

1. The scheme was approved by the city administration committee on 2 March.

2. Maps of the three routes are available on request.

Media contact: Fiona Baird, press officer
Tel: 0141 287 0000
Email: press.office@example.gov.uk
"""

US_RELEASE = """FOR IMMEDIATE RELEASE
Contact: Dana Whitfield
Phone: (555) 201-7788
Email: dwhitfield@example.org

Riverside Water Authority Opens New Treatment Plant

SPRINGFIELD, Ill. (March 3, 2026) – The Riverside Water Authority today opened a treatment \
plant that doubles the filtering capacity serving 40,000 homes on the east side of the city.

"This plant means cleaner water and fewer boil notices for families across the east side," \
said Authority director Luis Ortega.

The plant cost 18 million dollars and was finished two months ahead of schedule.

About the Riverside Water Authority
The Riverside Water Authority supplies drinking water to 120,000 residents of Springfield and \
three neighbouring towns.

###
"""

EMBARGOED = """EMBARGOED UNTIL 00:01 THURSDAY 5 MARCH 2026

Press release: Lowland Rivers Trust

Otters return to the upper Clyde after forty years

Otters are breeding on the upper Clyde for the first time in forty years, a survey by the \
Lowland Rivers Trust has found.

Volunteers recorded spraints and prints at eleven sites between Lanark and Abington over the \
winter, the trust said.

-ends-

For further information contact:
Iain Mathers, 07700 900123, iain@example.org.uk
"""

STORY_TEXT = (
    "Otters are breeding on the upper Clyde for the first time in forty years, a survey by the "
    "Lowland Rivers Trust has found."
)


def test_a_uk_council_release_has_its_headline_and_its_council() -> None:
    document = clean_plain_text(UK_RELEASE)
    assert document.title == "New cycle lanes approved for three Southside streets"
    assert document.source == "Glasgow City Council"
    assert document.published == "2026-03-03"
    assert document.text.startswith("Councillors have approved plans")
    assert document.text.endswith("take about nine months.")
    for furniture in ("PRESS RELEASE", "FOR IMMEDIATE RELEASE", "ENDS", "Notes to editors",
                      "Maps of the three routes", "Fiona Baird", "0141 287 0000",
                      "press.office@example.gov.uk"):
        assert furniture not in document.text
        assert any(furniture in UK_RELEASE[start:end] for start, end in document.boilerplate)


def test_a_us_release_has_its_headline_issuer_and_dateline_date() -> None:
    document = clean_plain_text(US_RELEASE)
    assert document.title == "Riverside Water Authority Opens New Treatment Plant"
    assert document.source == "Riverside Water Authority"
    assert document.published == "2026-03-03"
    assert document.dateline == "SPRINGFIELD, Ill. (March 3, 2026) –"
    assert document.text.startswith("SPRINGFIELD, Ill. (March 3, 2026) – The Riverside")
    assert document.text.endswith("two months ahead of schedule.")
    for furniture in ("Dana Whitfield", "(555) 201-7788", "dwhitfield@example.org",
                      "About the Riverside", "120,000 residents", "###"):
        assert furniture not in document.text


def test_an_embargoed_release_names_its_issuer_and_drops_its_contacts() -> None:
    document = clean_plain_text(EMBARGOED)
    assert document.title == "Otters return to the upper Clyde after forty years"
    assert document.source == "Lowland Rivers Trust"
    assert document.text.startswith(STORY_TEXT)
    assert "EMBARGOED" not in document.text and "07700 900123" not in document.text
    assert "-ends-" not in document.text


def test_a_release_file_is_read_with_the_headline_as_title(tmp_path: Path) -> None:
    path = tmp_path / "council-release.txt"
    path.write_text(UK_RELEASE)
    document = read_document(path)
    assert (document.title, document.source) == (
        "New cycle lanes approved for three Southside streets", "Glasgow City Council"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Council backs new cycle lanes\n\nCouncillors approved the lanes on Tuesday. For more "
        "information about the routes, residents can call the council.\n\nWork starts soon.",
        "Trust counts otters\n\nThe trust said the count ended in March.\n\nAbout the survey\n\n"
        "Volunteers walked the river banks.",
    ],
)
def test_an_ordinary_article_is_not_read_as_a_release(text: str) -> None:
    assert read_release(text.split("\n\n")) is None
    document = clean_plain_text(text)
    assert document.text == "\n\n".join(text.split("\n\n")[1:])


def test_an_html_release_keeps_the_story_and_names_its_issuer(tmp_path: Path) -> None:
    paragraphs = [paragraph for paragraph in UK_RELEASE.split("\n\n") if paragraph.strip()]
    furniture = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs[:3])
    story = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs[4:])
    page = (
        f"<html><head><title>{paragraphs[3]}</title></head><body><article>\n{furniture}"
        f"<h1>{paragraphs[3]}</h1>\n{story}</article></body></html>"
    )
    path = tmp_path / "release.html"
    path.write_text(page)
    document = read_document(path)
    assert document.title == "New cycle lanes approved for three Southside streets"
    assert document.source == "Glasgow City Council"
    assert document.text.startswith("Councillors have approved plans")
    assert document.text.endswith("take about nine months.")
    assert "Fiona Baird" not in document.text and "PRESS RELEASE" not in document.text
