"""The brief's text: what a user typed as literal Markdown (escaped, linked only to the web),
and a card as the brief prints it: its cite, our tag, its full cite line and its marked words.

Whatever a user typed is escaped so that it reads as text: it cannot add a table cell, a link,
an HTML tag or a heading, and its line breaks stay visible. Only a card's text, the source's own
words, stands in quotation marks; its tag is our words and is labelled as ours.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urlsplit

from workbook.core.cites import cite_parts, joined_cite
from workbook.core.marks import Marked, has_marks, in_quotes, marked_runs, plain, words_read_aloud

if TYPE_CHECKING:
    from workbook.core.model import Card

# How highlighted words are written: bold in the Markdown brief (as it always wrote them), or
# <mark> on the printable page, which has a highlighter's colour to show.
Highlight = Literal["bold", "mark"]

# The characters that can open or close Markdown or HTML inside a line: code, emphasis, links,
# tags, entities, table cells, strike-through and heading closers. Text never starts a line of
# the brief, so list and heading markers at a line's start need no escape.
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~#"})

# What a GFM linkifier turns into a link besides http and https: an address with "@" (an
# email, mailto:, xmpp:), another scheme before ":" (ftp:), and "//" on its own (a link that
# borrows the page's scheme). One backslash breaks each of these and still reads as text.
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
_BARE_SLASHES = re.compile(r"(?<![A-Za-z0-9])(?<!http:)(?<!https:)//", re.IGNORECASE)


def inline(text: str) -> str:
    """User text as one line of literal Markdown: every syntax character escaped, and only
    http and https addresses left for a linkifier to find."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_no_autolink(line.replace("\t", " ").translate(_ESCAPED)) for line in lines)


def _no_autolink(line: str) -> str:
    # Most lines hold neither ":" nor "//": the checks spare them the expressions.
    line = line.replace("@", "\\@")
    if ":" in line:
        line = _SCHEME.sub(_keep_web_scheme, line)
    return _BARE_SLASHES.sub(r"/\\/", line) if "//" in line else line


def _keep_web_scheme(match: re.Match[str]) -> str:
    return match[0] if match[1].lower() in ("http", "https") else f"{match[1]}\\:"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def link_target(url: str) -> str | None:
    """A web address safe to link to, or None: only http and https, with nothing that could
    end the link early."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https") or _CONTROL.search(url):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]").replace("(", "%28").replace(")", "%29")


def card_line(card: Card, with_text: bool, highlight: Highlight = "bold", label: str = "") -> str:
    """A card: its short cite (linked, after `label`: the brief's "card 3: "), our tag, its full
    cite line and, unless left out, its text in quotation marks, its underlined words
    underlined and its highlighted words in bold (or as `highlight` says)."""
    if card.is_open:
        need = f": {inline(card.tag)}" if card.tag else ""
        return f"☐ *evidence needed*{need}"
    cite = inline(card.cite or "(no cite)")
    target = link_target(card.url)
    line = f"▪ {label}[{cite}]({target})" if target else f"▪ {label}**{cite}**"
    if card.tag:
        line += f" — *our tag:* {inline(card.tag)}"
    if card.full_cite:
        line += f"<br>{full_cite_line(card)}"
    if with_text and card.text:
        line += f"<br>{in_quotes(card.text, card_text(card.text, highlight))}"
    return line


def full_cite_line(card: Card) -> str:
    """The full cite line, its web address a link (written as a link so that no linkifier
    reads the escapes of the address as part of it)."""
    parts = []
    for name, text in cite_parts(card):
        target = link_target(text) if name == "url" else None
        parts.append((name, f"[{inline(text)}]({target})" if target else inline(text)))
    return joined_cite(parts)


def card_text(text: str, highlight: Highlight = "bold") -> str:
    """A card's text as Markdown: the highlighted passages bold (or in <mark>), the underlined
    ones in <ins>, which GitHub keeps and every browser underlines, the rest as it is."""
    if not has_marks(text):
        return inline(plain(text))
    parts: list[str] = []
    # The underlining stands outside the highlighting, which it usually holds.
    for underlined, group in groupby(marked_runs(text), key=lambda run: run.underlined):
        inner = "".join(_marked(run, highlight) for run in group)
        parts.append(f"<ins>{inner}</ins>" if underlined else inner)
    return "".join(parts)


def _marked(run: Marked, highlight: Highlight) -> str:
    if not run.highlighted:
        return inline(run.words)
    if highlight == "mark":
        return f"<mark>{inline(run.words)}</mark>"
    return _bold(run.words)


def _bold(words: str) -> str:
    # Emphasis only opens and closes against a word: white space at a passage's edges stays
    # outside the asterisks.
    core = words.strip()
    if not core:
        return inline(words)
    before = words[: len(words) - len(words.lstrip())]
    after = words[len(words.rstrip()) :]
    return f"{inline(before)}**{inline(core)}**{inline(after)}"


def card_words(card: Card, with_text: bool = True) -> int:
    """The words read aloud for a card: its tag, and its highlighted words (all of its text when
    nothing is highlighted)."""
    words = len(card.tag.split())
    if with_text:
        words += words_read_aloud(card.text)
    return words
