"""Marks in a card's text, as the circuit marks a cut card: `++…++` underlines what matters and
`==…==` highlights what is read aloud (usually within the underlining).

The marks stand inline, in the card's one text, so that a card stays readable in the TOML file,
a diff shows a mark added or taken away as the words it moved, and a merge of two changes to
one card meets them where they are: no offsets into the text, which any edit would shift.

Each mark toggles its layer, so the two nest or overlap freely: `++a ==b++ c==` underlines
"a b" and highlights "b c". A source's own `==` or `++` (code, "C++") is kept by a backslash:
`\\=` is a literal "=" and `\\+` a literal "+"; a run of backslashes just before a "=" or "+"
stands for half as many, and an odd one left over escapes the sign. A backslash anywhere else
is itself, so a text marked before underlining existed reads as it did. `plain` gives back
exactly the source's words, and `compose` writes words and their marks so that it does,
escaping only what would otherwise be read as a mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

HIGHLIGHT = "=="  # read aloud
UNDERLINE = "++"  # what matters
MARK = HIGHLIGHT  # the read-aloud mark, the one mark a card had before underlining
ESCAPE = "\\"
MARK_NAMES = {HIGHLIGHT: "a read-aloud mark", UNDERLINE: "an underline mark"}

# The layers of one character, as the app keeps them beside the words it shows.
UNDERLINED, HIGHLIGHTED = 1, 2

Run = tuple[bool, str]  # (read aloud, the words)


class Marked(NamedTuple):
    """A run of a card's words, and the layers it stands in."""

    underlined: bool
    highlighted: bool
    words: str


# A mark, or a run of backslashes before a sign (taken from its first backslash only: the
# look-behind keeps a long run from being tried at each of its backslashes, which would be
# quadratic in the run).
_SPECIAL = re.compile(r"(?<!\\)(\\+)(?=[=+])|==|\+\+")


