"""Turning text pasted from a news site into reading text.

Readers paste whole pages, so the text around the article (advertising labels, photo captions
and credits, "Latest Headlines", a reader-comment form) is furniture that would feed the analysis
names and quotes that are not the article's. The rules here are general: they describe how news
pages are laid out, not one site.

The original is split into paragraphs, each paragraph is given a *kind*, and only ``body``
paragraphs make the reading text. The headline, section label, byline and date lines go to their
own fields; every paragraph left out of the text (metadata included, as
`nlp.records.Document` promises) has its ``[start, end]`` range in ``boilerplate``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from nlp.press_release import ReleaseReading, read_release
from nlp.records import Document

BODY = "body"
TITLE = "title"
SECTION = "section"
BYLINE = "byline"
META = "meta"  # date lines, Markdown front matter and rules
FURNITURE = "furniture"  # labels, terms and privacy lines
CAPTION = "caption"
TAIL = "tail"  # "Latest Headlines" and the headline list under it
FORM = "form"  # a reader-comment form and everything after it
NOT_PROSE = "not prose"  # tables, runs of short lines, text without words or sentences

# ---------------------------------------------------------------------------------------------
# What furniture looks like

_LABELS = {
    "ad", "ads", "advert", "advertisement", "advertising", "sponsored", "sponsored content",
    "paid content", "paid post", "promoted", "partner content", "story continues below",
    "story continues below advertisement", "article continues below",
    "article continues below advertisement", "continue reading", "continue reading below",
    "read more", "read more below", "read full article", "read the full article", "show more",
    "see more", "related", "share", "share this", "share this article", "share this story",
    "share this page", "share on facebook", "share on twitter", "share via email", "tweet",
    "email", "print", "comments", "view comments", "skip advert", "skip to content",
    "skip to main content", "listen to this article", "play video", "image caption",
    "image copyright", "image source", "media caption", "getty images", "follow us",
    "subscribe", "sign up", "back to top", "close", "menu", "loading", "loading...",
}
# Headings that start a block of links to other stories: the short lines under them go too.
_TAIL_HEADINGS = {
    "latest headlines", "latest news", "latest stories", "related stories",
    "related articles", "related content", "related links", "related internet links",
    "related topics", "more on this story", "more stories", "more from", "top stories",
    "most read", "most popular", "most watched", "most viewed", "most shared", "most commented",
    "you may also like", "you might also like",
    "recommended", "recommended stories", "around the web", "from around the web", "trending",
    "editor's picks", "see also", "also read", "more to explore",
}
# Words of section labels written in sentence case ("World news", "Middle east").
_SECTION_WORDS = {
    "world", "news", "uk", "us", "business", "politics", "sport", "sports", "technology", "tech",
    "science", "health", "opinion", "culture", "entertainment", "environment", "middle", "east",
    "africa", "asia", "europe", "americas", "australia", "economy", "markets", "money", "local",
    "national", "international", "lifestyle", "travel", "education", "latin", "america", "&",
}
_LABEL_PREFIX = re.compile(
    r"^(?:read more|related|see also|also read|more|watch|listen|recommended|sponsored"
    r"|advertisement)\s*[:|»›]|^(?:click here|sign up|subscribe)\b|^follow\s+(?:us\b|@)",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"privacy (?:policy|notice)|terms (?:and|&) conditions|terms of (?:use|service)"
    r"|cookie (?:policy|settings)|all rights reserved|^©|^copyright\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"not responsible for the content of external", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"^(?:(?:image|media|video|photo|picture)\s+(?:caption|copyright|source|credit)s?\b"
    r"|caption:|credit:|\d+\s+of\s+\d+\s*\|)",
    re.IGNORECASE,
)
_CAPTION_ANYWHERE = re.compile(
    r"\bPhoto(?:graph)?s?:\s|\bPhoto(?:graph)?\s+by\b|\bvia Getty Images\b|\|\s*License Photo\b"
    r"|\((?:file\s+)?(?:photo|picture|image)s?\b[^)]*\)|\bAP Photo\b",
    re.IGNORECASE,
)
# A photo agency's credit closing a paragraph: "... protests. UPI/ Ahmed Ahmed", "(AP Photo/X)".
_CREDIT_END = re.compile(
    r"(?:^|[.|(/–—-]\s*)(?:AP Photo|Getty Images|Shutterstock|Alamy|Reuters|AFP|EPA(?:-EFE)?"
    r"|UPI(?: Photo)?|PA(?: Media| Wire)?|Xinhua)"
    r"(?:\s*/\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?\s*\)?\s*$"
)
_FORM_OPENER = re.compile(
    r"\bsend (?:us )?your (?:comments|pictures|photos|videos|stories|experiences|views)\b"
    r"|\b(?:using|fill (?:in|out)) the form below\b|^get in touch\b"
    r"|\bshare your (?:stories|story|experiences?|views|comments) with us\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|da|van|von|al|bin|la|le))"
    r"{0,6}(?:\s*[,|]\s*[A-Z][\w .'’&-]{1,40}){0,3})\s*$"
)

# ---------------------------------------------------------------------------------------------
# Dates and datelines

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_FULL_DATES = (
    re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    # "\s*" because pasted captions drop the space: "November12, 2011".
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s*(?P<day>{_DAY}),?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b"),
)
_MONTH_DAY = re.compile(rf"(?P<month>{_MONTH})\.?\s*(?P<day>{_DAY})\b|\b(?P<day2>{_DAY})\s+"
                        rf"(?P<month2>{_MONTH})")
_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|last updated|posted|date)\b[:\s]*(?:on\s+)?)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?",
    re.IGNORECASE,
)
# "MOSCOW, Nov. 15 (UPI) --", "LONDON (Reuters) -", "PARIS, 3 March (AFP) -", "KYIV, Ukraine —".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][A-Za-z.]+)?)"
    r"(?:,\s+(?P<date>[^()\n]{3,30}?))?\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
    r"\s*(?:--|—|–|-)\s+"
)

# Outlets whose names in furniture or a byline tell where the article came from.
_OUTLETS = {
    "BBC": r"\bBBC\b",
    "UPI": r"\bUPI\b|United Press International",
    "Reuters": r"\bReuters\b",
    "AP": r"\bAP\b|Associated Press",
    "AFP": r"\bAFP\b|Agence France-Presse",
    "CNN": r"\bCNN\b",
    "Al Jazeera": r"Al Jazeera",
    "The Guardian": r"\bGuardian\b",
    "The New York Times": r"New York Times|\bNYT\b",
    "The Washington Post": r"Washington Post",
    "The Telegraph": r"\bTelegraph\b",
    "Financial Times": r"Financial Times",
    "Sky News": r"Sky News",
    "NPR": r"\bNPR\b",
    "Bloomberg": r"\bBloomberg\b",
    "Deutsche Welle": r"Deutsche Welle|\bDW\b",
    "France 24": r"France 24",
    "Euronews": r"\bEuronews\b",
    "Xinhua": r"\bXinhua\b",
    "Interfax": r"\bInterfax\b",
    "TASS": r"\bTASS\b",
    "dpa": r"\bdpa\b",
}
_OUTLET_PATTERNS = {name: re.compile(pattern) for name, pattern in _OUTLETS.items()}

# ---------------------------------------------------------------------------------------------
# Markdown

_MD_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_MD_REFERENCE = re.compile(r"^\[[^\]]+\]:\s*\S+")
_MD_BLOCK_START = re.compile(r"^(?:#{1,6}\s|>|[-*+]\s|\d+[.)]\s)")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^(?:>\s?)+|^[-*+]\s+|^\d+[.)]\s+"), ""),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)

_TERMINAL = tuple(".!?\"'”’:;)")
# What is not prose. The parser costs the same per word whatever the words are, and a file of
# 5 MB that is a table, a column of short lines or a flood of marks took minutes to parse for
# nothing: no sentence in it names a speaker. Such text is set aside as furniture is, on sight.
_TABLE_ROW = re.compile(r"^\|.*\|$|^[^\t]*\t[^\t]*\t")  # "| a | b |", or two tabs or more
_SENTENCE_MARK = re.compile(r"[.!?…;:]")
SENTENCE_CHARS = 2_000  # no sentence of prose runs longer than this without one of those marks
LIST_RUN = 20  # this many short lines in a row, none a sentence, are a list or a column
LIST_LINE_WORDS = 6
GALLERY_LINE_WORDS = 25
_WRAP_MAX = 100  # hard-wrapped text has lines no longer than this
_WRAP_MIN = 40  # nor shorter: a column of short lines of one width is a list, not wrapped prose
REPEAT_WINDOW = 6  # paragraphs either side of a caption where its repeat is looked for


@dataclass
class Paragraph:
    """One paragraph of the original: where it is, its reading form, and what it was judged."""

    start: int
    end: int
    text: str
    kind: str = BODY
    heading: int = 0  # Markdown heading level, 0 for none

    @property
    def words(self) -> int:
        return len(self.text.split())


# ---------------------------------------------------------------------------------------------
# Splitting


def _lines(original: str) -> list[tuple[int, int]]:
    """The ``[start, end]`` span of each line with its edge whitespace trimmed, blanks as None."""
    spans = []
    position = 0
    for line in original.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        else:
            spans.append(None)
        position += len(line) + 1
    return spans


def _blocks(original: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines: the blank-line paragraphs of the source."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for span in _lines(original):
        if span is None:
            blocks.append([])
        else:
            blocks[-1].append(span)
    return [block for block in blocks if block]


def _looks_wrapped(lines: list[str]) -> bool:
    """Whether a block is one paragraph hard-wrapped to a width rather than one line per paragraph.

    Wrapped lines are of nearly one length and mostly break mid-sentence; pasted web text has a
    whole paragraph per line, of any length, each ending a sentence.
    """
    if len(lines) < 2:
        return False
    widest = max(len(line) for line in lines)
    body = lines[:-1]
    if not _WRAP_MIN <= widest <= _WRAP_MAX or any(len(line) < 0.75 * widest for line in body):
        return False
    open_ended = sum(not line.endswith(_TERMINAL) for line in body)
    return open_ended * 2 >= len(body) and not any(_rule_kind(line) for line in lines)


def _split(original: str, markdown: bool) -> list[Paragraph]:
    """Paragraphs separated by blank lines, or by single line breaks where lines stand alone."""
    paragraphs = []
    for block in _blocks(original):
        lines = [original[start:end] for start, end in block]
        if len(lines) >= 2 and all(_TABLE_ROW.match(line) for line in lines):
            start, end = block[0][0], block[-1][1]
            paragraphs.append(Paragraph(start, end, original[start:end], kind=NOT_PROSE))
            continue
        if markdown and any(_MD_BLOCK_START.match(line) for line in lines):
            groups = [[span] for span in block]
        elif _looks_wrapped(lines):
            groups = [block]
        else:
            groups = [[span] for span in block]
        for group in groups:
            text = " ".join(original[start:end] for start, end in group)
            paragraphs.append(Paragraph(group[0][0], group[-1][1], text))
    return paragraphs


# ---------------------------------------------------------------------------------------------
# Markdown to plain text


def _markdown_paragraph(paragraph: Paragraph) -> None:
    """Strip a paragraph's Markdown marks in place, keeping link text and noting headings."""
    if _MD_RULE.match(paragraph.text) or _MD_REFERENCE.match(paragraph.text):
        paragraph.kind = META
        return
    heading = _MD_HEADING.match(paragraph.text)
    if heading:
        paragraph.heading = len(heading["marks"])
        paragraph.text = heading["text"]
    text = paragraph.text
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    paragraph.text = " ".join(text.split()) if text.strip() else ""
    if not paragraph.text:
        paragraph.kind = CAPTION  # an image alone on its line


