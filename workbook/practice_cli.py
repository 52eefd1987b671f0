"""The practice commands: `workbook formats` and `workbook time FORMAT`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .files import WorkbookError, one_line

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parsers(commands: Any) -> None:
    commands.add_parser(
        "formats", help="list the debate formats with their speeches and prep times"
    )
    timer = commands.add_parser("time", help="open the speech and prep timer for a format")
    timer.add_argument("format", metavar="FORMAT", help="a format's key or name (see: formats)")


def complain(message: object) -> None:
    print(one_line(str(message)), file=sys.stderr)


def run_formats(args: argparse.Namespace) -> int:
    from .formats import listing, load_formats

    try:
        formats = load_formats()
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    print("\n".join(one_line(line) for line in listing(formats)))
    return EXIT_OK


def run_time(args: argparse.Namespace) -> int:
    from .formats import load_formats

    try:
        formats = load_formats()
        key = formats.get(args.format).key
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    from .tui.timer_app import TimerApp

    TimerApp(formats, key).run()
    return EXIT_OK


HANDLERS = {"formats": run_formats, "time": run_time}
