"""The ``presscut`` command: open the app, or import, list and export without it.

``presscut [PATH...]`` is the app; the other commands are for scripts and quick looks. Errors
from the store and from bad input come out as one line on stderr with a non-zero status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cli import annotate as annotate_cli
from cli import crossref_args
from cli import feeds as feeds_cli
from cli import removing as removing_cli
from cli import rules as rules_cli
from cli import stats as stats_cli
from cli.terminal import visible_output
from services.export_formats import EXPORT_FORMATS
from store.collector import collector_paused
from store.errors import StoreError
from store.paths import LIBRARY_SETTING, library_path

if TYPE_CHECKING:
    from store.library import Library

COMMANDS = (
    "open", "import", "list", "export", "annotate", "tags", "check", "stats", "feed",
    "refresh", rules_cli.COMMAND, *removing_cli.COMMANDS,
    *crossref_args.COMMANDS,
)  # fmt: skip
# they never write the library, so they work beside an open app
READING_COMMANDS = ("list", "export", "tags", "stats", *crossref_args.COMMANDS)
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
    open_cmd.add_argument("paths", nargs="*", type=source, metavar="PATH")
    open_cmd.add_argument(
        "--refresh-every",
        type=float,
        metavar="MINUTES",
        help="refresh the feeds every MINUTES while the app is open "
        "(default: $PRESSCUT_REFRESH_MINUTES, else never)",
    )

    import_cmd = commands.add_parser(
        "import",
        help="import .txt, .md and .html files and folders, or web pages by their http(s) "
        "address, into the library, or merge a presscut .json export into it",
    )
    import_cmd.add_argument("paths", nargs="+", type=source, metavar="PATH|URL")

    commands.add_parser("list", help="print the library, one article a line with its id")
    feeds_cli.add_parsers(commands)
    annotate_cli.add_parsers(commands)
    removing_cli.add_parsers(commands)
    crossref_args.add_parsers(commands)
    stats_cli.add_parser(commands)
    rules_cli.add_parser(commands)

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
    check_cmd.add_argument(
        "--full",
        action="store_true",
        help="read every article's text again, not only those changed since the last check "
        "(finds a text the disk damaged without a write)",
    )
    return parser


def source(word: str) -> Path | str:
    """A path, or a web address kept as typed (a ``Path`` would fold its ``//``)."""
    from services.addresses import is_address

    return word if is_address(word) else Path(word)


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
        for line in report.refused:
            print(f"presscut: {line}", file=sys.stderr)
        print(f"{path}: {report.summary()}", file=sys.stderr)
        if report.refused:
            status = EXIT_FAILED
    return status


def run_import(library: Library, sources: list[Path | str]) -> int:
    from cli.import_progress import import_with_progress

    urls = [word for word in sources if isinstance(word, str)]
    paths = [path for path in sources if isinstance(path, Path)]
    exports = [path for path in paths if path.suffix.lower() == ".json"]
    status = merge_exports(library, exports)
    articles = [path for path in paths if path not in exports]
    for report in (
        import_with_progress(library, articles) if articles else None,
        feeds_cli.import_addresses(library, urls) if urls else None,
    ):
        if report is not None:
            print_import_report(report)
            status = EXIT_FAILED if report.failed else status
    return status


def run_list(library: Library) -> int:
    """Each article as it is read, so the first line comes before the library's last row."""
    keys = library.article_ids()
    if not keys:
        print(EMPTY_LIBRARY, file=sys.stderr)
    print_rows(library.article(key) for key in keys)
    return EXIT_OK


def run_list_cached(folder: Path) -> int | None:
    """The list from the catalogue kept beside the library (`store.catalogue_cache`) when it is
    current, as it is whenever no app or command has a change pending: its first rows print
    before the rest is even parsed, and the library is not read at all. None when it is not
    current: the library must be read."""
    from store.catalogue_cache import read_catalogue

    cached = read_catalogue(folder)
    if cached is None:
        return None
    if not cached.head:
        print(EMPTY_LIBRARY, file=sys.stderr)
    print_rows(cached.head)
    sys.stdout.flush()
    print_rows(cached.rows()[len(cached.head):])
    return EXIT_OK


def print_rows(rows: Iterable[dict]) -> None:
    for row in rows:
        date = row.get("published") or "-"
        source = row.get("source") or "-"
        print(f"{row['id']}  {date:10}  {source:8}  {row['title']}")


def run_export(library: Library, args: argparse.Namespace) -> int:
    from services.export_formats import BINARY_FORMATS, FOLDER_FORMATS
    from services.exports import exported_articles, write_format, write_stream

    damaged: list[str] = []
    if args.output is not None and str(args.output) != "-":
        write_format(
            library, args.format, args.output, article_ids=args.article, tag=args.tag,
            force=args.force, damaged=damaged,
        )  # fmt: skip
        warn_damaged(damaged)
        print(f"wrote {args.output}", file=sys.stderr)
        return EXIT_OK
    if args.format in FOLDER_FORMATS:
        print(f"presscut: --format {args.format} writes a folder: name it with -o", file=sys.stderr)
        return EXIT_FAILED
    if args.format in BINARY_FORMATS and sys.stdout.isatty():
        print(f"presscut: --format {args.format} is binary: use -o FILE or a pipe", file=sys.stderr)
        return EXIT_FAILED
    out = EndsLine(sys.stdout.buffer)
    write_stream(exported_articles(library, args.article, args.tag, damaged), args.format, out)
    out.end_line()
    warn_damaged(damaged)
    return EXIT_OK


class EndsLine:
    """Standard output that an export streams into, ended with a line break when the export's
    last byte is not one (a JSON document), so a shell prompt starts on a line of its own."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.last = b""

    def write(self, data: bytes) -> int:
        if data:
            self.out.write(data)
            self.last = data[-1:]
        return len(data)

    def end_line(self) -> None:
        if self.last != b"\n":
            self.out.write(b"\n")


def warn_damaged(damaged: list[str]) -> None:
    """One line on stderr for each article an export left out: the export itself goes on."""
    for line in damaged:
        print(f"presscut: warning: {line}", file=sys.stderr)


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
                app.library.close(fold_aside=True)
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
    library.close(fold_aside=True)  # a large library's fold goes on after the app is gone
    return status


def run_check(folder: Path, recover: bool, full: bool) -> int:
    """Report every file's state; it runs before the library is opened, as opening may fail."""
    from store.check import check_library
    from store.recover import recover as recover_library

    if recover:
        for line in recover_library(folder):
            print(line)
    findings = check_library(folder, full=full)
    for finding in findings:
        print(("problem: " if finding.problem else "ok: ") + finding.text)
    return EXIT_FAILED if any(finding.problem for finding in findings) else EXIT_OK


def labels_progress(done: int, total: int) -> None:
    """The line a command shows while it counts the labels of a library that has no current
    labels.cache (each article read once, seconds at 10,000), on a terminal only."""
    from cli.terminal import unfiltered

    stream = unfiltered(sys.stderr)  # the line's own return and erase, no data in it
    if total < 100 or not stream.isatty():
        return
    end = "\r\x1b[K" if done == total else ""
    stream.write(f"\rcounting the library's labels: {done}/{total} articles{end}")
    stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        with visible_output():  # every line printed from data made harmless: `cli.terminal`
            status = run(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be answered quietly
    except BrokenPipeError:  # `presscut who | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    if argv is None:  # the `presscut` command itself, not a caller in this process
        leave(status)
    return status


def leave(status: int) -> None:
    """End the process without tearing down what it built.

    Everything is written, synced and closed by now (the library's journal and snapshot, the
    output flushed); what is left is the interpreter freeing every object one by one, which for
    a library of 100,000 articles was 15 of the 20 seconds quitting took.
    """
    sys.stderr.flush()
    os._exit(status)


def run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    folder = library_path(args.library)
    reads_only = (
        args.read_only
        or args.command in READING_COMMANDS
        or getattr(args, "feed_command", None) in feeds_cli.READING_FEED_COMMANDS
        or getattr(args, "rules_command", None) == "list"
    )
    try:
        if args.command == "check":
            return run_check(folder, args.recover, args.full)
        if args.command == "restore" and args.list:
            return removing_cli.run_list_removed(folder)
        if reads_only and not folder.exists():
            print(EMPTY_LIBRARY, file=sys.stderr)
            return EXIT_OK
        if args.command == "list" and (status := run_list_cached(folder)) is not None:
            return status
        if args.command == "open" and args.refresh_every:
            # read by the app's main screen (`tui.screens.feed_actions`), as if set in the shell
            os.environ["PRESSCUT_REFRESH_MINUTES"] = str(args.refresh_every)
        if args.command == "open" and not args.paths:
            status = open_cached(folder, reads_only)
            if status is not None:
                return status
        from store.library import Library

        with Library(folder, read_only=reads_only) as library:
            library.label_tallies.progress = labels_progress
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
            if args.command == "stats":
                return stats_cli.run(library, args)
            if args.command == rules_cli.COMMAND:
                return rules_cli.run(library, args)
            if args.command == "remove":
                return removing_cli.run_remove(library, args.articles)
            if args.command == "restore":
                return removing_cli.run_restore(library, args.ids)
            if args.command == "feed":
                return feeds_cli.run_feed(library, args)
            if args.command == "refresh":
                return feeds_cli.run_refresh(library, args.feeds)
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
