"""The `workbook` command: open (the default), new, check, fmt, export, suggest, cards, serve,
merge and git-setup."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from . import __version__
from .files import WorkbookError, one_line, read_file, write_atomic
from .parallel import Parse
from .practice_cli import HANDLERS as PRACTICE
from .practice_cli import add_parsers as add_practice_parsers
from .seed import is_bundled, seed_path

# The models and the TOML store (pydantic) are imported where they are needed, and the other
# commands' modules only when one of them is asked for, so that `workbook` reaches the app's
# first frame without paying for them first.

COMMANDS: tuple[str, ...] = ("open", "new", "check", "fmt", "export", "suggest", "cards", "serve")
COMMANDS += ("merge", "git-setup", *PRACTICE)
EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_TOP = 10


def build_parser(only_open: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; `only_open` leaves out every command but open, for a start
    of the app that need not load the other commands' modules."""
    parser = argparse.ArgumentParser(
        prog="workbook",
        usage="workbook [PATH] [--ours SIDE]\n       workbook COMMAND [ARGS ...]",
        description="Prepare both sides of a debate, claim by claim. "
        "With no command, opens PATH (or the bundled seed) in the app.",
    )
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    opener = commands.add_parser("open", help="open a workbook in the app (the default)")
    opener.add_argument("path", nargs="?", type=Path, help="a workbook file (default: the seed)")
    opener.add_argument("--ours", metavar="SIDE", help="the side to prepare first (key or name)")
    if only_open:
        return parser
    from .cards_command import add_parser as add_cards_parser
    from .exports import add_parser as add_export_parser
    from .git_setup import add_parsers as add_git_parsers
    from .serve import add_parser as add_serve_parser

    new = commands.add_parser(
        "new", help="start a workbook from an essay (.txt, .md, a saved .html page, or -)"
    )
    new.add_argument("source", metavar="SOURCE", help="the essay's file, or - for standard input")
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

    check = commands.add_parser("check", help="validate workbooks and show what each side lacks")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    fmt = commands.add_parser(
        "fmt", help="rewrite workbooks in the canonical form (an older format is upgraded)"
    )
    fmt.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    fmt.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is not canonical"
    )
    fmt.add_argument(
        "--fix-quotes",
        action="store_true",
        help="put the essay's own characters into quotes that differ from them only in quote "
        "marks, dashes, spacing or case",
    )

    add_export_parser(commands)

    suggest = commands.add_parser(
        "suggest", help="list the essay's sentences that read most like claims, best first"
    )
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
    add_cards_parser(commands)
    add_serve_parser(commands)
    add_git_parsers(commands)
    add_practice_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `workbook [PATH] [--ours SIDE]` is short for `workbook open ...`; only a command name or
    # the program's own options (help, version) mean otherwise.
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "open")
    args = build_parser(only_open=args_list[0] == "open").parse_args(args_list)
    handler = {
        "open": run_open,
        "new": run_new,
        "check": run_check,
        "fmt": run_fmt,
        "export": run_export,
        "suggest": run_suggest,
        "cards": lambda args: _run("cards_command", "run_cards", args),
        "serve": lambda args: _run("serve", "run_serve", args),
        "merge": lambda args: _run("git_setup", "run_merge", args),
        "git-setup": lambda args: _run("git_setup", "run_git_setup", args),
        **PRACTICE,
    }[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


def _run(module: str, name: str, args: argparse.Namespace) -> int:
    """Run a command whose module loads only when it is asked for."""
    run: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f".{module}", __package__), name
    )
    return run(args)


def complain(message: object) -> None:
    """One line on standard error, whatever a file's name or a value quoted in it holds."""
    print(one_line(str(message)), file=sys.stderr)


def run_open(args: argparse.Namespace) -> int:
    # Until the file is open, collecting garbage finds next to none, yet each full pass goes
    # over every object that importing Textual made: one of ~20 ms lands in the first frame.
    # The app collects again once the file is open and shown (`WorkbookApp.settle_garbage`).
    gc.disable()
    try:
        return open_in_app(args)
    finally:
        gc.unfreeze()
        gc.enable()


def open_in_app(args: argparse.Namespace) -> int:
    from .glance import first_look

    path: Path = args.path or seed_path()
    try:
        # Reading is quick even for a large file; parsing is left to the app, off its main thread.
        raw, text = read_file(path)
        # The file is parsed, and the app's first look at it worked out, on another core while
        # Textual starts here.
        parsing = Parse(text, partial(first_look, path=path, ours=args.ours))
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    from .tui.app import WorkbookApp  # the core runs without Textual; only the app needs it

    app = WorkbookApp(path, raw, text, ours=args.ours, parsing=parsing)
    app.run()
    if app.error:
        complain(app.error)
        return EXIT_BAD_INPUT
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    import shlex

    from .document import STDIN, read_document, source_name
    from .importer import build_workbook, choose_sides, parse_side, write_new

    if args.source_format == "argdown":
        return run_new_from_argdown(args)
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


def run_new_from_argdown(args: argparse.Namespace) -> int:
    from .argdown import write_workbook

    source = Path(args.source)
    out = Path(args.output) if args.output else Path(source.stem + ".toml")
    try:
        workbook = write_workbook(source, out, force=args.force)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    print(one_line(f"{out}: {len(workbook.claims)} claims from {source}"))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from .coverage import check_summary
    from .merging import conflict_lines
    from .store import load

    status = EXIT_OK
    for path in args.paths:
        try:
            workbook = load(path)
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
            continue
        print(check_summary(workbook, one_line(str(path))))
        if workbook.conflicts:  # a merge's conflicts left to resolve fail the check
            print("\n".join(conflict_lines(workbook)))
            status = max(status, EXIT_CHANGED)
    return status


