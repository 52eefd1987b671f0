"""A source's cite from what its page says of itself: each field taken from the first place
that has it, in the order the tools of the trade use (trafilatura's reading of the page,
JSON-LD, Open Graph, Highwire, Dublin Core, then bylines), cleaned of what pages add to it,
with where it came from.

What pages add: a section ("Opinion | ") and the site's name (" - The Site") in titles, a
site's handle ("@nytimes") or its address where its name belongs, "By" and the publication's
name in an author, dates in every form. A field no place gives stays empty: nothing is made up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from workbook.core.cites import AUTHOR_LIST
from workbook.importing.bylines import BY_PREFIX
from workbook.importing.document import Document, partial_date
from workbook.importing.page_meta import (
    BYLINE,
    DUBLIN_CORE,
    FILE,
    HIGHWIRE,
    JSON_LD,
    META_TAGS,
    OPEN_GRAPH,
    Found,
)

METADATA = "metadata"
# The places a cite field is read from, first to last.
ORDER = (METADATA, JSON_LD, OPEN_GRAPH, HIGHWIRE, DUBLIN_CORE, BYLINE, FILE)
# Where trafilatura's reading of a field is looked for, to say where it came from: the page's
# structured data first, then its plain tags (which stay "metadata"), then its text.
CREDITS = (JSON_LD, OPEN_GRAPH, HIGHWIRE, DUBLIN_CORE, META_TAGS, BYLINE, FILE)
# Where a name may be written surname first: "Doe, Jane".
SURNAME_FIRST = frozenset({HIGHWIRE, DUBLIN_CORE})


@dataclass
class Cite:
    """A source's cite fields (as `core.model.Source` names them) and where each came from."""

    fields: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: str, origin: str) -> None:
        if value:
            self.fields[name] = value
            self.origins[name] = origin


def page_cite(document: Document, found: Found, handles: Sequence[str]) -> Cite:
    """The cite of a saved page, from trafilatura's reading (`document`) and what the page
    says of itself elsewhere (`found`, by origin; `handles`, its social media handles)."""
    places: Found = {
        METADATA: {
            "title": [document.title],
            "author": [document.author],
            "date": [document.date],
            "publication": [document.site],
            "url": [document.url],
        },
        **found,
    }
    cite = Cite()
    addresses = {_host(url) for values in places.values() for url in values.get("url", [])}
    not_names = {_letters(h) for h in handles} | {_letters(a) for a in addresses if a}
    publication = _first(places, "publication", lambda v: _publication(v, not_names))
    cite.set("publication", *publication)
    site = publication[0]
    cite.set("title", *_first(places, "title", lambda v: clean_title(v, site, not_names)))
    cite.set("author", *_first_authors(places, site, not_names))
    cite.set("qualifications", *_first(places, "qualifications", _one_line))
    cite.set("date", *_first(places, "date", cite_date))
    cite.set("url", *_first(places, "url", _address))
    accessed = _first({FILE: places.get(FILE, {})}, "accessed", cite_date)
    cite.set("accessed", *accessed)
    return cite


def _first(places: Found, name: str, clean: Callable[[str], str]) -> tuple[str, str]:
    """The first value of field `name`, cleaned, in ORDER, and its origin (see `_credit`)."""
    for origin in ORDER:
        for value in places.get(origin, {}).get(name, []):
            cleaned = clean(value)
            if cleaned:
                return cleaned, _credit(places, name, clean, cleaned, origin)
    return "", ""


def _credit(places: Found, name: str, clean: Callable[[str], str], value: str, origin: str) -> str:
    """Where a value came from: its own origin, but for trafilatura's reading, the first
    place in CREDITS that gives the same value (a plain tag's stays "metadata")."""
    if origin != METADATA:
        return origin
    for other in CREDITS:
        if any(_letters(clean(v)) == _letters(value) for v in places.get(other, {}).get(name, [])):
            return METADATA if other == META_TAGS else other
    return METADATA


def _first_authors(places: Found, site: str, not_names: AbstractSet[str]) -> tuple[str, str]:
    """The authors of the first place that names any, as one line ("Jane Doe and John Roe").
    trafilatura's reading is credited to the first place in CREDITS that names the same
    people (the same words, whatever their order and punctuation), and written as that place
    writes them: it may split "Doe, Jane" at the comma, or list a byline's names backwards."""

    def named(origin: str) -> str:
        values = places.get(origin, {}).get("author", [])
        return authors_line(clean_authors(values, site, not_names, origin in SURNAME_FIRST))

    for origin in ORDER:
        line = named(origin)
        if line and origin == METADATA:
            for other in CREDITS:
                same = named(other)
                if same and _words(same) == _words(line):
                    return (line, METADATA) if other == META_TAGS else (same, other)
            return line, METADATA
        if line:
            return line, origin
    return "", ""


def _words(names: str) -> set[str]:
    return {_letters(word) for word in re.split(r"[\s,;&]+|\band\b", names)} - {""}


# Cleaning.

_SECTION = re.compile(
    r"^\s*(?:opinion|op-ed|commentary|analysis|editorial|perspectives?|guest essay)"
    r"(?:\s*[:|]\s*|\s+[–—-]\s+)",
    re.I,
)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—-]+?)\s*$")
_AUTHOR_SUFFIX = re.compile(r"\s*(?:[|–—-]|,|\bfor\b)\s*([^|–—,-]+?)\s*$", re.I)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(value: str) -> str:
    return " ".join(_UNSAFE.sub(" ", value).split())


