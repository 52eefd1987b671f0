"""Files on disk: reading with one clear line for every failure, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path


class WorkbookError(Exception):
    """A problem with a workbook file, already worded as the one line a user should see."""


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


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, or a WorkbookError in one line."""
    if not path.is_file():
        raise WorkbookError(f"{path}: not a regular file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise WorkbookError(f"{path}: cannot read: {error.strerror or error}") from None
