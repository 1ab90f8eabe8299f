"""The command-line words of ``presscut who``, ``related`` and ``compare`` (run by
`cli.crossref`), apart from what runs them, so building the parser loads no store."""

from __future__ import annotations

import argparse

COMMANDS = ("who", "related", "compare")
HELP = argparse.RawDescriptionHelpFormatter
ARTICLE_REF = "an article: its id, the start of its id (as `presscut list` prints it), or the " \
    "path of the file it was imported from"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    who = commands.add_parser(
        "who",
        help="people and bodies across the library, with their articles and quotations",
        formatter_class=HELP,
        description="""\
List the people and bodies the library names, each once however the outlets write them
("Bashar al-Assad", "Bashar Assad" and "Assad" are one person; "UN" and "U.N." one body).

Without NAME: everyone, one a line, in the most articles first.
With NAME: everyone whose name contains every word of it, with the articles that name
them, every quotation they are given, and the notes written on them in the app.""",
        epilog="""\
examples:
  presscut who                        everyone, in the most articles first
  presscut who --sort mentions        everyone, the most mentioned first
  presscut who ghalioun               one person: articles, quotations, notes
  presscut who "united nations" --json

exit status: 0, or 1 when nobody matches NAME.""",
    )
    who.add_argument("name", nargs="?", metavar="NAME",
                     help="words of a name, in any case (\"ghalioun\", \"burhan g\")")
    who.add_argument("--json", action="store_true", help="print JSON instead of text")
    who.add_argument("--sort", choices=("articles", "mentions"), default="articles",
                     help="order by the number of articles naming them (the default) or of "
                     "mentions")
    rel = commands.add_parser(
        "related",
        help="articles on the same story as ARTICLE",
        formatter_class=HELP,
        description="""\
List the articles most likely on the same story as ARTICLE, best first: they name the
same people and bodies (rare names count more), share its wording, and are days apart.
Each line gives the article's id, score, source and title, then why.""",
        epilog="""\
examples:
  presscut related 2bd6f55d33
  presscut related 2bd6 --limit 3
  presscut related articles/bbc-syria.txt --json

exit status: 0 (also when nothing is related), or 1 when ARTICLE is not in the library.""",
    )
    rel.add_argument("article", metavar="ARTICLE", help=ARTICLE_REF)
    rel.add_argument("--limit", type=positive, default=5, metavar="N",
                     help="list at most N articles (default: 5)")
    rel.add_argument("--json", action="store_true", help="print JSON instead of text")
    cmp = commands.add_parser(
        "compare",
        help="two articles side by side: who both name, quotations, figures",
        formatter_class=HELP,
        description="""\
Compare two articles, typically two outlets' versions of one story: who both name and
who only one does, the speakers both quote with each one's quotations (the same words
paired even when trimmed or reworded), the figures both give and whether they agree,
and the quotations only one carries.""",
        epilog="""\
examples:
  presscut compare 2bd6f55d33 6f6dcf61ae
  presscut compare 2bd6 6f6d --json

In the app: c on one article in the library, then c on another.
exit status: 0, or 1 when A or B is not in the library or both are the same article.""",
    )
    cmp.add_argument("a", metavar="A", help=ARTICLE_REF)
    cmp.add_argument("b", metavar="B", help="the other article, given the same way")
    cmp.add_argument("--json", action="store_true", help="print JSON instead of text")


def positive(text: str) -> int:
    """An argparse type: a whole number from 1 up."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 up")
    return number
