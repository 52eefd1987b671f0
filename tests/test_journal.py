"""The journal of unsaved edits: written small, read back, replayed, and removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import edits, journal
from workbook.edits import Draft
from workbook.journal import digest, read_journal, remove_journal, write_journal
from workbook.model import Workbook
from workbook.store import WorkbookError, load


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def edited(small_file: Path) -> tuple[Workbook, list[str]]:
    workbook = load(small_file)
    draft = Draft(workbook)
    claim, _ = edits.add_point(workbook.claims["story"], "con", "A new point")
    draft.apply("add", "story", claim)
    new = claim.model_copy(update={"tag": "Inserted", "points": {}})
    draft.apply("add claim", "inserted", new, index=0)
    draft.apply("delete", "blowback", None)
    return draft.workbook, ["story", "inserted", "blowback"]


def test_a_journal_replays_the_edits_on_the_saved_file(small_file: Path) -> None:
    workbook, changed = edited(small_file)
    base = digest(small_file.read_bytes())
    where = write_journal(small_file, base, workbook, changed)
    assert where == small_file.parent / "small.toml.journal"
    found = read_journal(small_file)
    assert found is not None and found.base == base
    assert set(found.claims) == {"story", "inserted"}  # only what changed is written
    draft = Draft(load(small_file))
    for claim_id, claim, index in found.steps(draft.workbook):
        draft.apply("restore", claim_id, claim, index)
    assert draft.workbook == workbook
    remove_journal(small_file)
    assert read_journal(small_file) is None


def test_a_journal_falls_back_to_the_state_folder(
    small_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = small_file.parent / "small.toml.journal"
    real = journal.write_atomic

    def refuse_beside(path: Path, data: bytes, keep_backup: bool = False) -> None:
        if path == beside:
            raise WorkbookError(f"{path}: cannot save: Read-only file system")
        real(path, data, keep_backup)

    monkeypatch.setattr(journal, "write_atomic", refuse_beside)
    workbook, changed = edited(small_file)
    where = write_journal(small_file, "base", workbook, changed)
    assert where != beside and where.parent.name == "journals"
    assert read_journal(small_file) is not None
    remove_journal(small_file)
    assert not where.exists()


def test_a_damaged_journal_is_reported_not_trusted(small_file: Path) -> None:
    (small_file.parent / "small.toml.journal").write_text("journal = 1\nbase = \n")
    with pytest.raises(WorkbookError, match=r"small\.toml\.journal:"):
        read_journal(small_file)
