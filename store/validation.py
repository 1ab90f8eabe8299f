"""What an article must be before the library keeps it: every field by type, every offset in range.

One bad value in a library row (a title that is a number) breaks every list, search and export
that meets it, so an article from outside is checked whole before it is stored, and
`presscut check` runs the same checks over what a library already holds. The types come from
``store/export.schema.json`` (the export's contract); what a schema cannot say - offsets within
the text they point into, a start not after its end - is checked here.

Each check returns ``None`` or one line saying what is wrong and where.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
ROW_FIELDS = ("id", "path", "title", "section", "source", "published", "byline", "dateline")
# Fields a library row must have: the rest may be missing from rows of older presscuts.
ROW_REQUIRED = ("id", "origin")

formats = FormatChecker(("date",))


@formats.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    """An ISO 8601 time as presscut writes them, with its zone; what `sorted` compares."""
    if not isinstance(value, str):
        return True  # the type is the schema's `type` to check
    return datetime.fromisoformat(value).tzinfo is not None


@cache
def export_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


class SchemaCheck:
    """One schema, checked fast (jsonschema-rs: microseconds, where jsonschema takes
    milliseconds a row, minutes for `check` on a large library) and explained by jsonschema's
    `best_match` only when a value fails."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.fast = jsonschema_rs.validator_for(schema, validate_formats=True)
        self.explaining = Draft202012Validator(schema, format_checker=formats)

    def problem(self, value: Any) -> str | None:
        if self.fast.is_valid(value):
            return None
        error = best_match(self.explaining.iter_errors(value))
        if error is None:  # a format only the fast check refuses: its own words
            fast_error = next(iter(self.fast.iter_errors(value)))
            path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}"
                           for step in fast_error.instance_path)
            return f"{fast_error.message} at {path}" if path else fast_error.message
        where = error.json_path.removeprefix("$")
        message = f"{error.instance!r} is not allowed here" if error.validator == "not" else (
            error.message
        )
        message = message if len(message) <= 120 else message[:119] + "…"
        return f"{message} at {where}" if where else message


@cache
def _validator(definition: str) -> SchemaCheck:
    """A validator of one of the schema's definitions, its references resolved in the schema."""
    schema = export_schema()
    return SchemaCheck({"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"})


@cache
def _row_validator() -> SchemaCheck:
    """A library row: the article's own fields and its catalogue's, as the export carries them."""
    schema = export_schema()
    article = schema["$defs"]["article"]["properties"]
    catalogue = article["catalogue"]
    row = {
        "$defs": schema["$defs"],
        "type": "object",
        "required": list(ROW_REQUIRED),
        "properties": {
            **{name: article[name] for name in ROW_FIELDS},
            **catalogue["properties"],
        },
    }
    return SchemaCheck(row)


@cache
def top_validator() -> SchemaCheck:
    """The export around its articles, which are checked one by one (`article_problem`)."""
    schema = {**export_schema(), "properties": {**export_schema()["properties"]}}
    schema["properties"]["articles"] = {"type": "array", "items": {"type": "object"}}
    return SchemaCheck(schema)


def schema_problem(check: SchemaCheck, value: Any) -> str | None:
    return check.problem(value)


def _spans(prefix: str, items: Any, *pairs: tuple[str, str]) -> Iterator[tuple[str, Any, Any]]:
    for number, item in enumerate(items or ()):
        for start, end in pairs:
            if item.get(start) is not None or item.get(end) is not None:
                yield f"{prefix}[{number}]", item.get(start), item.get(end)


def _analysis_spans(prefix: str, analysis: dict) -> Iterator[tuple[str, Any, Any]]:
    yield from _spans(f"{prefix}entities", analysis.get("entities"), ("start", "end"))
    yield from _spans(
        f"{prefix}quotes", analysis.get("quotes"),
        ("start", "end"), ("speaker_start", "speaker_end"),
    )  # fmt: skip
    for number, group in enumerate(analysis.get("groups") or ()):
        for place, (start, end) in enumerate(group.get("mentions") or ()):
            yield f"{prefix}groups[{number}].mentions[{place}]", start, end


def _range_problem(where: str, start: Any, end: Any, length: int, within: str) -> str | None:
    if not (isinstance(start, int) and isinstance(end, int)):
        return f"{where}: start and end must both be numbers"
    if not 0 <= start <= end <= length:
        return f"{where}: span {start}-{end} is not within the {length} characters of {within}"
    return None


def text_problems(
    text: str, analysis: dict, annotations: list[dict], prefix: str = "analysis."
) -> Iterator[str]:
    """Offsets of an analysis and its annotations that do not fit the text they point into."""
    for where, start, end in _analysis_spans(prefix, analysis):
        problem = _range_problem(where, start, end, len(text), "the text")
        if problem:
            yield problem
    for number, annotation in enumerate(annotations):
        target = annotation.get("target")
        if target and not annotation.get("orphan"):  # an orphan's offsets are of a text gone
            where = f"annotations[{number}].target"
            problem = _range_problem(where, target["start"], target["end"], len(text), "the text")
            if problem:
                yield problem


def first_text_problem(
    text: str, analysis: dict, annotations: list[dict], prefix: str = "analysis."
) -> str | None:
    """The first of `text_problems`, at the cost of a comparison per offset: naming where a
    problem is (a string per span) is only done for the rare analysis that has one, which made
    `presscut check` of a large library spend most of its time on messages it never printed."""
    if _offsets_fit(len(text), analysis, annotations):
        return None
    return next(text_problems(text, analysis, annotations, prefix), None)


