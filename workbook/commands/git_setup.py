"""`workbook git-setup`: make git merge a repository's workbooks with `workbook merge`.

Git keeps a merge driver's command out of the repository (in each clone's own config), so every
clone runs this once; the pattern that names the files goes in .gitattributes, which is shared.
Run again, it changes nothing. .gitattributes is written as storage/owned.py writes every file
the workbook owns: never through a link out of its folder (git itself does not follow one).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain
from workbook.storage.files import WorkbookError, one_line, read_bytes, utf8
from workbook.storage.owned import refuse_a_link_out, text, write_owned

if TYPE_CHECKING:
    from workbook.commands import Subparsers

DRIVER_NAME = "workbook: merge workbooks by claim, point and card id"
PATTERN = "*.toml merge=workbook"
# The lines already there are kept in the new file: there is nothing to back up.
ATTRIBUTES = text(".gitattributes file", backup=False)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    setup = subparsers.add_parser("git-setup")
    setup.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="FOLDER",
        help="the folder whose TOML files are workbooks (default: the current folder)",
    )
    return setup


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    git = shutil.which("git")
    if git is None:
        complain("git-setup: git is not installed (or not on PATH)")
        return EXIT_BAD_INPUT
    if not folder.is_dir():
        complain(f"{folder}: not a folder")
        return EXIT_BAD_INPUT
    inside = _git(git, folder, "rev-parse", "--show-toplevel")
    if inside.returncode != 0:
        complain(f"{folder}: not inside a git repository (git init, or cd into one)")
        return EXIT_BAD_INPUT
    try:
        print(one_line(_add_pattern(folder / ".gitattributes")))
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    for key, value in (
        ("merge.workbook.name", DRIVER_NAME),
        ("merge.workbook.driver", _driver_command()),
    ):
        current = _git(git, folder, "config", "--local", "--get", key)
        if current.returncode == 0 and current.stdout.rstrip("\n") == value:
            print(one_line(f"git config {key}: already set"))
            continue
        done = _git(git, folder, "config", "--local", key, value)
        if done.returncode != 0:
            complain(f"git config {key}: {done.stderr.strip() or 'failed'}")
            return EXIT_BAD_INPUT
        print(one_line(f"git config {key}: set to {value}"))
    return EXIT_OK


def _driver_command() -> str:
    """The command git runs: this Python's workbook, so that git finds it from any shell."""
    return f"{shlex.quote(sys.executable)} -m workbook merge %O %A %B -o %A --name %P"


def _git(git: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [git, "-C", str(folder), *args], capture_output=True, text=True, check=False
    )


def _add_pattern(attributes: Path) -> str:
    """Add the merge driver's line to a .gitattributes file, unless it is there already."""
    kept = ""
    if os.path.lexists(attributes):
        refuse_a_link_out(attributes, ATTRIBUTES)
        kept = utf8(read_bytes(attributes), str(attributes))
        if any(line.split() == PATTERN.split() for line in kept.splitlines()):
            return f"{attributes}: already has {PATTERN}"
    if kept and not kept.endswith("\n"):
        kept += "\n"
    kept += "# Workbooks merge by claim, point and card id (workbook git-setup).\n"
    write_owned(attributes, (kept + PATTERN + "\n").encode("utf-8"), ATTRIBUTES)
    return f"{attributes}: added {PATTERN}"
