"""The essay's text: paragraphs, sections and sentences, always the essay's own characters."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.essay.paragraphs import section_at, split_paragraphs
from workbook.essay.sentences import WINDOW, _segmenter, sentence_spans, sentences
from workbook.storage.places import seed_path

SEED_ESSAY = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))


def test_a_paragraphs_section_is_the_heading_above_it() -> None:
    paragraphs = ["Intro", "First", "Part Two", "Second"]
    assert [section_at(paragraphs, [3], n) for n in (1, 2, 3, 4)] == [
        "",
        "",
        "Part Two",
        "Part Two",
    ]


def test_sentences_know_abbreviations_and_quotations() -> None:
    text = 'He said "Stop. Now." Then left. The U.S. Army, Maj. Gen. Smith said, won.'
    assert sentences(text) == [
        'He said "Stop. Now."',
        "Then left.",
        "The U.S. Army, Maj. Gen. Smith said, won.",
    ]


def test_the_seed_essay_splits_into_its_sentences() -> None:
    counts = [len(sentence_spans(p)) for p in SEED_ESSAY]
    assert sum(counts) == 46 and counts[3] == 1  # a heading is one sentence


@given(st.text(max_size=300))
def test_every_span_is_the_paragraphs_own_characters_in_order(text: str) -> None:
    spans = sentence_spans(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(end <= start for (_, end), (start, _) in pairwise(spans))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing is dropped


def test_a_long_paragraph_has_the_sentences_it_has_when_read_whole() -> None:
    """A paragraph longer than pysbd is given at once is read a window at a time, and comes out
    in the same sentences as when pysbd reads it whole."""
    paragraph = " ".join(SEED_ESSAY * 2)
    assert len(paragraph) > 4 * WINDOW
    whole, at = [], 0
    for sentence in _segmenter().segment(paragraph):
        start = paragraph.index(sentence.strip(), at)
        whole.append(paragraph[start : start + len(sentence.strip())])
        at = start + len(sentence.strip())
    assert sentences(paragraph) == whole


PIECES = ["word", " ", "  ", ".", "!", "?", "…", "U.S.", "Dr.", '"', "(", ")", "[…]", "1.", "A"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60), st.integers(1, 400))
def test_a_long_paragraph_is_still_the_paragraphs_own_characters(
    pieces: list[str], times: int
) -> None:
    text = "".join(pieces) * times  # up to about three windows, of any punctuation
    spans = sentence_spans(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(end <= start for (_, end), (start, _) in pairwise(spans))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing is dropped


def test_wrapped_blocks_are_one_paragraph_and_long_lines_a_paragraph_each() -> None:
    long_one, long_two = "A" * 120 + ".", "B" * 130 + "."
    wrapped = "The strike was\nreckless and it\nbrought blowback."
    text = f"A Title\n\n{long_one}\n{long_two}\n\n{wrapped}\n"
    assert split_paragraphs(text) == [
        "A Title",
        long_one,
        long_two,
        "The strike was reckless and it brought blowback.",
    ]
    assert split_paragraphs("One.\nTwo.\n") == ["One.", "Two."]  # no blank line: a line each


def test_body_paragraphs_leave_out_the_title_the_byline_and_the_headings() -> None:
    from workbook.essay.paragraphs import body_numbers

    paragraphs = ["By: Jane Roe, first in The Review", "A Title.", "One.", "Part", "Two."]
    assert body_numbers(paragraphs, [4], "a title") == {3: 1, 5: 2}
    # Past the first body paragraph, a paragraph with the title's words or "by" is the body's.
    later = ["One.", "A title", "By the way, two."]
    assert body_numbers(later, [], "A title") == {1: 1, 2: 2, 3: 3}
