"""Hostile paths: pipes, devices, sockets, folders and runaway files, each refused in one line,
at once, with the file left as it was."""

from __future__ import annotations

import errno
import os
import resource
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbook.storage import files
from workbook.storage.files import MAX_BYTES, MB, ReadError, read_bytes, read_file

HANG_GUARD = 10.0  # seconds: a command that waits on a pipe fails the test, it does not stall it
QUICK = 5.0  # a refusal takes a fraction of a second; this is slack for a busy machine


def limit_memory() -> None:
    # Should a refusal ever regress into reading /dev/zero, the child fails instead of the machine.
    resource.setrlimit(resource.RLIMIT_AS, (4 * 1024 * MB, 4 * 1024 * MB))


def workbook_command(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbook", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
        cwd=cwd,
        preexec_fn=limit_memory,
    )


def make_fifo(folder: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no named pipes")
    path = folder / "pipe.toml"
    os.mkfifo(path)
    return path


def make_socket(folder: Path) -> Iterator[Path]:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("this system has no Unix sockets")
    path = folder / "sock.toml"
    if len(str(path)) > 100:
        pytest.skip("the temporary folder's path is too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


def device(name: str) -> Callable[[Path], Path]:
    def existing(folder: Path) -> Path:
        path = Path("/dev") / name
        if not path.exists():
            pytest.skip(f"this system has no {path}")
        return path

    return existing


def make_folder(folder: Path) -> Path:
    path = folder / "folder.toml"
    path.mkdir()
    return path


KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (make_fifo, "is a named pipe (FIFO), not a regular file"),
    "zero": (device("zero"), "is a character device, not a regular file"),
    "urandom": (device("urandom"), "is a character device, not a regular file"),
    "null": (device("null"), "is a character device, not a regular file"),
    "folder": (make_folder, "is a folder, not a workbook file"),
}


@pytest.fixture
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    if request.param == "socket":
        for path in make_socket(tmp_path):
            yield path, "is a socket, not a regular file"
        return
    make, reason = KINDS[request.param]
    yield make(tmp_path), reason


@pytest.mark.parametrize("hostile", [*KINDS, "socket"], indirect=True)
@pytest.mark.parametrize("command", [["check"], ["fmt"], ["fmt", "--check"], ["export"], ["open"]])
def test_what_is_not_a_regular_file_is_refused_at_once(
    hostile: tuple[Path, str], command: list[str], tmp_path: Path
) -> None:
    path, reason = hostile
    start = time.monotonic()
    result = workbook_command(*command, path, cwd=tmp_path)
    assert time.monotonic() - start < QUICK
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{path}: {reason}\n"
    assert not list(tmp_path.glob("*.brief.md"))


def test_a_file_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(600 * MB)  # sparse: no disk and no time
    result = workbook_command("check", path, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"{path}: is 600.0 MB, past the 512 MB a workbook may be\n"
    assert path.stat().st_size == 600 * MB


def test_the_limit_leaves_room_for_a_very_large_workbook() -> None:
    assert MAX_BYTES == 512 * MB


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_bytes(b"0123456789")
    assert read_bytes(path, limit=10) == b"0123456789"
    with pytest.raises(ReadError) as caught:
        read_bytes(path, limit=9)
    assert str(caught.value) == f"{path}: is 10 bytes, past the 9 bytes a workbook may be"


def test_a_file_that_grows_while_it_is_read_is_caught() -> None:
    # Files under /proc say they are empty and then give text: as a file that grows would.
    path = Path("/proc/self/status")
    if not path.is_file() or path.stat().st_size:
        pytest.skip("this system has no /proc/self/status of size 0")
    with pytest.raises(ReadError) as caught:
        read_bytes(path, limit=16)
    grew = "grew past the 16 bytes a workbook may be while it was read"
    assert str(caught.value) == f"{path}: {grew}"
    assert len(read_bytes(path)) > 16


def test_a_pipe_swapped_in_after_the_look_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = make_fifo(tmp_path)
    regular = tmp_path / "regular.toml"
    regular.write_text("format = 1\n")
    real_stat = os.stat
    # The name looks like a regular file when first looked at, and is a pipe when opened.
    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: real_stat(regular, *a, **k))
    start = time.monotonic()
    with pytest.raises(ReadError, match=r"is a named pipe \(FIFO\), not a regular file$"):
        read_bytes(pipe)
    assert time.monotonic() - start < QUICK


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (OSError(errno.EIO, os.strerror(errno.EIO)), f"cannot read: {os.strerror(errno.EIO)}"),
        (
            BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN)),
            f"cannot read: {os.strerror(errno.EAGAIN)}",
        ),
        (MemoryError(), "too large to read into memory"),
    ],
)
def test_a_failing_read_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, message: str
) -> None:
    path = tmp_path / "w.toml"
    path.write_text("format = 1\n")

    def fail(descriptor: int, size: int) -> bytes:
        raise failure

    monkeypatch.setattr(files.os, "read", fail)
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_missing_file_and_a_loop_of_links(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"none.toml: no such file$"):
        read_bytes(tmp_path / "none.toml")
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    with pytest.raises(ReadError, match=r"loop.toml: cannot read: "):
        read_bytes(loop)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    from workbook.commands import main

    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def uncanonical(small_file: Path) -> bytes:
    data = small_file.read_bytes().replace(b'tag = "', b'tag =   "')
    small_file.write_bytes(data)
    return data


