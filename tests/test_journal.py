"""Journals: one per app, locked while it runs, read back, kept aside when damaged."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import tomli_w

from workbook.core import claim_edits
from workbook.core.edits import Draft
from workbook.core.framing import Framing, framing_of
from workbook.core.model import Card, Claim, Side, Workbook
from workbook.session import journal
from workbook.session.journal import (
    OwnJournal,
    all_journals,
    digest,
    find_journals,
    is_live,
    journal_text,
    parse_journal,
)
from workbook.session.session import Session
from workbook.storage.store import load, save

from .conftest import small_v1_data


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def edited(small_file: Path) -> tuple[Workbook, dict[str, tuple[Claim | None, Claim | None]]]:
    """Three edits of the small workbook: a changed claim, a new one and a deleted one."""
    workbook = load(small_file)
    disk = dict(workbook.claims)
    draft = Draft(workbook)
    claim, _ = claim_edits.add_point(workbook.claims["story"], "con", "A new point")
    draft.apply("add", "story", claim)
    new = claim.model_copy(update={"tag": "Inserted", "points": {}})
    draft.apply("add claim", "inserted", new, index=0)
    draft.apply("delete", "blowback", None)
    claims = draft.workbook.claims
    changed = {cid: (disk.get(cid), claims.get(cid)) for cid in ("story", "inserted", "blowback")}
    return draft.workbook, changed


def test_a_journal_holds_each_change_with_the_files_version(small_file: Path) -> None:
    workbook, changed = edited(small_file)
    base = digest(small_file.read_bytes())
    own = OwnJournal(small_file)
    where = own.write(journal_text(base, list(workbook.claims), changed))
    assert where.parent == small_file.parent and where.name.endswith(".journal")
    found = parse_journal(where)
    assert found.base == base and found.changed == ["story", "inserted", "blowback"]
    assert set(found.claims) == {"story", "inserted"}  # the deleted one has no edited version
    assert found.before is not None and set(found.before) == {"story", "blowback"}
    assert found.claims["story"] == workbook.claims["story"]
    own.remove()
    assert all_journals(small_file) == []


def test_a_running_apps_journal_is_live_and_not_offered(small_file: Path) -> None:
    workbook, changed = edited(small_file)
    mine, theirs = OwnJournal(small_file), OwnJournal(small_file)
    assert mine.token != theirs.token
    text = journal_text("base", list(workbook.claims), changed)
    a, b = mine.write(text), theirs.write(text)
    assert a != b and is_live(a) and is_live(b)
    assert find_journals(small_file).live == 2
    theirs.abandon()  # as if killed: the lock goes with the process
    found = find_journals(small_file)
    assert found.live == 1 and found.newest is not None and found.newest.where == b
    mine.remove()
    assert b.exists()  # one app never removes another's journal


def test_the_newest_journal_is_offered_first(small_file: Path) -> None:
    workbook, changed = edited(small_file)
    older, newer = OwnJournal(small_file), OwnJournal(small_file)
    first = older.write(journal_text("base", list(workbook.claims), changed))
    second = newer.write(journal_text("base", list(workbook.claims), changed))
    older.abandon()
    newer.abandon()
    found = find_journals(small_file)
    assert found.newest is not None and found.newest.where == second
    assert [j.where for j in found.others] == [first]


def test_a_damaged_journal_is_kept_aside_and_never_overwritten(small_file: Path) -> None:
    damaged = small_file.parent / f"{small_file.name}.0000.journal"
    damaged.write_text("journal = 2\nbase = \n")
    found = find_journals(small_file)
    assert found.newest is None and len(found.damaged) == 1
    assert "small.toml.0000.journal" in found.damaged[0] and "\n" not in found.damaged[0]
    aside = damaged.with_name(damaged.name + ".damaged")
    assert aside.read_text() == "journal = 2\nbase = \n" and not damaged.exists()
    assert find_journals(small_file).damaged == []  # reported once, then left alone


def test_a_journal_falls_back_to_the_state_folder_and_the_older_one_goes(
    small_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills between two journal writes: the newer journal, in the state folder, is
    the one that survives, and the older one beside the file is removed."""
    workbook, changed = edited(small_file)
    own = OwnJournal(small_file)
    beside, fallback = own.places
    own.write(journal_text("one", list(workbook.claims), changed))
    assert beside.exists()
    real = journal.OwnJournal._replace

    def full(self: OwnJournal, place: Path, data: bytes) -> None:
        if place == beside:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(self, place, data)

    monkeypatch.setattr(journal.OwnJournal, "_replace", full)
    where = own.write(journal_text("two", list(workbook.claims), changed))
    assert where == fallback and not beside.exists()
    own.abandon()
    found = find_journals(small_file)
    assert found.newest is not None and found.newest.base == "two" and found.others == []


def test_a_journal_from_before_tokens_is_still_read(small_file: Path) -> None:
    old = small_file.parent / f"{small_file.name}.journal"
    old.write_text(
        'journal = 1\nbase = "x"\nwritten = "2026-01-02T03:04:05+00:00"\n'
        'order = ["story"]\n[claims.story]\nparagraph = 3\nside = "con"\nquote = "Q"\n'
    )
    found = find_journals(small_file)
    assert found.newest is not None and found.newest.before is None
    assert found.newest.changed == ["story"]


