"""The essay's sentences: where each one stands in its paragraph.

pysbd knows abbreviations ("U.S.", "Maj. Gen."), numbers and quotations, offline and with no
data to download. Its spans are checked against the paragraph, so a span is always exactly the
essay's characters.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pysbd import Segmenter

Span = tuple[int, int]


@cache
def _segmenter() -> Segmenter:
    from pysbd import Segmenter  # about 30 ms to import: only when sentences are wanted

    return Segmenter(language="en", clean=False, char_span=False)


def sentence_spans(paragraph: str) -> list[Span]:
    """The (start, end) of each sentence of `paragraph`, without the spaces around it."""
    spans: list[Span] = []
    at = 0
    for sentence in _segmenter().segment(paragraph):
        text = sentence.strip()
        if not text:
            continue
        start = paragraph.find(text, at)
        if start < 0:  # pysbd changed the text: keep what is left as one sentence
            break
        spans.append((start, start + len(text)))
        at = start + len(text)
    rest = paragraph[at:].strip()
    if rest:
        start = paragraph.index(rest, at)
        spans.append((start, start + len(rest)))
    return spans


def sentences(paragraph: str) -> list[str]:
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]
