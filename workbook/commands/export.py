"""`workbook export`: the brief, or the workbook for another tool, beside it or where asked.

It never writes over what it was made from: the workbook, its essay, or the bundled seed; nor,
by its default name, through a link out of the workbook's folder (see storage/owned.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook import exports
from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, say_data
from workbook.exports.brief import DEFAULT_RATE, BriefOptions
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.core.model import Workbook


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    export = subparsers.add_parser("export")
    export.add_argument("path", type=Path, metavar="PATH")
    # The formats' keys, what each is, the names that ask for them and where each goes by
    # default: all from the rows of workbook/exports/__init__.py.
    described = [
        f"{row.key} ({row.description})" if row.description else row.key for row in exports.EXPORTS
    ]
    asking = [row.suffixes[0] for row in exports.EXPORTS[1:]]
    export.add_argument(
        "--to",
        choices=[row.key for row in exports.EXPORTS],
        help=f"{_listed(described)}; an OUT ending in {_listed(asking)} chooses too",
    )
    beside = _listed([row.default_name.format("NAME") for row in exports.EXPORTS])
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=f"where to write (default beside PATH: {beside}; - for standard output)",
    )
    export.add_argument("--ours", metavar="SIDE", help="the side whose column comes first")
    one_side = _listed([row.key for row in exports.EXPORTS if row.one_side])
    export.add_argument(
        "--side", metavar="SIDE", help=f"that side alone, in a file of its own ({one_side})"
    )
    export.add_argument(
        "--disclosure",
        action="store_true",
        help=f"each card's tag, cite and first and last words, as openCaselist's ({one_side})",
    )
    export.add_argument(
        "--cites-only", action="store_true", help="leave out the cards' quoted texts"
    )
    export.add_argument(
        "--judge",
        action="store_true",
        help="a copy for the judge: no open slot, note, strength or coverage "
        f"({_listed([row.key for row in exports.EXPORTS if row.judge])})",
    )
    export.add_argument(
        "--rate",
        type=int,
        default=DEFAULT_RATE,
        metavar="WPM",
        help=f"words a minute for reading times (default {DEFAULT_RATE})",
    )
    return export


def run(args: argparse.Namespace) -> int:
    from workbook.core.model import side_named
    from workbook.storage.store import load_with_essay

    try:
        workbook, paragraphs = load_with_essay(args.path)
        ours = side_named(workbook, args.ours) if args.ours else None
        if args.ours and ours is None:
            raise WorkbookError(
                f"--ours: no side {args.ours!r} (sides: {', '.join(workbook.sides)})"
            )
        if args.rate < 1:
            raise WorkbookError(f"--rate: must be a positive number of words (got {args.rate})")
        to = args.to or exports.format_of(args.output)
        side = _one_side(args, to, workbook)
        options = BriefOptions(
            ours=ours,
            card_text=not args.cites_only,
            rate=args.rate,
            side=side,
            disclosure=args.disclosure,
            judge=args.judge,
            paragraphs=tuple(paragraphs) if paragraphs is not None else None,
        )
        try:
            data = exports.export_bytes(workbook, to, options)
        except WorkbookError as error:  # a format with no place for what the workbook is
            raise WorkbookError(f"{args.path}: {error}") from None
        if args.output == "-":
            say_data(data if exports.export_format(to).binary else data.decode("utf-8"))
            return EXIT_OK
        output = Path(args.output) if args.output else None
        out = exports.write_export(workbook, args.path, to, data, output)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    print(one_line(f"{args.path}: {exports.export_format(to).called} written to {out}"))
    return EXIT_OK


def _one_side(args: argparse.Namespace, to: str, workbook: Workbook) -> str | None:
    """The side --side names, refused in one line where the format writes no one side; and
    --disclosure and --judge refused where the format does not write them."""
    from workbook.core.model import side_named

    row = exports.export_format(to)
    for option, given in (("--side", args.side is not None), ("--disclosure", args.disclosure)):
        if given and not row.one_side:
            takes = _listed([r.key for r in exports.EXPORTS if r.one_side])
            raise WorkbookError(f"{option}: only --to {takes} writes it (not {to})")
    if args.judge and not row.judge:
        takes = _listed([r.key for r in exports.EXPORTS if r.judge])
        raise WorkbookError(f"--judge: only --to {takes} writes it (not {to})")
    if args.side is None:
        return None
    side = side_named(workbook, args.side)
    if side is None:
        raise WorkbookError(f"--side: no side {args.side!r} (sides: {', '.join(workbook.sides)})")
    return side


def _listed(words: list[str]) -> str:
    """The words as a sentence lists them: "a, b or c"."""
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)
