"""Named entities of one article, and their mentions grouped under the fullest name.

spaCy's spans are cleaned first (the small model happily ends a name with a line break or an
"'s"), then every distinct written form is put in a group: the longest forms found the groups and
shorter forms join the one they abbreviate ("Mr Assad" -> "Bashar al-Assad", "SNC" -> "Syrian
National Council"). The small model sometimes labels a short form differently from the full one
("Observatory" as a PERSON), so a one-word form may join a group of another label.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.datelines import dateline_end
from nlp.names import (
    TITLES,
    acronym_of,
    acronym_spellings,
    head_key,
    initials,
    key_words,
    spells_acronym,
    strip_possessive,
    strip_titles,
    surface_words,
    visible,
    word_set,
)
from nlp.paragraphs import doc_text, merged_spans
from nlp.records import Entity, EntityGroup

_WORD = re.compile(r"\w+")
_FIRST_WORD = re.compile(r"\w+(?!\w)")  # a name's leading word, when it opens with one
_WORD_CHAR = re.compile(r"\w")

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Labels whose mentions are names; the rest (dates, amounts) are grouped by their exact words.
NAME_LABELS = word_set(
    """
    PERSON ORG GPE NORP LOC FAC EVENT PRODUCT WORK_OF_ART LAW LANGUAGE
    """
)
DATELINE_END = re.compile(r",| ?(?:--|\u2014|\u2013|\()")  # "MINNEAPOLIS -- ", "LONDON ("
AGENCY_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,[^\n(]{0,40}\(")  # "WASHINGTON, Dec. 3 ("
LINE = re.compile(r"[^\r\n]+")
WORDS_BEFORE = re.compile(r"((?:[\w&'.-]+ ){1,12})\([^()\n]+\)$")  # "Research in Motion (RIM)"
AGE = re.compile(r",\s*\d{1,3},")
# Titles that only people carry (unlike "President", which can open an ORG name).
# Words that make a place of a place, not a body ("Southern Scotland", "Greater London").
PLACE_WORDS = word_set(
    "north south east west northern southern eastern western central greater upper lower new"
)
# Labels a name's mentions are made to agree on, the likelier first where counts tie.
SETTLED_LABELS = ("ORG", "GPE", "PERSON", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT")
PERSONAL_TITLES = word_set("mr mrs ms miss mx dr sir dame lady lord councillor councilor")


@dataclass
class _Form:
    """One distinct written form of a name, with the words used to compare it to others."""

    label: str
    display: list[str]
    keys: list[str]
    first: int
    entities: list[Entity] = field(default_factory=list)


@dataclass
class _Cluster:
    """The forms taken to name one person or body; the first form gives the name."""

    forms: list[_Form]

    @property
    def canonical(self) -> _Form:
        return self.forms[0]

    def size(self) -> int:
        return sum(len(form.entities) for form in self.forms)


def find_entities(doc: Doc) -> tuple[list[Entity], list[EntityGroup]]:
    """Trimmed entity mentions of ``doc``, each tied to a group, and the groups in text order."""
    entities = [
        piece
        for ent in doc.ents
        for piece in _trimmed(*_with_name_word_before(doc, ent.start, ent.end, ent.label_))
    ]
    _relabel_datelines(doc_text(doc), entities)
    entities += _spelled_out(doc_text(doc), entities)
    _settle_labels(doc_text(doc), entities)
    clusters = _cluster(entities)
    _relabel_people(doc_text(doc), clusters)
    _lengthen_person_names(doc, clusters)
    entities += _missed_mentions(doc_text(doc), entities, clusters)
    groups = [_group(cluster) for cluster in clusters]
    for group, cluster in zip(groups, clusters, strict=True):
        for form in cluster.forms:
            for entity in form.entities:
                entity.group = group.id
    entities.sort(key=lambda e: (e.start, e.end))
    groups.sort(key=lambda g: g.mentions[0] if g.mentions else [0, 0])
    return entities, groups


def group_id(label: str, name: str) -> str:
    """A stable id, so an analysis re-run on the same text keeps its group ids."""
    return "g" + hashlib.sha1(f"{label}:{name}".encode()).hexdigest()[:10]


def _with_name_word_before(doc: Doc, start: int, end: int, label: str) -> tuple[str, int, str]:
    """The entity's text, start and label, taking in a capitalised word the model left out of a
    name: "Police Scotland", "Cycling UK" are bodies, not the place after the first word, and
    "Otis Ferry" is not the "Ferry" named before ("Mr", "President" and "Southern" stay out)."""
    first = start
    while (
        label in ("ORG", "GPE", "FAC", "PERSON")
        and first > 0
        and (word := doc[first - 1]).pos_ == "PROPN"
        and word.is_title
        and word.dep_ == "compound"
        and start <= word.head.i < end
        and not word.ent_type_
        and word.lower_.rstrip(".") not in TITLES | PLACE_WORDS
        and "\n" not in word.whitespace_
    ):
        first -= 1
    if first < start and label == "GPE":
        label = "ORG"
    if label == "PERSON":
        first, end = _across_invisible(doc, first, end)
    span = doc[first:end]
    return span.text, span.start_char, label


def _across_invisible(doc: Doc, first: int, end: int) -> tuple[int, int]:
    """A person's name taken whole where a zero-width character glued to a word made the model
    stop ("Margaret\u2060 Dunlop" tagged as "Dunlop" alone)."""

    def name_word(token: Token) -> bool:
        return visible(token.text)[:1].isupper() and visible(token.text).isalpha()

    while (
        first > 0
        and name_word(doc[first - 1])
        and (
            visible(doc[first - 1].text) != doc[first - 1].text
            or visible(doc[first].text) != doc[first].text
        )
    ):
        first -= 1
    while (
        end < len(doc)
        and name_word(doc[end])
        and (
            visible(doc[end].text) != doc[end].text
            or visible(doc[end - 1].text) != doc[end - 1].text
        )
    ):
        end += 1
    return first, end


def _trimmed(text: str, start: int, label: str) -> list[Entity]:
    """The span split at line breaks, each piece without edge whitespace or possessive."""
    pieces = []
    for line in LINE.finditer(text):
        raw = line.group()
        stripped = strip_possessive(_before_open_bracket(raw).strip())
        if not stripped or not any(c.isalnum() for c in stripped):
            continue
        if label in NAME_LABELS and not any(c.isalpha() for c in stripped):
            continue
        begin = start + line.start() + (len(raw) - len(raw.lstrip()))
        pieces.append(Entity(begin, begin + len(stripped), label, stripped))
    return pieces


def _before_open_bracket(text: str) -> str:
    """A name up to a bracket it opens and never closes ("Okoro(RNLI" is Okoro)."""
    for opening, closing in ("()", "[]"):
        at = text.find(opening)
        if at > 0 and closing not in text[at:]:
            text = text[:at]
    return text


def _form_of(entity: Entity) -> tuple[list[str], list[str]]:
    words = surface_words(entity.text)
    if entity.label == "PERSON":
        words = strip_titles(words)
    elif len(words) > 1 and words[0].lower().rstrip(".") in PERSONAL_TITLES:
        words = words[1:]  # "Ms Dunlop" tagged ORG is still Margaret Dunlop
    keys = key_words(words)
    if entity.label == "NORP":  # "Russians" and "Russian" name the same people
        keys = [k[:-1] if len(k) > 3 and k.endswith("s") else k for k in keys]
    return words, keys


def _better_display(words: list[str], current: list[str]) -> bool:
    """Prefer the longer spelling ("Bashar al-Assad"), and "Moscow" to a dateline's "MOSCOW"."""
    written, shown = " ".join(words), " ".join(current)
    if written.isupper() != shown.isupper():
        return shown.isupper()
    return len(written) > len(shown)


