"""`workbook time FORMAT`: the speech and prep timer of a format, on its own, with no workbook
open; or `workbook time W.toml`: the timer of the format the workbook prepares for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CRASHED, EXIT_OK, complain
from workbook.storage.files import WorkbookError

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    timer = subparsers.add_parser("time")
    timer.add_argument(
        "format",
        metavar="FORMAT",
        help="a format's key or name (see: formats), or a workbook (.toml): the format it names",
    )
    return timer


def run(args: argparse.Namespace) -> int:
    from workbook.practice.format_file import load_formats
    from workbook.practice.formats import format_of
    from workbook.storage.store import load

    try:
        formats = load_formats()
        workbook = Path(args.format)
        if workbook.suffix.lower() == ".toml":  # a workbook: the format it prepares for
            debate_format = load(workbook).debate_format
            try:
                key = format_of(formats, debate_format).key
            except WorkbookError as error:
                raise WorkbookError(f"{workbook}: {error}") from None
        else:
            key = formats.get(args.format).key
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    from workbook.tui.timer_app import TimerApp

    app = TimerApp(formats, key)
    app.run()
    if app.crash:
        complain(f"workbook time: {app.crash}")
        return EXIT_CRASHED
    return EXIT_OK
