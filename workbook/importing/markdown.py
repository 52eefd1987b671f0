"""A Markdown document: its paragraphs and headings as written, its title and its YAML front
matter's cite.

markdown-it-py finds the blocks (CommonMark's rules for headings, lists, block quotes, fences);
nothing is rendered. Each paragraph is the text markdown-it-py keeps for its block's source
lines (the token's `map`) before any inline markup is read: the lines as written, less the `>`
marks and indentation of the blocks it stands in. So emphasis marks, links and entities stay
as the file writes them, and a quote copied from the file is found in the essay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbook.essay.paragraphs import split_paragraphs
from workbook.importing.document import Document, assemble, partial_date

# Deeper than this, markdown-it-py stops reading a block quote or a list and drops the rest of
# the document; the reader then falls back to plain paragraphs (see `_cut_short`). The limit
# is low enough that its recursion stays far inside Python's (two frames a level).
_MAX_NESTING = 100
# Only the block rules run: the inline ones (emphasis, links) would build what is never used.
# "code" is off because an essay indents the first line of its paragraphs, which CommonMark
# would read as a code block cut off from the rest of the paragraph. "reference" is off
# because a line such as "[1]: Smith, 2019" is the essay's note, not a hidden link target.
# Tables are on so that a table gives a paragraph a row, not one of the whole table.
_PARSER = (
    MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING})
    .enable("table")
    .disable(["code", "reference", "inline"])
)
_FRONT_MATTER_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:|[ \t]|-[ \t]|#|$")
# The ">" marks a table row's line carries when the table is in a block quote. Each repeat
# must take a ">", so a run of spaces is never tried two ways: the match is linear.
_QUOTE_MARKS = re.compile(r"(?:[ \t]*>)+")
_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def read_markdown(text: str) -> Document:
    """Paragraphs are blocks between blank lines, their lines joined; a list item starts a new
    paragraph, its marker kept. `#` headings (and underlined ones) are heading paragraphs without
    their `#` marks; a level-one heading that opens the document is its title instead. A YAML
    front matter gives the title, author and date. A block quote's paragraphs are paragraphs
    without their `>` marks, a table's rows are a paragraph each, and a fenced block's text is
    paragraphs without its fences; an HTML block is kept as written, unless it has no text
    outside its tags (a comment, a `<div>` line). Other Markdown is kept as it is written."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, lines = front_matter(lines)
    cite = {"author": front.get("author", ""), "date": partial_date(front.get("date", ""))}
    title = front.get("title", "")
    tokens = _PARSER.parse("\n".join(lines))
    if _cut_short(tokens):
        return assemble(
            [(p, False) for p in split_paragraphs("\n".join(lines))], title=title, **cite
        )
    blocks = list(_blocks(tokens, lines))
    if blocks and blocks[0][1] == 1:
        title = blocks.pop(0)[0].strip() or title
    return assemble([(block, level > 0) for block, level in blocks], title=title, **cite)


def _blocks(tokens: list[Token], lines: list[str]) -> Iterator[tuple[str, int]]:
    """Each block's text, in order, with its heading level (0 for a paragraph)."""
    for at, token in enumerate(tokens):
        if token.type == "paragraph_open":
            text = tokens[at + 1].content
            opener = tokens[at - 1] if at else None
            if opener is not None and opener.type == "list_item_open":
                # The marker as written: "-", "*", "+", or the number and its "." or ")".
                text = f"{opener.info}{opener.markup} {text}"
            yield text, 0
        elif token.type == "heading_open":
            yield tokens[at + 1].content, int(token.tag[1:])
        elif token.type == "tr_open" and token.map is not None:
            # A cell's text has its escaped pipes unescaped: the row's own line has them as
            # written. A row is one line.
            row = lines[token.map[0]]
            marks = _QUOTE_MARKS.match(row)
            yield row[marks.end() if marks else 0 :], 0
        elif token.type in ("fence", "html_block"):
            for chunk in _BLANK_LINE.split(token.content):
                if token.type == "fence" or _TAG.sub("", chunk).strip():
                    yield chunk, 0


def _cut_short(tokens: list[Token]) -> bool:
    """Whether markdown-it-py reached its nesting limit, past which it drops the text."""
    return any(token.nesting == 1 and token.level >= _MAX_NESTING - 1 for token in tokens)


def front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The title, author and date of a YAML front matter ("title", "author", "date"), and
    the lines after it."""
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
