"""End to end: the installed `workbook` in a real pseudo-terminal, read as a person sees it."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest

from workbook.essay.paragraphs import split_paragraphs
from workbook.session.journal import all_journals
from workbook.storage.store import load

from .conftest import copy_positions

pytestmark = pytest.mark.e2e

COLUMNS, LINES = 140, 42


class Terminal:
    """A pseudo-terminal running a command, with a pyte screen fed from its output."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        self.child = pexpect.spawn(
            command[0], command[1:], cwd=str(cwd), env=env, dimensions=(LINES, COLUMNS)
        )

    def pump(self) -> None:
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except (pexpect.TIMEOUT, pexpect.EOF):
                return

    def text(self) -> str:
        self.pump()
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], seconds: float = 15) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.text()
            if predicate(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"the screen never showed what was expected:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            time.sleep(0.15)
            self.pump()


@pytest.fixture
def command() -> str:
    """The installed `workbook` command, beside this Python."""
    found = shutil.which("workbook", path=str(Path(sys.executable).parent))
    assert found is not None, "the workbook command is not installed"
    return found


TAB, CTRL_S, CTRL_Q = "\t", "\x13", "\x11"


def test_add_a_counterargument_by_keystrokes(command: str, tmp_path: Path) -> None:
    copy_positions(tmp_path)
    terminal = Terminal([command, "soleimani-blowback.toml"], tmp_path)
    try:
        terminal.wait_for(lambda s: "Claims 28/28" in s and "Deterrence" in s)
        terminal.keys(TAB, TAB, "a")  # the Deterrence column, then a new point
        terminal.wait_for(lambda s: "New point for Deterrence" in s)
        terminal.keys("Attacks were rising before the strike, too.")
        terminal.keys(CTRL_S)
        terminal.wait_for(lambda s: "unsaved changes" in s)
        terminal.keys(CTRL_S)
        terminal.wait_for(lambda s: "Saved to soleimani-blowback.toml" in s)
        terminal.keys(CTRL_Q)
        terminal.child.expect(pexpect.EOF, timeout=10)
    finally:
        terminal.child.close(force=True)
    assert terminal.child.exitstatus == 0
    saved = load(tmp_path / "soleimani-blowback.toml")
    points = saved.claims["reckless-decision"].points.values()
    added = [p for p in points if p.text == "Attacks were rising before the strike, too."]
    assert [(p.side, p.kind) for p in added] == [("deterrence", "counters")]


def test_keys_typed_as_it_opens_are_not_lost(command: str, tmp_path: Path) -> None:
    """The first frame is a first look at the file, shown before the app can edit: a key
    pressed then still moves to the next claim once the app is ready."""
    copy_positions(tmp_path)
    second = list(load(tmp_path / "soleimani-blowback.toml").claims.values())[1]
    terminal = Terminal([command, "soleimani-blowback.toml"], tmp_path)
    try:
        terminal.wait_for(lambda s: "Claims 28/28" in s)
        terminal.child.send("j")
        terminal.wait_for(lambda s: second.quote[:40] in s)
        terminal.keys(CTRL_Q)
        terminal.child.expect(pexpect.EOF, timeout=10)
    finally:
        terminal.child.close(force=True)
    assert terminal.child.exitstatus == 0


def test_a_killed_app_offers_its_edits_back(command: str, tmp_path: Path) -> None:
    copy_positions(tmp_path)
    before = (tmp_path / "soleimani-blowback.toml").read_bytes()
    path = tmp_path / "soleimani-blowback.toml"
    first = Terminal([command, "soleimani-blowback.toml"], tmp_path)
    try:
        first.wait_for(lambda s: "Claims 28/28" in s)
        first.keys(TAB, "a")
        first.wait_for(lambda s: "New point for Blowback" in s)
        first.keys("Written just before the crash.", CTRL_S)
        first.wait_for(lambda s: "unsaved changes" in s)
        deadline = time.monotonic() + 5
        while not all_journals(path) and time.monotonic() < deadline:
            first.pump()
            time.sleep(0.05)
        assert all_journals(path), "no journal within five seconds of the edit"
        first.child.kill(signal.SIGKILL)
        first.child.wait()
    finally:
        first.child.close(force=True)
    assert (tmp_path / "soleimani-blowback.toml").read_bytes() == before

    second = Terminal([command, "soleimani-blowback.toml"], tmp_path)
    try:
        second.wait_for(lambda s: "Discard them" in s)
        second.keys("r")
        second.wait_for(lambda s: "Restored 1 claim." in s)
        second.keys(CTRL_S)
        second.wait_for(lambda s: "Saved to" in s)
        second.keys(CTRL_Q)
        second.child.expect(pexpect.EOF, timeout=10)
    finally:
        second.child.close(force=True)
    points = load(tmp_path / "soleimani-blowback.toml").claims["reckless-decision"].points
    assert "Written just before the crash." in [p.text for p in points.values()]
    assert not all_journals(path)


def test_a_bad_file_gives_one_line_and_status_2(command: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b"format = 1\ntitle = \n")
    terminal = Terminal([command, "bad.toml"], tmp_path)
    shown = terminal.wait_for(lambda s: "not a value" in s)
    terminal.child.expect(pexpect.EOF, timeout=10)
    terminal.child.close()
    assert terminal.child.exitstatus == 2
    # pyte keeps no separate screen for the app, so what the app drew may still show; the
    # message is the one line that says what is wrong (after a stray character from a query).
    lines = [line.strip() for line in shown.splitlines() if "not a value" in line]
    assert len(lines) == 1
    assert lines[0].endswith('bad.toml:2:9: not a value: text goes in quotes, "like this"')
    assert "Traceback" not in shown
    assert path.read_bytes() == b"format = 1\ntitle = \n"


def test_from_a_saved_page_to_a_first_claim(command: str, tmp_path: Path) -> None:
    """`workbook new page.html`, then a claim made from a sentence with keys, saved."""
    page = Path(__file__).parent / "pages" / "news.html"
    shutil.copyfile(page, tmp_path / "page.html")
    made = pexpect.run(f"{command} new page.html -o x.toml", cwd=str(tmp_path), withexitstatus=True)
    output, status = made
    assert status == 0, output
    terminal = Terminal([command, "x.toml"], tmp_path)
    try:
        terminal.wait_for(lambda s: "Who argues what?" in s)
        terminal.keys("\x1b")  # keep the default names for now
        terminal.wait_for(lambda s: "make the sentence a claim" in s)
        terminal.keys("\x1b[B", "c")  # down to the first sentence of the article, and claim it
        terminal.wait_for(lambda s: "Made the claim" in s)
        terminal.keys("]")  # trim the last word
        terminal.keys("v")
        terminal.wait_for(lambda s: "Claims 1/1" in s)
        terminal.keys(CTRL_S)
        terminal.wait_for(lambda s: "Saved to x.toml" in s)
        terminal.keys(CTRL_Q)
        terminal.child.expect(pexpect.EOF, timeout=10)
    finally:
        terminal.child.close(force=True)
    workbook = load(tmp_path / "x.toml")
    (claim,) = workbook.claims.values()
    essay = split_paragraphs((tmp_path / "x.txt").read_text(encoding="utf-8"))
    assert claim.quote in essay[claim.paragraph - 1]  # the essay's own characters
    assert pexpect.run(f"{command} check x.toml", cwd=str(tmp_path), withexitstatus=True)[1] == 0


# Loaded by the command's Python at its start (PYTHONPATH): a fault in the export key's handler,
# and no journal from the timer after an edit, so that only the crash can keep the edit.
FAULT = """
import workbook.tui.app, workbook.tui.file_app

def fault(*args):
    raise RuntimeError("a fault in a handler")

workbook.tui.app.WorkbookApp.action_export = fault
workbook.tui.file_app.JOURNAL_DELAY = 3600
"""


def test_a_crash_exits_non_zero_after_journalling_the_last_edit(
    command: str, tmp_path: Path
) -> None:
    copy_positions(tmp_path)
    path = tmp_path / "soleimani-blowback.toml"
    before = path.read_bytes()
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FAULT)
    os.environ["PYTHONPATH"], kept = str(hook), os.environ.get("PYTHONPATH")
    try:
        first = Terminal([command, path.name], tmp_path)
    finally:
        os.environ.pop("PYTHONPATH") if kept is None else os.environ.update(PYTHONPATH=kept)
    try:
        first.wait_for(lambda s: "Claims 28/28" in s)
        first.keys(TAB, "a")
        first.wait_for(lambda s: "New point for Blowback" in s)
        first.keys("Typed just before the fault.", CTRL_S)
        first.wait_for(lambda s: "unsaved changes" in s)
        assert not all_journals(path)
        # ctrl+e, the export's key, whose handler raises; sent without reading the screen, so
        # that everything the command writes from here on is read by expect, to the end.
        first.child.send("\x05")
        first.child.expect(pexpect.EOF, timeout=15)
        last = first.child.before.decode(errors="replace")
    finally:
        first.child.close(force=True)
    assert first.child.exitstatus == 70
    said = [line for line in last.splitlines() if "unexpected error" in line]
    assert len(said) == 1 and "RuntimeError: a fault in a handler" in said[0], last
    assert "Traceback" not in last
    assert path.read_bytes() == before and len(all_journals(path)) == 1

    second = Terminal([command, path.name], tmp_path)
    try:
        second.wait_for(lambda s: "Discard them" in s)
        second.keys("r")
        second.wait_for(lambda s: "Restored 1 claim." in s)
        second.keys(CTRL_S)
        second.wait_for(lambda s: "Saved to" in s)
        second.keys(CTRL_Q)
        second.child.expect(pexpect.EOF, timeout=10)
    finally:
        second.child.close(force=True)
    points = load(path).claims["reckless-decision"].points
    assert "Typed just before the fault." in [p.text for p in points.values()]


# A teammate's file may hold escape sequences: one that retitles the terminal, one that clears
# it, and the same as a C1 control, each written as TOML escapes.
HOSTILE_NAME = r"Blowback\u001b]0;owned\u0007\u001b[2J\u009b2J"


def test_a_files_escape_sequences_never_reach_the_terminal(command: str, tmp_path: Path) -> None:
    seed = copy_positions(tmp_path)
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace('name = "Blowback"', f'name = "{HOSTILE_NAME}"', 1), "utf-8")
    assert load(seed).sides["blowback"].name.startswith("Blowback\x1b]0;owned")
    terminal = Terminal([command, seed.name], tmp_path)
    written = bytearray()
    try:
        deadline = time.monotonic() + 15
        while b"Blowback]0;owned" not in written and time.monotonic() < deadline:
            try:
                written += terminal.child.read_nonblocking(65536, timeout=0.1)
            except pexpect.TIMEOUT:
                continue
        assert b"Blowback]0;owned[2J" in written  # the name is shown, its controls left out
        assert b"\x1b]0;owned" not in written  # so the terminal's title is its own
        assert b"\x1b[2J\x9b" not in written and "\x9b".encode() not in written
    finally:
        terminal.child.kill(signal.SIGKILL)
