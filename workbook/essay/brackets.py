"""A quote with [brackets] found in a text, in time linear in the two.

A bracket marks the quoter's change ("[I]n" for a lost drop cap, "[the]" for a word added) or
stands in the text itself ("re-establish[ed]"): it matches the bracketed text as written, where
the text has it, or nothing. The quote's words between its brackets are matched as they are.

Read as a regular expression, each bracket an optional group, a quote of a couple of dozen
brackets that the text also holds side by side is tried every way they can be taken or left:
twice the work for each bracket. Here a bracket of the text is one token instead, which the
quote's words cannot match: so the quote's words, without its brackets, are found in the text
without its brackets, and each place they are found is checked once, the brackets the text has
there taken in order by the quote's brackets at the same place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from workbook.core.sequences import occurrences

Span = tuple[int, int]

BRACKET = re.compile(r"\[[^\]\n]*\]")
_CUT = re.compile(f"({BRACKET.pattern})")  # the brackets kept among the parts


def quote_parts(quote: str) -> list[str]:
    """The quote cut at its brackets: words, a bracket, words, ..., words (some maybe "")."""
    return _CUT.split(quote)


def is_bracket(part: str) -> bool:
    return BRACKET.fullmatch(part) is not None


@dataclass(frozen=True)
class Found:
    """Where a quote stands in the text: `span`, and the span of each of its parts, in the
    order of `quote_parts`; a bracket the text lacks is an empty span where it would stand."""

    span: Span
    parts: list[Span]


class _Text:
    """The text with the brackets that the quote has taken out, and the way back to it."""

    def __init__(self, text: str, brackets: frozenset[str]) -> None:
        tokens = [m for m in BRACKET.finditer(text) if m.group() in brackets] if brackets else []
        pieces: list[str] = []
        # For each run of side-by-side brackets: where it stands among the plain characters,
        # its brackets as (start, end, text), and how many characters of the text it holds.
        self.at: list[int] = []
        self.runs: list[list[tuple[int, int, str]]] = []
        sizes: list[int] = []
        done = removed = 0  # the end of the last bracket taken out; characters taken out
        for token in tokens:
            start, end = token.span()
            if not self.runs or start != done:  # a new run, after some plain characters
                pieces.append(text[done:start])
                self.at.append(start - removed)
                self.runs.append([])
                sizes.append(0)
            self.runs[-1].append((start, end, token.group()))
            sizes[-1] += end - start
            removed += end - start
            done = end
        pieces.append(text[done:])
        self.plain = "".join(pieces) if tokens else text
        self.before = [0, *accumulate(sizes)]  # characters taken out before each run

    def origin(self, plain: int) -> int:
        """Where plain character `plain` stands in the text."""
        return plain + self.before[bisect_right(self.at, plain)]

    def run(self, plain: int) -> list[tuple[int, int, str]]:
        """The brackets the text has just before plain character `plain`."""
        index = bisect_left(self.at, plain)
        return self.runs[index] if index < len(self.at) and self.at[index] == plain else []


def bracket_matches(parts: list[str], text: str) -> Iterator[Found]:
    """Each place in `text` that the quote cut into `parts` (see `quote_parts`) stands, leftmost
    first. A place counts once, with as many of the text's brackets before it as the quote's
    leading brackets take; the empty match of a quote of brackets only is not one."""
    brackets = frozenset(part for part in parts[1::2])
    hay = _Text(text, brackets)
    words = "".join(parts[0::2])
    if words:
        offsets = _bracket_offsets(parts)
        for found in occurrences(words, hay.plain):
            match = _placed(parts, hay, found, len(words), offsets)
            if match is not None:
                yield match
        return
    # Brackets only: each bracket of the text that the quote's first brackets take starts one.
    for at, run in zip(hay.at, hay.runs, strict=True):
        for first in range(len(run)):
            match = _walk(parts, hay, at, run[first:], run[first][0])
            if match is not None and match.span[0] < match.span[1]:
                yield match


def _placed(
    parts: list[str], hay: _Text, found: int, size: int, offsets: frozenset[int]
) -> Found | None:
    """The quote placed with its words at plain character `found`, or None."""
    low, high = bisect_right(hay.at, found), bisect_left(hay.at, found + size)
    # Every run of the text's brackets inside the words must stand where the quote has brackets
    # (whether they take it is for the walk to say).
    if any(hay.at[run] - found not in offsets for run in range(low, high)):
        return None
    leading = hay.run(found)
    # The leftmost start: the longest tail of the text's brackets there that the quote's
    # leading brackets take in order, matched from the end.
    first = len(leading)
    for bracket in reversed(parts[1 : _leading_end(parts) : 2]):
        if first and leading[first - 1][2] == bracket:
            first -= 1
    start = leading[first][0] if first < len(leading) else hay.origin(found)
    return _walk(parts, hay, found, leading[first:], start)


def _leading_end(parts: list[str]) -> int:
    """The index of the quote's first part of words that is not empty (or its length)."""
    for index in range(0, len(parts), 2):
        if parts[index]:
            return index
    return len(parts)


def _bracket_offsets(parts: list[str]) -> frozenset[int]:
    """Where the quote's brackets stand among its words, as offsets into the words."""
    offsets = accumulate(len(part) for part in parts[0::2])
    return frozenset(offset for offset, _ in zip(offsets, parts[1::2], strict=False))


def _walk(
    parts: list[str], hay: _Text, plain: int, run: list[tuple[int, int, str]], start: int
) -> Found | None:
    """The quote walked from text position `start`, its words from plain character `plain`,
    with the text's brackets `run` before them: each bracket of the quote takes the text's next
    bracket when it is the same, and a run of the text's brackets must be taken whole before
    the quote's next words. None when the quote does not fit there."""
    spans: list[Span] = []
    at = start
    taken = 0  # how many of `run` the quote's brackets have taken
    for index, part in enumerate(parts):
        if index % 2:  # a bracket: the text's next one, when it is the same, else nothing
            if taken < len(run) and run[taken][2] == part:
                begin, at, _ = run[taken]
                spans.append((begin, at))
                taken += 1
            else:
                spans.append((at, at))
            continue
        if not part:
            spans.append((at, at))
            continue
        if taken < len(run):  # the text has a bracket here that the quote left out
            return None
        begin = hay.origin(plain)
        spans.append((begin, begin + len(part)))
        at = begin + len(part)
        plain += len(part)
        run, taken = hay.run(plain), 0
    return Found((start, at), spans)