def _cluster(entities: list[Entity]) -> list[_Cluster]:
    forms: dict[tuple[str, tuple[str, ...]], _Form] = {}
    plain: dict[tuple[str, str], _Form] = {}
    for entity in entities:
        if entity.label not in NAME_LABELS:
            key = (entity.label, entity.text.lower())
            plain.setdefault(key, _Form(entity.label, [entity.text], [], entity.start))
            plain[key].entities.append(entity)
            continue
        words, keys = _form_of(entity)
        if not keys:
            continue
        form = forms.setdefault(
            (entity.label, tuple(keys)), _Form(entity.label, words, keys, entity.start)
        )
        if _better_display(words, form.display):
            form.display = words
        form.entities.append(entity)
    clusters: list[_Cluster] = []
    # Clusters by the words a shorter form could match them on (see `_abbreviates`): testing
    # each form against every cluster made an article of thousands of names quadratic.
    index: dict[object, list[_Cluster]] = {}
    ordered = sorted(
        forms.values(), key=lambda f: (-len(f.keys), -len(" ".join(f.display)), f.first)
    )
    for form in ordered:
        acronym = acronym_of(form.display)
        near = [*index.get(tuple(form.keys), []), *index.get(("tail", form.keys[-1]), []),
                *(index.get(("initials", acronym), []) if acronym else [])]
        home = _home(form, list({id(c): c for c in near}.values()))
        if home is None:
            home = _Cluster([form])
            clusters.append(home)
            full = form
            tail = full.keys[-1] if full.label == "PERSON" else head_key(full.keys)
            for key in (tuple(full.keys), ("tail", tail),
                        *(("initials", spelt) for spelt in acronym_spellings(full.display))):
                index.setdefault(key, []).append(home)
        else:
            home.forms.append(form)
    clusters += [_Cluster([form]) for form in plain.values()]
    return clusters


