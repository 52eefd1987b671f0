"""The card libraries beside a workbook: the workbooks with no essay in its folder, whose cards
the card picker offers to copy into the workbook's own library."""

from __future__ import annotations

import re
from pathlib import Path

from workbook.core.model import Workbook, is_library
from workbook.storage.files import WorkbookError, read_text
from workbook.storage.store import parse

# A workbook with an essay has this table header on a line of its own: such a file is passed
# over before it is parsed, so that a folder of large workbooks costs a search, not a parse each.
_ESSAY_TABLE = re.compile(r"^\[essay\][ \t]*(#.*)?$", re.M)


def card_libraries_beside(path: Path) -> list[tuple[Path, Workbook]]:
    """The card libraries in the folder of the workbook at `path` (not it), in name order. A
    file that is not one, or cannot be read, is passed over: it is not asked for by name."""
    try:
        here = path.resolve()
        names = sorted(path.parent.glob("*.toml"))
    except OSError:
        return []
    found = []
    for candidate in names:
        try:
            if candidate.resolve() == here:
                continue
            text = read_text(candidate)
            if _ESSAY_TABLE.search(text):
                continue
            workbook = parse(text, candidate)
        except (WorkbookError, OSError, RuntimeError):
            continue
        if is_library(workbook):
            found.append((candidate, workbook))
    return found
