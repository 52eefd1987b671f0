"""The main screen: the claims, the selected claim, and both sides' columns, with every edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static

from ..coverage import coverage, side_summary
from ..edits import Change, Draft, EditError
from ..filters import ClaimFilter
from ..model import Claim, Workbook
from .claim_list import ClaimList
from .claim_view import ClaimView
from .editing import EditingActions
from .filter_input import FilterInput
from .key_bar import KeyBar
from .side_column import SideColumn

if TYPE_CHECKING:
    from .app import WorkbookApp


# Keys that do one thing in steps share one place in the footer.
MOVE = Binding.Group("Move", compact=True)
STRENGTH = Binding.Group("Stars", compact=True)


class PrepScreen(EditingActions, Screen[None]):
    """Prepare both sides: a list of claims, the claim, and one column per side."""

    BINDINGS = [
        Binding("a", "add_point", "Point", id="add-point"),
        Binding("r", "answer", "Answer", id="answer"),
        Binding("c", "add_card", "Card", id="add-card"),
        Binding("e", "edit", "Edit", id="edit", show=False),  # enter edits too
        Binding("x,delete", "delete", "Delete", id="delete", key_display="x"),
        Binding("t", "edit_claim", "Claim", id="edit-claim"),
        Binding("n", "new_claim", "New", id="new-claim"),
        Binding("left_square_bracket", "move(-1)", "Move up", id="move-up", group=MOVE),
        Binding("right_square_bracket", "move(1)", "Move down", id="move-down", group=MOVE),
        *(
            Binding(str(n), f"strength({n})", f"Strength {n}", group=STRENGTH)
            for n in (1, 2, 3, 4, 5, 0)
        ),
        Binding("p", "toggle_paragraph", "Paragraph", id="paragraph", show=False),
        Binding("v", "essay", "Essay", id="essay"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("u", "cycle_unanswered", "Unanswered", id="unanswered"),
        Binding("o", "swap_ours", "Ours", id="ours"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        # Redo is in the palette and the README: the key bar has room for undo only.
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False),
    ]

    app: WorkbookApp
    AUTO_FOCUS = "#claims"  # focus once, straight into the list: each change rebuilds the footer

    def __init__(self, draft: Draft, paragraphs: list[str] | None, ours: str) -> None:
        super().__init__()
        self.draft = draft
        self.paragraphs = paragraphs
        self.sides = [ours, draft.workbook.other_side(ours)]
        self.filter_text = ""
        self.unanswered_by = ""
        self._filter_timer: Timer | None = None

    @property
    def workbook(self) -> Workbook:
        return self.draft.workbook

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FilterInput(placeholder="Filter: words, #tag (escape clears)", id="filter")
                yield ClaimList(id="claims")
            with Vertical(id="right"):
                yield ClaimView(id="claim")
                with Horizontal(id="columns"):
                    yield SideColumn(self.sides[0], id="col-0")
                    yield SideColumn(self.sides[1], id="col-1")
        yield Static(id="coverage")
        yield KeyBar()

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

    @property
    def claim(self) -> Claim | None:
        claim_id = self.claim_id
        return self.workbook.claims.get(claim_id) if claim_id else None

    def show_claims(self) -> None:
        claim_filter = ClaimFilter.parse(self.filter_text, self.unanswered_by)
        self.claim_list.show(self.workbook, self.sides, claim_filter)
        marks = " ".join(self.workbook.sides[s].name[:1] for s in self.sides)
        title = f"Claims {len(self.claim_list.shown)}/{len(self.workbook.claims)}"
        if self.unanswered_by:
            title += f" · not answered by {self.workbook.sides[self.unanswered_by].name}"
        self.claim_list.border_title = title
        self.claim_list.border_subtitle = f"{marks}: ● ready ◐ started · none"
        self.show_claim()

    def show_claim(self, keep: dict[str, str] | None = None) -> None:
        keep = keep or {}
        self.query_one(ClaimView).show(self.workbook, self.claim_id, self.paragraphs)
        for index, column in enumerate(self.columns):
            column.show(self.workbook, self.claim, keep.get(column.side))
            column.border_subtitle = "ours" if index == 0 else ""

    def show_coverage(self) -> None:
        reports = coverage(self.workbook)
        lines = [
            f"[b]{self.workbook.sides[s].name}[/b]: {side_summary(self.workbook, reports[s])}"
            for s in self.sides
        ]
        self.query_one("#coverage", Static).update("\n".join(lines))

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
    def _point_chosen(self) -> None:
        self.action_edit()

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
        self.app.ours = self.sides[0]
        self.show_claims()
        self.show_coverage()
        self.notify(f"Preparing {self.workbook.sides[self.sides[0]].name}: its column comes first")

    def action_essay(self) -> None:
        """The whole essay, to make claims from its sentences; back here on the last one."""
        from .essay_screen import EssayScreen

        if self.paragraphs is None:
            file = self.workbook.essay.file or "(none named)"
            self.notify(f"The essay's text is not beside the workbook: essay.file {file}")
            return

        def back(claim_id: str | None) -> None:
            if claim_id is not None and claim_id in self.workbook.claims:
                self.go_to(claim_id)

        essay = EssayScreen(self.draft, self.paragraphs, self.commit, self.action_undo)
        self.app.push_screen(essay, back)

    def action_toggle_paragraph(self) -> None:
        view = self.query_one(ClaimView)
        view.show_paragraph = not view.show_paragraph
        self.show_claim()

    # Applying edits.

    def commit(self, label: str, claim_id: str, after: Claim | None, index: int = -1) -> bool:
        try:
            change = self.draft.apply(label, claim_id, after, index)
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.changed(change)
        return True

    def changed(self, change: Change, keep: dict[str, str] | None = None) -> None:
        if change.before is None or change.after is None or change.moves:
            self.show_claims()
            if change.claim_id in self.workbook.claims:
                self.claim_list.select(change.claim_id)
        else:
            self.claim_list.refresh_claim(self.workbook, change.claim_id)
            if self.claim_id != change.claim_id:
                self.claim_list.select(change.claim_id)
            self.show_claim(keep)
        self.show_coverage()
        self.app.note_change(change.claim_id)

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
