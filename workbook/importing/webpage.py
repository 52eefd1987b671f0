"""A web page saved from a browser: the article's text and cite, without the page around it.

trafilatura finds the article (no navigation, cookie banners, share links, related articles,
comments or footers) and its title, author, date and site, offline: it is given the page's
text and never a URL, so it has nothing to fetch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from workbook.importing.document import Document, assemble, partial_date
from workbook.storage.files import WorkbookError

# lxml refuses a str that declares its own encoding; the text is already decoded.
_XML_DECLARATION = re.compile(r"[\s\ufeff]*<\?xml[^>]*\?>")
# trafilatura's own markup inside a block; any other element is a block of its own.
_INLINE = frozenset({"hi", "ref", "del", "lb", "graphic"})

# The attributes a tag keeps. lxml's parser compares each attribute of a tag with those before
# it, so a tag of tens of thousands of attributes took seconds; no page needs more than a few
# dozen, and the article is found by the tags, their text and a few attributes (class, id).
ATTRIBUTES = 64
# One attribute, read as lxml reads it, without going back over what it read (possessive
# quantifiers): a name, maybe an "=" and a value, quoted or not.
_ATTRIBUTE = r"""[\s/]*+[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
# A start tag with the attributes it keeps, and the attributes after those. Each is matched
# once, from where the last tag ended: a "<" inside a tag is not looked at again.
_TAG_KEPT = re.compile(rf"<[A-Za-z][^\s/>]*+(?:{_ATTRIBUTE}){{0,{ATTRIBUTES}}}+")
_ATTRIBUTES_PAST = re.compile(rf"(?:{_ATTRIBUTE})++")


def without_crowding(html: str) -> str:
    """The page with each start tag cut to its first `ATTRIBUTES` attributes."""
    pieces: list[str] = []
    done = at = 0
    while (tag := _TAG_KEPT.search(html, at)) is not None:
        at = tag.end()
        past = _ATTRIBUTES_PAST.match(html, at)
        if past is not None:
            pieces.append(html[done:at])
            done = at = past.end()
    return "".join([*pieces, html[done:]]) if pieces else html


def read_webpage(html: str, name: str) -> Document:
    """The article of a saved page: its paragraphs and headings in order, and its cite. A
    level-one heading that opens the article is its headline: the title, not a paragraph."""
    return read_page(html, name)[0]


def read_page(html: str, name: str) -> tuple[Document, Any]:
    """As `read_webpage`, with the page as lxml parsed it (None when it did not parse), so
    that what the page says of itself can be read from it without parsing it again.
    trafilatura's extraction works on a copy: the tree is the page as saved."""
    import trafilatura  # about 0.2 s to import: only a web page pays for it
    from trafilatura.utils import load_html

    declaration = _XML_DECLARATION.match(html)
    if declaration:
        html = html[declaration.end() :]
    html = without_crowding(html)
    try:
        tree = load_html(html)
        if tree is None:
            return Document([], []), None
        extracted = trafilatura.bare_extraction(tree, **extraction_options())
        if extracted is None or isinstance(extracted, dict) or extracted.body is None:
            return Document([], []), tree
        blocks = _blocks(extracted.body)
        linked = _linked_share(extracted.body)
    except Exception as error:  # a parser on arbitrary input: whatever it raises is one line
        raise WorkbookError(f"{name}: cannot read the page ({type(error).__name__})") from None
    if blocks and linked >= LINKED:
        raise WorkbookError(f"{name}: no article, only links (menus, lists of headlines)")
    title = _text(extracted.title)
    if blocks and blocks[0][1] == "h1":
        headline = blocks.pop(0)[0]
        title = title or headline
    document = assemble(
        [(text, rend is not None) for text, rend in blocks],
        title=title,
        author=_text(extracted.author),
        date=partial_date(_text(extracted.date)),
        site=_text(extracted.sitename),
        url=_text(extracted.url),
    )
    return document, tree


def extraction_options() -> dict[str, Any]:
    """How trafilatura is asked for a page's article and cite."""
    return {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": False,
        "include_images": False,
        # Kept to tell an article from a page of menus and lists of links (see LINKED); the
        # text of a link joins its paragraph, as any inline markup does.
        "include_links": True,
        "include_formatting": False,
        # Furniture is worse than a lost line: a lost line is still on the page to copy.
        "favor_precision": True,
        # Only what the page says its date is: a date searched for in the text may be one the
        # essay writes about.
        "date_extraction_params": {
            "original_date": True,
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
    }


# The share of the text's letters inside links from which a page is no article: its menus, its
# lists of headlines. An article links a few of its words; a navigation page is links.
LINKED = 0.8


def _linked_share(body: Any) -> float:
    """How much of the text of trafilatura's XML, in letters and digits, is inside links."""
    counts = [0, 0]  # letters inside links, letters in all

    def count(text: str | None, linked: bool) -> None:
        letters = sum(map(str.isalnum, text)) if text else 0
        counts[0] += letters if linked else 0
        counts[1] += letters

    def walk(element: Any, linked: bool) -> None:
        linked = linked or element.tag == "ref"
        count(element.text, linked)
        for child in element:
            walk(child, linked)
            count(child.tail, linked)  # the text after a child is its parent's

    walk(body, False)
    return counts[0] / counts[1] if counts[1] else 0.0


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _blocks(body: Any) -> list[tuple[str, str | None]]:
    """The text of each block of trafilatura's XML, in order, with the heading's level ("h2")
    or None for a paragraph. Inline markup joins its block's text; a line break is a space."""
    blocks: list[tuple[str, str | None]] = []
    parts: list[str] = []
    rend: list[str | None] = [None]

    def flush() -> None:
        text = "".join(parts).strip()
        if text:
            blocks.append((text, rend[0]))
        parts.clear()

    def walk(element: Any, heading: str | None) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        inline = tag in _INLINE
        if tag == "head":
            heading = str(element.get("rend") or "h2")
        if not inline:
            flush()
        if tag == "lb":
            parts.append(" ")
        if element.text:
            parts.append(element.text)
            rend[0] = heading
        for child in element:
            walk(child, heading)
            if child.tail:  # the text after a child is its parent's
                parts.append(child.tail)
                rend[0] = heading
        if not inline:
            flush()

    walk(body, None)
    flush()
    return blocks
