"""`workbook suggest`: the essay's sentences that read most like claims, best first.

A workbook's list is the one its essay view marks with ○ (see essay/suggested.py): the same
rule, the same ranks. The scoring loads once its arguments are read, so that a wrong argument
is reported at once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, json_text, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.essay.suggested import Listed

DEFAULT_TOP = 10  # essay/suggested.py's TOP, which tests/test_suggest.py holds it to
# What --all marks each suggestion with: open, a claim already, dismissed.
OPEN, TAKEN, DISMISSED = "○", "●", "×"


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    suggest = subparsers.add_parser("suggest")
    suggest.add_argument(
        "path", type=Path, metavar="FILE", help="a workbook, or an essay as plain text"
    )
    # Read as text and checked by the command, so that a bad value gets one line like any
    # other bad input.
    suggest.add_argument(
        "--top",
        default=str(DEFAULT_TOP),
        metavar="N",
        help=f"how many sentences to list (default {DEFAULT_TOP})",
    )
    suggest.add_argument(
        "--json", action="store_true", help="print a JSON list of paragraph, quote and score"
    )
    suggest.add_argument(
        "--all",
        action="store_true",
        help=f"mark each: {OPEN} rank, {TAKEN} a claim already, {DISMISSED} dismissed (listed too)",
    )
    suggest.add_argument(
        "--why",
        action="store_true",
        help="say why each was suggested: the features that raised it, strongest first",
    )
    return suggest


def _suggestions(path: Path, top: int, dismissed_too: bool) -> list[Listed]:
    """The list for the essay at `path` (see `_essay_for_suggest`): a workbook's own, its
    claims and dismissals known; an essay's alone, with neither."""
    from workbook.essay.suggest import suggest
    from workbook.essay.suggested import listed, suggestions_for

    if path.suffix.lower() == ".toml":
        from workbook.storage.store import load_with_essay

        workbook, paragraphs = load_with_essay(path)
        _check_essay(path, workbook, paragraphs)
        assert paragraphs is not None
        return suggestions_for(workbook, paragraphs, top, dismissed_too)
    paragraphs, headings, title = _essay_for_suggest(path)
    return listed(suggest(paragraphs, headings, title), {}, (), top, dismissed_too)


def _check_essay(path: Path, workbook: Any, paragraphs: list[str] | None) -> None:
    from workbook.core.model import without_essay

    if workbook.essay is None:
        what = without_essay(workbook)
        raise WorkbookError(f"{path}: {what} has no essay to suggest claims from")
    if paragraphs is None:
        name = workbook.essay.file
        where = f"its essay {name} is not there" if name else "it names no essay file"
        raise WorkbookError(f"{path}: {where}; suggest needs the essay's text")


def _essay_for_suggest(path: Path) -> tuple[list[str], list[int], str]:
    """The essay to suggest claims from: its paragraphs, the numbers of its headings, its title.

    A workbook (`.toml`) gives the essay whose text lies beside it; any other file is the essay
    itself: plain text, Markdown or a saved web page, read as `workbook new` reads them.
    """
    if path.suffix.lower() == ".toml":
        from workbook.storage.store import load_with_essay

        workbook, paragraphs = load_with_essay(path)
        _check_essay(path, workbook, paragraphs)
        assert workbook.essay is not None and paragraphs is not None
        return paragraphs, list(workbook.essay.headings), workbook.essay.title
    from workbook.importing.source import read_document

    document = read_document(path)
    return document.paragraphs, document.headings, document.title


def run(args: argparse.Namespace) -> int:
    try:
        top = int(args.top) if args.top.strip().isdecimal() else 0
        if top < 1:
            raise WorkbookError(f"--top: must be a whole number above 0 (got {args.top!r})")
        found = _suggestions(args.path, top, args.all)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    if args.json:
        say(json_text([_as_json(item, args.all, args.why) for item in found]))
        return EXIT_OK
    # On a terminal each suggestion keeps to one screen line; into a file or a pipe it is whole.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    digits = len(str(max((item.suggestion.paragraph for item in found), default=1)))
    ranks = len(str(top))
    for item in found:
        suggestion = item.suggestion
        line = f"¶{suggestion.paragraph:<{digits}}  {suggestion.score:.2f}  "
        if args.all:
            line += f"{_mark(item)}{item.rank or '':<{ranks}}  "
        line += one_line(suggestion.quote)
        if args.all and item.claim_id:
            line += f"  (claim {item.claim_id})"
        lines = [line]
        if args.why:
            lines.append(f"{' ' * (digits + 1)}  why: {', '.join(suggestion.why)}")
        for shown in lines:
            say(shown if not width or len(shown) <= width else shown[: width - 1] + "…")
    return EXIT_OK


def _mark(item: Listed) -> str:
    return DISMISSED if item.dismissed else TAKEN if item.claim_id else OPEN


def _as_json(item: Listed, marked: bool, why: bool) -> dict[str, Any]:
    suggestion = item.suggestion
    shown: dict[str, Any] = {
        "paragraph": suggestion.paragraph,
        "quote": suggestion.quote,
        "score": suggestion.score,
    }
    if marked:
        shown.update(rank=item.rank, claim=item.claim_id, dismissed=item.dismissed)
    if why:
        shown["why"] = list(suggestion.why)
    return shown
