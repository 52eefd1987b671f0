"""A card's cite paragraph, as a Word file writes it, read into the card's cite fields.

First the form the workbook's own Word export writes (`core.verbatim.cite_line`): the short
cite, then "[author, qualifications, date or No Date, “title”, publication, p. PAGES, url,
accessed DATE]" and the cutter's "//AB", read back field for field. Then the forms the
circuit writes by hand or with Cite Creator: "Smith 20 [John Smith, professor at X,
1-2-2020, "Title," Publication, url] //AB", "Smith ’20 (John Smith, …)", "John Smith 20,
professor, …", with dates as "1/2/20", "January 2, 2020", "2020" or "No Date". A field the
line does not say plainly stays empty: nothing is guessed, and the whole line is kept beside
the fields anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from workbook.core import cites, verbatim
from workbook.core.model import Card
from workbook.importing.citing import cite_date
from workbook.importing.document import partial_date

Fields = dict[str, str]

_ISO: Final = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_ACCESSED: Final = re.compile(r"accessed ([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)")
# The pages part of the export's cite line, as `cites.pages_cited` writes it.
_PAGES: Final = re.compile(
    rf"(?:{re.escape(cites.PAGE_MARK)}|{re.escape(cites.PAGES_MARK)}) (?P<pages>\S.*)", re.S
)
_URL: Final = re.compile(r"https?://[^\s\]\[<>\"“”]+", re.I)
_EXACT: Final = re.compile(
    rf" \[(?P<full>.*)\](?: {re.escape(cites.CUTTER_MARK)}(?P<cutter>\S{{1,8}}))?", re.S
)
_SHORT_TAIL: Final = 16
# The short cite's date as read aloud: "21", "’21", "3/4", "ND", "2021".
_SHORT_WHEN: Final = re.compile(
    r"\s*[’'‘]?(?:[0-9]{2}|[0-9]{4}|[0-9]{1,2}[/-][0-9]{1,2}|ND|No Date)\s*$", re.I
)
_NO_DATE: Final = re.compile(r"\b(?:no date|n\.?d\.?)\b", re.I)
# Month, day and year as the US circuit writes them: 1-2-2020, 1/2/20, 1.2.2020.
_US_DATE: Final = re.compile(
    r"(?<![0-9])([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})(?![0-9])"
)
_DIGIT: Final = re.compile(r"[0-9]")
_YEAR: Final = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_ACCESSED_WORDS: Final = re.compile(r"\b(?:date )?(?:accessed|retrieved|visited)\b:?", re.I)
_CUTTER_TAIL: Final = 24
_CUTTER: Final = re.compile(rf"\s*{re.escape(cites.CUTTER_MARK)}\s*(\S{{1,8}})\s*$")
# Where a full cite opens after the short cite: a bracket, a parenthesis or a comma.
_OPENERS: Final = {"[": "]", "(": ")", "<": ">", "{": "}"}
_QUOTES: Final = {"“": "”", '"': '"'}
# The most parts, between commas, an author line of the export's form runs to.
MOST_AUTHOR_PARTS: Final = 8
# The most words an author's name runs to; a longer segment is a description, not a name.
MOST_NAME_WORDS: Final = 8


def parse_cite(line: str, short: str = "", today: dt.date | None = None) -> Fields:
    """The cite fields a cite paragraph says plainly. `short` is the text of its runs in the
    Cite style (the short cite, as Verbatim marks it), "" when it has none."""
    line = line.strip()
    if short and line.startswith(short):
        exact = exported(short, line[len(short) :])
        if exact is not None:
            return exact
    return circuit(line, short.strip(), today or dt.date.today())


def surname(author: str) -> str:
    """The name a short cite reads for an author line, as the export writes it."""
    return Card(author=author).cite if author else ""


def short_name(short: str) -> str:
    """The short cite's name, its date taken off: "Smith et al." of "Smith et al. 21"."""
    short = short.strip()
    # Looked for in the tail alone: a pattern that opens with spaces, tried at each place in
    # a long run of them, would go over the run again from each.
    tail = len(short) - len(short[-_SHORT_TAIL:])
    found = _SHORT_WHEN.search(short, tail)
    return (short[: found.start()] if found else short).strip()


