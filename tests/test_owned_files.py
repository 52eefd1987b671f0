"""The files the workbook writes beside a workbook, other than the workbook itself (briefs and
other exports, speeches, drill histories, .gitattributes, the essay's copy), all go through one
writer: beside the workbook, never through a link out of its folder, never over the workbook,
its essay or a file of another kind, and with a backup of what they replace."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports import EXPORTS, default_path, write_beside
from workbook.exports.brief import BriefOptions
from workbook.practice.drills import Record, history_path, load_history, mark, save_history
from workbook.session.session import SaveJob
from workbook.storage.files import WorkbookError
from workbook.storage.owned import copy_essay
from workbook.storage.places import seed_path
from workbook.storage.store import load, save

from .conftest import ESSAY, small_data

MONDAY = dt.date(2026, 3, 2)
PRECIOUS = b"# my own settings: not a drill history\n[formats.ld]\nprep = 5\n"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file the user can write, in a folder other than the workbook's."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "formats.toml"
    path.write_bytes(PRECIOUS)
    return path


def one_mark() -> dict[str, Record]:
    return {"blowback/p2": mark(None, True, MONDAY)}


# Drill histories.


def test_a_drill_mark_never_writes_through_a_link_out_of_the_folder(
    small_file: Path, outside: Path
) -> None:
    history = history_path(small_file)
    history.symlink_to(outside)
    with pytest.raises(WorkbookError, match="link") as raised:
        save_history(history, one_mark())
    assert str(raised.value).startswith(str(history)) and "\n" not in str(raised.value)
    assert outside.read_bytes() == PRECIOUS and history.is_symlink()


def test_a_drill_mark_never_replaces_the_workbook(small_file: Path) -> None:
    before = small_file.read_bytes()
    history = history_path(small_file)
    history.symlink_to(small_file.name)  # a link that stays in the folder, to the workbook
    with pytest.raises(WorkbookError, match="not a drill history"):
        load_history(history)
    with pytest.raises(WorkbookError, match=r"the workbook itself|not a drill history"):
        save_history(history, one_mark())
    assert small_file.read_bytes() == before
    assert not small_file.with_name("small.toml.bak").exists()


def test_a_drill_mark_never_replaces_a_second_workbook_of_that_name(small_file: Path) -> None:
    """`round.toml`'s history is `round.drills.toml`: a workbook of that name is not one."""
    other = history_path(small_file)
    save(Workbook.model_validate(small_data()), other)
    before = other.read_bytes()
    with pytest.raises(WorkbookError, match="is a workbook, not a drill history"):
        load_history(other)
    with pytest.raises(WorkbookError, match="is a workbook, not a drill history"):
        save_history(other, one_mark())
    assert other.read_bytes() == before


def test_a_drill_mark_keeps_the_rest_of_the_history_file(tmp_path: Path) -> None:
    path = tmp_path / "round.drills.toml"
    kept = 'kept = "a note of the squad\'s"\n[coach]\nname = "Jo"\n'
    path.write_text(f'{kept}[drills."a/p1"]\nbox = 3\ngot = 2\n', encoding="utf-8")
    before = path.read_bytes()
    history = load_history(path)
    history["b/p2"] = mark(None, False, MONDAY)
    save_history(path, history)
    again = load_history(path)
    assert again == history and again["a/p1"].box == 3
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["kept"] == "a note of the squad's" and data["coach"] == {"name": "Jo"}
    assert path.with_name(path.name + ".bak").read_bytes() == before


def test_a_drill_history_of_another_kind_is_refused_when_read(tmp_path: Path) -> None:
    path = tmp_path / "round.drills.toml"
    path.write_bytes(PRECIOUS)
    with pytest.raises(WorkbookError, match="not a drill history"):
        load_history(path)
    with pytest.raises(WorkbookError, match="not a drill history"):
        save_history(path, one_mark())
    assert path.read_bytes() == PRECIOUS


# Exports.


@pytest.mark.parametrize("to", [row.key for row in EXPORTS])
def test_export_by_default_never_writes_through_a_link_out_of_the_folder(
    capsys: pytest.CaptureFixture[str], small_file: Path, outside: Path, to: str
) -> None:
    target = default_path(small_file, to)
    target.symlink_to(outside)
    status, out, err = run(capsys, "export", small_file, "--to", to)
    assert (status, out) == (2, "") and err.count("\n") == 1, err
    assert err.startswith(f"{target}: ") and "link" in err
    with pytest.raises(WorkbookError, match="link"):  # what ctrl+e and the palette run
        write_beside(load(small_file), small_file, to, BriefOptions())
    assert outside.read_bytes() == PRECIOUS and target.is_symlink()


