"""The workbook as Argdown, for argument mappers; `argdown_reading` reads it back.

Claims are statements (`[ID]: tag`); points are arguments, each titled with its side and its
own first words (`<Blowback: The strike invited retaliation>`) and tagged with its side
(`#Blowback`), that support (`<+`) or attack (`<-`) the claim; answers attack the point they
answer, nested under it (up to NESTED levels: a deeper answer starts a tree of its own,
`<TITLE>: text` with `-> <ANSWERED>` below it, so that no line's indentation, nor the export,
outgrows it). The title and the sections become headings and a claim's tags Argdown tags.

The front matter sets the map up to be read: each argument labelled by its title and each
statement by its text, every claim shown even before it has points, and each side in a colour
of its own, its tag's. What Argdown has no place for (ids, the quote, notes, strengths, cards,
the card library) travels as data: the workbook's own fields, as JSON inside Argdown's YAML
(`{...}` after an element, and `workbook:` in the front matter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from workbook.core.model import Claim, Workbook
from workbook.exports.argdown_reading import read, write_workbook
from workbook.exports.argdown_text import (
    FRONT,
    NESTED,
    cites_shown,
    data,
    escape,
    side_tags,
    tag,
    tag_words,
    walk,
)

__all__ = ["NESTED", "counts", "escape", "export", "point_titles", "read", "write_workbook"]

TITLE_WORDS = 6  # how many of a point's words title it
TITLE_LENGTH = 60  # and at most how many characters
# A word of a title: letters and digits of any script, joined by an apostrophe, a stop or a
# hyphen; nothing Argdown could read in a title.
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# Okabe and Ito's sky blue and orange, which readers who do not see every colour tell apart,
# light enough for black words; the claims' own tags in greys, so that colour means a side.
_SIDE_COLOURS = ("#56b4e9", "#e69f00")
_GREYS = ("#eeeeee", "#e0e0e0", "#d4d4d4", "#c8c8c8", "#bdbdbd", "#b3b3b3", "#a8a8a8", "#9e9e9e")


def _front_matter(workbook: Workbook) -> list[str]:
    """Argdown's settings for a readable map, then the workbook's own fields."""
    front = workbook.model_dump(mode="json", exclude_defaults=True, exclude={"claims"})
    tags = side_tags({key: side.name for key, side in workbook.sides.items()})
    greys = ", ".join(f'"{grey}"' for grey in _GREYS)
    return [
        FRONT,
        "model:",
        "  removeTagsFromText: true",
        "map:",
        "  statementLabelMode: text",
        "  argumentLabelMode: title",
        "selection:",
        "  excludeDisconnected: false",
        "color:",
        f"  colorScheme: [{greys}]",
        "  tagColors:",
        *(
            f'    {data(words)}: {{"color": "{colour}", "priority": 1}}'
            for words, colour in zip(tags.values(), _SIDE_COLOURS, strict=True)
        ),
        f"workbook: {data(front)}",
        FRONT,
    ]


def point_titles(workbook: Workbook) -> dict[tuple[str, str], str]:
    """Each point's title, by (claim, point): its side's tag and its first few words, unique
    in the file (a second "Blowback: The strike" is "Blowback: The strike (2)")."""
    tags = side_tags({key: side.name for key, side in workbook.sides.items()})
    sides = {key: " ".join(_WORD.findall(words)) for key, words in tags.items()}
    titles: dict[tuple[str, str], str] = {}
    # How many points each title has had: words never hold "(", so "X (2)" is only ever the
    # second X, and no title is tried twice however many points share their words.
    used: dict[str, int] = {}
    for claim_id, claim in workbook.claims.items():
        for point_id, point in claim.points.items():
            words = [m.group() for m in islice(_WORD.finditer(point.text), TITLE_WORDS)]
            said = " ".join(words)[:TITLE_LENGTH].strip() or point_id.strip("-") or "point"
            base = f"{sides[point.side]}: {said}" if sides[point.side] else said
            used[base] = used.get(base, 0) + 1
            titles[claim_id, point_id] = base if used[base] == 1 else f"{base} ({used[base]})"
    return titles


def export(workbook: Workbook) -> str:
    """The workbook as an Argdown document."""
    # The title's heading also gives Argdown something after the front matter, which it needs.
    lines = [*_front_matter(workbook), "", f"# {escape(workbook.title)}"]
    titles = point_titles(workbook)
    section: str | None = None
    for claim_id, claim in workbook.claims.items():
        if claim.section != section and claim.section.strip():
            lines += ["", f"## {escape(claim.section)}"]
        section = claim.section
        lines.append("")
        lines.extend(_claim_lines(workbook, titles, claim_id, claim))
    return "\n".join(lines) + "\n"


def _claim_lines(
    workbook: Workbook, titles: dict[tuple[str, str], str], claim_id: str, claim: Claim
) -> Iterator[str]:
    fields = claim.model_dump(mode="json", exclude_defaults=True, exclude={"points"})
    # Answers are written under what they answer: the order of the points is kept here.
    fields["points"] = list(claim.points)
    tags = " ".join(f"#({words})" for words in map(tag_words, claim.tags) if words)
    shown = escape(claim.tag or claim.quote) + (f" {tags}" if tags else "")
    yield f"[{claim_id}]: {shown} {data({'claim': fields})}"
    sides = side_tags({key: side.name for key, side in workbook.sides.items()})
    answered = {
        point_id: point.answers if point.kind == "answers" else ""
        for point_id, point in claim.points.items()
    }
    for point_id, depth in walk(answered):
        point = claim.points[point_id]
        title = f"<{titles[claim_id, point_id]}>"
        text = f"{escape(point.text)}{cites_shown(workbook.cards, point.cards)} "
        text += tag(sides[point.side])
        fields = point.model_dump(
            mode="json", exclude_defaults=True, exclude={"side", "kind", "answers"}
        )
        block = data({"id": f"{claim_id}.{point_id}", **({"point": fields} if fields else {})})
        if depth == 0:  # after a blank line, which ends the tree above for Argdown
            yield ""
            yield f"{title}: {text} {block}"
            yield f"  -> <{titles[claim_id, point.answers]}>"
        else:
            relation = "<+" if point.kind == "supports" else "<-"
            yield f"{'  ' * depth}{relation} {title}: {text} {block}"


def counts(workbook: Workbook) -> tuple[int, int, int]:
    """What the export holds: statements (claims), arguments (points) and relations (one per
    point: to the claim, or to the point it answers)."""
    points = sum(len(claim.points) for claim in workbook.claims.values())
    return len(workbook.claims), points, points