def exported(short: str, rest: str) -> Fields | None:
    """The fields of a cite line as `verbatim.cite_line` writes it, or None when `rest` is not
    in that form."""
    found = _EXACT.fullmatch(rest)
    if found is None:
        return None
    cutter = found["cutter"] or ""
    if cutter and cites.initials_problem(cutter):
        return None
    parts = found["full"].split(", ")
    fields: Fields = {"cutter": cutter} if cutter else {}
    if parts and (accessed := _ACCESSED.fullmatch(parts[-1])) and _valid(accessed[1]):
        fields["accessed"] = accessed[1]
        parts.pop()
    if parts and re.fullmatch(r"https?://\S+", parts[-1]):
        fields["url"] = parts.pop()
    if parts and (pages := _PAGES.fullmatch(parts[-1])):
        fields["pages"] = pages["pages"]
        parts.pop()
    at = next(
        (
            i
            for i, p in enumerate(parts)
            if p == verbatim.NO_DATE or (_ISO.fullmatch(p) and _valid(p))
        ),
        None,
    )
    if at is None:
        return None
    if parts[at] != verbatim.NO_DATE:
        fields["date"] = parts[at]
    before, after = parts[:at], parts[at + 1 :]
    name = short_name(short)
    author_ends = next(
        (
            k
            for k in range(1, min(len(before), MOST_AUTHOR_PARTS) + 1)
            if surname(", ".join(before[:k])) == name
        ),
        0,
    )
    fields["author"] = ", ".join(before[:author_ends])
    fields["qualifications"] = ", ".join(before[author_ends:])
    if after and after[0].startswith("“"):
        # The last closing mark: a title may quote words of its own ("He said “no”, then").
        end = next((j for j in reversed(range(len(after))) if after[j].endswith("”")), None)
        if end is None:
            return None
        fields["title"] = ", ".join(after[: end + 1])[1:-1]
        after = after[end + 1 :]
    fields["publication"] = ", ".join(after)
    return {key: value for key, value in fields.items() if value}


def _valid(iso: str) -> bool:
    return partial_date(iso) == iso


def circuit(line: str, short: str, today: dt.date) -> Fields:
    """The fields of a cite line in the circuit's own forms, read as far as they are plain."""
    fields: Fields = {}
    tail = max(len(line) - _CUTTER_TAIL, 0)  # as in `short_name`, the tail alone
    cutter = _CUTTER.search(line, tail)
    if cutter and not cites.initials_problem(cutter[1]):
        fields["cutter"] = cutter[1]
        line = line[: cutter.start()]
    if not short:
        short = _leading_short(line)
    head, full = _split_full(line, short)
    segments = _dates_joined(split_segments(full))
    url = next((found[0].rstrip(".,;:)") for s in segments if (found := _URL.search(s))), "")
    if url:
        fields["url"] = url
    kinds = [_kind(segment, today) for segment in segments]
    for kind, value in kinds:
        if kind in ("date", "accessed", "title") and value and kind not in fields:
            fields[kind] = value
    name = short_name(short)
    texts = [i for i, (kind, _) in enumerate(kinds) if kind == "text"]
    author = _author(head, name, segments, texts)
    if author is not None:
        fields["author"], used = author
        texts = [i for i in texts if i != used]
    first_mark = next((i for i, (kind, _) in enumerate(kinds) if kind in ("date", "title")), None)
    title_at = next((i for i, (kind, _) in enumerate(kinds) if kind == "title"), None)
    qualifications = [segments[i] for i in texts if first_mark is None or i < first_mark]
    if qualifications:
        fields["qualifications"] = ", ".join(qualifications)
    after = title_at if title_at is not None else first_mark
    publication = next((segments[i] for i in texts if after is not None and i > after), "")
    if publication:
        fields["publication"] = publication
    # The short cite's year stands in only where the full cite gives no date of any kind: one
    # it gives but that cannot be read (or says there is none) is not overruled.
    if not any(kind in ("date", "no date") for kind, _ in kinds):
        fields["date"] = _date_from_short(short, head, today)
    return {key: value.strip() for key, value in fields.items() if value.strip()}


def _leading_short(line: str) -> str:
    """A short cite at a line's start when no run is in the Cite style: a name and a year
    before the full cite opens ("Smith 20 [", "Smith ’20 (", "Smith 20, ")."""
    found = re.match(
        r"([^\[\](){}<>,]{1,80}?[’'‘]?(?:[0-9]{2}|[0-9]{4}|ND))(?=\s*[\[(<{,]|\s*$)", line
    )
    return found[1].strip() if found else ""


def _split_full(line: str, short: str) -> tuple[str, str]:
    """The line as what stands before the full cite (the short cite, perhaps with a first name
    before it) and the full cite itself, its bracket taken off."""
    at = line.find(short) + len(short) if short and short in line else 0
    rest = line[at:].lstrip(" ,:;–—-")
    closer = _OPENERS.get(rest[:1])
    if closer:
        end = rest.rfind(closer)
        rest = rest[1:end] if end > 0 else rest[1:]
    return line[:at], rest


def split_segments(full: str) -> list[str]:
    """A full cite's parts, split at its commas; a part that opens with a quotation mark (a
    title) runs to the mark that closes it, commas and all, and ends there."""
    segments: list[str] = []
    current: list[str] = []
    closing = ""
    blank = True  # nothing but spaces in the part so far
    for char in full:
        if closing:
            current.append(char)
            if char == closing:
                closing = ""
                segments.append("".join(current).strip())
                current, blank = [], True
        elif char in _QUOTES and blank:
            closing = _QUOTES[char]
            current.append(char)
        elif char == ",":
            segments.append("".join(current).strip())
            current, blank = [], True
        else:
            current.append(char)
            blank = blank and char.isspace()
    segments.append("".join(current).strip())
    return [segment for segment in segments if segment.strip(" .;:")]


