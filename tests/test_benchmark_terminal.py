"""The benchmark's terminal reader: it finds text that follows a large frame, and quits the
program once it has (the benchmark itself is not part of the test run)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from tests.benchmark import in_terminal

PROGRAM = textwrap.dedent(
    """
    import sys, tty
    tty.setraw(0)
    sys.stdout.write("x" * 200_000 + "\\r\\nready\\r\\n")
    sys.stdout.flush()
    if sys.stdin.read(1) == "\\x11":
        open("told to quit", "w").close()
    """
)


def test_the_marker_after_a_large_frame_is_seen_and_the_program_told_to_quit(
    tmp_path: Path,
) -> None:
    (tmp_path / "frame.py").write_text(PROGRAM, encoding="utf-8")
    seconds, peak = in_terminal([sys.executable, "frame.py"], ["ready"], tmp_path)
    assert 0 < seconds < 60
    assert peak > 0
    assert (tmp_path / "told to quit").exists()
