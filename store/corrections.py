"""The user's corrections laid over the model's analysis.

Corrections are annotations (``kind: "correction"``), so they live with the user's other work and
survive a new analysis: what the reader shows and every export writes is the model's output with
the corrections applied here, never the stored analysis edited in place.

A correction's ``action`` says what it does to the thing at its ``target`` span:
- ``relabel`` an entity (``label``), ``reject`` an entity, ``add_entity`` (``label``) where the
  model missed one;
- ``reject_quote``, ``set_kind`` (``quote_kind``), ``set_speaker`` (``speaker``, ``group``).
An entity or quotation is matched by its exact ``[start, end]``.
"""

from __future__ import annotations

import copy

ENTITY_ACTIONS = {"relabel", "reject", "add_entity"}
QUOTE_ACTIONS = {"reject_quote", "set_kind", "set_speaker"}
ACTIONS = ENTITY_ACTIONS | QUOTE_ACTIONS


def _span(item: dict) -> tuple[int, int]:
    return item["start"], item["end"]


def apply_corrections(analysis: dict, annotations: list[dict]) -> dict:
    """The analysis as the user has corrected it; later corrections win over earlier ones.

    The result shares what no correction touches with ``analysis`` (copying a long article's
    analysis costs more than drawing it), so it is for reading, never for changing in place.
    """
    corrections = [
        a
        for a in annotations
        if a.get("kind") == "correction" and a.get("target") is not None and not a.get("orphan")
    ]
    if not corrections:
        return {
            **analysis,
            "entities": sorted(analysis.get("entities", []), key=_span),
            "quotes": sorted(analysis.get("quotes", []), key=_span),
        }
    result = copy.deepcopy(analysis)
    corrections.sort(key=lambda a: a["updated"])
    for correction in corrections:
        action = correction.get("action")
        span = _span(correction["target"])
        if action in ENTITY_ACTIONS:
            _correct_entities(result, correction, span)
        elif action in QUOTE_ACTIONS:
            _correct_quotes(result, correction, span)
    result.setdefault("entities", []).sort(key=_span)
    result.setdefault("quotes", []).sort(key=_span)
    return result


def _correct_entities(analysis: dict, correction: dict, span: tuple[int, int]) -> None:
    entities = analysis.setdefault("entities", [])
    action = correction["action"]
    if action == "add_entity":
        entities[:] = [e for e in entities if _span(e) != span]
        entities.append(
            {
                "start": span[0],
                "end": span[1],
                "label": correction["label"],
                "text": correction["target"].get("exact", ""),
                "group": None,
                "origin": "correction",
            }
        )
        return
    for entity in entities:
        if _span(entity) == span:
            if action == "reject":
                entity["rejected"] = True
            else:
                entity["label"] = correction["label"]
                entity["origin"] = "correction"
    entities[:] = [e for e in entities if not e.get("rejected")]


def _correct_quotes(analysis: dict, correction: dict, span: tuple[int, int]) -> None:
    quotes = analysis.setdefault("quotes", [])
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
            quote["speaker"] = correction["speaker"]
            quote["group"] = correction.get("group")
