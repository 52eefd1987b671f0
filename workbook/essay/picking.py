"""Making claims from the essay's own sentences: where each claim stands in the text, a quote
trimmed or extended a word or a clause at a time, the place a new claim takes in the list, and
the id a new claim takes from its words.

Every quote made here is a slice of the paragraph, so it is always the essay's own characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.core.claim_edits import claim_id_for
from workbook.core.model import Claim, Workbook
from workbook.essay.paragraphs import find_quote, section_at

Span = tuple[int, int]
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Placed:
    """A claim found in the essay's text."""

    claim_id: str
    paragraph: int
    start: int
    end: int


def placed_claims(workbook: Workbook, paragraphs: list[str]) -> dict[int, list[Placed]]:
    """Where each claim's quote stands, by paragraph number; a quote not found is left out."""
    found: dict[int, list[Placed]] = {}
    for claim_id, claim in workbook.claims.items():
        if claim.paragraph is None or not 1 <= claim.paragraph <= len(paragraphs):
            continue
        span = find_quote(claim.quote, paragraphs[claim.paragraph - 1])
        if span is not None:
            found.setdefault(claim.paragraph, []).append(Placed(claim_id, claim.paragraph, *span))
    return found


def _words(paragraph: str) -> list[Span]:
    return [match.span() for match in _WORD.finditer(paragraph)]


def move_start(paragraph: str, span: Span, words: int) -> Span:
    """Move the quote's start by `words`: forward trims a word, backward takes one more.
    A quote keeps at least one word, and never leaves the paragraph."""
    spans = _words(paragraph)
    start, end = span
    if not spans:
        return span
    # The word the quote starts in (a quote may start mid-word: "[I]n" for a lost drop cap).
    index = next((i for i, (a, b) in enumerate(spans) if b > start), len(spans) - 1)
    last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < end), index)
    new = max(0, min(last, index + words))
    return (spans[new][0] if new != index else start, end)


def move_end(paragraph: str, span: Span, words: int) -> Span:
    """Move the quote's end by `words`: forward takes one more word, backward trims one."""
    spans = _words(paragraph)
    start, end = span
    if not spans:
        return span
    index = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][0] < end), 0)
    first = next((i for i, (a, b) in enumerate(spans) if b > start), index)
    new = max(first, min(len(spans) - 1, index + words))
    return (start, spans[new][1] if new != index else end)


# Where one clause of a sentence ends and the next begins: a comma, a semicolon, a colon, or a
# dash (an en or em dash, or a hyphen standing alone between spaces).
_CLAUSE = re.compile(r"[,;:\u2013\u2014]|(?<=\s)-(?=\s)")
# What stands between a clause's mark and the next clause's first word.
_BETWEEN = " \t\u00a0\u2013\u2014-\u201d\u2019\"')]\u00bb"
# What ends a quote without ending a clause inside it: its last punctuation.
_CLOSING = ",;:.!?\u2013\u2014-\u201d\u2019\"')]\u00bb\u2026"


def trim_clause_start(paragraph: str, span: Span) -> Span:
    """Trim the quote's start to its second clause: past the first comma, semicolon, colon or
    dash inside it. A quote of one clause stays as it is."""
    start, end = span
    for mark in _CLAUSE.finditer(paragraph, start + 1, end):
        after = mark.end()
        while after < end and paragraph[after] in _BETWEEN:
            after += 1
        if after < end and not paragraph[after:end].isspace():
            return after, end
    return span


def trim_clause_end(paragraph: str, span: Span) -> Span:
    """Trim the quote's end to the end of the clause before its last: back to the last comma,
    semicolon, colon or dash inside it, which goes too (the punctuation the quote ends with
    does not count). A quote of one clause stays as it is."""
    start, end = span
    last = end
    while last > start and paragraph[last - 1] in _CLOSING:
        last -= 1
    marks = list(_CLAUSE.finditer(paragraph, start + 1, last))
    for mark in reversed(marks):
        before = mark.start()
        while before > start and paragraph[before - 1].isspace():
            before -= 1
        if before > start:
            return start, before
    return span


def claim_from_span(
    workbook: Workbook, paragraphs: list[str], number: int, span: Span, side: str = ""
) -> tuple[str, Claim]:
    """A new claim quoting `span` of paragraph `number`, made by `side` (by default the first
    side, which a new workbook gives to the author), with an id from its first words."""
    quote = paragraphs[number - 1][span[0] : span[1]]
    headings = workbook.essay.headings if workbook.essay is not None else []
    claim = Claim(
        section=section_at(paragraphs, headings, number),
        paragraph=number,
        side=side or next(iter(workbook.sides)),
        quote=quote,
    )
    return claim_id_for(quote, workbook.claims), claim


def place_for(workbook: Workbook, paragraphs: list[str] | None, number: int, start: int) -> int:
    """Where a claim at `start` of paragraph `number` goes in the list: after every claim that
    stands before it in the essay, so that claims made from the text keep the essay's order.
    Without the essay's text, a claim stands at the start of its paragraph."""
    placed = placed_claims(workbook, paragraphs) if paragraphs is not None else {}
    where = {p.claim_id: (p.paragraph, p.start) for ps in placed.values() for p in ps}
    index = 0
    for position, (claim_id, claim) in enumerate(workbook.claims.items()):
        if where.get(claim_id, (claim.paragraph, 0)) <= (number, start):
            index = position + 1
    return index


def place_of(workbook: Workbook, paragraphs: list[str] | None, claim: Claim) -> int:
    """Where a new `claim` goes in the list: where its quote stands in the essay (see
    `place_for`), whichever way it was made."""
    start = 0
    if claim.paragraph is None:  # the team's own words, in a workbook of a motion alone
        return len(workbook.claims)
    if paragraphs is not None and 1 <= claim.paragraph <= len(paragraphs):
        span = find_quote(claim.quote, paragraphs[claim.paragraph - 1])
        start = span[0] if span is not None else 0
    return place_for(workbook, paragraphs, claim.paragraph, start)


def fresh_id(workbook: Workbook, claim_id: str, before: Claim, after: Claim) -> str:
    """The id of a claim once it is edited from `before` to `after`: a claim with no points
    yet, whose id is still the one its words gave it, takes the id of its words as they are
    now (its tag, or its quote as trimmed); any other claim keeps its id."""
    if before.points or after.points:
        return claim_id
    others = [cid for cid in workbook.claims if cid != claim_id]
    if claim_id != claim_id_for(before.tag or before.quote, others):
        return claim_id  # an id given otherwise (by hand, or by a merge) is kept
    return claim_id_for(after.tag or after.quote, others)
