"""`workbook formats`: the debate formats, built in and the user's own, with their speeches and
prep times."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    return subparsers.add_parser("formats")


def run(args: argparse.Namespace) -> int:
    from workbook.practice.format_file import load_formats
    from workbook.practice.formats import listing

    try:
        formats = load_formats()
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    say("\n".join(one_line(line) for line in listing(formats)))
    return EXIT_OK
