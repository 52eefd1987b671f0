"""`workbook formats`, `workbook time` and `workbook speech` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.commands import main
from workbook.storage.places import seed_path


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "workbook" / "formats.toml"


def test_formats_lists_each_format_with_its_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "ld: Lincoln-Douglas (prep 4:00 a side; 40:00 in all)" in out
    assert "  AC 6:00, CX 3:00, NC 7:00, CX 3:00, 1AR 4:00, NR 6:00, 2AR 3:00" in out
    assert "bp: British Parliamentary (no prep in the round" in out
    assert "bp: British Parliamentary (no prep in the round; 15:00 prep before the round; " in out
    assert "ws-impromptu: World Schools (impromptu) (no prep in the round; 1:00:00 prep" in out


def test_a_bad_formats_file_is_one_line_and_status_2(
    own_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own_config.parent.mkdir(parents=True)
    own_config.write_text("[formats.pf]\nprep = -1\n", encoding="utf-8")
    assert main(["formats"]) == 2
    assert main(["time", "pf"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].endswith(
        "formats.toml:2:1: formats.pf.prep: Input should be greater than or equal to 0 (got -1)"
    )


def test_time_refuses_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["time", "oxford"]) == 2
    assert capsys.readouterr().err.startswith("no format 'oxford' (formats: policy-hs, policy,")


def test_speech_writes_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "1ar.md"
    args = ["speech", str(seed_path()), "--side", "Blowback", "--speech", "1ar", "--answers"]
    assert main([*args, "--rate", "lay", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 1AR · Blowback\n") and "at 150 wpm" in text
    assert capsys.readouterr().out.endswith(f"speech written to {out}\n")
    assert main([*args, "--claims", "reckless-decision"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# 1AR · Blowback") and "of 5:00 at 250 wpm" in printed


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--side", "pro", "--speech", "1AC"], "--side: no side 'pro'"),
        (["--side", "blowback", "--speech", "9AC"], "--speech: no speech '9AC' in Policy"),
        (["--side", "blowback", "--speech", "1AC", "--rate", "fast"], "--rate: "),
        (["--side", "blowback", "--speech", "1AC", "--rate", "²"], "--rate: "),
        (["--side", "blowback", "--speech", "1AC", "--claims", "nope"], "--claims: no claim"),
        (["--side", "blowback", "--speech", "AC", "--format", "ox"], "no format 'ox'"),
    ],
)
def test_speech_refuses_bad_input_in_one_line(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speech", str(seed_path()), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
