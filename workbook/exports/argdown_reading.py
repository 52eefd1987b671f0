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

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.core.model import Workbook
from workbook.essay.quotes import essay_quote, quote_problem
from workbook.exports.argdown_points import Points
from workbook.exports.argdown_text import (
    FRONT,
    Content,
    content,
    data_at,
    escape,
    merged,
    same_words,
    tag_words,
    typed,
)
from workbook.exports.argdown_trees import Element, at, read_trees
from workbook.storage.files import WorkbookError

_LINE_END = re.compile(r"\r?\n")
Essay = Callable[[str], list[str] | None]  # the essay's paragraphs, by its file's name


@dataclass(frozen=True)
class ReadBack:
    workbook: Workbook
    added: int  # points written in the Argdown with no data
    removed: int  # points the export held that the Argdown holds no longer


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
    title = front.get("title", "")
    if trees.title is not None and isinstance(title, str):
        front["title"] = _heading(title, trees.title)
    claims = _Claims(path, library, essay or (lambda _: None))
    for element in trees.elements.values():
        if element.is_claim:
            claims.claim(element)
    points = Points(path, library, claims.claims, claims.orders)
    points.read(trees.elements, trees.relations, trees.named)
    workbook = validate({**front, "claims": claims.claims}, path)
    return ReadBack(workbook, points.added, len(claims.exported - points.seen))


def _heading(old: str, written: str) -> str:
    """A heading's text: as it was, unless the heading was edited."""
    return old if same_words(written, escape(old)) else merged(old, typed(written))


def _front(path: Path, lines: list[str]) -> dict[str, Any]:
    """The workbook's fields in the front matter: `workbook: {...}`, or the whole front matter
    as one JSON table `{"workbook": {...}}` (as the export wrote it before it set up the map)."""
    for number, line in enumerate(lines, start=2):
        front: Any
        if line.startswith("workbook:"):
            front = data_at(path, number, line.removeprefix("workbook:"))
        elif line.startswith("{"):
            front = data_at(path, number, line).get("workbook")
        else:
            continue
        if isinstance(front, dict):
            return front
    raise WorkbookError(f"{path}:2:1: the front matter holds no workbook")


class _Claims:
    """The claims of an Argdown export, each with its data and the words and tags its line
    shows now, and the order of its points as its data lists them."""

    def __init__(self, path: Path, library: Workbook, essay: Essay) -> None:
        self.path, self.library, self.essay = path, library, essay
        self.claims: dict[str, dict[str, Any]] = {}
        self.orders: dict[str, list[str]] = {}
        self.exported: set[tuple[str, str]] = set()  # every point the claims' data lists

    def refuse(self, element: Element, message: str) -> WorkbookError:
        return at(self.path, element.line, element.column, f"{element.name}: {message}")

    def claim(self, element: Element) -> None:
        said = content(element.text)
        found = data_at(self.path, element.line, said.data) if said.data is not None else {}
        claim = found.get("claim")
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
        section = claim.get("section", "")
        # A claim with no section is written under the heading above it, which is not its.
        if element.section is not None and isinstance(section, str) and section.strip():
            self.claims[claim_id]["section"] = _heading(section, element.section)
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
        words = merged(old, typed(said.shown))
        if tag:
            claim["tag"] = words
            return
        essay = self.library.essay
        file = essay.file if essay is not None else ""
        paragraphs = self.essay(file) if file else None
        number = claim.get("paragraph")
        if paragraphs is None or not isinstance(number, int) or not 0 < number <= len(paragraphs):
            raise self.refuse(
                element,
                "its quote was edited, and the essay's text is not beside the workbook "
                f"({file or 'essay.file is empty'}) to find the new one in",
            )
        found = essay_quote(words, paragraphs[number - 1])
        if found is None:
            problem = quote_problem(words, paragraphs[number - 1], number)
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
