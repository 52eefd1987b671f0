"""Cards proven against their sources: the card's paragraphs found as a run of the source's,
in time linear in the two."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from workbook.core.sequences import longest_prefix, occurrences

items = st.lists(st.sampled_from("abc"), max_size=40)


@given(st.lists(st.sampled_from("ab"), min_size=1, max_size=5), items)
@example(["a", "a", "b"], ["a"] * 30 + ["b"])
def test_every_place_of_a_run_of_paragraphs_is_found(run: list[str], within: list[str]) -> None:
    """As the places of words in a text: the first few one by one, the rest by one pass."""
    every = [at for at in range(len(within)) if within[at : at + len(run)] == run]
    assert list(occurrences(run, within)) == every


@given(st.lists(st.sampled_from("ab"), min_size=1, max_size=6), items)
def test_the_longest_run_found_is_the_longest(run: list[str], within: list[str]) -> None:
    best = max(
        (
            n
            for n in range(len(run) + 1)
            for at in range(len(within) + 1)
            if within[at : at + n] == run[:n]
        ),
    )
    length, start = longest_prefix(run, within)
    assert length == best
    assert within[start : start + length] == run[:length]
