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


def test_a_quote_is_trimmed_a_clause_at_a_time() -> None:
    from workbook.essay.picking import trim_clause_end, trim_clause_start

    text = "However, the strike was reckless; it cost lives — and it bought nothing: no peace."
    whole = (0, len(text))

    def quoted(span: tuple[int, int]) -> str:
        return text[span[0] : span[1]]

    starts = [whole]
    while (after := trim_clause_start(text, starts[-1])) != starts[-1]:
        starts.append(after)
    assert [quoted(span) for span in starts[1:]] == [
        "the strike was reckless; it cost lives — and it bought nothing: no peace.",
        "it cost lives — and it bought nothing: no peace.",
        "and it bought nothing: no peace.",
        "no peace.",
    ]
    ends = [whole]
    while (before := trim_clause_end(text, ends[-1])) != ends[-1]:
        ends.append(before)
    assert [quoted(span) for span in ends[1:]] == [
        "However, the strike was reckless; it cost lives — and it bought nothing",
        "However, the strike was reckless; it cost lives",
        "However, the strike was reckless",
        "However",
    ]
    # A hyphen inside a word is no dash; a closing quotation mark goes with its clause.
    said = "A far-reaching strike, “a gamble,” he said."
    assert trim_clause_end(said, (0, len(said))) == (0, len("A far-reaching strike, “a gamble"))
    assert said[trim_clause_start(said, (0, len(said)))[0] :] == "“a gamble,” he said."
    second = trim_clause_start(said, trim_clause_start(said, (0, len(said))))
    assert said[second[0] :] == "he said."


@given(st.text(alphabet=" ,;:—–-ab.”", max_size=40), st.data())
def test_clause_trims_keep_a_slice_of_the_quote_with_words_in_it(
    text: str, data: st.DataObject
) -> None:
    from workbook.essay.picking import trim_clause_end, trim_clause_start

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for trim in (trim_clause_start, trim_clause_end):
        new = trim(text, (start, end))
        assert start <= new[0] <= new[1] <= end
        if new != (start, end):
            assert text[new[0] : new[1]].strip() and new[1] - new[0] < end - start


def test_clause_trims_take_time_in_proportion_to_the_quote() -> None:
    from functools import partial

    from tests.timing import best_time
    from workbook.essay.picking import trim_clause_end, trim_clause_start

    def trims(text: str) -> None:
        span = (0, len(text))
        for trim in (trim_clause_start, trim_clause_end):
            trim(text, span)

    def quote(n: int) -> str:  # one long clause: each trim looks through all of it
        return "word " * (n // 5) + ", end."

    size = 10_000
    while best_time(partial(trims, quote(size))) < 0.005 and size < 5_000_000:
        size *= 2
    ratio = best_time(partial(trims, quote(4 * size))) / best_time(partial(trims, quote(size)))
    assert ratio < 10, f"4 times the quote took {ratio:.1f} times as long"


def test_a_claim_with_no_points_takes_the_id_of_its_words_as_they_are_now() -> None:
    from workbook.essay.picking import fresh_id

    workbook: Workbook = load(seed_path())
    paragraphs = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))
    paragraph = paragraphs[4]
    claim_id, made = claim_from_span(workbook, paragraphs, 5, (0, len(paragraph)))
    workbook.claims[claim_id] = made
    trimmed = made.model_copy(update={"quote": paragraph[10:60]})
    assert fresh_id(workbook, claim_id, made, trimmed).startswith(
        "-".join(paragraph[10:60].lower().split()[:2])
    )
    tagged = made.model_copy(update={"tag": "Militias grew bolder"})
    assert fresh_id(workbook, claim_id, made, tagged) == "militias-grew-bolder"
    # A claim with points, or one whose id is not its words', keeps its id.
    first_id, first = next(iter(workbook.claims.items()))
    assert fresh_id(workbook, first_id, first, first.model_copy(update={"tag": "X"})) == first_id
    workbook.claims["chosen"] = workbook.claims.pop(claim_id)
    assert fresh_id(workbook, "chosen", made, tagged) == "chosen"
