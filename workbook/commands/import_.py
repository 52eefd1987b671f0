"""`workbook import`: a squad's Word files (Verbatim's Pockets, Hats, Blocks and Tags) read
into a workbook's card library, one summary line per file.

A folder stands for the .docx files in it and in its folders. Every file is read before
anything is written: one that cannot be read is one line, status 2, and the workbook untouched.
Without `-o`, the cards go into cards.toml in the current folder, made a card library when it
does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    complain,
    progress,
    progress_done,
    say,
)
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers

DEFAULT_OUT = Path("cards.toml")


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    command = subparsers.add_parser(
        "import",
        description="Read Word files in Verbatim's structure into a workbook's card library: "
        "each card's tag, cite, text and marks, filed under its Pocket, Hat and Block. A card "
        "already in the library is not added again. Nothing is written unless every file is "
        "read.",
    )
    command.add_argument(
        "paths", nargs="+", type=Path, metavar="FILE", help="Word files (.docx), or folders of them"
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUT,
        metavar="OUT",
        help=f"the workbook whose library takes the cards (default: {DEFAULT_OUT} here); "
        "made a card library when it does not exist",
    )
    command.add_argument(
        "--title", default="", help="a new card library's title (default: the first file's name)"
    )
    return command


def run(args: argparse.Namespace) -> int:
    from workbook.importing.word_import import import_word_files

    shown = _progress if sys.stderr.isatty() else None
    try:
        if "\n" in args.title or "\r" in args.title:
            raise WorkbookError("--title: one line")
        imported = import_word_files(args.paths, args.output, args.title.strip(), shown)
    except WorkbookError as error:
        _end_progress(shown)
        complain(error)
        return EXIT_BAD_INPUT
    _end_progress(shown)
    for report in imported.files:
        say(one_line(report.line()))
    return EXIT_OK


def _progress(number: int, total: int, path: Path) -> None:
    """On a terminal, the file being read, over the line before: a folder of files takes time."""
    if total > 1:
        progress(f"reading {number} of {total}: {path.name}")


def _end_progress(shown: object) -> None:
    if shown is not None:
        progress_done()
