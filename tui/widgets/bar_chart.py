"""A bar chart whose bars can be chosen with the keys, drawn by plotext in the theme's colours.

Each bar may be split into series (stacked); the chosen bar is marked on its axis label and by a
line across the chart, so it shows in 16 colours too. The chart only draws: what a bar stands for
is kept by whoever fills it, told by `Chosen` messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color as RichColor
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.color import Color
from textual.message import Message
from textual.reactive import reactive
from textual_plotext import PlotextPlot

# Theme variables the series take their colours from, in turn: every shipped theme defines them.
SERIES_COLOURS = ("primary", "secondary", "accent", "warning", "success", "error")
# With 16 colours (or an ANSI theme) theme colours can fall on one terminal colour; these cannot.
FEW_COLOURS = ("blue", "yellow", "green", "magenta", "cyan", "red")
CHOSEN_MARK = "▶"
BARS = Binding.Group("Bar", compact=True)  # one "←→ Bar" in the footer, not two
FEWEST_SLOTS = 6  # standing bars take room as if there were at least this many
KEPT_RENDERS = 32  # texts kept per chart: a few sizes and themes for each chosen bar


@dataclass(frozen=True)
class Bars:
    """What a chart draws: a label per bar, and per series its name and a value per bar."""

    labels: list[str]
    series: list[tuple[str, list[int]]]
    horizontal: bool = False

    def __len__(self) -> int:
        return len(self.labels)

    def key(self) -> tuple:
        """What the bars draw, hashable."""
        return (tuple(self.labels), tuple((name, tuple(values)) for name, values in self.series),
                self.horizontal)


class BarChart(PlotextPlot, can_focus=True):
    """Stacked bars; ←/→ (or ↑/↓ when the bars lie down) choose one."""

    BINDINGS = [
        Binding("left,h,up,k", "choose(-1)", "Previous bar", id="chart_previous",
                key_display="←", group=BARS),
        Binding("right,l,down,j", "choose(1)", "Next bar", id="chart_next", key_display="→",
                group=BARS),
        Binding("home", "choose_at(0)", "First bar", show=False),
        Binding("end", "choose_at(-1)", "Last bar", show=False),
    ]

    chosen: reactive[int] = reactive(0)

    class Chosen(Message):
        """The chosen bar changed (or the bars were replaced)."""

        def __init__(self, chart: BarChart, index: int) -> None:
            super().__init__()
            self.chart = chart
            self.index = index

    def __init__(self, title: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.title = title
        self.bars = Bars([], [])
        self._bars_key = self.bars.key()
        # plotext takes a third of a second to build a chart of many bars: each text built is
        # kept for what it shows, so showing it again (another frame, the screen opened again,
        # a bar chosen before) costs nothing. Keys: bars, chosen bar, colours, size, theme.
        self._renders: dict[tuple, Text] = {}

    def show(self, bars: Bars) -> None:
        self.bars = bars
        self._bars_key = bars.key()
        self.set_reactive(BarChart.chosen, 0)
        self._draw()
        self.post_message(self.Chosen(self, 0))

    def action_choose(self, step: int) -> None:
        if self.bars:
            self.chosen = (self.chosen + step) % len(self.bars)

    def action_choose_at(self, index: int) -> None:
        if self.bars:
            self.chosen = index % len(self.bars)

    def watch_chosen(self, index: int) -> None:
        self._draw()
        self.post_message(self.Chosen(self, index))

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._draw())

    def render(self) -> Text:
        key = (self._bars_key, self.chosen, tuple(map(str, self.colours())),
               self.size, self.app.theme)
        text = self._renders.get(key)
        if text is None:
            if len(self._renders) >= KEPT_RENDERS:
                del self._renders[next(iter(self._renders))]
            text = self._renders[key] = super().render()
        return text.copy()

    def legend(self) -> Text:
        """The series' names in their colours, for a line beside the chart (plotext's own
        legend is drawn over the first bars)."""
        legend = Text()
        if len(self.bars.series) > 1:
            for (name, _), colour in zip(self.bars.series, self.colours(), strict=True):
                swatch = colour if isinstance(colour, str) else RichColor.from_rgb(*colour)
                legend.append("■ ", style=Style(color=swatch))
                legend.append(f"{name}   ")
        return legend

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.title)
        bars = self.bars
        if bars:
            labels = [
                f"{CHOSEN_MARK}{label}" if i == self.chosen else label
                for i, label in enumerate(bars.labels)
            ]
            values = [list(v) for _, v in bars.series]
            place = self.chosen + 1  # plotext centres bar i at i + 1
            if bars.horizontal:  # plotext draws the first bar lowest: the first goes on top
                labels.reverse()
                for row in values:
                    row.reverse()
                place = len(bars) - self.chosen
            orientation = "horizontal" if bars.horizontal else "vertical"
            colours = self.colours()
            if len(values) == 1:
                plt.bar(labels, values[0], orientation=orientation, color=colours[0], width=0.6)
            else:
                plt.stacked_bar(labels, values, orientation=orientation, color=colours, width=0.6)
            ticks = whole_ticks(max(map(sum, zip(*values, strict=True))))
            if bars.horizontal:
                plt.xticks(ticks)
                plt.hline(place, "gray")
            else:
                plt.yticks(ticks)
                plt.vline(place, "gray")
                if len(bars) < FEWEST_SLOTS:  # one day's bar spanned the whole width
                    middle = (len(bars) + 1) / 2
                    plt.xlim(middle - FEWEST_SLOTS / 2, middle + FEWEST_SLOTS / 2)
        self.refresh()

    def colours(self) -> list[tuple[int, int, int]] | list[str]:
        count = len(self.bars.series)
        if self.app.current_theme.ansi or self.app.console.color_system in ("standard", "windows"):
            return [FEW_COLOURS[i % len(FEW_COLOURS)] for i in range(count)]
        variables = self.app.theme_variables
        return [Color.parse(variables[SERIES_COLOURS[i % len(SERIES_COLOURS)]]).rgb
                for i in range(count)]


def whole_ticks(highest: int, most: int = 5) -> list[int]:
    """Up to ``most`` evenly spaced whole numbers from 0 past ``highest``: counts have no
    fractions, which plotext's own ticks show."""
    step = max(1, -(-highest // (most - 1)))
    return list(range(0, highest + step, step))
