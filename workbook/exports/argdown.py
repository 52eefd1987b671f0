"""The workbook as Argdown, and back.

Claims are statements (`[ID]: tag`), points are arguments (`<CLAIM.POINT>: text`) that support
(`<+`) or attack (`<-`) the claim, and answers attack the point they answer, nested under it
(up to NESTED levels: a deeper answer starts a tree of its own, `<CLAIM.POINT>: text` with
`-> <CLAIM.ANSWERED>` below it, so that no line's indentation, nor the export, outgrows it).
The title and the sections become headings and a claim's tags Argdown tags. What Argdown has
no place for (the quote, notes, strengths, the card library) travels as data: the workbook's
own fields, as JSON inside Argdown's YAML data blocks (`{...}` after an element, and the
front matter), so reading the export back gives the same workbook, field for field.

Every text Argdown would read as syntax is escaped with a backslash; inside data, the
characters that the Argdown lexer or YAML could take for structure are written as `\\uXXXX`
escapes, which JSON and YAML both read back as the character.
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbook.core.model import Claim, Point, Workbook
from workbook.storage.files import WorkbookError
from workbook.storage.toml_data import TOO_DEEP

# Characters Argdown's lexer gives a meaning to anywhere on a line: statement and argument
# titles, data, tags, bold and italic, mentions, comments (`//`, `/*`), front matter (`===`).
_SYNTAX = re.compile(r"[\\\[\]<>{}#*_@/=]|[.:](?=\S)")
# Inside data: what could close a data block or a front matter, start a comment, or be read
# as YAML other than JSON (DEL is not printable for YAML).
_UNSAFE_IN_DATA = re.compile(r"[{}\[\]<>#=/\x7f]")
# A tag's words are not escaped by Argdown: what could end it or be read as data is left out.
_NOT_IN_TAG = re.compile(r"[(){}\[\]<>\\#]")
_FRONT = "==="
NESTED = 12  # how many levels of answers are written nested under a claim
_NO_TEXT = "(no text)"
_LINE_END = re.compile(r"\r?\n")
_ELEMENT = re.compile(r"[ \t]*(?:<[+-] )?(?:\[(?P<claim>[^\]]+)\]|<(?P<point>[^>]+)>): ")


def escape(text: str) -> str:
    """`text` as Argdown text content on one line: its syntax escaped, line breaks as spaces
    (the exact text travels in the data), and never empty, which Argdown refuses."""
    flat = " ".join(text.replace("\r", "\n").split("\n"))
    if not any(char.isprintable() and not char.isspace() for char in flat):
        return _NO_TEXT
    return _SYNTAX.sub(lambda match: "\\" + match.group(), flat)


def data(value: Any) -> str:
    """`value` as a data block: JSON on one line, every character that could be syntax escaped."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{data(key)}:{data(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(data(item) for item in value) + "]"
    dumped = json.dumps(value, ensure_ascii=True)
    if not isinstance(value, str):
        return dumped
    return _UNSAFE_IN_DATA.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def _tag(tag: str) -> str:
    """An Argdown tag, `#(words)`; "" when nothing of it can be one (the exact tags are data)."""
    words = " ".join(_NOT_IN_TAG.sub(" ", tag).split())
    return f"#({words})" if words else ""


def export(workbook: Workbook) -> str:
    """The workbook as an Argdown document."""
    front = workbook.model_dump(mode="json", exclude_defaults=True, exclude={"claims"})
    # The title's heading also gives Argdown something after the front matter, which it needs.
    lines = [_FRONT, data({"workbook": front}), _FRONT, "", f"# {escape(workbook.title)}"]
    section: str | None = None
    for claim_id, claim in workbook.claims.items():
        if claim.section != section and claim.section.strip():
            lines += ["", f"## {escape(claim.section)}"]
        section = claim.section
        lines.append("")
        lines.extend(_claim_lines(workbook, claim_id, claim))
    return "\n".join(lines) + "\n"


def _claim_lines(workbook: Workbook, claim_id: str, claim: Claim) -> Iterator[str]:
    fields = claim.model_dump(mode="json", exclude_defaults=True, exclude={"points"})
    # Answers are written under what they answer: the order of the points is kept here.
    fields["points"] = list(claim.points)
    tags = " ".join(tag for tag in map(_tag, claim.tags) if tag)
    shown = escape(claim.tag or claim.quote) + (f" {tags}" if tags else "")
    yield f"[{claim_id}]: {shown} {data({'claim': fields})}"
    answers: dict[str, list[str]] = {}
    for point_id, point in claim.points.items():
        if point.kind == "answers":
            answers.setdefault(point.answers, []).append(point_id)
    # Trees of points, walked with a stack of (point, depth), not by recursion: an answer chain
    # may be thousands deep. Answers deeper than NESTED start trees of their own, after the
    # claim's (at the top, a tree would end the claim's), so that no line is indented further.
    trees = deque((point_id, 1) for point_id, p in claim.points.items() if p.kind != "answers")
    while trees:
        stack = [trees.popleft()]
        while stack:
            point_id, depth = stack.pop()
            yield from _point_lines(workbook, claim_id, claim.points[point_id], point_id, depth)
            replies = answers.get(point_id, [])
            if depth == NESTED:
                trees.extend((reply, 0) for reply in replies)
            else:
                stack.extend((reply, depth + 1) for reply in reversed(replies))


