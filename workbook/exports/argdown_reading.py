"""An Argdown export read back as a workbook, taking what the Argdown text says.

The text says a claim's words, a point's words, each point's side (its tag), and what supports,
counters and answers what (the relations, wherever they are written): an edit to any of them is
taken, a point written with no data is a new point, and a point left out is gone. The data
blocks give what Argdown has no place for: ids, quotes, notes, strengths, the cards a point
reads, and the whole of a text Argdown shows on one line, which is kept while the text is as
it was exported. Where the text cannot be taken as it stands (a point tagged with one side that
supports a claim of the other, an edited quote the essay does not hold, the data of one point
given to two) the read-back refuses in one line naming the element and where it stands.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbook.core.claim_edits import next_id
from workbook.core.model import Workbook
from workbook.essay.quotes import essay_quote, quote_problem
from workbook.exports.argdown_text import (
    FRONT,
    NO_TEXT,
    Content,
    cites_shown,
    content,
    escape,
    flat,
    same_words,
    side_tags,
    tag_words,
    unescape,
    walk,
)
from workbook.exports.argdown_trees import Element, Relation, at, read_trees
from workbook.storage.files import WorkbookError
from workbook.storage.toml_data import TOO_DEEP

_LINE_END = re.compile(r"\r?\n")
# What the export keeps of a point in its data: what Argdown has no place for, and the text.
_POINT_DATA = ("text", "strength", "cards")
Essay = Callable[[str], list[str] | None]  # the essay's paragraphs, by its file's name


@dataclass(frozen=True)
class ReadBack:
    workbook: Workbook
    added: int  # points written in the Argdown with no data
    removed: int  # points the export held that the Argdown holds no longer


@dataclass
class _Point:
    element: Element
    claim: str  # the claim it belongs to, by its relations
    old_id: tuple[str, str] | None  # (claim, point) as its data says, None for a new point
    fields: dict[str, Any]
    tagged: str | None  # the side its tag names
    relation: Relation
    side: str = ""
    point_id: str = ""
    answered: str = field(default="")  # the name of the point it answers


def read(text: str, path: Path, essay: Essay | None = None) -> Workbook:
    """The workbook an Argdown export holds, as its text now says; a WorkbookError names the
    line. `essay` gives the essay's paragraphs, to check a claim's edited quote against."""
    return read_back(text, path, essay).workbook


def read_back(text: str, path: Path, essay: Essay | None = None) -> ReadBack:
    # A line ends at "\n", or "\r\n" once an editor or a checkout on Windows has been at it (an
    # export holds no carriage return of its own: a text's are escaped). str.splitlines would
    # also split at characters a text holds.
    lines = _LINE_END.split(text)
    end = lines.index(FRONT, 1) if lines[0] == FRONT and FRONT in lines[1:] else 0
    if end < 2:
        raise WorkbookError(f"{path}:1:1: not a workbook's Argdown export (no front matter)")
    front = _front(path, lines[1:end])
    from workbook.storage.store import validate

    library = validate({**front, "claims": {}}, path)
    trees = read_trees(enumerate(lines[end + 1 :], start=end + 2), path)
    reading = _Reading(path, library, essay or (lambda _: None))
    for element in trees.elements.values():
        if element.is_claim:
            reading.claim(element)
    reading.points(trees.elements, trees.relations, trees.named)
    workbook = validate({**front, "claims": reading.claims}, path)
    return ReadBack(workbook, reading.added, len(reading.exported - reading.seen))


def _front(path: Path, lines: list[str]) -> dict[str, Any]:
    """The workbook's fields in the front matter: `workbook: {...}`, or the whole front matter
    as one JSON table `{"workbook": {...}}` (as the export wrote it before it set up the map)."""
    for number, line in enumerate(lines, start=2):
        front: Any
        if line.startswith("workbook:"):
            front = _data_at(path, number, line.removeprefix("workbook:"))
        elif line.startswith("{"):
            front = _data_at(path, number, line).get("workbook")
        else:
            continue
        if isinstance(front, dict):
            return front
    raise WorkbookError(f"{path}:2:1: the front matter holds no workbook")


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


def merged(old: str, typed: str) -> str:
    """The edited text: what was typed, with `old`'s own characters (its line breaks, which
    Argdown shows as spaces) kept before and after the stretch the edit changed."""
    shown = flat(old)
    start = _common_start(shown, typed)
    tail = _common_start(shown[start:][::-1], typed[start:][::-1])
    return old[:start] + typed[start : len(typed) - tail] + old[len(old) - tail :]


def _common_start(one: str, other: str) -> int:
    """How many characters `one` and `other` begin with in common."""
    size = min(len(one), len(other))
    return next((i for i in range(size) if one[i] != other[i]), size)


def _typed(shown: str) -> str:
    """A text as its reader sees it: escapes read, lines joined, "(no text)" empty."""
    typed = " ".join(line.strip() for line in unescape(shown).split("\n")).strip()
    return "" if typed == NO_TEXT else typed


class _Reading:
    def __init__(self, path: Path, library: Workbook, essay: Essay) -> None:
        self.path, self.library, self.essay = path, library, essay
        self.sides = side_tags({key: side.name for key, side in library.sides.items()})
        self.claims: dict[str, dict[str, Any]] = {}
        self.orders: dict[str, list[str]] = {}
        self.exported: set[tuple[str, str]] = set()  # every point the claims' data lists
        self.seen: set[tuple[str, str]] = set()
        self.added = 0

    def refuse(self, element: Element, message: str) -> WorkbookError:
        return at(self.path, element.line, element.column, f"{element.name}: {message}")

    def data(self, element: Element, said: Content) -> dict[str, Any] | None:
        if said.data is None:
            return None
        return _data_at(self.path, element.line, said.data)

    def claim(self, element: Element) -> None:
        said = content(element.text)
        found = self.data(element, said)
        claim = (found or {}).get("claim")
        if not isinstance(claim, dict) or not isinstance(claim.get("points", []), list):
            raise self.refuse(
                element,
                "a claim's data holds no claim: claims are made from the essay's sentences, "
                "in the app or with `workbook new`",
            )
        claim_id = element.name[1:-1]
        order = [point for point in claim.get("points", []) if isinstance(point, str)]
        self.orders[claim_id] = order
        self.exported.update((claim_id, point) for point in order)
        self.claims[claim_id] = {**claim, "points": {}}
        self.claim_words(element, said, self.claims[claim_id])
        self.claim_tags(said.tags, self.claims[claim_id])

    def claim_words(self, element: Element, said: Content, claim: dict[str, Any]) -> None:
        """A claim's tag, or its quote when it has none: the text Argdown shows of it."""
        tag, quote = claim.get("tag", ""), claim.get("quote", "")
        if not isinstance(tag, str) or not isinstance(quote, str):
            return  # not a text: validation names the field
        old = tag or quote
        if same_words(said.shown, escape(old)):
            return
        typed = merged(old, _typed(said.shown))
        if tag:
            claim["tag"] = typed
            return
        file = self.library.essay.file
        paragraphs = self.essay(file) if file else None
        number = claim.get("paragraph")
        if paragraphs is None or not isinstance(number, int) or not 0 < number <= len(paragraphs):
            raise self.refuse(
                element,
                "its quote was edited, and the essay's text is not beside the workbook "
                f"({file or 'essay.file is empty'}) to find the new one in",
            )
        found = essay_quote(typed, paragraphs[number - 1])
        if found is None:
            problem = quote_problem(typed, paragraphs[number - 1], number)
            raise self.refuse(element, f"its quote was edited: {problem}")
        claim["quote"] = found

    @staticmethod
    def claim_tags(tags: list[str], claim: dict[str, Any]) -> None:
        """The claim's tags as its line shows them now; a tag shown as it was keeps its own
        characters, which an Argdown tag may not hold."""
        old = [t for t in claim.get("tags", []) if isinstance(t, str)]
        if tags == [words for words in map(tag_words, old) if words]:
            return
        by_words: dict[str, list[str]] = {}
        for each in old:
            by_words.setdefault(tag_words(each), []).append(each)
        unshown = by_words.pop("", [])
        new = []
        for words in tags:
            kept = by_words.get(words)
            new.append(kept.pop(0) if kept else words)
        claim["tags"] = new + unshown

    def points(
        self,
        elements: dict[str, Element],
        relations: list[Relation],
        named: dict[str, tuple[int, int]],
    ) -> None:
        """Every point, where its relation puts it, with its side, its id and its fields."""
        outgoing: dict[str, dict[tuple[str, bool], Relation]] = {}
        for relation in relations:
            for name in (relation.source, relation.target):
                if name not in elements:
                    line, column = named[name]
                    raise at(
                        self.path,
                        line,
                        column,
                        f"{name}: named, but never written with its text (`{name}: text`)",
                    )
            if elements[relation.source].is_claim:
                raise at(
                    self.path,
                    relation.line,
                    relation.column,
                    f"{relation.source} {'supports' if relation.support else 'attacks'} "
                    f"{relation.target}: a claim relates to nothing; its points support or "
                    "attack it",
                )
            # The same relation written twice is one relation, as Argdown reads it.
            outgoing.setdefault(relation.source, {}).setdefault(
                (relation.target, relation.support), relation
            )
        owners: dict[str, str] = {}  # each data id, and the point that gave it
        points = {
            name: self.point(element, list(outgoing.get(name, {}).values()), owners)
            for name, element in elements.items()
            if not element.is_claim
        }
        for name in points:
            self.settle(points, name)
        self.place(points)

    def point(self, element: Element, relations: list[Relation], owners: dict[str, str]) -> _Point:
        if not relations:
            raise self.refuse(
                element,
                "relates to nothing: a point supports (<+) or attacks (<-) its claim, or "
                "attacks the point it answers",
            )
        if len(relations) > 1:
            one, other = relations[0].target, relations[1].target
            raise self.refuse(
                element,
                f"relates to {one} and to {other}: a point supports or attacks one claim, "
                "or answers one point",
            )
        relation = relations[0]
        if relation.support and not relation.target.startswith("["):
            raise at(
                self.path,
                relation.line,
                relation.column,
                f"{element.name} supports {relation.target}: a point answers another by "
                "attacking it (<-)",
            )
        said = content(element.text)
        found = self.data(element, said)
        tagged = self.tagged(element, said.tags)
        if found is None:
            self.added += 1
            return _Point(element, "", None, {"text": _typed(said.shown)}, tagged, relation)
        old_id = found.get("id", element.name[1:-1] if "point" in found else None)
        claim_id, _, point_id = old_id.partition(".") if isinstance(old_id, str) else ("", "", "")
        fields = found.get("point", {})
        if not claim_id or not point_id or not isinstance(fields, dict):
            raise self.refuse(element, "its data holds no point with its id (CLAIM.POINT)")
        old_id = f"{claim_id}.{point_id}"
        if old_id in owners:
            raise self.refuse(
                element,
                f"has the data of {owners[old_id]} ({old_id}): a new point is written without data",
            )
        owners[old_id] = element.name
        self.seen.add((claim_id, point_id))
        # Its side, kind and what it answers are what the Argdown says (an export from before
        # points were titled by their words kept them in the data too).
        kept = {key: value for key, value in fields.items() if key not in _SAID}
        kept.update(self.point_words(element, said, kept))
        return _Point(element, "", (claim_id, point_id), kept, tagged, relation)

    def point_words(
        self, element: Element, said: Content, fields: dict[str, Any]
    ) -> dict[str, Any]:
        old, cards = fields.get("text", ""), fields.get("cards", [])
        if not isinstance(old, str) or not isinstance(cards, list):
            return {}  # not a text, or not a list: validation names the field
        cites = cites_shown(self.library.cards, [c for c in cards if isinstance(c, str)])
        if same_words(said.shown, escape(old) + cites):
            return {}
        words = _without_end(said.shown, cites)
        if words is None:
            raise self.refuse(
                element,
                f"its cites,{cites}, are the short cites of the cards it reads, which its data "
                "names: leave them as they are (cards are edited in the workbook)",
            )
        return {"text": merged(old, _typed(words))}

    def tagged(self, element: Element, tags: list[str]) -> str | None:
        """The side a point's tag names, or None when it has none."""
        names = " or ".join(f"#({words})" for words in self.sides.values())
        sides = []
        for words in tags:
            side = next((key for key, each in self.sides.items() if each == words), None)
            if side is None:
                raise self.refuse(element, f"#({words}) is not a side's tag ({names})")
            sides.append(side)
        if len(set(sides)) > 1:
            raise self.refuse(element, f"is tagged with both sides ({names}): a point is one's")
        return sides[0] if sides else None

    def settle(self, points: dict[str, _Point], name: str) -> None:
        """The claim and side of point `name` and of the points it answers, up to its claim;
        a walk, not a recursion: an answer chain may be thousands long."""
        chain: list[str] = []
        walked: set[str] = set()
        current = name
        while not points[current].claim:
            if current in walked:
                raise self.refuse(points[current].element, "these answers go round in a loop")
            walked.add(current)
            chain.append(current)
            current = points[current].relation.target
            if current.startswith("["):
                break
        for each in reversed(chain):
            self.side_of(points, points[each])

    def side_of(self, points: dict[str, _Point], point: _Point) -> None:
        target, keys = point.relation.target, list(self.sides)
        if target.startswith("["):
            point.claim = target[1:-1]
            own = self.claims[point.claim].get("side")
            side = own if point.relation.support else next((k for k in keys if k != own), own)
            point.side = point.tagged or str(side)
            if point.side == side or side not in keys:
                return
            verb, what = (
                ("supports", "the other side")
                if point.relation.support
                else (
                    "attacks",
                    "its own side",
                )
            )
            change = "attack it (<-)" if point.relation.support else "support it (<+)"
            raise self.refuse(
                point.element,
                f"is tagged #({self.sides[point.side]}) and {verb} {target}, a claim of "
                f"{what}: change its tag, or make it {change}",
            )
        answered = points[target]
        point.claim, point.answered = answered.claim, target
        point.side = point.tagged or next((k for k in keys if k != answered.side), answered.side)
        if point.side == answered.side:
            raise self.refuse(
                point.element,
                f"is tagged #({self.sides[point.side]}) and answers {target}, a point of its "
                "own side: an answer is the other side's (change its tag)",
            )

    def place(self, points: dict[str, _Point]) -> None:
        """Each point in its claim, under its id: the one its data gives while it stays in
        the same claim and the id is free there, else a new one; in the order of the claim's
        data, then of the file."""
        taken: dict[str, set[str]] = {claim_id: set() for claim_id in self.claims}
        for point in points.values():
            if point.old_id is not None and point.old_id[0] == point.claim:
                point.point_id = point.old_id[1]
                taken[point.claim].add(point.point_id)
        fresh: dict[str, int] = {}
        for point in points.values():
            if point.point_id:
                continue
            wanted = point.old_id[1] if point.old_id else ""
            if not wanted or wanted in taken[point.claim] or wanted in self.orders[point.claim]:
                # Not an id the claim's data lists either: a point left out keeps its own.
                known = taken[point.claim] | set(self.orders[point.claim])
                number = fresh.get(point.claim) or int(next_id(known, "p")[1:])
                while f"p{number}" in known:
                    number += 1
                fresh[point.claim] = number + 1
                wanted = f"p{number}"
            point.point_id = wanted
            taken[point.claim].add(wanted)
        by_id = {(p.claim, p.point_id): p for p in points.values()}
        ids = {name: p.point_id for name, p in points.items()}
        for claim_id, claim in self.claims.items():
            written = [p.point_id for p in points.values() if p.claim == claim_id]
            kept = [pid for pid in self.orders[claim_id] if (claim_id, pid) in by_id]
            order = list(dict.fromkeys(kept + written))
            answered = {pid: ids.get(by_id[claim_id, pid].answered, "") for pid in order}
            # The claim's order, unless the file puts its points in another: then the file's.
            if [pid for pid, _ in walk(answered)] != written:
                order = written
            for point_id in order:
                point = by_id[claim_id, point_id]
                kind = (
                    "answers"
                    if point.answered
                    else ("supports" if point.relation.support else "counters")
                )
                said: dict[str, Any] = {"side": point.side, "kind": kind}
                if point.answered:
                    said["answers"] = points[point.answered].point_id
                claim["points"][point_id] = {**said, **point.fields}


