"""Running the pipeline once per article and turning its parse into plain records.

Each text is parsed in pieces of bounded length (`nlp.pieces`) joined again into one document,
so neither time nor memory grows faster than the text. A text the analysis cannot finish (out of
memory, or a fault) comes back as a `Refused` with one line saying why, and the others go on.

A large import is spread over the machine's cores (two worker processes on a two-core laptop):
each worker loads the model once, runs both spaCy and presscut's own analysis under a memory
ceiling, and reports each piece it parses, so only small plain records cross between processes.
A text of `SPLIT_CHARS` or more is parsed by every worker at once, a run of its pieces each; the
runs' parses (arrays, not Python objects) are joined and analysed in one worker.
Workers start from a fork server, never a fork of the caller, because the app imports from a
thread and forking a threaded process can deadlock.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from nlp.doc_join import join_docs
from nlp.entities import find_entities
from nlp.errors import Stopped
from nlp.figures import find_figures
from nlp.model import load_model, model_label, model_name
from nlp.pieces import PIECE_CHARS, text_pieces
from nlp.quotes import find_quotes
from nlp.records import Analysis, Refused

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 16  # pieces per ``nlp.pipe`` batch
# A worker spends about a second loading the model: below this many words, one process is faster.
PARALLEL_MIN_WORDS = 30_000
# A text this long is parsed by all the workers at once, each a run of its pieces; shorter ones
# go one a worker (splitting costs a copy of the parse from worker to worker).
SPLIT_CHARS = 5 * PIECE_CHARS
MAX_PROCESSES = 2
# A worker holds the model (about 0.6 GB of address space) and one text's parse; a text whose
# analysis wants more than this is refused rather than left to exhaust the machine.
WORKER_MEMORY_BYTES = 4 * 1024**3
POLL_SECONDS = 0.1

Made = TypeVar("Made")
Progress = Callable[[int, int], None]  # index of the text, characters of it analysed so far
PARSE_EXCLUDE = ["tensor", "user_data"]  # what a parse sent between processes leaves out


def analyse_doc(doc: Doc, label: str) -> Analysis:
    """Entities, their groups, the quotations and the figures of one parsed text."""
    entities, groups = find_entities(doc)
    quotes = find_quotes(doc, entities, groups)
    figures = find_figures(doc, entities)
    return Analysis(model=label, entities=entities, groups=groups, quotes=quotes, figures=figures)


def parse_pieces(text: str, nlp: Language, done: Callable[[int], None] | None = None,
                 pieces: list[tuple[int, int]] | None = None) -> Doc:
    """The text parsed piece by piece into one document; ``done`` hears each piece's end.

    ``pieces`` (by default `text_pieces`) cover ``text`` in order.
    """
    pieces = pieces or text_pieces(text) or [(0, 0)]
    nlp.max_length = max(nlp.max_length, PIECE_CHARS + 1)
    docs = []
    chunks = (text[start:end] for start, end in pieces)
    for (_, end), doc in zip(pieces, nlp.pipe(chunks, batch_size=BATCH_SIZE), strict=True):
        docs.append(doc)
        if done is not None:
            done(end)
    return join_docs(nlp.vocab, docs)


def _refusing(analyse: Callable[[], Made]) -> Made | Refused:
    """``analyse()``, or why it could not be made (in one line)."""
    try:
        return analyse()
    except Stopped:
        raise
    except MemoryError:
        return Refused(
            f"too large to analyse within the memory allowed ({WORKER_MEMORY_BYTES >> 20:,} MB); "
            "keep only the article"
        )
    except Exception as error:  # noqa: BLE001 - one text's fault must not stop the others
        return Refused(f"the analysis failed ({type(error).__name__}: {error})")


def analyse_one(text: str, nlp: Language, done: Callable[[int], None] | None = None
                ) -> Analysis | Refused:
    """One text's analysis, or why it could not be made (in one line)."""
    return _refusing(lambda: analyse_doc(parse_pieces(text, nlp, done), model_label(nlp)))