def _point_lines(
    workbook: Workbook, claim_id: str, point: Point, point_id: str, depth: int
) -> Iterator[str]:
    """A point's line, under what it supports or attacks (`depth` levels in), or at the top
    (depth 0) with the point it answers named below it."""
    text = escape(point.text) + _cites(workbook, point)
    fields = point.model_dump(mode="json", exclude_defaults=True)
    title, block = f"<{claim_id}.{point_id}>", data({"point": fields})
    if depth == 0:  # after a blank line, which ends the tree above for Argdown
        yield ""
        yield f"{title}: {text} {block}"
        yield f"  -> <{claim_id}.{point.answers}>"
        return
    relation = "<+" if point.kind == "supports" else "<-"
    yield f"{'  ' * depth}{relation} {title}: {text} {block}"


def _cites(workbook: Workbook, point: Point) -> str:
    """The short cites of the cards a point reads, for a reader of the Argdown: " (Smith 21)"."""
    cites = [workbook.cards[card].cite for card in point.cards if workbook.cards[card].cite]
    return f" ({escape('; '.join(cites))})" if cites else ""


def counts(workbook: Workbook) -> tuple[int, int, int]:
    """What the export holds: statements (claims), arguments (points) and relations (one per
    point: to the claim, or to the point it answers)."""
    points = sum(len(claim.points) for claim in workbook.claims.values())
    return len(workbook.claims), points, points


def read(text: str, path: Path) -> Workbook:
    """The workbook an Argdown export holds, from its data; a WorkbookError names the line."""
    from workbook.storage.store import validate

    # A line ends at "\n", or "\r\n" once an editor or a checkout on Windows has been at it (an
    # export holds no carriage return of its own: a text's are escaped). str.splitlines would
    # also split at characters a text holds.
    lines = _LINE_END.split(text)
    if len(lines) < 3 or lines[0] != _FRONT or lines[2] != _FRONT:
        raise WorkbookError(f"{path}:1:1: not a workbook's Argdown export (no front matter)")
    front = _data_at(path, 2, lines[1]).get("workbook")
    if not isinstance(front, dict):
        raise WorkbookError(f"{path}:2:1: the front matter holds no workbook")
    claims: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}  # each element's title, and the line that gave it
    for number, line in enumerate(lines[3:], start=4):
        match = _ELEMENT.match(line)
        if match is None:
            continue
        start = line.find(" {", match.end() - 1)
        if start < 0:
            raise WorkbookError(f"{path}:{number}:1: this element has no data")
        found = _data_at(path, number, line[start + 1 :])
        title = f"[{match['claim']}]" if match["claim"] else f"<{match['point']}>"
        if title in seen:  # the second would quietly replace the first
            raise WorkbookError(f"{path}:{number}:1: {title} again (first on line {seen[title]})")
        seen[title] = number
        if match["claim"]:
            claims[match["claim"]] = _claim_from(path, number, found)
        else:
            _add_point(path, number, claims, match["point"], found)
    for claim_id, claim in claims.items():
        order = claim.pop("order")
        if sorted(order) != sorted(claim["points"]):
            raise WorkbookError(f"{path}: claims.{claim_id}: its points are not all there")
        claim["points"] = {point_id: claim["points"][point_id] for point_id in order}
    return validate({**front, "claims": claims}, path)


def _data_at(path: Path, number: int, block: str) -> dict[str, Any]:
    try:
        found = json.loads(block)
    except ValueError as error:
        raise WorkbookError(f"{path}:{number}:1: unreadable data: {error}") from None
    except RecursionError:  # the JSON parser recurses: the same limit as a TOML file's
        raise WorkbookError(f"{path}:{number}:1: {TOO_DEEP}") from None
    if not isinstance(found, dict):
        raise WorkbookError(f"{path}:{number}:1: the data is not a table")
    return found


def _claim_from(path: Path, number: int, found: dict[str, Any]) -> dict[str, Any]:
    claim = found.get("claim")
    if not isinstance(claim, dict) or not isinstance(claim.get("points", []), list):
        raise WorkbookError(f"{path}:{number}:1: a claim's data holds no claim")
    return {**claim, "order": claim.get("points", []), "points": {}}


def _add_point(
    path: Path, number: int, claims: dict[str, dict[str, Any]], title: str, found: dict[str, Any]
) -> None:
    claim_id, _, point_id = title.partition(".")
    point = found.get("point")
    if claim_id not in claims or not point_id or not isinstance(point, dict):
        raise WorkbookError(f"{path}:{number}:1: a point that belongs to no claim above it")
    claims[claim_id]["points"][point_id] = point


def write_workbook(source: Path, out: Path, *, force: bool = False) -> Workbook:
    """Read the Argdown export `source` and save its workbook at `out`. Refuses, writing
    nothing: a name that does not end in .toml, an existing file unless `force`, the source
    itself, and a bundled position."""
    from workbook.storage.files import read_text
    from workbook.storage.store import save

    if out.suffix != ".toml":
        raise WorkbookError(f"{out}: a workbook's name ends in .toml")
    if os.path.lexists(out):
        if os.path.realpath(out) == os.path.realpath(source):
            raise WorkbookError(f"{out}: is the file being read; name another with -o")
        if not force:
            raise WorkbookError(f"{out}: already exists (--force replaces it)")
    workbook = read(read_text(source), source)
    save(workbook, out)
    return workbook
