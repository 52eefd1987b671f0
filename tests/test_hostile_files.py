"""Hostile files: hundreds of damaged copies of the seed, each a workbook or one clear error."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from workbook.commands import main
from workbook.storage.places import seed_path
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.prep.screen import PrepScreen

from .conftest import copy_positions
from .tui.conftest import SIZE

SEED = seed_path().read_bytes()
LINES = SEED.split(b"\n")
WRONG_VALUES = [b'"5"', b"5.5", b"true", b"[1, 2]", b"{ a = 1 }", b"1979-05-27", b'""', b"-1"]


def truncate(r: random.Random) -> bytes:
    return SEED[: r.randrange(len(SEED))]


def flip_bytes(r: random.Random) -> bytes:
    data = bytearray(SEED)
    for _ in range(r.randint(1, 8)):
        data[r.randrange(len(data))] = r.randrange(256)
    return bytes(data)


def delete_line(r: random.Random) -> bytes:
    lines = list(LINES)
    del lines[r.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(r: random.Random) -> bytes:
    lines = list(LINES)
    at = r.randrange(len(lines))
    lines.insert(at, lines[at])
    return b"\n".join(lines)


def swap_lines(r: random.Random) -> bytes:
    lines = list(LINES)
    a, b = r.randrange(len(lines)), r.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def wrong_type(r: random.Random) -> bytes:
    lines = list(LINES)
    candidates = [i for i, line in enumerate(lines) if re.match(rb"^[a-z_]+ = ", line)]
    at = r.choice(candidates)
    key = lines[at].split(b" = ")[0]
    lines[at] = key + b" = " + r.choice(WRONG_VALUES)
    return b"\n".join(lines)


def nul_bytes(r: random.Random) -> bytes:
    at = r.randrange(len(SEED))
    return SEED[:at] + b"\x00" * r.randint(1, 3) + SEED[at:]


def byte_order_mark(r: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + (SEED if r.random() < 0.5 else flip_bytes(r))


def crlf(r: random.Random) -> bytes:
    data = SEED.replace(b"\n", b"\r\n")
    return data if r.random() < 0.5 else data.replace(b"\r\n", b"\r", r.randint(1, 50))


def invalid_utf8(r: random.Random) -> bytes:
    at = r.randrange(len(SEED))
    return (
        SEED[:at] + r.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + SEED[at:]
    )


def long_string(r: random.Random) -> bytes:
    size = r.choice([100_000, 1_000_000, 3_000_000])
    return SEED.replace(b'tag = "', b'tag = "' + b"x" * size, 1)


def deep_nesting(r: random.Random) -> bytes:
    depth = r.choice([50, 500, 5_000, 50_000])
    opener, closer = r.choice([(b"[", b"]"), (b"{ a = ", b" }")])
    return SEED.replace(
        b"format = 1\n", b"format = 1\nx = " + opener * depth + b"1" + closer * depth + b"\n", 1
    )


MUTATIONS: list[Callable[[random.Random], bytes]] = [
    truncate,
    flip_bytes,
    delete_line,
    duplicate_line,
    swap_lines,
    wrong_type,
    nul_bytes,
    byte_order_mark,
    crlf,
    invalid_utf8,
    long_string,
    deep_nesting,
]
CASES = 600
BUDGET = 60.0  # seconds for all the cases together: a hang fails the test, it does not stall it


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy_positions(tmp_path)
    return tmp_path


def test_every_hostile_file_is_a_workbook_or_one_clear_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chance = random.Random(8_1_2020)
    path = folder / "hostile.toml"
    start = time.monotonic()
    outcomes = {"valid": 0, "refused": 0}
    for case in range(CASES):
        mutate = MUTATIONS[case % len(MUTATIONS)]
        data = mutate(chance)
        path.write_bytes(data)
        status = main(["check", str(path)])
        out, err = capsys.readouterr()
        assert path.read_bytes() == data, f"case {case} ({mutate.__name__}) changed the file"
        if status == 0:
            outcomes["valid"] += 1
            assert err == ""
        else:
            outcomes["refused"] += 1
            assert status == 2, f"case {case} ({mutate.__name__}): status {status}"
            assert out == "" and err.count("\n") == 1, err
            assert err.startswith(str(path)) and "Traceback" not in err
        assert time.monotonic() - start < BUDGET, f"over budget at case {case}"
    print(f"{CASES} hostile files: {outcomes}")
    assert outcomes["refused"] > CASES // 2


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
async def test_the_app_refuses_a_hostile_file_the_same_way(
    folder: Path, mutate: Callable[[random.Random], bytes]
) -> None:
    chance = random.Random(mutate.__name__)
    path = folder / "hostile.toml"
    for _ in range(20):  # a damaged case of this kind (most are; a few still load)
        data = mutate(chance)
        path.write_bytes(data)
        if main(["check", str(path)]) == 2:
            break
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(1000):
            if not app.is_running or any(isinstance(s, PrepScreen) for s in app.screen_stack):
                break
            await pilot.pause(0.01)
        await pilot.pause()
    if app.draft is None:
        assert app.return_code == 2
        assert app.error is not None and "\n" not in app.error
        assert app.error.startswith(str(path))
    assert path.read_bytes() == data