_SAID = ("side", "kind", "answers")


def _without_end(shown: str, end: str) -> str | None:
    """`shown` without `end` at its end, spaces aside; None when it does not end so."""
    at = len(shown)
    for char in reversed(end):
        if char.isspace():
            continue
        while at and shown[at - 1].isspace():
            at -= 1
        if not at or shown[at - 1] != char:
            return None
        at -= 1
    return shown[:at]


def write_workbook(source: Path, out: Path, *, force: bool = False) -> ReadBack:
    """Read the Argdown export `source` and save its workbook at `out`. Refuses, writing
    nothing: a name that does not end in .toml, an existing file unless `force`, the source
    itself, and a bundled position. A claim's edited quote is looked for in the essay's text
    beside `out`, or else beside `source`."""
    from workbook.storage.files import read_text
    from workbook.storage.store import save
    from workbook.storage.texts import text_beside

    if out.suffix != ".toml":
        raise WorkbookError(f"{out}: a workbook's name ends in .toml")
    if os.path.lexists(out):
        if os.path.realpath(out) == os.path.realpath(source):
            raise WorkbookError(f"{out}: is the file being read; name another with -o")
        if not force:
            raise WorkbookError(f"{out}: already exists (--force replaces it)")

    def essay(name: str) -> list[str] | None:
        for beside in (out, source):
            found = text_beside(beside, name, f"{beside}: essay.file")
            if found is not None:
                return found
        return None

    back = read_back(read_text(source), source, essay)
    save(back.workbook, out)
    return back