def test_card_edits_are_journalled_and_restored(small_file: Path) -> None:
    """A card added, one changed everywhere it is read, and one deleted: a new app on the file
    gets all three back."""
    session = Session.open(small_file)
    draft = session.draft
    draft.add_card("add", "story", "p1", Card(tag="Fresh", publication="UPI", date="2020"))
    draft.edit_card("edit", "smith", Card(tag="Changed", author="Ann Smith", date="2021"))
    draft.remove_card("remove", "story", "p1", "slot")
    where = session.run_journal(session.journal_job())
    assert where is not None
    session.journal.abandon()
    again = Session.open(small_file)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    workbook = again.draft.workbook
    assert workbook.cards == draft.workbook.cards and workbook.claims == draft.workbook.claims
    assert report.cards == 2  # the new card and the changed one; the deletion is a step too
    assert again.draft.can_undo


def test_a_card_both_changed_keeps_theirs_with_ours_beside(small_file: Path) -> None:
    session = Session.open(small_file)
    session.draft.edit_card("edit", "smith", Card(tag="Mine", author="Ann Smith"))
    session.run_journal(session.journal_job())
    session.journal.abandon()
    theirs = load(small_file)
    theirs.cards["smith"] = Card(tag="Theirs", author="Ann Smith")
    save(theirs, small_file)
    again = Session.open(small_file)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    cards = again.draft.workbook.cards
    assert cards["smith"].tag == "Theirs" and cards["smith-restored"].tag == "Mine"
    assert report.cards_beside == {"smith": "smith-restored"}


def test_a_journal_from_before_the_card_library_is_restored_into_it(small_file: Path) -> None:
    """A journal written when each point kept its own cards: its cards are read from the
    library where they are there, and added where they are new."""
    old = small_file.parent / f"{small_file.name}.0001.journal"
    story = small_v1_data()["claims"]["story"]
    mine = {**story, "points": {"p1": {**story["points"]["p1"]}}}
    mine["points"]["p1"]["cards"] = {
        "1": {"tag": "Attacks rose", "author": "Ann Smith", "date": "2021"},
        "2": {"tag": "Brand new"},
    }
    data = {
        "journal": 2,
        "base": "x",
        "written": "2026-01-02T03:04:05+00:00",
        "order": ["blowback", "story"],
        "changed": ["story"],
        "claims": {"story": mine},
        "before": {"story": story},
    }
    old.write_text(tomli_w.dumps(data))
    session = Session.open(small_file)
    assert session.found.newest is not None
    session.restore(session.found.newest)
    workbook = session.draft.workbook
    assert workbook.claims["story"].points["p1"].cards == ["smith", "story-p1-2"]
    assert workbook.cards["story-p1-2"] == Card(tag="Brand new")


def reframed(workbook: Workbook, motion: str, first: str) -> Framing:
    sides = dict(workbook.sides)
    sides["con"] = Side(name=first, thesis=f"{first} argues it.")
    return Framing(motion, sides)


def test_the_motion_and_sides_are_journalled_and_restored(small_file: Path) -> None:
    session = Session.open(small_file)
    framing = reframed(session.draft.workbook, "This House regrets it.", "Regret")
    session.draft.frame("frame", framing)
    assert session.run_journal(session.journal_job()) is not None  # that edit alone is kept
    session.journal.abandon()
    again = Session.open(small_file)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    assert framing_of(again.draft.workbook) == framing and report.framing
    again.draft.undo()  # restored as a step like any other
    assert framing_of(again.draft.workbook) == framing_of(load(small_file))
    again.draft.redo()
    job = again.begin_save()
    assert job is not None
    again.save_done(job, job.run())
    assert again.journal_job().empty  # saved: nothing left to journal
    assert framing_of(load(small_file)) == framing
    again.close()


def test_motion_and_sides_both_changed_keep_the_files(small_file: Path) -> None:
    session = Session.open(small_file)
    session.draft.frame("frame", reframed(session.draft.workbook, "Mine", "Mine"))
    session.run_journal(session.journal_job())
    session.journal.abandon()
    theirs = load(small_file)
    theirs.motion = "Theirs"
    save(theirs, small_file)
    again = Session.open(small_file)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    assert again.draft.workbook.motion == "Theirs" and report.framing_kept and not report.framing


def test_merging_with_a_changed_file_keeps_our_unsaved_sides(small_file: Path) -> None:
    session = Session.open(small_file)
    framing = reframed(session.draft.workbook, "Mine", "Regret")
    session.draft.frame("frame", framing)
    theirs = load(small_file)
    theirs.claims["story"] = theirs.claims["story"].model_copy(update={"tag": "Theirs"})
    save(theirs, small_file)
    session.merge_job().run()
    merged = load(small_file)
    assert framing_of(merged) == framing and merged.claims["story"].tag == "Theirs"
    assert not merged.conflicts
    session.close()