def _front_matter(original: str) -> tuple[Paragraph | None, dict[str, str]]:
    """A Markdown file's leading ``---`` block as a paragraph, and its ``key: value`` lines."""
    match = _FRONT_MATTER.match(original)
    if not match:
        return None, {}
    fields = {}
    for line in match["body"].split("\n"):
        key, sep, value = line.partition(":")
        if sep and value.strip():
            fields[key.strip().lower()] = value.strip().strip("'\"")
    end = match.end() - (1 if match.group(0).endswith("\n") else 0)
    return Paragraph(0, end, match.group(0).strip(), kind=META), fields


# ---------------------------------------------------------------------------------------------
# Judging paragraphs


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _label(text: str) -> str:
    """A short line as a label: lower case, without the arrows and colons sites decorate it with."""
    return _norm(text).strip(" :.|»›>→-–—•*")


def _is_date_line(text: str) -> bool:
    """A line that only says when the article was published or updated."""
    if len(text.split()) > 12:
        return False
    rest = _DATE_LINE_PREFIX.sub("", text.strip(), count=1)
    return any(pattern.match(rest) for pattern in _FULL_DATES) and not re.search(
        r"[.!?]\s+\w", rest
    )


def _is_caption(text: str) -> bool:
    if _CAPTION_START.match(text):
        return True
    if len(text.split()) > 80:
        return False
    return bool(_CAPTION_ANYWHERE.search(text) or _CREDIT_END.search(text))


