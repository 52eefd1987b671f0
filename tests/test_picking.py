"""Claims made from the essay's sentences: quotes are always the essay's own characters."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from workbook.core.model import Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.essay.picking import claim_from_span, move_end, move_start, place_for, placed_claims
from workbook.storage.places import seed_path
from workbook.storage.store import load

TEXT = "The strike was reckless. It brought blowback."


def test_a_quote_is_trimmed_and_extended_a_word_at_a_time() -> None:
    span = (0, 24)  # "The strike was reckless."
    assert TEXT[slice(*move_start(TEXT, span, 1))] == "strike was reckless."
    assert TEXT[slice(*move_end(TEXT, span, -1))] == "The strike was"
    assert TEXT[slice(*move_end(TEXT, span, 1))] == "The strike was reckless. It"
    assert move_start(TEXT, span, -1) == span  # nothing before the first word
    one = (4, 10)  # "strike"
    assert move_start(TEXT, one, 1) == one and move_end(TEXT, one, -1) == one  # one word stays


words = st.text(alphabet="ab’—“”.,", min_size=1, max_size=6)


@given(st.lists(words, min_size=1, max_size=12), st.data())
def test_moves_keep_a_slice_of_whole_words(parts: list[str], data: st.DataObject) -> None:
    paragraph = " ".join(parts)
    spans = [m.span() for m in re.finditer(r"\S+", paragraph)]
    i = data.draw(st.integers(0, len(spans) - 1))
    j = data.draw(st.integers(i, len(spans) - 1))
    span = (spans[i][0], spans[j][1])
    for move in (move_start, move_end):
        for words_ in (-2, -1, 1, 2):
            start, end = move(paragraph, span, words_)
            assert 0 <= start < end <= len(paragraph)
            assert paragraph[start:end].strip() == paragraph[start:end]
    if i < j:  # trimming then extending a word gives the quote back
        assert move_start(paragraph, move_start(paragraph, span, 1), -1) == span
        assert move_end(paragraph, move_end(paragraph, span, -1), 1) == span


def test_a_claim_from_a_sentence_takes_its_place_in_the_essays_order() -> None:
    workbook: Workbook = load(seed_path())
    paragraphs = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))
    placed = placed_claims(workbook, paragraphs)
    assert sum(len(v) for v in placed.values()) == len(workbook.claims)
    paragraph = paragraphs[4]
    start = paragraph.index("While Iran")
    claim_id, claim = claim_from_span(workbook, paragraphs, 5, (start, start + 40))
    assert claim.quote == paragraph[start : start + 40] and claim.paragraph == 5
    assert claim.section == "The Militias After the Strike"  # the heading above it
    assert claim.side == "blowback" and claim_id.startswith("while-iran")
    index = place_for(workbook, paragraphs, 5, start)
    before = list(workbook.claims.values())[index - 1]
    after = list(workbook.claims.values())[index]
    assert before.paragraph <= 5 <= after.paragraph


def test_a_claim_made_by_its_form_takes_its_place_in_the_essays_order_too() -> None:
    from workbook.essay.picking import place_of

    workbook: Workbook = load(seed_path())
    paragraphs = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))
    _, claim = claim_from_span(workbook, paragraphs, 5, (0, 20))
    index = place_of(workbook, paragraphs, claim)
    assert index == place_for(workbook, paragraphs, 5, 0)
    paragraph_numbers = [c.paragraph for c in workbook.claims.values()]
    assert paragraph_numbers[index - 1] <= 5 <= paragraph_numbers[index]
    # Without the essay's text, each claim stands at the start of its paragraph.
    assert place_of(workbook, None, claim) == paragraph_numbers.index(6)
