"""What the main screen's parts need of it, as a narrow interface.

The edits of points, claims and cards are small plain objects (`PointEdits`, `ClaimEdits`,
`CardEdits`), as is what opens the practice screens; each holds the screen as a `Prep`. The
edits ask for words through forms, then apply each edit through `commit` or `apply`, so that
each can be undone and each is shown; they know nothing else of the screen, and the screen
nothing of how they ask.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.notifications import SeverityLevel

from workbook.core.edits import Change, Draft
from workbook.core.model import Claim, Workbook
from workbook.tui.source_texts import SourceTexts

# Where a highlight stays after an edit is shown: side -> the option ("p3" or "p3/card").
Keep = dict[str, str]


class Prep(Protocol):
    """The main screen, as its edits see it."""

    draft: Draft
    paragraphs: list[str] | None
    sides: list[str]  # ours first
    path: Path  # the workbook's file
    texts: SourceTexts  # the sources' texts, as read so far

    @property
    def app(self) -> App[Any]: ...

    @property
    def workbook(self) -> Workbook: ...

    @property
    def claim_id(self) -> str | None:
        """The claim in view, or None when the list shows none."""
        ...

    @property
    def claim(self) -> Claim | None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def commit(
        self,
        label: str,
        claim_id: str,
        after: Claim | None,
        index: int = -1,
        keep: Keep | None = None,
        as_id: str = "",
    ) -> bool:
        """Put `after` in place of the claim (None deletes it; `as_id`, if given, its new id)
        as one step that can be undone, and show it, the highlight kept on `keep`; False, and
        the user told why, if refused."""
        ...

    def apply(
        self, edit: Callable[[], Change], keep: Callable[[Change], Keep] | None = None
    ) -> bool:
        """Make an edit the draft does itself (the card library's), and show it."""
        ...

    def changed(self, change: Change, keep: Keep | None = None) -> None:
        """Show a step already made (an edit, an undo or a redo)."""
        ...

    def go_to(self, claim_id: str) -> None: ...

    def show_claim(self, keep: Keep | None = None) -> None: ...

    def read_sources(self, also: tuple[str, ...] = ()) -> None: ...

    def focus_side(self, side: str) -> None:
        """Put the focus on the side's column."""
        ...

    def point_in_focus(self) -> tuple[str, str] | None:
        """The claim in view and the point highlighted in the column in focus, if any."""
        ...

    def refresh_all(self) -> None:
        """Show the whole workbook again: a view that edits the draft has changed it."""
        ...
