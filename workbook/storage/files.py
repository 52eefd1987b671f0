"""Files on disk: reading with one clear line for every failure, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from pathlib import Path

MB = 1024 * 1024
# Generous: a workbook of hundreds of megabytes still opens, but a runaway file cannot fill
# the memory before it is refused.
MAX_BYTES = 512 * MB
_CHUNK = 64 * 1024

# Not blocking matters for a named pipe, which would otherwise wait for a writer forever;
# no controlling terminal, and no descriptor left to a child process.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


# Controls, line and paragraph separators, and lone surrogates (undecodable bytes of a name).
_UNSAFE = frozenset({"Cc", "Zl", "Zp", "Cs"})
# The same characters (Cc, Zl, Zp, Cs) but the line break and the tab a text of lines keeps.
_UNSAFE_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class WorkbookError(Exception):
    """A problem with a workbook file, already worded as the one line a user should see."""


class ReadError(WorkbookError):
    """A file that cannot be read; `reason` is the message without the file's name, so that a
    caller can say which field named the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


def _limit(limit: int) -> str:
    return f"{limit / MB:g} MB" if limit >= MB else f"{limit} bytes"


def _not_regular(path: Path, mode: int) -> ReadError | None:
    kind = kind_of(mode)
    if kind is None:
        return None
    if kind == "a folder":
        return ReadError(path, "is a folder, not a workbook file")
    return ReadError(path, f"is {kind}, not a regular file")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a ReadError in one line.

    A named pipe, a device, a socket or a folder is refused without waiting on it, and a
    file is never read past `limit`, even one that grows while it is read.
    """
    try:
        # Looked at before it is opened: opening some devices does something by itself.
        refusal = _not_regular(path, os.stat(path).st_mode)
        if refusal is not None:
            raise refusal
        descriptor = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except OSError as error:
        raise ReadError(path, f"cannot read: {error.strerror or error}") from None
    except ValueError as error:  # a NUL in the name
        raise ReadError(path, f"cannot read: {error}") from None
    try:
        return _read_descriptor(path, descriptor, limit)
    except OSError as error:
        raise ReadError(path, f"cannot read: {error.strerror or error}") from None
    except MemoryError:
        raise ReadError(path, "too large to read into memory") from None
    finally:
        os.close(descriptor)


def _read_descriptor(path: Path, descriptor: int, limit: int) -> bytes:
    status = os.fstat(descriptor)
    # The name may have been swapped for something else since it was looked at.
    refusal = _not_regular(path, status.st_mode)
    if refusal is not None:
        raise refusal
    if status.st_size > limit:
        raise ReadError(
            path, f"is {_megabytes(status.st_size)}, past the {_limit(limit)} a workbook may be"
        )
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        # Asking for the whole expected size at once reads a regular file in one call and one
        # buffer; one byte past the limit is enough to know that the file is too large.
        want = min(limit + 1 - total, max(status.st_size - total, 0) + _CHUNK)
        chunk = os.read(descriptor, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > limit:
        raise ReadError(path, f"grew past the {_limit(limit)} a workbook may be while it was read")
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes and text, or a WorkbookError that says why it is not a workbook."""
    raw = read_bytes(path)
    try:
        return raw, decode(raw, path)
    except MemoryError:
        raise ReadError(path, "too large to read into memory") from None


def read_text(path: Path) -> str:
    return read_file(path)[1]


def decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise WorkbookError(f"{path}: the file is empty")
    return utf8(raw, str(path))


def utf8(raw: bytes, where: str) -> str:
    """`raw` as UTF-8 text (a byte-order mark is dropped); the error names `where`, the line
    and the column of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        raise WorkbookError(f"{where}:{line}:{col}: not UTF-8 text (byte 0x{bad})") from None


def one_line(message: str) -> str:
    """`message` with every line break and control character escaped, so that a name or a value
    quoted in it can never split it or drive the terminal."""
    if message.isprintable():
        return message
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _UNSAFE else char for char in message
    )


def shown_lines(text: str) -> str:
    """`text` as it may reach a terminal: its line breaks and tabs kept, every other control
    character, line or paragraph separator and lone surrogate escaped as `one_line` does, so
    that no escape sequence in it ever drives the terminal."""
    return _UNSAFE_IN_LINES.sub(lambda found: ascii(found.group())[1:-1], text)


def same_file(a: Path, b: Path) -> bool:
    """Whether two names lead to the same file, through links and any spelling of the path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one is not there (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_target(path: Path) -> Path:
    """The file that writing `path` really changes: the final target of a symbolic link, so
    that the link stays a link. Refuses what must not be replaced: a file without any write
    permission, and anything that is not a regular file."""
    real = Path(os.path.realpath(path))
    try:
        status = os.stat(real)
    except FileNotFoundError:
        return real
    except OSError as error:
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    kind = kind_of(status.st_mode)
    if kind is not None:
        raise WorkbookError(f"{path}: is {kind}, not a regular file")
    # Checked here rather than left to the system: root may write anything, and a rename
    # replaces a file whatever its own permissions say.
    if not status.st_mode & 0o222:
        raise WorkbookError(f"{path}: is read-only")
    return real


def write_atomic(path: Path, data: bytes, keep_backup: bool = False) -> None:
    """A temporary file beside the target, flushed and synced, then renamed over it: a reader,
    or a crash at any moment, sees the old file or the new one, never a mix.

    A symbolic link is written through to its final target; a read-only file and anything
    that is not a regular file are refused (see `write_target`)."""
    real = write_target(path)
    folder = real.parent
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as error:
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        if keep_backup and real.is_file():
            _keep_backup(real, folder)
        os.replace(temporary, real)
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
