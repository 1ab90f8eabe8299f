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

What is kept, in memory and in ``labels.cache`` beside the library, is only what inference needs:
per name, the articles giving each label and how many of them settled it, and per article a
stamp of its version (when it was imported, and its file's hash). What one article gave is not
kept: it is read again from the article when the article changes (the text it is replaced by or
removed with is in hand then), so the cache costs what the names weigh, not the library.

A library without a current cache (imported before it, or changed by a session that ended
without saving it) reads every article once: synchronously for a command, which pays it once,
and in the app in a worker (`defer_to`), the app showing no inferred rule until they are in. The
file holds nothing the library lacks: deleting it costs one rebuild; a damaged one is rebuilt.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.atomic import write_atomic, write_new
from store.collector import collector_paused
from store.errors import Stopped, StoreError
from store.rules import ENTITY, name_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

CACHE_NAME = "labels.cache"
FORMAT = 4  # bump when the file's shape changes, so old caches are rebuilt
MIN_ARTICLES = 3
MIN_SHARE = 0.75
# What one article gives: per named group, its name as rules match it, as written, its label,
# and whether the article settled it.
Given = tuple[tuple[str, str, str, bool], ...]
# Per name: (a way an article writes it, kept only while articles disagree, else ""), then
# (label, articles giving it, articles settling it) for each label, flat: a few small objects a
# name, the labels' strings shared.
Tally = tuple


class NeedsReading(Exception):
    """Saving at close would have to read articles: the cache is left for the next use."""


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


def given_by(body: dict) -> Given:
    return tuple((key, written, label, settled)
                 for key, (written, label, settled) in names_in(body).items())


def version_of(row: dict) -> int:
    """Changes when the article's analysis may have: imported again, or merged from an export
    (a stamp of 32 bits: an int costs less than the string at 100,000 articles)."""
    return zlib.crc32(f"{row.get('updated') or ''}|{row.get('hash') or ''}".encode())


class _State:
    """The tallies themselves, built apart from the live ones (in a worker) and put in place."""

    def __init__(self) -> None:
        self.versions: dict[str, int] = {}
        self.names: dict[str, Tally] = {}
        self.changed: set[str] = set()  # names whose inferred rule may have changed
        self.complete = False  # counts every article listed (none new since the cache)
        self._labels: dict[str, str] = {}  # one string per label, shared by every name

    def add(self, given: Given) -> None:
        for name, written, label, settled in given:
            self._move(name, written, label, 1, int(settled))

    def subtract(self, given: Given) -> None:
        for name, written, label, settled in given:
            self._move(name, written, label, -1, -int(settled))

    def _move(self, name: str, written: str, label: str, step: int, settling: int) -> None:
        tally = self.names.get(name)
        label = self._labels.setdefault(label, label)
        if tally is None:
            if step > 0:
                self.names[name] = ("", label, step, settling)
            return
        parts = list(tally)
        for at in range(1, len(parts), 3):
            if parts[at] == label:
                parts[at + 1] += step
                parts[at + 2] += settling
                if parts[at + 1] <= 0:
                    del parts[at:at + 3]
                break
        else:
            if step <= 0:
                return
            parts += [label, step, settling]
        if len(parts) == 1:
            del self.names[name]
        else:
            parts[0] = (parts[0] or written) if len(parts) > 4 else ""
            self.names[name] = tuple(parts)
        if len(parts) > 4 or len(tally) > 4:
            self.changed.add(name)

    def load(self, data: dict) -> dict[str, int]:
        """Take the file's names in; returns its articles' stamps (checked by the caller)."""
        names, labels = self.names, self._labels
        for name, parts in data["names"].items():
            for at in range(1, len(parts), 3):
                parts[at] = labels.setdefault(parts[at], parts[at])
            names[name] = tuple(parts)
            if len(parts) > 4:
                self.changed.add(name)
        return data["versions"]


class LabelTallies:
    """Per name, how many articles give it each label; and the rules inferred from them."""

    def __init__(self, folder: Path, *, writable: bool = True) -> None:
        self.path = folder / CACHE_NAME
        self._writable = writable  # read-only: the cache is only ever made where there is none
        self._lock = threading.RLock()  # the app's workers ask for the rules too
        self._state = _State()
        self._inferred: dict[str, dict] = {}  # name -> its inferred rule
        self._current = False  # the tallies count every article as it is
        self._touched: set[str] = set()  # articles changed since they were last counted
        # While not current: what a changed article gave before its first change here, and
        # what a save gave with its analysis in hand (not read again).
        self._before: dict[str, Given | None] = {}
        self._taken: dict[str, tuple[int, Given]] = {}
        self._unsaved = False
        self._defer: Callable[[], None] | None = None
        self._building = False
        self.revision = 0  # moves when the inferred rules change
        # A command's progress line for a build it waits for: (articles read, of).
        self.progress: Callable[[int, int], None] | None = None

    def defer_to(self, start: Callable[[], None]) -> None:
        """The app: ``start`` runs `make_current` in a worker (called from any thread); until
        it has, no inferred rule is given and nothing is read on the asking thread."""
        with self._lock:
            self._defer = start
        self._request()

    # -- what the library tells ---------------------------------------------------------

    def touched(self, article_id: str) -> None:
        """An article's row was saved or removed (the library's hook)."""
        with self._lock:
            self._touched.add(article_id)

    def take(self, row: dict, body: dict, replaced: bytes | None) -> None:
        """An article just saved, its analysis in hand (and the text it replaced, if any)."""
        given = given_by(body)
        before = None
        if replaced is not None:
            with contextlib.suppress(orjson.JSONDecodeError, AttributeError, TypeError):
                before = given_by(orjson.loads(replaced))
        key, version = row["id"], version_of(row)
        with self._lock:
            if not self._current:
                self._before.setdefault(key, before if replaced is not None else ())
                self._taken[key] = (version, given)
                self._touched.add(key)
                return
            state = self._state
            if key in state.versions:
                if before is None:
                    self._stale()
                    return
                state.subtract(before)
            state.add(given)
            state.versions[key] = version
            self._unsaved = True

    def leaving(self, key: str, body: Callable[[], dict]) -> None:
        """An article is about to be removed: what it gave is read while its text is there."""
        with self._lock:
            if self._current and key not in self._state.versions:
                return
            try:
                given = given_by(body())
            except StoreError:  # a damaged text gave no evidence
                given = ()
            if not self._current:
                self._before.setdefault(key, given)
                self._touched.add(key)
                return
            self._state.subtract(given)
            del self._state.versions[key]
            self._unsaved = True

    def _stale(self) -> None:
        """An article changed in a way whose former evidence is lost: counted anew."""
        self._current = False
        self._request()

    def _request(self) -> None:
        with self._lock:
            if self._current or self._defer is None or self._building:
                return
            self._building = True
        self._defer()

    # -- made current -------------------------------------------------------------------

    def inferred(self, rows: Callable[[], Iterable[dict]], row_of: Callable[[str], dict | None],
                 body: Callable[[str], dict]) -> list[dict]:
        """The inferred entity rules, current for the library's articles (``rows``,
        ``row_of`` one by id, ``body`` reads one); in the app, those last made current."""
        with self._lock:
            if not self._current:
                if self._defer is not None:
                    self._request()
                    return list(self._inferred.values())
                self.make_current(rows, row_of, body, self.progress)
            elif self._touched:
                self._settle(row_of, body)
            if self._state.changed:
                self._infer()
            return list(self._inferred.values())

    def rules(self) -> list[dict]:
        """The inferred rules as last made (after `inferred`)."""
        with self._lock:
            return list(self._inferred.values())

    def make_current(self, rows: Callable[[], Iterable[dict]],
                     row_of: Callable[[str], dict | None], body: Callable[[str], dict],
                     progress: Callable[[int, int], None] | None = None,
                     stop: Callable[[], bool] | None = None) -> None:
        """Count every article: from the cache where it is current (reading the articles new
        since), else by reading each once. Run without the lock but at the end (the app's worker:
        the rules asked for meanwhile are the ones before). ``stop`` is asked between articles:
        when it says so, nothing counted is kept and `Stopped` is raised (the app quitting)."""
        try:
            with self._lock:
                if self._current:
                    return
            listed = list(rows())
            state, read = self._from_cache(listed), {}
            if state is None:
                state = _State()
                todo = listed
            else:
                todo = [] if state.complete else [
                    row for row in listed if row["id"] not in state.versions]
            for done, row in enumerate(todo, 1):
                if stop is not None and stop():
                    raise Stopped
                key = row["id"]
                read[key] = given = self._given(key, version_of(row), body)
                state.add(given)
                state.versions[key] = version_of(row)
                if progress is not None and (done % 100 == 0 or done == len(todo)):
                    progress(done, len(todo))
            with self._lock:
                placed = self._put_in_place(state, read, row_of, body)
                if placed and len(read) > 1:  # a build: kept now, not only at closing
                    self._unsaved = True
                    self._save()
            if not placed:  # rare: an article's former evidence was lost meanwhile
                self.make_current(rows, row_of, body, progress)
        finally:
            with self._lock:
                self._building = False

    def _given(self, key: str, version: int, body: Callable[[str], dict]) -> Given:
        taken = self._taken.get(key)
        if taken is not None and taken[0] == version:
            return taken[1]
        try:
            return given_by(body(key))
        except StoreError:  # a damaged or missing text gives no evidence
            return ()

    def _from_cache(self, listed: list[dict]) -> _State | None:
        """The cached tallies when they count the articles as they are (the new ones aside).
        An article's stamp is checked when it changed here or its change was replayed from the
        journal (`touched`): the tallies are kept at every close before the journal is folded,
        so a change no journal holds is one they counted, and 100,000 stamps are not made anew
        at each start."""
        data = self._read_cache()
        if data is None:
            return None
        state = _State()
        try:
            cached = state.load(data)
            # Keyed by the rows' own id strings: shared, not a second copy of each.
            versions = state.versions = {key: stamp for row in listed
                                         if (stamp := cached.get(key := row["id"])) is not None}
            state.complete = len(versions) == len(listed)
            if len(versions) < len(cached):
                gone = cached.keys() - versions.keys()
                if any(key not in self._before for key in gone):
                    return None  # removed by a session that did not keep the tallies
                for key in gone:  # removed here: settled with the touched ones
                    versions[key] = cached[key]
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            return None  # damaged: built anew
        return state

    def _put_in_place(self, state: _State, read: dict[str, Given],
                      row_of: Callable[[str], dict | None], body: Callable[[str], dict]) -> bool:
        """Settle the articles changed while counting, then use the new tallies; False when
        one's former evidence is lost."""
        versions = state.versions
        for key in self._touched:
            row = row_of(key)
            have = versions.get(key)
            now = version_of(row) if row is not None else None
            if have == now:
                continue
            if have is not None:
                before = read[key] if key in read else self._before.get(key)
                if before is None:
                    return False
                state.subtract(before)
                del versions[key]
            if row is not None:
                state.add(self._given(key, now, body))
                versions[key] = now
            self._unsaved = True
        self._touched, self._before, self._taken = set(), {}, {}
        state.changed |= set(self._inferred)
        self._state, self._inferred, self._current = state, {}, True
        return True

    def _settle(self, row_of: Callable[[str], dict | None], body: Callable[[str], dict]) -> None:
        """Articles changed by the library's other ways (a row alone, recovery): their rows'
        versions checked, a new one read."""
        state, touched = self._state, self._touched
        self._touched = set()
        for key in touched:
            row = row_of(key)
            have = state.versions.get(key)
            if row is None and have is None:
                continue
            if row is None or have is not None:
                if have != (version_of(row) if row is not None else None):
                    self._stale()
                    return
                continue
            state.add(self._given(key, version_of(row), body))
            state.versions[key] = version_of(row)
            self._unsaved = True

    def _infer(self) -> None:
        state, changed = self._state, False
        for name in state.changed:
            rule = rule_of(state.names.get(name))
            before = self._inferred.get(name)
            # Only a label that changes moves the revision (what the views redo), not a count.
            changed = changed or (rule or {}).get("label") != (before or {}).get("label")
            if rule is None:
                self._inferred.pop(name, None)
            else:
                self._inferred[name] = rule
        state.changed = set()
        if changed:
            self.revision += 1

    def rules_at(self, least: tuple[int, float]) -> list[dict]:
        """The rules another threshold would infer (for `bench.label_rules`), once current."""
        found = (rule_of(tally, least) for tally in self._state.names.values())
        return [rule for rule in found if rule is not None]

    # -- the file -----------------------------------------------------------------------

    def save(self, rows: Callable[[], Iterable[dict]], row_of: Callable[[str], dict | None]
             ) -> None:
        """Write the tallies when they changed. Not yet current (a command that imported and
        asked for no rule): the cache is brought up to date with the analyses in hand, or left
        as it is when that would read an article."""
        with self._lock:
            if not self._writable:
                return
            if not self._current:
                if not self._touched or self._building:
                    return

                def unread(key: str) -> dict:
                    raise NeedsReading(key)

                with contextlib.suppress(NeedsReading):
                    self.make_current(rows, row_of, unread)
                if not self._current:
                    return
            self._save()

    def _save(self) -> None:
        """Write the tallies; a library open read-only writes them only where there are none
        (its count, paid once, then serves every later command), never over a writer's."""
        if not self._unsaved:
            return
        state = self._state
        data = orjson.dumps({"format": FORMAT, "versions": state.versions, "names": state.names})
        with contextlib.suppress(OSError):
            if self._writable:
                write_atomic(self.path, data)
            else:
                write_new(self.path, data)
            self._unsaved = False

    def _read_cache(self) -> dict | None:
        try:
            with collector_paused():
                data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if not all(isinstance(data.get(part), dict) for part in ("versions", "names")):
            return None
        return data


def rule_of(tally: Tally | None, least: tuple[int, float] = (MIN_ARTICLES, MIN_SHARE)
            ) -> dict | None:
    """The rule one name's tally makes (None unless its articles disagree)."""
    if tally is None or len(tally) <= 4:
        return None
    labels = Counter(dict(zip(tally[1::3], tally[2::3], strict=True)))
    settled = Counter(dict(zip(tally[1::3], tally[3::3], strict=True)))
    return inferred_rule(tally[0], labels, settled, least)


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