def test_export_follows_a_link_that_stays_in_the_folder(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    kept = small_file.with_name("kept-brief.md")
    kept.write_text("# an older brief\n", encoding="utf-8")
    target = default_path(small_file, "md")
    target.symlink_to(kept.name)
    assert run(capsys, "export", small_file)[0] == 0
    assert target.is_symlink() and kept.read_text(encoding="utf-8").startswith("# Small")
    assert kept.with_name("kept-brief.md.bak").read_text() == "# an older brief\n"


def test_export_keeps_what_it_replaces_as_a_backup(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    target = default_path(small_file, "md")
    target.write_text("# notes added by hand\n", encoding="utf-8")
    assert run(capsys, "export", small_file)[0] == 0
    assert target.with_name(target.name + ".bak").read_text() == "# notes added by hand\n"
    assert target.read_text(encoding="utf-8").startswith("# Small")


@pytest.mark.parametrize("named", [False, True])
def test_export_never_replaces_a_file_of_another_kind(
    capsys: pytest.CaptureFixture[str], small_file: Path, named: bool
) -> None:
    """A second workbook that happens to have the brief's name, or a text where a Word file
    goes, is not replaced, whether the name is the default or typed with -o."""
    brief = default_path(small_file, "md")
    save(Workbook.model_validate(small_data()), brief)
    word = default_path(small_file, "docx")
    word.write_text("a text, not a Word file\n", encoding="utf-8")
    for target, to in ((brief, "md"), (word, "docx")):
        before = target.read_bytes()
        args = ["-o", target] if named else ["--to", to]
        status, out, err = run(capsys, "export", small_file, *args)
        assert (status, out) == (2, "") and err.count("\n") == 1, err
        assert err.startswith(f"{target}: is ") and "not replaced" in err, err
        assert target.read_bytes() == before


def test_export_to_a_name_typed_with_o_follows_its_link(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path
) -> None:
    """A name the user typed is theirs: its link is followed wherever it leads."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "brief.md").write_text("# last week's\n", encoding="utf-8")
    link = small_file.with_name("to-shared.md")
    link.symlink_to(shared / "brief.md")
    assert run(capsys, "export", small_file, "-o", link)[0] == 0
    assert (shared / "brief.md").read_text(encoding="utf-8").startswith("# Small")
    assert (shared / "brief.md.bak").read_text(encoding="utf-8") == "# last week's\n"


# Speeches.


def test_speech_o_never_writes_over_the_essay(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    essay = small_file.with_name("small.txt")
    for name in (essay, small_file):
        before = name.read_bytes()
        args = ["speech", small_file, "--side", "con", "--speech", "1AC", "-o", name]
        status, out, err = run(capsys, *args)
        assert (status, out) == (2, "") and err.count("\n") == 1, err
        assert "is the workbook" in err
        assert name.read_bytes() == before


# git-setup.


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_setup_never_writes_through_a_link_out_of_the_repository(
    tmp_path: Path, outside: Path
) -> None:
    repository = tmp_path / "repo"
    repository.mkdir()
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / ".gitattributes").symlink_to(outside)
    done = subprocess.run(
        [sys.executable, "-m", "workbook", "git-setup"],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert ".gitattributes" in done.stderr and "link" in done.stderr
    assert outside.read_bytes() == PRECIOUS


# The essay's copy, on "Save as…" and the seed's first save.


def test_save_as_beside_a_different_essay_of_the_same_name_is_refused(
    small_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "small.txt").write_text("Another essay altogether.\n", encoding="utf-8")
    target = folder / "small-copy.toml"
    workbook = load(small_file)
    job = SaveJob(small_file, target, workbook, None, "", overwrite=False)
    with pytest.raises(WorkbookError, match=r"small\.txt") as raised:
        job.run()
    assert "\n" not in str(raised.value) and "different" in str(raised.value)
    assert not target.exists()
    assert (folder / "small.txt").read_text(encoding="utf-8") == "Another essay altogether.\n"


def test_save_as_beside_the_same_essay_saves(small_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    target = folder / "small-copy.toml"
    SaveJob(small_file, target, load(small_file), None, "", overwrite=False).run()
    assert load(target).title == "Small"


def test_the_essay_is_never_copied_through_a_link_out_of_the_folder(
    small_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    planted = tmp_path / "elsewhere-new.txt"
    (folder / "small.txt").symlink_to(planted)  # a dangling link: nothing is there yet
    with pytest.raises(WorkbookError, match="link"):
        copy_essay(small_file, "small.txt", folder)
    assert not planted.exists()


# The writer itself.


def test_a_bundled_position_is_never_written(small_file: Path) -> None:
    from workbook.storage.owned import text, write_owned

    with pytest.raises(WorkbookError, match="bundled"):
        write_owned(seed_path().with_name("x.brief.md"), b"x", text("brief"))


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    from workbook.storage.owned import text, write_owned

    pipe = tmp_path / "x.brief.md"
    os.mkfifo(pipe)
    with pytest.raises(WorkbookError, match=r"is a named pipe \(FIFO\), not a regular file"):
        write_owned(pipe, b"x", text("brief"))
