"""``presscut stats``: the story view's figures as a table, JSON or CSV, for notebooks.

The parser is built on every start of presscut, so the store is imported only when it runs."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.library import Library

BY = ("outlet", "day", "speaker")


def add_parser(commands: argparse._SubParsersAction) -> None:
    stats = commands.add_parser(
        "stats",
        help="figures of the story: articles per day and outlet, who is quoted, direct and "
        "reported quotations",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
The figures the app's story view (key S) draws, as a table:
  --by outlet   each outlet's articles and quotations, direct and reported (the default)
  --by day      articles per publication day, one column per outlet
  --by speaker  each person or body quoted, most first: quotations by kind and by outlet
Speakers are merged across outlets as `presscut who` merges them.""",
        epilog="""\
examples:
  presscut stats
  presscut stats --by day --since 2012-02-01 --until 2012-02-29 --csv > days.csv
  presscut stats --by speaker --tag verify --json

exit status: 0, or 2 for a date that is not YYYY-MM-DD.""",
    )
    stats.add_argument("--tag", metavar="TAG", help="only the articles with this tag")
    stats.add_argument("--since", type=day, metavar="DATE",
                       help="only articles published on or after DATE (YYYY-MM-DD)")
    stats.add_argument("--until", type=day, metavar="DATE",
                       help="only articles published on or before DATE (YYYY-MM-DD)")
    stats.add_argument("--by", choices=BY, default="outlet", help="which figures (see above)")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON: a list of rows")
    output.add_argument("--csv", action="store_true", help="print CSV with a header line")


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def run(library: Library, args: argparse.Namespace) -> int:
    import orjson

    from store.quote_facts import QuoteFacts
    from store.stats import Scope, story_figures, table

    scope = Scope(args.tag, args.since, args.until)
    rows = [row for row in library.catalogue() if scope.admits(row)]
    facts = QuoteFacts(library.folder)
    facts.refresh(library, rows)
    figures = story_figures(rows, facts)
    data = table(figures, args.by)
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    elif args.csv:
        write_csv(data, args.by, figures.outlet_names)
    elif not data:
        print("No articles in that scope." if scope != Scope() else
              "The library is empty: add articles with `presscut import PATH`.",
              file=sys.stderr)
    else:
        print_table(data)
    return 0


def columns(by: str, outlets: list[str]) -> list[str]:
    first = {"outlet": ["outlet", "articles", "quotes", "direct", "reported"],
             "day": ["day", "articles"],
             "speaker": ["speaker", "label", "quotes", "direct", "reported"]}[by]
    return first if by == "outlet" else first + outlets


def write_csv(data: list[dict], by: str, outlets: list[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns(by, outlets), lineterminator="\n")
    writer.writeheader()
    for row in data:  # a cell starting = + - @ is read as a formula by spreadsheets
        writer.writerow({k: f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v
                         for k, v in row.items()})


def print_table(data: list[dict]) -> None:
    """Aligned columns, words left and numbers right, every value made safe to print."""
    from services.sanitize import visible_text

    heads = list(data[0])
    cells = [[visible_text("" if v is None else str(v)) for v in row.values()] for row in data]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    numeric = [all(isinstance(row[h], int) for row in data) for h in heads]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w)
                         for v, w, n in zip(values, widths, numeric, strict=True)).rstrip()

    print(line([visible_text(h) for h in heads]))
    for row in cells:
        print(line(row))