def _scan(text: str) -> Iterator[tuple[str, str, int]]:
    """The text as (literal words, the mark after them, where that mark stands), in order; the
    last has no mark (""). Escapes are resolved in the words."""
    pieces: list[str] = []
    at = 0
    while (found := _SPECIAL.search(text, at)) is not None:
        pieces.append(text[at : found.start()])
        slashes = found.group(1)
        if slashes is None:
            yield "".join(pieces), found.group(), found.start()
            pieces = []
            at = found.end()
            continue
        pieces.append(ESCAPE * (len(slashes) // 2))
        at = found.end()
        if len(slashes) % 2:  # the odd backslash escapes the sign after the run
            pieces.append(text[at])
            at += 1
    pieces.append(text[at:])
    yield "".join(pieces), "", len(text)


def marked_runs(text: str) -> list[Marked]:
    """The text as runs of (underlined, highlighted, words), in order: the marks taken out,
    empty runs left out, and neighbours in the same layers joined."""
    found: list[Marked] = []
    underlined = highlighted = False
    for words, mark, _ in _scan(text):
        if words:
            if found and found[-1][:2] == (underlined, highlighted):
                found[-1] = Marked(underlined, highlighted, found[-1].words + words)
            else:
                found.append(Marked(underlined, highlighted, words))
        if mark == HIGHLIGHT:
            highlighted = not highlighted
        elif mark == UNDERLINE:
            underlined = not underlined
    return found


def runs(text: str) -> list[Run]:
    """The text as runs of (read aloud, words): the highlighting alone, the underlining left
    aside; empty runs are left out."""
    found: list[Run] = []
    for run in marked_runs(text):
        if found and found[-1][0] == run.highlighted:
            found[-1] = (run.highlighted, found[-1][1] + run.words)
        else:
            found.append((run.highlighted, run.words))
    return found


def plain(text: str) -> str:
    """The source's words: the text with its marks taken out and its escapes resolved."""
    return "".join(words for words, _, _ in _scan(text))


def unclosed(text: str) -> tuple[str, int] | None:
    """The first mark that opens a passage nothing closes, and where it stands; None when
    every mark is closed."""
    opened: dict[str, int] = {}
    for _, mark, at in _scan(text):
        if mark and opened.pop(mark, None) is None:
            opened[mark] = at
    if not opened:
        return None
    mark = min(opened, key=opened.__getitem__)
    return mark, opened[mark]


def unpaired(text: str) -> bool:
    """True when a mark opens a passage that nothing closes."""
    return unclosed(text) is not None


def has_marks(text: str) -> bool:
    """True when any words are underlined or highlighted."""
    return any(run.underlined or run.highlighted for run in marked_runs(text))


def has_highlighting(text: str) -> bool:
    """True when some words are highlighted: then only they are read aloud."""
    return any(highlighted for highlighted, _ in runs(text))


def read_aloud(text: str) -> list[str]:
    """The passages read aloud: the highlighted ones, or the whole text when nothing is."""
    passages = [words for highlighted, words in runs(text) if highlighted]
    if passages:
        return passages
    words = plain(text)
    return [words] if words else []


def words_read_aloud(text: str) -> int:
    return sum(len(passage.split()) for passage in read_aloud(text))


_WORD = re.compile(r"\w")


def spoken(text: str) -> list[str]:
    """What is read aloud, as a reader hears it: the highlighted passages in order, those that
    only spaces or punctuation part joined into one, so that each break between two stands
    where words are skipped. The whole text when nothing is highlighted."""
    if not has_highlighting(text):
        whole = plain(text).strip()
        return [whole] if whole else []
    passages: list[str] = []
    gap = ""  # the words skipped since the last passage read
    for highlighted, words in runs(text):
        if not highlighted:
            gap = words
        elif passages and not _WORD.search(gap):
            passages[-1] += gap + words
        else:
            passages.append(words)
    return [passage.strip() for passage in passages if passage.strip()]


# Runs of one character that may need an escape: backslashes, or signs of one kind.
_RUNS = re.compile(r"\\+|=+|\++")


def escape(words: str, following: str = "") -> str:
    """`words` written so that `plain` reads them back exactly, however many "=", "+" or "\\"
    they hold: escaping only what would be read as a mark or an escape. `following` is what
    is written right after them (a mark), which their last characters must not run into."""

    def escaped(found: re.Match[str]) -> str:
        run, sign = found.group(), found.group()[0]
        after = words[found.end() : found.end() + 1] or following[:1]
        if sign == ESCAPE:
            # Before a sign, backslashes are read in pairs: each is written twice.
            return run * 2 if after and after in "=+" else run
        # Two signs alike in a row would be a mark: from the run's end, every other sign is
        # escaped, starting with the last when what follows opens with the same sign.
        pairs, odd = divmod(len(run), 2)
        if after == sign:
            return (ESCAPE + sign if odd else "") + (sign + ESCAPE + sign) * pairs
        return (sign if odd else "") + (ESCAPE + sign + sign) * pairs

    return _RUNS.sub(escaped, words)


def _between(before: tuple[bool, bool], after: tuple[bool, bool]) -> str:
    """The marks that take the layers from `before` to `after`: the highlight, inner, closes
    before the underline and opens after it, so that the usual marking nests."""
    (was_under, was_high), (under, high) = before, after
    closes = (HIGHLIGHT if was_high and not high else "") + (
        UNDERLINE if was_under and not under else ""
    )
    opens = (UNDERLINE if under and not was_under else "") + (
        HIGHLIGHT if high and not was_high else ""
    )
    return closes + opens


def compose(marked: Iterable[Marked]) -> str:
    """The card's text for runs of words in their layers: the one form `marked_runs` reads
    back as these runs (joined where neighbours share their layers)."""
    found: list[Marked] = []
    for run in marked:
        if not run.words:
            continue
        if found and found[-1][:2] == run[:2]:
            found[-1] = Marked(run.underlined, run.highlighted, found[-1].words + run.words)
        else:
            found.append(run)
    states = [(False, False), *((run.underlined, run.highlighted) for run in found), (False, False)]
    marks = [_between(states[i], states[i + 1]) for i in range(len(states) - 1)]
    out = [marks[0]]
    for run, after in zip(found, marks[1:], strict=True):
        out += [escape(run.words, after), after]
    return "".join(out)


def closed_at(text: str, separator: str) -> str:
    """The same words and marks, each mark closed before `separator` and opened again after
    it: as a Word file keeps marks, a paragraph at a time. Two texts that mark the same words
    the same way are spelled the same once both are closed at their paragraph breaks."""
    runs: list[Marked] = []
    for run in marked_runs(text):
        for at, piece in enumerate(run.words.split(separator)):
            if at:
                runs.append(Marked(False, False, separator))
            runs.append(Marked(run.underlined, run.highlighted, piece))
    return compose(runs)


def layers(text: str) -> tuple[str, bytearray]:
    """The source's words, and each character's layers (UNDERLINED | HIGHLIGHTED)."""
    words: list[str] = []
    flags = bytearray()
    for run in marked_runs(text):
        words.append(run.words)
        flags += bytes([UNDERLINED * run.underlined | HIGHLIGHTED * run.highlighted]) * len(
            run.words
        )
    return "".join(words), flags


_SAME_FLAGS = re.compile(rb"(.)\1*", re.DOTALL)


def from_layers(words: str, flags: bytes | bytearray) -> str:
    """The card's text for words whose characters stand in these layers, one flag each."""
    if len(flags) != len(words):
        raise ValueError(f"{len(flags)} flags for {len(words)} characters")
    return compose(
        Marked(
            bool(found[1][0] & UNDERLINED),
            bool(found[1][0] & HIGHLIGHTED),
            words[found.start() : found.end()],
        )
        for found in _SAME_FLAGS.finditer(flags)
    )


# Opening quotation marks, straight and curly, single and double, and the guillemets.
_OPENING_QUOTES = "\"'“‘„«‹"
# The double closing marks close a quotation wherever they end a text; a single one may be an
# apostrophe ("the voters’"), and closes one only where its opening mark stands before it.
_CLOSING_QUOTES = '"”»›'
_SINGLE_CLOSING = {"’": "‘", "'": "'"}


def _own_quotes(words: str) -> bool:
    """Whether text opens or closes with a quotation mark of its own."""
    first, last = words[:1], words[-1:]
    if first and first in _OPENING_QUOTES:
        return True
    if last and last in _CLOSING_QUOTES:
        return True
    opener = _SINGLE_CLOSING.get(last)
    return opener is not None and opener in words[:-1]


def in_quotes(text: str, shown: str | None = None) -> str:
    """How words of a source (a card's text, a claim's quote) are shown: `shown` (the text as
    written out, by default the text itself) in quotation marks, unless the text opens or
    closes with a quotation mark of its own: marks around marks would read as a quote within a
    quote, and the source's words are never changed to nest them. Every view that puts a
    source's words in quotation marks does so here."""
    shown = text if shown is None else shown
    return shown if _own_quotes(plain(text).strip()) else f"“{shown}”"
