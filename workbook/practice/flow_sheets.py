"""The flow laid out as debaters read one: a column a speech, headed by its name, each answer
across from what it answers and an extension across from what it carries; as a spreadsheet in
Verbatim Flow's layout (a worksheet a sheet of the flow, openpyxl) or as Markdown tables."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.practice.flow import Flow, Sheet, columns, drops
from workbook.storage.files import WorkbookError
from workbook.storage.owned import Kind, not_zip, text, write_owned

if TYPE_CHECKING:
    from workbook.practice.flow_file import Opened
    from workbook.practice.formats import Format

FLOW_MARKDOWN = text("Markdown flow")
FLOW_SPREADSHEET = Kind("spreadsheet", not_zip)
SUFFIXES = {"xlsx": ".xlsx", "md": ".md"}

Grid = list[list[str]]


def cell_text(sheet: Sheet, argument_id: str, dropped: set[str]) -> str:
    """What a cell says: the argument's words (an extension's, those it carries, after
    "ext."), then its marks."""
    argument = sheet.arguments[argument_id]
    words = argument.text
    if argument.extends and not words:
        words = sheet.arguments[argument.extends].text
    if argument.extends:
        words = f"ext. {words}"
    marks: list[str] = [argument.mark] if argument.mark else []
    if argument_id in dropped:
        marks.append("dropped")
    return words + "".join(f" [{mark}]" for mark in marks)


def grid(sheet: Sheet, fmt: Format, dropped: set[str]) -> Grid:
    """The sheet's rows, a cell a column, each with its words (`layout`, then `cell_text`)."""
    return [
        [cell_text(sheet, argument_id, dropped) if argument_id else "" for argument_id in cells]
        for cells in layout(sheet, fmt)
    ]


def layout(sheet: Sheet, fmt: Format) -> Grid:
    """The sheet's rows, a cell a column, each the id of the argument in it ("" for none):
    each argument that answers or extends nothing starts a row; what answers or extends it
    stands in its own column, the first on the same row and each next one on a row below. Laid
    out with a stack, so a long chain costs its length. The spreadsheet, the Markdown and the
    app's flow screen all lay a sheet out here."""
    at = {speech.name: index for index, speech in enumerate(columns(fmt))}
    width = len(at)
    below: dict[str, list[str]] = {}
    roots: list[str] = []
    for argument_id, argument in sheet.arguments.items():
        parent = argument.answers or argument.extends
        if parent:
            below.setdefault(parent, []).append(argument_id)
        else:
            roots.append(argument_id)
    rows: Grid = []
    placed: set[str] = set()

    def row(number: int) -> list[str]:
        while len(rows) <= number:
            rows.append([""] * width)
        return rows[number]

    for root in roots:
        # (argument, the row it goes on): its first follower goes on the same row.
        stack = [(root, len(rows))]
        while stack:
            argument_id, number = stack.pop()
            number = len(rows) if number < 0 else number
            placed.add(argument_id)
            row(number)[at[sheet.arguments[argument_id].speech]] = argument_id
            followers = sorted(
                below.get(argument_id, []), key=lambda f: at[sheet.arguments[f].speech]
            )
            # Pushed last first, so the first is laid out first; each next one (-1) is given
            # the first free row when it is reached, below all its elder sibling took.
            for offset, follower in reversed(list(enumerate(followers))):
                stack.append((follower, number if offset == 0 else -1))
    # Every follower stands in a later speech than what it follows (flow.format_problems), so
    # no chain runs in a circle; should one, its arguments still show, on rows of their own.
    for argument_id, argument in sheet.arguments.items():
        if argument_id not in placed:
            row(len(rows))[at[argument.speech]] = argument_id
    return rows


def _laid_out(opened: Opened) -> list[tuple[str, Sheet, Grid]]:
    found = drops(opened.flow, opened.fmt)
    by_sheet: dict[str, set[str]] = {}
    for drop in found:
        by_sheet.setdefault(drop.sheet, set()).add(drop.argument)
    return [
        (
            sheet_name(opened, sheet_id),
            sheet,
            grid(sheet, opened.fmt, by_sheet.get(sheet_id, set())),
        )
        for sheet_id, sheet in opened.flow.sheets.items()
    ]


def sheet_name(opened: Opened, sheet_id: str) -> str:
    """A sheet as its reader knows it: its title; a claim's sheet with none, as its claim is
    named (`preflow.sheet_title`); a position with none, by its id, all it has."""
    from workbook.practice.preflow import sheet_title

    sheet = opened.flow.sheets[sheet_id]
    claim = opened.workbook.claims.get(sheet.claim) if sheet.claim else None
    return sheet.title or (sheet_title(claim) if claim is not None else "") or sheet_id


