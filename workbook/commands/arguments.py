"""Arguments that more than one command takes, written once so that they read the same."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_workbook_arguments(parser: argparse.ArgumentParser) -> None:
    """The workbook the app opens, and the side it prepares first (`open` and `serve`)."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a workbook file (default: the seed, or the copy of it saved here)",
    )
    parser.add_argument("--ours", metavar="SIDE", help="the side to prepare first (key or name)")
