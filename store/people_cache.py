"""The people index's inputs kept on disk, current per article, so no command reads a body twice.

Merging people across a library needs, of each article, only its entity groups (name, label,
count, aliases, whether the user pinned the label) and its quotations with the group each is
given to. Reading those from the stored analyses means parsing every body (at 100,000 articles,
a minute and a half and gigabytes), so they are kept in ``people.cache/`` beside the library:

- ``articles/XX.json``: each article's members and quotations, with the version they were read
  at (`people_version`: its text's hash, when it was imported, its corrections), in 256 shards
  by the first two digits of its id, so a change rewrites one small file;
- ``keys/NNN.json``: the name index, from each name key (as the library's rules key it) to the
  articles it appears in, with that article's members under the key and the quotations given
  to them; quotations given to nobody the analysis grouped ("a spokesman") are filed under
  ``said:`` and the speaker's words. In shards by a hash of the key, so `presscut who NAME`
  reads only what concerns NAME;
- ``state.json``: every article's version, the rules the keys were made under, and per key
  what the merge needs (its spellings, labels, mentions and how many articles): the merge
  works per distinct name and never reads the shards, except for the few names it joins.

`PeopleCache.refresh` reads again only the articles new or changed since; one that is gone is
dropped. A change to the rules remakes the keys from the article shards, reading no body. Files
are written whole (`store.atomic`), the state last and removed first, so a write cut short
leaves shards without a state: the next refresh remakes the keys from the articles' own
(versioned) entries. Like every cache beside the library it holds nothing the library lacks.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from filelock import FileLock

from store.atomic import PRIVATE_FILE, make_private_folder, write_atomic
from store.collector import collector_paused
from store.errors import NotFound, Stopped, StoreError
from store.layout import JOURNAL_NAME, SNAPSHOT_NAME
from store.quote_facts import version_of

if TYPE_CHECKING:
    from store.library import Library
    from store.people_index import ArticleEntry
    from store.rules import RuleSet

CACHE_NAME = "people.cache"
FORMAT = 2  # bump when what a shard or the state holds changes, so old caches are remade
KEY_SHARDS = 512
SAID = "said:"  # the key family of quotations given to a speaker no group holds
LOCK_NAME = "people.lock"

# An article shard's entry: [version, members, quotes]; a member [group, name, label, count,
# aliases, pinned]; a quotation [start, end, kind, text, speaker, cue, group].
# A key shard's posting: {article: [members, quotes]}, members with their rule's key last.
# A key's summary in the state: [label, names, aliases, labels, mentions, articles].
Summary = list


def people_version(row: dict, corrections: dict[str, list[str]]) -> str:
    """An article's version: its text's hash, when it was imported, and its corrections (only
    a correction changes who is named or quoted)."""
    return f"{row.get('hash') or ''}|{version_of(row, corrections)}"


def rules_stamp(library: Library) -> str:
    """What the library's rules are, as a few characters that change when any rule does: the
    user's, and the labels the library's articles infer (`store.label_tallies`) by name."""
    inferred = [(rule["name"], rule["label"]) for rule in library.inferred_rules()]
    rules = orjson.dumps([library.rules(), inferred], option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(rules, digest_size=8).hexdigest()


def library_stamp(folder: Path) -> list | None:
    """The library's files as they stand (size, time, inode of its snapshot and journal): every
    change presscut saves goes through the journal, so while they are the same, nothing in the
    library changed and the cache is current without a row looked at."""
    stamp: list = []
    for name in (SNAPSHOT_NAME, JOURNAL_NAME):
        try:
            found = (folder / name).stat()
        except FileNotFoundError:  # no journal yet: a library never written since made
            stamp.append(None)
            continue
        except OSError:
            return None
        stamp.append([found.st_size, found.st_mtime_ns, found.st_ino])
    return stamp


@lru_cache(maxsize=1 << 16)
def key_shard(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % KEY_SHARDS


def article_shard(article_id: str) -> str:
    return article_id[:2] if len(article_id) >= 2 else "__"


def _read_json(path: Path) -> Any:
    try:
        with collector_paused():
            return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


def _members_of(entry: ArticleEntry) -> list[list]:
    return [[m.group, m.name, m.label, m.count, list(m.aliases), m.pinned] for m in entry.members]


def _quotes_of(entry: ArticleEntry) -> list[list]:
    return [[q.start, q.end, q.kind, q.text, q.speaker, q.cue, q.group] for q in entry.quotes]


class Postings:
    """One article's contribution to the name index: per key, its members and quotations."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[list]] = {}  # key -> [members, quotes]

    @classmethod
    def of(cls, article_id: str, stored: list, rules: RuleSet) -> Postings:
        from store.people_index import Member, name_key, ruled_key

        made = cls()
        members, quotes = stored
        group_keys: dict[str, str] = {}
        for group, name, label, count, aliases, pinned in members:
            if rules:
                member = Member(article_id, group, name, label, count, tuple(aliases), pinned)
                ruled, key = ruled_key(member, rules)
                name, label, joined = ruled.name, ruled.label, ruled.joined
            else:  # no rule: the key is the name's own (what nearly every library has)
                key, joined = name_key(name, label), None
            group_keys[group] = key
            made.by_key.setdefault(key, [[], []])[0].append(
                [group, name, label, count, aliases, pinned, joined])
        for quote in quotes:
            key = group_keys.get(quote[6]) if quote[6] is not None else None
            if key is None:
                if quote[6] is not None or not quote[4]:
                    continue  # given to a group that is no person or body, or to nobody
                key = SAID + quote[4]
            made.by_key.setdefault(key, [[], []])[1].append(quote)
        return made


