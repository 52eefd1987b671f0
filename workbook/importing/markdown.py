"""A Markdown document: its paragraphs and headings as written, its title and its YAML front
matter's cite."""

from __future__ import annotations

import re

from workbook.importing.document import Document, assemble, partial_date

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_FRONT_MATTER_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:|[ \t]|-[ \t]|#|$")


def read_markdown(text: str) -> Document:
    """Paragraphs are blocks between blank lines, their lines joined; a list item starts a new
    paragraph. `#` headings (and underlined ones) are heading paragraphs without their `#`
    marks; a level-one heading that opens the document is its title instead. A YAML front
    matter gives the title, author and date. Other Markdown is kept as it is written."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, lines = _front_matter(lines)
    blocks: list[tuple[str, int]] = []  # (text, heading level, 0 for a paragraph)
    current: list[str] = []

    def end(level: int = 0) -> None:
        if current:
            blocks.append((" ".join(current), level))
            current.clear()

    for line in lines:
        atx = _ATX.fullmatch(line)
        if not line.strip() or atx:
            end()
            if atx:
                blocks.append((atx[2] or "", len(atx[1])))
        elif current and _SETEXT.fullmatch(line):
            end(1 if "=" in line else 2)
        elif _BREAK.fullmatch(line):
            end()
        else:
            if _LIST_ITEM.match(line):
                end()
            current.append(line)
    end()
    title = front.get("title", "")
    if blocks and blocks[0][1] == 1:
        title = blocks.pop(0)[0].strip() or title
    return assemble(
        [(block, level > 0) for block, level in blocks],
        title=title,
        author=front.get("author", ""),
        date=partial_date(front.get("date", "")),
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The title, author and date of a YAML front matter, and the lines after it."""
    if not lines or lines[0].rstrip() != "---":
        return {}, lines
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
    # Lines that are not YAML mean the opening line was a thematic break, not front matter.
    if not end or not all(_FRONT_MATTER_LINE.match(line) for line in lines[1:end]):
        return {}, lines
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if colon and key in ("title", "author", "date") and not line[:1].isspace():
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[key] = value
    return fields, lines[end + 1 :]