def _not_sentences(text: str) -> bool:
    """Mostly not words ("\"“”'‘’" a thousand times), or a run with no sentence end."""
    if len(text) < 200:
        return False
    if sum(map(str.isalpha, text)) * 2 < len(text) - text.count(" "):
        return True
    last = 0
    for mark in _SENTENCE_MARK.finditer(text):
        if mark.start() - last > SENTENCE_CHARS:
            return True
        last = mark.end()
    return len(text) - last > SENTENCE_CHARS


def _rule_kind(text: str) -> str | None:
    """What a paragraph is judged on its own, or None when it may be article text."""
    if _not_sentences(text):
        return NOT_PROSE
    label = _label(text)
    short = len(text.split()) <= 25
    if label in _TAIL_HEADINGS:
        return TAIL
    if label in _LABELS or (short and _LABEL_PREFIX.match(text)):
        return FURNITURE
    if _DISCLAIMER.search(text) or (len(text.split()) <= 15 and _LEGAL.search(text)):
        return FURNITURE
    if _is_caption(text):
        return CAPTION
    if _is_date_line(text):
        return META
    if _BYLINE.match(text) and len(text.split()) <= 14:
        return BYLINE
    return None


def _judge_each(paragraphs: list[Paragraph]) -> None:
    for paragraph in paragraphs:
        if paragraph.kind == BODY:
            paragraph.kind = _rule_kind(paragraph.text) or BODY


