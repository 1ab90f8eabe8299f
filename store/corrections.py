"""The user's corrections laid over the model's analysis: the one analysis every view shows.

Corrections are annotations (``kind: "correction"``), so they live with the user's other work and
survive a new analysis: what the reader, the side panel, the who's who, the library's counts,
the command line and every export show is the model's output with the corrections applied here,
never the stored analysis edited in place.

A correction's ``action`` says what it does to the thing at its ``target`` span:
- ``relabel`` an entity (``label``), ``reject`` an entity, ``add_entity`` (``label``) where the
  model missed one;
- ``reject_quote``, ``set_kind`` (``quote_kind``), ``set_speaker`` (``speaker``, ``group``).
An entity or quotation is matched by its exact ``[start, end]``.

The entity groups (who is named, and how often) follow the entities, so no view can show one
label in the text and another in a list:
- a label belongs to who or what is named, not to one way of writing it: relabelling a mention
  relabels its group and every mention of it ("Homs" PERSON -> GPE, each time it is named);
- a rejected mention leaves its group (which goes when no mention is left);
- an added entity joins the group of that label already writing those words, or starts one.
A quotation given another speaker has that speaker's words underlined where the text names
them: their mention nearest the quotation on its line, else none (they are named elsewhere).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.rules import RuleSet

ENTITY_ACTIONS = {"relabel", "reject", "add_entity"}
QUOTE_ACTIONS = {"reject_quote", "set_kind", "set_speaker"}
ACTIONS = ENTITY_ACTIONS | QUOTE_ACTIONS

Span = tuple[int, int]


def _span(item: dict) -> Span:
    return item["start"], item["end"]


def is_correction(annotation: dict) -> bool:
    """A correction that still applies: an orphan's span no longer points at its words."""
    return (
        annotation.get("kind") == "correction"
        and annotation.get("target") is not None
        and not annotation.get("orphan")
    )


def apply_corrections(
    analysis: dict, annotations: list[dict], text: str, rules: RuleSet | None = None
) -> dict:
    """The analysis as the user has corrected it; later corrections win over earlier ones.

    The library's ``rules`` (`store.rules`) are laid over it first, so a one-span correction
    wins over a rule for its span.

    ``text`` is the reading text the offsets are into (a new speaker is looked for on the
    quotation's line). The result shares what no correction touches with ``analysis`` (copying
    a long article's analysis costs more than drawing it), so it is for reading, never for
    changing in place.
    """
    if rules:
        analysis = rules.apply(analysis)
    corrections = [a for a in annotations if is_correction(a)]
    if not corrections:
        return {
            **analysis,
            "entities": sorted(analysis.get("entities", []), key=_span),
            "quotes": sorted(analysis.get("quotes", []), key=_span),
        }
    # A copy one level down: corrections set the fields of entities, groups and quotations and
    # replace a group's lists whole, so nothing deeper is shared with what they change (and a
    # deep copy costs ten times as much).
    result = {
        **analysis,
        **{part: [dict(item) for item in analysis.get(part, [])]
           for part in ("entities", "groups", "quotes")},
    }  # fmt: skip
    spoken_by: dict[Span, dict] = {}  # quotation -> the set_speaker correction that won
    corrections.sort(key=lambda a: a["updated"])
    for correction in corrections:
        action = correction.get("action")
        span = _span(correction["target"])
        if action == "relabel":
            _relabel(result, span, correction["label"])
        elif action == "reject":
            _reject(result, span)
        elif action == "add_entity":
            _add_entity(result, span, correction["label"], correction["target"].get("exact", ""))
        elif action in QUOTE_ACTIONS:
            _correct_quote(result, correction, span, spoken_by)
    for quote in result["quotes"]:
        if (correction := spoken_by.get(_span(quote))) is not None:
            _underline_speaker(result, quote, correction, text)
    result["entities"].sort(key=_span)
    result["quotes"].sort(key=_span)
    return result


# -- entities and their groups ---------------------------------------------------------------


def _group(analysis: dict, key: str | None) -> dict | None:
    return next((g for g in analysis["groups"] if g["id"] == key), None) if key else None


