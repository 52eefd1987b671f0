"""`workbook flow`: a round of a workbook flowed in a format. `flow new` starts one pre-flowed
from the prep; `flow check` lists what each side dropped; `flow export` writes the flow as a
spreadsheet in Verbatim Flow's layout or as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    complain,
    json_text,
    say,
    say_data,
)
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers


# The words of a drop that `flow check` shows: enough to know the argument by, on one line.
_WORDS_MOST = 60


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    flow = subparsers.add_parser("flow")
    actions = flow.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="start a round of a workbook, pre-flowed from the prep")
    new.add_argument("workbook", type=Path, metavar="WORKBOOK")
    new.add_argument("--format", required=True, metavar="F", help="a key of `workbook formats`")
    new.add_argument("--as", dest="ours", required=True, metavar="SIDE", help="the side you debate")
    new.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    new.add_argument(
        "--force", action="store_true", help="replace OUT when it exists (kept as OUT.bak)"
    )
    for name in ("tournament", "round", "opponent", "judge"):
        new.add_argument(f"--{name}", default="", metavar=name[0].upper())
    check = actions.add_parser("check", help="list the arguments each side dropped")
    check.add_argument("path", type=Path, metavar="FLOW")
    check.add_argument("--json", action="store_true", help='as JSON: {"dropped": [...]}')
    export = actions.add_parser("export", help="write the flow as a spreadsheet or Markdown")
    export.add_argument("path", type=Path, metavar="FLOW")
    export.add_argument("--to", required=True, choices=("xlsx", "md"))
    export.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="where to write; - for standard output"
    )
    return flow


def run(args: argparse.Namespace) -> int:
    try:
        if args.action == "new":
            return _new(args)
        if args.action == "check":
            return _check(args)
        return _export(args)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT


def _new(args: argparse.Namespace) -> int:
    from workbook.core.coverage import count
    from workbook.practice.flow_file import start_round
    from workbook.practice.format_file import load_formats
    from workbook.practice.preflow import Round
    from workbook.storage.store import load

    formats = load_formats()
    try:
        fmt = formats.get(args.format)
    except WorkbookError as error:
        raise WorkbookError(f"--format: {error}") from None
    output: Path = args.output
    if str(output) == "-":
        raise WorkbookError("-o: a flow is a file the round is kept in; name one (R.flow.toml)")
    if not args.force and (output.exists() or output.is_symlink()):
        # Told before the workbook is read: a slip of the keyboard must not start it over.
        raise WorkbookError(f"{output}: already there; --force replaces it (kept as .bak)")
    from workbook.practice.flow_file import workbook_name

    workbook_name(output, args.workbook)  # refused before the workbook is read
    workbook = load(args.workbook)
    meta = Round(args.tournament, args.round, args.opponent, args.judge)
    flow, left_off = start_round(
        args.workbook, workbook, fmt, args.ours, output, meta, force=args.force
    )
    arguments = sum(len(sheet.arguments) for sheet in flow.sheets.values())
    sheets, prepared = count(flow.sheets, "sheet"), count(arguments, "prepared argument")
    said = f"{output}: {sheets}, {prepared}, {fmt.name}"
    if left_off:
        said += f"; {count(left_off, 'prepared answer')} after its side's last speech, left off"
    print(one_line(said))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from workbook.practice.flow import drops
    from workbook.practice.flow_file import read_flow

    opened = read_flow(args.path)
    found = drops(opened.flow, opened.fmt)
    if args.json:
        entries = [
            {
                "speech": drop.speech,
                "side": drop.side,
                "text": drop.text,
                "sheet": drop.sheet,
                "id": drop.argument,
                "unanswered_in": drop.unanswered_in,
                "point": drop.point,
            }
            for drop in found
        ]
        say(json_text({"dropped": entries}))
        return EXIT_OK
    lines = [f"{args.path}: {len(found)} dropped"]
    for drop in found:
        words = " ".join(drop.text.split()) or "(no words)"
        words = words if len(words) <= _WORDS_MOST else words[: _WORDS_MOST - 1] + "…"
        lines.append(
            f"  {drop.sheet} {drop.speech} ({drop.side}): {drop.argument}: {words}"
            f" (not answered in {drop.unanswered_in})"
        )
    say("\n".join(lines))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from workbook.practice.flow_file import read_flow
    from workbook.practice.flow_sheets import exported, write_export

    opened = read_flow(args.path)
    if args.output == Path("-"):
        say_data(exported(opened, args.to))  # a spreadsheet is refused on a terminal
        return EXIT_OK
    out = write_export(opened, args.path, args.to, args.output)
    print(one_line(f"{args.path}: flow written to {out}"))
    return EXIT_OK
