"""The `workbook` command line: the table of its commands, and `main`, which runs one.

Each command is a module of this package with two functions: `add_parser(subparsers)`, which
adds the command's parser and its arguments, and `run(args)`, which does the command and
returns its exit status. `workbook [PATH] [--ours SIDE]` is short for `workbook open ...`.

A command's module is imported only when that command runs: `workbook --help` lists the
table's one-line helps, and `workbook check x.toml` loads check's module alone. Above all,
`workbook` alone (open, the default) loads no other command's module before the app's first
frame.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from workbook import __version__

if TYPE_CHECKING:
    from typing import Protocol, TypeAlias

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

    class CommandModule(Protocol):
        """What every command's module holds."""

        def add_parser(self, subparsers: Subparsers) -> argparse.ArgumentParser: ...

        def run(self, args: argparse.Namespace) -> int: ...

else:
    Subparsers = argparse._SubParsersAction


class Command:
    """A command of the table. A plain class: this module is imported before the app's first
    frame, and a named tuple or a dataclass costs a little to make."""

    __slots__ = ("help", "module")

    def __init__(self, module: str, help: str) -> None:
        self.module = module  # the module of this package that implements it
        self.help = help  # its line in `workbook --help`


COMMANDS: dict[str, Command] = {
    "open": Command("open", "open a workbook in the app (the default)"),
    "new": Command("new", "start a workbook from an essay (.txt, .md, a saved .html page, or -)"),
    "source": Command(
        "source", "add a saved page, a PDF or a text as a source of a workbook; list, remove"
    ),
    "check": Command("check", "validate workbooks and show what each side lacks"),
    "fmt": Command("fmt", "rewrite workbooks in the canonical form (an older format is upgraded)"),
    "export": Command(
        "export", "write the brief (Markdown, a printable page), Argdown, AIF or Word"
    ),
    "suggest": Command(
        "suggest", "list the essay's sentences that read most like claims, best first"
    ),
    "cards": Command("cards", "list the evidence cards of workbooks, and where each is read"),
    "serve": Command("serve", "serve the app to a web browser (this machine only, unless --host)"),
    "merge": Command("merge", "merge two changed copies of a workbook with their common ancestor"),
    "git-setup": Command(
        "git_setup", "make git merge the workbooks of a repository with `workbook merge`"
    ),
    "formats": Command("formats", "list the debate formats with their speeches and prep times"),
    "time": Command("time", "open the speech and prep timer for a format"),
    "speech": Command(
        "speech", "build a speech from a side's points and cards, and time its reading"
    ),
    "cut": Command("cut", "cut a card of whole paragraphs from a source or the essay"),
    "import": Command(
        "import_", "read a squad's Word files (Verbatim's structure) into a card library"
    ),
    "flow": Command("flow", "flow a round against the prep: start one, list its drops, export it"),
    "config": Command("config", "set your own settings: the initials you sign cut cards with"),
}

# Interrupted by ctrl+c: the shell's status for a process ended by SIGINT.
EXIT_INTERRUPTED = 130
# What a shell reports for a program its reader left (128 + SIGPIPE): `workbook cards | head`.
EXIT_READER_GONE = 141


class CommandParsers(Subparsers):
    """The commands' parsers: each has its line of help from the table, so that a command's
    module says only what its arguments are."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("help", COMMANDS[name].help)
        return super().add_parser(name, **kwargs)


def command_module(name: str) -> CommandModule:
    """The module of the command `name`, imported now if it was not yet."""
    return cast("CommandModule", importlib.import_module(f"{__name__}.{COMMANDS[name].module}"))


def program_parser() -> tuple[argparse.ArgumentParser, Subparsers]:
    """The program's own parser, and the action that takes its commands' parsers."""
    parser = argparse.ArgumentParser(
        prog="workbook",
        usage="workbook [PATH] [--ours SIDE]\n       workbook COMMAND [ARGS ...]",
        description="Prepare both sides of a debate, claim by claim. "
        "With no command, opens PATH in the app (or the seed: the copy a save of it wrote "
        "in the current folder, if there is one).",
    )
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    # Each command's usage starts "workbook COMMAND", not the two-line usage above.
    commands = parser.add_subparsers(
        action=CommandParsers, dest="command", metavar="COMMAND", prog="workbook"
    )
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # `workbook [PATH] [--ours SIDE]` is short for `workbook open ...`; only a command name or
    # the program's own options (help, version) mean otherwise.
    if not words or words[0] not in (*COMMANDS, "-h", "--help", "--version"):
        words.insert(0, "open")
    parser, commands = program_parser()
    if words[0] not in COMMANDS:
        # The program's help (or version, which needs none of it): every command's line from
        # the table, with none of their modules loaded. Either option ends the program.
        for name in COMMANDS:
            commands.add_parser(name)
        parser.parse_args(words)
        return 0
    # Only the command asked for is in the parser: building every command's would cost the
    # app's start time, and a command's usage and errors name only itself.
    command = command_module(words[0])
    command_parser = command.add_parser(commands)
    args, unknown = parser.parse_known_args(words)
    if unknown:  # said with the command's own usage, not the program's
        command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return command.run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped reading (`| head`): nothing is wrong and nothing more to say. What
        # is still buffered would raise again as Python flushes at exit, so it goes nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_READER_GONE
