"""The main screen as a file opens: every claim listed and the first one in view, from what a
child process worked out while the app started (`workbook.tui.glance`). It stands in for the main
screen until the app has loaded its models and can edit; keys pressed meanwhile are kept for
the main screen (see `StandIn`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import OptionList, Static

from workbook.tui.glance import Glance
from workbook.tui.screens.loading import StandIn
from workbook.tui.screens.prep.layout import mark_ours, prep_layout, show_coverage, title_claims
from workbook.tui.widgets.claim_list import ClaimList
from workbook.tui.widgets.claim_view import ClaimView
from workbook.tui.widgets.side_column import SideColumn


class FirstLook(StandIn):
    AUTO_FOCUS = "#claims"  # as on the main screen, so that nothing moves when it takes over

    class Shown(Message):
        """The first look is on the screen: the app may now load what it needs to edit."""

    def __init__(self, glance: Glance) -> None:
        super().__init__()
        self.glance = glance

    def compose(self) -> ComposeResult:
        yield from prep_layout(list(self.glance.names))

    def on_mount(self) -> None:
        # The widgets hold what is shown from here on (until `let_go`).
        glance = self.glance
        del self.glance
        claims = self.query_one(ClaimList)
        claims.show(glance.claims)
        title_claims(claims, glance.names, len(glance.claims))
        if glance.head is not None:
            claims.select(glance.head.claim_id)  # where the user left off, or the first
            self.query_one(ClaimView).show(glance.head, None)
        columns = list(self.query(SideColumn))
        for column, shown in zip(columns, glance.columns, strict=True):
            column.show(shown)
        mark_ours(columns)
        show_coverage(self.query_one("#coverage", Static), glance.coverage)
        self.call_after_refresh(self.post_message, self.Shown())

    def let_go(self) -> None:
        """The main screen has taken over: what the first look showed is let go at once, not
        kept as long as the app runs (the app keeps this screen under the main one, or sets it
        aside from collection with everything else once the main screen is up)."""
        for shown in self.query(OptionList):
            shown.clear_options()
