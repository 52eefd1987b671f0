"""`workbook suggest`: the essay's sentences that read most like claims, best first.

The scoring loads once its arguments are read, so that a wrong argument is reported at once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, json_text, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers

DEFAULT_TOP = 10


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
        "--why",
        action="store_true",
        help="say why each was suggested: the features that raised it, strongest first",
    )
    return suggest


def _essay_for_suggest(path: Path) -> tuple[list[str], list[int], str]:
    """The essay to suggest claims from: its paragraphs, the numbers of its headings, its title.

    A workbook (`.toml`) gives the essay whose text lies beside it; any other file is the essay
    itself: plain text, Markdown or a saved web page, read as `workbook new` reads them.
    """
    if path.suffix.lower() == ".toml":
        from workbook.core.model import without_essay
        from workbook.storage.store import load_with_essay

        workbook, paragraphs = load_with_essay(path)
        if workbook.essay is None:
            what = without_essay(workbook)
            raise WorkbookError(f"{path}: {what} has no essay to suggest claims from")
        if paragraphs is None:
            name = workbook.essay.file
            where = f"its essay {name} is not there" if name else "it names no essay file"
            raise WorkbookError(f"{path}: {where}; suggest needs the essay's text")
        return paragraphs, list(workbook.essay.headings), workbook.essay.title
    from workbook.importing.source import read_document

    document = read_document(path)
    return document.paragraphs, document.headings, document.title


def run(args: argparse.Namespace) -> int:
    from workbook.essay.suggest import suggest

    try:
        top = int(args.top) if args.top.strip().isdecimal() else 0
        if top < 1:
            raise WorkbookError(f"--top: must be a whole number above 0 (got {args.top!r})")
        paragraphs, headings, title = _essay_for_suggest(args.path)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    found = suggest(paragraphs, headings, title, top)
    if args.json:
        listed = [{"paragraph": s.paragraph, "quote": s.quote, "score": s.score} for s in found]
        if args.why:
            for item, suggestion in zip(listed, found, strict=True):
                item["why"] = list(suggestion.why)
        say(json_text(listed))
        return EXIT_OK
    # On a terminal each suggestion keeps to one screen line; into a file or a pipe it is whole.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    digits = len(str(max((s.paragraph for s in found), default=1)))
    for suggestion in found:
        line = f"¶{suggestion.paragraph:<{digits}}  {suggestion.score:.2f}  "
        line += one_line(suggestion.quote)
        lines = [line]
        if args.why:
            lines.append(f"{' ' * (digits + 1)}  why: {', '.join(suggestion.why)}")
        for line in lines:
            say(line if not width or len(line) <= width else line[: width - 1] + "…")
    return EXIT_OK
