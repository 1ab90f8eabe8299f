"""The figures of a story: articles per day and outlet, who is quoted by which outlet, and how.

One computation serves the app's story view and ``presscut stats``, so the pictures and the
numbers a notebook gets are the same. Speakers are merged across articles by the who's who's
name rules (`store.people_index.merge`), so "Bashar al-Assad" at one outlet and "Bashar Assad"
at another are one bar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from store.collector import collector_paused
from store.people_index import (
    FAMILIES,
    CrossEntity,
    NameForms,
    PeopleIndex,
    merge_keys,
    name_key,
)
from store.quote_facts import QuoteFact, QuoteFacts

UNKNOWN_OUTLET = "(no source)"
KINDS = ("direct", "reported")


@dataclass(frozen=True)
class Scope:
    """Which articles a figure counts: a tag, and published dates from ``since`` to ``until``
    (both included). An article without a date is outside any date range."""

    tag: str | None = None
    since: date | None = None
    until: date | None = None

    def admits(self, row: dict) -> bool:
        if self.tag is not None and self.tag not in (row.get("tags") or ()):
            return False
        if self.since is None and self.until is None:
            return True
        day = day_of(row)
        if day is None:
            return False
        return (self.since is None or day >= self.since.isoformat()) and (
            self.until is None or day <= self.until.isoformat())


@dataclass
class DayFigure:
    day: str
    by_outlet: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.articles)


@dataclass
class SpeakerFigure:
    """A person or body quoted: counts, and the articles that quote them under which of their
    names (``written``), from which the quotations are read when listed (`quotes_of`)."""

    name: str
    label: str | None
    by_outlet: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)
    written: set[tuple[str, str | None]] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def says(self, fact: QuoteFact) -> bool:
        return (fact.speaker, fact.label) in self.written


@dataclass
class OutletFigure:
    outlet: str
    articles: list[str] = field(default_factory=list)
    by_kind: Counter[str] = field(default_factory=Counter)
    quoting: list[str] = field(default_factory=list)  # its articles with a quotation

    @property
    def quotes(self) -> int:
        return sum(self.by_kind.values())


@dataclass
class StoryFigures:
    """Everything the story view draws, for the articles of one scope."""

    articles: int
    undated: int
    days: list[DayFigure]  # oldest first
    speakers: list[SpeakerFigure]  # most quoted first
    outlets: list[OutletFigure]  # most articles first

    @property
    def outlet_names(self) -> list[str]:
        return [o.outlet for o in self.outlets]


def day_of(row: dict) -> str | None:
    """The article's publication day as YYYY-MM-DD, when its date says one."""
    published = row.get("published")
    if not isinstance(published, str) or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def outlet_of(row: dict) -> str:
    source = row.get("source")
    return source.strip() if isinstance(source, str) and source.strip() else UNKNOWN_OUTLET


def story_figures(rows: list[dict], facts: QuoteFacts) -> StoryFigures:
    """The figures of these articles (already in scope), from their quotations' facts."""
    with collector_paused():  # a figure per quotation and no cycle among them
        return _figures(rows, facts)


@dataclass
class _Spoken:
    """What one speaker, as one article's analysis names them, is given in the scope."""

    articles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    by_outlet: dict[str, int] = field(default_factory=dict)
    direct: int = 0
    reported: int = 0


def _figures(rows: list[dict], facts: QuoteFacts) -> StoryFigures:
    """One pass over the articles' counts, summing per speaker as written; the few distinct
    speakers are merged afterwards (a library quotes hundreds of thousands of times, but names
    a few thousand speakers)."""
    days: dict[str, DayFigure] = {}
    outlets: dict[str, OutletFigure] = {}
    spoken: dict[tuple[str, str | None], _Spoken] = {}
    undated = 0
    for row in rows:
        article, outlet = row["id"], outlet_of(row)
        figure = outlets.get(outlet)
        if figure is None:
            figure = outlets[outlet] = OutletFigure(outlet)
        figure.articles.append(article)
        day = day_of(row)
        if day is None:
            undated += 1
        else:
            on_day = days.get(day)
            if on_day is None:
                on_day = days[day] = DayFigure(day)
            on_day.by_outlet[outlet] += 1
            on_day.articles.append(article)
        direct, reported, speakers = facts.of(article)
        if not direct and not reported:
            continue
        figure.by_kind["direct"] += direct
        figure.by_kind["reported"] += reported
        figure.quoting.append(article)
        for speaker, label, aliases, direct, reported in speakers:  # the hot loop: plain ints
            who = spoken.get((speaker, label))
            if who is None:
                who = spoken[(speaker, label)] = _Spoken()
            who.articles.append(article)
            if aliases:
                who.aliases.extend(aliases)
            by_outlet = who.by_outlet
            by_outlet[outlet] = by_outlet.get(outlet, 0) + direct + reported
            who.direct += direct
            who.reported += reported
    return StoryFigures(
        articles=len(rows),
        undated=undated,
        days=[days[d] for d in sorted(days)],
        speakers=_speakers(spoken),
        outlets=sorted(outlets.values(), key=lambda o: (-len(o.articles), o.outlet)),
    )


