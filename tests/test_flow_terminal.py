"""`workbook R.flow.toml`: a round's flow opened in the app from the command line, in a real
pseudo-terminal; killed while flowing and restored; and bad flow files refused before it."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_flow import BAD_FLOWS, _spoiled
from workbook.commands import main
from workbook.practice.flow_file import read_flow

from .conftest import copy_positions
from .test_terminal import CTRL_Q, CTRL_S, Terminal, command

__all__ = ["command"]  # the fixture, used by name

RIGHT, ENTER = "\x1b[C", "\r"


def started(command: str, folder: Path) -> Path:
    copy_positions(folder)
    new = [command, "flow", "new", "soleimani-blowback.toml", "--format", "policy-hs"]
    subprocess.run([*new, "--as", "Aff", "-o", "r.flow.toml"], cwd=folder, check=True)
    return folder / "r.flow.toml"


def journals(flow: Path) -> list[Path]:
    return sorted(flow.parent.glob(f"{flow.name}.*.journal"))


@pytest.mark.e2e
def test_a_round_killed_while_flowing_loses_nothing(command: str, tmp_path: Path) -> None:
    flow = started(command, tmp_path)
    before = flow.read_bytes()
    first = Terminal([command, "r.flow.toml"], tmp_path)
    try:
        first.wait_for(lambda s: "Sheets" in s and "1NC Neg" in s)
        first.keys(RIGHT, "n")
        first.wait_for(lambda s: "An argument in 1NC (Neg)" in s)
        first.keys("Typed just before the kill.", ENTER)
        first.wait_for(lambda s: "● unsaved" in s and "Typed just before" in s)
        deadline = time.monotonic() + 5
        while not journals(flow) and time.monotonic() < deadline:
            first.pump()
            time.sleep(0.05)
        assert journals(flow), "no journal within five seconds of the edit"
        first.child.kill(signal.SIGKILL)
        first.child.wait()
    finally:
        first.child.close(force=True)
    assert flow.read_bytes() == before  # nothing written but the journal

    second = Terminal([command, "r.flow.toml"], tmp_path)
    try:
        second.wait_for(lambda s: "Discard them" in s and "r.flow.toml" in s)
        second.keys("r")
        second.wait_for(lambda s: "Restored the flow's unsaved edits" in s)
        second.keys(CTRL_S)
        second.wait_for(lambda s: "Flow saved to" in s)
        second.keys(CTRL_Q)
        second.child.expect(pexpect.EOF, timeout=10)
    finally:
        second.child.close(force=True)
    assert second.child.exitstatus == 0
    sheet = read_flow(flow).flow.sheets["reckless-decision"]
    typed = [a for a in sheet.arguments.values() if a.text == "Typed just before the kill."]
    assert [(a.speech, a.answers) for a in typed] == [("1NC", "")]
    assert not journals(flow)


@pytest.mark.e2e
def test_a_bad_flow_file_in_the_terminal_is_one_line_and_status_2(
    command: str, tmp_path: Path
) -> None:
    flow = started(command, tmp_path)
    flow.write_text(
        flow.read_text(encoding="utf-8").replace('format = "policy-hs"', 'format = "oxford"'),
        encoding="utf-8",
    )
    before = flow.read_bytes()
    terminal = Terminal([command, "r.flow.toml"], tmp_path)
    shown = terminal.wait_for(lambda s: "no format 'oxford'" in s)
    terminal.child.expect(pexpect.EOF, timeout=10)
    terminal.child.close()
    assert terminal.child.exitstatus == 2
    assert len([line for line in shown.splitlines() if "oxford" in line]) == 1
    assert "Traceback" not in shown and flow.read_bytes() == before


# Every bad flow file `flow check` refuses, refused alike by the app's command: a workbook in
# a flow file's place is a workbook, and the app opens it as one.
OPENED_AS_FLOWS = [case for case in BAD_FLOWS if case != "a workbook, not a flow"]


@pytest.mark.parametrize("case", OPENED_AS_FLOWS)
def test_a_bad_flow_file_is_refused_before_the_app_starts(
    case: str, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flowed = seed_copy.parent / "r.flow.toml"
    new = ["flow", "new", str(seed_copy), "--format", "policy-hs", "--as", "Aff", "-o"]
    assert main([*new, str(flowed)]) == 0
    flowed.write_text(_spoiled(flowed.read_text(encoding="utf-8"), case), encoding="utf-8")
    folder = sorted(p.name for p in flowed.parent.iterdir())
    before = flowed.read_bytes()
    capsys.readouterr()
    assert main([str(flowed)]) == 2
    captured = capsys.readouterr()
    said = captured.err.strip().splitlines()
    assert len(said) == 1 and BAD_FLOWS[case][1] in said[0], said
    assert captured.out == "" and "Traceback" not in captured.err
    assert flowed.read_bytes() == before
    assert sorted(p.name for p in flowed.parent.iterdir()) == folder