def _home(form: _Form, clusters: list[_Cluster]) -> _Cluster | None:
    """The cluster a shorter form abbreviates: same label first, then (one word) any label."""
    same = [c for c in clusters if c.canonical.label == form.label and _abbreviates(form, c)]
    if same:
        return min(same, key=lambda c: c.canonical.first)
    # a place word alone is the place, not a body named after it ("Scotland", "Historic
    # Scotland")
    if len(form.keys) == 1 and form.label in {"PERSON", "ORG", "NORP"}:
        other = [c for c in clusters if _abbreviates(form, c)]
        if len(other) == 1:
            return other[0]
    return None


def _abbreviates(form: _Form, cluster: _Cluster) -> bool:
    full = cluster.canonical
    if form.keys == full.keys:
        return True
    if not set(form.keys) <= set(full.keys):
        return _acronym_match(form, full)
    if full.label == "PERSON":
        return form.keys[-1] == full.keys[-1]
    return form.keys[-1] == head_key(full.keys)


def _acronym_match(form: _Form, full: _Form) -> bool:
    short = acronym_of(form.display)
    if short and len(full.keys) > 1 and full.label != "PERSON":
        return short == initials(full.display) or spells_acronym(short, full.display)
    return False


def _relabel_datelines(text: str, entities: list[Entity]) -> None:
    """A wire dateline's city ("ROTTERDAM, Netherlands, June 20 (Reuters) -", "ST. PAUL, Minn.
    --") is a place: the model, seeing a capitalised word open a paragraph before a comma, often
    takes it for a person or a body. The agency in its brackets ("(UPI)") is a body, not a
    people."""
    for entity in entities:
        if (
            entity.label in ("NORP", "PERSON", "GPE")
            and text.startswith("(", entity.start - 1)
            and text.startswith(")", entity.end)
            and AGENCY_DATELINE.match(text, text.rfind("\n", 0, entity.start) + 1)
        ):
            entity.label = "ORG"
            continue
        at_paragraph_start = entity.start == 0 or text[entity.start - 1] == "\n"
        if (
            (at_paragraph_start or dateline_end(text, entity.start) is not None)
            and entity.label in ("PERSON", "ORG", "NORP")
            and entity.text.isupper()
            and DATELINE_END.match(text, entity.end)
        ):
            entity.label = "GPE"