def run_fmt(args: argparse.Namespace) -> int:
    from .model import FORMAT_VERSION
    from .store import dumps, load_fixing_quotes, read_workbook

    status = EXIT_OK
    for path in args.paths:
        try:
            if not args.check and is_bundled(path):
                raise WorkbookError(f"{path}: the bundled seed is read-only")
            raw, text = read_file(path)
            if args.fix_quotes:
                loaded, fixed = load_fixing_quotes(path, text)
            else:
                loaded, fixed = read_workbook(path, text), []
            canonical = dumps(loaded.workbook).encode("utf-8")
            if raw == canonical:
                continue
            upgrade = (
                f" (format {loaded.version}; the rewrite is format {FORMAT_VERSION})"
                if loaded.upgraded
                else ""
            )
            if args.check:
                why = "not in canonical form" + upgrade + quotes_fixed(fixed, " would take")
                complain(f"{path}: {why}")
                status = max(status, EXIT_CHANGED)
                continue
            write_atomic(path, canonical, keep_backup=True)
            done = f"upgraded to format {FORMAT_VERSION}" if loaded.upgraded else "reformatted"
            print(one_line(f"{path}: {done}{quotes_fixed(fixed, ' took')}"))
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
    return status


def quotes_fixed(claim_ids: list[str], verb: str) -> str:
    """What fmt adds when it fixed quotes: "; 2 quotes took the essay's characters (claims.a,
    claims.b)", with at most three ids named; "" when it fixed none."""
    if not claim_ids:
        return ""
    named = ", ".join(f"claims.{claim_id}" for claim_id in claim_ids[:3])
    more = f" and {len(claim_ids) - 3} more" if len(claim_ids) > 3 else ""
    count = f"{len(claim_ids)} quote" + ("s" if len(claim_ids) > 1 else "")
    return f"; {count}{verb} the essay's characters ({named}{more})"


def run_export(args: argparse.Namespace) -> int:
    from .model import side_named
    from .store import load

    try:
        workbook = load(args.path)
        ours = side_named(workbook, args.ours) if args.ours else None
        if args.ours and ours is None:
            raise WorkbookError(
                f"--ours: no side {args.ours!r} (sides: {', '.join(workbook.sides)})"
            )
        if args.rate < 1:
            raise WorkbookError(f"--rate: must be a positive number of words (got {args.rate})")
        from .brief import BriefOptions
        from .exports import default_path, export_bytes, format_of

        options = BriefOptions(ours=ours, card_text=not args.cites_only, rate=args.rate)
        to = args.to or format_of(args.output)
        data = export_bytes(workbook, to, options)
        if args.output == "-":
            if to == "docx":
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data.decode("utf-8"))
            return EXIT_OK
        out = Path(args.output) if args.output else default_path(args.path, to)
        refuse_inputs(out, args.path, workbook.essay.file)
        write_atomic(out, data)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    what = "brief" if to in ("md", "html") else to
    print(one_line(f"{args.path}: {what} written to {out}"))
    return EXIT_OK


def same_file(a: Path, b: Path) -> bool:
    """Whether two names lead to the same file, through links and any spelling of the path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one is not there (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(out: Path, path: Path, essay_file: str) -> None:
    """A brief written over the workbook or its essay would destroy what it was made from."""
    if is_bundled(out):
        raise WorkbookError(f"{out}: is among the bundled positions, which are read-only")
    if same_file(out, path):
        raise WorkbookError(f"{out}: is the workbook itself; write the brief to another file")
    if essay_file and same_file(out, path.parent / essay_file):
        raise WorkbookError(f"{out}: is the workbook's essay; write the brief to another file")


def essay_for_suggest(path: Path) -> tuple[list[str], list[int], str]:
    """The essay to suggest claims from: its paragraphs, the numbers of its headings, its title.

    A workbook (`.toml`) gives the essay whose text lies beside it; any other file is the essay
    itself: plain text, Markdown or a saved web page, read as `workbook new` reads them.
    """
    if path.suffix.lower() == ".toml":
        from .store import load_with_essay

        workbook, paragraphs = load_with_essay(path)
        if paragraphs is None:
            name = workbook.essay.file
            where = f"its essay {name} is not there" if name else "it names no essay file"
            raise WorkbookError(f"{path}: {where}; suggest needs the essay's text")
        return paragraphs, list(workbook.essay.headings), workbook.essay.title
    from .document import read_document

    document = read_document(path)
    return document.paragraphs, document.headings, document.title


def run_suggest(args: argparse.Namespace) -> int:
    from .suggest import suggest

    try:
        top = int(args.top) if args.top.strip().isdigit() else 0
        if top < 1:
            raise WorkbookError(f"--top: must be a whole number above 0 (got {args.top!r})")
        paragraphs, headings, title = essay_for_suggest(args.path)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    found = suggest(paragraphs, headings, title, top)
    if args.json:
        listed = [{"paragraph": s.paragraph, "quote": s.quote, "score": s.score} for s in found]
        import json

        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    # On a terminal each suggestion keeps to one screen line; into a file or a pipe it is whole.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    digits = len(str(max((s.paragraph for s in found), default=1)))
    for suggestion in found:
        line = f"¶{suggestion.paragraph:<{digits}}  {suggestion.score:.2f}  "
        line += one_line(suggestion.quote)
        print(line if not width or len(line) <= width else line[: width - 1] + "…")
    return EXIT_OK
