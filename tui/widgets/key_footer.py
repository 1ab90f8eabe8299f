"""Textual's Footer, built again only when the keys it shows change, and fitted to its width.

Textual's Footer rebuilds every key it shows each time its screen's bindings are refreshed: on
each push of the screen and each change of focus, even when the same keys come back. Each new
key then restyles itself twice (its ``compact`` starts True and is bound to the footer's False):
at a dozen keys that was most of the time the story view took to be shown again. This footer
keeps its keys while the bindings shown are the same, leaves them while its screen is covered,
and builds new ones already styled.

Textual's Footer also cuts off whatever does not fit: at 80 columns the main screen lost its
last keys, `?` (the help, which lists every key) among them. This one leaves keys out instead,
the screen's least used first (``folds``), then the focused pane's last, never the app's own
(`q`, `?`): what is left out stays in the help and the command palette.
"""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # pinned: textual 8.2.x

PALETTE_WIDTH = 13  # "▏^p palette ", docked at the right


class KeyFooter(Footer):
    """A Footer that composes its keys again only when the keys it would show differ, and
    leaves out the keys that do not fit."""

    def __init__(self, *, folds: tuple[str, ...] = (), id: str | None = None) -> None:  # noqa: A002
        """``folds``: ids of bindings to leave out first when the keys do not fit, in order."""
        super().__init__(id=id)
        self.folds = folds
        self._shown: tuple | None = None  # what the keys composed last stand for

    def shown_keys(self, screen: Screen) -> tuple:
        """Everything of the screen's bindings that the footer draws, and what it leaves out."""
        app = self.app
        active = screen.active_bindings
        return (self.compact, self.show_command_palette, self.left_out(active), tuple(
            (binding.key, binding.action, binding.description, app.get_key_display(binding),
             binding.show, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
        ))

    def left_out(self, active: dict[str, ActiveBinding]) -> frozenset[str]:
        """The keys (by binding key) left out so that the rest fit the footer's width."""
        room = (self.size.width or self.app.size.width) - PALETTE_WIDTH
        widths: dict[str, int] = {}  # ungrouped keys, in the order drawn
        foldable: list[str] = []  # the focused pane's and the screen's: not the app's
        used = 0
        actions: set[str] = set()  # a key per action, as Footer draws them
        groups: set[Binding.Group] = set()
        for node, binding, _, _ in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            key = self.app.get_key_display(binding)
            group = binding.group
            if group is None:
                width = len(key) + len(binding.description) + 3
            else:  # the keys side by side, then the group's description once
                width = len(key) + (0 if group.compact else 2)
                if group not in groups:
                    groups.add(group)
                    width += len(group.description) + 2
            used += width
            if group is None and not isinstance(node, App):
                widths[binding.key] = width
                foldable.append(binding.key)
        by_id = {b.id: b.key for _, b, _, _ in active.values() if b.id}
        order = [by_id[i] for i in self.folds if by_id.get(i) in widths]
        order += [key for key in reversed(foldable) if key not in order]
        left: set[str] = set()
        for key in order:
            if used <= room:
                break
            left.add(key)
            used -= widths[key]
        return frozenset(left)

    def bindings_changed(self, screen: Screen) -> None:
        """Told of each refresh of ``screen``'s bindings. A screen under another is told too
        (as it is covered, with ``screen.`` actions read against the one on top; `is_current`
        is still True then); it is told again when it is shown, so its keys wait until then."""
        if screen is self.screen and (
            screen.app.screen is not screen or self._shown == self.shown_keys(screen)
        ):
            return
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self._shown != self.shown_keys(self.screen):
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        left_out = self.left_out(self.screen.active_bindings)
        composed = False
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.key in left_out and not widget.has_class("-grouped"):
                    continue
                # styled as Footer styles it, before it is mounted; the command palette's key
                # is not bound to the footer: compact, as it starts
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            composed = True
            yield widget
        self._shown = self.shown_keys(self.screen) if composed else None