def _mark_repeats(paragraphs: list[Paragraph]) -> None:
    """A paragraph repeated inside a caption or label is part of it: sites print captions twice.

    The repeat sits beside its caption, so each paragraph is compared with the furniture within
    `REPEAT_WINDOW` paragraphs of it only: a page of 40,000 captions took over an hour when every
    paragraph was compared with every caption.
    """
    furniture = [
        (index, _norm(p.text)) for index, p in enumerate(paragraphs)
        if p.kind in (CAPTION, FURNITURE)
    ]
    places = [index for index, _ in furniture]
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != BODY or len(paragraph.text) < 20:
            continue
        text = _norm(paragraph.text)
        near = furniture[
            bisect_left(places, index - REPEAT_WINDOW) : bisect_right(places, index + REPEAT_WINDOW)
        ]
        if any(
            text != other and len(text) <= len(other)
            and (text in other or fuzz.partial_ratio(text, other) >= 95)
            for _, other in near
        ):
            paragraph.kind = CAPTION


def _mark_lists(paragraphs: list[Paragraph]) -> None:
    """Set aside each run of `LIST_RUN` short lines or more, none of them a sentence: a column
    of names or figures, a list of links, a file of "Line 1", "Line 2", ..."""
    run: list[Paragraph] = []
    for paragraph in [*paragraphs, None]:
        if (paragraph is not None and paragraph.kind == BODY
                and paragraph.words <= LIST_LINE_WORDS
                and not paragraph.text.endswith(_TERMINAL)):
            run.append(paragraph)
            continue
        if len(run) >= LIST_RUN:
            for short in run:
                short.kind = NOT_PROSE
        run = []


