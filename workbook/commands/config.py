"""`workbook config`: the user's settings, set once for every workbook. One for now: the
initials a cutter signs the cards they cut with, at the end of each card's full cite."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, say
from workbook.storage.files import WorkbookError

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    config = subparsers.add_parser("config")
    config.add_argument("setting", choices=["initials"], help="the setting: initials")
    config.add_argument(
        "value", nargs="?", help="its new value (AB, J.D.); without one, print the setting"
    )
    config.add_argument("--unset", action="store_true", help="take the setting out")
    return config


def run(args: argparse.Namespace) -> int:
    from workbook.storage.locations import config_file
    from workbook.storage.user_config import read_initials, set_initials

    try:
        if args.unset and args.value is not None:
            raise WorkbookError("config: give a value or --unset, not both")
        if args.unset or args.value is not None:
            written = set_initials(None if args.unset else args.value)
            now = args.value if args.value is not None else "none"
            say(f"initials: {now} (in {written})")
            return EXIT_OK
        initials = read_initials()
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    if initials:
        say(initials)
    else:
        say(f"no initials set in {config_file()}: workbook config initials AB sets them")
    return EXIT_OK
