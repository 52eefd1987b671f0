"""The app under attack: workers that raise anything, special files, two apps on one file,
old and damaged journals, and questions whose default answer must be the safe one."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from workbook.core.model import Claim
from workbook.session import session
from workbook.session.journal import all_journals
from workbook.storage import owned, places
from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen

from .conftest import SIZE, opened, told, until
from .test_keeping import crashed, journalled

FIRST = "reckless-decision"


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def strength(path: Path) -> int | None:
    return load(path).claims[FIRST].points["p1"].strength


@pytest.mark.parametrize(
    "error",
    [RuntimeError("boom"), ValueError("odd"), MemoryError(), KeyError("x")],
    ids=lambda e: type(e).__name__,
)
async def test_a_save_that_raises_anything_keeps_every_edit(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    before = seed_copy.read_bytes()

    def broken(*args: object) -> bytes:
        raise error

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        monkeypatch.setattr(session, "save", broken)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.question  # type: ignore[attr-defined]
        assert type(error).__name__ in question and "Every edit is kept" in question
        assert "unsaved changes" in app.sub_title
        await until(pilot, lambda: journalled(seed_copy))  # the journal holds the edit
        await pilot.press("k")  # keep editing
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # and a later save works
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        await until(pilot, lambda: not journalled(seed_copy))
    assert seed_copy.read_bytes() != before and strength(seed_copy) == 5


async def test_a_load_that_raises_anything_exits_with_one_line(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise ValueError("something\nunexpected")

    monkeypatch.setattr(session, "read_workbook", broken)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.error == f"{seed_copy}: ValueError: something\\nunexpected"


async def test_the_seed_whose_essay_cannot_be_copied_keeps_every_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.chdir(tmp_path)
    # The essay's copy is written as every file the workbook owns is: that write fails.
    monkeypatch.setattr(owned, "write_atomic", refused)
    app = WorkbookApp(places.seed_path())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Permission denied" in app.screen.question  # type: ignore[attr-defined]
        assert "unsaved changes" in app.sub_title and app.is_running


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
async def test_a_workbook_replaced_by_a_fifo_is_reported_not_waited_on(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        seed_copy.unlink()
        os.mkfifo(seed_copy)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "not a regular file" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("k", "4")  # the app still answers
        assert app.draft is not None
        assert app.draft.workbook.claims[FIRST].points["p1"].strength == 4


async def test_enter_on_their_change_cancels(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        theirs = seed_copy.read_text().replace("strength = 3", "strength = 1", 1)
        seed_copy.write_text(theirs)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert "unsaved changes" in app.sub_title
        await until(pilot, lambda: journalled(seed_copy))
    assert seed_copy.read_text() == theirs


async def test_save_as_asks_before_replacing_a_file(seed_copy: Path) -> None:
    other = seed_copy.with_name("other.toml")
    other.write_text("keep me\n")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        app.action_save_as()
        await until(pilot, lambda: bool(app.screen.query("#field-path")))
        app.screen.query_one("#field-path").value = str(other)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "already exists" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("enter")  # the default keeps the file
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert other.read_text() == "keep me\n"
        app.action_save_as()
        await until(pilot, lambda: bool(app.screen.query("#field-path")))
        app.screen.query_one("#field-path").value = str(other)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("r")  # replace it, when asked for by name
        await until(pilot, lambda: app.path == other and "unsaved" not in app.sub_title)
    assert strength(other) == 5


async def test_two_apps_on_one_file_keep_their_own_journals(seed_copy: Path) -> None:
    """A saves; B's unsaved edits are still in B's journal after B is killed."""
    a, b = WorkbookApp(seed_copy), WorkbookApp(seed_copy)
    async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
        await opened(pa)
        await opened(pb)
        await pb.press("tab", "down", "down", "x")  # B deletes a card... or a point
        await until(pb, lambda: journalled(seed_copy))
        await pa.press("tab", "5", "ctrl+s")
        await until(pa, lambda: "unsaved" not in a.sub_title)
        assert b.session is not None and b.session.journal.where is not None
        assert b.session.journal.where.exists()
        b_claim = b.session.draft.workbook.claims[FIRST]
    crashed(b)
    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("r")
        # Both changed the first claim: B's version stands beside A's saved one.
        assert screen.workbook.claims[FIRST].points["p1"].strength == 5
        assert screen.workbook.claims[f"{FIRST}-restored"] == b_claim


async def test_restoring_an_old_journal_keeps_a_teammates_claim(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        await until(pilot, lambda: journalled(seed_copy))
    crashed(app)
    workbook = load(seed_copy)  # a teammate adds a claim and pushes; we pull
    workbook.claims["teammate"] = Claim(paragraph=2, side="deterrence", quote="The")
    save(workbook, seed_copy)
    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("r")
        assert "teammate" in screen.workbook.claims
        assert screen.workbook.claims[FIRST].points["p1"].strength == 5
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in again.sub_title)
    assert "teammate" in load(seed_copy).claims and strength(seed_copy) == 5


async def test_a_damaged_journal_is_reported_and_kept(seed_copy: Path) -> None:
    damaged = seed_copy.with_name(f"{seed_copy.name}.dead.journal")
    damaged.write_text("not a journal [")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        await until(pilot, lambda: len(all_journals(seed_copy)) == 1)
    aside = damaged.with_name(damaged.name + ".damaged")
    assert aside.read_text() == "not a journal ["


async def test_an_export_that_raises_is_reported_and_the_app_goes_on(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook import exports

    def broken(*args: object) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(exports, "export_bytes", broken)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+e")
        await until(pilot, lambda: any("renderer broke" in m for m in told(app)))
        assert app.is_running


async def test_a_journal_that_raises_is_reported_and_the_edits_stay(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise PermissionError(13, "no journal here")

    monkeypatch.setattr(session.Session, "run_journal", broken)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        words = "Cannot keep a journal: "
        await until(pilot, lambda: any(words in m for m in told(app)), 10)
        assert app.is_running and "unsaved changes" in app.sub_title
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert strength(seed_copy) == 5


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../etc/passwd", "/proc/kmsg"])
async def test_the_app_refuses_an_essay_outside_the_folder(small_file: Path, name: str) -> None:
    text = small_file.read_text().replace('file = "small.txt"', f"file = '{name}'")
    small_file.write_text(text)
    app = WorkbookApp(small_file)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2 and app.error is not None
    assert app.error.startswith(f"{small_file}: essay.file: ") and "\n" not in app.error
    assert small_file.read_text() == text


async def test_a_read_only_workbook_is_reported_not_rewritten(seed_copy: Path) -> None:
    seed_copy.chmod(0o444)
    before = seed_copy.read_bytes()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "is read-only" in app.screen.question  # type: ignore[attr-defined]
        assert "unsaved changes" in app.sub_title
    assert seed_copy.read_bytes() == before


async def test_a_linked_workbook_is_saved_through_the_link(seed_copy: Path) -> None:
    link = seed_copy.with_name("linked.toml")
    link.symlink_to(seed_copy.name)
    app = WorkbookApp(link)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert link.is_symlink() and strength(seed_copy) == 5