def _mark_galleries(paragraphs: list[Paragraph]) -> None:
    """Set aside the short paragraphs of a photo gallery: a run of `LIST_RUN` captions or more,
    each with at most one short paragraph (`GALLERY_LINE_WORDS`) between it and the next. Those
    paragraphs describe the photos; a page of 40,000 took minutes to parse for no article."""
    run: list[Paragraph] = []
    captions = 0
    for paragraph in [*paragraphs, None]:
        if paragraph is not None and paragraph.kind == CAPTION:
            run.append(paragraph)
            captions += 1
            continue
        if (paragraph is not None and paragraph.kind == BODY
                and paragraph.words <= GALLERY_LINE_WORDS
                and (not run or run[-1].kind == CAPTION)):
            run.append(paragraph)
            continue
        while run and run[-1].kind != CAPTION:  # the paragraph after the last photo is text
            run.pop()
        if captions >= LIST_RUN:
            for described in run:
                described.kind = CAPTION
        run = [paragraph] if paragraph is not None and paragraph.kind == BODY else []
        captions = 0


def _is_headline_link(paragraph: Paragraph) -> bool:
    """A short line that is not a sentence, such as a link to another story."""
    return paragraph.words <= 20 and not paragraph.text.endswith((".", ":"))


def _cut_tail(paragraphs: list[Paragraph]) -> None:
    """Drop a comment form with all after it, and each tail heading with the links under it."""
    seen_body = False
    for index, paragraph in enumerate(paragraphs):
        if seen_body and paragraph.kind == BODY and _FORM_OPENER.search(paragraph.text):
            for rest in paragraphs[index:]:
                rest.kind = FORM
            return
        seen_body = seen_body or (paragraph.kind == BODY and paragraph.words > 12)
    in_tail = False
    for paragraph in paragraphs:
        if paragraph.kind == TAIL:
            in_tail = True
        elif in_tail and paragraph.kind in (BODY, BYLINE) and _is_headline_link(paragraph):
            paragraph.kind = TAIL
        elif paragraph.kind == BODY:
            in_tail = False


