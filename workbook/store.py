"""Reading and writing workbooks as TOML: clear one-line errors, canonical output, atomic saves."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .essay import find_quote, split_paragraphs
from .model import FORMAT_VERSION, Workbook


class WorkbookError(Exception):
    """A problem with a workbook file, already worded as the one line a user should see."""


_TOML_POSITION = re.compile(
    r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)

_FRIENDLIER = {
    "Cannot overwrite a value": "duplicate key: an id or a field is given twice",
    "Cannot declare": "duplicate table: an id is given twice",
}

_REASONS = {
    "missing": "is required",
    "extra_forbidden": "is not a field of this format",
    "literal_error": "{msg}",
}


def read_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes and text, or a WorkbookError that says why it is not a workbook."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a workbook file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise WorkbookError(f"{path}: cannot read: {error.strerror or error}") from None
    return raw, decode(raw, path)


def read_text(path: Path) -> str:
    return read_file(path)[1]


def decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise WorkbookError(f"{path}: the file is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        raise WorkbookError(f"{path}:{line}:{col}: not UTF-8 text (byte 0x{bad})") from None


def parse(text: str, path: Path) -> Workbook:
    """Parse and validate a workbook's text; errors name the file, and a line or a field path."""
    try:
        data = tomllib.loads(text)
        return validate(data, path)
    except tomllib.TOMLDecodeError as error:
        raise WorkbookError(_toml_error(str(error), text, path)) from None
    except RecursionError:
        # The parser and the validator recurse: nesting thousands deep is no workbook.
        raise WorkbookError(f"{path}: values are nested too deeply to be a workbook") from None


def validate(data: dict[str, Any], path: Path) -> Workbook:
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise WorkbookError(
            f"{path}: format: version {version} is newer than this workbook reads "
            f"({FORMAT_VERSION}); update workbook"
        )
    try:
        return Workbook.model_validate(data)
    except ValidationError as error:
        raise WorkbookError(f"{path}: {describe(error)}") from None


def describe(error: ValidationError) -> str:
    """The first problem of a validation error as `field.path: reason`, with a count of the rest."""
    errors = error.errors(include_url=False)
    first = errors[0]
    ctx = first.get("ctx") or {}
    field_path = ctx.get("path") or ".".join(str(part) for part in first["loc"]) or "(top)"
    reason = _REASONS.get(first["type"], "{msg}").format(msg=first["msg"])
    if first["type"] not in ("missing", "extra_forbidden") and "input" in first:
        shown = first["input"]
        if isinstance(shown, str | int | float) and not isinstance(shown, bool):
            reason += f" (got {shown!r})" if repr(shown) not in reason else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{field_path}: {reason}{more}"


def _toml_error(message: str, text: str, path: Path) -> str:
    match = _TOML_POSITION.match(message)
    if match is None:
        return f"{path}: {message}"
    reason = match["msg"]
    for start, friendlier in _FRIENDLIER.items():
        if reason.startswith(start):
            reason = friendlier
    if match["line"]:
        line, col = int(match["line"]), int(match["col"])
    else:
        line = text.count("\n") + 1
        col = len(text) - text.rfind("\n")
    return f"{path}:{line}:{col}: {reason}"


def essay_paragraphs(workbook: Workbook, path: Path) -> list[str] | None:
    """The paragraphs of the essay the workbook names, or None when its text is not there."""
    essay_path = path.parent / workbook.essay.file
    if not workbook.essay.file or not essay_path.is_file():
        return None
    try:
        return split_paragraphs(essay_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise WorkbookError(
            f"{path}: essay.file: cannot read {workbook.essay.file}: {error}"
        ) from None


def essay_problems(workbook: Workbook, path: Path, paragraphs: list[str] | None) -> list[str]:
    """Check the claims against the essay's text, when it is there."""
    if paragraphs is None:
        return []
    problems = []
    if len(paragraphs) != workbook.essay.paragraphs:
        problems.append(
            f"{path}: essay.paragraphs: is {workbook.essay.paragraphs} but "
            f"{workbook.essay.file} has {len(paragraphs)}"
        )
        return problems
    for claim_id, claim in workbook.claims.items():
        if find_quote(claim.quote, paragraphs[claim.paragraph - 1]) is None:
            problems.append(
                f"{path}: claims.{claim_id}.quote: not the words of paragraph "
                f"{claim.paragraph} of {workbook.essay.file}"
            )
    return problems


def load(path: Path) -> Workbook:
    """Read, parse and validate a workbook, and check its quotes against its essay."""
    return load_with_essay(path)[0]


def load_with_essay(path: Path, text: str | None = None) -> tuple[Workbook, list[str] | None]:
    """The workbook and its essay's paragraphs (None when the essay's text is not there)."""
    workbook = parse(read_text(path) if text is None else text, path)
    paragraphs = essay_paragraphs(workbook, path)
    problems = essay_problems(workbook, path, paragraphs)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise WorkbookError(problems[0] + more)
    return workbook, paragraphs


def to_data(workbook: Workbook) -> dict[str, Any]:
    # Empty fields are left out so a file shows what was written; the models' defaults
    # restore them on load, so the round trip is exact.
    return workbook.model_dump(mode="python", exclude_defaults=True)


def dumps(workbook: Workbook) -> str:
    """The canonical text: one table per claim, point and card, so diffs stay local."""
    return tomli_w.dumps(to_data(workbook), multiline_strings=True)


def save(workbook: Workbook, path: Path) -> bytes:
    """Write atomically, keeping the previous version as NAME.bak; returns the bytes written."""
    data = dumps(workbook).encode("utf-8")
    write_atomic(path, data, keep_backup=True)
    return data


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_atomic(path: Path, data: bytes, keep_backup: bool = False) -> None:
    """A temporary file beside the target, flushed and synced, then renamed over it: a reader,
    or a crash at any moment, sees the old file or the new one, never a mix."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        if keep_backup and path.is_file():
            _keep_backup(path, folder)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    _sync_folder(folder)


def _keep_backup(path: Path, folder: Path) -> None:
    # A hard link is instant and atomic; where links are not allowed, a copy does the same job.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".bak")
    os.close(handle)
    try:
        os.unlink(temporary)
        try:
            os.link(path, temporary)
        except OSError:
            shutil.copy2(path, temporary)
        os.replace(temporary, backup_path(path))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
