"""The `workbook` command: open (the default), new, check, fmt, export, suggest, cards, serve,
merge and git-setup."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

from workbook import __version__
from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, complain
from workbook.commands.practice import HANDLERS as PRACTICE
from workbook.commands.practice import add_parsers as add_practice_parsers
from workbook.storage.files import WorkbookError, one_line, read_file, same_file, write_atomic
from workbook.storage.parallel import Parse
from workbook.storage.places import default_workbook, is_bundled

# The models and the TOML store (pydantic) are imported where they are needed, and the other
# commands' modules only when one of them is asked for, so that `workbook` reaches the app's
# first frame without paying for them first.

COMMANDS: tuple[str, ...] = ("open", "new", "check", "fmt", "export", "suggest", "cards", "serve")
COMMANDS += ("merge", "git-setup", *PRACTICE)


def build_parser(
    only_open: bool = False,
) -> tuple[argparse.ArgumentParser, Mapping[str, argparse.ArgumentParser]]:
    """The command line's parser, and each command's own; `only_open` leaves out every command
    but open, for a start of the app that need not load the other commands' modules."""
    parser = argparse.ArgumentParser(
        prog="workbook",
        usage="workbook [PATH] [--ours SIDE]\n       workbook COMMAND [ARGS ...]",
        description="Prepare both sides of a debate, claim by claim. "
        "With no command, opens PATH in the app (or the seed: the copy a save of it wrote "
        "in the current folder, if there is one).",
    )
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    # Each command's usage starts "workbook COMMAND", not the two-line usage above.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="workbook")

    opener = commands.add_parser("open", help="open a workbook in the app (the default)")
    opener.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a workbook file (default: the seed, or the copy of it saved here)",
    )
    opener.add_argument("--ours", metavar="SIDE", help="the side to prepare first (key or name)")
    if only_open:
        return parser, commands.choices
    from workbook.commands.cards import add_parser as add_cards_parser
    from workbook.commands.git_setup import add_parsers as add_git_parsers
    from workbook.commands.new import add_parser as add_new_parser
    from workbook.commands.serve import add_parser as add_serve_parser
    from workbook.commands.suggest import add_parser as add_suggest_parser
    from workbook.exports import add_parser as add_export_parser

    add_new_parser(commands)

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

    add_suggest_parser(commands)
    add_cards_parser(commands)
    add_serve_parser(commands)
    add_git_parsers(commands)
    add_practice_parsers(commands)
    return parser, commands.choices


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `workbook [PATH] [--ours SIDE]` is short for `workbook open ...`; only a command name or
    # the program's own options (help, version) mean otherwise.
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "open")
    parser, command_parsers = build_parser(only_open=args_list[0] == "open")
    args, unknown = parser.parse_known_args(args_list)
    if unknown:  # said with the command's own usage, not the program's
        command_parsers[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    handler = {
        "open": run_open,
        "new": lambda args: _run("new", "run_new", args),
        "check": run_check,
        "fmt": run_fmt,
        "export": run_export,
        "suggest": lambda args: _run("suggest", "run_suggest", args),
        "cards": lambda args: _run("cards", "run_cards", args),
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
    from workbook.tui.glance import first_look

    path: Path = args.path or default_workbook()
    try:
        # Reading is quick even for a large file; parsing is left to the app, off its main thread.
        raw, text = read_file(path)
        # The file is parsed, and the app's first look at it worked out, on another core while
        # Textual starts here.
        parsing = Parse(text, partial(first_look, path=path, ours=args.ours))
    except WorkbookError as error:
        # A bare word that names no file was most likely meant as a command.
        if len(path.parts) == 1 and not path.suffix and not path.exists():
            complain(f"{error} (nor is it a command: workbook --help lists them)")
        else:
            complain(error)
        return EXIT_BAD_INPUT
    from workbook.tui.app import WorkbookApp  # the core runs without Textual; only the app needs it

    app = WorkbookApp(path, raw, text, ours=args.ours, parsing=parsing)
    app.run()
    if app.error:
        complain(app.error)
        return EXIT_BAD_INPUT
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from workbook.core.coverage import check_summary
    from workbook.core.merge import conflict_lines
    from workbook.storage.store import load_with_essay

    status = EXIT_OK
    for path in args.paths:
        try:
            workbook, paragraphs = load_with_essay(path)
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
            continue
        print(check_summary(workbook, one_line(str(path))))
        if paragraphs is None:  # valid, but nothing to hold its claims' quotes against
            essay = workbook.essay.file
            where = f"its essay {essay} is not beside it" if essay else "it names no essay file"
            print(one_line(f"  quotes not checked: {where}"))
        if workbook.conflicts:  # a merge's conflicts left to resolve fail the check
            print("\n".join(conflict_lines(workbook)))
            status = max(status, EXIT_CHANGED)
    return status


def run_fmt(args: argparse.Namespace) -> int:
    from workbook.core.model import FORMAT_VERSION
    from workbook.storage.store import dumps, load_fixing_quotes, read_workbook

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
    from workbook.core.model import side_named
    from workbook.storage.store import load

    try:
        workbook = load(args.path)
        ours = side_named(workbook, args.ours) if args.ours else None
        if args.ours and ours is None:
            raise WorkbookError(
                f"--ours: no side {args.ours!r} (sides: {', '.join(workbook.sides)})"
            )
        if args.rate < 1:
            raise WorkbookError(f"--rate: must be a positive number of words (got {args.rate})")
        from workbook.exports import default_path, export_bytes, format_of
        from workbook.exports.brief import BriefOptions

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


def refuse_inputs(out: Path, path: Path, essay_file: str) -> None:
    """A brief written over the workbook or its essay would destroy what it was made from."""
    if is_bundled(out):
        raise WorkbookError(f"{out}: is among the bundled positions, which are read-only")
    if same_file(out, path):
        raise WorkbookError(f"{out}: is the workbook itself; write the brief to another file")
    if essay_file and same_file(out, path.parent / essay_file):
        raise WorkbookError(f"{out}: is the workbook's essay; write the brief to another file")
