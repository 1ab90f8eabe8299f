"""Press releases: the furniture a council, a company or a charity puts around its news.

A release is laid out by convention, in Britain and America alike: a release line ("FOR
IMMEDIATE RELEASE", "PRESS RELEASE", "EMBARGOED UNTIL ...") often naming the issuer ("GLASGOW
CITY COUNCIL - PRESS RELEASE"), US-style contact lines above the headline, then the headline and
the story, closed by an end mark ("ENDS", "-ends-", "###") and followed by "Notes to editors",
an "About the issuer" paragraph and the press office's names, phones and emails. Read as an
article, the release line became the headline and the contacts became text.

This module reads the paragraphs' texts only and says which are furniture, where the notes
begin, who issued the release and the date a US dateline gives ("SPRINGFIELD, Ill. (March 3,
2026) -"); `nlp.clean` applies that to its paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEAD_WINDOW = 10  # paragraphs from the top where a release line and contacts stand
NOTES_HEADING_WORDS = 6  # "Media contact: Ann Smith, press officer" and shorter
_KIND = r"(?:press|news|media)\s+(?:release|statement|notice|advisory)"
_RELEASE = re.compile(
    rf"^(?:for\s+immediate\s+release|immediate\s+release|{_KIND}|for\s+release\b.*"
    rf"|embargo(?:ed)?\b.*|not\s+for\s+(?:publication|release)\s+(?:before|until)\b.*)"
    r"[\s.:!]*$",
    re.IGNORECASE,
)
# The release line naming its issuer, either way round.
_ISSUER_FIRST = re.compile(rf"^(?P<issuer>.+?)\s*[-–—:|]+\s*{_KIND}[\s.:]*$", re.IGNORECASE)
_KIND_FIRST = re.compile(
    rf"^{_KIND}\s*(?:[-–—:|]+|\s+from|\s+issued\s+by)\s*(?P<issuer>.+?)[\s.]*$", re.IGNORECASE
)
_ISSUED_BY = re.compile(r"^(?:issued|released|published)\s+by\s*:?\s*(?P<issuer>.+?)[\s.]*$",
                        re.IGNORECASE)
_END = re.compile(r"^[\s*#_–—-]*(?:ends?|end\s+of\s+(?:release|statement))?[\s*#_–—-]*$",
                  re.IGNORECASE)
_NOTES = re.compile(
    r"^(?:notes?\s+(?:to|for)\s+(?:editors?|news\s*desks?)|editors?['’]?s?\s+notes?"
    r"|for\s+(?:more|further)\s+information\b.*|(?:media|press)\s+(?:contacts?|enquiries|"
    r"inquiries|office)\b.*)[\s:.]*$",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^about\s+(?P<issuer>[A-Z].{2,80}?)[\s:]*$", re.IGNORECASE)
_CONTACT = re.compile(
    r"^(?:(?:media|press)\s+)?(?:contacts?|tel(?:ephone)?|phone|mobile|cell|fax|e-?mail|web"
    r"(?:site)?|out\s+of\s+hours)\b\s*[.:]|^\S+@\S+\.\w+$|^\+?[\d ()-]{7,}$",
    re.IGNORECASE,
)
# "SPRINGFIELD, Ill. (March 3, 2026) – " opening a US release.
_RELEASE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]*[A-Za-z.](?:,\s+[A-Z][A-Za-z.]+)*)\s*"
    r"\((?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\)\s*(?:--|—|–|-)\s+"
)
_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "by", "&"}


@dataclass
class ReleaseReading:
    """What the press-release conventions say of an article's paragraphs."""

    furniture: set[int] = field(default_factory=set)  # release lines, contacts, issuer lines
    notes_from: int | None = None  # the end mark or the notes: it and all after are not story
    issuer: str | None = None
    dateline: str | None = None  # a US release's opening place and date, as written
    dateline_date: str | None = None  # that date as written ("March 3, 2026")


def _issuer_name(words: str) -> str:
    """The issuer as a name: "GLASGOW CITY COUNCIL" is "Glasgow City Council"; a leading
    "the" goes; short capitals ("NHS") stay."""
    words = re.sub(r"^the\s+", "", words.strip(" -–—:|."), flags=re.IGNORECASE)
    if words != words.upper():
        return words
    named = []
    for index, word in enumerate(words.split()):
        lowered = word.lower()
        if index and lowered in _SMALL_WORDS:
            named.append(lowered)
        elif len(word) <= 3 and word.isalpha():
            named.append(word)
        else:
            named.append(word.capitalize())
    return " ".join(named)


def _is_end_or_notes(text: str) -> bool:
    """An end mark, or the short heading of the notes and contacts after the story (a body
    sentence that starts "For more information" is not one)."""
    stripped = text.strip()
    if not stripped or len(stripped.split()) > NOTES_HEADING_WORDS:
        return False
    end_mark = _END.match(stripped) and any(c.isalnum() or c == "#" for c in stripped)
    return bool(end_mark or _NOTES.match(stripped))


def read_release(texts: list[str]) -> ReleaseReading | None:
    """The release's furniture, or None when the paragraphs do not read as a press release."""
    head = texts[:HEAD_WINDOW]
    release_lines = [
        i for i, text in enumerate(head)
        if _RELEASE.match(text.strip()) or _ISSUER_FIRST.match(text.strip())
        or _KIND_FIRST.match(text.strip())
    ]
    ends = [i for i, text in enumerate(texts) if i > 0 and _is_end_or_notes(text)]
    if not release_lines and not ends:
        return None
    reading = ReleaseReading(furniture=set(release_lines))
    for i in release_lines:
        text = texts[i].strip()
        named = _ISSUER_FIRST.match(text) or _KIND_FIRST.match(text)
        if named and reading.issuer is None:
            reading.issuer = _issuer_name(named["issuer"])
    if ends:
        reading.notes_from = ends[0]
    story_end = reading.notes_from if reading.notes_from is not None else len(texts)
    for i, text in enumerate(texts[:story_end]):
        stripped = text.strip()
        if i < HEAD_WINDOW and _CONTACT.match(stripped):
            reading.furniture.add(i)
        elif (issued := _ISSUED_BY.match(stripped)) and len(stripped.split()) <= 12:
            reading.furniture.add(i)
            reading.issuer = reading.issuer or _issuer_name(issued["issuer"])
    _about_section(texts, reading, story_end)
    for text in texts[:story_end]:
        if (dateline := _RELEASE_DATELINE.match(text.strip())) is not None:
            reading.dateline = dateline.group(0).strip()
            reading.dateline_date = dateline["date"]
            break
    return reading


def _about_section(texts: list[str], reading: ReleaseReading, story_end: int) -> None:
    """"About the City of Springfield": the issuer's standing paragraph, set apart under a short
    heading near the end, is furniture from its heading on; it also names the issuer."""
    tail = range(max(1, story_end - 4), story_end)
    for i in tail:
        about = _ABOUT.match(texts[i].strip())
        if about and len(texts[i].split()) <= 10 and not texts[i].strip().endswith("."):
            reading.issuer = reading.issuer or _issuer_name(about["issuer"])
            reading.notes_from = i
            return
    if reading.notes_from is not None:
        for text in texts[reading.notes_from:]:
            about = _ABOUT.match(text.strip())
            if about and len(text.split()) <= 10 and not text.strip().endswith("."):
                reading.issuer = reading.issuer or _issuer_name(about["issuer"])
                return
