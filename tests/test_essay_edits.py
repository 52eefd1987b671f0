"""The essay's own edits: a suggestion dismissed by its words, a paragraph dropped from the
essay's text with every number that counts paragraphs moved, each one step of the draft; the
new field read, written and merged."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.core.edits import Draft, EditError
from workbook.core.essay_edits import (
    DropRefused,
    EssayState,
    drop_paragraph,
    essay_state,
    with_dismissed,
)
from workbook.core.merge import merge
from workbook.core.model import Card, Workbook
from workbook.essay.picking import placed_claims
from workbook.essay.suggest import suggest
from workbook.essay.suggested import dismissal, listed, next_open, suggestions_for
from workbook.storage.places import seed_path
from workbook.storage.store import dumps, essay_problems, load_with_essay, parse

SEED, SEED_TEXT = load_with_essay(seed_path())
assert SEED_TEXT is not None


def seed() -> tuple[Workbook, list[str]]:
    """A copy of the seed and its essay's text, to edit."""
    return SEED.model_copy(deep=True), list(SEED_TEXT or [])


def test_dropping_the_byline_moves_every_claim_and_heading_up_one() -> None:
    workbook, text = seed()
    before = {cid: c.paragraph for cid, c in workbook.claims.items()}
    draft = Draft(workbook, text)
    draft.drop_paragraph("drop the byline", 1)
    assert text == SEED_TEXT[1:]  # the draft's own list, which every view holds
    essay = workbook.essay
    assert essay is not None
    assert (essay.paragraphs, essay.headings) == (14, [3, 8])
    assert {cid: c.paragraph for cid, c in workbook.claims.items()} == {
        cid: (number or 0) - 1 for cid, number in before.items()
    }
    assert essay_problems(workbook, Path("w.toml"), text) == []
    # One step: undo brings back the text, the count, the headings and every number.
    draft.undo()
    assert text == SEED_TEXT
    assert workbook.essay is not None
    assert (workbook.essay.paragraphs, workbook.essay.headings) == (15, [4, 9])
    assert {cid: c.paragraph for cid, c in workbook.claims.items()} == before
    draft.redo()
    assert text == SEED_TEXT[1:]


def test_a_paragraph_a_claim_quotes_is_refused_naming_the_claim() -> None:
    workbook, text = seed()
    draft = Draft(workbook, text)
    with pytest.raises(EditError, match=r"^claims\.reckless-decision: the claim quotes ¶2"):
        draft.drop_paragraph("drop", 2)
    assert text == SEED_TEXT and not draft.can_undo


def test_a_paragraph_a_card_is_cut_from_is_refused_naming_the_card() -> None:
    workbook, text = seed()
    workbook.cards["byline"] = Card(tag="Who wrote it", text=text[0], source="essay")
    with pytest.raises(DropRefused, match=r"^cards\.byline: is cut from ¶1"):
        drop_paragraph(workbook, text, 1)


def test_the_only_paragraph_and_a_number_out_of_range_are_refused() -> None:
    workbook, text = seed()
    workbook.claims = {}
    with pytest.raises(DropRefused, match="has 15 paragraphs, not 16"):
        drop_paragraph(workbook, text, 16)
    with pytest.raises(DropRefused, match="only paragraph"):
        drop_paragraph(workbook, text[:1], 1)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_dropping_any_paragraph_no_claim_quotes_keeps_every_quote_proven(
    data: st.DataObject,
) -> None:
    """Paragraphs are dropped one after another, each one no claim quotes: every claim's quote
    still stands in the paragraph its number names, and the headings still count paragraphs."""
    workbook, text = seed()
    # Fewer claims, so more paragraphs are free to drop.
    kept = data.draw(st.sets(st.sampled_from(sorted(workbook.claims))), label="claims kept")
    workbook.claims = {cid: c for cid, c in workbook.claims.items() if cid in kept}
    draft = Draft(workbook, text)
    for _ in range(data.draw(st.integers(1, 6), label="drops")):
        quoted = {c.paragraph for c in workbook.claims.values()}
        free = [n for n in range(1, len(text) + 1) if n not in quoted]
        if len(text) == 1 or not free:
            break
        draft.drop_paragraph("drop", data.draw(st.sampled_from(free), label="dropped"))
        essay = workbook.essay
        assert essay is not None and essay.paragraphs == len(text)
        assert all(h <= len(text) for h in essay.headings)
        assert essay_problems(workbook, Path("w.toml"), text) == []
        Workbook.model_validate(workbook.model_dump())  # every rule that spans fields holds
    while draft.undo():
        pass
    assert text == SEED_TEXT and workbook.claims == {c: SEED.claims[c] for c in kept}