_LETTERS: Final = re.compile(r"[^\W\d_]+")
# The words a date alone may hold: months, weekdays, seasons, ordinals.
_DATE_WORDS: Final = frozenset(
    re.split(
        r"\s+",
        "jan january feb february mar march apr april may jun june jul july aug august sep "
        "sept september oct october nov november dec december mon monday tue tues tuesday wed "
        "wednesday thu thur thurs thursday fri friday sat saturday sun sunday spring summer "
        "fall autumn winter st nd rd th",
    )
)
_MONTH_DAY: Final = re.compile(r"[A-Za-z]{3,9}\.? [0-9]{1,2}(?:st|nd|rd|th)?")
_FULL_YEAR: Final = re.compile(r"[0-9]{4}")


def _dates_joined(segments: list[str]) -> list[str]:
    """The parts with a date the commas split joined again: "January 2" and "2020"."""
    joined: list[str] = []
    for segment in segments:
        if joined and _FULL_YEAR.fullmatch(segment) and _MONTH_DAY.fullmatch(joined[-1]):
            joined[-1] += ", " + segment
        else:
            joined.append(segment)
    return joined


def _kind(segment: str, today: dt.date) -> tuple[str, str]:
    """What a part of a full cite is: ("url", …), ("accessed", date), ("date", date),
    ("title", words), ("no date", ""), or ("text", "") for a name, a qualification or a
    publication."""
    if _URL.match(segment):
        return "url", segment
    if _ACCESSED_WORDS.match(segment):
        return "accessed", read_date(_ACCESSED_WORDS.sub("", segment, count=1), today)
    opener = segment[:1]
    if opener in _QUOTES and _QUOTES[opener] in segment[1:]:
        end = segment.index(_QUOTES[opener], 1)
        return "title", segment[1:end].strip().rstrip(",.")
    if _NO_DATE.fullmatch(segment.strip(" .")):
        return "no date", ""
    words = {word.lower() for word in _LETTERS.findall(segment)}
    if len(segment) <= 32 and words <= _DATE_WORDS:  # a date alone, not words with a year
        date = read_date(segment, today)
        if date or _US_DATE.search(segment) or _ISO.fullmatch(segment):
            return "date", date
    return "text", ""


def read_date(text: str, today: dt.date) -> str:
    """A date as cites write it, YYYY-MM-DD (or YYYY-MM, or YYYY), or "" for none: the US
    circuit's month first ("1-2-2020", "1/2/20"), ISO, "January 2, 2020", "Jan 2020",
    "2020". A day past `today` is no date a source was written."""
    found = _US_DATE.search(text)
    if found:
        first, second, year = int(found[1]), int(found[2]), found[3]
        if len(year) == 2:
            year = _century(int(year), today)
        month, day = (first, second) if first <= 12 else (second, first)
        date = cite_date(f"{year}-{month:02d}-{day:02d}", today)
        if date:
            return date
    date = cite_date(text, today)
    if date:
        return date
    year_found = _YEAR.search(text)
    return cite_date(year_found[1], today) if year_found else ""


def _century(year: int, today: dt.date) -> str:
    """A two-digit year read as the latest year it can be, no later than this one."""
    this = today.year
    full = this - this % 100 + year
    return str(full if full <= this else full - 100)


def _author(head: str, name: str, segments: list[str], texts: list[int]) -> tuple[str, int] | None:
    """The author, and the segment it was read from (-1 for the line's head): a first name
    before the short cite with it ("Ben Deighton 19"), else the full cite's first part when it
    is a name that holds the short cite's surname."""
    before = short_name(head)
    if name and before != name and before.endswith(" " + name):
        return before, -1
    if texts and texts[0] == 0:
        candidate = segments[0]
        words = candidate.split()
        surname_word = name.split()[0].lower().strip(".,") if name else ""
        named = not name or (surname_word and surname_word in candidate.lower())
        if 0 < len(words) <= MOST_NAME_WORDS and named and not _DIGIT.search(candidate):
            return candidate, 0
    # The short cite names the author it reads aloud, when the full cite names no one plainly.
    if name and len(name.split()) <= 4 and not _DIGIT.search(name):
        return name, -1
    return None


def _date_from_short(short: str, head: str, today: dt.date) -> str:
    """The year a short cite reads, when the full cite gives no date: "Smith 20" is 2020."""
    found = re.search(r"[’'‘]?([0-9]{4}|[0-9]{2})\s*$", short or head.strip())
    if not found:
        return ""
    year = found[1] if len(found[1]) == 4 else _century(int(found[1]), today)
    return cite_date(year, today)