def _heading(flow: Flow, fmt: Format) -> str:
    told = [f"{fmt.name}, as {flow.ours}"]
    told += [
        f"{name} {value}"
        for name, value in (
            ("tournament", flow.tournament),
            ("round", flow.round),
            ("against", flow.opponent),
            ("judge", flow.judge),
        )
        if value
    ]
    return ", ".join(told)


_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>|#])")


def _md(words: str) -> str:
    """A cell's words in a Markdown table: signs escaped, lines joined."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", " ".join(words.split()))


def markdown(opened: Opened) -> str:
    """The flow as Markdown: a heading for the round, a table a sheet."""
    names = [speech.name for speech in columns(opened.fmt)]
    lines = [f"# Flow: {_md(_heading(opened.flow, opened.fmt))}", ""]
    for name, _, rows in _laid_out(opened):
        lines += [f"## {_md(name)}", ""]
        lines.append("| " + " | ".join(_md(name) for name in names) + " |")
        lines.append("|" + "---|" * len(names))
        lines += ["| " + " | ".join(_md(cell) for cell in cells) + " |" for cells in rows]
        lines.append("")
    return "\n".join(lines)


# What a worksheet's title may not hold, and how long it may be (Excel's own rules).
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_TITLE_MOST = 31


def worksheet_title(name: str, taken: set[str]) -> str:
    """A worksheet's title: the sheet's name as Excel takes it, once in the file."""
    base = _NOT_IN_TITLE.sub(" ", name).strip().strip("'") or "Sheet"
    title = base[:_TITLE_MOST]
    number = 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = base[: _TITLE_MOST - len(suffix)] + suffix
        number += 1
    taken.add(title.lower())
    return title


# The most characters Excel keeps in a cell.
CELL_MOST = 32_767


def cell_value(words: str, shown: Callable[[str], str]) -> str:
    """A cell's words as a spreadsheet takes them: control characters shown escaped by
    `shown`, cut to Excel's most with an ellipsis."""
    value = shown(words)
    return value if len(value) <= CELL_MOST else value[: CELL_MOST - 1] + "…"


def spreadsheet(opened: Opened) -> bytes:
    """The flow as an Excel workbook in Verbatim Flow's layout: a worksheet a sheet, its
    first row the speeches' names, each column as wide as a flow's; drops in red."""
    from openpyxl import Workbook as Spreadsheet
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from workbook.storage.files import shown_lines

    book = Spreadsheet()
    for first in list(book.worksheets):  # the blank worksheet a new workbook starts with
        book.remove(first)
    speeches = columns(opened.fmt)
    taken: set[str] = set()
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, _, rows in _laid_out(opened):
        ws = book.create_sheet(worksheet_title(name, taken))
        for index, speech in enumerate(speeches, start=1):
            head = ws.cell(row=1, column=index, value=speech.name)
            head.font = Font(bold=True)
            ws.column_dimensions[get_column_letter(index)].width = 28
        ws.freeze_panes = "A2"
        for number, cells in enumerate(rows, start=2):
            for index, words in enumerate(cells, start=1):
                if not words:
                    continue
                # A cell holds its lines but no other control character (which Excel refuses),
                # no more than Excel's most, and no formula: a flow's words are text.
                cell = ws.cell(row=number, column=index, value=cell_value(words, shown_lines))
                cell.data_type = "s"
                cell.alignment = wrap
                if words.endswith("[dropped]"):
                    cell.font = Font(color="C00000")
    if not book.worksheets:
        book.create_sheet("Flow")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exported(opened: Opened, to: str) -> bytes:
    """The flow as `to` asks: xlsx, a spreadsheet; md, Markdown."""
    if to == "xlsx":
        return spreadsheet(opened)
    if to == "md":
        return markdown(opened).encode("utf-8")
    raise WorkbookError(f"--to: no export {to!r} (xlsx or md)")


def write_export(opened: Opened, flow_path: Path, to: str, output: Path | None) -> Path:
    """Write the flow at `flow_path` as `to` (xlsx or md) to `output`, or beside the flow
    (NAME.xlsx, NAME.md, the flow's own name less .flow.toml); never over the flow, its
    workbook or a file of another kind. Where it went."""
    from workbook.practice.flow_file import SUFFIX
    from workbook.storage.owned import inputs_of

    data = exported(opened, to)
    name = flow_path.name
    stem = name.removesuffix(SUFFIX) if name.endswith(SUFFIX) else flow_path.stem
    target = output or flow_path.with_name(stem + SUFFIXES[to])
    protect = [(flow_path, "the flow itself"), *inputs_of(opened.workbook_path, opened.workbook)]
    kind = FLOW_SPREADSHEET if to == "xlsx" else FLOW_MARKDOWN
    write_owned(target, data, kind, protect=protect, named=output is not None)
    return target
