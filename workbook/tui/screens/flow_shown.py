"""What the flow screen shows of a round, as values: a sheet's name and its line in the list of
sheets, its cells for the grid, the line under the grid that tells the argument at the cursor
whole, and the round's own line. Each is worked out from one sheet and its drops, so that an
edit redraws its sheet alone."""

from __future__ import annotations

from rich.text import Text

from workbook.core.model import Workbook
from workbook.practice.flow import Argument, Drop, Flow, Sheet, columns
from workbook.practice.flow_sheets import layout
from workbook.practice.formats import Format
from workbook.tui.widgets.flow_grid import Cell, Shown, cell_words

DETAIL_MOST = 400  # characters of an argument's words told under the grid
MARKS = {"kicked": "K", "conceded": "C"}


def sheet_name(flow: Flow, workbook: Workbook, sheet_id: str) -> str:
    """A sheet as its reader knows it: its title; a claim's, as the claim is named."""
    from workbook.practice.preflow import sheet_title

    sheet = flow.sheets[sheet_id]
    claim = workbook.claims.get(sheet.claim) if sheet.claim else None
    if sheet.title or claim is None:
        return sheet.title or sheet_id
    return sheet_title(claim) or sheet_id


def sheet_prompt(name: str, dropped: int) -> Text:
    """A sheet's line in the list: how many of its arguments stand dropped, and its name."""
    prompt = Text(cell_words(name), no_wrap=True, overflow="ellipsis")
    return Text.assemble((f"◇{dropped} ", "bold red"), prompt) if dropped else prompt


def words_of(sheet: Sheet, argument_id: str) -> str:
    """An argument's words; an extension with none, those of what it carries forward."""
    seen: set[str] = set()
    while argument_id and argument_id not in seen:
        seen.add(argument_id)
        argument = sheet.arguments[argument_id]
        if argument.text or not argument.extends:
            return argument.text
        argument_id = argument.extends
    return ""


def shown_sheet(sheet: Sheet, fmt: Format, dropped: dict[str, Drop]) -> Shown:
    """The grid of a sheet: the speeches' heads, the rows as the exports lay them out, and each
    argument's cell, its marks first (`◇` and the speech that left it unanswered, `→` an
    extension, `K` kicked, `C` conceded)."""
    cells: dict[str, Cell] = {}
    for argument_id, argument in sheet.arguments.items():
        drop = dropped.get(argument_id)
        marks = f"◇{drop.unanswered_in}" if drop is not None else ""
        marks += ("→" if argument.extends else "") + MARKS.get(argument.mark, "")
        words = cell_words(words_of(sheet, argument_id)) or "(no words)"
        cells[argument_id] = Cell(marks, words, drop is not None, bool(argument.mark))
    heads = [(speech.name, speech.side) for speech in columns(fmt)]
    return Shown(heads, layout(sheet, fmt), cells)


def argument_detail(sheet: Sheet, argument_id: str, drop: Drop | None) -> Text:
    """The argument at the cursor, told whole under the grid."""
    argument: Argument = sheet.arguments[argument_id]
    said = Text()
    if drop is not None:
        said.append(f"◇ dropped: not answered in {drop.unanswered_in}. ", style="bold red")
    said.append(f"{argument_id} in {argument.speech}")
    for name, told in (("answers", "answers"), ("extends", "extends"), ("point", "prepared point")):
        if getattr(argument, name):
            said.append(f", {told} {getattr(argument, name)}")
    if argument.mark:
        said.append(f", {argument.mark}", style="bold")
    words = cell_words(words_of(sheet, argument_id))
    said.append(": " + (words[:DETAIL_MOST] + ("…" if len(words) > DETAIL_MOST else "")))
    return said


def round_line(flow: Flow, fmt: Format, dropped: int, file_name: str, dirty: bool) -> str:
    """The round's own line: its format and side, round and opponent, drops, file."""
    said = [f"{fmt.name}, as {flow.ours}", flow.round and f"round {flow.round}"]
    said += [flow.opponent and f"vs {flow.opponent}", f"◇ {dropped} dropped"]
    line = " · ".join(part for part in said if part) + f" · {file_name}"
    return cell_words(line + (" ● unsaved" if dirty else ""))