def test_fmt_refuses_a_read_only_file(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    before = uncanonical(small_file)
    small_file.chmod(0o444)
    assert run(capsys, "fmt", small_file) == (2, "", f"{small_file}: is read-only\n")
    assert small_file.read_bytes() == before
    assert not small_file.with_name("small.toml.bak").exists()
    assert run(capsys, "fmt", "--check", small_file)[0] == 1


def test_fmt_writes_through_a_link_and_keeps_a_real_backup(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path
) -> None:
    canonical = small_file.read_bytes()
    before = uncanonical(small_file)
    other = tmp_path / "other"
    other.mkdir()
    link = other / "w.toml"
    link.symlink_to(small_file)
    assert run(capsys, "fmt", link) == (0, f"{link}: reformatted\n", "")
    assert link.is_symlink() and link.resolve() == small_file
    assert small_file.read_bytes() == canonical
    backup = small_file.with_name("small.toml.bak")
    assert backup.is_file() and not backup.is_symlink() and backup.read_bytes() == before
    assert [p.name for p in other.iterdir()] == ["w.toml"]


def spellings(path: Path, cwd: Path) -> list[str]:
    """Other names for the same file: relative with ./ and .., and a symbolic link."""
    link = cwd / f"link-{path.name}"
    link.symlink_to(path)
    relative = os.path.relpath(path, cwd)
    return [str(path), f"./{relative}", f"sub/../{relative}", link.name]


@pytest.mark.parametrize("which", ["workbook", "essay"])
def test_export_never_writes_over_the_workbook_or_its_essay(
    capsys: pytest.CaptureFixture[str],
    small_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    which: str,
) -> None:
    target = small_file if which == "workbook" else small_file.with_name("small.txt")
    monkeypatch.chdir(small_file.parent)
    (small_file.parent / "sub").mkdir()
    before = target.read_bytes()
    message = "itself" if which == "workbook" else "essay"
    for name in spellings(target, small_file.parent):
        status, out, err = run(capsys, "export", small_file, "-o", name)
        assert (status, out) == (2, ""), name
        assert err.startswith(f"{Path(name)}: is the workbook") and message in err, err
        assert err.count("\n") == 1
        assert target.read_bytes() == before


def test_export_refuses_an_output_that_is_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path
) -> None:
    outs = tmp_path / "outs"
    outs.mkdir()
    from .test_store import special_files

    for name, path in special_files(outs).items():
        kind = files.kind_of(path.stat().st_mode)
        status, out, err = run(capsys, "export", small_file, "-o", path)
        assert (status, out) == (2, ""), name
        assert err == f"{path}: is {kind}, not a regular file\n", name
        assert files.kind_of(path.stat().st_mode) == kind
        assert path.is_symlink() == name.startswith("link")


