"""Saves survive SIGKILL at any moment: the file is always the old version or the new one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KILLS = 120
TOP = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_during_saves_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.crash_harness", str(tmp_path), str(KILLS), "800"],
        cwd=TOP,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "failure" not in report, report["failure"]
    assert report["size"] > 2_500_000
    assert sum(report["outcomes"].values()) == KILLS
    print(f"{KILLS} kills of saves of {report['size']:,} bytes: {report['outcomes']}")
