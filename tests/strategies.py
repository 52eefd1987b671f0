"""Hypothesis strategies: random valid workbooks, with hostile text in every field."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from workbook.core.marks import MARK, UNDERLINE, unpaired
from workbook.core.model import Workbook

ids = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
# Text a user might paste: quotes, backslashes, TOML and Markdown syntax, control characters,
# right-to-left and combining marks, emoji.
hostile = st.sampled_from(
    [
        '"""',
        "'''",
        "\\",
        "|",
        "`",
        "<script>",
        "[x](javascript:alert(1))",
        "\t",
        "\x00",
        "\x7f",
        "\u202e",
        "ممنوع",
        "e\u0301",
        "🧨",
        "#",
        "=",
        "[claims.x]",
        "\ufeff",
    ]
)
text = st.lists(st.one_of(st.text(max_size=12), hostile), max_size=5).map("".join)
lines = text.map(lambda s: s.replace("\r", " ").replace("\n", " "))
dates = st.one_of(
    st.just(""),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(1000, 9999).map(str),
)

# A card's text: the source's words, some passages underlined or marked to be read aloud.
card_text = (
    st.lists(st.tuples(st.sampled_from(["", MARK, UNDERLINE]), text), max_size=4)
    .map(lambda runs: "".join(f"{mark}{t}{mark}" for mark, t in runs))
    .filter(lambda t: not unpaired(t))
)

cards = st.fixed_dictionaries(
    {},
    optional={
        "tag": lines,
        "author": lines,
        "qualifications": lines,
        "date": dates,
        "title": lines,
        "publication": lines,
        "url": lines,
        "accessed": dates,
        "pages": lines,
        "text": card_text,
        "notes": text,
    },
)


@st.composite
def claims(
    draw: st.DrawFn, sides: list[str], paragraphs: int, library: list[str] | None = None
) -> dict[str, Any]:
    """A claim's data; its points read cards of `library`, or, when it is None, keep their
    own cards as format 1 did."""
    claim_side = draw(st.sampled_from(sides))
    points: dict[str, Any] = {}
    for point_id in draw(st.lists(ids, unique=True, max_size=4)):
        side = draw(st.sampled_from(sides))
        answerable = [pid for pid, p in points.items() if p["side"] != side]
        point: dict[str, Any] = {"side": side}
        if answerable and draw(st.booleans()):
            point.update(kind="answers", answers=draw(st.sampled_from(answerable)))
        else:
            point["kind"] = "supports" if side == claim_side else "counters"
        point["text"] = draw(text)
        strength = draw(st.one_of(st.none(), st.integers(1, 5)))
        if strength is not None:
            point["strength"] = strength
        if library is None:
            point["cards"] = draw(st.dictionaries(ids, cards, max_size=3))
        elif library:
            point["cards"] = draw(st.lists(st.sampled_from(library), unique=True, max_size=3))
        points[point_id] = point
    return {
        "section": draw(lines),
        "paragraph": draw(st.integers(1, paragraphs)),
        "side": claim_side,
        "tag": draw(lines),
        "quote": draw(text),
        "tags": draw(st.lists(lines, max_size=3)),
        "notes": draw(text),
        "points": points,
    }


@st.composite
def workbook_data(draw: st.DrawFn, version: int = 2) -> dict[str, Any]:
    """A valid workbook's data in format `version` (1: each point keeps its own cards)."""
    sides = draw(st.lists(ids, min_size=2, max_size=2, unique=True))
    paragraphs = draw(st.integers(1, 40))
    claim_ids = draw(st.lists(ids, unique=True, max_size=5))
    library = draw(st.dictionaries(ids, cards, max_size=6)) if version >= 2 else None
    data: dict[str, Any] = {
        "format": version,
        "title": draw(lines),
        "motion": draw(text),
        "essay": {"title": draw(lines), "date": draw(dates), "paragraphs": paragraphs},
        "sides": {s: {"name": draw(lines.filter(bool)), "thesis": draw(text)} for s in sides},
    }
    if library is not None:
        data["cards"] = library
    names = None if library is None else list(library)
    data["claims"] = {c: draw(claims(sides, paragraphs, names)) for c in claim_ids}
    return data


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    return Workbook.model_validate(draw(workbook_data()))