def _spelled_out(text: str, entities: list[Entity]) -> list[Entity]:
    """A body's full name before its acronym in brackets ("Research in Motion (RIM)") that the
    model did not tag: the capitalised words whose initials the acronym spells, labelled as the
    acronym is elsewhere, so that both join one group."""
    labels = {}
    for entity in entities:
        acronym = acronym_of([entity.text])
        if acronym is not None and entity.label in SETTLED_LABELS:
            labels.setdefault(entity.text, "ORG" if entity.label == "NORP" else entity.label)
    taken = merged_spans([(e.start, e.end) for e in entities])
    starts = [start for start, _ in taken]
    found = []
    for written, label in labels.items():
        bracketed = f"({written})"
        at = text.find(bracketed)
        while at >= 0:  # found as a plain string first: a pattern tried at every position is slow
            match = WORDS_BEFORE.search(text, max(0, at - 200), at + len(bracketed))
            at = text.find(bracketed, at + 1)
            if match is None:
                continue
            name = _spelling_words(match.group(1).split(), acronym_of([written]) or "")
            if not name:
                continue
            start = match.end(1) - 1 - len(name)
            before = bisect_left(starts, start + len(name)) - 1
            if before >= 0 and taken[before][1] > start:
                continue  # the model tagged it, or part of it
            found.append(Entity(start, start + len(name), label, name))
            inside = bisect_left(starts, match.end() - 1) - 1
            if inside < 0 or taken[inside][1] <= match.end(1) + 1:
                found.append(Entity(match.end(1) + 1, match.end() - 1, label, written))
    return found


def _spelling_words(words: list[str], acronym: str) -> str | None:
    """The shortest run of capitalised words ending ``words`` whose initials are ``acronym``."""
    for size in range(2, len(words) + 1):
        run = words[-size:]
        if run[0][:1].isupper() and spells_acronym(acronym, run):
            return " ".join(run)
    return None


def _settle_labels(text: str, entities: list[Entity]) -> None:
    """Give every mention of a name the one label the article settles for it.

    The small model labels each mention on its own ("Glasgow" a PERSON in one sentence, a city in
    the next); the article is about one Glasgow. A title or an age makes a person; a place tag
    beats an unsupported person tag for one word; otherwise the label most mentions carry.
    """
    by_name: dict[tuple[str, ...], list[Entity]] = {}
    for entity in entities:
        if entity.label in SETTLED_LABELS:
            by_name.setdefault(tuple(key_words(surface_words(entity.text))), []).append(entity)
    for keys, mentions in by_name.items():
        labels = [e.label for e in mentions]
        if len(set(labels)) < 2:
            continue
        if "PERSON" in labels and any(personal_context(text, e) for e in mentions):
            settled = "PERSON"
        elif len(keys) == 1 and "PERSON" in labels and {"GPE", "LOC"} & set(labels):
            settled = "GPE" if "GPE" in labels else "LOC"
        else:
            settled = max(
                SETTLED_LABELS,
                key=lambda label: (labels.count(label), -SETTLED_LABELS.index(label)),
            )
        for entity in mentions:
            entity.label = settled


def _relabel_people(text: str, clusters: list[_Cluster]) -> None:
    """Make a group a PERSON when the text treats it as one and the model did not.

    The small model tags names it has not seen as ORG or GPE ("Ibrahima Diallo"); a title before
    a mention ("Dr", "Councillor") or an age after it ("Diallo, 20,") is the newsroom's tell.
    """
    for cluster in clusters:
        full = cluster.canonical
        if full.label not in ("ORG", "GPE", "NORP"):
            continue
        for form in cluster.forms:
            if any(personal_context(text, e) for e in form.entities):
                full.label = "PERSON"
                full.display = strip_titles(full.display)
                break


