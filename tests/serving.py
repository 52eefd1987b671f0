"""`workbook serve` run as a user runs it: a process of its own, on a free port of this machine."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path


class Served:
    """`workbook serve ARGS --port 0` in `cwd`; `url` is the address it printed."""

    def __init__(self, args: list[str], cwd: Path, seconds: float = 20) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbook", "serve", *args, "--port", "0"],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own group: the apps it starts end with it
        )
        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=seconds)
        selector.close()
        self.line = self.process.stdout.readline() if ready else ""
        found = re.search(r"http://\S+", self.line)
        if found is None:
            self.stop()
            raise AssertionError(f"serve printed no address: {self.line!r} {self.stderr()!r}")
        self.url = found[0]
        self.port = int(self.url.rsplit(":", 1)[1])

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else ""

    def stop(self) -> int:
        """Ctrl+C, as a user stops it; anything of its group still running after is killed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        finally:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    os.killpg(self.process.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
            else:
                os.killpg(self.process.pid, signal.SIGKILL)
