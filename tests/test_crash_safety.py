"""Saves survive SIGKILL at any moment: the file is always the old version or the new one."""

from __future__ import annotations

import os
import random
import signal
import time
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from workbook.store import backup_path, dumps, save, write_atomic

from .scaled import scaled

KILLS = 120


def fork(work: object) -> int:
    pid = os.fork()
    if pid == 0:  # the child: save, then leave at once without running the parent's cleanup
        try:
            work()  # type: ignore[operator]
        finally:
            os._exit(0)
    return pid


def timed(work: object) -> float:
    start = time.perf_counter()
    os.waitpid(fork(work), 0)
    return time.perf_counter() - start


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_during_saves_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    workbook = scaled(1000)
    versions = [dumps(workbook).encode()]
    first = next(iter(workbook.claims.values()))
    first.tag = "changed"
    versions.append(dumps(workbook).encode())
    assert len(versions[0]) > 3_000_000 and versions[0] != versions[1]
    path.write_bytes(versions[0])

    # Half the runs serialise and save (as the app does); half only write ready bytes, so that
    # more kills land while the file is written, synced and renamed.
    full_save = timed(lambda: save(workbook, tmp_path / "probe.toml"))
    write_only = timed(lambda: write_atomic(tmp_path / "probe.toml", versions[1], keep_backup=True))
    chance = random.Random(20200103)
    outcomes: Counter[str] = Counter()
    for run in range(KILLS):
        old = path.read_bytes()
        new = versions[1] if old == versions[0] else versions[0]
        if run % 2 and new == versions[1]:
            phase, window = "save", full_save
            pid = fork(lambda: save(workbook, path))  # the workbook serialises to versions[1]
        else:
            phase, window = "write", write_only
            pid = fork(lambda new=new: write_atomic(path, new, keep_backup=True))
        time.sleep(chance.uniform(0, window * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        now = path.read_bytes()
        assert now in (old, new), f"run {run}: the file is neither version"
        tomllib.loads(now.decode())
        if backup_path(path).exists():
            assert backup_path(path).read_bytes() in versions
        outcomes[f"{phase}: {'new' if now == new else 'old'}"] += 1
    print(f"{KILLS} kills: {dict(outcomes)}")
