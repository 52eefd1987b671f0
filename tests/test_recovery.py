"""Restoring a journal is a three-way merge: nothing the file gained since is lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbook.core.model import Claim, Workbook
from workbook.session.journal import Journal
from workbook.session.restore import merge, steps


def claim(tag: str, paragraph: int = 2) -> Claim:
    return Claim(paragraph=paragraph, side="con", tag=tag, quote="Strikes bring blowback.")


def journal(base: dict[str, Claim], mine: dict[str, Claim], digest: str = "old") -> Journal:
    changed = sorted(cid for cid in base.keys() | mine.keys() if base.get(cid) != mine.get(cid))
    return Journal(
        base=digest,
        written=dt.datetime.now().astimezone(),
        order=list(mine),
        changed=changed,
        claims={c: mine[c] for c in changed if c in mine},
        before={c: base[c] for c in changed if c in base},
        where=Path("x.journal"),
    )


BASE = {"a": claim("A"), "b": claim("B"), "c": claim("C")}


def test_unchanged_file_gives_back_exactly_the_edits() -> None:
    mine = {"a": claim("A2"), "new": claim("N"), "c": BASE["c"]}  # b deleted
    result = merge(journal(BASE, mine), dict(BASE), "old")
    assert result.claims == mine and list(result.claims) == list(mine)


def test_a_claim_the_file_gained_since_is_kept() -> None:
    """A teammate added a claim after the edits were journalled: restoring keeps it."""
    mine = {**BASE, "a": claim("A2")}
    theirs = {**BASE, "team": claim("T")}
    result = merge(journal(BASE, mine), theirs, "new")
    assert result.claims["team"] == claim("T")
    assert result.claims["a"] == claim("A2")


def test_a_claim_only_the_file_changed_keeps_their_version() -> None:
    mine = {**BASE, "a": claim("A2")}
    theirs = {**BASE, "b": claim("B-theirs")}
    result = merge(journal(BASE, mine), theirs, "new")
    assert result.claims["b"] == claim("B-theirs") and result.claims["a"] == claim("A2")


def test_a_claim_both_changed_keeps_both() -> None:
    mine = {**BASE, "a": claim("A-mine")}
    theirs = {**BASE, "a": claim("A-theirs")}
    result = merge(journal(BASE, mine), theirs, "new")
    assert result.claims["a"] == claim("A-theirs")
    assert result.beside == {"a": "a-restored"}
    assert result.claims["a-restored"] == claim("A-mine")
    assert list(result.claims) == ["a", "a-restored", "b", "c"]


def test_deleted_here_but_changed_there_keeps_theirs() -> None:
    mine = {"a": BASE["a"], "c": BASE["c"]}
    theirs = {**BASE, "b": claim("B-theirs")}
    result = merge(journal(BASE, mine), theirs, "new")
    assert result.claims["b"] == claim("B-theirs") and result.kept == ["b"]


def test_changed_here_but_deleted_there_brings_ours_back() -> None:
    mine = {**BASE, "b": claim("B-mine")}
    theirs = {"a": BASE["a"], "c": BASE["c"]}
    result = merge(journal(BASE, mine), theirs, "new")
    assert list(result.claims) == ["a", "b", "c"] and result.claims["b"] == claim("B-mine")


def test_an_old_journal_on_a_changed_file_deletes_nothing() -> None:
    """Journals from before each change carried the file's version: never delete with them."""
    old = journal(BASE, {"a": claim("A2"), "c": BASE["c"]})
    old.before = None
    old.changed = ["a"]
    theirs = {**BASE, "team": claim("T")}
    result = merge(old, theirs, "new")
    assert set(result.claims) == {"a", "a-restored", "b", "c", "team"}


def test_steps_replay_the_merge_on_a_draft(small: Workbook) -> None:
    from workbook.core.edits import Draft

    current = dict(small.claims)
    merged = {"new": claim("N", 3), "story": current["story"]}
    draft = Draft(small)
    for cid, value, index in steps(current, merged):
        draft.apply("restore", cid, value, index)
    assert list(draft.workbook.claims) == ["new", "story"]
