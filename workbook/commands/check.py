"""`workbook check`: validate workbooks, say per side what each lacks, and prove every card
cut from a source against the source's stored text.

It fails (status 1) on conflicts a merge left, and (status 2) on a file that is no valid
workbook, as on a card that is no longer its source's words; passages joined by an ellipsis
are a warning, and do not fail it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, complain, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from workbook.commands import Subparsers
    from workbook.core.model import Workbook


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    check = subparsers.add_parser("check")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    return check


def run(args: argparse.Namespace) -> int:
    from workbook.core.conflicts import conflict_lines
    from workbook.core.coverage import check_summary
    from workbook.essay.proofs import prove_cards, unread_line
    from workbook.storage.store import load_with_essay

    status = EXIT_OK
    for path in args.paths:
        try:
            workbook, paragraphs = load_with_essay(path)
            _check_format(workbook, path)
            proofs = prove_cards(workbook, _texts(workbook, path, paragraphs))
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
            continue
        say(check_summary(workbook, one_line(str(path))))
        if paragraphs is None and workbook.essay is not None:
            # Valid, but nothing to hold its claims' quotes against.
            essay = workbook.essay.file
            where = f"its essay {essay} is not beside it" if essay else "it names no essay file"
            say(one_line(f"  quotes not checked: {where}"))
        if proofs.standings:
            say(one_line(f"  {proofs.counts()}"))
        for card_id, warning in proofs.joined.items():
            say(one_line(f"  cards.{card_id}.text: {warning}"))
        for source_id, card_ids in proofs.unread.items():
            say(one_line(f"  {unread_line(workbook, source_id, card_ids)}"))
        if workbook.conflicts:  # a merge's conflicts left to resolve fail the check
            say("\n".join(conflict_lines(workbook)))
            status = max(status, EXIT_CHANGED)
        for card_id, problem in proofs.drifted.items():  # as a quote not the essay's words
            complain(f"{path}: cards.{card_id}.text: {problem}")
            status = EXIT_BAD_INPUT
    return status


def _check_format(workbook: Workbook, path: Path) -> None:
    """A workbook's debate format is one of the formats (the model knows only its shape):
    checked only when it names one, so that a bad formats file fails no other workbook."""
    if workbook.debate_format is None:
        return
    from workbook.practice.format_file import load_formats
    from workbook.practice.formats import format_of

    formats = load_formats()  # its own errors name its own file
    try:
        format_of(formats, workbook.debate_format)
    except WorkbookError as error:
        raise WorkbookError(f"{path}: {error}") from None


def _texts(
    workbook: Workbook, path: Path, essay: list[str] | None
) -> Callable[[str], list[str] | None]:
    """What reads a source's stored text for its cards' proofs: the essay's is read already."""
    from workbook.core.model import ESSAY
    from workbook.storage.texts import source_paragraphs

    def text_of(source_id: str) -> list[str] | None:
        return essay if source_id == ESSAY else source_paragraphs(workbook, path, source_id)

    return text_of
