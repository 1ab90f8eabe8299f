"""Two articles side by side: who both name, what each gives each speaker, which figures agree.

Every section is two columns, A on the left and B on the right, so the eye compares across; a
quotation both outlets carry is marked ≈ in both, a figure that differs is flagged in red.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from services.quoting import quoted
from services.sanitize import visible_text
from store.compare import Comparison, Named
from store.figures import Figure
from store.people_index import QuoteRef


class CompareScreen(Screen[None]):
    """A read-only view of a `Comparison`; escape goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="compare_back"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        result = self.comparison
        with VerticalScroll(id="compare-body"):
            yield from pair("compare-heads", heading("A", result.a), heading("B", result.b))
            yield Label(f"Named in both ({len(result.shared)})", classes="panel-title")
            yield Static(named_in_both(result.shared), classes="compare-wide")
            yield Label("Named by one only", classes="panel-title")
            yield from pair("compare-only", names(result.only_a), names(result.only_b))
            yield Label("Speakers quoted in both", classes="panel-title")
            for speaker in result.speakers:
                yield Static(Text(visible_text(speaker.name), "bold"), classes="compare-wide")
                yield from pair(None, quotes(result, speaker.a), quotes(result, speaker.b))
            moved = [p for p in result.pairs if not p.same_speaker]
            if moved:
                yield Label("Same words, different speakers", classes="panel-title")
                yield from pair(
                    None, quotes(result, [p.a for p in moved], speakers=True),
                    quotes(result, [p.b for p in moved], speakers=True),
                )
            yield Label(f"Figures in both ({len(result.figures)})", classes="panel-title")
            for figure in result.figures:
                yield from pair(None, figure_text(figure.a, figure.agree),
                                figure_text(figure.b, figure.agree))
            yield Label("Quotations only one carries", classes="panel-title")
            yield from pair(
                None, quotes(result, result.only_a_quotes, speakers=True),
                quotes(result, result.only_b_quotes, speakers=True),
            )
        yield Footer()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#compare-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()

    def on_mount(self) -> None:
        self.query_one("#compare-body").focus()


def pair(row_id: str | None, left: Text, right: Text) -> ComposeResult:
    with Horizontal(classes="compare-row", id=row_id):
        yield Static(left, classes="compare-col")
        yield Static(right, classes="compare-col")


def heading(side: str, row: dict) -> Text:
    details = " · ".join(str(row[k]) for k in ("source", "published") if row.get(k))
    return Text.assemble((f"{side}  ", "bold reverse"), (visible_text(row["title"]), "bold"),
                         ("\n" + visible_text(details), "dim"))


def named_in_both(shared: list[Named]) -> Text:
    text = Text()
    for number, named in enumerate(shared):
        text.append(", " if number else "")
        text.append(visible_text(named.name), "bold")
        text.append(f" {named.count_a}/{named.count_b}", "dim")
    return text or Text("nobody", "dim")


def names(listed: list[Named]) -> Text:
    return Text(visible_text(", ".join(n.name for n in listed)) or "nobody", "")


def quotes(result: Comparison, listed: list[QuoteRef], *, speakers: bool = False) -> Text:
    text = Text()
    for quote in listed:
        matched = result.partner(quote) is not None
        text.append("≈ " if matched else "• ", "bold green" if matched else "dim")
        if speakers:
            text.append(visible_text(quote.speaker or "unattributed") + ": ", "bold")
        text.append(visible_text(quoted(quote.text, quote.kind)))
        text.append(f" ({quote.cue})\n" if quote.cue else "\n", "dim")
    text.rstrip()
    return text if text.plain else Text("none", "dim")


def figure_text(figure: Figure, agree: bool) -> Text:
    verdict = ("= ", "bold green") if agree else ("≠ ", "bold red")
    return Text.assemble(
        verdict, (visible_text(figure.text), "bold"),
        " " + visible_text(figure.noun) if figure.noun else "",
        ("\n  " + visible_text(figure.attribution or "no source given"), "dim"),
    )
