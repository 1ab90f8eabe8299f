"""Which spans of an article the reader paints, and in which order.

Quotations go first so that entity colours and the speaker's underline are painted over their
background.
"""

from __future__ import annotations

from tui.highlights import Span
from tui.reader_styles import entity_style_name


def analysis_spans(analysis: dict) -> list[Span]:
    spans: list[Span] = []
    for quote in analysis.get("quotes", []):
        spans.append((quote["start"], quote["end"], f"quote.{quote['kind']}"))
    for entity in analysis.get("entities", []):
        spans.append((entity["start"], entity["end"], entity_style_name(entity["label"])))
    for quote in analysis.get("quotes", []):
        if quote.get("speaker_start") is not None and quote.get("speaker_end") is not None:
            spans.append((quote["speaker_start"], quote["speaker_end"], "speaker"))
    return spans