def _is_title_like(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return (
        2 <= paragraph.words <= 25
        and len(text) <= 200
        and not text.endswith((".", ":", ";", ","))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“")
    )


def _is_section_label(paragraph: Paragraph) -> bool:
    """One to three words in title case ("Middle East") or of known section names."""
    words = paragraph.text.split()
    return (
        1 <= len(words) <= 3
        and not paragraph.text.endswith(_TERMINAL)
        and (
            all(word[0].isupper() or word in ("&", "and") for word in words)
            or all(word.casefold() in _SECTION_WORDS for word in words)
        )
    )


def _is_headline_after_label(paragraph: Paragraph) -> bool:
    """Longer than a label, so a short caption-like line is not taken for the headline."""
    return _is_title_like(paragraph) and (paragraph.words >= 4 or paragraph.heading > 0)


def _mark_heading(paragraphs: list[Paragraph], markdown: bool) -> Paragraph | None:
    """Find the headline (and a section label just before it) among the paragraphs left."""
    body = [p for p in paragraphs if p.kind == BODY]
    if markdown:
        title = next((p for p in body if p.heading == 1), None)
        if title:
            title.kind = TITLE
            before = [p for p in body if p.start < title.start]
            if len(before) == 1 and _is_section_label(before[0]):
                before[0].kind = SECTION
            return title
    if not body:
        return None
    first = body[0]
    if len(body) > 1 and _is_section_label(first) and _is_headline_after_label(body[1]):
        first.kind = SECTION
        first = body[1]
    if not _is_title_like(first):
        return None
    first.kind = TITLE
    return first


def _plain_dateline(match: re.Match, position: int) -> bool:
    """A dateline without an agency ("KYIV, Ukraine — ") opens the story and has a long dash.

    The bar is higher than with an agency, so "NATO - the alliance..." is not taken for one.
    """
    dash = match.group(0).rstrip()
    return position == 0 and len(match["place"]) >= 4 and dash.endswith(("—", "--", "–"))


def _mark_dateline(paragraphs: list[Paragraph], title: Paragraph | None) -> re.Match | None:
    """A wire dateline opening one of the first paragraphs after the headline.

    What sits between the headline and a dateline is page furniture (captions mostly): a wire
    story begins at its dateline.
    """
    start = paragraphs.index(title) + 1 if title else 0
    window = [p for p in paragraphs[start:] if p.kind == BODY][:6]
    for position, paragraph in enumerate(window):
        match = _DATELINE.match(paragraph.text)
        if match and paragraph.words > 6 and (match["agency"] or _plain_dateline(match, position)):
            for before in paragraphs[start:paragraphs.index(paragraph)]:
                if before.kind == BODY:
                    before.kind = CAPTION
            return match
    return None


# ---------------------------------------------------------------------------------------------
# Metadata


def _to_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()] if not name.isdigit() else int(name)


