"""The workbook's debate format: kept in the file, changed as one step with the motion,
journalled, merged, and what the timer, the speech and check start on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from workbook.commands import main
from workbook.core.edits import Draft
from workbook.core.framing import framing_of
from workbook.core.merge import merge
from workbook.core.model import Workbook
from workbook.practice.formats import BUILT_IN, DEFAULT_FORMAT, Formats, format_of
from workbook.session.session import Session
from workbook.storage.files import WorkbookError
from workbook.storage.store import describe, dumps, load, save

from .conftest import copy_positions


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "config" / "workbook" / "formats.toml"


def in_format(path: Path, debate_format: str | None) -> Path:
    workbook = load(path)
    workbook.debate_format = debate_format
    save(workbook, path)
    return path


def test_the_debate_format_is_kept_in_the_file_and_absent_when_none(seed_copy: Path) -> None:
    before = seed_copy.read_text(encoding="utf-8")
    assert "debate_format" not in before and load(seed_copy).debate_format is None
    in_format(seed_copy, "bp")
    text = seed_copy.read_text(encoding="utf-8")
    assert 'debate_format = "bp"' in text and load(seed_copy).debate_format == "bp"
    assert dumps(load(seed_copy)) == text  # canonical, and round trips
    in_format(seed_copy, None)
    assert seed_copy.read_text(encoding="utf-8") == before


def test_a_debate_format_that_is_no_key_is_refused_at_its_field(data: dict[str, Any]) -> None:
    data["debate_format"] = "British Parliamentary"
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    assert describe(caught.value).startswith("debate_format: ")


def test_the_format_a_workbook_names_is_found_or_told_in_one_line() -> None:
    formats = Formats()
    assert format_of(formats, None) is BUILT_IN[DEFAULT_FORMAT]  # what the app used before
    assert format_of(formats, "bp") is BUILT_IN["bp"]
    with pytest.raises(WorkbookError, match=r"^debate_format: no format 'oxford' \(formats: "):
        format_of(formats, "oxford")


def test_the_format_changes_with_the_motion_as_one_step(small: Workbook) -> None:
    draft = Draft(small)
    framing = replace(framing_of(small), debate_format="npda")
    draft.frame("the format", framing)
    assert draft.workbook.debate_format == "npda"
    draft.undo()
    assert draft.workbook.debate_format is None
    draft.redo()
    assert draft.workbook.debate_format == "npda"


def test_a_changed_format_is_journalled_and_restored(small_file: Path) -> None:
    session = Session.open(small_file)
    framing = replace(framing_of(session.draft.workbook), debate_format="ws-impromptu")
    session.draft.frame("frame", framing)
    assert session.run_journal(session.journal_job()) is not None
    session.journal.abandon()  # as a crash leaves it
    again = Session.open(small_file)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    assert again.draft.workbook.debate_format == "ws-impromptu" and report.framing


def test_a_journal_naming_no_format_key_is_refused_in_one_line(small_file: Path) -> None:
    from workbook.session.journal import journal_text, parse_journal

    small = load(small_file)
    framing = replace(framing_of(small), debate_format="bp")
    text = journal_text("base", list(small.claims), {}, framing=(framing_of(small), framing))
    place = small_file.with_name("j.toml")
    place.write_bytes(text)
    assert parse_journal(place).framing == framing
    place.write_bytes(text.replace(b'"bp"', b'"b p"'))
    with pytest.raises(WorkbookError, match=r"not a readable journal \(debate_format 'b p'"):
        parse_journal(place)


def test_a_format_changed_on_one_side_merges(small: Workbook) -> None:
    ours = small.model_copy(deep=True)
    ours.debate_format = "ld"
    merged = merge(small, ours, small.model_copy(deep=True))
    assert merged.debate_format == "ld" and not merged.conflicts
    theirs = small.model_copy(deep=True)
    theirs.debate_format = "pf"
    both = merge(small, ours, theirs)
    assert [c.path for c in both.conflicts] == ["debate_format"]


def test_speech_starts_on_the_workbooks_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = in_format(copy_positions(tmp_path), "bp")
    args = ["speech", str(path), "--side", "Blowback", "--speech", "PM"]
    assert main(args) == 0  # PM is a speech of British Parliamentary, not of policy
    assert capsys.readouterr().out.startswith("# PM · Blowback")
    assert main([*args[:-1], "1AC", "--format", "policy-hs"]) == 0  # --format still chooses
    in_format(path, "oxford")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == f"{path}: debate_format: no format 'oxford' (formats: {', '.join(BUILT_IN)})\n"


def test_check_refuses_a_format_that_is_not_among_the_formats(
    tmp_path: Path, private_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = in_format(copy_positions(tmp_path), "novice")
    before = path.read_bytes()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: debate_format: no format 'novice'") and err.count("\n") == 1
    private_folders.parent.mkdir(parents=True)
    private_folders.write_text(
        '[formats.novice]\nspeeches = [{ name = "AC", minutes = 5 }]\n', encoding="utf-8"
    )
    assert main(["check", str(path)]) == 0  # the user's own format is a format
    assert path.read_bytes() == before


def test_time_on_a_workbook_starts_on_its_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.tui.timer_app import TimerApp

    started: list[str] = []

    def run(app: TimerApp, **options: object) -> None:
        started.append(app.key)

    monkeypatch.setattr(TimerApp, "run", run)
    path = in_format(copy_positions(tmp_path), "npda")
    assert main(["time", str(path)]) == 0 and started == ["npda"]
    in_format(path, None)
    assert main(["time", str(path)]) == 0 and started[-1] == DEFAULT_FORMAT
    assert main(["time", str(tmp_path / "gone.toml")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
