"""The keys of the moment, on one line at the foot of a screen.

Textual's Footer is a widget per key, restyled on every change of focus; with twenty keys it
took as long to build as the rest of the main screen together. This is one widget that writes
the same keys, grouped the same way, as one line of text, and each key can still be clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys = Content()
        self.palette = Content()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        self.keys = keys_line(self.screen, self.app.get_key_display)
        self.palette = palette_key(self.screen, self.app.get_key_display)
        self.refresh()

    def render(self) -> Content:
        # The palette's key keeps the right-hand end, as on Textual's footer: the other keys
        # give way to it when the terminal is narrow.
        width = self.size.width
        room = width - self.palette.cell_length - 1 if self.palette else width
        keys = self.keys.truncate(max(room, 0), ellipsis=True, pad=True)
        return Content.assemble(keys, " " if self.palette else "", self.palette)


def keys_line(screen: Screen[object], key_display: object) -> Content:
    """The screen's shown bindings, one entry per action, a group's keys under one name."""
    display: Callable[[Binding], str] = key_display if callable(key_display) else str
    by_action: dict[str, Binding] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.show and active.enabled:
            by_action.setdefault(binding.action, binding)
    parts: list[Content] = []
    for group, members in groupby(by_action.values(), key=lambda b: b.group):
        bindings = list(members)
        if group is not None and len(bindings) > 1:
            keys = _group_keys(bindings, display)
            parts.append(Content.assemble(keys, " ", group.description))
        else:
            parts.extend(
                Content.assemble(_key(b, display(b)), " ", b.description) for b in bindings
            )
    # One space between entries: the keys' own colour tells where each entry starts.
    return Content(" ").join(parts)


def _group_keys(bindings: list[Binding], display: Callable[[Binding], str]) -> Content:
    shown = [display(b) for b in bindings]
    if all(key.isdecimal() for key in shown):
        # Digits read as a range, "0–5", each digit still a key to click.
        low, high = min(shown), max(shown)
        return Content.assemble(
            _key(bindings[shown.index(low)], low), "–", _key(bindings[shown.index(high)], high)
        )
    # One-letter keys read as one word: "[]" Move.
    joiner = "" if all(len(key) == 1 for key in shown) else " "
    return Content(joiner).join(_key(b, key) for b, key in zip(bindings, shown, strict=True))


def palette_key(screen: Screen[object], key_display: object) -> Content:
    """The command palette's key, when the app has a palette."""
    display = key_display if callable(key_display) else str
    active = screen.active_bindings.get(screen.app.COMMAND_PALETTE_BINDING)
    if not screen.app.ENABLE_COMMAND_PALETTE or active is None:
        return Content()
    return Content.assemble(_key(active.binding, display(active.binding)), " Palette")


def _key(binding: Binding, shown: str) -> Content:
    # A click on a key presses it, as a click on Textual's footer does.
    key = binding.key.split(",")[0].strip()
    return Content.styled(shown, "bold $footer-key-foreground").stylize(
        f"@click=app.simulate_key({key!r})"
    )
