"""`workbook cards`: the evidence cards of workbooks and folders of them, and where each is read.

Only the parser is here at start-up; the models load when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK


def add_parser(commands: Any) -> None:
    cards = commands.add_parser(
        "cards", help="list the evidence cards of workbooks, and where each is read"
    )
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


def run_cards(args: argparse.Namespace) -> int:
    from workbook.commands.finding import print_cards

    return EXIT_BAD_INPUT if print_cards(args.paths, args.search, args.json) else EXIT_OK
