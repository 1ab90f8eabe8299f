"""The ``presscut`` command: open the app, or import, list and export without it.

``presscut [PATH...]`` is the app; the other commands are for scripts and quick looks. Errors
from the store and from bad input come out as one line on stderr with a non-zero status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cli import annotate as annotate_cli
from cli import crossref_args
from services.export_formats import EXPORT_FORMATS
from store.collector import collector_paused
from store.errors import StoreError
from store.paths import LIBRARY_SETTING, library_path

if TYPE_CHECKING:
    from store.library import Library

COMMANDS = (
    "open", "import", "list", "export", "annotate", "tags", "check", *crossref_args.COMMANDS
)  # fmt: skip
# they never write, so they work beside an open app
READING_COMMANDS = ("list", "export", "tags", *crossref_args.COMMANDS)
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
        "import",
        help="import .txt, .md and .html files and folders into the library, "
        "or merge a presscut .json export into it",
    )
    import_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    commands.add_parser("list", help="print the library, one article a line with its id")
    annotate_cli.add_parsers(commands)
    crossref_args.add_parsers(commands)

    export_cmd = commands.add_parser("export", help="write the library's annotations to a file")
    export_cmd.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json (presscut's own, default), jsonl (Prodigy), doccano, brat (a folder), "
        "w3c (Web Annotation JSON-LD), spacy (DocBin), csv",
    )
    export_cmd.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="file to write (default or -: stdout); for brat, the folder to write",
    )
    export_cmd.add_argument(
        "--article", action="append", metavar="ID", help="only this article (repeatable)"
    )
    export_cmd.add_argument("--tag", metavar="TAG", help="only articles carrying this tag")
    export_cmd.add_argument("--force", action="store_true", help="overwrite an existing file")

    check_cmd = commands.add_parser(
        "check", help="report the state of the library's files; exit 1 when one is damaged"
    )
    check_cmd.add_argument(
        "--recover",
        action="store_true",
        help="rebuild a damaged library file from its backup (damaged files are kept aside)",
    )
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


def merge_exports(library: Library, paths: list[Path]) -> int:
    """Merge presscut's own .json exports; a bad one is reported and the others still go in."""
    from store.import_json import BadExport, import_export

    status = EXIT_OK
    for path in paths:
        try:
            report = import_export(library, path)
        except BadExport as error:
            print(f"presscut: {error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"{path}: {report.summary()}", file=sys.stderr)
    return status


def run_import(library: Library, paths: list[Path]) -> int:
    from cli.import_progress import import_with_progress

    exports = [path for path in paths if path.suffix.lower() == ".json"]
    status = merge_exports(library, exports)
    articles = [path for path in paths if path not in exports]
    if not articles:
        return status
    report = import_with_progress(library, articles)
    print_import_report(report)
    return EXIT_FAILED if report.failed else status


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
    from services.export_formats import BINARY_FORMATS, FOLDER_FORMATS
    from services.exports import export_data, write_format
    from store.export_json import build_export

    if args.output is not None and str(args.output) != "-":
        write_format(
            library, args.format, args.output, article_ids=args.article, tag=args.tag,
            force=args.force,
        )  # fmt: skip
        print(f"wrote {args.output}", file=sys.stderr)
        return EXIT_OK
    if args.format in FOLDER_FORMATS:
        print(f"presscut: --format {args.format} writes a folder: name it with -o", file=sys.stderr)
        return EXIT_FAILED
    if args.format in BINARY_FORMATS and sys.stdout.isatty():
        print(f"presscut: --format {args.format} is binary: use -o FILE or a pipe", file=sys.stderr)
        return EXIT_FAILED
    data = export_data(build_export(library, args.article, args.tag), args.format)
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    return EXIT_OK


def open_cached(folder: Path, read_only: bool) -> int | None:
    """Open the app on the library's cached list while a worker reads the library
    (`tui.opening`); None when there is no current list and the library must be read first."""
    with collector_paused():  # until the first screen is drawn (`tui.app.collect_again`)
        from tui.opening import cached_opening

        opening = cached_opening(folder, read_only)
        if opening is None:
            return None
        from tui.app import PresscutApp

        app = PresscutApp(opening=opening)
        try:
            app.run()
        finally:
            if app.library is not None:
                app.library.close()
    if app.failure:
        print(f"presscut: {app.failure}", file=sys.stderr)
    return app.return_code or EXIT_OK


def run_open(library: Library, paths: list[Path]) -> int:
    status = EXIT_OK
    if paths:
        status = run_import(library, paths)
    with collector_paused():  # until the first screen is drawn (`tui.app.collect_again`)
        from tui.app import PresscutApp

        PresscutApp(library).run()
    return status


def run_check(folder: Path, recover: bool) -> int:
    """Report every file's state; it runs before the library is opened, as opening may fail."""
    from store.check import check_library
    from store.recover import recover as recover_library

    if recover:
        for line in recover_library(folder):
            print(line)
    findings = check_library(folder)
    for finding in findings:
        print(("problem: " if finding.problem else "ok: ") + finding.text)
    return EXIT_FAILED if any(finding.problem for finding in findings) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = run(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be answered quietly
        return status
    except BrokenPipeError:  # `presscut who | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    folder = library_path(args.library)
    reads_only = args.read_only or args.command in READING_COMMANDS
    try:
        if args.command == "check":
            return run_check(folder, args.recover)
        if reads_only and not folder.exists():
            print(EMPTY_LIBRARY, file=sys.stderr)
            return EXIT_OK
        if args.command == "open" and not args.paths:
            status = open_cached(folder, reads_only)
            if status is not None:
                return status
        from store.library import Library

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
            if args.command in crossref_args.COMMANDS:
                from cli import crossref as crossref_cli

                return crossref_cli.run(library, args)
            return run_open(library, args.paths)
    except StoreError as error:
        print(f"presscut: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # answered quietly by `main`
        raise
    except OSError as error:  # the last line of defence: a disk or folder the store met first
        where = error.filename or folder
        print(f"presscut: {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
