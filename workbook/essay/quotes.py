"""Where a typed quote stands in a paragraph, forgiving what a keyboard cannot type.

A quote typed on a keyboard has straight quote marks where the essay has curly ones, a hyphen
or "--" for a dash, "..." for "…", and whatever spaces the typist's hands made. Both texts are
reduced to one common form that keeps, for each of its characters, the stretch of the original
it came from, so that a match leads back to the essay's own characters: those are what a
workbook stores.

In the common form:
- every quote mark is `'` or `"`, whatever its shape;
- a run of dashes of any kind, with or without spaces between them, is one `-`, and the spaces
  on either side of it do not count ("a — b", "a—b", "a--b" and "a - b" are the same);
- any run of whitespace, non-breaking spaces included, is one space;
- "…" is "...";
- soft hyphens and zero-width spaces are not there.
Letter case is forgiven only where it leaves a single match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, chain

from workbook.essay.brackets import BRACKET, bracket_matches, is_bracket, quote_parts
from workbook.essay.paragraphs import find_quote

Span = tuple[int, int]

SINGLE_QUOTES = "'‘’‚‛′‹›`´ʼ"
DOUBLE_QUOTES = '"“”„‟″«»'
# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus sign
DASHES = "-‐‑‒–—―−"
# soft hyphen, zero-width space, word joiner, byte order mark
INVISIBLE = "\u00ad\u200b\u2060\ufeff"

_DASH = f"[{re.escape(DASHES)}]"
_TOKEN = re.compile(rf"\s*{_DASH}+(?:\s*{_DASH}+)*\s*|\s+|.", re.DOTALL)
# What the common form may shrink; every other character stays at least one character.
_SHRINKING = re.compile(rf"[\s{re.escape(DASHES + INVISIBLE)}]")
_MAPPED = {
    **dict.fromkeys(SINGLE_QUOTES, "'"),
    **dict.fromkeys(DOUBLE_QUOTES, '"'),
    "…": "...",
}

# Below this likeness the closest passage is no help: the quote is likely from another paragraph.
CLOSE = 0.6
SHOWN = 80  # characters of a passage a message shows
PLACED = 200  # characters of a long quote that are enough to find where it is closest


@dataclass(frozen=True)
class _Folded:
    """A text in the common form: `units[unit[i]]` is where character i of `text` came from."""

    text: str
    unit: list[int]
    units: list[Span]
    # The whole stretch each unit stands for: a dash with the spaces around it.
    around: list[Span]

    def boundary(self, i: int) -> bool:
        return i in (0, len(self.text)) or self.unit[i - 1] != self.unit[i]

    def source(self, start: int, end: int) -> Span:
        return self.units[self.unit[start]][0], self.units[self.unit[end - 1]][1]


def _fold(text: str, fold_case: bool) -> _Folded:
    kept = [i for i, char in enumerate(text) if char not in INVISIBLE]
    clean = "".join(text[i] for i in kept)
    pieces: list[str] = []
    unit: list[int] = []
    units: list[Span] = []
    around: list[Span] = []
    for token in _TOKEN.finditer(clean):
        start, end = token.span()
        around.append((kept[start], kept[end - 1] + 1))
        word = token.group()
        if word.isspace():
            piece = " "
        elif len(word) > 1 or word in DASHES:
            piece = "-"
            start += len(word) - len(word.lstrip())
            end -= len(word) - len(word.rstrip())
        else:
            piece = _MAPPED.get(word) or (word.casefold() if fold_case else word)
        units.append((kept[start], kept[end - 1] + 1))
        unit.extend([len(units) - 1] * len(piece))
        pieces.append(piece)
    return _Folded("".join(pieces), unit, units, around)


def normalised(text: str, fold_case: bool = False) -> str:
    """`text` in the common form the forgiving match compares (casefolded if asked)."""
    return _fold(text, fold_case).text


@dataclass(frozen=True)
class _Match:
    span: Span
    # Where the typed quote's own [bracketed] text goes, for brackets the essay lacks.
    inserts: list[tuple[int, str]]


def _matches(typed: str, paragraph: str, fold_case: bool, most: int = 2) -> list[_Match]:
    """The first `most` places the quote stands in the paragraph in the common form: the first
    is the one taken, and a second says which was meant is not for a program to guess."""
    hay = _fold(paragraph, fold_case)
    if len(_SHRINKING.sub("", BRACKET.sub("", typed))) > len(hay.text):
        return []  # longer than the paragraph in any form: no need to fold it to know
    parts = quote_parts(typed)
    found: list[_Match] = []
    for match in bracket_matches([normalised(part, fold_case) for part in parts], hay.text):
        start, end = match.span
        if start == end or not all(hay.boundary(i) for i in (start, end, *chain(*match.parts))):
            continue  # nothing, or half of a character the common form spelled out
        span = hay.source(start, end)
        inserts = [
            # After the unit before it, so that it keeps to the word it was typed against.
            (hay.units[hay.unit[at - 1]][1] if at > start else span[0], part)
            for part, (at, to) in zip(parts, match.parts, strict=True)
            if at == to and is_bracket(part)
        ]
        found.append(_Match(span, inserts))
        if len(found) == most:
            break
    return found


def _forgiving(typed: str, paragraph: str) -> _Match | None:
    typed = typed.strip()
    if not typed:
        return None
    same_case = _matches(typed, paragraph, fold_case=False)
    if same_case:
        return same_case[0]  # as `find_quote` takes the first of words that stand twice
    any_case = _matches(typed, paragraph, fold_case=True)
    # Which of two differently cased passages was meant is not for a program to guess.
    return any_case[0] if len(any_case) == 1 else None


def locate_quote(typed: str, paragraph: str) -> Span | None:
    """The span in `paragraph` of the quote as typed, or None.

    An exact match comes first, then `find_quote`'s bracket rule, then a match in the common
    form, in the same letter case, and then in any case, if that passage is the only one. The
    span is of the paragraph's own characters; with `[brackets]` it covers the essay's words
    only (`essay_quote` gives the quote to store). Empty or blank typing is None.
    """
    if not typed.strip():
        return None
    exact = find_quote(typed, paragraph)
    if exact is not None:
        return exact
    match = _forgiving(typed, paragraph)
    return match.span if match else None


def essay_quote(typed: str, paragraph: str) -> str | None:
    """The quote as a workbook stores it: the typed quote when it is verbatim, else the
    essay's own characters that `locate_quote` found, with the typed `[brackets]` the essay
    lacks put back where they stand. None when the quote is not in the paragraph."""
    if typed.strip() and find_quote(typed, paragraph) is not None:
        return typed
    match = _forgiving(typed, paragraph)
    if match is None:
        return None
    start, end = match.span
    pieces = []
    for at, part in match.inserts:
        pieces += [paragraph[start:at], part]
        start = at
    return "".join([*pieces, paragraph[start:end]])


def differences(typed: str, stored: str) -> list[str]:
    """What differs between a typed quote and the same quote as stored, in words ("quote
    marks", "dashes", "spacing", "ellipses", "letter case", "invisible characters"); [] when
    they are not the same quote in the common form."""
    return _compare(typed, stored)[0]


def _compare(typed: str, stored: str) -> tuple[list[str], int]:
    # Also where in `stored` the first difference stands, for a message to show that part.
    bare = typed.strip()
    a, b = _fold(bare, fold_case=True), _fold(stored, fold_case=True)
    if a.text != b.text:
        return [], 0
    kinds: dict[str, None] = {}  # in the order they first appear
    first = 0 if bare != typed else len(stored)
    if bare != typed:
        kinds["spacing"] = None
    for i, char in enumerate(a.text):
        one, other = a.unit[i], b.unit[i]
        if bare[slice(*a.around[one])] == stored[slice(*b.around[other])]:
            continue
        first = min(first, b.around[other][0])
        if char == "-" and bare[slice(*a.units[one])] == stored[slice(*b.units[other])]:
            kinds["spacing"] = None  # the same dash, spaced differently
        elif char == "-":
            kinds["dashes"] = None
        elif char in "'\"":
            kinds["quote marks"] = None
        elif char == " ":
            kinds["spacing"] = None
        elif char == ".":
            kinds["ellipses"] = None
        else:
            kinds["letter case"] = None
    if [c for c in bare if c in INVISIBLE] != [c for c in stored if c in INVISIBLE]:
        kinds["invisible characters"] = None
        first = 0
    return list(kinds), first


def _closest(typed: str, paragraph: str) -> tuple[Span, float] | None:
    hay = _fold(paragraph, fold_case=True)
    # A long quote is compared by its beginning: the comparison's cost grows with the square
    # of the length, and a message shows only the beginning of the passage anyway.
    want = normalised(typed.strip()[:PLACED], fold_case=True).strip()[:PLACED]
    if not want or not hay.text.strip():
        return None
    size = min(len(want), len(hay.text))
    starts = sorted(
        {m.start() for m in re.finditer(r"\w+|(?<!\S)\S", hay.text) if hay.boundary(m.start())}
    )
    # Keep the work near a few hundred thousand character comparisons, however long the text.
    step = max(1, len(starts) * size // 300_000)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(want)
    rough = []
    for start in starts[::step]:
        matcher.set_seq1(hay.text[start : start + size])
        rough.append((matcher.quick_ratio(), start))
    best = (-1.0, 0)
    for _, start in sorted(rough, reverse=True)[:12]:
        matcher.set_seq1(hay.text[start : start + size])
        best = max(best, (matcher.ratio(), -start))
    start = -best[1]
    end = min(start + size, len(hay.text))
    while end < len(hay.text) and (hay.text[end] != " " or not hay.boundary(end)):
        end += 1  # to the end of the word the window cut, with its stops and quote marks
    while end > start + 1 and hay.text[end - 1] == " ":
        end -= 1
    return hay.source(start, end), best[0]


def cut(text: str, most: int = SHOWN) -> str:
    """`text` cut to at most `most` characters, at a space when one is near, with "…"."""
    if len(text) <= most:
        return text
    head = text[: most - 1]
    space = head.rfind(" ")
    if space > most // 2:
        head = head[:space]
    return head.rstrip() + "…"


def closest_passage(typed: str, paragraph: str) -> str:
    """The passage of `paragraph` most like the typed quote, in the paragraph's own
    characters, cut to about 80 characters; "" when there is nothing to compare."""
    found = _closest(typed, paragraph)
    return cut(paragraph[slice(*found[0])]) if found else ""


def _not_there(typed: str, paragraph: str, where: str) -> str:
    if not typed.strip():
        return "the essay's words, verbatim"
    found = _closest(typed, paragraph)
    if found is None or found[1] < CLOSE:
        return f"not the words of {where}, and nothing in it comes close"
    return f"not the words of {where}; the closest is “{cut(paragraph[slice(*found[0])])}”"


def quote_problem(typed: str, paragraph: str, number: int) -> str:
    """What a form says beside a quote: "" when `locate_quote` finds it in paragraph `number`,
    else one line saying so, with the passage closest to it."""
    if locate_quote(typed, paragraph) is not None:
        return ""
    return _not_there(typed, paragraph, f"paragraph {number}")


def essay_problem(typed: str, paragraphs: Sequence[str]) -> str:
    """What a form says beside a quote that no paragraph holds: one line, with the passage of
    the whole essay closest to it and the paragraph it begins in."""
    if not typed.strip():
        return "the essay's words, verbatim"
    found = closest_paragraph(typed, paragraphs)
    if found is None:
        return "not the words of any paragraph, and nothing in the essay comes close"
    number, (start, end) = found
    closest = cut(paragraphs[number - 1][start:end])
    return f"not the words of any paragraph; the closest is “{closest}”, in paragraph {number}"


def closest_paragraph(typed: str, paragraphs: Sequence[str]) -> tuple[int, Span] | None:
    """The paragraph (from 1) that holds most of the passage of the whole text most like
    `typed`, and the passage's span in it; None when nothing comes close (below CLOSE)."""
    essay = "\n".join(paragraphs)
    found = _closest(typed, essay)
    if found is None or found[1] < CLOSE:
        return None
    (start, end), _ = found
    starts = list(accumulate((len(paragraph) + 1 for paragraph in paragraphs), initial=0))
    first, last = bisect_right(starts, start), bisect_right(starts, max(start, end - 1))
    # A window as long as the words typed may begin a few characters, or a paragraph, early
    # and run on into the next: the paragraph is the one that holds most of it.
    number = max(
        range(first, last + 1),
        key=lambda n: min(end, starts[n] - 1) - max(start, starts[n - 1]),
    )
    begin, stop = starts[number - 1], starts[number] - 1
    return number, (max(start, begin) - begin, min(end, stop) - begin)


def verbatim_problem(quote: str, paragraph: str, number: int, file: str = "") -> str:
    """What `workbook check` says of a stored quote: "" when it is verbatim (brackets allowed),
    else one line: what the essay has, when only keyboard differences stand between them, or
    the closest passage."""
    if quote and find_quote(quote, paragraph) is not None:
        return ""
    where = f"paragraph {number}" + (f" of {file}" if file else "")
    if not quote.strip():
        return f"is empty, not the words of {where}"
    stored = essay_quote(quote, paragraph)
    if stored is None:
        return _not_there(quote, paragraph, where)
    kinds, first = _compare(quote, stored)
    kinds = kinds or ["quote marks, dashes, spacing or letter case"]
    named = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    verb = "differs" if kinds in (["spacing"], ["letter case"]) else "differ"
    return (
        f"not verbatim: {where} has “{around(stored, first)}” (only the {named} {verb}); "
        "workbook fmt --fix-quotes puts the essay's characters in"
    )


def around(text: str, at: int) -> str:
    """`text` cut short so that what stands at `at` is in what is shown."""
    if at < SHOWN * 2 // 3:
        return cut(text)
    begin = text.rfind(" ", 0, at - SHOWN // 4) + 1  # a few words of what leads up to it
    return "…" + cut(text[begin:], SHOWN - 1)
