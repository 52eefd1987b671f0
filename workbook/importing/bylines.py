"""The names a page's text gives its article "by": in elements marked as bylines (class,
rel or itemprop "byline" or "author"), or in short texts that say "by" ("By Jane Doe and John
Roe", "Posted in Civic life by Priya Raman"). A name is capitalised words, with the particles
of surnames; what follows it (a date, a writer's role) ends it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

# A byline: "By Jane Doe and John Roe", "Posted on 2 May by Jane Doe". Short texts only: an
# article's sentences mention people "by" name.
_BY = re.compile(r"(?:^|[\s(|·•])by\s*:?\s*(.*)$", re.I | re.S)
BYLINE_LENGTH = 120
_BYLINE_CLASSES = ("byline", "author")
# How many elements marked as bylines are read: the first few are the article's.
_MOST_MARKED = 20
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})


def bylines(tree: Any) -> Iterator[str]:
    """The names the page's text gives its article "by": first in elements marked as
    bylines or authors (class, rel or itemprop), then in short texts that say "by"."""
    body = tree.find(".//body")
    if body is None:
        return
    for text in _marked_texts(body):
        names = byline_names(text, marked=True)
        if names:
            yield from names
            return
    texts = list(_texts_of(body))
    for at, text in enumerate(texts):
        if len(text) > BYLINE_LENGTH or "by" not in text.lower():
            continue
        said = _BY.search(text)
        if said is None:
            continue
        # "By <a>Jane Doe</a> and <a>John Roe</a>": the names are in the short texts that
        # follow, which no name runs across.
        following = itertools.takewhile(lambda t: len(t) <= BYLINE_LENGTH, texts[at + 1 : at + 6])
        rest = said[1] if said[1].strip() else " , ".join(following)
        names = names_at_start(rest)[0]
        if names:
            yield from names
            return


def _marked_texts(body: Any) -> Iterator[str]:
    seen = 0
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED:
            continue
        marks = " ".join(
            element.get(attribute) or "" for attribute in ("class", "rel", "itemprop")
        ).lower()
        if any(mark in marks for mark in _BYLINE_CLASSES):
            text = " ".join(element.itertext())
            if len(text) <= 2 * BYLINE_LENGTH:
                yield text
            seen += 1
            if seen >= _MOST_MARKED:
                return


def _texts_of(body: Any) -> Iterator[str]:
    """The page's texts in order, those of scripts and styles left out."""
    for element in body.iter():
        kept = isinstance(element.tag, str) and element.tag not in _SKIPPED
        if kept and element.text and element.text.strip():
            yield element.text.strip()
        if element.tail and element.tail.strip():
            yield element.tail.strip()


# How a byline reads: names, the words between them, and the words that end them.
_TOKENS = re.compile(r"[,;&|·•—–/]|[^\s,;&|·•—–/]+")
_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "da",
        "de",
        "del",
        "della",
        "der",
        "di",
        "du",
        "el",
        "la",
        "le",
        "van",
        "von",
        "y",
    }
)
BY_PREFIX = re.compile(r"^\s*(?:(?:written|posted|words|story|text)\s+)?by\s*:?\s+", re.I)
# Capitalised words that are no part of a name: what follows a byline, or a writer's role.
_NOT_NAMES = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "updated",
        "published",
        "posted",
        "share",
        "follow",
        "email",
        "opinion",
        "contributor",
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "columnist",
        "editor",
        "fellow",
        "senior",
        "professor",
        "director",
        "analyst",
        "researcher",
        "chief",
        "president",
        "former",
        "guest",
        "about",
    }
)
# A name has at most this many words.
_NAME_WORDS = 5


def byline_names(text: str, *, marked: bool) -> list[str]:
    """The names a byline gives: "By Jane Doe and John Roe · 2 May" -> the two names. A text
    not marked as a byline names them only after "by"; what follows the names is left. A
    marked text that goes on in words after its names (a writer's biography) names none."""
    prefix = BY_PREFIX.match(text)
    if prefix:
        return names_at_start(text[prefix.end() :])[0]
    if not marked:
        return []
    names, rest = names_at_start(text)
    return [] if rest[:1].isalpha() else names


def names_at_start(text: str) -> tuple[list[str], str]:
    """The names `text` begins with ("Jane Doe, John Roe and Ann Poe"), and what follows."""
    names: list[str] = []
    words: list[str] = []
    rest = ""
    for token in _TOKENS.finditer(text):
        word = token[0]
        if word in ",;&" or word.lower() == "and":
            if words:
                names.append(" ".join(words))
            words = []
        elif _name_word(word, words):
            words.append(word)
        else:
            rest = text[token.start() :]
            break
    if words:
        names.append(" ".join(words))
    return names, rest


def _name_word(word: str, before: list[str]) -> bool:
    """Whether `word` goes on the name of `before`'s words: a capitalised word with letters
    ("Østby", "O'Brien", "J."), or a surname's particle inside a name ("van", "de")."""
    if word.lower().rstrip(".") in _NOT_NAMES or len(before) >= _NAME_WORDS:
        return False
    if word.lower() in _PARTICLES:
        return bool(before)
    return word[:1].isupper() and any(c.isalpha() for c in word)
