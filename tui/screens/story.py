"""The story view: articles per day by outlet, who is quoted by whom, direct against reported.

Three charts over the articles in scope (those the library lists when the view opens, or a tag
and dates typed after `/`). Choosing a bar lists the articles or quotations behind it; choosing
one of those dismisses the screen with ``(article_id, start, end)`` for the caller to open, as
the who's who does. The figures come from `store.stats`, the same as ``presscut stats``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from services.quoting import clip, quoted
from services.sanitize import visible_text
from store.errors import StoreError
from store.library import Library
from store.people_index import corrected
from store.quote_facts import QuoteFact, QuoteFacts, facts_in, ruled
from store.stats import (
    KINDS,
    DayFigure,
    OutletFigure,
    Scope,
    SpeakerFigure,
    StoryFigures,
    periods,
    story_figures,
)
from tui.widgets.bar_chart import BarChart, Bars
from tui.widgets.key_footer import KeyFooter

LISTED = 200  # items listed behind one bar; the rest are counted
MOST_SERIES = 5  # outlets drawn in their own colour; the others are summed as one
OTHERS = "others"
CHARTS = Binding.Group("Charts", compact=True)  # "123 Charts" in the footer; the help names each


class StoryScreen(Screen[tuple[str, int, int] | None]):
    """Charts of a story; ←/→ choose a bar, tab the list, enter opens."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="story_back"),
        Binding("1", "show_chart('days')", "Articles by day", id="story_days", group=CHARTS),
        Binding("2", "show_chart('speakers')", "Most quoted", id="story_speakers",
                group=CHARTS),
        Binding("3", "show_chart('kinds')", "Direct and reported", id="story_kinds",
                group=CHARTS),
        Binding("slash", "scope", "Scope", id="story_scope"),
    ]

    def __init__(
        self,
        library: Library,
        facts: QuoteFacts,
        rows: list[dict],
        scope_name: str,
        figures: StoryFigures | None = None,
    ) -> None:
        """``rows``: the articles in scope to begin with (the library's list as filtered),
        named ``scope_name``, with their ``figures`` when already counted; ``facts`` must be
        current for the whole library, as `/` widens the scope to any of it."""
        super().__init__()
        self.library = library
        self.facts = facts
        self.rows = rows
        self.scope_name = scope_name
        self.figures = figures if figures is not None else story_figures(rows, facts)
        self._chosen: dict[str, int] = {}  # per chart, its chosen bar
        self._listed: list[tuple[str, int, int, str]] = []
        self._bars_days: list[DayFigure] = []
        self._bars_speakers: list[SpeakerFigure] = []
        self._bars_kinds: list[OutletFigure] = []
        self._position_of: dict[str, int] | None = None  # made when a quotation is listed

    def compose(self) -> ComposeResult:
        yield Label(id="story_heading")
        with Vertical(id="story_scope_box", classes="hidden"):
            yield Input(placeholder="tag:NAME since:YYYY-MM-DD until:YYYY-MM-DD, enter",
                        id="story_scope_input")
        with TabbedContent(id="story_tabs"):
            for key, title in (("days", "Articles by day"), ("speakers", "Most quoted"),
                               ("kinds", "Direct and reported")):
                with TabPane(title, id=f"tab_{key}"):
                    yield Static(id=f"legend_{key}", classes="legend")
                    with ContentSwitcher(initial=key, id=f"switch_{key}"):
                        yield BarChart(title, id=key)
                        yield Static(id=f"empty_{key}", classes="empty")
        yield OptionList(id="story_behind")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#days", BarChart).focus()

    def show_figures(self, rows: list[dict], scope_name: str, figures: StoryFigures) -> None:
        """Shown again (the screen is kept between openings): the same figures leave it as
        it was left; new ones (the library or its list changed) are drawn from the first bar."""
        if figures is self.figures and scope_name == self.scope_name:
            return
        self.rows, self.scope_name, self.figures = rows, scope_name, figures
        self._position_of = None
        self.redraw()

    def redraw(self) -> None:
        figures = self.figures
        heading = f"{self.scope_name}: {plural(figures.articles, 'article')}"
        if figures.outlets:
            heading += f", {plural(len(figures.outlets), 'outlet')}"
        if figures.days:
            heading += f", {figures.days[0].day} to {figures.days[-1].day}"
        if figures.undated:
            heading += f", {figures.undated:,} undated"
        self.query_one("#story_heading", Label).update(visible_text(heading))
        self._fill("days", self._days(), "No dated articles in this scope.")
        self._fill("speakers", self._speakers(), "Nobody is quoted in this scope.")
        self._fill("kinds", self._kinds(), "No quotations in this scope.")

    def _fill(self, key: str, bars: Bars, empty: str) -> None:
        switcher = self.query_one(f"#switch_{key}", ContentSwitcher)
        legend = self.query_one(f"#legend_{key}", Static)
        if bars:
            switcher.current = key
            chart = self.query_one(f"#{key}", BarChart)
            chart.show(bars)
            legend.update(chart.legend())
        else:
            legend.update("")
            switcher.current = f"empty_{key}"
            self.query_one(f"#empty_{key}", Static).update(empty)
            self._chosen.pop(key, None)
            if self._shown_chart() == key:
                self._list([])

    def _outlets(self) -> list[str]:
        """The outlets drawn in their own colour: those with the most articles."""
        return self.figures.outlet_names[:MOST_SERIES]

    def _series(self, counters: list, names: list[str]) -> list[tuple[str, list[int]]]:
        series = [(visible_text(n), [c[n] for c in counters]) for n in names]
        others = [sum(c.values()) - sum(c[n] for n in names) for c in counters]
        if any(others):
            series.append((OTHERS, others))
        return series

    def _days(self) -> Bars:
        width = max(self.size.width, 40)
        shown = periods(self.figures.days, max(width // 4, 1))
        self._bars_days = shown
        return Bars([d.day for d in shown],
                    self._series([d.by_outlet for d in shown], self._outlets()))

    def _speakers(self) -> Bars:
        height = max(self.size.height - 14, 6)
        shown = self.figures.speakers[:height]
        self._bars_speakers = shown
        return Bars([clip(visible_text(s.name), 24) for s in shown],
                    self._series([s.by_outlet for s in shown], self._outlets()),
                    horizontal=True)

    def _kinds(self) -> Bars:
        shown = [o for o in self.figures.outlets if o.quotes]
        self._bars_kinds = shown
        return Bars([clip(visible_text(o.outlet), 12) for o in shown],
                    [(kind, [o.by_kind[kind] for o in shown]) for kind in KINDS])

    @on(BarChart.Chosen)
    def _bar_chosen(self, event: BarChart.Chosen) -> None:
        key = event.chart.id or ""
        self._chosen[key] = event.index
        if self._shown_chart() == key:  # the others' lists are made when they are shown
            self._list(self._items(key, event.index))

    def _items(self, key: str, index: int) -> list[tuple[str, int, int, str]]:
        """(article, start, end, line) for what is behind bar ``index`` of chart ``key``; past
        `LISTED`, one line counts the rest (its article is empty)."""
        if key == "days":
            if not self._bars_days:
                return []
            behind = self._bars_days[index].articles
            items = [self._article_item(a) for a in behind[:LISTED]]
        else:
            if key == "speakers" and self._bars_speakers:
                speaker = self._bars_speakers[index]
                items, count = self._quotes_in(speaker.articles, speaker.says), speaker.total
            elif key == "kinds" and self._bars_kinds:
                outlet = self._bars_kinds[index]
                items, count = self._quotes_in(outlet.quoting, lambda _: True), outlet.quotes
            else:
                return []
            if count > len(items) == LISTED:
                items.append(("", 0, 0, f"… and {count - LISTED:,} more"))
            return items
        if len(behind) > LISTED:
            items.append(("", 0, 0, f"… and {len(behind) - LISTED:,} more"))
        return items

    def _quotes_in(
        self, articles: list[str], wanted: Callable[[QuoteFact], bool]
    ) -> list[tuple[str, int, int, str]]:
        """The first `LISTED` quotations ``wanted`` in ``articles`` (in the list's order), read
        from the articles now: the figures keep only counts. An article that cannot be read
        lists none."""
        position = self._positions()
        items: list[tuple[str, int, int, str]] = []
        for article in sorted(set(articles), key=lambda a: position.get(a, len(position))):
            try:
                _, text, analysis = corrected(self.library, article)
            except (StoreError, KeyError):
                continue
            for fact in facts_in(analysis):
                fact = ruled(fact, self.facts.rules)
                if wanted(fact):
                    items.append(self._quote_item(article, fact, text))
                if len(items) == LISTED:
                    return items
        return items

    def _positions(self) -> dict[str, int]:
        """Each article's place in the scope's list, to list quotations in that order."""
        if self._position_of is None:
            self._position_of = {row["id"]: i for i, row in enumerate(self.rows)}
        return self._position_of

    def _article_item(self, article: str) -> tuple[str, int, int, str]:
        row = self.library.article(article)
        line = f"{row.get('published') or '-':10}  {row.get('source') or '-':8}  {row['title']}"
        return article, 0, 0, visible_text(clip(line, max(self.size.width - 6, 12)))

    def _quote_item(self, article: str, fact: QuoteFact, text: str) -> tuple[str, int, int, str]:
        row = self.library.article(article)
        words = " ".join(text[fact.start:fact.end].split())
        who = f"{fact.speaker or 'nobody named'}, {row.get('source') or '-'}: "
        room = max(self.size.width - len(who) - 8, 12)
        return article, fact.start, fact.end, visible_text(who + quoted(words, fact.kind, room))

    def _list(self, items: list[tuple[str, int, int, str]]) -> None:
        behind = self.query_one("#story_behind", OptionList)
        behind.clear_options()
        behind.add_options(
            Option(line, id=str(i), disabled=not article)
            for i, (article, _, _, line) in enumerate(items)
        )
        behind.highlighted = 0 if items else None
        self._listed = items

    def _shown_chart(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("tab_")

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        key = self._shown_chart()
        self._list(self._items(key, self._chosen[key]) if key in self._chosen else [])

    @on(OptionList.OptionSelected, "#story_behind")
    def _open(self, event: OptionList.OptionSelected) -> None:
        article, start, end, _ = self._listed[int(event.option.id or 0)]
        self.dismiss((article, start, end))

    def action_show_chart(self, key: str) -> None:
        self.query_one(TabbedContent).active = f"tab_{key}"
        self.query_one(f"#{key}", BarChart).focus()

    def action_scope(self) -> None:
        self.query_one("#story_scope_box").remove_class("hidden")
        self.query_one("#story_scope_input", Input).focus()

    @on(Input.Submitted, "#story_scope_input")
    def _scope_given(self, event: Input.Submitted) -> None:
        try:
            scope = parse_scope(event.value)
        except ValueError as error:
            self.notify(str(error), severity="error")
            return
        self.query_one("#story_scope_box").add_class("hidden")
        if scope == Scope():
            return
        self.rows = [row for row in self.library.catalogue() if scope.admits(row)]
        self._position_of = None
        self.scope_name = describe(scope)
        self.figures = story_figures(self.rows, self.facts)
        self.redraw()
        self.action_show_chart(self._shown_chart())

    def action_back(self) -> None:
        box = self.query_one("#story_scope_box")
        if not box.has_class("hidden"):
            box.add_class("hidden")
            self.action_show_chart(self._shown_chart())
            return
        self.dismiss(None)


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def parse_scope(text: str) -> Scope:
    """``tag:verify since:2012-02-01 until:2012-02-29``, each part optional; a bare word is a
    tag. Raises ValueError saying what is wrong."""
    fields: dict[str, str] = {}
    for word in text.split():
        name, colon, value = word.partition(":")
        if not colon:
            name, value = "tag", word
        if name not in ("tag", "since", "until") or not value:
            raise ValueError(f"{word!r}: write tag:NAME, since:YYYY-MM-DD or until:YYYY-MM-DD")
        fields[name] = value
    dates = {}
    for name in ("since", "until"):
        if name in fields:
            try:
                dates[name] = date.fromisoformat(fields[name])
            except ValueError:
                raise ValueError(f"{fields[name]!r} is not a date: write YYYY-MM-DD") from None
    return Scope(fields.get("tag"), dates.get("since"), dates.get("until"))


def describe(scope: Scope) -> str:
    parts = [f"tagged {scope.tag}"] if scope.tag else []
    if scope.since:
        parts.append(f"since {scope.since.isoformat()}")
    if scope.until:
        parts.append(f"until {scope.until.isoformat()}")
    return "Articles " + " ".join(parts) if parts else "The whole library"
