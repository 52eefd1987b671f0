"""The command line's shape: one table of commands, each a module with `add_parser` and `run`,
and a module imported only when its command runs."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbook.commands
from workbook.commands import COMMANDS, CommandParsers, command_module, main

# The modules of workbook/commands/ that are no command: what some commands share.
HELPERS = {"arguments", "exit_status", "finding", "web_server"}


def test_every_module_is_a_command_or_a_helper() -> None:
    folder = Path(workbook.commands.__file__).parent
    modules = {path.stem for path in folder.glob("*.py")} - {"__init__"}
    assert modules == {command.module for command in COMMANDS.values()} | HELPERS


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_add_parser_and_run_and_no_other_function(name: str) -> None:
    module = importlib.import_module(f"workbook.commands.{COMMANDS[name].module}")
    public = {
        function_name
        for function_name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not function_name.startswith("_")
    }
    assert public == {"add_parser", "run"}
    assert list(inspect.signature(module.add_parser).parameters) == ["subparsers"]
    assert list(inspect.signature(module.run).parameters) == ["args"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_parser_is_its_own_with_its_line_from_the_table(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # each command's line of help on one line
    parser = argparse.ArgumentParser(prog="workbook")
    commands = parser.add_subparsers(action=CommandParsers, dest="command", prog="workbook")
    made = command_module(name).add_parser(commands)
    assert made is commands.choices[name] and list(commands.choices) == [name]
    assert made.prog == f"workbook {name}"
    assert f"{name}  " in parser.format_help()
    assert COMMANDS[name].help in parser.format_help()


def loaded_commands(*args: str) -> tuple[set[str], str]:
    """The modules of workbook.commands that `workbook ARGS` imports, and what it printed."""
    script = (
        "import json, sys\n"
        "from workbook.commands import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('workbook.commands.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    *printed, modules = done.stdout.rstrip("\n").split("\n")
    return set(json.loads(modules)), "\n".join(printed)


def test_help_lists_every_command_without_importing_one() -> None:
    modules, printed = loaded_commands("--help")
    assert modules == set()
    listed = [line.split()[0] for line in printed.splitlines() if line.startswith("    ")]
    assert [name for name in listed if name in COMMANDS] == list(COMMANDS)


def test_a_command_imports_its_own_module_and_no_other(small_file: Path) -> None:
    modules, _ = loaded_commands("check", str(small_file))
    assert modules == {"workbook.commands.check", "workbook.commands.exit_status"}
    modules, _ = loaded_commands("time", "--bogus")
    assert modules == {"workbook.commands.time", "workbook.commands.exit_status"}


def test_opening_imports_no_other_command(tmp_path: Path) -> None:
    modules, _ = loaded_commands(str(tmp_path / "missing.toml"))
    assert modules == {
        "workbook.commands.open",
        "workbook.commands.arguments",
        "workbook.commands.exit_status",
    }


def test_the_help_from_the_modules_is_the_help_from_the_table() -> None:
    """Every command's module, added to the program's parser, lists it as the table does."""
    env = {**os.environ, "COLUMNS": "100"}
    listing = subprocess.run(
        [sys.executable, "-m", "workbook", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    with_modules = subprocess.run(
        [
            sys.executable,
            "-c",
            "import workbook.commands as c\n"
            "parser, commands = c.program_parser()\n"
            "for name in c.COMMANDS: c.command_module(name).add_parser(commands)\n"
            "parser.print_help()\n",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert "git-setup" in listing and with_modules == listing == listing


def test_ctrl_c_ends_a_command_with_status_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(command_module("formats"), "run", interrupted)
    assert main(["formats"]) == 130
