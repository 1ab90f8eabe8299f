"""The ``presscut`` command: open the app, or import, list and export without it.

``presscut [PATH...]`` is the app; the other commands are for scripts and quick looks. Errors
from the store and from bad input come out as one line on stderr with a non-zero status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from store.errors import StoreError
from store.library import Library
from store.paths import LIBRARY_SETTING, library_path
from tui import annotate_cli

COMMANDS = ("open", "import", "list", "export", "annotate", "tags")
EXPORT_FORMATS = ("json",)
READING_COMMANDS = ("list", "export", "tags")  # they never write, so they work beside an open app
EXIT_OK, EXIT_FAILED = 0, 1
EMPTY_LIBRARY = "The library is empty: add articles with `presscut import PATH`."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presscut",
        description="Read and annotate news articles in the terminal: who is named, who said what.",
        epilog="Run `presscut COMMAND --help` for a command's options. "
        "With no command, presscut imports any PATHs given and opens the app.",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        help=f"the library folder (default: ${LIBRARY_SETTING}, else the user data folder)",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="open the library without writing to it"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_cmd = commands.add_parser("open", help="import PATHs (if any) and open the app")
    open_cmd.add_argument("paths", nargs="*", type=Path, metavar="PATH")

    import_cmd = commands.add_parser(
        "import", help="import .txt, .md and .html files and folders into the library"
    )
    import_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    commands.add_parser("list", help="print the library, one article a line with its id")
    annotate_cli.add_parsers(commands)

    export_cmd = commands.add_parser("export", help="write the library's annotations to a file")
    export_cmd.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export_cmd.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="file to write (default: stdout)"
    )
    export_cmd.add_argument(
        "--article", action="append", metavar="ID", help="only this article (repeatable)"
    )
    export_cmd.add_argument("--tag", metavar="TAG", help="only articles carrying this tag")
    export_cmd.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def with_default_command(argv: Sequence[str]) -> list[str]:
    """Insert ``open`` when no command is named, so ``presscut sample_articles/`` opens the app."""
    argv = list(argv)
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--library":
            index += 2
            continue
        if word.startswith("-"):
            if word in ("-h", "--help"):
                return argv
            index += 1
            continue
        if word in COMMANDS:
            return argv
        break
    return argv[:index] + ["open"] + argv[index:]


def print_import_report(report) -> None:
    for line in report.failed:
        print(line, file=sys.stderr)
    print(report.summary(), file=sys.stderr)


def run_import(library: Library, paths: list[Path]) -> int:
    from tui.import_progress import import_with_progress

    report = import_with_progress(library, paths)
    print_import_report(report)
    return EXIT_FAILED if report.failed else EXIT_OK


def run_list(library: Library) -> int:
    rows = library.articles()
    if not rows:
        print(EMPTY_LIBRARY, file=sys.stderr)
    for row in rows:
        date = row.get("published") or "-"
        source = row.get("source") or "-"
        print(f"{row['id']}  {date:10}  {source:8}  {row['title']}")
    return EXIT_OK


def run_export(library: Library, args: argparse.Namespace) -> int:
    from store.export_json import build_export, export_bytes
    from store.exporting import write_export

    data = export_bytes(build_export(library, args.article, args.tag))
    if args.output is None:
        sys.stdout.buffer.write(data + b"\n")
        return EXIT_OK
    write_export(args.output, data, force=args.force)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def run_open(library: Library, paths: list[Path]) -> int:
    status = EXIT_OK
    if paths:
        status = run_import(library, paths)
    from tui.app import PresscutApp

    PresscutApp(library).run()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    folder = library_path(args.library)
    reads_only = args.read_only or args.command in READING_COMMANDS
    try:
        if reads_only and not folder.exists():
            print(EMPTY_LIBRARY, file=sys.stderr)
            return EXIT_OK
        with Library(folder, read_only=reads_only) as library:
            if args.command == "import":
                return run_import(library, args.paths)
            if args.command == "list":
                return run_list(library)
            if args.command == "export":
                return run_export(library, args)
            if args.command == "annotate":
                return annotate_cli.run_annotate(library, args)
            if args.command == "tags":
                return annotate_cli.run_tags(library)
            return run_open(library, args.paths)
    except StoreError as error:
        print(f"presscut: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
