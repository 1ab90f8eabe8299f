"""``presscut who``, ``presscut related`` and ``presscut compare``: one story across sources.

They only read the library, from the analyses stored at import, so they run beside an open app.
Their arguments are defined in `cli.crossref_args`.
"""

from __future__ import annotations

import argparse
import sys

import orjson

from cli.annotate import find_article
from services.quoting import clip, quoted
from store.compare import Comparison, compare
from store.entity_notes import all_entity_notes, notes_about
from store.errors import NotFound
from store.library import Library
from store.people_index import CrossEntity, PeopleIndex, by_mentions
from store.related import related

QUOTE_WIDTH = 100

class Unknown(Exception):
    """An article or name the library does not have: one line for stderr."""


def article_of(library: Library, ref: str, which: str = "") -> dict:
    """An article by id, id prefix or the path it was imported from, or `Unknown` saying which
    argument was not found and how to find the right one."""
    try:
        return find_article(library, ref)
    except NotFound:
        pass
    starts = [row["id"] for row in library.articles() if ref and row["id"].startswith(ref)]
    side = f" ({which})" if which else ""
    if len(starts) > 1:
        some = ", ".join(sorted(starts)[:3]) + ("…" if len(starts) > 3 else "")
        raise Unknown(f"{ref!r}{side} is the start of {len(starts)} article ids ({some}): "
                      "give more of it") from None
    raise Unknown(f"no article with id or path {ref!r}{side} in the library; "
                  "`presscut list` shows the ids") from None


def print_json(data: object) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def entity_dict(index: PeopleIndex, entity: CrossEntity, notes: list[dict]) -> dict:
    """Everything `who NAME` tells about one entity."""
    return {
        "key": entity.key,
        "name": entity.name,
        "label": entity.label,
        "forms": entity.forms,
        "mentions": entity.mentions,
        "articles": [
            {k: row.get(k) for k in ("id", "title", "source", "published")}
            for row in map(index.row, entity.articles)
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
        entities = by_mentions(entities)
    if not entities:
        if args.name:
            raise Unknown(f"nobody named {args.name!r} in the library; `presscut who` lists "
                          "everyone")
        print("The library names nobody yet.", file=sys.stderr)
        return 0
    if not args.name:
        if args.json:
            print_json([{"key": e.key, "name": e.name, "label": e.label,
                         "articles": e.article_count, "mentions": e.mentions} for e in entities])
            return 0
        print("articles mentions  name")
        for entity in entities:
            print(f"{entity.article_count:8} {entity.mentions:8}  {entity.name}  ({entity.label})")
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
    print(f"{detail['name']} ({detail['label']}), {counted(detail['mentions'], 'mention')}"
          + (f"; also {forms}" if forms else ""))
    for note in detail["notes"]:
        print(f"  note: {note}")
    by_article: dict[str, list[dict]] = {}
    for quote in detail["quotes"]:
        by_article.setdefault(quote["article"], []).append(quote)
    for article in detail["articles"]:
        print(f"  {article['id']}  {article['published'] or '-':10}  {article['source'] or '-':8}"
              f"  {article['title']}")
        for quote in by_article.get(article["id"], ()):
            words = quoted(quote["text"], quote["kind"], QUOTE_WIDTH)
            print(f"      {quote['cue'] or '-':10} {words}")
    print()


def run_related(library: Library, args: argparse.Namespace) -> int:
    article = article_of(library, args.article)
    found = related(PeopleIndex.build(library), article["id"], args.limit)
    if args.json:
        print_json([r.to_dict() for r in found])
        return 0
    if not found:
        print(f"nothing in the library looks like the same story as {article['title']!r}",
              file=sys.stderr)
    for r in found:
        apart = "dates unknown" if r.days is None else counted(r.days, "day") + " apart"
        print(f"{r.row['id']}  {r.score:.2f}  {r.row.get('source') or '-':8}  {r.row['title']}")
        print(f"    {apart}, wording {r.wording:.0%}; both name {', '.join(r.names[:6])}")
    return 0


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def run_compare(library: Library, args: argparse.Namespace) -> int:
    a, b = article_of(library, args.a, "A"), article_of(library, args.b, "B")
    if a["id"] == b["id"]:
        raise Unknown(f"A and B are the same article ({a['id']}): give two different ones")
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
                print(f"    {side} {quote.cue or '-':8} {clip(quote.text, QUOTE_WIDTH)}{same}")
    for pair in (p for p in result.pairs if not p.same_speaker):
        print(f"  same words, different speakers: A {pair.a.speaker} / B {pair.b.speaker}: "
              f"{clip(pair.a.text, QUOTE_WIDTH)}")
    print("\nFigures in both")
    for figure in result.figures:
        verdict = "agree " if figure.agree else "DIFFER"
        print(f"  {verdict}  A {figure.a.shown} [{figure.a.attribution or 'no source'}]"
              f"  B {figure.b.shown} [{figure.b.attribution or 'no source'}]")
    for side, quotes in (("A", result.only_a_quotes), ("B", result.only_b_quotes)):
        print(f"\nQuotations only in {side} ({len(quotes)})")
        for quote in quotes:
            print(f"  {quote.speaker or 'unattributed'}: {clip(quote.text, QUOTE_WIDTH)}")


def run(library: Library, args: argparse.Namespace) -> int:
    """Dispatch one of this module's commands; an unknown article or name is one line on
    stderr and exit status 1."""
    command = {"who": run_who, "related": run_related, "compare": run_compare}[args.command]
    try:
        return command(library, args)
    except Unknown as error:
        print(f"presscut {args.command}: {error}", file=sys.stderr)
        return 1
