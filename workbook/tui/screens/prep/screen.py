"""The main screen: the claims, the selected claim, and both sides' columns, with every edit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from workbook.core.edits import Change, Draft, EditError
from workbook.core.filters import ClaimFilter
from workbook.core.model import Claim
from workbook.practice.formats import Formats
from workbook.tui import glance
from workbook.tui.messages import Edited, OursChanged
from workbook.tui.screens.prep.cards import CardActions
from workbook.tui.screens.prep.layout import mark_ours, prep_layout, show_coverage, title_claims
from workbook.tui.widgets.claim_list import ClaimList
from workbook.tui.widgets.claim_view import ClaimView
from workbook.tui.widgets.side_column import MOVE, SideColumn


class PrepScreen(CardActions):
    """Prepare both sides: a list of claims, the claim, and one column per side.

    The keys here act on the claim in view; a side's column has its own keys for its points
    and cards, which Textual tries first while the column has the focus.
    """

    BINDINGS = [
        Binding("a", "add_point", "Point", tooltip="Add a point for the side we prepare"),
        Binding("r", "answer", "Answer", tooltip="Answer the first point ours has left unanswered"),
        Binding("c", "point_first", "Card", show=False),
        Binding("e", "edit_claim", "Edit", show=False, tooltip="Edit the claim"),
        Binding(
            "x,delete",
            "delete_claim",
            "Delete",
            key_display="x",
            tooltip="Delete the claim in view",
        ),
        Binding("t", "edit_claim", "Claim", tooltip="Edit the claim's tag, tags and notes"),
        Binding("n", "new_claim", "New", tooltip="Add a claim from the essay"),
        Binding(
            "left_square_bracket",
            "move_claim(-1)",
            "Move up",
            group=MOVE,
            tooltip="Move the claim up the list",
        ),
        Binding(
            "right_square_bracket",
            "move_claim(1)",
            "Move down",
            group=MOVE,
            tooltip="Move the claim down the list",
        ),
        Binding(
            "p",
            "toggle_paragraph",
            "Paragraph",
            show=False,
            tooltip="Show or hide the claim's whole paragraph",
        ),
        Binding("v", "essay", "Essay", tooltip="Read the essay and make claims from it"),
        Binding("slash", "filter", "Filter", tooltip="Narrow the list by words and #tags"),
        Binding("f", "find_card", "Find", tooltip="Find a card by cite, tag or text, and go to it"),
        Binding(
            "u", "cycle_unanswered", "Unanswered", tooltip="Cycle: claims a side has not answered"
        ),
        Binding("o", "swap_ours", "Ours", tooltip="Prepare the other side: its column first"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change"),
        # Redo is in the palette and the README: the key bar has room for undo only.
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo what was undone"),
        Binding("ctrl+t", "timer", "Timer", show=False, tooltip="Time speeches and prep"),
        Binding(
            "ctrl+b", "build_speech", "Speech", show=False, tooltip="Build a speech and time it"
        ),
        Binding("ctrl+d", "drill", "Drill", show=False, tooltip="Drill answers to their points"),
    ]

    AUTO_FOCUS = "#claims"  # focus once, straight into the list: each change rebuilds the keys

    def __init__(self, draft: Draft, paragraphs: list[str] | None, ours: str) -> None:
        super().__init__(draft, paragraphs, [ours, draft.workbook.other_side(ours)])
        self.filter_text = ""
        self.unanswered_by = ""
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from prep_layout(self.sides)

    def on_mount(self) -> None:
        self.show_claims()
        self.show_coverage()

    # What is shown.

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    @property
    def columns(self) -> list[SideColumn]:
        return [self.query_one("#col-0", SideColumn), self.query_one("#col-1", SideColumn)]

    @property
    def claim_id(self) -> str | None:
        return self.claim_list.current

    def show_claims(self) -> None:
        claim_filter = ClaimFilter.parse(self.filter_text, self.unanswered_by)
        self.claim_list.show(glance.claim_lines(self.workbook, self.sides, claim_filter))
        names = {side: self.workbook.sides[side].name for side in self.sides}
        by = names[self.unanswered_by] if self.unanswered_by else None
        title_claims(self.claim_list, names, len(self.workbook.claims), by)
        self.show_claim()

    def show_claim(self, keep: dict[str, str] | None = None) -> None:
        keep = keep or {}
        view, claim_id = self.query_one(ClaimView), self.claim_id
        if claim_id is not None:
            view.show(glance.claim_head(self.workbook, claim_id), self.paragraphs)
        elif self.workbook.claims:
            view.show_message("No claim matches the filter: / then escape clears it.")
        else:
            view.show_message("No claims yet: v opens the essay, where c makes a sentence a claim.")
        for column in self.columns:
            column.show(
                glance.column(self.workbook, self.claim, column.side), keep.get(column.side)
            )
        mark_ours(self.columns)

    def show_coverage(self) -> None:
        show_coverage(
            self.query_one("#coverage", Static), glance.coverage_lines(self.workbook, self.sides)
        )

    def go_to(self, claim_id: str) -> None:
        if claim_id not in self.claim_list.shown:
            self.filter_text, self.unanswered_by = "", ""
            self.query_one("#filter", Input).value = ""
            self.show_claims()
        self.claim_list.select(claim_id)
        self.claim_list.focus()

    @on(OptionList.OptionHighlighted, "#claims")
    def _claim_highlighted(self) -> None:
        self.show_claim()

    @on(OptionList.OptionSelected, "#claims")
    def _claim_chosen(self) -> None:
        self.columns[0].focus()

    @on(OptionList.OptionSelected, "SideColumn")
    def _point_chosen(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, SideColumn):
            event.option_list.action_request("edit")

    # Filtering.

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value == self.filter_text:
            return  # the input reports its first value too; nothing to redo
        self.filter_text = event.value
        # Typing a word should not rebuild a long list at every letter.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.15, self.show_claims)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.claim_list.focus()

    def action_cycle_unanswered(self) -> None:
        cycle = ["", *self.sides]
        self.unanswered_by = cycle[(cycle.index(self.unanswered_by) + 1) % len(cycle)]
        self.show_claims()
        if self.unanswered_by:
            name = self.workbook.sides[self.unanswered_by].name
            self.notify(f"Showing the claims {name} has not answered")

    def action_swap_ours(self) -> None:
        self.sides.reverse()
        for column, side in zip(self.columns, self.sides, strict=True):
            column.side = side
        self.post_message(OursChanged(self.sides[0]))
        self.show_claims()
        self.show_coverage()
        self.notify(f"Preparing {self.workbook.sides[self.sides[0]].name}: its column comes first")

    def action_essay(self) -> None:
        """The whole essay, to make claims from its sentences; back here on the last one."""
        from workbook.tui.screens.essay import EssayScreen

        if self.paragraphs is None:
            file = self.workbook.essay.file or "(none named)"
            self.notify(f"The essay's text is not beside the workbook: essay.file {file}")
            return

        def back(claim_id: str | None) -> None:
            if claim_id is not None and claim_id in self.workbook.claims:
                self.go_to(claim_id)

        # A new workbook opens on its essay before this screen is mounted: it has no claims.
        at = self.claim_id if self.workbook.claims else None
        essay = EssayScreen(self.draft, self.paragraphs, self.commit, self.action_undo, at=at)
        self.app.push_screen(essay, back)

    def formats(self) -> Formats:
        from workbook.practice.format_file import load_formats
        from workbook.storage.files import WorkbookError

        try:
            return load_formats()
        except WorkbookError as error:  # a bad formats file leaves the built-in formats
            self.notify(str(error), severity="error", timeout=10)
            return Formats()

    def action_timer(self) -> None:
        from workbook.tui.screens.timer import TimerScreen

        formats = self.formats()
        self.app.push_screen(TimerScreen(formats, next(iter(formats.by_key))))

    def action_build_speech(self) -> None:
        from workbook.tui.screens.speech import SpeechScreen

        fmt = next(iter(self.formats().by_key.values()))
        path = getattr(self.app, "path", None)
        self.app.push_screen(SpeechScreen(self.workbook, self.sides, fmt, self.claim_id, path))

    def action_drill(self) -> None:
        from workbook.tui.screens.drill import DrillScreen

        path = getattr(self.app, "path", None)
        self.app.push_screen(DrillScreen(self.workbook, self.sides[0], path))

    def action_toggle_paragraph(self) -> None:
        view = self.query_one(ClaimView)
        view.show_paragraph = not view.show_paragraph
        self.show_claim()

    # Applying edits.

    def commit(
        self,
        label: str,
        claim_id: str,
        after: Claim | None,
        index: int = -1,
        keep: dict[str, str] | None = None,
    ) -> bool:
        try:
            change = self.draft.apply(label, claim_id, after, index)
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.changed(change, keep)
        return True

    def changed(self, change: Change, keep: dict[str, str] | None = None) -> None:
        if change.before is None or change.after is None or change.moves:
            self.show_claims()
            if change.claim_id in self.workbook.claims:
                self.claim_list.select(change.claim_id)
        else:
            self.claim_list.refresh_claim(
                glance.claim_line(self.workbook, change.claim_id, self.sides)
            )
            if self.claim_id != change.claim_id:
                self.claim_list.select(change.claim_id)
            self.show_claim(keep)
        self.show_coverage()
        self.post_message(Edited(change))

    def refresh_all(self) -> None:
        self.show_claims()
        self.show_coverage()

    # Undo and redo.

    def action_undo(self) -> None:
        change = self.draft.undo()
        if change is None:
            self.notify("Nothing to undo", timeout=2)
            return
        self.changed(change)
        self.notify(f"Undid: {change.label}", timeout=2)

    def action_redo(self) -> None:
        change = self.draft.redo()
        if change is None:
            self.notify("Nothing to redo", timeout=2)
            return
        self.changed(change)
        self.notify(f"Redid: {change.label}", timeout=2)
