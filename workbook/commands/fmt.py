"""`workbook fmt`: rewrite workbooks in the canonical form, upgrading an older format.

With `--check` it changes nothing and fails (status 1) on a file that is not canonical, so that
a squad's checks can hold every workbook to one form; `--fix-quotes` also puts the essay's own
characters into quotes typed with other quote marks, dashes, spacing or case.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, complain
from workbook.storage.files import WorkbookError, one_line, read_file, write_atomic
from workbook.storage.places import is_bundled

if TYPE_CHECKING:
    from workbook.commands import Subparsers


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    fmt = subparsers.add_parser("fmt")
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
    return fmt


def run(args: argparse.Namespace) -> int:
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
                why = "not in canonical form" + upgrade + _quotes_fixed(fixed, " would take")
                complain(f"{path}: {why}")
                status = max(status, EXIT_CHANGED)
                continue
            write_atomic(path, canonical, keep_backup=True)
            done = f"upgraded to format {FORMAT_VERSION}" if loaded.upgraded else "reformatted"
            print(one_line(f"{path}: {done}{_quotes_fixed(fixed, ' took')}"))
        except WorkbookError as error:
            complain(error)
            status = EXIT_BAD_INPUT
    return status


def _quotes_fixed(claim_ids: list[str], verb: str) -> str:
    """What fmt adds when it fixed quotes: "; 2 quotes took the essay's characters (claims.a,
    claims.b)", with at most three ids named; "" when it fixed none."""
    if not claim_ids:
        return ""
    named = ", ".join(f"claims.{claim_id}" for claim_id in claim_ids[:3])
    more = f" and {len(claim_ids) - 3} more" if len(claim_ids) > 3 else ""
    count = f"{len(claim_ids)} quote" + ("s" if len(claim_ids) > 1 else "")
    return f"; {count}{verb} the essay's characters ({named}{more})"