def with_essay(small_file: Path, name: str) -> bytes:
    """Point the workbook's essay.file at `name`; returns the workbook's bytes."""
    text = small_file.read_text().replace('file = "small.txt"', f"file = '{name}'")
    small_file.write_text(text)
    return small_file.read_bytes()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/shadow", "must be relative to the workbook's folder"),
        ("../../../../etc/passwd", "must stay inside the workbook's folder (no '..')"),
        ("/proc/kmsg", "must be relative to the workbook's folder"),
        ("C:\\Windows\\win.ini", "separate folders with '/', not '\\'"),
    ],
)
def test_an_essay_outside_the_folder_is_refused_by_name(
    small_file: Path, name: str, reason: str
) -> None:
    before = with_essay(small_file, name)
    for command in ("check", "export"):
        result = workbook_command(command, small_file, cwd=small_file.parent)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.startswith(f"{small_file}: essay.file: {reason} (got ")
        assert result.stderr.count("\n") == 1
    assert small_file.read_bytes() == before


SECRET = "a secret line\n" * 7


def test_a_link_out_of_the_folder_is_refused_and_tells_nothing_of_its_target(
    small_file: Path, tmp_path: Path
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(SECRET)
    try:
        essay = small_file.with_name("small.txt")
        essay.unlink()
        essay.symlink_to(outside)
        result = workbook_command("check", small_file, cwd=tmp_path)
    finally:
        outside.unlink()
    assert (result.returncode, result.stdout) == (2, "")
    message = f"{small_file}: essay.file: small.txt leads outside the workbook's folder\n"
    assert result.stderr == message
    assert "secret" not in result.stderr and "paragraph" not in result.stderr


def test_a_link_that_stays_inside_the_folder_is_followed(small_file: Path) -> None:
    texts = small_file.parent / "texts"
    texts.mkdir()
    small_file.with_name("small.txt").rename(texts / "essay.txt")
    small_file.with_name("small.txt").symlink_to(Path("texts") / "essay.txt")
    result = workbook_command("check", small_file, cwd=small_file.parent)
    assert (result.returncode, result.stderr) == (0, "")


def make_essay(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # what /dev/zero is
        except OSError as error:
            pytest.skip(f"cannot make a device here: {error.strerror}")
    else:
        path.mkdir()


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("fifo", "small.txt: is a named pipe (FIFO), not a regular file"),
        ("device", "small.txt: is a character device, not a regular file"),
        ("folder", "small.txt is a folder, not a text file"),
    ],
)
def test_an_essay_that_is_a_pipe_a_device_or_a_folder_is_refused(
    small_file: Path, kind: str, reason: str
) -> None:
    essay = small_file.with_name("small.txt")
    essay.unlink()
    make_essay(kind, essay)
    before = small_file.read_bytes()
    start = time.monotonic()
    result = workbook_command("check", small_file, cwd=small_file.parent)
    assert time.monotonic() - start < QUICK
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{small_file}: essay.file: {reason}\n"
    assert small_file.read_bytes() == before


def test_an_essay_that_is_not_utf8_names_its_line_and_column(small_file: Path) -> None:
    small_file.with_name("small.txt").write_bytes(b"By a writer\nStrikes \xff bring\n")
    result = workbook_command("check", small_file, cwd=small_file.parent)
    assert result.returncode == 2
    where = f"{small_file}: essay.file: small.txt:2:9: not UTF-8 text (byte 0xff)\n"
    assert result.stderr == where