def mentions_in(postings: dict[str, list]) -> dict[str, int]:
    """A key's mentions in each article it appears in."""
    return {article: sum(member[3] for member in members)
            for article, (members, _) in postings.items()}


def _count(counter: dict[str, int], item: str, step: int) -> None:
    value = counter.get(item, 0) + step
    if value > 0:
        counter[item] = value
    else:
        counter.pop(item, None)


class PeopleCache:
    """``people.cache`` of one library folder (see the module's docstring)."""

    def __init__(self, folder: Path, *, writable: bool = True) -> None:
        self.folder = folder / CACHE_NAME
        self._scratch: Path | None = None
        if not writable or not self._usable():
            # A library presscut may not write (read-only, or a folder of someone else's) is
            # indexed in a private scratch folder, dropped with this object.
            self._scratch = Path(tempfile.mkdtemp(prefix="presscut-people-"))
            self.folder = self._scratch / CACHE_NAME
            make_private_folder(self.folder)
        self._versions: dict[str, str] | None = {}
        self.summaries: dict[str, Summary] = {}
        self.rules = ""
        self.library: list | None = None  # `library_stamp` when the state was last made current
        self.serial = ""  # changes with every write: what derived views are checked against
        self._key_shards: dict[int, dict] = {}  # read this serial, kept while it lasts

    def __del__(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _usable(self) -> bool:
        try:
            make_private_folder(self.folder)
            probe = self.folder / LOCK_NAME
            probe.touch(mode=PRIVATE_FILE)
        except OSError:
            return False
        return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time writes or reads a consistent set of files (the app and a
        `presscut who` beside it)."""
        with FileLock(self.folder / LOCK_NAME, thread_local=False, mode=PRIVATE_FILE):
            yield

    # -- reading --------------------------------------------------------------------------

    def _load_state(self) -> bool:
        data = _read_json(self.folder / "state.json")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return False
        try:
            self.summaries = data["keys"]
            self.rules, serial = data["rules"], data["serial"]
            self.library = data.get("library")
        except KeyError:
            return False
        if serial != self.serial:
            self._key_shards, self._versions = {}, None
        self.serial = serial
        return True

    @property
    def versions(self) -> dict[str, str]:
        """Every article's version as last read: apart from the state, as only a library that
        changed needs them."""
        if self._versions is None:
            data = _read_json(self.folder / "versions.json")
            ok = isinstance(data, dict) and data.get("serial") == self.serial and self.serial
            self._versions = data["versions"] if ok else {}
        return self._versions

    @versions.setter
    def versions(self, versions: dict[str, str]) -> None:
        self._versions = versions

    def _versions_match(self) -> bool:
        data = _read_json(self.folder / "versions.json")
        if isinstance(data, dict) and data.get("serial") == self.serial and self.serial:
            self._versions = data["versions"]
            return True
        return False

    def _article_shard(self, shard: str) -> dict[str, list]:
        data = _read_json(self.folder / "articles" / f"{shard}.json")
        return data if isinstance(data, dict) else {}

    def _read_key_shard(self, number: int, suffix: str = "json") -> dict[str, Any]:
        data = _read_json(self.folder / "keys" / f"{number:03d}.{suffix}")
        return data if isinstance(data, dict) else {}

    def articles_of(self, keys: Iterable[str]) -> dict[str, dict[str, int]]:
        """The articles each key appears in, with its mentions in each, from the shards of ids
        alone (a name in every article is a long list, but of ids, not of quotations)."""
        by_number: dict[int, list[str]] = {}
        for key in keys:
            by_number.setdefault(key_shard(key), []).append(key)
        found: dict[str, dict[str, int]] = {}
        with self._locked():
            for number, wanted in by_number.items():
                shard = self._read_key_shard(number, "ids")
                found.update((key, shard.get(key, {})) for key in wanted)
        return found

    def postings(self, key: str) -> dict[str, list]:
        """The articles a key appears in: article -> [members, quotes] (see the module)."""
        number = key_shard(key)
        shard = self._key_shards.get(number)
        if shard is None:
            with self._locked():
                shard = self._read_key_shard(number)
            if len(self._key_shards) >= 4:  # a few kept: one entity's keys, read again
                self._key_shards.pop(next(iter(self._key_shards)))
            self._key_shards[number] = shard
        return shard.get(key, {})

    def stored(self, article_id: str) -> list | None:
        """An article's [members, quotes] as last read, or None."""
        entry = self._article_shard(article_shard(article_id)).get(article_id)
        if entry is None or entry[0] != self.versions.get(article_id):
            return None
        return entry[1:]

    # -- keeping current ------------------------------------------------------------------

    def refresh(self, library: Library, stop: Callable[[], bool] | None = None) -> list[str]:
        """Make the cache current for the library: read the articles new or changed since (and
        only them), drop the ones gone, remake the keys when the rules changed. Returns the ids
        read. ``stop`` is asked between articles; when it says so, what was read is written and
        `Stopped` raised (the next refresh reads the rest)."""
        seen = library_stamp(library.folder)  # taken first: a change meanwhile shows next time
        with self._locked():
            loaded = self._load_state()
            if loaded and seen is not None and self.library == seen:
                return []  # nothing in the library was written since: no row need be looked at
        corrections = library.correction_stamps()  # only a correction changes who is who
        wanted = {key: people_version(library.article(key), corrections)
                  for key in library.article_ids()}  # row by row: never every row at once
        rules_now = rules_stamp(library)
        with self._locked():
            whole = (not self._load_state() or self.rules != rules_now
                     or not self._versions_match())
            self.library = seen
            if not whole and self.versions == wanted:
                self._finish_writing(same=True)
                return []
            if whole:
                return self._remake(library, wanted, rules_now, stop)
            return self._update(library, wanted, stop)

    def _read_article(self, library: Library, article_id: str) -> list | None:
        from store.people_index import read_entry

        try:
            entry = read_entry(library, article_id)
        except NotFound:
            return None
        except StoreError:  # a damaged or missing body names nobody until it is mended
            return [[], []]
        return [_members_of(entry), _quotes_of(entry)]

    def _update(self, library: Library, wanted: dict[str, str],
                stop: Callable[[], bool] | None) -> list[str]:
        """Take out what the changed and gone articles gave the keys, put in what the changed
        ones give now: only their shards are read and written."""
        rules = library.rule_set()
        changed = [k for k, v in wanted.items() if self.versions.get(k) != v]
        gone = [k for k in self.versions if k not in wanted]
        shards: dict[str, dict[str, list]] = {}
        key_changes: dict[str, dict[str, list | None]] = {}  # key -> article -> posting/None
        read: list[str] = []
        stopped = False

        def shard_of(article_id: str) -> dict[str, list]:
            name = article_shard(article_id)
            if name not in shards:
                shards[name] = self._article_shard(name)
            return shards[name]

        def take_out(article_id: str) -> bool:
            entry = shard_of(article_id).pop(article_id, None)
            old = self.versions.pop(article_id, None)
            if entry is None or entry[0] != old:
                return old is None  # the state and the shard disagree: remake
            self._account(Postings.of(article_id, entry[1:], rules), -1, key_changes, article_id)
            return True

        for article_id in gone:
            if not take_out(article_id):
                return self._remake(library, wanted, self.rules, stop)
        for article_id in changed:
            if stop is not None and stop():
                stopped = True
                break
            if not take_out(article_id):
                return self._remake(library, wanted, self.rules, stop)
            stored = self._read_article(library, article_id)
            if stored is None:
                continue
            shard_of(article_id)[article_id] = [wanted[article_id], *stored]
            self.versions[article_id] = wanted[article_id]
            self._account(Postings.of(article_id, stored, rules), 1, key_changes, article_id)
            read.append(article_id)
        if stopped:
            self.library = None  # not current: the next refresh looks at the rows
        self._write(shards, key_changes)
        if stopped:
            raise Stopped
        return read

    def _account(self, postings: Postings, step: int,
                 key_changes: dict[str, dict[str, list | None]], article_id: str) -> None:
        """Add (``step`` 1) or take out (-1) an article's postings in the keys' summaries, and
        note the postings to write."""
        for key, (members, quotes) in postings.by_key.items():
            key_changes.setdefault(key, {})[article_id] = [members, quotes] if step > 0 else None
            if not members:
                continue
            summary = self.summaries.get(key)
            if summary is None:
                if step < 0:
                    continue
                summary = self.summaries[key] = [members[0][2], {}, {}, {}, 0, 0]
            _, names, aliases, labels, _, _ = summary
            for _, name, label, count, member_aliases, _, _ in members:
                _count(names, name, step)
                _count(labels, label, step)
                for alias in member_aliases:
                    _count(aliases, alias, step)
                summary[4] += step * count
            summary[5] += step
            if summary[5] <= 0:
                del self.summaries[key]

    def _remake(self, library: Library, wanted: dict[str, str], rules_now: str,
                stop: Callable[[], bool] | None) -> list[str]:
        """Make every key again from the article shards (a body is read only for an article
        whose entry is missing or out of date), shard by shard of the articles."""
        rules = library.rule_set()
        for stale in self.folder.glob(".spill-*"):  # left by a remake cut short
            shutil.rmtree(stale, ignore_errors=True)
        self.versions, self.summaries, self.rules = {}, {}, rules_now
        by_shard: dict[str, list[str]] = {}
        for article_id in wanted:
            by_shard.setdefault(article_shard(article_id), []).append(article_id)
        spill = Spill(self.folder)
        read: list[str] = []
        stopped = False
        self._start_writing()  # each article shard is written once read, never all held
        try:
            for name in sorted(by_shard):
                old = self._article_shard(name)
                fresh: dict[str, list] = {}
                for article_id in by_shard[name]:
                    entry = old.get(article_id)
                    if entry is None or entry[0] != wanted[article_id]:
                        if stopped or (stop is not None and stop()):
                            stopped = True
                            continue
                        stored = self._read_article(library, article_id)
                        if stored is None:
                            continue
                        entry = [wanted[article_id], *stored]
                        read.append(article_id)
                    fresh[article_id] = entry
                    self.versions[article_id] = entry[0]
                    postings = Postings.of(article_id, entry[1:], rules)
                    self._account(postings, 1, {}, article_id)
                    spill.add(article_id, postings)
                if fresh != old:
                    self._write_article_shard(name, fresh)
            for path in (self.folder / "articles").glob("*.json"):
                if path.stem not in by_shard:  # only articles gone since
                    path.unlink(missing_ok=True)
            if stopped:
                self.library = None
            keys_folder = self.folder / "keys"
            if keys_folder.exists():
                shutil.rmtree(keys_folder)
            make_private_folder(keys_folder)
            for number, shard, ids in spill.shards():
                write_atomic(keys_folder / f"{number:03d}.json", shard)
                write_atomic(keys_folder / f"{number:03d}.ids", ids)
            self._finish_writing()
        finally:
            spill.close()
        if stopped:
            raise Stopped
        return read

    def _start_writing(self) -> None:
        """The state goes first: shards written without it are never taken for current."""
        make_private_folder(self.folder / "articles")
        (self.folder / "state.json").unlink(missing_ok=True)
        self._key_shards = {}

    def _finish_writing(self, *, same: bool = False) -> None:
        """Write the state; a new serial unless ``same`` (only the library's stamp changed)."""
        if not same:
            self.serial = secrets.token_hex(8)
        if not same:
            write_atomic(self.folder / "versions.json",
                         orjson.dumps({"serial": self.serial, "versions": self.versions}))
        state = {"format": FORMAT, "serial": self.serial, "rules": self.rules,
                 "library": self.library, "keys": self.summaries}
        write_atomic(self.folder / "state.json", orjson.dumps(state))

    def _write_article_shard(self, name: str, entries: dict[str, list]) -> None:
        path = self.folder / "articles" / f"{name}.json"
        if entries:
            write_atomic(path, orjson.dumps(entries))
        else:
            path.unlink(missing_ok=True)

    def _write(self, shards: dict[str, dict[str, list]],
               key_changes: dict[str, dict[str, list | None]]) -> None:
        self._start_writing()
        for name, entries in shards.items():
            self._write_article_shard(name, entries)
        by_number: dict[int, list[str]] = {}
        for key in key_changes:
            by_number.setdefault(key_shard(key), []).append(key)
        make_private_folder(self.folder / "keys")
        for number, keys in by_number.items():
            shard = self._read_key_shard(number)
            for key in keys:
                postings = shard.setdefault(key, {})
                for article_id, posting in key_changes[key].items():
                    if posting is None:
                        postings.pop(article_id, None)
                    else:
                        postings[article_id] = posting
                if not postings:
                    del shard[key]
            path = self.folder / "keys" / f"{number:03d}.json"
            ids = path.with_suffix(".ids")
            if shard:
                write_atomic(path, orjson.dumps(shard))
                write_atomic(ids, orjson.dumps({key: mentions_in(p) for key, p in shard.items()}))
            else:
                path.unlink(missing_ok=True)
                ids.unlink(missing_ok=True)
        self._finish_writing()

    def forget(self, library: Library, article_ids: Iterable[str]) -> None:
        """Drop removed articles from the cache now, so what they said is kept nowhere (and a
        restored one is read afresh)."""
        gone = set(article_ids)
        with self._locked():
            if not self._load_state() or not gone & self.versions.keys():
                return
            if self.rules != rules_stamp(library):  # keys of other rules: all made again later
                shutil.rmtree(self.folder / "keys", ignore_errors=True)
                (self.folder / "state.json").unlink(missing_ok=True)
                for article_id in gone:
                    shard = self._article_shard(article_shard(article_id))
                    if shard.pop(article_id, None) is not None:
                        self._write_article_shard(article_shard(article_id), shard)
                return
            self._update(library, {k: v for k, v in self.versions.items() if k not in gone}, None)

    def merged(self) -> list | None:
        """The merge made for the current state (`save_merged`), or None."""
        data = _read_json(self.folder / "merged.json")
        if isinstance(data, dict) and data.get("serial") == self.serial and self.serial:
            return data.get("entities")
        return None

    def save_merged(self, entities: list) -> None:
        """Keep the merge of this state: `presscut who NAME` then merges nothing."""
        with contextlib.suppress(OSError):
            write_atomic(self.folder / "merged.json",
                         orjson.dumps({"serial": self.serial, "entities": entities}))


class Spill:
    """The name index's postings while the whole index is made: written out as they come, a
    line per key and article in a file per shard, then made into each shard's JSON one shard at
    a time. Held in memory, a large library's quotations would take gigabytes."""

    FLUSH = 1 << 16  # bytes a shard's lines gather before they are appended to its file

    def __init__(self, folder: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".spill-", dir=folder))
        self._lines: dict[int, list[bytes]] = {}
        self._sizes: dict[int, int] = {}

    def add(self, article_id: str, postings: Postings) -> None:
        head = orjson.dumps(article_id)
        for key, posting in postings.by_key.items():
            number = key_shard(key)
            mentions = b"%d" % sum(member[3] for member in posting[0])
            line = (orjson.dumps(key) + b"\t" + head + b"\t" + mentions + b"\t"
                    + orjson.dumps(posting) + b"\n")
            self._lines.setdefault(number, []).append(line)
            self._sizes[number] = self._sizes.get(number, 0) + len(line)
            if self._sizes[number] >= self.FLUSH:
                self._flush(number)

    def _flush(self, number: int) -> None:
        with open(self.folder / str(number), "ab") as spilled:
            spilled.writelines(self._lines.pop(number, ()))
        self._sizes[number] = 0

    def shards(self) -> Iterator[tuple[int, bytes, bytes]]:
        """Each shard's postings and ids, as the files hold them."""
        for number in list(self._lines):
            self._flush(number)
        for path in sorted(self.folder.iterdir(), key=lambda path: int(path.name)):
            keys: dict[bytes, list[bytes]] = {}
            for line in path.read_bytes().splitlines():
                key, _, rest = line.partition(b"\t")
                keys.setdefault(key, []).append(rest)
            split = {key: [rest.split(b"\t", 2) for rest in rests] for key, rests in keys.items()}
            postings = b"{" + b",".join(
                key + b":{" + b",".join(a + b":" + p for a, _, p in lines) + b"}"
                for key, lines in split.items()) + b"}"
            ids = b"{" + b",".join(
                key + b":{" + b",".join(a + b":" + n for a, n, _ in lines) + b"}"
                for key, lines in split.items()) + b"}"
            yield int(path.name), postings, ids

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
