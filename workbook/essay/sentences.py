"""The essay's sentences: where each one stands in its paragraph.

pysbd knows abbreviations ("U.S.", "Maj. Gen."), numbers and quotations, offline and with no
data to download. Its spans are checked against the paragraph, so a span is always exactly the
essay's characters.

pysbd's time grows with the square of the text it is given, so a long paragraph is given to it
a window at a time: the sentences that end inside a window are kept, and the next window starts
where the last of them, which the window may have cut, begins. A sentence is then decided with
at least half a window of the text after it, as pysbd would have decided it in the whole
paragraph. A run of more than half a window with no sentence's end in it is cut at a space.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pysbd import Segmenter

Span = tuple[int, int]

# Characters given to pysbd at once: its time per character is least near 1,000 to 4,000, and an
# essay's paragraph is shorter, so that a paragraph is almost always read whole, as before.
WINDOW = 4_000


@cache
def _segmenter() -> Segmenter:
    from pysbd import Segmenter  # about 30 ms to import: only when sentences are wanted

    return Segmenter(language="en", clean=False, char_span=False)


def sentence_spans(paragraph: str) -> list[Span]:
    """The (start, end) of each sentence of `paragraph`, without the spaces around it."""
    spans: list[Span] = []
    at = 0
    while at < len(paragraph):
        end = min(at + WINDOW, len(paragraph))
        found = _segmented(paragraph, at, end)
        if end == len(paragraph) or not found:
            spans.extend(found)
            at = end
            continue
        *kept, (last, _) = found
        spans.extend(kept)
        if last - at >= WINDOW // 2:
            at = last  # the last sentence may go on past the window: read it again in the next
            continue
        # No sentence ends in the second half of the window: cut the run at its last space there.
        cut = paragraph.rfind(" ", at + WINDOW // 2, end)
        cut = end if cut < 0 else cut
        spans.extend(_stripped(paragraph, last, cut))
        at = cut
    return spans


def _segmented(paragraph: str, start: int, end: int) -> list[Span]:
    """The sentences pysbd finds in `paragraph[start:end]`, as spans of `paragraph`."""
    spans: list[Span] = []
    at = start
    for sentence in _segmenter().segment(paragraph[start:end]):
        text = sentence.strip()
        if not text:
            continue
        found = paragraph.find(text, at, end)
        if found < 0:  # pysbd changed the text: keep what is left as one sentence
            break
        spans.append((found, found + len(text)))
        at = found + len(text)
    return spans + _stripped(paragraph, at, end)


def _stripped(paragraph: str, start: int, end: int) -> list[Span]:
    """`paragraph[start:end]` without the spaces around it, as a span; [] when only spaces."""
    text = paragraph[start:end]
    rest = text.lstrip()
    if not rest.strip():
        return []
    begin = start + len(text) - len(rest)
    return [(begin, begin + len(rest.rstrip()))]


def sentences(paragraph: str) -> list[str]:
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]