def personal_context(text: str, entity: Entity) -> bool:
    before = text[max(0, entity.start - 20) : entity.start].split()[-1:] + entity.text.split()[:1]
    if any(word.lower().rstrip(".") in PERSONAL_TITLES for word in before):
        return True
    return AGE.match(text, entity.end) is not None


def _lengthen_person_names(doc: Doc, clusters: list[_Cluster]) -> None:
    """Give a one-word person the full name the text writes but the model did not tag.

    The small model may tag "Ghalioun" yet miss "Burhan Ghalioun" in the same article. The
    tokens are indexed by word once: walking the whole text for each such person made a page of
    thousands of captions quadratic.
    """
    short = [c for c in clusters if c.canonical.label == "PERSON" and len(c.canonical.keys) == 1]
    wanted = {cluster.canonical.keys[0] for cluster in short}
    where: dict[str, list[Token]] = {}
    for token in doc:
        if token.lower_ in wanted and token.pos_ == "PROPN":
            where.setdefault(token.lower_, []).append(token)
    for cluster in short:
        full = cluster.canonical
        best: list[str] = []
        for token in where.get(full.keys[0], []):
            run = [token.text]
            left = token.i - 1
            while left >= 0 and doc[left].pos_ == "PROPN" and doc[left].is_title:
                if "\n" in doc[left].whitespace_ or doc[left].ent_type_ not in ("", "PERSON"):
                    break
                run.insert(0, doc[left].text)
                left -= 1
            run = strip_titles(run)
            if 1 < len(run) <= 4 and len(run) > len(best):
                best = run
        if best:
            full.display = best


def _missed_mentions(text: str, entities: list[Entity], clusters: list[_Cluster]) -> list[Entity]:
    """Occurrences of a multi-word person name the model left untagged, added to its group.

    The tagged spans are merged and bisected: testing each occurrence against every entity made
    a page of thousands of captions quadratic. Occurrences are found from one index of where
    each name's first word stands, not by a search of the whole text for each name.
    """
    taken = merged_spans([(e.start, e.end) for e in entities])
    starts = [start for start, _ in taken]
    names = {
        " ".join(c.canonical.display): c.canonical for c in clusters
        if c.canonical.label == "PERSON" and len(c.canonical.display) >= 2
    }
    firsts = {_FIRST_WORD.match(name)[0] for name in names if _FIRST_WORD.match(name)}
    where: dict[str, list[int]] = {}
    for word in _WORD.finditer(text):
        if word[0] in firsts:
            where.setdefault(word[0], []).append(word.start())
    found = []
    for name, full in names.items():
        first = _FIRST_WORD.match(name)
        places = (
            where.get(first[0], []) if first
            else [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}", text)]
        )
        for start in places:
            end = start + len(name)
            if not text.startswith(name, start) or _WORD_CHAR.match(text, end):
                continue
            before = bisect_left(starts, end) - 1  # the last span starting before its end
            if before >= 0 and taken[before][1] > start:
                continue
            entity = Entity(start, end, "PERSON", name)
            full.entities.append(entity)
            found.append(entity)
    return found


def _group(cluster: _Cluster) -> EntityGroup:
    full = cluster.canonical
    name = " ".join(full.display)
    members = sorted(
        (e for form in cluster.forms for e in form.entities), key=lambda e: (e.start, e.end)
    )
    return EntityGroup(
        id=group_id(full.label, name),
        name=name,
        label=full.label,
        count=len(members),
        mentions=[[e.start, e.end] for e in members],
        aliases=list(dict.fromkeys(e.text for e in members)),
    )
