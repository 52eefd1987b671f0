"""`workbook check`: validate workbooks, and say per side what each lacks.

It fails (status 1) on conflicts a merge left, and (status 2) on a file that is no valid workbook.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, complain, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    check = subparsers.add_parser("check")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    return check


def run(args: argparse.Namespace) -> int:
    from workbook.core.conflicts import conflict_lines
    from workbook.core.coverage import check_summary
    from workbook.storage.store import load_with_essay

    status = EXIT_OK
    for path in args.paths:
        try:
            workbook, paragraphs = load_with_essay(path)
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
            continue
        say(check_summary(workbook, one_line(str(path))))
        if paragraphs is None:  # valid, but nothing to hold its claims' quotes against
            essay = workbook.essay.file
            where = f"its essay {essay} is not beside it" if essay else "it names no essay file"
            say(one_line(f"  quotes not checked: {where}"))
        if workbook.conflicts:  # a merge's conflicts left to resolve fail the check
            say("\n".join(conflict_lines(workbook)))
            status = max(status, EXIT_CHANGED)
    return status
