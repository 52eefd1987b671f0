"""The benchmark's rows for flowing a round: typing into a flow of 40 sheets against typing into
one of a single sheet, and what writing the whole flow (the journal's entry) costs.

    python -m tests.benchmark --only flow

A keystroke on the flow screen runs the core path measured here: the argument written into its
column (`flow_edits.write`), that sheet's drops worked out again (`sheet_drops`), and that sheet
laid out a column a speech for display (`flow_sheets.grid`). Each is the sheet's alone, so the
flow's size should not show.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import tomli_w

from workbook.practice.flow import Flow, columns, next_speeches, sheet_drops
from workbook.practice.flow_edits import write
from workbook.practice.flow_file import dumps, to_data
from workbook.practice.flow_sheets import grid
from workbook.practice.formats import BUILT_IN
from workbook.practice.preflow import preflow

from .scaled import scaled

FORMAT = BUILT_IN["policy-hs"]  # 8 speeches a side gives: 4 constructives, 4 rebuttals
SHEETS = 40
EDITS = 1000  # keystrokes a measure, so that the clock's grain is not what is measured

Row = tuple[str, str, float | None, float | None]


def round_of(sheets: int) -> Flow:
    """A round pre-flowed from a workbook shaped like the seed, with a sheet a claim."""
    flow, _ = preflow(scaled(sheets), FORMAT, "claims.toml", "Aff")
    assert len(flow.sheets) == sheets and len(columns(FORMAT)) == 8
    return flow


def typing_into(
    flow: Flow, also: Callable[[Flow], object] | None = None, keys: int = EDITS
) -> Callable[[], object]:
    """`keys` keystrokes into the flow's first sheet, each as the flow screen takes it: an
    answer written across from the sheet's first argument, the sheet's drops, the sheet laid
    out (and `also`, given the whole flow, when given); the answer taken out again, so that
    each measure starts from the same flow."""
    sheet_id = next(iter(flow.sheets))
    answered, first = next(iter(flow.sheets[sheet_id].arguments.items()))
    speech = next_speeches(FORMAT)[first.speech]

    def type_into() -> object:
        for _ in range(keys):
            new = write(flow, FORMAT, sheet_id, speech, "No link.", answers=answered)
            sheet = flow.sheets[sheet_id]
            dropped = {drop.argument for drop in sheet_drops(sheet_id, sheet, FORMAT)}
            grid(sheet, FORMAT, dropped)
            if also is not None:
                also(flow)
            del sheet.arguments[new]
        return flow

    return type_into


def processor_time(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def flow_rows(rounds: int) -> list[Row]:
    many, one = round_of(SHEETS), round_of(1)
    in_many, in_one = typing_into(many), typing_into(one)
    pairs = [(processor_time(in_many), processor_time(in_one)) for _ in range(rounds)]
    ours, theirs = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    arguments = sum(len(sheet.arguments) for sheet in many.sheets.values())
    rows: list[Row] = [
        (
            f"{EDITS} keys typed into a flow, {SHEETS} sheets of 8 columns ({arguments} "
            f"arguments; {ours / EDITS * 1e3:.2f} ms a key) / into one sheet",
            "1.2",
            ours / theirs,
            ours,
        )
    ]
    data = to_data(many)
    journal = [
        (
            processor_time(lambda: dumps(many)),
            processor_time(lambda: tomli_w.dumps(data, multiline_strings=True)),
        )
        for _ in range(rounds)
    ]
    ours, theirs = (
        statistics.median(p[0] for p in journal),
        statistics.median(p[1] for p in journal),
    )
    size = len(dumps(many).encode("utf-8")) / 1e3
    rows.append(
        (
            f"Whole {SHEETS}-sheet flow written (flow_file.dumps, {size:.0f} kB) "
            "/ tomli_w.dumps of its data",
            "report",
            ours / theirs,
            ours,
        )
    )
    return rows
