"""Argdown's text as the export writes it and the read-back reads it: texts escaped and read
again, data blocks, tags (each side's among them), an element's text split into its words,
its tags and its data, and an edited text put together with what it was.

Writing, every character Argdown would read as syntax is escaped with a backslash; inside
data, the characters that the Argdown lexer or YAML could take for structure are written as
`\\uXXXX` escapes, which JSON and YAML both read back as the character. Reading follows
Argdown's own lexer (@argdown/core's lexer.js) for what the export writes and what a person
editing it types: escapes, tags, data, comments.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbook.core.model import Card
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
# The characters of a tag written without parentheses, as Argdown's lexer reads one.
_BARE_TAG = "a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
FRONT = "==="
NESTED = 12  # how many levels of answers are written nested under a claim
NO_TEXT = "(no text)"
# Where the lexer reads something other than words in an element's text, in the order it tries
# them at one place. A tag in parentheses is told from a "#(" of the text by `_Scanner`.
_START = re.compile(
    rf"\\(?P<escaped>.)|(?P<html><!--)|(?P<block>/\*)|(?P<line>//)|(?P<data>\{{)"
    rf"|#(?P<paren>\()|#(?P<bare>[{_BARE_TAG}]+)[ \t]?",
    re.DOTALL,
)


def flat(text: str) -> str:
    """`text` on one line: each line break a space, character for character."""
    return text.replace("\r", " ").replace("\n", " ")


def escape(text: str) -> str:
    """`text` as Argdown text content on one line: its syntax escaped, line breaks as spaces
    (the exact text travels in the data), and never empty, which Argdown refuses."""
    shown = flat(text)
    if not any(char.isprintable() and not char.isspace() for char in shown):
        return NO_TEXT
    return _SYNTAX.sub(lambda match: "\\" + match.group(), shown)


def unescape(shown: str) -> str:
    """What a reader of the Argdown sees of `shown`: each escaped character as itself."""
    return re.sub(r"\\(.)", r"\1", shown, flags=re.DOTALL)


def same_words(one: str, other: str) -> bool:
    """Whether two texts differ only in their spaces, which Argdown does not keep."""
    return one.split() == other.split()


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


def tag_words(tag: str) -> str:
    """What of `tag` an Argdown tag can hold: "" when nothing (the exact tags are data)."""
    return " ".join(_NOT_IN_TAG.sub(" ", tag).split())


def tag(words: str) -> str:
    """Words as an Argdown tag: `#word`, or `#(more words)`."""
    return f"#{words}" if re.fullmatch(f"[{_BARE_TAG}]+", words) else f"#({words})"


def side_tags(names: Mapping[str, str]) -> dict[str, str]:
    """Each side's tag words, by the side's key: its name, so that a map's reader knows the
    sides by it; the keys when the names make no tag, or the same one (any case)."""
    words = {key: tag_words(name) for key, name in names.items()}
    if all(words.values()) and len({w.casefold() for w in words.values()}) == len(words):
        return words
    return {key: key for key in names}


@dataclass
class Content:
    """An element's text as written after its title: the words (still escaped), the tags,
    and the data block's text, if it has one."""

    shown: str
    tags: list[str] = field(default_factory=list)
    data: str | None = None


@dataclass(frozen=True)
class _Token:
    kind: str  # escaped, html, block, line (the three comments), data or tag
    start: int
    end: int
    words: str = ""  # a tag's


