"""``presscut who``, ``presscut related`` and ``presscut compare``: one story across sources.

They only read the library, from the analyses stored at import, so they run beside an open app.
"""

from __future__ import annotations

import argparse
import sys

import orjson

from store.compare import Comparison, compare
from store.entity_notes import all_entity_notes, notes_about
from store.library import Library
from store.people_index import CrossEntity, PeopleIndex
from store.related import related
from tui.annotate_cli import find_article

COMMANDS = ("who", "related", "compare")
QUOTE_WIDTH = 100


def add_parsers(commands: argparse._SubParsersAction) -> None:
    who = commands.add_parser(
        "who",
        help="people and bodies across the library, with their articles and quotations",
        description="Without NAME, every person and body, in the most articles first; with "
        "NAME, those whose name contains it, with every article and quotation.",
    )
    who.add_argument("name", nargs="?", metavar="NAME")
    who.add_argument("--json", action="store_true", help="print JSON")
    who.add_argument("--sort", choices=("articles", "mentions"), default="articles")
    rel = commands.add_parser("related", help="articles on the same story as ARTICLE")
    rel.add_argument("article", metavar="ARTICLE", help="an id (or its start) or a path")
    rel.add_argument("--limit", type=int, default=5, metavar="N")
    rel.add_argument("--json", action="store_true", help="print JSON")
    cmp = commands.add_parser(
        "compare", help="two articles side by side: who both name, quotations, figures"
    )
    cmp.add_argument("a", metavar="A", help="an article: id (or its start) or path")
    cmp.add_argument("b", metavar="B", help="the other article")
    cmp.add_argument("--json", action="store_true", help="print JSON")


def print_json(data: object) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def clip(text: str, width: int = QUOTE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def entity_dict(index: PeopleIndex, entity: CrossEntity, notes: list[dict]) -> dict:
    """Everything `who NAME` tells about one entity."""
    return {
        "key": entity.key,
        "name": entity.name,
        "label": entity.label,
        "forms": entity.forms,
        "mentions": entity.mentions,
        "articles": [
            {k: index.row(a).get(k) for k in ("id", "title", "source", "published")}
            for a in entity.articles
        ],
        "quotes": [
            {"article": q.article, "start": q.start, "end": q.end, "kind": q.kind,
             "cue": q.cue, "text": q.text}
            for q in index.quotes_of(entity)
        ],
        "notes": [n["note"] for n in notes_about(notes, entity.members)],
    }


def run_who(library: Library, args: argparse.Namespace) -> int:
    index = PeopleIndex.build(library)
    entities = index.search(args.name) if args.name else index.entities()
    if args.sort == "mentions":
        entities = sorted(entities, key=lambda e: -e.mentions)
    if not entities:
        print(f"nobody named {args.name!r} in the library" if args.name else
              "The library names nobody yet.", file=sys.stderr)
        return 1 if args.name else 0
    if not args.name:
        if args.json:
            print_json([{"key": e.key, "name": e.name, "label": e.label,
                         "articles": len(e.articles), "mentions": e.mentions} for e in entities])
            return 0
        print("articles mentions  name")
        for entity in entities:
            print(f"{len(entity.articles):8} {entity.mentions:8}  {entity.name}  ({entity.label})")
        return 0
    notes = all_entity_notes(library)
    details = [entity_dict(index, entity, notes) for entity in entities]
    if args.json:
        print_json(details)
        return 0
    for detail in details:
        print_who(detail)
    return 0


def print_who(detail: dict) -> None:
    forms = ", ".join(detail["forms"][1:])
    print(f"{detail['name']} ({detail['label']}), {detail['mentions']} mentions"
          + (f"; also {forms}" if forms else ""))
    for note in detail["notes"]:
        print(f"  note: {note}")
    for article in detail["articles"]:
        print(f"  {article['id']}  {article['published'] or '-':10}  {article['source'] or '-':8}"
              f"  {article['title']}")
        for quote in (q for q in detail["quotes"] if q["article"] == article["id"]):
            marks = '"{}"' if quote["kind"] == "direct" else "‹{}›"
            print(f"      {quote['cue'] or '-':10} {marks.format(clip(quote['text']))}")
    print()


def run_related(library: Library, args: argparse.Namespace) -> int:
    article = find_article(library, args.article)
    found = related(PeopleIndex.build(library), article["id"], args.limit)
    if args.json:
        print_json([r.to_dict() for r in found])
        return 0
    if not found:
        print(f"nothing in the library looks like the same story as {article['title']!r}",
              file=sys.stderr)
    for r in found:
        days = "?" if r.days is None else r.days
        print(f"{r.row['id']}  {r.score:.2f}  {r.row.get('source') or '-':8}  {r.row['title']}")
        print(f"    {days} days apart, wording {r.wording:.0%}; both name {', '.join(r.names[:6])}")
    return 0


def run_compare(library: Library, args: argparse.Namespace) -> int:
    a, b = find_article(library, args.a), find_article(library, args.b)
    result = compare(library, a["id"], b["id"])
    if args.json:
        print_json(result.to_dict())
    else:
        print_comparison(result)
    return 0


def print_comparison(result: Comparison) -> None:
    for side, row in (("A", result.a), ("B", result.b)):
        print(f"{side}  {row['id']}  {row.get('published') or '-':10}  "
              f"{row.get('source') or '-':8}  {row['title']}")
    print(f"\nNamed in both ({len(result.shared)}): "
          + ", ".join(f"{n.name} {n.count_a}/{n.count_b}" for n in result.shared))
    print(f"Only in A ({len(result.only_a)}): " + ", ".join(n.name for n in result.only_a))
    print(f"Only in B ({len(result.only_b)}): " + ", ".join(n.name for n in result.only_b))
    print("\nSpeakers quoted in both")
    for speaker in result.speakers:
        print(f"  {speaker.name}")
        for side, quotes in (("A", speaker.a), ("B", speaker.b)):
            for quote in quotes:
                pair = result.partner(quote)
                same = " (same words in both)" if pair else ""
                print(f"    {side} {quote.cue or '-':8} {clip(quote.text)}{same}")
    for pair in (p for p in result.pairs if not p.same_speaker):
        print(f"  same words, different speakers: A {pair.a.speaker} / B {pair.b.speaker}: "
              f"{clip(pair.a.text)}")
    print("\nFigures in both")
    for figure in result.figures:
        verdict = "agree " if figure.agree else "DIFFER"
        print(f"  {verdict}  A {figure.a.text} {' '.join(figure.a.counts)}"
              f" [{figure.a.attribution or 'no source'}]  B {figure.b.text}"
              f" {' '.join(figure.b.counts)} [{figure.b.attribution or 'no source'}]")
    for side, quotes in (("A", result.only_a_quotes), ("B", result.only_b_quotes)):
        print(f"\nQuotations only in {side} ({len(quotes)})")
        for quote in quotes:
            print(f"  {quote.speaker or 'unattributed'}: {clip(quote.text)}")


def run(library: Library, args: argparse.Namespace) -> int:
    """Dispatch one of this module's commands."""
    return {"who": run_who, "related": run_related, "compare": run_compare}[args.command](
        library, args
    )
