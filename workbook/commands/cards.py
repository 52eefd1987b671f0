"""`workbook cards`: the evidence cards of workbooks and folders of them, and where each is read.

The models load once its arguments are read, so that a wrong argument is reported at once.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    cards = subparsers.add_parser("cards")
    cards.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="workbooks, or folders of them"
    )
    cards.add_argument(
        "--search",
        default="",
        metavar="WORDS",
        help="only cards that fit every word: cite, tag, full cite, text or notes",
    )
    cards.add_argument("--json", action="store_true", help="print a JSON list of cards")
    return cards


def run(args: argparse.Namespace) -> int:
    from workbook.commands.finding import print_cards

    return EXIT_BAD_INPUT if print_cards(args.paths, args.search, args.json) else EXIT_OK