def _letters(value: str) -> str:
    """What two spellings of a name share: its letters and digits, in lower case."""
    return "".join(c for c in value.casefold() if c.isalnum())


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _publication(value: str, not_names: AbstractSet[str]) -> str:
    """A site's name, unless it is a handle ("@nytimes", or the "Nytimes" trafilatura makes
    of one) or an address ("nytimes.com")."""
    value = _one_line(value)
    if value.startswith("@") or _letters(value) in not_names or "://" in value:
        return ""
    return value


def clean_title(value: str, site: str, not_names: AbstractSet[str] = frozenset()) -> str:
    """A title without the section a page puts before it ("Opinion | ") and the site's name
    it puts after (" - The Site", " | The Site"); "" for a title that is the site's name."""
    value = _one_line(value)
    value = _SECTION.sub("", value, count=1) or value
    suffix = _SITE_SUFFIX.search(value)
    if suffix and _same_site(suffix[1], site, not_names):
        value = value[: suffix.start()]
    return "" if _same_site(value, site, not_names) else value  # the site's name is no title


def _same_site(text: str, site: str, not_names: AbstractSet[str]) -> bool:
    letters = _letters(text)
    if not letters:
        return False
    if letters in not_names:
        return True
    return bool(site) and letters in (_letters(site), _letters(site.removeprefix("The ")))


def clean_authors(
    values: Sequence[str], site: str, not_names: AbstractSet[str], surname_first: bool = False
) -> list[str]:
    """The people `values` name, each once: "By" and the site's name taken off, a list split
    ("Jane Doe; John Roe", "Jane Doe and John Roe"), "Doe, Jane" turned round where names are
    written surname first (Highwire's), and what is no name (an address, the site) left out."""
    names: dict[str, None] = {}  # in order, each once
    for value in values:
        value = BY_PREFIX.sub("", _one_line(value))
        parts = [value] if surname_first else AUTHOR_LIST.split(value)
        for part in parts:
            name = _without_site(part.strip(" ,"), site, not_names)
            if surname_first and name.count(",") == 1:
                surname, given = (p.strip() for p in name.split(","))
                name = f"{given} {surname}".strip()
            if _is_name(name, site, not_names):
                names[name] = None
    return list(names)


def _without_site(name: str, site: str, not_names: AbstractSet[str]) -> str:
    suffix = _AUTHOR_SUFFIX.search(name)
    if suffix and _same_site(suffix[1], site, not_names):
        return name[: suffix.start()].strip()
    return name


# Words of a writer's role: a "name" made of nothing else ("Opinion Columnist", "Staff
# Writer") is a role a page wrote where a name belongs.
_ROLES = frozenset(
    {
        "opinion",
        "columnist",
        "contributor",
        "contributing",
        "correspondent",
        "editor",
        "editors",
        "editorial",
        "board",
        "reporter",
        "writer",
        "staff",
        "guest",
        "senior",
        "chief",
        "the",
        "desk",
        "team",
    }
)


def _is_name(name: str, site: str, not_names: AbstractSet[str]) -> bool:
    if not any(c.isalpha() for c in name) or "://" in name or "@" in name:
        return False
    if all(word.lower().strip(".,") in _ROLES for word in name.split()):
        return False
    return not _same_site(name, site, not_names)


def authors_line(names: Sequence[str]) -> str:
    """Authors as a cite writes them: "Jane Doe", "Jane Doe and John Roe", and for three or
    more, "Jane Doe; John Roe; Ann Poe" (a short cite takes the first surname of either)."""
    if len(names) <= 2:
        return " and ".join(names)
    return "; ".join(names)


def _address(value: str) -> str:
    value = value.strip()
    return value if re.match(r"https?://\S+$", value, re.I) else ""


# Dates.

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        1,
    )
    for name in names.split()
}
_NUMERIC = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?(?![0-9])")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+([0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?,?\s+([0-9]{4})")
_YEAR = re.compile(r"([0-9]{4})")


def cite_date(value: str, today: dt.date | None = None) -> str:
    """A date as a cite gives it, YYYY-MM-DD (or YYYY-MM, or YYYY, when the page says no
    more), from the forms pages write: ISO, "2024/03/18", "18 March 2024", "March 18, 2024",
    "Mar 2024", "D:20240318" (a PDF's). A date past `today` is no date a page was written."""
    value = value.strip().removeprefix("D:")
    date = partial_date(value)
    if not date:
        date = _spelled_date(value)
    if not date:
        return ""
    latest = (today or dt.date.today()).isoformat()
    return date if date[: len(latest)] <= latest[: len(date)] else ""


def _spelled_date(value: str) -> str:
    compact = re.fullmatch(r"([0-9]{4})([0-9]{2})?([0-9]{2})?(?:[0-9]{6})?.*", value)
    if compact and value[:1].isdecimal() and len(value) >= 8 and value[4:5].isdecimal():
        return _date(compact[1], compact[2], compact[3])
    found = _NUMERIC.match(value)
    if found:
        return _date(*found.groups())
    for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
        found = pattern.search(value)
        if found and found[order[1]].lower() in _MONTHS:
            month = str(_MONTHS[found[order[1]].lower()])
            return _date(found[order[0]], month, found[order[2]])
    found = _MONTH_YEAR.search(value)
    if found and found[1].lower() in _MONTHS:
        return _date(found[2], str(_MONTHS[found[1].lower()]), None)
    found = _YEAR.fullmatch(value)
    return _date(found[1], None, None) if found else ""


def _date(year: str, month: str | None, day: str | None) -> str:
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return partial_date("-".join(parts))
