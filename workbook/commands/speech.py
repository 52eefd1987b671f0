"""`workbook speech`: a speech built from a side's points and cards, timed at a reading rate, as
Markdown, or as a Word file in Verbatim's structure (an output ending in .docx), and its marked
copy (--marked): what is read in the speech's time, marked where reading stopped."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, say_data
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    speech = subparsers.add_parser("speech")
    speech.add_argument("path", type=Path, metavar="PATH")
    speech.add_argument("--side", required=True, metavar="S", help="the side that speaks")
    speech.add_argument("--speech", required=True, metavar="NAME", help="the speech, e.g. 1AC")
    speech.add_argument(
        "--format",
        metavar="FORMAT",
        help="the format (default: the workbook's debate_format, or policy-hs)",
    )
    speech.add_argument(
        "--claims", nargs="+", default=[], metavar="ID", help="only these claims, in this order"
    )
    speech.add_argument(
        "--answers",
        action="store_true",
        help="only the side's answers to the other side's points",
    )
    speech.add_argument(
        "--rate", default="250", metavar="N", help="words a minute, or lay, spreading (default 250)"
    )
    speech.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write: OUT.docx for a Word file (default: Markdown to standard output)",
    )
    speech.add_argument(
        "--marked",
        action="store_true",
        help="the marked copy: what is read in the speech's time, marked where reading stopped "
        "(a Word file: -o OUT.docx)",
    )
    return speech


def run(args: argparse.Namespace) -> int:
    from workbook.core.model import is_library, side_named
    from workbook.practice.format_file import load_formats
    from workbook.practice.formats import format_of
    from workbook.practice.speech import (
        candidates,
        markdown,
        parse_rate,
        plan_of,
        word,
        write_speech,
        write_speech_word,
    )
    from workbook.storage.store import load
    from workbook.storage.user_config import read_initials

    try:
        as_word = bool(args.output) and Path(args.output).suffix.lower() == ".docx"
        if args.marked and not as_word:
            raise WorkbookError("--marked: a marked copy is a Word file: give -o OUT.docx")
        rate = parse_rate(args.rate)
        workbook = load(args.path)
        if is_library(workbook):
            raise WorkbookError(f"{args.path}: a card library has no sides or claims to speak from")
        formats = load_formats()
        if args.format:
            fmt = formats.get(args.format)
        else:
            try:
                fmt = format_of(formats, workbook.debate_format)
            except WorkbookError as error:
                raise WorkbookError(f"{args.path}: {error}") from None
        spoken = fmt.speech(args.speech)
        if spoken is None:
            names = ", ".join(dict.fromkeys(s.name for s in fmt.speeches))
            raise WorkbookError(f"--speech: no speech {args.speech!r} in {fmt.name} ({names})")
        side = side_named(workbook, args.side)
        if side is None:
            raise WorkbookError(
                f"--side: no side {args.side!r} (sides: {', '.join(workbook.sides)})"
            )
        for claim_id in args.claims:
            if claim_id not in workbook.claims:
                raise WorkbookError(f"--claims: no claim {claim_id!r} in {args.path}")
        found = candidates(workbook, side, args.claims or None, answers_only=args.answers)
        plan = plan_of(side, spoken, found, workbook)
        if as_word:
            data = word(workbook, plan, rate, marked=args.marked, author=read_initials())
            output = Path(args.output)
            out = write_speech_word(workbook, args.path, spoken.name, data, args.marked, output)
            print(one_line(f"{args.path}: speech written to {out}"))
            return EXIT_OK
        text = markdown(workbook, plan, rate)
        if not args.output or args.output == "-":
            say_data(text)
            return EXIT_OK
        out = write_speech(workbook, args.path, spoken.name, text, Path(args.output))
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    print(one_line(f"{args.path}: speech written to {out}"))
    return EXIT_OK
