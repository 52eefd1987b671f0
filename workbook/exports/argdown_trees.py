"""An Argdown text read as Argdown reads it: its elements (statements `[title]`, arguments
`<title>`), each defined once with its text, and the support and attack relations between them,
each where it was written (line and column).

A relation line (`<+`, `<-`, `+>`, `->`, or a bare `+` or `-`) relates its element to the
nearest line above it that is indented less, up to a blank line, which ends a tree; a line that
is neither a relation nor a title goes on the text of the element above it. What a workbook
has no place for is refused in one line: undercuts, contradictions, premise-conclusion
structures, untitled statements and text outside every element.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.exports.argdown_text import CommentStripper
from workbook.storage.files import WorkbookError

_RELATION = re.compile(r"[ \t]*(\+>|->|><|_>|<_|<\+|<-|\+|-|_(?=\s))[ \t]*")
_HEADING = re.compile(r"[ \t]*(#+) (.*)")
# A premise-conclusion structure: numbered statements and inference lines.
_PCS = re.compile(r"[ \t]*(?:\(\d+\)|--)")
_DEFINED = re.compile(r"\[(?P<claim>.+?)\]:|<(?P<point>.+?)>:")
_NAMED = re.compile(r"\[(?P<claim>[^-].*?)\]|<(?P<point>[^-].*?)>")
_UNSUPPORTED = {
    "><": "a contradiction",
    "_>": "an undercut",
    "<_": "an undercut",
    "_": "an undercut",
}


def at(path: Path, line: int, column: int, message: str) -> WorkbookError:
    return WorkbookError(f"{path}:{line}:{column}: {message}")


@dataclass
class Element:
    """A statement or an argument where it is defined: `[title]: text` or `<title>: text`."""

    name: str  # "[title]" or "<title>"
    line: int
    column: int
    text: str  # after the title's colon, the lines it goes on over joined by "\n"
    section: str | None = None  # the second-level heading above it, as written

    @property
    def is_claim(self) -> bool:
        return self.name.startswith("[")


@dataclass(frozen=True)
class Relation:
    """`source` supports (or attacks) `target`, as written at line, column."""

    source: str
    target: str
    support: bool
    line: int
    column: int


@dataclass
class Trees:
    elements: dict[str, Element] = field(default_factory=dict)  # by name, as first defined
    relations: list[Relation] = field(default_factory=list)
    named: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each first stands
    title: str | None = None  # the first first-level heading, as written


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.trees = Trees()
        self.stack: list[tuple[int, str]] = []  # (indentation, name) from the tree's root
        self.current: Element | None = None  # what a line of text goes on, if anything
        self.section: str | None = None  # the second-level heading the lines are under

    def read(self, lines: Iterable[tuple[int, str]]) -> Trees:
        stripper = CommentStripper()
        for number, raw in lines:
            line, only_comment = stripper.strip(raw)
            if not only_comment:
                self.line(number, line)
        return self.trees

    def line(self, number: int, line: str) -> None:
        indent = len(line) - len(line.lstrip(" \t"))
        heading = _HEADING.match(line)
        if not line.strip() or heading:  # a blank line or a heading ends a tree
            self.stack, self.current = [], None
            if heading and len(heading[1]) == 1 and self.trees.title is None:
                self.trees.title = heading[2]
            elif heading and len(heading[1]) == 2:
                self.section = heading[2]
            return
        if _PCS.match(line):
            raise at(
                self.path,
                number,
                indent + 1,
                "a premise-conclusion structure, which a workbook has no place for",
            )
        relation = _RELATION.match(line)
        if relation is not None:
            self.relation(number, line, indent, relation)
        elif (not self.stack or indent == 0) and (
            _DEFINED.match(line, indent) or _NAMED.match(line, indent)
        ):
            name, self.current = self.element(number, line, indent)
            self.stack = [(indent, name)]
        elif self.current is None:
            what = "a name" if self.stack else "no claim or point"
            raise at(
                self.path,
                number,
                indent + 1,
                f"text after {what}: text goes after `<title>:` or `[title]:` "
                "(a note is a // comment)",
            )
        else:
            self.current.text += "\n" + line.strip()

    def relation(self, number: int, line: str, indent: int, relation: re.Match[str]) -> None:
        symbol, column = relation[1], relation.end() + 1
        if symbol in _UNSUPPORTED:
            raise at(
                self.path,
                number,
                indent + 1,
                f"{_UNSUPPORTED[symbol]}, which a workbook has no place for: a point "
                "supports or attacks a claim, or attacks the point it answers",
            )
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            raise at(
                self.path,
                number,
                indent + 1,
                "a relation with nothing above it to relate to (a blank line ends a tree)",
            )
        name, self.current = self.element(number, line, relation.end())
        parent = self.stack[-1][1]
        outgoing = symbol in ("<+", "<-", "+", "-")  # the element relates to the one above
        source, target = (name, parent) if outgoing else (parent, name)
        self.trees.relations.append(Relation(source, target, "+" in symbol, number, column))
        self.stack.append((indent, name))

    def element(self, number: int, line: str, start: int) -> tuple[str, Element | None]:
        """The name at `start`, and the element defined there (None when only named)."""
        defined = _DEFINED.match(line, start)
        named = defined or _NAMED.match(line, start)
        if named is None:
            raise at(
                self.path,
                number,
                start + 1,
                "an element with no title: a point is written `<its title>: its text`",
            )
        title = (named["claim"] or named["point"]).strip()
        name = f"[{title}]" if named["claim"] is not None else f"<{title}>"
        self.trees.named.setdefault(name, (number, start + 1))
        if defined is None:
            if line[named.end() :].strip():
                raise at(
                    self.path,
                    number,
                    named.end() + 1,
                    f"text after {name}, which only names it: its text goes where it is "
                    f"defined, `{name}: text`",
                )
            return name, None
        first = self.trees.elements.get(name)
        if first is not None:  # the second would quietly replace the first
            raise at(self.path, number, start + 1, f"{name} again (first on line {first.line})")
        element = Element(name, number, start + 1, line[defined.end() :], self.section)
        self.trees.elements[name] = element
        return name, element


def read_trees(lines: Iterable[tuple[int, str]], path: Path) -> Trees:
    """The elements and relations of the numbered lines of an Argdown text's body."""
    return _Reader(path).read(lines)
