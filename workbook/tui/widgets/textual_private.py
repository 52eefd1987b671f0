"""The one place that reaches into Textual's private names.

OptionList measures every option again on any resize, and re-measures every option when one
prompt is replaced. With 2,000 claims both cost a visible pause, so the claim list changes
that behaviour through the names below. Textual has no public hook for an unexpected
exception (in a handler, a timer, a widget's render): it ends the app, exit status 1 kept to
itself, after printing a traceback screens long; the apps hear of it first through the names
below, to keep what the user did and say one line. And the app takes notices back before their
time is up (see `tui.notices`), which Textual offers no public way to do. Textual writes a
segment's text to the terminal as it is, so an escape sequence in a teammate's file (a side's
name that retitles the terminal or clears it) would drive the terminal: every line is written
with its control characters left out (`keep_controls_off_the_terminal`). None of these are
Textual's public API, and any may change in any release: `tests/tui/test_textual_private.py`
checks each one against the installed Textual, and pyproject pins Textual to the minor version
they were checked on.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import App
from textual.content import Content
from textual.notifications import Notification, Notify
from textual.strip import Strip
from textual.widgets import OptionList

# The names used here, for the test that checks them.
OPTION_LIST_METHODS = ("_update_lines", "_on_resize")
OPTION_LIST_ATTRIBUTES = ("_line_cache", "_option_render_cache")
OPTION_METHODS = ("_set_prompt",)
APP_METHODS = ("_handle_exception", "_fatal_error", "_on_notify")
APP_ATTRIBUTES = ("_notifications",)
STRIP_ATTRIBUTES = ("_segments", "_render_cache")

# The C0 and C1 controls and DEL. Textual puts none in a segment's text: its colours, moves
# and links are written apart from the text, so any there came from what is shown. Each has
# no width on screen, so leaving it out moves nothing.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WRITE_LINE = Strip.render


def _inert_render(self: Strip, console: Console) -> str:
    """`Strip.render`, its segments' texts written without their control characters."""
    if self._render_cache is None and any(_CONTROL.search(text) for text, _, _ in self._segments):
        inert = [
            Segment(_CONTROL.sub("", text), style, control)
            for text, style, control in self._segments
        ]
        # Kept as this line's own rendering, so that it is sought and written once, as
        # Textual's is.
        self._render_cache = _WRITE_LINE(Strip(inert, self.cell_length), console)
    return _WRITE_LINE(self, console)


def keep_controls_off_the_terminal() -> None:
    """Have every line Textual writes leave out its text's control characters (once for all
    apps in the process; a second call changes nothing)."""
    Strip.render = _inert_render  # type: ignore[method-assign]


class CrashReportingApp(App[None]):
    """An app that, on an exception Textual would end it for, first lets the subclass keep what
    it must (`before_crash`), then ends as Textual ends it, with `crash` holding one line for
    the command to print and `return_code` 1; no traceback unless Textual's debug feature is on
    (TEXTUAL=debug)."""

    def __init__(self) -> None:
        super().__init__()
        self.crash: str | None = None
        keep_controls_off_the_terminal()

    def before_crash(self) -> str:
        """Keep what must outlive the app; what was kept, said after the error's line."""
        return ""

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:  # the first: any later one follows from it
            frame = traceback.extract_tb(error.__traceback__)[-1:]
            where = "".join(f", at {Path(f.filename).name}:{f.lineno}" for f in frame)
            try:
                kept = self.before_crash()
            except Exception as failed:  # said, and the app still ends as it must
                kept = f"; nothing could be kept: {type(failed).__name__}: {failed}"
            self.crash = (
                f"the app stopped on an unexpected error "
                f"({type(error).__name__}: {str(error) or 'no details'}{where}){kept}"
            )
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if "debug" in self.features:
            super()._fatal_error()  # the traceback, for whoever is debugging
        else:
            self.panic()  # ends the app as Textual does, with nothing to print: crash says it


class WidthMeasuredOptionList(OptionList):
    """An OptionList that measures its options again only when its width changes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._measured_width = -1

    def _update_lines(self) -> None:
        # Only a measure from scratch wraps every option to the width of the moment; a call
        # that just adds lines (or finds nothing to add) must not claim the new width is measured.
        if not self._line_cache.lines:
            self._measured_width = self.scrollable_content_region.width
        super()._update_lines()

    def _on_resize(self, event: events.Resize | None = None) -> None:
        # A new height need not re-measure every option; only a new width changes the wrapping.
        if event is not None and self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()  # Textual would call OptionList's own handler next
            self.refresh()

    def restyle_option(self, option_id: str, prompt: Content | Text) -> None:
        """Give an option a prompt that wraps to the same lines as its old one, without
        measuring every option again as `replace_option_prompt` would."""
        self.get_option(option_id)._set_prompt(prompt)
        self._option_render_cache.clear()
        self.refresh()


class ReplacingNotices(App[None]):
    """An app whose new notice may take older ones back before their time is up: each that
    `replaces` picks goes as the new one is shown (when it is handled: notices posted one after
    another are all still to come when the last is posted)."""

    def replaces(self, new: Notification, old: Notification) -> bool:
        return False

    def _on_notify(self, event: Notify) -> None:
        notices = self._notifications
        for old in [old for old in notices if self.replaces(event.notification, old)]:
            del notices[old]
        super()._on_notify(event)