def _relabel(analysis: dict, span: Span, label: str) -> None:
    entity = next((e for e in analysis["entities"] if _span(e) == span), None)
    if entity is None:
        return
    group = _group(analysis, entity.get("group"))
    if group is None:
        named = [entity]
    else:
        group["label"] = label
        named = [e for e in analysis["entities"] if e.get("group") == group["id"]]
    for mention in named:
        mention["label"] = label
        mention["origin"] = "correction"
        mention.pop("rule", None)  # the correction wins over the rule here


def _reject(analysis: dict, span: Span) -> None:
    entities = analysis["entities"]
    gone = [e for e in entities if _span(e) == span]
    entities[:] = [e for e in entities if _span(e) != span]
    for entity in gone:
        _count_mentions(analysis, _group(analysis, entity.get("group")))


def _add_entity(analysis: dict, span: Span, label: str, words: str) -> None:
    _reject(analysis, span)  # the entity there before, if any, gives way
    wanted = " ".join(words.split()).casefold()
    group = next(
        (
            g
            for g in analysis["groups"]
            if g["label"] == label
            and wanted in {" ".join(n.split()).casefold() for n in (g["name"], *g["aliases"])}
        ),
        None,
    )
    if group is None:
        group = {"id": added_group_id(label, words), "name": words, "label": label, "count": 0,
                 "mentions": [], "aliases": []}  # fmt: skip
        analysis["groups"].append(group)
    analysis["entities"].append(
        {"start": span[0], "end": span[1], "label": label, "text": words, "group": group["id"],
         "origin": "correction"}
    )  # fmt: skip
    _count_mentions(analysis, group)


def added_group_id(label: str, name: str) -> str:
    """A stable id for a group the user made: "u" for user, apart from the model's "g" ids."""
    return "u" + hashlib.blake2b(f"{label}:{name}".encode(), digest_size=5).hexdigest()


def _count_mentions(analysis: dict, group: dict | None) -> None:
    """Make a group's mentions, count and aliases those of its entities now; drop it when none
    is left."""
    if group is None:
        return
    named = sorted((e for e in analysis["entities"] if e.get("group") == group["id"]), key=_span)
    if not named:
        analysis["groups"].remove(group)
        return
    group["mentions"] = [[e["start"], e["end"]] for e in named]
    group["count"] = len(named)
    group["aliases"] = list(dict.fromkeys(e["text"] for e in named))


# -- quotations ------------------------------------------------------------------------------


def _correct_quote(
    analysis: dict, correction: dict, span: Span, spoken_by: dict[Span, dict]
) -> None:
    quotes = analysis["quotes"]
    action = correction["action"]
    if action == "reject_quote":
        quotes[:] = [q for q in quotes if _span(q) != span]
        return
    for quote in quotes:
        if _span(quote) != span:
            continue
        quote["origin"] = "correction"
        if action == "set_kind":
            quote["kind"] = correction["quote_kind"]
        else:
            spoken_by[span] = correction


def _underline_speaker(analysis: dict, quote: dict, correction: dict, text: str) -> None:
    """Give the quotation its new speaker, and the words naming them near it (once every
    entity correction is in, so a rejected mention is never underlined)."""
    key = correction.get("group")
    if key and key == quote.get("group") and quote.get("speaker_start") is not None:
        quote["speaker"] = correction["speaker"]
        return  # the model had the speaker right: keep the words it found
    quote["speaker"] = correction["speaker"]
    quote["group"] = key
    mention = _mention_near(analysis, quote, key, text)
    quote["speaker_start"], quote["speaker_end"] = mention or (None, None)
    quote["speaker_text"] = text[mention[0] : mention[1]] if mention else None


def _mention_near(analysis: dict, quote: dict, key: str | None, text: str) -> Span | None:
    """The group's mention on the quotation's line, outside it and nearest to it."""
    group = _group(analysis, key)
    if group is None:
        return None
    start, end = _span(quote)
    found = []
    for mention_start, mention_end in group["mentions"]:
        if mention_end <= start:
            between = text[mention_end:start]
        elif mention_start >= end:
            between = text[end:mention_start]
        else:
            continue  # inside the quotation: quoted, not speaking
        if "\n" not in between:
            found.append((len(between), (mention_start, mention_end)))
    return min(found)[1] if found else None
