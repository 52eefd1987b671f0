"""`workbook new`: a workbook started from an essay, or read back from its Argdown export.

The reading and building load once its arguments are read, so that a wrong argument is reported
at once.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    new = subparsers.add_parser("new")
    new.add_argument(
        "source",
        nargs="?",
        metavar="SOURCE",
        help="the essay's file, or - for standard input; none, with --motion and -o: a workbook "
        "of the motion alone (limited prep)",
    )
    new.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the workbook to write (default: SOURCE's name with .toml, in the current folder); "
        "its essay's text goes beside it, with .txt",
    )
    new.add_argument("--motion", default="", metavar="TEXT", help="the motion being debated")
    new.add_argument(
        "--side",
        action="append",
        default=[],
        metavar="KEY=NAME",
        help="name a side (twice: both sides)",
    )
    new.add_argument("--force", action="store_true", help="replace the workbook and its essay")
    new.add_argument(
        "--from",
        dest="source_format",
        choices=("essay", "argdown"),
        default="essay",
        help="argdown: SOURCE is a workbook's Argdown export, read back whole",
    )
    return new


def run(args: argparse.Namespace) -> int:
    import shlex

    from workbook.importing.importer import build_workbook, choose_sides, parse_side, write_new
    from workbook.importing.source import STDIN, read_document, source_name

    if args.source is None:
        return _from_motion(args)
    if args.source_format == "argdown":
        return _from_argdown(args)
    try:
        sides = [parse_side(spec) for spec in args.side]
        choose_sides(args.motion.strip(), sides)
    except ValueError as error:
        complain(f"--side: {error}")
        return EXIT_BAD_INPUT
    if args.source == STDIN and not args.output:
        complain("-o: name the workbook to write when the essay comes from standard input")
        return EXIT_BAD_INPUT
    source = None if args.source == STDIN else Path(args.source)
    out = Path(args.output) if args.output else Path(Path(args.source).stem + ".toml")
    try:
        document = read_document(args.source)
        workbook = build_workbook(
            document,
            out,
            fallback_title=(source or out).stem,
            motion=args.motion,
            sides=sides,
        )
        write_new(workbook, document, out, force=args.force, source=source)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    count = len(document.paragraphs)
    paragraphs = "1 paragraph" if count == 1 else f"{count} paragraphs"
    print(
        one_line(
            f"{out}: {paragraphs} from {source_name(args.source)}; "
            f"open it with: workbook {shlex.quote(str(out))}"
        )
    )
    return EXIT_OK


def _from_motion(args: argparse.Namespace) -> int:
    """No essay: a workbook of the motion alone, for a round whose motion is announced."""
    import shlex

    from workbook.importing.importer import motion_workbook, parse_side, write_motion_only

    if args.source_format == "argdown":
        complain("SOURCE: name the Argdown file to read")
        return EXIT_BAD_INPUT
    if not args.motion.strip():
        complain("SOURCE: name the essay, or give --motion TEXT for a workbook of a motion alone")
        return EXIT_BAD_INPUT
    if not args.output:
        complain("-o: name the workbook to write for a motion alone (-o M.toml)")
        return EXIT_BAD_INPUT
    out = Path(args.output)
    try:
        sides = [parse_side(spec) for spec in args.side]
    except ValueError as error:
        complain(f"--side: {error}")
        return EXIT_BAD_INPUT
    try:
        write_motion_only(motion_workbook(out, args.motion, sides), out, force=args.force)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    print(one_line(f"{out}: the motion alone; open it with: workbook {shlex.quote(str(out))}"))
    return EXIT_OK


def _from_argdown(args: argparse.Namespace) -> int:
    from workbook.exports.argdown import write_workbook

    source = Path(args.source)
    out = Path(args.output) if args.output else Path(source.stem + ".toml")
    try:
        back = write_workbook(source, out, force=args.force)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    # What the Argdown added or left out is said, so that a point lost by mistake is seen.
    changed = [f"{count} {what}" for count, what in ((back.added, "new"), (back.removed, "gone"))]
    points = sum(len(claim.points) for claim in back.workbook.claims.values())
    said = f"{len(back.workbook.claims)} claims, {points} points"
    if back.added or back.removed:
        said += f" ({', '.join(c for c in changed if not c.startswith('0 '))})"
    print(one_line(f"{out}: {said} from {source}"))
    return EXIT_OK
