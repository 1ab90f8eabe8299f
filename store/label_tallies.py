"""Each name's labels across the library, and the entity rules the library's evidence infers.

The small model labels a name afresh in every article: "Glasgow" is a place in forty articles and
a person in the forty-first. The article settles a name's label within itself
(`nlp.entities`); across the library, where the evidence is strong, the odd one out is shown
with the label the others give (an inferred entity rule, laid over every view with the user's
rules by `store.rules.RuleSet`, below them: a user's rule or correction always wins).

Strong evidence for label L of a name: L given by at least ``MIN_ARTICLES`` articles and by at
least ``MIN_SHARE`` of the articles naming it, and no article giving another label settled it by
its own words (a personal title or an age by a mention, as "Mr Jordan" or "Jordan, 31,": the
within-article rule makes such a name a person whatever the model said, and one article that
argues so shows the name is truly two). Why these numbers: see ``README.md`` (Labels across
the library).

Per article, each group's written name, label and whether it was so settled is kept in
``labels.cache`` beside the library, tagged with the article's version (when it was imported,
and its file's hash): what an import saves is taken from the analysis in hand (no article is
read again), and at the first use on a library imported before, each article is read once.
The tallies are updated article by article, so an import or a removal costs a few dictionary
updates, never a walk of the library. The file holds nothing the library lacks: deleting it
costs one rebuild; a damaged one is rebuilt.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.atomic import write_atomic
from store.collector import collector_paused
from store.errors import StoreError
from store.rules import ENTITY, name_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

CACHE_NAME = "labels.cache"
FORMAT = 3  # bump when an entry's shape changes, so old caches are rebuilt
MIN_ARTICLES = 3
MIN_SHARE = 0.75
# A group's name as rules match it (`store.rules.name_of`), its label, and whether its article
# settled it; kept per article.
Named = tuple[str, str, bool]


def names_in(body: dict) -> dict[str, tuple[str, str, bool]]:
    """The named groups of an article's analysis (as the model and the article made them):
    name as rules match it -> (as written, label, settled by its article)."""
    # Not at start: the store loads no nlp until it is used.
    from nlp.entities import SETTLED_LABELS, personal_context
    from nlp.records import Entity

    analysis = body.get("analysis") or {}
    text = body.get("text") or ""
    found: dict[str, tuple[str, str, bool]] = {}
    for group in analysis.get("groups", []):
        label = group.get("label")
        if label not in SETTLED_LABELS or not (key := name_of(group.get("name") or "")):
            continue
        # A title before a mention or an age after it makes a person in the article.
        settled = label == "PERSON" and any(
            personal_context(text, Entity(start, end, label, text[start:end]))
            for start, end in group.get("mentions", []))
        found.setdefault(key, (group["name"], label, settled))
    return found


def version_of(row: dict) -> str:
    """Changes when the article's analysis may have: imported again, or merged from an export."""
    return f"{row.get('updated') or ''}|{row.get('hash') or ''}"


