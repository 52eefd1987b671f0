"""The main screen: the claims, the selected claim, and both sides' columns, with every edit.

The screen shows the workbook and says where the user is; the edits themselves are small
parts it holds (`PointEdits`, `ClaimEdits`, `CardEdits`), which see it as a `Prep`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from workbook.core.edits import Change, Draft, EditError
from workbook.core.filters import ClaimFilter
from workbook.core.model import Claim, Workbook
from workbook.tui import glance
from workbook.tui.dialogs.read_aloud import ReadAloudScreen
from workbook.tui.messages import Edited, FlowWanted, OursChanged
from workbook.tui.screens.prep.cards import CardEdits
from workbook.tui.screens.prep.claims import ClaimEdits
from workbook.tui.screens.prep.editing import Keep
from workbook.tui.screens.prep.keys import KEYS
from workbook.tui.screens.prep.layout import mark_ours, prep_layout, show_coverage, title_claims
from workbook.tui.screens.prep.motion import MotionEdits
from workbook.tui.screens.prep.points import PointEdits
from workbook.tui.screens.prep.practice import PracticeScreens
from workbook.tui.screens.prep.views import TextViews
from workbook.tui.screens.source import SourceScreen
from workbook.tui.screens.steps import step_back
from workbook.tui.source_texts import (
    SourceTexts,
    TextsRead,
    TextsUnread,
)
from workbook.tui.widgets.claim_list import ClaimList
from workbook.tui.widgets.claim_view import ClaimView
from workbook.tui.widgets.filter_input import FilterInput
from workbook.tui.widgets.side_column import SideColumn


class PrepScreen(Screen[None]):
    """Prepare both sides: a list of claims, the claim, and one column per side.

    The keys here act on the claim in view; a side's column has its own keys for its points
    and cards, which Textual tries first while the column has the focus, and which it sends
    here as messages (`SideColumn.AddCard`, ...).
    """

    BINDINGS = KEYS

    AUTO_FOCUS = "#claims"  # focus once, straight into the list: each change rebuilds the keys

    def __init__(
        self,
        draft: Draft,
        paragraphs: list[str] | None,
        ours: str,
        path: Path,
        at: str | None = None,
    ) -> None:
        """`at`: the claim to open on (where the user left off), when it is still there."""
        super().__init__()
        self.at = at
        self.draft = draft
        self.paragraphs = paragraphs
        self.sides = [ours, draft.workbook.other_side(ours)]
        self.path = path  # the workbook's file: the app sets it again when saved elsewhere
        self.texts = SourceTexts(paragraphs)  # the sources' texts, each read once
        self.filter_text = ""
        self.unanswered_by = ""
        self.points = PointEdits(self)
        self.claims = ClaimEdits(self)
        self.cards = CardEdits(self)
        self.motion = MotionEdits(self)
        self.practice = PracticeScreens(self)
        self.views = TextViews(self)

    def compose(self) -> ComposeResult:
        yield from prep_layout(self.sides)

    def on_mount(self) -> None:
        self.show_claims(prefer=self.at)  # where the user left off, drawn once
        self.show_coverage()
        self.read_sources()

    def read_sources(self, also: tuple[str, ...] = ()) -> None:
        """Read, off the app's thread, the texts the cards cite (and `also`) not read yet: here,
        on the screen that lives as long as the file, so no result goes to a view gone."""
        self.texts.start_reading(self, self.workbook, self.path, also)

    @on(TextsRead)
    def _texts_read(self, event: TextsRead) -> None:
        self.texts.take(event.texts)
        self.show_claim()  # the cards' standing, now known
        self._tell_the_view()

    @on(TextsUnread)
    def _texts_unread(self, event: TextsUnread) -> None:
        self.texts.unread(event.source_ids)
        self.notify(f"{event.doing}: {event.error}", severity="warning")
        self._tell_the_view(f"{event.doing}: {event.error}")

    def _tell_the_view(self, problem: str = "") -> None:
        """The source view on top, if any, shows what has come (or why nothing will)."""
        if isinstance(self.app.screen, SourceScreen):
            self.app.screen.texts_came(problem)

    # What is shown.

    @property
    def workbook(self) -> Workbook:
        return self.draft.workbook

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

    def show_claims(self, prefer: str | None = None) -> None:
        claim_filter = ClaimFilter.parse(self.filter_text, self.unanswered_by)
        lines = glance.claim_lines(self.workbook, self.sides, claim_filter)
        self.claim_list.show(lines, prefer)
        names = {side: self.workbook.sides[side].name for side in self.sides}
        by = names[self.unanswered_by] if self.unanswered_by else None
        title_claims(self.claim_list, names, len(self.workbook.claims), by)
        self.show_claim()

    def show_claim(self, keep: Keep | None = None) -> None:
        keep = keep or {}
        view, claim_id = self.query_one(ClaimView), self.claim_id
        if claim_id is not None:
            view.show(glance.claim_head(self.workbook, claim_id), self.paragraphs)
        elif self.workbook.claims:
            view.show_message("No claim matches the filter: / then escape clears it.")
        else:
            view.show_message(glance.no_claims_yet(self.workbook))
        for column in self.columns:
            lines = glance.column(self.workbook, self.claim, column.side, self.texts.standing)
            column.show(lines, keep.get(column.side))
        mark_ours(self.columns)
        if self.texts.wanted and self.is_mounted:
            self.read_sources()  # a card cites a source whose text is not read yet

    def show_coverage(self) -> None:
        show_coverage(
            self.query_one("#coverage", Static), glance.coverage_lines(self.workbook, self.sides)
        )

    def go_to(self, claim_id: str, point_id: str = "") -> None:
        """The claim in view; with `point_id`, that point highlighted in its side's column."""
        if claim_id not in self.claim_list.shown:
            self.filter_text, self.unanswered_by = "", ""
            self.query_one("#filter", Input).value = ""
            self.show_claims()
        self.claim_list.select(claim_id)
        self.claim_list.focus()
        claim = self.workbook.claims.get(claim_id)
        if claim is not None and (point := claim.points.get(point_id)) is not None:
            self.show_claim({point.side: point_id})
            self.focus_side(point.side)

    def action_flow(self, start: bool = True) -> None:
        """To the round open in the app; with `start`, one read or started if none is."""
        self.post_message(FlowWanted(start))

    def focus_side(self, side: str) -> None:
        for column in self.columns:
            if column.side == side:
                column.focus()

    def point_in_focus(self) -> tuple[str, str] | None:
        column = self.focused  # none yet on a new workbook, which opens on its essay
        if isinstance(column, SideColumn) and self.claim_id and column.current[0]:
            return self.claim_id, column.current[0]
        return None

    @on(OptionList.OptionHighlighted, "#claims")
    def _claim_highlighted(self) -> None:
        self.show_claim()

    @on(OptionList.OptionSelected, "#claims")
    def _claim_chosen(self) -> None:
        self.columns[0].focus()

    @on(OptionList.OptionSelected, "SideColumn")
    def _point_chosen(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, SideColumn):
            event.option_list.action_edit()

    # Keys on the claim list (or anywhere but a column).

    def action_add_point(self) -> None:
        """From the list: a point for the side we prepare."""
        self.points.add(self.sides[0])

    def action_answer(self) -> None:
        """From the list: answer the first point of the other side that ours has left open."""
        self.points.answer_first_open()

    def action_point_first(self) -> None:
        self.notify("Highlight a point in a side's column first (tab moves there).")

    def action_edit_claim(self) -> None:
        self.claims.edit()

    def action_new_claim(self) -> None:
        self.claims.new()

    def action_delete_claim(self) -> None:
        self.claims.delete()

    def action_move_claim(self, offset: int) -> None:
        self.claims.move(offset)

    def action_find_card(self) -> None:
        self.cards.find()

    def action_motion(self) -> None:
        self.motion.edit()

    # Keys on a side's column: each names the point (and card) it is on.

    def _at_point(self, request: SideColumn.Request) -> tuple[str, Claim, str] | None:
        """The claim in view and the request's point, or None (and the user told) when the
        column has no point."""
        request.stop()
        claim_id, claim = self.claim_id, self.claim
        if claim_id is None or claim is None:
            return None
        if request.point_id is None:
            self.notify("This column has no point yet: a adds one.")
            return None
        return claim_id, claim, request.point_id

    @on(SideColumn.AddPoint)
    def _add_point(self, request: SideColumn.AddPoint) -> None:
        request.stop()
        self.points.add(request.column.side)

    @on(SideColumn.Answer)
    def _answer(self, request: SideColumn.Answer) -> None:
        if at := self._at_point(request):
            _, claim, point_id = at
            self.points.answer(claim, point_id)

    @on(SideColumn.AddCard)
    def _add_card(self, request: SideColumn.AddCard) -> None:
        if at := self._at_point(request):
            self.cards.add(*at)

    @on(SideColumn.Edit)
    def _edit(self, request: SideColumn.Edit) -> None:
        if at := self._at_point(request):
            if request.card_id is not None:
                self.cards.edit(*at, request.card_id)
            else:
                self.points.edit(at[0], at[1], request.column.side, at[2])

    @on(SideColumn.Read)
    def _read(self, request: SideColumn.Read) -> None:
        if at := self._at_point(request):
            self.app.push_screen(
                ReadAloudScreen.of_point(self.workbook, at[1], at[2], request.card_id)
            )

    @on(SideColumn.Delete)
    def _delete(self, request: SideColumn.Delete) -> None:
        if at := self._at_point(request):
            self.points.delete(*at, request.card_id)

    @on(SideColumn.DeleteCard)
    def _delete_card(self, request: SideColumn.DeleteCard) -> None:
        if not self._at_point(request):
            return
        if request.card_id is None:
            self.notify("Highlight a card under a point first (↓ moves to it).")
        else:
            self.cards.delete_everywhere(request.card_id)

    @on(SideColumn.Move)
    def _move(self, request: SideColumn.Move) -> None:
        if at := self._at_point(request):
            self.points.move(request.column, *at, request.offset)

    @on(SideColumn.Strength)
    def _strength(self, request: SideColumn.Strength) -> None:
        if at := self._at_point(request):
            self.points.strength(*at, request.stars)

    # Filtering.

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(FilterInput.Settled)
    def _filter_changed(self, event: FilterInput.Settled) -> None:
        if event.value != self.filter_text:  # the input reports its first value too
            self.filter_text = event.value
            self.show_claims()

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
        self.views.essay()

    def action_cut_from_source(self) -> None:
        self.views.sources()

    def action_timer(self) -> None:
        self.practice.timer()

    def action_build_speech(self) -> None:
        self.practice.speech()

    def action_drill(self) -> None:
        self.practice.drill()

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
        keep: Keep | None = None,
        as_id: str = "",
    ) -> bool:
        edit = lambda: self.draft.apply(label, claim_id, after, index, as_id)  # noqa: E731
        return self.apply(edit, lambda _: keep)

    def apply(
        self, edit: Callable[[], Change], keep: Callable[[Change], Keep | None] | None = None
    ) -> bool:
        try:
            change = edit()
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.changed(change, keep(change) if keep else None)
        return True

    def changed(self, change: Change, keep: Keep | None = None) -> None:
        # New names for the sides are in the list's title, its marks and both columns; a claim
        # under a new id is a new line.
        whole = change.before is None or change.after is None or change.framing is not None
        if whole or change.moves or change.renamed:
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
        change = step_back(self, self.draft)
        if change is not None:
            self.changed(change)

    def action_redo(self) -> None:
        change = step_back(self, self.draft, redo=True)
        if change is not None:
            self.changed(change)