def split_pieces(text: str, parts: int) -> list[list[tuple[int, int]]]:
    """The text's pieces in ``parts`` runs of about equal length, each run's pieces in order:
    a long text is parsed by every worker at once, and the runs joined again to analyse."""
    pieces = text_pieces(text)
    runs: list[list[tuple[int, int]]] = [[] for _ in range(min(parts, len(pieces)))]
    for start, end in pieces:
        runs[min(len(runs) - 1, start * len(runs) // len(text))].append((start, end))
    return [run for run in runs if run]


def _in_process(texts: list[str], nlp: Language, progress: Progress | None
                ) -> Iterator[Analysis | Refused]:
    for index, text in enumerate(texts):
        done = (lambda end, index=index: progress(index, end)) if progress else None
        yield analyse_one(text, nlp, done)


# ---------------------------------------------------------------------------------------------
# Worker processes

_reports: multiprocessing.Queue | None = None  # in a worker: where it says how far it got


def _limit_memory(limit: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _exit_with(parent: int) -> None:
    """End this worker as soon as the process that started the pool has ended, however it ended.

    A worker is the fork server's child, not the importer's, and holds the fork server's
    liveness pipe and the resource tracker's: after a SIGKILL of `presscut` (no ``finally``
    runs) the workers waited for work forever, and kept the fork server and the tracker alive
    with them. With the workers gone both see end-of-file and exit on their own.
    """
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:  # ended before this worker started
        os._exit(1)

    def watch() -> None:
        select.select([handle], [], [])  # readable once the process has ended
        os._exit(1)

    threading.Thread(target=watch, name="presscut-parent-watch", daemon=True).start()


def _worker_start(name: str, reports: multiprocessing.Queue, memory: int, quiet: bool,
                  parent: int) -> None:
    global _reports
    _exit_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's to act on
    if quiet:  # under the app: a worker's warnings would be drawn over its screen
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    _limit_memory(memory)
    _reports = reports
    load_model(name)


def _piece_reporter(index: int, start: int) -> Callable[[int], None] | None:
    """In a worker: a ``done`` that tells the parent how many characters each piece held."""
    reports = _reports
    if reports is None:
        return None
    reports.put((index, 0))  # begun
    last = start

    def done(end: int) -> None:
        nonlocal last
        reports.put((index, end - last))
        last = end

    return done


def _worker_analyse(name: str, index: int, text: str) -> Analysis | Refused:
    nlp = load_model(name)  # the model ``_worker_start`` loaded
    return analyse_one(text, nlp, _piece_reporter(index, 0))


def _worker_parse(name: str, index: int, text: str, pieces: list[tuple[int, int]]
                  ) -> bytes | Refused:
    """One run of a long text's pieces parsed, as bytes to join with the others' (`_worker_join`).
    ``text`` is the run's own text and ``pieces`` index it."""
    nlp = load_model(name)
    done = _piece_reporter(index, 0)
    return _refusing(lambda: parse_pieces(text, nlp, done, pieces).to_bytes(exclude=PARSE_EXCLUDE))


def _worker_join(name: str, parts: list[bytes]) -> Analysis | Refused:
    """The analysis of a long text whose runs the workers parsed."""
    from spacy.tokens import Doc

    nlp = load_model(name)

    def analyse() -> Analysis:
        docs = [Doc(nlp.vocab).from_bytes(part, exclude=PARSE_EXCLUDE) for part in parts]
        return analyse_doc(join_docs(nlp.vocab, docs), model_label(nlp))

    return _refusing(analyse)


def _real_fileno(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


_HELPERS = threading.Lock()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real standard error.

    The tracker is handed ``sys.stderr``'s descriptor; under the app ``sys.stderr`` is Textual's
    capture, whose descriptor is -1, and starting the pool failed with "bad value(s) in
    fds_to_keep". The process's own standard error stands in while the tracker starts.
    """
    with _HELPERS:
        if _real_fileno(sys.stderr):
            resource_tracker.ensure_running()
            return
        captured = sys.stderr
        stand_in = sys.__stderr__ if _real_fileno(sys.__stderr__) else open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = stand_in
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


def start_pool(processes: int) -> tuple[ProcessPoolExecutor, multiprocessing.Queue]:
    """Worker processes with the model loaded and a memory ceiling, and their report queue."""
    context = multiprocessing.get_context("forkserver")
    _start_resource_tracker()
    reports = context.Queue()
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_worker_start,
        initargs=(model_name(), reports, WORKER_MEMORY_BYTES, not _real_fileno(sys.stderr),
                  os.getpid()),
    )
    return pool, reports


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers: an import stopped early must not wait for a
    text still being analysed (`ProcessPoolExecutor` has no public way to end its workers)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


Work = Future | list[Future]  # a text's analysis, or the parses of its runs (`split_pieces`)


def _submit(pool: ProcessPoolExecutor, index: int, text: str, processes: int) -> Work:
    """A text to the pool: whole to one worker, or, when long, a run of it to each worker."""
    name = model_name()
    if len(text) < SPLIT_CHARS:
        return pool.submit(_worker_analyse, name, index, text)
    return [
        pool.submit(_worker_parse, name, index, text[run[0][0] : run[-1][1]],
                    [(start - run[0][0], end - run[0][0]) for start, end in run])
        for run in split_pieces(text, processes)
    ]  # fmt: skip


def _in_workers(texts: list[str], processes: int, progress: Progress | None
                ) -> Iterator[Analysis | Refused]:
    """The texts' analyses in order, from worker processes.

    A worker that dies (killed by the system, say) breaks the pool: the texts it had begun are
    refused, and the others go to a new pool.
    """
    results: dict[int, Analysis | Refused] = {}
    position = 0
    while position < len(texts):
        pool, reports = start_pool(processes)
        heard = _Reports(reports, progress)
        work = {
            index: _submit(pool, index, texts[index], processes)
            for index in range(position, len(texts)) if index not in results
        }
        try:
            while position < len(texts):
                if position not in results:
                    results[position] = _result(pool, work[position], heard)
                yield results.pop(position)
                position += 1
        except BrokenProcessPool:
            for index, future in work.items():
                if index in results or index < position:
                    continue
                if (isinstance(future, Future) and future.done() and not future.cancelled()
                        and future.exception() is None):
                    results[index] = future.result()
                elif index in heard.analysed:
                    results[index] = Refused(
                        "the analysis process stopped (out of memory?); keep only the article"
                    )
        finally:
            _stop_pool(pool)


def _result(pool: ProcessPoolExecutor, work: Work, heard: _Reports) -> Analysis | Refused:
    """A text's analysis from the pool; a long text's runs are joined and analysed by a worker
    once all are parsed."""
    if isinstance(work, Future):
        return heard.wait(work)
    parts = [heard.wait(future) for future in work]
    refused = next((part for part in parts if isinstance(part, Refused)), None)
    return refused or heard.wait(pool.submit(_worker_join, model_name(), parts))


class _Reports:
    """The workers' word on how far each text has got, passed on while a result is awaited."""

    def __init__(self, reports: multiprocessing.Queue, progress: Progress | None) -> None:
        self.reports = reports
        self.progress = progress
        self.analysed: dict[int, int] = {}  # characters parsed of each text begun

    def wait(self, future: Future) -> Any:  # what the worker function returned
        while True:
            try:
                while True:
                    index, characters = self.reports.get_nowait()
                    self.analysed[index] = self.analysed.get(index, 0) + characters
                    if self.progress is not None:
                        self.progress(index, self.analysed[index])
            except queue.Empty:
                pass
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                continue


def default_processes(texts: list[str]) -> int:
    """How many processes an import of these texts should use."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    enough = sum(text.count(" ") for text in texts) >= PARALLEL_MIN_WORDS
    return min(MAX_PROCESSES, cores or 1) if enough else 1


def analyse_texts(
    texts: Iterable[str],
    nlp: Language | None = None,
    *,
    processes: int | None = None,
    progress: Progress | None = None,
) -> Iterator[Analysis | Refused]:
    """Analyse texts in order: each one's `Analysis`, or a `Refused` saying why not.

    With the default model and enough text, the texts go to ``processes`` workers (by default
    one per core, up to two); a pipeline passed in as ``nlp`` is always run here. ``progress``
    hears, in this process, each piece parsed.
    """
    texts = list(texts)
    processes = processes or default_processes(texts)
    if nlp is not None or processes < 2:
        yield from _in_process(texts, nlp or load_model(), progress)
    else:
        yield from _in_workers(texts, processes, progress)