class _Scanner:
    """The tokens of a text, each from where the reader asks. Where the next ")" and the next
    line break stand is remembered, so that a text of many "#(" is read once, not once for
    each (Argdown's own pattern looks for the ")" from every one)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.close = self.newline = -1

    def _next(self, char: str, at: int) -> int:
        found = self.text.find(char, at)
        return len(self.text) if found < 0 else found

    def token(self, at: int) -> _Token | None:
        text = self.text
        while (found := _START.search(text, at)) is not None:
            kind = found.lastgroup or ""
            if kind != "paren":
                words = found["bare"] or ""
                return _Token("tag" if words else kind, found.start(), found.end(), words)
            inside = found.end()
            if self.close < inside:
                self.close = self._next(")", inside)
            if self.newline < inside:
                self.newline = self._next("\n", inside)
            if inside < self.close < self.newline:  # "#(words)", and the space after it
                end = self.close + 1 + (text[self.close + 1 : self.close + 2] in (" ", "\t"))
                return _Token("tag", found.start(), end, text[inside : self.close])
            at = found.start() + 1  # a "#(" that no ")" closes on its line: words
        return None


def content(text: str) -> Content:
    """`text` (what follows an element's title, comments already taken out) as its words,
    tags and data. A data block runs from its `{` to the last `}`: the export writes it last,
    and a person writing one writes it last too."""
    scanner = _Scanner(text)
    words: list[str] = []
    tags: list[str] = []
    done, at, end = 0, 0, text.rfind("}")
    while (token := scanner.token(at)) is not None:
        at = token.end
        if token.kind == "data" and end > token.start:
            words.append(text[done : token.start])
            shown = "".join(words) + text[end + 1 :]
            return Content(shown, tags, text[token.start : end + 1])
        if token.kind == "tag":
            words.append(text[done : token.start])
            tags.append(" ".join(token.words.split()))
            done = token.end
    words.append(text[done:])
    return Content("".join(words), tags)


class CommentStripper:
    """Argdown's comments (`//` to the line's end, `/* */`, `<!-- -->`) taken out of lines
    read one after another, a block comment carried from line to line. Escapes, tags and data
    are stepped over, as the lexer does: a `//` in them is no comment."""

    def __init__(self) -> None:
        self.closing = ""  # the end of the block comment a line is inside, or ""

    def strip(self, line: str) -> tuple[str, bool]:
        """The line without its comments, and whether a comment was all it held."""
        at, had_comment = 0, False
        if self.closing:
            end = line.find(self.closing)
            if end < 0:
                return "", True
            at, self.closing, had_comment = end + len(self.closing), "", True
        scanner, kept, start = _Scanner(line), [], at
        data_end = line.rfind("}") + 1
        while (token := scanner.token(at)) is not None:
            at = max(data_end, token.end) if token.kind == "data" else token.end
            if token.kind not in ("line", "html", "block"):
                continue
            kept.append(line[start : token.start])
            had_comment, start = True, len(line)
            if token.kind == "line":
                break
            closing = "-->" if token.kind == "html" else "*/"
            end = line.find(closing, token.end)
            if end < 0:
                self.closing = closing
                break
            at = start = end + len(closing)
        kept.append(line[start:])
        text = "".join(kept)
        return text, had_comment and not text.strip()


def cites_shown(library: Mapping[str, Card], cards: list[str]) -> str:
    """The short cites of the cards a point reads, for a reader of the Argdown: " (Smith 21)"."""
    cites = [library[card].cite for card in cards if card in library and library[card].cite]
    return f" ({escape('; '.join(cites))})" if cites else ""


def walk(answered: Mapping[str, str]) -> Iterator[tuple[str, int]]:
    """A claim's points in the order the export writes them, each with its depth: the points
    (by id, in the claim's order) that answer none (`answered[id]` is "") at depth 1, each
    followed by its answers, nested one level deeper. Walked with a stack, not by recursion: an
    answer chain may be thousands deep. Answers deeper than NESTED start trees of their own,
    at depth 0 (`<TITLE>: text` with `-> <ANSWERED>` below it), after the claim's (at the top, a
    tree would end the claim's), so that no line is indented further."""
    answers: dict[str, list[str]] = {}
    for point_id, target in answered.items():
        if target:
            answers.setdefault(target, []).append(point_id)
    trees = deque((point_id, 1) for point_id, target in answered.items() if not target)
    while trees:
        stack = [trees.popleft()]
        while stack:
            point_id, depth = stack.pop()
            yield point_id, depth
            replies = answers.get(point_id, [])
            if depth == NESTED:
                trees.extend((reply, 0) for reply in replies)
            else:
                stack.extend((reply, depth + 1) for reply in reversed(replies))


def data_at(path: Path, number: int, block: str) -> dict[str, Any]:
    """A data block's table, as the export writes it (JSON); one line naming the line if not."""
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


def typed(shown: str) -> str:
    """A text as its reader sees it: escapes read, lines joined, "(no text)" empty."""
    words = " ".join(line.strip() for line in unescape(shown).split("\n")).strip()
    return "" if words == NO_TEXT else words


def without_end(shown: str, end: str) -> str | None:
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