def test_a_dismissed_suggestion_leaves_the_list_and_the_next_takes_its_rank() -> None:
    workbook, text = seed()
    workbook.claims = {}
    first, second, *_ = suggestions_for(workbook, text)
    draft = Draft(workbook, text)
    assert workbook.essay is not None
    draft.essay_step("dismiss", with_dismissed(workbook.essay, dismissal(first.suggestion.quote)))
    now = suggestions_for(workbook, text)
    assert len(now) == 10 and now[0].suggestion == second.suggestion and now[0].rank == 1
    every = suggestions_for(workbook, text, dismissed_too=True)
    assert (every[0].suggestion, every[0].rank, every[0].dismissed) == (first.suggestion, 0, True)
    draft.undo()
    assert suggestions_for(workbook, text)[0].suggestion == first.suggestion


def test_the_list_is_suggests_ranking_cut_at_ten_with_claims_named() -> None:
    workbook, text = seed()
    essay = workbook.essay
    assert essay is not None
    found = suggestions_for(workbook, text)
    ranked = suggest(text, essay.headings, essay.title, 10)
    assert [i.suggestion for i in found] == ranked
    assert [i.rank for i in found] == list(range(1, 11))
    # Each sentence a claim quotes is named by it; `s` goes to none of them.
    placed = placed_claims(workbook, text)
    for item in found:
        sentence = item.suggestion
        quoting = [
            p.claim_id
            for p in placed.get(sentence.paragraph, [])
            if p.start < sentence.end and p.end > sentence.start
        ]
        assert item.claim_id == (quoting[0] if quoting else "")
    assert next_open(found, 0) == next((i for i in found if not i.claim_id), None)
    workbook.claims = {}
    assert [i.rank for i in suggestions_for(workbook, text) if i.open] == list(range(1, 11))


def test_s_goes_in_rank_order_past_claims_and_wraps() -> None:
    workbook, text = seed()
    essay = workbook.essay
    assert essay is not None
    ranked = suggest(text, essay.headings, essay.title)
    found = listed(ranked, {}, (), 4)
    assert [next_open(found, rank).rank for rank in range(5)] == [1, 2, 3, 4, 1]


def test_dismissals_are_kept_by_their_words_through_a_round_trip_and_a_drop() -> None:
    workbook, text = seed()
    workbook.claims = {}
    best = suggestions_for(workbook, text)[0].suggestion
    assert workbook.essay is not None
    draft = Draft(workbook, text)
    draft.essay_step("dismiss", with_dismissed(workbook.essay, dismissal(best.quote)))
    draft.drop_paragraph("drop the byline", 1)
    again = parse(dumps(workbook), Path("w.toml"))
    assert again.essay is not None and again.essay.dismissed == [dismissal(best.quote)]
    assert all(i.suggestion.quote != best.quote for i in suggestions_for(again, text))
    # A file written before dismissals loads with none.
    assert "dismissed" not in dumps(SEED) and SEED.essay is not None
    assert SEED.essay.dismissed == []


def test_a_merge_keeps_the_dismissals_of_both_sides() -> None:
    base = SEED.model_copy(deep=True)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    assert ours.essay is not None and theirs.essay is not None and base.essay is not None
    ours.essay = with_dismissed(ours.essay, "One sentence.").on(ours.essay)
    theirs.essay = with_dismissed(theirs.essay, "Another sentence.").on(theirs.essay)
    merged = merge(base, ours, theirs)
    assert merged.essay is not None and merged.conflicts == []
    assert merged.essay.dismissed == ["One sentence.", "Another sentence."]
    # Taken back on one side, and left alone on the other: taken back.
    base.essay = ours.essay
    back = copy.deepcopy(base)
    assert back.essay is not None
    back.essay = with_dismissed(back.essay, "One sentence.", dismissed=False).on(back.essay)
    assert (merge(base, back, base).essay or base.essay).dismissed == []


def test_the_essays_state_holds_its_text_only_when_given() -> None:
    assert SEED.essay is not None
    assert essay_state(SEED.essay).text is None
    assert essay_state(SEED.essay, SEED_TEXT).text == tuple(SEED_TEXT or [])


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40), st.lists(st.integers(-2, 20), max_size=4), st.integers(-1, 20))
def test_an_essay_step_the_file_could_not_hold_is_refused_and_changes_nothing(
    sentence: str, headings: list[int], count: int
) -> None:
    """Whatever a step asks the essay's fields to be, the draft refuses what the file could not
    read back, naming the field, and what it takes is read back the same."""
    workbook, text = seed()
    draft = Draft(workbook, text)
    before = workbook.model_copy(deep=True)
    state = EssayState(count, tuple(headings), (sentence,))
    try:
        draft.essay_step("odd", state)
    except EditError as error:
        assert str(error).startswith(("essay.", "claims."))  # the field that refuses it
        assert workbook == before and not draft.can_undo
        return
    again = parse(dumps(workbook), Path("w.toml"))
    assert again.essay is not None and again.essay.dismissed == [sentence]
    assert (again.essay.paragraphs, tuple(again.essay.headings)) == (count, tuple(headings))
