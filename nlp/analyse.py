"""Running the pipeline once per article and turning its parse into plain records.

A large import is spread over the machine's cores (two worker processes on a two-core laptop):
each worker loads the model once and runs both spaCy and presscut's own analysis, so only the
small plain records cross between processes. Workers start from a fork server, never a fork of
the caller, because the app imports from a thread and forking a threaded process can deadlock.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from nlp.entities import find_entities
from nlp.figures import find_figures
from nlp.model import load_model, model_label, model_name
from nlp.quotes import find_quotes
from nlp.records import Analysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 16
# A worker spends about a second loading the model: below this many words, one process is faster.
PARALLEL_MIN_WORDS = 30_000
MAX_PROCESSES = 2


def analyse_doc(doc: Doc, label: str) -> Analysis:
    """Entities, their groups, the quotations and the figures of one parsed text."""
    entities, groups = find_entities(doc)
    quotes = find_quotes(doc, entities, groups)
    figures = find_figures(doc, entities)
    return Analysis(model=label, entities=entities, groups=groups, quotes=quotes, figures=figures)


def _in_process(texts: list[str], nlp: Language) -> Iterator[Analysis]:
    label = model_label(nlp)
    longest = max((len(text) for text in texts), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        yield analyse_doc(doc, label)


def _worker_start(name: str) -> None:
    load_model(name)


def _worker_batch(name: str, batch: list[str]) -> list[Analysis]:
    return list(_in_process(batch, load_model(name)))  # the model ``_worker_start`` loaded


def default_processes(texts: list[str]) -> int:
    """How many processes an import of these texts should use."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    enough = sum(text.count(" ") for text in texts) >= PARALLEL_MIN_WORDS
    return min(MAX_PROCESSES, cores or 1) if enough else 1


def analyse_texts(
    texts: Iterable[str], nlp: Language | None = None, *, processes: int | None = None
) -> Iterator[Analysis]:
    """Analyse texts in order, batched through ``nlp.pipe`` as spaCy is fastest that way.

    With the default model and enough text, the batches go to ``processes`` workers (by default
    one per core, up to two); a pipeline passed in as ``nlp`` is always run here.
    """
    texts = list(texts)
    processes = processes or default_processes(texts)
    if nlp is not None or processes < 2:
        yield from _in_process(texts, nlp or load_model())
        return
    batches = [texts[start : start + BATCH_SIZE] for start in range(0, len(texts), BATCH_SIZE)]
    name = model_name()
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_worker_start,
        initargs=(name,),
    )
    try:
        for analyses in pool.map(partial(_worker_batch, name), batches):
            yield from analyses
    finally:  # an import stopped early must not wait for the batches still queued
        pool.shutdown(wait=False, cancel_futures=True)


def analyse_text(text: str, nlp: Language | None = None) -> Analysis:
    return next(analyse_texts([text], nlp))
