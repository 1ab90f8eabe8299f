"""How the reader paints what the analysis found, derived from the app's current theme.

Colours are blended from the theme's own palette. Where colours are scarce (a 16-colour
terminal, or one of Textual's ANSI themes, which name terminal colours rather than give them)
blends would all round to the same grey, so the reader names ANSI colours that stay apart;
quotations also differ by text attribute.

A tagged or noted passage is marked by a double underline alone (`ANNOTATED`): a mark of its own
that adds to whatever else paints the passage (an entity's colour, a quotation's background, the
selection, a speaker's underline) instead of replacing it, in every theme and colour depth. A
terminal without double underlines shows a single one (tmux draws one when the terminal outside
it has none).
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.theme import Theme
from textual.widgets.text_area import TextAreaTheme

THEME_NAME = "presscut-reader"
SELECTION = "selection"  # the style painted over every other on the selected text

ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "body",
    "NORP": "body",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
BACKGROUNDS = ("quote.direct", "quote.indirect")  # styles that tint the page
ANNOTATED = Style(underline2=True)  # no colour: it combines with every other highlight
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


# Hues apart from each other and legible on the theme's surface; a 16-colour terminal maps each
# to a distinct ANSI colour (orange/yellow, blue, green, magenta).
DARK_PALETTE = {"person": "#f5a25d", "body": "#7db7ff", "place": "#7dd891", "figure": "#d8a8ff"}
LIGHT_PALETTE = {"person": "#a34400", "body": "#0b57a8", "place": "#1b7332", "figure": "#7b2fa8"}


def entity_style_name(label: str) -> str:
    if label in ENTITY_KINDS:
        return f"entity.{ENTITY_KINDS[label]}"
    return "entity.figure" if label in NUMERIC_LABELS else "entity.other"


def _tint(theme: Theme, colour: str | None, amount: float) -> str:
    """A background that shows a span without hurting the text's contrast."""
    base = Color.parse(theme.surface or ("#1e1e1e" if theme.dark else "#f5f5f5"))
    return base.blend(Color.parse(colour or theme.primary), amount).hex


# Terminal colours for 16-colour terminals: distinct from each other whatever the terminal's own
# palette, the quotation backgrounds chosen to keep the default text readable on them.
ANSI_STYLES = {
    True: {  # dark
        "quote.direct": Style(bgcolor="blue"),
        "quote.indirect": Style(bgcolor="bright_black", italic=True),
        SELECTION: Style(color="black", bgcolor="bright_yellow", bold=True),
        "entity.person": Style(color="bright_yellow", bold=True),
        "entity.body": Style(color="bright_cyan", bold=True),
        "entity.place": Style(color="bright_green"),
        "entity.figure": Style(color="bright_magenta"),
    },
    False: {  # light
        "quote.direct": Style(bgcolor="bright_cyan"),
        "quote.indirect": Style(bgcolor="white", italic=True),
        SELECTION: Style(color="bright_white", bgcolor="blue", bold=True),
        "entity.person": Style(color="red", bold=True),
        "entity.body": Style(color="blue", bold=True),
        "entity.place": Style(color="green"),
        "entity.figure": Style(color="magenta"),
    },
}


def colour_distance(first: str, second: str) -> float:
    a, b = Color.parse(first), Color.parse(second)
    return ((a.r - b.r) ** 2 + (a.g - b.g) ** 2 + (a.b - b.b) ** 2) ** 0.5


def selection_style(theme: Theme, backgrounds: list[str]) -> Style:
    """A solid block in one of the theme's strong colours, the farthest from the backgrounds
    the reader paints (the page, quotations), its text in the colour that reads on
    it: painted over every highlight, entity colours included, it cannot be taken for one."""
    candidates = [c for c in (theme.accent, theme.secondary, theme.warning, theme.primary) if c]
    candidates += ["#ffd75f" if theme.dark else "#1f3fbf"]
    background = max(
        candidates, key=lambda c: min(colour_distance(c, other) for other in backgrounds)
    )
    text = Color.parse(background).get_contrast_text(1.0).hex
    return Style(color=text, bgcolor=background, bold=True)


def reader_theme(theme: Theme, *, few_colours: bool = False) -> TextAreaTheme:
    """The reader's styles for ``theme``; ``few_colours`` for a terminal of 16 colours."""
    if few_colours or theme.ansi:
        styles = {
            **ANSI_STYLES[theme.dark],
            "annotated": ANNOTATED,
            "speaker": Style(bold=True, underline=True),
            "entity.other": Style(underline=True),
            "mark": Style(reverse=True),
        }
        return TextAreaTheme(name=THEME_NAME, syntax_styles=styles)
    fg = DARK_PALETTE if theme.dark else LIGHT_PALETTE
    styles = {
        "quote.direct": Style(bgcolor=_tint(theme, theme.primary, 0.30)),
        "quote.indirect": Style(bgcolor=_tint(theme, theme.accent, 0.14), italic=True),
        "speaker": Style(bold=True, underline=True),
        "entity.person": Style(color=fg["person"], bold=True),
        "entity.body": Style(color=fg["body"], bold=True),
        "entity.place": Style(color=fg["place"]),
        "entity.figure": Style(color=fg["figure"]),
        "entity.other": Style(underline=True),
        "annotated": ANNOTATED,
        "mark": Style(reverse=True),
    }
    surface = theme.surface or ("#1e1e1e" if theme.dark else "#f5f5f5")
    backgrounds = [surface] + [str(styles[key].bgcolor.triplet.hex) for key in BACKGROUNDS]
    styles[SELECTION] = selection_style(theme, backgrounds)
    return TextAreaTheme(name=THEME_NAME, syntax_styles=styles)
