"""``presscut rules``: the corrections that teach (`store.rules`), listed, added and removed."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from store.rules import ALIAS, ENTITY, rule_words

if TYPE_CHECKING:
    from store.library import Library

COMMAND = "rules"


def add_parser(commands: argparse._SubParsersAction) -> None:
    rules = commands.add_parser(
        COMMAND,
        help="list, add and remove rules: corrections applied in every article",
        description="A rule is a correction said once for the whole library: an entity rule "
        "gives a name a label wherever the model found it, an alias rule shows several names "
        "as one person or body. Every view, export and later import applies them; a correction "
        "of one span in one article wins over a rule there. Removing a rule brings the "
        "model's analysis back.",
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print the rules, one a line with its id",
                                 description="Print the rules, oldest first, one a line: id, "
                                 "kind, when made, what it does.")
    listing.add_argument("--json", action="store_true", help="print them as a JSON array")
    adding = actions.add_parser("add", help="add a rule",
                                description="Add an entity rule or an alias rule.")
    kinds = adding.add_subparsers(dest="rule_kind", metavar="KIND", required=True)
    entity = kinds.add_parser(
        ENTITY, help="give a name a label in every article",
        description="Give a name a label wherever the model found it (matched on its words, "
        "case aside), e.g. `presscut rules add entity Homs GPE`.")
    entity.add_argument("name", metavar="NAME", help="the name as the articles write it")
    entity.add_argument("label", metavar="LABEL", help="the label: PERSON, ORG, GPE, LOC, ...")
    alias = kinds.add_parser(
        ALIAS, help="show several names as one person or body",
        description="Show several names as one person or body, under the name given with "
        "--as, e.g. `presscut rules add alias RIM \"Research in Motion\" --as \"Research in "
        "Motion\"`.")
    alias.add_argument("names", nargs="+", metavar="NAME", help="a name the articles write")
    alias.add_argument("--as", dest="show", required=True, metavar="NAME",
                       help="the name to show them under")
    removing = actions.add_parser("remove", help="remove a rule by its id",
                                  description="Remove a rule; the model's analysis (and any "
                                  "other rule) shows again where it applied.")
    removing.add_argument("id", metavar="ID", help="the rule's id (or its start), from "
                          "`presscut rules list`")


def run(library: Library, args: argparse.Namespace) -> int:
    if args.rules_command == "list":
        return _list(library, args.json)
    if args.rules_command == "remove":
        rule = library.remove_rule(args.id)
        print(f"removed rule {rule['id']}: {rule_words(rule)}")
        return 0
    if args.rule_kind == ENTITY:
        name, label = " ".join(args.name.split()), args.label.strip().upper()
        if not name or not label:
            print("presscut: a rule needs a name and a label, e.g. `presscut rules add entity "
                  "Homs GPE`", file=sys.stderr)
            return 1
        rule = library.add_rule(ENTITY, name=name, label=label)
    else:
        names = list(dict.fromkeys(" ".join(n.split()) for n in [*args.names, args.show]))
        names = [n for n in names if n]
        show = " ".join(args.show.split())
        if len(names) < 2 or not show:
            print("presscut: an alias rule joins at least two names, e.g. `presscut rules add "
                  "alias \"Ms Dunlop\" --as \"Margaret Dunlop\"`", file=sys.stderr)
            return 1
        rule = library.add_rule(ALIAS, names=names, show=show)
    print(f"added rule {rule['id']}: {rule_words(rule)}")
    return 0


def _list(library: Library, as_json: bool) -> int:
    rules, inferred = library.rules(), library.inferred_rules()
    if as_json:
        import orjson  # not at start-up: building the parser loads no store (tests/test_layers)

        sys.stdout.write(orjson.dumps([*rules, *inferred], option=orjson.OPT_INDENT_2).decode()
                         + "\n")
        return 0
    if not rules and not inferred:
        print("No rules: make one with `presscut rules add` or, in the app, with c then "
              "Everywhere.", file=sys.stderr)
    for rule in rules:
        print(f"{rule['id']}  {rule['kind']:<6}  {rule['created'][:16].replace('T', ' ')}  "
              f"{rule_words(rule)}")
    for rule in inferred:  # the library's own, below the user's; a rule of the user's wins
        print(f"{rule['id']}  {rule_words(rule)}")
    return 0
