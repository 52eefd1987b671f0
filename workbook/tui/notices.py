"""Notices: one at a time, briefly, and out of the way of what is being worked on.

Textual's notices stack up in the corner, each for five seconds, over whatever is there: at
80x24 they covered the very sentence being trimmed in the essay view. Here a notice replaces the
information notices before it (a warning or an error stays its time, however many follow it); an
information notice stays three seconds unless its caller says otherwise, and a warning or an
error eight; and each screen says where its notices go, over what it shows only to be read: the
essay view's help above the essay (and the source view's, with the cite), the main screen's
coverage lines above the key bar.
"""

from __future__ import annotations

from textual.notifications import Notification, SeverityLevel

from workbook.tui.widgets.textual_private import ReplacingNotices

BRIEF = 3.0  # seconds an information notice stays: time to read a line, not to pile up
GRAVE = 8.0  # seconds a warning or an error stays, unless its caller says how long

# Compact (no blank line above or around the words), and where each screen wants them. The essay
# view's help is the width of the screen: its notices are too, and wrap less.
NOTICES_CSS = """
Toast {
    padding: 0 1;
    margin-top: 0;
    max-width: 60%;
}
EssayScreen ToastRack, SourceScreen ToastRack {
    dock: top;
    align: right top;
    margin: 1 0 0 0;
}
EssayScreen Toast, SourceScreen Toast {
    width: 100%;
    max-width: 100%;
}
"""


class NoticeApp(ReplacingNotices):
    """An app whose notices keep out of the way (see the module's docstring)."""

    CSS = NOTICES_CSS
    NOTIFICATION_TIMEOUT = BRIEF

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notice for `timeout` seconds: by default brief, longer for a warning or error.

        Its words are shown as they are, whatever `markup` says (a widget's `notify` asks for
        markup unless told otherwise): a notice names what the user typed, a claim's tag or a
        card's id, and Textual's markup would drop a [bracketed] word, or stop the app on a
        closing tag that opened nothing."""
        if timeout is None:
            timeout = BRIEF if severity == "information" else GRAVE
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def replaces(self, new: Notification, old: Notification) -> bool:
        """A notice takes the place of the information notices before it."""
        return old.severity == "information"