class LabelTallies:
    """Per name, how many articles give it each label; and the rules inferred from them."""

    def __init__(self, folder: Path, *, writable: bool = True) -> None:
        self.path = folder / CACHE_NAME
        self._writable = writable  # a library open read-only leaves its folder as it is
        self._lock = threading.RLock()  # the app's workers ask for the rules too
        self._entries: dict[str, tuple[str, list[Named]]] = {}  # id -> (version, its names)
        self._labels: dict[str, Counter[str]] = {}  # name -> label -> articles
        self._settled: dict[str, Counter[str]] = {}  # name -> label -> articles settling it
        self._written: dict[str, str] = {}  # name -> a way an article writes it
        self._inferred: dict[str, dict] = {}  # name -> its inferred rule
        self._touched: set[str] = set()  # articles changed since the last refresh
        self._walked = False  # every article's entry checked once since opening
        self._names_changed: set[str] = set()  # whose inferred rule may have changed
        self._unsaved = False
        self.revision = 0  # moves when the inferred rules change

    # -- what the library tells ---------------------------------------------------------

    def touched(self, article_id: str) -> None:
        """An article was saved or removed (the library's hook): checked at the next refresh."""
        with self._lock:
            self._touched.add(article_id)

    def take(self, row: dict, body: dict) -> None:
        """An article just saved, its analysis in hand: tallied without reading it again."""
        names = names_in(body)
        with self._lock:
            self._put(row["id"], version_of(row), names)

    # -- made current -------------------------------------------------------------------

    def inferred(self, rows: Callable[[], Iterable[dict]], body: Callable[[str], dict]
                 ) -> list[dict]:
        """The inferred entity rules, current for the library's article ``rows`` (asked for
        only when an article changed); ``body`` reads an article whose entry is missing."""
        with self._lock:
            if not self._walked or self._touched:
                self._refresh({row["id"]: row for row in rows()}, body)
            if self._names_changed:
                self._infer()
            return list(self._inferred.values())

    def _refresh(self, rows: dict[str, dict], body: Callable[[str], dict]) -> None:
        if not self._walked:
            self._walked = True
            self._take_cache(rows)
            todo = set(rows) | set(self._entries)
        else:
            todo = self._touched
        self._touched = set()
        read = 0
        for key in todo:
            row = rows.get(key)
            if row is None:
                self._drop(key)
                continue
            version = version_of(row)
            if (self._entries.get(key) or ("",))[0] == version:
                continue
            try:
                names = names_in(body(key))
            except StoreError:  # a damaged or missing text gives no evidence
                names = {}
            self._put(key, version, names)
            read += 1
        if read > 1:  # a whole build: kept now, not only at closing
            self._save(lambda: rows.values())

    def _put(self, key: str, version: str, names: dict[str, tuple[str, str, bool]]) -> None:
        self._drop(key)
        self._entries[key] = (version, [(name, label, settled)
                                        for name, (_, label, settled) in names.items()])
        labels, changed = self._labels, self._names_changed
        for name, (written, label, settled) in names.items():
            counts = labels.get(name)
            if counts is None:
                counts = labels[name] = Counter()
                self._written[name] = written
            counts[label] += 1
            if settled:
                self._settled.setdefault(name, Counter())[label] += 1
            changed.add(name)
        self._unsaved = True

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self._unsaved = True
        for name, label, settled in entry[1]:
            _less(self._labels, name, label)
            if settled:
                _less(self._settled, name, label)
            self._names_changed.add(name)

    def _infer(self) -> None:
        changed = False
        for name in self._names_changed:
            rule = inferred_rule(self._written.get(name, name), self._labels.get(name),
                                 self._settled.get(name))  # fmt: skip
            before = self._inferred.get(name)
            # Only a label that changes moves the revision (what the views redo), not a count.
            changed = changed or (rule or {}).get("label") != (before or {}).get("label")
            if rule is None:
                self._inferred.pop(name, None)
            else:
                self._inferred[name] = rule
            if name not in self._labels:
                self._written.pop(name, None)
        self._names_changed = set()
        if changed:
            self.revision += 1

    def rules_at(self, least: tuple[int, float]) -> list[dict]:
        """The rules another threshold would infer (for `bench.label_rules`), once current."""
        found = (inferred_rule(self._written.get(name, name), labels, self._settled.get(name),
                               least) for name, labels in self._labels.items())
        return [rule for rule in found if rule is not None]

    # -- the file -----------------------------------------------------------------------

    def _take_cache(self, rows: dict[str, dict]) -> None:
        """Take in the cached tallies, less the articles no longer in the library (a stale
        entry is read again when next needed); what was taken since opening stays."""
        cached = self._read_cache()
        if cached is None:
            self._unsaved = True
            return
        taken, written = self._entries, self._written
        try:
            self._entries = cached["entries"]
            self._labels = {name: Counter(counts) for name, counts in cached["labels"].items()}
            self._settled = {name: Counter(counts) for name, counts in cached["settled"].items()}
            self._written = {**cached["written"], **written}
            for key in [key for key in self._entries if key not in rows]:
                self._drop(key)
        except (TypeError, ValueError, KeyError, AttributeError):  # damaged: built anew
            self._entries, self._labels, self._settled, self._written = {}, {}, {}, written
        self._names_changed |= {name for name, counts in self._labels.items() if len(counts) > 1}
        for key, (version, names) in taken.items():
            self._put(key, version, {name: (self._written.get(name, name), label, settled)
                                     for name, label, settled in names})

    def save(self, rows: Callable[[], Iterable[dict]]) -> None:
        """Write the tallies when they changed (a cache that cannot be written is rebuilt).
        Before any use (an import) the cached ones are taken in first, and no article read."""
        with self._lock:
            self._save(rows)

    def _save(self, rows: Callable[[], Iterable[dict]]) -> None:
        if not self._writable:
            return
        if not self._walked and self._entries:
            current = {row["id"]: row for row in rows()}
            for key in [k for k in self._entries if k not in current]:
                self._drop(key)
            self._take_cache(current)
        if not self._unsaved:
            return
        data = {"format": FORMAT, "entries": self._entries, "labels": self._labels,
                "settled": self._settled, "written": self._written}
        with contextlib.suppress(OSError):
            write_atomic(self.path, orjson.dumps(data))
            self._unsaved = False

    def _read_cache(self) -> dict | None:
        try:
            with collector_paused():
                data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        parts = ("entries", "labels", "settled", "written")
        if not all(isinstance(data.get(part), dict) for part in parts):
            return None
        return data


def inferred_rule(written: str, labels: Counter[str] | None, settled: Counter[str] | None,
                  least: tuple[int, float] = (MIN_ARTICLES, MIN_SHARE)) -> dict | None:
    """The entity rule the tallies of one name make, or None when the evidence is not strong
    (``least``: the articles and the share the label needs) or when every article already
    agrees (nothing to change)."""
    if not labels or len(labels) < 2:
        return None
    (label, given), *_ = labels.most_common(1)
    total = sum(labels.values())
    if given < least[0] or given < least[1] * total:
        return None
    if settled and any(count for other, count in settled.items() if other != label):
        return None
    return {"id": f"inferred:{name_of(written)}", "kind": ENTITY, "name": written,
            "label": label, "inferred": True, "articles": given, "of": total,
            "labels": dict(labels)}


def _less(counts: dict[str, Counter[str]], name: str, label: str) -> None:
    counter = counts.get(name)
    if counter is None:
        return
    counter[label] -= 1
    if counter[label] <= 0:
        del counter[label]
    if not counter:
        del counts[name]
