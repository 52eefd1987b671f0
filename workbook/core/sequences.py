"""A run of items found in a longer sequence, in time linear in the two: the words of a quote
in a paragraph's characters, or a card's paragraphs in a source's list of paragraphs.

A quick search from the place after the last one costs the length of the run each time it
does not end at once: in a text that repeats itself ("……"), or a source of many equal
paragraphs, the run may begin nearly everywhere and each beginning be turned down late, which
costs the run's length over and over. So a few places are tried one by one, as a quick search
does, and the rest come from one Knuth-Morris-Pratt pass, linear in the two.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")

# How many places are tried one by one before the rest are found by a single pass.
TRIED_ONE_BY_ONE = 16


def occurrences(run: Sequence[Item], within: Sequence[Item]) -> Iterator[int]:
    """Each place `run` starts in `within`, overlapping places too, leftmost first; nothing
    for an empty run. In two strings the first places come from `str.find`; in other
    sequences, from `index` on the run's first item and a comparison of the slice there."""
    if not run:
        return
    if isinstance(run, str) and isinstance(within, str):
        yield from _in_text(run, within)
    else:
        yield from _in_items(run, within)


def _in_text(run: str, within: str) -> Iterator[int]:
    found = within.find(run)
    for _ in range(TRIED_ONE_BY_ONE):
        if found < 0:
            return
        yield found
        found = within.find(run, found + 1)
    if found >= 0:
        yield from _scanned(run, within, found)


def _in_items(run: Sequence[Item], within: Sequence[Item]) -> Iterator[int]:
    # A place turned down counts as a trial too: it cost up to the run's length, and many
    # equal items would otherwise each be tried, and turned down late, one by one.
    items, size, at = list(run), len(run), 0
    for _ in range(TRIED_ONE_BY_ONE):
        try:
            at = within.index(items[0], at)
        except ValueError:
            return
        if list(within[at : at + size]) == items:
            yield at
        at += 1
    yield from _scanned(run, within, at)


def longest_prefix(run: Sequence[Item], within: Sequence[Item]) -> tuple[int, int]:
    """How many of `run`'s first items stand together, in order, somewhere in `within`, and
    where the first such place starts (0 when none does): where a run stops being found."""
    best, end = 0, 0
    for i, length in _matched(run, within, 0):
        if length > best:
            best, end = length, i + 1
            if best == len(run):
                break
    return best, end - best


def _scanned(run: Sequence[Item], within: Sequence[Item], start: int) -> Iterator[int]:
    """The places of `run` in `within` from `start` on, by Knuth-Morris-Pratt."""
    for i, length in _matched(run, within, start):
        if length == len(run):
            yield i - length + 1


def _matched(run: Sequence[Item], within: Sequence[Item], start: int) -> Iterator[tuple[int, int]]:
    """For each place i of `within` from `start` on, how many of `run`'s first items end
    there: the longest such prefix, by Knuth-Morris-Pratt (a whole run counted, the next
    place goes on from the longest prefix that ends it)."""
    if not run:
        return
    # fallback[i]: the length of the longest proper prefix of run[: i + 1] that ends it.
    fallback = [0] * len(run)
    length = 0
    for i in range(1, len(run)):
        while length and run[i] != run[length]:
            length = fallback[length - 1]
        if run[i] == run[length]:
            length += 1
        fallback[i] = length
    length = 0
    for i in range(start, len(within)):
        if length == len(run):
            length = fallback[length - 1]
        while length and within[i] != run[length]:
            length = fallback[length - 1]
        if within[i] == run[length]:
            length += 1
        yield i, length
