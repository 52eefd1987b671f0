"""`workbook merge`: two changed copies of a workbook merged with their common ancestor, by claim,
point and card id.

It is the three-way merge of core/merge.py on files, with the exit statuses a git merge driver
gives (`workbook git-setup` makes git run it): 0 merged cleanly, 1 conflicts recorded in the
file, 2 bad input. A flow file merges by sheet and argument id too (practice/flow_merge.py): its
conflicts keep ours and are named on the report's line, as a flow has no table to record them
in. A TOML file that is neither merges as git merges any text. A file that is not TOML at all (a
workbook broken by hand, say) is refused in one line, with nothing written: git then keeps ours
in place and reports the file as conflicted, as a merge driver's non-zero status asks of it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, complain, say_data
from workbook.storage.files import WorkbookError, one_line, read_bytes, utf8, write_atomic
from workbook.storage.places import is_bundled

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.core.model import Workbook

EXIT_CONFLICTS = EXIT_CHANGED


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    merge = subparsers.add_parser("merge")
    merge.add_argument("base", type=Path, metavar="BASE", help="the version both started from")
    merge.add_argument("ours", type=Path, metavar="OURS", help="our version")
    merge.add_argument("theirs", type=Path, metavar="THEIRS", help="their version")
    merge.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the merged workbook (default: standard output); "
        "as git's merge driver, OURS",
    )
    merge.add_argument("--name", metavar="NAME", help="the file's name, for messages")
    return merge


def run(args: argparse.Namespace) -> int:
    from workbook.storage.toml_data import looks_like_workbook

    paths: tuple[Path, Path, Path] = (args.base, args.ours, args.theirs)
    try:
        read = [_read(path) for path in paths]
        if args.output and args.output != "-" and is_bundled(Path(args.output)):
            raise WorkbookError(f"{args.output}: the bundled seed is read-only")
        # git hands the driver temporary files: a message names the file and the version.
        roles = zip(("base", "ours", "theirs"), paths, strict=True)
        shown = [Path(f"{args.name} ({role})") if args.name else path for role, path in roles]
        # Only TOML that reads, and is meant as no workbook, merges as lines; a file that does
        # not read is refused below in the parser's one line, so git keeps its own conflict.
        tables = [data for text, data in read if text]
        if read[1][0] and read[2][0] and all(_is_flow(data) for data in tables):
            text, conflicts = _merge_flows(read, shown)
            where = "(ours kept)"  # named here alone: a flow has no table to record them
        elif (
            read[1][0]
            and read[2][0]
            and all(d is not None and not looks_like_workbook(d) for d in tables)
        ):
            return _merge_lines(paths, args.output)
        else:
            text, conflicts = _merge_workbooks(read, shown)
            where = "recorded in the file (ours kept)"
        to_stdout = not args.output or args.output == "-"
        if to_stdout:
            say_data(text)
        else:
            write_atomic(Path(args.output), text.encode("utf-8"))
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    name = args.name or (args.output if not to_stdout else args.ours)
    report = sys.stderr if to_stdout else sys.stdout
    if not conflicts:
        print(one_line(f"{name}: merged by id, no conflicts"), file=report)
        return EXIT_OK
    noun = "conflict" if len(conflicts) == 1 else "conflicts"
    listed = ", ".join(conflicts)
    print(one_line(f"{name}: {len(conflicts)} {noun} {where}: {listed}"), file=report)
    return EXIT_CONFLICTS


Read = list[tuple[str, dict[str, Any] | None]]


def _merge_workbooks(read: Read, shown: list[Path]) -> tuple[str, list[str]]:
    """The merged workbook's text, and the paths of the conflicts the merge recorded beyond
    those ours already had."""
    from workbook.core.conflicts import new_conflicts
    from workbook.core.merge import merge
    from workbook.storage.store import dumps

    base = _parse(read[0][0], shown[0]) if read[0][0] else None
    ours, theirs = _parse(read[1][0], shown[1]), _parse(read[2][0], shown[2])
    merged = merge(base, ours, theirs)
    count = new_conflicts(merged, ours)
    return dumps(merged), [c.path for c in merged.conflicts[len(merged.conflicts) - count :]]


def _is_flow(data: dict[str, Any] | None) -> bool:
    """Whether TOML data is a flow file's: its `flow` version at the top (a `[flow]` table is
    some other tool's settings)."""
    return data is not None and "flow" in data and not isinstance(data["flow"], dict)


def _merge_flows(read: Read, shown: list[Path]) -> tuple[str, list[str]]:
    """The merged flow's text, and the field paths of its conflicts. Each version is read as
    the flow file is, and held to its format when the format is known: a version in one line
    for what is wrong with it."""
    from workbook.practice.flow import format_problems
    from workbook.practice.flow_file import dumps, parse
    from workbook.practice.flow_merge import merge_flows, no_flow
    from workbook.practice.format_file import load_formats

    formats = load_formats()
    flows = []
    for (text, data), path in zip(read, shown, strict=True):
        if not text or data is None:  # an empty ancestor: both sides started the round apart
            flows.append(no_flow())
            continue
        flow = parse(data, path)
        fmt = formats.by_key.get(flow.format)
        problems = format_problems(flow, fmt) if fmt is not None else []
        if problems:
            raise WorkbookError(f"{path}: {problems[0][0]}: {problems[0][1]}")
        flows.append(flow)
    merged = merge_flows(flows[0], flows[1], flows[2], formats=formats)
    return dumps(merged.flow), merged.conflicts


def _read(path: Path) -> tuple[str, dict[str, Any] | None]:
    """A version's text and its TOML data (None when it is no TOML); both empty for an empty
    file (git gives an empty ancestor when both sides added the file). Nesting past the
    reader's limits is refused here, for a workbook and any other TOML file alike."""
    import tomli

    from workbook.storage.toml_data import TooDeep, parse_toml

    raw = read_bytes(path)
    if not raw.strip():
        return "", {}
    text = utf8(raw, str(path))
    try:
        return text, parse_toml(text)
    except tomli.TOMLDecodeError:
        return text, None  # the store's parser says where, in one line
    except TooDeep as error:
        raise WorkbookError(error.told(path)) from None


def _parse(text: str, path: Path) -> Workbook:
    from workbook.storage.store import parse

    return parse(text, path)


def _merge_lines(paths: tuple[Path, Path, Path], output: str | None) -> int:
    """A TOML file that is no workbook (a project's own settings, say) merges as git merges
    any text, so that a broad pattern in .gitattributes costs nothing."""
    git = shutil.which("git")
    if git is None:
        raise WorkbookError(f"{paths[1]}: not a workbook, and git is not there to merge it")
    base, ours, theirs = (str(p) for p in paths)
    done = subprocess.run(
        [git, "merge-file", "-p", ours, base, theirs], capture_output=True, check=False
    )
    if done.returncode < 0 or done.returncode > 127:
        raise WorkbookError(f"{paths[1]}: git merge-file failed: {one_line(done.stderr.decode())}")
    if output and output != "-":
        write_atomic(Path(output), done.stdout)
    else:
        say_data(done.stdout)
    return EXIT_OK if done.returncode == 0 else EXIT_CONFLICTS
