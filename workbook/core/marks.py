"""Read-aloud marks: inside a card's text, `==…==` marks the passages read aloud.

The syntax is plain text so that a card stays readable in the TOML file and in a diff, and
removing the marks gives back exactly the source's words.
"""

from __future__ import annotations

MARK = "=="

Run = tuple[bool, str]  # (read aloud, the words)


def unpaired(text: str) -> bool:
    """True when a mark opens a passage that nothing closes."""
    # str.count and str.split both take marks left to right without overlap, as runs() does.
    return text.count(MARK) % 2 == 1


def has_marks(text: str) -> bool:
    return MARK in text


def runs(text: str) -> list[Run]:
    """The text as runs of (marked, words), in order; empty runs are left out."""
    return [(index % 2 == 1, piece) for index, piece in enumerate(text.split(MARK)) if piece]


def plain(text: str) -> str:
    """The source's words: the text with its marks taken out."""
    return text.replace(MARK, "")


def read_aloud(text: str) -> list[str]:
    """The passages read aloud: the marked ones, or the whole text when nothing is marked."""
    if not has_marks(text):
        return [text] if text else []
    return [words for marked, words in runs(text) if marked]


def words_read_aloud(text: str) -> int:
    return sum(len(passage.split()) for passage in read_aloud(text))


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