def _full_dates(text: str) -> list[dt.date]:
    """Every whole date the text spells, in order of where it appears."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            day = int(re.sub(r"\D", "", match["day"]))
            date = _to_date(int(match["year"]), _month_number(match["month"]), day)
            if date:
                found.append((match.start(), date))
    return [date for _, date in sorted(found, key=lambda item: item[0])]


def _dateline_day(dateline: re.Match | None) -> tuple[int, int] | None:
    """The (month, day) a dateline gives, as in "MOSCOW, Nov. 15 (UPI) --"."""
    if not dateline or not dateline["date"]:
        return None
    match = _MONTH_DAY.search(dateline["date"])
    if not match:
        return None
    month = match["month"] or match["month2"]
    day = match["day"] or match["day2"]
    return _month_number(month), int(re.sub(r"\D", "", day))


def _published(
    paragraphs: list[Paragraph], dateline: re.Match | None, original: str, extra: str | None
) -> str | None:
    """The publication date: a dateline's day in the year the page gives, else a date line's.

    Dates inside the article text are about the story, not its publication, so only the
    furniture's dates count, except to find the year for a dateline's month and day.
    """
    furniture = " \n".join(p.text for p in paragraphs if p.kind not in (BODY, TITLE))
    dates = _full_dates(f"{extra or ''}\n{furniture}")
    day = _dateline_day(dateline)
    if day:
        years = dates or _full_dates(original)
        date = _to_date(years[0].year, *day) if years else None
        return date.isoformat() if date else None
    return dates[0].isoformat() if dates else None


def _outlet(texts: Iterable[str]) -> str | None:
    """The known outlet named most often in these texts."""
    joined = "\n".join(texts)
    counts = {name: len(pattern.findall(joined)) for name, pattern in _OUTLET_PATTERNS.items()}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def _source(paragraphs: list[Paragraph], dateline: re.Match | None) -> str | None:
    """The agency of a wire dateline, else the outlet the byline or page furniture names.

    Photo credits are not asked: agencies' pictures run in every outlet.
    """
    if dateline and dateline["agency"]:
        agency = dateline["agency"].strip()
        return _outlet([agency]) or agency
    tiers = ((BYLINE,), (FORM, TAIL, FURNITURE, META))
    for kinds in tiers:
        outlet = _outlet(p.text for p in paragraphs if p.kind in kinds)
        if outlet:
            return outlet
    return None


def _byline(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in paragraphs:
        if paragraph.kind == BYLINE:
            return _BYLINE.match(paragraph.text)["name"]
    return None


def _first(paragraphs: list[Paragraph], kind: str) -> str | None:
    return next((p.text for p in paragraphs if p.kind == kind), None)


# ---------------------------------------------------------------------------------------------
# The whole


def _paragraphs(original: str, markdown: bool) -> tuple[list[Paragraph], dict[str, str]]:
    """Split and, for Markdown, lift the front matter and turn each paragraph into plain text."""
    if not markdown:
        return _split(original, markdown=False), {}
    front, fields = _front_matter(original)
    paragraphs = [p for p in _split(original, markdown=True) if not front or p.start >= front.end]
    for paragraph in paragraphs:
        _markdown_paragraph(paragraph)
    return ([front] if front else []) + paragraphs, fields


def clean_plain_text(original: str, fmt: str = "txt") -> Document:
    """Split ``original`` into paragraphs, set the furniture aside and keep the article.

    ``fmt`` is "txt" or "md"; Markdown has its first "# " heading as the title and its marks
    stripped from the text (link text is kept).
    """
    markdown = fmt == "md"
    paragraphs, fields = _paragraphs(original, markdown)
    _judge_each(paragraphs)
    release = _mark_release(paragraphs)
    _mark_repeats(paragraphs)
    _cut_tail(paragraphs)
    _mark_lists(paragraphs)
    _mark_galleries(paragraphs)
    title = _mark_heading(paragraphs, markdown)
    dateline = _mark_dateline(paragraphs, title)
    body = [p for p in paragraphs if p.kind == BODY]
    issuer = release.issuer if release else None
    release_date = release.dateline_date if release else None
    return Document(
        original=original,
        text="\n\n".join(p.text for p in body),
        title=title.text if title else fields.get("title", ""),
        format=fmt,
        section=_first(paragraphs, SECTION),
        source=issuer or _source(paragraphs, dateline) or fields.get("source")
        or fields.get("publisher"),
        published=_published(paragraphs, dateline, original, fields.get("date") or release_date),
        byline=_byline(paragraphs) or fields.get("author"),
        dateline=dateline.group(0).strip() if dateline else release and release.dateline,
        boilerplate=[[p.start, p.end] for p in paragraphs if p.kind != BODY],
    )


def _mark_release(paragraphs: list[Paragraph]) -> ReleaseReading | None:
    """A press release's release line, contacts, end mark and notes to editors are furniture
    (`nlp.press_release`), so the headline under them is the title."""
    release = read_release([p.text for p in paragraphs])
    if release is None:
        return None
    for index in release.furniture:
        if paragraphs[index].kind == BODY:
            paragraphs[index].kind = META
    if release.notes_from is not None:
        for paragraph in paragraphs[release.notes_from:]:
            paragraph.kind = FORM
    return release


def article_paragraphs(paragraphs: list[str]) -> tuple[list[str], str | None, str | None]:
    """The article paragraphs of an already extracted text, with its dateline and that's agency
    (or a press release's issuer).

    HTML extraction leaves labels such as "Advertisement", bylines, comment-form prompts and a
    press release's furniture in place; the same rules as for pasted text set them aside.
    """
    judged = [Paragraph(0, 0, text) for text in paragraphs]
    _judge_each(judged)
    release = _mark_release(judged)
    _mark_repeats(judged)
    _cut_tail(judged)
    _mark_lists(judged)
    _mark_galleries(judged)
    dateline = _mark_dateline(judged, None)
    kept = [p.text for p in judged if p.kind == BODY]
    agency = _source([], dateline) if dateline else None
    issuer = release.issuer if release else None
    return kept, dateline.group(0).strip() if dateline else None, agency or issuer
