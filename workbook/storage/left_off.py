"""Where the user left off in each workbook: the claim in view when the app last closed on it.

It is kept in the user's state folder, never in the workbook, which teammates share and merge,
and read again as the app opens the workbook, so that it opens where the user was. What is kept
is a convenience: a file that is missing, damaged or names a claim no longer there leaves the
app on the first claim, and nothing about it is ever worth an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from workbook.storage.files import WorkbookError, write_atomic
from workbook.storage.locations import state_file
from workbook.storage.toml_data import read_toml

SUFFIX = ".left-off.toml"
_ID = re.compile(r"[A-Za-z0-9_-]+")


def left_off_file(path: Path) -> Path:
    return state_file("left-off", path, SUFFIX)


def read_left_off(path: Path) -> str | None:
    """The id of the claim in view when the app last closed on `path`, or None."""
    try:
        # Small by nature: a file past a few kilobytes is not one the app wrote.
        _, data = read_toml(left_off_file(path), limit=4096)
    except WorkbookError:
        return None
    claim = data.get("claim")
    return claim if isinstance(claim, str) and _ID.fullmatch(claim) else None


def remember_left_off(path: Path, claim_id: str) -> None:
    """Keep `claim_id` as where the user left off in `path`; a WorkbookError says why not."""
    place = left_off_file(path)
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbookError(f"{place.parent}: cannot be made: {error.strerror}") from None
    data = {"workbook": str(path.resolve()), "claim": claim_id}
    write_atomic(place, tomli_w.dumps(data).encode("utf-8"))