def _offsets_fit(length: int, analysis: dict, annotations: list[dict]) -> bool:
    """Whether every offset `text_problems` looks at is within ``length``: True only when it
    surely is. A value of another type, or a span with one end missing, answers False and is
    left to `text_problems` to judge and name (a span with both ends missing is no span there).
    Loops written out, no list of pairs made: `presscut check` runs this over every offset of
    a library."""
    for entity in analysis.get("entities") or ():
        start, end = entity.get("start"), entity.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
            return False
    for quote in analysis.get("quotes") or ():
        start, end = quote.get("start"), quote.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
            return False
        start, end = quote.get("speaker_start"), quote.get("speaker_end")
        if (start is not None or end is not None) and not (
            type(start) is int and type(end) is int and 0 <= start <= end <= length
        ):
            return False
    for group in analysis.get("groups") or ():
        for mention in group.get("mentions") or ():
            if not (type(mention) is list and len(mention) == 2):
                return False
            start, end = mention
            if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
                return False
    for annotation in annotations:
        target = annotation.get("target")
        if target and not annotation.get("orphan"):
            start, end = target.get("start"), target.get("end")
            if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
                return False
    return True


def body_problem(body: Any) -> str | None:
    """What is wrong with an article's stored text and analysis, if anything."""
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return "no text in it"
    checked = {
        "text": body["text"],
        "original": body.get("original", body["text"]),
        "boilerplate": body.get("boilerplate", []),
        "analysis": body.get("analysis") or {},
    }
    if not _body_validator().fast.is_valid(checked):  # one call; each field explained apart
        for name in ("original", "boilerplate", "analysis"):
            problem = schema_problem(_validator_of_field(name), checked[name])
            if problem:
                return f"{name}: {problem}"
    for number, (start, end) in enumerate(checked["boilerplate"]):
        problem = _range_problem(
            f"boilerplate[{number}]", start, end, len(checked["original"]), "the original"
        )
        if problem:
            return problem
    return first_text_problem(checked["text"], checked["analysis"], [])


@cache
def _body_validator() -> SchemaCheck:
    """The stored text's fields in one schema: one crossing into the validator per body, where
    a crossing per field cost `presscut check` a third of its time on a large library."""
    schema = export_schema()
    article = schema["$defs"]["article"]["properties"]
    fields = {name: article[name] for name in ("original", "boilerplate", "analysis")}
    return SchemaCheck({"$defs": schema["$defs"], "type": "object", "properties": fields})


@cache
def _annotations_validator() -> SchemaCheck:
    """An article's annotations as one list: checked in one call, explained one by one."""
    schema = export_schema()
    items = {"$ref": "#/$defs/annotation"}
    return SchemaCheck({"$defs": schema["$defs"], "type": "array", "items": items})


@cache
def _validator_of_field(name: str) -> SchemaCheck:
    schema = export_schema()
    field_schema = schema["$defs"]["article"]["properties"][name]
    return SchemaCheck({"$defs": schema["$defs"], **field_schema})


def row_problem(row: Any) -> str | None:
    """What is wrong with a library row (an article's catalogue entry), if anything."""
    from store.ids import is_article_id

    problem = schema_problem(_row_validator(), row)
    if problem:
        return problem
    if not is_article_id(row["id"]):
        return f"id {row['id']!r} is not of presscut's form"
    return None


def annotation_problem(annotation: Any, text: str | None) -> str | None:
    """What is wrong with a stored annotation, if anything; its offsets are checked against the
    article's ``text`` when that is known."""
    problem = schema_problem(_validator("annotation"), annotation)
    if problem is None and text is not None:
        problem = first_text_problem(text, {}, [annotation])
    return problem


def article_problem(article: dict) -> str | None:
    """What is wrong with one article of an export, if anything: its schema, then its ranges."""
    from store.ids import article_id

    problem = schema_problem(_validator("article"), article)
    if problem:
        return problem
    origin = article["catalogue"]["origin"]
    if article["id"] != article_id(origin):
        return f"its id does not match its origin {origin}"
    for annotation in article["annotations"]:
        if annotation["article"] != article["id"]:
            return f"annotation {annotation['id']} names another article, {annotation['article']}"
    shown = {key: article[key] for key in ("entities", "groups", "quotes")}
    problems = text_problems(article["text"], shown, article["annotations"], prefix="")
    return (
        next(problems, None)
        or next(text_problems(article["text"], article["analysis"], []), None)
        or body_problem({name: article[name] for name in ("original", "text", "boilerplate")})
    )


def stored_article_problem(row: Any, body: Any, annotations: list[dict]) -> str | None:
    """What keeps a stored article from being read, listed or exported, if anything: its row,
    its text and analysis, or one of its annotations (its text file read as ``body``).
    `presscut check` reports it and `presscut check --recover` sets the article aside."""
    problem = row_problem(row)
    if problem:
        return f"its entry in the library is damaged: {problem}"
    problem = body_problem(body)
    if problem:
        return f"its text is damaged: {problem}"
    text = body["text"]
    if _annotations_validator().fast.is_valid(annotations) and _offsets_fit(
        len(text), {}, annotations
    ):
        return None  # the common case, in two calls; the one at fault is named below
    for annotation in annotations:
        problem = annotation_problem(annotation, text)
        if problem:
            return f"its annotation {annotation.get('id')!r} is damaged: {problem}"
    return None
