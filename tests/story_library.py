"""A small library with a story's shape: outlets, days, tags, and people quoted by several.

Hand-made analyses with offsets computed from the texts, so the figures expected are known
exactly. "Bashar al-Assad" and "Bashar Assad" are one person written two ways; "a spokesman"
is a speaker the analysis did not name; one article has no date.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.anchoring import make_target
from store.library import Library


@dataclass(frozen=True)
class Said:
    words: str
    speaker: str
    label: str | None  # None: a speaker the analysis did not group
    kind: str = "direct"


def _article(text_parts: list[Said]) -> tuple[str, dict]:
    text = ""
    entities, groups, quotes = [], {}, []
    for number, said in enumerate(text_parts):
        if said.kind == "direct":
            sentence_start = len(text)
            text += f'"{said.words}," {said.speaker} said. '
            start = sentence_start + 1
            end = start + len(said.words)
            speaker_start = text.index(said.speaker, end)
        else:
            speaker_start = len(text)
            opening = f"{said.speaker} said "
            text += f"{opening}{said.words}. "
            start = speaker_start + len(opening)
            end = start + len(said.words)
        speaker_end = speaker_start + len(said.speaker)
        group = None
        if said.label is not None:
            group = groups.setdefault(said.speaker, f"g{len(groups) + 1}")
            entities.append({"start": speaker_start, "end": speaker_end, "label": said.label,
                             "text": said.speaker, "group": group})
        quotes.append({"start": start, "end": end, "kind": said.kind, "speaker": said.speaker,
                       "speaker_start": speaker_start, "speaker_end": speaker_end,
                       "group": group, "cue": "said", "id": f"q{number}"})
    analysis = {
        "model": "hand-made",
        "entities": entities,
        "quotes": quotes,
        "groups": [
            {"id": gid, "name": name, "label": next(s.label for s in text_parts
                                                    if s.speaker == name),
             "count": 1, "mentions": [], "aliases": []}
            for name, gid in groups.items()
        ],
    }
    return text.strip(), analysis


ASSAD = Said("We will not bow to pressure", "Bashar al-Assad", "PERSON")
ASSAD_UPI = Said("The reforms go on", "Bashar Assad", "PERSON")
BAN = Said("the violence must stop", "Ban Ki-moon", "PERSON", "reported")
BAN_DIRECT = Said("Enough is enough", "Ban Ki-moon", "PERSON")
SPOKESMAN = Said("No comment", "a spokesman", None)
UN = Said("aid convoys were blocked", "United Nations", "ORG", "reported")

STORY = [  # title, outlet, date, what is said in it, tags
    ("Assad defiant", "BBC", "2012-02-06", [ASSAD, BAN], ["verify"]),
    ("Assad speaks of reform", "UPI", "2012-02-06", [ASSAD_UPI, SPOKESMAN], []),
    ("Convoys blocked", "Reuters", "2012-02-07", [UN], ["verify"]),
    ("Ban's appeal", "BBC", None, [BAN_DIRECT], []),
]


def fill_story(library: Library) -> dict[str, str]:
    """The story's four articles; returns their ids by title."""
    for title, outlet, day, said, _ in STORY:
        text, analysis = _article(said)
        row = {"path": f"/story/{title}.txt", "title": title, "source": outlet,
               "published": day, "format": "txt", "words": len(text.split()),
               "quotes": len(said), "people": [], "model": "hand-made"}
        body = {"original": text, "text": text, "boilerplate": [], "analysis": analysis}
        library.save_article(row["path"], f"hash-{title}", row, body)
    ids = {row["title"]: row["id"] for row in library.articles()}
    for title, _, _, _, tags in STORY:
        for tag in tags:
            library.add_annotation(ids[title], "tag", tag=tag)
    return ids


def reject_first_quote(library: Library, article_id: str) -> None:
    """The user says the article's first quotation is none."""
    text = library.body(article_id)["text"]
    quote = library.body(article_id)["analysis"]["quotes"][0]
    library.add_annotation(article_id, "correction", action="reject_quote",
                           target=make_target(text, quote["start"], quote["end"]))
