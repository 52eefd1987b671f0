"""Save a large workbook in child processes and SIGKILL them at random moments.

Run by tests/test_crash_safety.py in a fresh interpreter, so that each fork copies a small
process rather than the test runner. Prints one JSON line: the outcomes, or the first failure.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbook.storage.files import backup_path, write_atomic
from workbook.storage.store import dumps, save

from .scaled import scaled


def fork(work: Callable[[], object]) -> int:
    pid = os.fork()
    if pid == 0:  # the child saves, then leaves at once without the parent's cleanup
        try:
            work()
        finally:
            os._exit(0)
    return pid


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    os.waitpid(fork(work), 0)
    return time.perf_counter() - start


def run(folder: Path, kills: int, claims: int) -> dict[str, object]:
    path = folder / "big.toml"
    workbook = scaled(claims)
    versions = [dumps(workbook).encode()]
    next(iter(workbook.claims.values())).tag = "changed"
    versions.append(dumps(workbook).encode())  # what saving `workbook` now writes
    for version in versions:  # both parse, so a file equal to one of them parses
        tomllib.loads(version.decode())
    path.write_bytes(versions[0])
    # Half the runs serialise and save, as the app does; half write ready bytes, so that more
    # kills land while the file is written, synced and renamed.
    full_save = timed(lambda: save(workbook, folder / "probe.toml"))
    write_only = timed(lambda: write_atomic(folder / "probe.toml", versions[1], keep_backup=True))
    chance = random.Random(20200103)
    outcomes: Counter[str] = Counter()
    for run in range(kills):
        old = path.read_bytes()
        new = versions[1] if old == versions[0] else versions[0]
        if run % 2 and new == versions[1]:
            phase, window = "save", full_save
            pid = fork(lambda: save(workbook, path))
        else:
            phase, window = "write", write_only
            pid = fork(lambda new=new: write_atomic(path, new, keep_backup=True))
        time.sleep(chance.uniform(0, window * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        now = path.read_bytes()
        if now not in (old, new):
            return {"failure": f"run {run}: the file is neither the old nor the new version"}
        if backup_path(path).exists() and backup_path(path).read_bytes() not in versions:
            return {"failure": f"run {run}: the backup is neither version"}
        outcomes[f"{phase}: {'new' if now == new else 'old'}"] += 1
    return {"outcomes": dict(outcomes), "size": len(versions[0])}


if __name__ == "__main__":
    folder, kills, claims = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(run(folder, kills, claims)))
