"""The journal: unsaved edits, kept beside the workbook until they are saved or discarded.

It holds only the claims changed since the last save, the order of all claims, and a digest of
the file those edits apply to, so it stays small and quick to write however large the workbook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from .files import WorkbookError, write_atomic
from .model import Claim, Workbook
from .seed import folder_beside
from .store import describe

JOURNAL_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of the file as it is on disk now, or None when it is not there."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _state_folder() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "workbook" / "journals"


def journal_paths(path: Path) -> list[Path]:
    """Where the journal of `path` may be: beside it (the current folder for the bundled
    seed), or, when that folder cannot be written, in the user's state folder."""
    folder = folder_beside(path)
    absolute = str(path.resolve()).encode()
    fallback = _state_folder() / f"{hashlib.sha256(absolute).hexdigest()[:16]}-{path.name}.journal"
    return [folder / f"{path.name}.journal", fallback]


@dataclass
class Journal:
    base: str
    written: str
    order: list[str]
    claims: dict[str, Claim]
    where: Path

    def steps(self, workbook: Workbook) -> list[tuple[str, Claim | None, int]]:
        """The edits to replay on `workbook`: (claim id, claim or None to delete, position)."""
        keep = set(self.order)
        steps: list[tuple[str, Claim | None, int]] = [
            (claim_id, None, -1) for claim_id in workbook.claims if claim_id not in keep
        ]
        for index, claim_id in enumerate(self.order):
            if claim_id in self.claims:
                steps.append((claim_id, self.claims[claim_id], index))
        return steps


def write_journal(path: Path, base: str, workbook: Workbook, changed: Iterable[str]) -> Path:
    """Write the journal of the edits to `changed` claims; returns where it was written."""
    data = {
        "journal": JOURNAL_FORMAT,
        "base": base,
        "written": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "order": list(workbook.claims),
        "claims": {
            claim_id: workbook.claims[claim_id].model_dump(mode="python", exclude_defaults=True)
            for claim_id in changed
            if claim_id in workbook.claims
        },
    }
    text = tomli_w.dumps(data, multiline_strings=True).encode("utf-8")
    error: WorkbookError | None = None
    beside, fallback = journal_paths(path)
    for place in (beside, fallback):
        try:
            if place == fallback:  # never create the workbook's own folder: it may be gone
                place.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(place, text)
        except (OSError, WorkbookError) as problem:
            error = problem if isinstance(problem, WorkbookError) else WorkbookError(str(problem))
            continue
        if place == beside:
            with contextlib.suppress(OSError):
                fallback.unlink()
        return place
    assert error is not None
    raise error


def read_journal(path: Path) -> Journal | None:
    """The journal of `path`, or None when there is none; WorkbookError when it is damaged."""
    for place in journal_paths(path):
        if place.is_file():
            return _parse(place)
    return None


def _parse(place: Path) -> Journal:
    try:
        data = tomllib.loads(place.read_text(encoding="utf-8"))
        claims = {cid: Claim.model_validate(c) for cid, c in data["claims"].items()}
        order = [str(cid) for cid in data["order"]]
        return Journal(str(data["base"]), str(data["written"]), order, claims, place)
    except ValidationError as error:
        raise WorkbookError(f"{place}: {describe(error)}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise WorkbookError(f"{place}: not a readable journal ({error})") from None


def remove_journal(path: Path) -> None:
    for place in journal_paths(path):
        with contextlib.suppress(OSError):
            place.unlink()