def _speakers(spoken: dict[tuple[str, str | None], _Spoken]) -> list[SpeakerFigure]:
    """One figure per person or body quoted, merged across articles as the who's who merges
    (`merge_keys`, given each name's forms summed over the articles that quote it); speakers
    the analysis did not name as a person or body ("a spokesman") stand as written."""
    by_key: dict[str, NameForms] = {}
    key_of: dict[tuple[str, str | None], str] = {}
    for (speaker, label), who in spoken.items():
        if label not in FAMILIES:
            continue
        key = name_key(speaker, label)
        if not key.partition(":")[2]:
            continue
        key_of[(speaker, label)] = key
        forms = by_key.get(key)
        if forms is None:
            forms = by_key[key] = NameForms(label)
        forms.names[speaker] += len(who.articles)
        forms.labels[label] += len(who.articles)
        forms.articles.update(who.articles)
        forms.aliases.update(who.aliases)
    entity_of = {key: (entity.name, entity.label)
                 for entity in merge_keys(by_key) for key in entity.keys}
    figures: dict[tuple[str, str | None], SpeakerFigure] = {}
    for written, who in spoken.items():
        named = entity_of[key_of[written]] if written in key_of else written
        figure = figures.get(named)
        if figure is None:
            figure = figures[named] = SpeakerFigure(*named)
        figure.by_outlet.update(who.by_outlet)
        figure.by_kind += Counter(direct=who.direct, reported=who.reported)  # no zeros kept
        figure.articles.extend(who.articles)
        figure.written.add(written)
    return sorted(figures.values(), key=lambda s: (-s.total, s.name))


def table(figures: StoryFigures, by: str) -> list[dict]:
    """One table of the figures as plain rows, for JSON, CSV or the terminal: ``by`` is
    "outlet", "day" or "speaker". Columns per outlet are named after the outlet."""
    names = figures.outlet_names
    if by == "day":
        return [{"day": d.day, "articles": d.total, **{n: d.by_outlet[n] for n in names}}
                for d in figures.days]
    if by == "speaker":
        return [
            {"speaker": s.name, "label": s.label, "quotes": s.total,
             **{k: s.by_kind[k] for k in KINDS}, **{n: s.by_outlet[n] for n in names}}
            for s in figures.speakers
        ]
    return [
        {"outlet": o.outlet, "articles": len(o.articles), "quotes": o.quotes,
         **{k: o.by_kind[k] for k in KINDS}}
        for o in figures.outlets
    ]


def periods(days: list[DayFigure], most: int) -> list[DayFigure]:
    """The days as at most ``most`` bars (see `period_of`); periods with no article are left
    out, like days."""
    if len(days) <= most:
        return days
    period = period_of([d.day for d in days], most)
    merged: dict[str, DayFigure] = {}
    for figure in days:
        label = period(figure.day)
        into = merged.get(label)
        if into is None:
            into = merged[label] = DayFigure(label)
        into.by_outlet.update(figure.by_outlet)
        into.articles.extend(figure.articles)
    return list(merged.values())


def period_of(days: list[str], most: int) -> Callable[[str], str]:
    """How to name the period of a day so these days fall in at most ``most`` periods: the day
    itself when they fit, else its week (by its Monday), else its month ("2012-02"), else its
    year."""
    for period in (_day, _week, _month):
        if len({period(day) for day in days}) <= most:
            return period
    return _year


def _day(day: str) -> str:
    return day


def _week(day: str) -> str:
    when = date.fromisoformat(day)
    return date.fromordinal(when.toordinal() - when.weekday()).isoformat()


def _month(day: str) -> str:
    return day[:7]


def _year(day: str) -> str:
    return day[:4]


SPARKS = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """Values as one character each, highest full, zero blank, anything else at least ▁."""
    top = max(values, default=0)
    if top == 0:
        return " " * len(values)
    return "".join(
        SPARKS[0] if v == 0 else SPARKS[max(1, round(v / top * (len(SPARKS) - 1)))]
        for v in values
    )


@dataclass
class Timeline:
    """One person's or body's mentions and quotations per period, and who quotes them."""

    periods: list[str]
    mentions: list[int]
    quotes: list[int]
    quoted_by: Counter[str]


def mentions_over_time(index: PeopleIndex, entity: CrossEntity, periods: list[str],
                       period: Callable[[str], str]) -> list[int]:
    """``entity``'s mentions in each of ``periods`` (named by ``period``, as `period_of` gives
    it over the library's days); undated articles are not in any. Cheap: no quotation is read,
    so a whole list of people can have it."""
    place = {label: i for i, label in enumerate(periods)}
    mentions = [0] * len(periods)
    for article, count in entity.mentions_by_article().items():
        day = day_of(index.row(article))
        if day is not None and period(day) in place:
            mentions[place[period(day)]] += count
    return mentions


def timeline(index: PeopleIndex, entity: CrossEntity, periods: list[str],
             period: Callable[[str], str]) -> Timeline:
    """`mentions_over_time`, with the quotations given to ``entity`` per period and outlet."""
    place = {label: i for i, label in enumerate(periods)}
    quotes = [0] * len(periods)
    quoted_by: Counter[str] = Counter()
    for quote in index.quotes_of(entity):
        row = index.row(quote.article)
        quoted_by[outlet_of(row)] += 1
        day = day_of(row)
        if day is not None and period(day) in place:
            quotes[place[period(day)]] += 1
    mentions = mentions_over_time(index, entity, periods, period)
    return Timeline(periods, mentions, quotes, quoted_by)


def library_periods(index: PeopleIndex, most: int) -> tuple[list[str], Callable[[str], str]]:
    """The periods the library's dated articles fall in, at most ``most``, oldest first."""
    days = sorted({d for a in index.article_ids() if (d := day_of(index.row(a))) is not None})
    period = period_of(days, most)
    return sorted({period(day) for day in days}), period
