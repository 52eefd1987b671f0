"""The flow screen: a round flowed against the prep, a sheet at a time.

The sheets are listed on the left, each with how many of its arguments stand dropped; the
sheet in view is a grid (`FlowGrid`), a column a speech. Every edit changes one sheet through
the flow's session (`FlowSession.edit`), and only that sheet's drops are worked out again and
drawn (`sheet_drops`): an edit on one of forty sheets costs what it costs on one. The screen
tells the app of each edit (`FlowEdited`), which journals it; it asks the app to save
(`FlowSaveAsked`) and to show a prepared point (`PrepWanted`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbook.core.edits import Draft
from workbook.core.model import Workbook
from workbook.practice import flow_edits
from workbook.practice.flow import Drop, Flow, Mark, Sheet, columns, sheet_drops
from workbook.practice.flow_session import FlowSession
from workbook.storage.files import WorkbookError
from workbook.tui.messages import FlowEdited, FlowSaveAsked, PrepWanted
from workbook.tui.screens.flow_shown import (
    argument_detail,
    round_line,
    sheet_name,
    sheet_prompt,
    shown_sheet,
    words_of,
)
from workbook.tui.widgets.flow_grid import ArgumentInput, FlowGrid, Shown, cell_words, cut
from workbook.tui.widgets.key_bar import KeyBar


class FlowScreen(Screen[None]):
    DEFAULT_CSS = """
    FlowScreen #round { height: 1; padding: 0 1; background: $boost; }
    FlowScreen #sheets { width: 24; height: 1fr; border: round $primary;
        text-wrap: nowrap; text-overflow: ellipsis; }
    FlowScreen #sheets:focus { border: round $accent; }
    FlowScreen #sheet { width: 1fr; height: 1fr; border: round $primary; }
    FlowScreen #sheet:focus-within { border: round $accent; }
    FlowScreen #typing { border: round $accent; height: 3; }
    FlowScreen #detail { height: 3; padding: 0 1; border-top: solid $primary; }
    """

    BINDINGS = [
        Binding("enter", "type", "Type", tooltip="Type an argument here, or edit the one here"),
        Binding(
            "a", "add", "Answer", tooltip="Type an argument in this column, across from the row's"
        ),
        Binding("n,A", "new_row", "New", key_display="n", tooltip="A new argument on a new row"),
        Binding("q", "quick", "Quick", tooltip="Pull a prepared answer into the next column"),
        Binding("x", "extend", "Extend", tooltip="Extend the argument into its side's next speech"),
        Binding("K", "mark('kicked')", "Kick", tooltip="Kick the argument (again: not kicked)"),
        Binding(
            "c", "mark('conceded')", "Concede", tooltip="Concede the argument (again: not conceded)"
        ),
        Binding("d,delete", "remove", "Delete", show=False, tooltip="Take the argument off"),
        Binding("g", "prep", "Prep", tooltip="Go to the argument's prepared point and cards"),
        Binding("b", "speech", "Speech", tooltip="Send the argument to the speech builder"),
        Binding("left_square_bracket", "sheet(-1)", "Sheet", show=False, tooltip="Previous sheet"),
        Binding("right_square_bracket", "sheet(1)", "Sheet", show=False, tooltip="Next sheet"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last flow edit"),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo the flow edit undone"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the flow"),
        Binding("escape", "close", "Claims", show=False, tooltip="Back to the claims"),
    ]

    def __init__(self, session: FlowSession, draft: Draft) -> None:
        super().__init__()
        self.session = session
        self.draft = draft
        self.speeches = columns(session.fmt)
        self.drops: dict[str, dict[str, Drop]] = {}  # each sheet's, by the argument dropped
        self.dropped = 0  # how many in all
        self.sheet_id = next(iter(session.flow.sheets), "")

    @property
    def workbook(self) -> Workbook:
        return self.draft.workbook

    @property
    def grid(self) -> FlowGrid:
        return self.query_one(FlowGrid)

    @property
    def sheet(self) -> Sheet:
        return self.session.flow.sheets[self.sheet_id]

    def compose(self) -> ComposeResult:
        yield Static(id="round", markup=False)
        with Horizontal():
            yield OptionList(id="sheets")
            with Vertical(id="sheet"):
                yield FlowGrid(id="grid")
                yield ArgumentInput(id="typing")
                yield Static(id="detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#sheets").border_title = "Sheets"
        self.show_all()
        self.grid.focus()

    # What is shown.

    def show_all(self) -> None:
        """Every sheet's drops worked out and listed: on opening, and after a restore."""
        flow, fmt = self.session.flow, self.session.fmt
        self.drops = {
            sid: {d.argument: d for d in sheet_drops(sid, sheet, fmt)}
            for sid, sheet in flow.sheets.items()
        }
        self.dropped = sum(len(found) for found in self.drops.values())
        if self.sheet_id not in flow.sheets:
            self.sheet_id = next(iter(flow.sheets), "")
        sheets = self.query_one("#sheets", OptionList)
        sheets.set_options([Option(self.sheet_prompt(sid), id=sid) for sid in flow.sheets])
        if self.sheet_id:
            sheets.highlighted = sheets.get_option_index(self.sheet_id)
        self.show_round()
        self.show_sheet()

    def show_round(self) -> None:
        session = self.session
        line = round_line(session.flow, session.fmt, self.dropped, session.path.name, session.dirty)
        self.query_one("#round", Static).update(line)

    def sheet_prompt(self, sheet_id: str) -> Text:
        name = sheet_name(self.session.flow, self.workbook, sheet_id)
        return sheet_prompt(name, len(self.drops.get(sheet_id, {})))

    def show_sheet(self, at: str | None = None) -> None:
        if not self.sheet_id:
            self.grid.show(Shown(heads=[(s.name, s.side) for s in self.speeches]))
            return
        shown = shown_sheet(self.sheet, self.session.fmt, self.drops.get(self.sheet_id, {}))
        title = cell_words(sheet_name(self.session.flow, self.workbook, self.sheet_id))
        self.query_one("#sheet").border_title = Content(title)  # the user's words, not markup
        self.grid.show(shown, at)

    @on(FlowGrid.Moved)
    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        if not self.sheet_id:
            detail.update("This round has no sheets: its workbook had no claims when it began.")
            return
        speech = self.speeches[self.grid.column] if self.speeches else None
        argument_id = self.grid.current
        if argument_id:
            drop = self.drops.get(self.sheet_id, {}).get(argument_id)
            detail.update(argument_detail(self.sheet, argument_id, drop))
            return
        target = self.answering()
        into = f"{speech.name} ({speech.side})" if speech else ""
        answers = f", across from {target}" if target else ", on a new row"
        detail.update(f"{into}: empty. enter or a types an argument here{answers}.")

    def answering(self) -> str:
        """The argument the cursor's empty cell would answer: the nearest one to its left in
        its row, when it is the other side's; "" for none."""
        row, column = self.grid.row_ids(), self.grid.column
        for argument_id in reversed(row[:column]):
            if argument_id:
                side = self.side_of(self.sheet.arguments[argument_id].speech)
                return argument_id if side != self.speeches[column].side else ""
        return ""

    def side_of(self, speech: str) -> str:
        return next(s.side for s in self.speeches if s.name == speech)

    @on(OptionList.OptionHighlighted, "#sheets")
    def _sheet_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        chosen = event.option.id or ""
        if chosen and chosen != self.sheet_id:
            self.sheet_id = chosen
            self.show_sheet()

    @on(OptionList.OptionSelected, "#sheets")
    def _sheet_chosen(self) -> None:
        self.grid.focus()

    def action_sheet(self, step: int) -> None:
        ids = list(self.session.flow.sheets)
        if not ids:
            return
        at = (ids.index(self.sheet_id) + step) % len(ids)
        self.query_one("#sheets", OptionList).highlighted = at

    # Editing: each edit one sheet's, its drops worked out again.

    def edit(self, label: str, change: Callable[[Flow], str | None], sheet_id: str = "") -> None:
        """Make `change` (a `flow_edits` function) to a sheet (the one in view) through the
        session; the cursor goes to the argument it returns, or stays. A refusal is told in
        one line."""
        sheet_id = sheet_id or self.sheet_id
        try:
            at = self.session.edit(label, sheet_id, change)
        except WorkbookError as error:
            self.notify(str(error), severity="error")
            return
        self.edited(sheet_id, at)

    def edited(self, sheet_id: str, at: str | None = None) -> None:
        sheet = self.session.flow.sheets[sheet_id]
        found = sheet_drops(sheet_id, sheet, self.session.fmt)
        # The round's count changes by the sheet's alone: no sheet but this one is counted.
        self.dropped += len(found) - len(self.drops.get(sheet_id, {}))
        self.drops[sheet_id] = {drop.argument: drop for drop in found}
        self.query_one("#sheets", OptionList).replace_option_prompt(
            sheet_id, self.sheet_prompt(sheet_id)
        )
        if sheet_id == self.sheet_id:
            self.show_sheet(at)
        self.show_round()
        self.post_message(FlowEdited())

    @on(ArgumentInput.Done)
    def _done_typing(self) -> None:
        self.grid.focus()

    def action_type(self) -> None:
        argument_id, sheet_id = self.grid.current, self.sheet_id
        if not argument_id or not sheet_id:
            self.action_add()
            return
        argument = self.sheet.arguments[argument_id]

        def reword(text: str) -> None:
            change = lambda flow: flow_edits.reword(flow, sheet_id, argument_id, text)  # noqa: E731
            self.edit("edit argument", change, sheet_id)

        typing = self.query_one(ArgumentInput)
        typing.ask(f"Edit {argument_id} ({argument.speech})", argument.text, reword)

    def action_add(self, new_row: bool = False) -> None:
        if not self.sheet_id:
            self.notify("No sheet to flow on")
            return
        speech, sheet_id = self.speeches[self.grid.column], self.sheet_id
        answers, fmt = "" if new_row else self.answering(), self.session.fmt

        def write(text: str) -> None:
            self.edit(
                f"argue in {speech.name}",
                lambda flow: flow_edits.write(
                    flow, fmt, sheet_id, speech.name, text, answers=answers
                ),
                sheet_id,
            )

        across = f", answering {answers}" if answers else ""
        title = f"An argument in {speech.name} ({speech.side}){across}"
        self.query_one(ArgumentInput).ask(title, "", write)

    def action_new_row(self) -> None:
        self.action_add(new_row=True)

    def at_argument(self) -> str:
        argument_id = self.grid.current
        if not argument_id:
            self.notify("Move onto an argument first (the arrows, or h j k l)", timeout=3)
        return argument_id

    def action_quick(self) -> None:
        argument_id = self.at_argument()
        if not argument_id:
            return
        fmt, sheet_id, workbook = self.session.fmt, self.sheet_id, self.workbook
        found = flow_edits.offered_answers(self.session.flow, fmt, workbook, sheet_id, argument_id)
        if not found:
            self.notify(f"No prepared answer to {argument_id} left to pull", timeout=3)
            return

        def pull(point_id: str) -> None:
            if point_id in found:  # not the picker closed
                self.edit(
                    f"pull {point_id}",
                    lambda flow: flow_edits.pull_response(
                        flow, fmt, workbook, sheet_id, argument_id, point_id
                    ),
                    sheet_id,
                )

        if len(found) == 1:
            pull(found[0])
            return
        from workbook.tui.dialogs.form import ask

        claim = workbook.claims[self.sheet.claim]
        # Numbered, so that a digit picks each: the first letters of prepared points repeat.
        choices = [
            (pid, f"{number} {cut(cell_words(claim.points[pid].text), 60)}")
            for number, pid in enumerate(found[:9], start=1)
        ]
        ask(self.app, f"Pull which prepared answer to {argument_id}?", choices, pull, "cancel")

    def action_extend(self) -> None:
        if argument_id := self.at_argument():
            fmt, sheet_id = self.session.fmt, self.sheet_id
            change = lambda flow: flow_edits.extend(flow, fmt, sheet_id, argument_id)  # noqa: E731
            self.edit(f"extend {argument_id}", change)

    def action_mark(self, mark: Mark) -> None:
        if not (argument_id := self.at_argument()):
            return
        sheet_id = self.sheet_id
        marked: Mark = "" if self.sheet.arguments[argument_id].mark == mark else mark

        def change(flow: Flow) -> str:
            flow_edits.mark(flow, sheet_id, argument_id, marked)
            return argument_id

        self.edit(f"{marked or 'unmark'} {argument_id}", change)

    def action_remove(self) -> None:
        if argument_id := self.at_argument():
            sheet_id = self.sheet_id
            change = lambda flow: flow_edits.remove(flow, sheet_id, argument_id)  # noqa: E731
            self.edit(f"delete {argument_id}", change)

    def action_undo(self, redo: bool = False) -> None:
        step = self.session.undo(redo)
        if step is None:
            self.notify(f"Nothing to {'redo' if redo else 'undo'}", timeout=2)
            return
        self.notify(f"{'Redid' if redo else 'Undid'}: {step.label}", timeout=2)
        if step.sheet_id != self.sheet_id:
            self.query_one("#sheets", OptionList).highlighted = list(
                self.session.flow.sheets
            ).index(step.sheet_id)
            self.sheet_id = step.sheet_id
        self.edited(step.sheet_id)

    def action_redo(self) -> None:
        self.action_undo(redo=True)

    def action_save(self) -> None:
        self.post_message(FlowSaveAsked())

    # Out to the prep and the speech builder.

    def action_prep(self) -> None:
        if not self.sheet_id:
            return
        claim_id = self.sheet.claim
        if not claim_id:
            self.notify("This sheet is a position of its own: no claim in the workbook")
            return
        if claim_id not in self.workbook.claims:
            self.notify(f"Its claim, {claim_id}, is no longer in the workbook")
            return
        argument_id = self.grid.current
        point = self.sheet.arguments[argument_id].point if argument_id else ""
        if point and point not in self.workbook.claims[claim_id].points:
            # Deleted in the prep since the round started: the claim is what is left to show.
            self.notify(f"{point} is no longer in the workbook: its claim is shown instead")
            point = ""
        self.post_message(PrepWanted(claim_id, point))

    def action_close(self) -> None:
        self.post_message(PrepWanted("", ""))

    def action_speech(self) -> None:
        from workbook.practice.formats import Speech
        from workbook.tui.screens.speech import SpeechScreen

        argument_id = self.at_argument()
        if not argument_id:
            return
        flow, sheet = self.session.flow, self.sheet
        argument = sheet.arguments[argument_id]
        side = self.side_of(argument.speech)
        prep_side = flow.sides[side]
        # The speech the argument is read in next: its side's next one, or its own at the last.
        following = flow_edits.own_next_speech(self.session.fmt, argument.speech)
        speech: Speech = next(s for s in self.speeches if s.name == (following or argument.speech))
        sides = [prep_side, self.workbook.other_side(prep_side)]
        builder = SpeechScreen(
            self.workbook, sides, self.session.fmt, sheet.claim or None, self.session.path
        )
        builder.send(sheet.claim, argument.point, words_of(sheet, argument_id), speech)
        self.app.push_screen(builder)

    def refresh_all(self) -> None:
        """After a restore or a save that merged: every sheet again."""
        self.show_all()
