"""A card cut from a source: whole paragraphs of its stored text, with the source's cite.

The card's text is the paragraphs exactly, one blank line between them, so that `proving`
can show it is still the source's words; its cite fields are the source's (the essay's, for a
card cut from the essay), and for a PDF, the pages the paragraphs stand on.
"""

from __future__ import annotations

from pydantic import ValidationError

from workbook.core.cite_flags import cite_of
from workbook.core.marks import escape
from workbook.core.model import ESSAY, Card, Workbook, without_essay

PARAGRAPH_BREAK = "\n\n"
NO_ESSAY_TO_CUT = "has no essay to cut from; add the article as a source"


class CutError(ValueError):
    """A cut that cannot be made: the message says why, for one line to the user."""


def paragraph_range(text: str, count: int) -> tuple[int, int]:
    """`A` or `A-B` as typed (numbered from 1) checked against a text of `count` paragraphs."""
    first, _, last = text.strip().partition("-")
    if not first.strip().isdecimal() or (last and not last.strip().isdecimal()):
        raise CutError(f"paragraphs are A or A-B, numbered from 1 (got {text!r})")
    start, end = int(first), int(last or first)
    if not 1 <= start <= end:
        raise CutError(f"paragraphs are A or A-B from 1, A no more than B (got {text!r})")
    if end > count:
        raise CutError(f"the source has {count} paragraphs, not {end}")
    return start, end


def cut_text(paragraphs: list[str], first: int, last: int) -> str:
    """Paragraphs `first` to `last` (from 1) as a card's text: the source's own "==", "++" and
    backslashes escaped, so that none is read as a mark and the words stay the source's."""
    return escape(PARAGRAPH_BREAK.join(paragraphs[first - 1 : last]))


def paragraph_span(first: int, last: int) -> str:
    """¶3, or ¶3–5: paragraphs as a user reads them."""
    return f"¶{first}" if first == last else f"¶{first}–{last}"


def page_span(pages: list[int], first: int, last: int) -> str:
    """The pages paragraphs `first` to `last` stand on: "12" or "12-13"; "" without pages."""
    if not pages:
        return ""
    low, high = pages[first - 1], pages[last - 1]
    return str(low) if low == high else f"{low}-{high}"


def cut_card(
    workbook: Workbook,
    source_id: str,
    paragraphs: list[str],
    first: int,
    last: int,
    tag: str = "",
    cutter: str = "",
) -> Card:
    """A card of paragraphs `first` to `last` of source `source_id` (ESSAY for the essay),
    whose stored text is `paragraphs`, with the source's cite."""
    if source_id == ESSAY and workbook.essay is None:
        raise CutError(f"{without_essay(workbook)} {NO_ESSAY_TO_CUT}")
    if source_id != ESSAY and source_id not in workbook.sources:
        raise CutError(f"no source {source_id!r} in the workbook")
    where, count = (
        ("essay", workbook.essay.paragraphs)
        if workbook.essay is not None and source_id == ESSAY
        else (f"sources.{source_id}", workbook.sources[source_id].paragraphs)
    )
    if len(paragraphs) != count:
        # Its text changed since it was added: which paragraph is which (and on which page)
        # is in doubt.
        raise CutError(
            f"{where}.paragraphs: is {count}, but its text has {len(paragraphs)}: "
            "the text was changed after it was added"
        )
    if not 1 <= first <= last <= count:
        raise CutError(f"paragraphs {first}-{last}: the source has {count}, numbered from 1")
    text = cut_text(paragraphs, first, last)
    cite, _ = cite_of(workbook, source_id)
    if source_id != ESSAY:
        cite["pages"] = page_span(workbook.sources[source_id].pages, first, last)
    try:
        return Card.model_validate(
            {"tag": tag, "source": source_id, "cutter": cutter, "text": text, **cite}
        )
    except ValidationError as error:  # a tag of two lines, say: one line, as every refusal
        problem = error.errors(include_url=False)[0]
        field = ".".join(str(part) for part in problem["loc"])
        raise CutError(f"{field}: {problem['msg']}") from None
