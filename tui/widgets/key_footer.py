"""Textual's Footer, built again only when the keys it shows change.

Textual's Footer rebuilds every key it shows each time its screen's bindings are refreshed: on
each push of the screen and each change of focus, even when the same keys come back. Each new
key then restyles itself twice (its ``compact`` starts True and is bound to the footer's False):
at a dozen keys that was 60% of the time the story view took to be shown again. This footer
keeps its keys while the bindings shown are the same, leaves them while its screen is covered,
and builds new ones already styled.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # pinned: textual 8.2.x


class KeyFooter(Footer):
    """A Footer that composes its keys again only when the keys it would show differ."""

    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:  # noqa: A002
        super().__init__(id=id, compact=compact)
        self._shown: tuple | None = None  # what the keys composed last stand for

    def shown_keys(self, screen: Screen) -> tuple:
        """Everything of the screen's bindings that the footer draws."""
        app = self.app
        return (self.compact, self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description, app.get_key_display(binding),
             binding.show, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
        ))

    def bindings_changed(self, screen: Screen) -> None:
        """Told of each refresh of ``screen``'s bindings. A screen under another is told too
        (as it is covered, with ``screen.`` actions read against the one on top; `is_current`
        is still True then); it is told again when it is shown, so its keys wait until then."""
        if screen is self.screen and (
            screen.app.screen is not screen or self._shown == self.shown_keys(screen)
        ):
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        composed = False
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # styled as Footer styles it, before it is mounted
                # the command palette's key is not bound to the footer: compact, as it starts
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            composed = True
            yield widget
        self._shown = self.shown_keys(self.screen) if composed else None
