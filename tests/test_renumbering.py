"""Paragraph numbers through a merge (workbook/core/renumbering.py): an essay that gained or lost
paragraphs on either side merges into a workbook whose claims stand where their quotes are in
the merged essay, or the merge records a conflict; it never merges cleanly into one that will
not open."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core.merge import merge
from workbook.core.model import Workbook
from workbook.storage import store

SIDES = {"pro": {"name": "Pro"}, "con": {"name": "Con"}}


@dataclass
class Edit:
    """One side's change of the essay: paragraphs inserted before base paragraph `gap` (the
    end for `gap` = n), base paragraphs removed; then claims added, moved, and a heading."""

    inserted: dict[int, int] = field(default_factory=dict)  # gap -> how many
    removed: set[int] = field(default_factory=set)  # base indexes
    name: str = "x"

    def essay(self, base: list[str]) -> list[str]:
        out: list[str] = []
        for gap in range(len(base) + 1):
            out += [f"{self.name}{gap}-{k}" for k in range(self.inserted.get(gap, 0))]
            if gap < len(base) and gap not in self.removed:
                out.append(base[gap])
        return out


def merged_essay(base: list[str], ours: Edit, theirs: Edit) -> list[str]:
    """The essay as git's clean merge of its lines gives it (the two edits stand apart)."""
    out: list[str] = []
    for gap in range(len(base) + 1):
        for edit in (ours, theirs):
            out += [f"{edit.name}{gap}-{k}" for k in range(edit.inserted.get(gap, 0))]
        if gap < len(base) and gap not in ours.removed | theirs.removed:
            out.append(base[gap])
    return out


def workbook(essay: list[str], claims: dict[str, str], headings: set[str]) -> dict[str, Any]:
    """A workbook on `essay` whose claims quote whole paragraphs: claim id -> the paragraph."""
    return {
        "format": 2,
        "essay": {
            "paragraphs": len(essay),
            "headings": sorted({essay.index(h) + 1 for h in headings if h in essay}),
        },
        "sides": SIDES,
        "claims": {
            cid: {"paragraph": essay.index(text) + 1, "side": "pro", "quote": text}
            for cid, text in claims.items()
            if text in essay
        },
    }


@st.composite
def edits(draw: st.DrawFn, name: str, low: int, high: int) -> Edit:
    """Paragraphs inserted, or removed, at base places from `low` to `high`. Not both: a
    paragraph removed here and another inserted there, with nothing kept in place between to
    show it, moves the numbers between them unseen (the module's one assumption)."""
    if high < low:
        return Edit(name=name)
    if high > low and draw(st.booleans()):
        return Edit({}, draw(st.sets(st.integers(low, high - 1), min_size=1, max_size=2)), name)
    gaps = draw(st.lists(st.integers(low, high), max_size=3))
    return Edit({gap: draw(st.integers(1, 2)) for gap in gaps}, set(), name)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Any, ...]:
    n = draw(st.integers(2, 14))
    base = [f"b{i}" for i in range(n)]
    claims = {f"c{i}": base[draw(st.integers(0, n - 1))] for i in range(draw(st.integers(0, 6)))}
    headings = {base[i] for i in draw(st.sets(st.integers(0, n - 1), max_size=3))}
    # Each side changes its own stretch of the essay, apart from the other's, as two teammates'
    # edits that git merges cleanly; or both take the same new essay.
    split = draw(st.integers(0, n))
    ours = draw(edits("o", 0, split - 2))
    theirs = draw(edits("t", split + 1, n)) if draw(st.booleans()) else Edit(name="t")
    if draw(st.booleans()):
        theirs = Edit(dict(ours.inserted), set(ours.removed), "o")
    out: list[Any] = [base, ours, theirs, workbook(base, claims, headings)]
    # What the workbook cannot see: a paragraph the other side removed, where this side makes a
    # claim (git merges the text without it; no number can be right).
    gone = {base[i] for i in ours.removed | theirs.removed}
    for who, edit in (("ours", ours), ("theirs", theirs)):
        essay = edit.essay(base)
        there = [text for text in essay if text not in gone]
        mine = dict(claims)
        # A teammate adds claims anywhere in their own essay, and moves one.
        for k in range(draw(st.integers(0, 3)) if there else 0):
            mine[f"{who}-new{k}"] = draw(st.sampled_from(there))
        if mine and there and draw(st.booleans()):
            mine[draw(st.sampled_from(sorted(mine)))] = draw(st.sampled_from(there))
        mine_headings = set(headings)
        if there and draw(st.booleans()):
            mine_headings.add(draw(st.sampled_from(there)))
        out.append(workbook(essay, mine, mine_headings))
    return tuple(out)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(histories())
def test_every_claim_stands_where_its_quote_is_in_the_merged_essay(
    history: tuple[Any, ...],
) -> None:
    base, our_edit, their_edit, before, ours, theirs = history
    same = our_edit.name == their_edit.name
    essay = our_edit.essay(base) if same else merged_essay(base, our_edit, their_edit)
    result = merge(*(Workbook.model_validate(d) for d in (before, ours, theirs)))
    paths = [c.path for c in result.conflicts]
    if "essay.paragraphs" in paths:
        # Alike on both sides, as far as the marks show: ours' count is kept, and said to be in
        # doubt; which paragraph is which is then for a person to check.
        assert result.essay.paragraphs == ours["essay"]["paragraphs"]
        assert ours["essay"]["paragraphs"] == theirs["essay"]["paragraphs"]
        return
    assert result.essay.paragraphs == len(essay), paths
    for claim_id, claim in result.claims.items():
        if not any(p == f"claims.{claim_id}" or p.startswith(f"claims.{claim_id}.") for p in paths):
            assert essay[claim.paragraph - 1] == claim.quote, (claim_id, paths)
    if not paths:  # a clean merge keeps what either side added
        for claim_id in {*ours["claims"], *theirs["claims"]} - set(before["claims"]):
            assert claim_id in result.claims
    if "essay.headings" not in paths:
        marked = {
            text
            for side, edit in ((ours, our_edit), (theirs, their_edit))
            for text in (edit.essay(base)[h - 1] for h in side["essay"]["headings"])
        }
        assert all(essay[h - 1] in marked for h in result.essay.headings)


@SETTINGS
@given(histories())
def test_a_renumbering_on_one_side_only_is_taken_whole(history: tuple[Any, ...]) -> None:
    _, _, _, before, ours, _ = history
    base_, mine = (Workbook.model_validate(d) for d in (before, ours))
    for merged in (merge(base_, mine, base_), merge(base_, base_, mine)):
        assert store.dumps(merged) == store.dumps(mine)
        assert merged.conflicts == []


def test_a_quote_from_one_side_never_lands_in_the_others_paragraph() -> None:
    """A claim moved on one side (paragraph and quote) and its quote edited on the other is one
    conflict on the whole claim, held as ours: never ours' quote in theirs' paragraph."""
    essay = ["b0", "b1 and more", "b2"]
    before = workbook(essay, {"c": "b1 and more"}, set())
    ours = copy.deepcopy(before)
    ours["claims"]["c"]["quote"] = "b1"  # trimmed in place
    theirs = copy.deepcopy(before)
    theirs["claims"]["c"].update(paragraph=3, quote="b2")  # moved
    merged = merge(*(Workbook.model_validate(d) for d in (before, ours, theirs)))
    claim = merged.claims["c"]
    assert (claim.paragraph, claim.quote) == (2, "b1")
    assert [c.path for c in merged.conflicts] == ["claims.c"]
