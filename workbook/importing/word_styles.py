"""A Word file's styles, as Verbatim's structure reads them: which paragraph style is a Pocket,
a Hat, a Block or a Tag, which character style is the Cite, Underline or Emphasis, and the
underlining, highlighting, bold and size each style gives the runs in it.

Styles are found by what they are, not by their ids: a style's id is the name Word gave it in
the language it was made in ("Heading4", "berschrift4", "Titre4"), while its name is the
built-in one in English ("heading 4") or the user's, and Verbatim renames the built-in headings
Pocket, Hat, Block and Tag by an alias. Real files' alias lists gather junk over the years
("heading 4" aliased "Card", "Hyperlink" aliased "Read"), so only a style's name and its first
alias count, as Verbatim's own "convert to default styles" reads them. A style takes from the
style it is based on what it does not set itself; a chain that loops, or runs past a sane
depth, stops where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Final

from docx.oxml.ns import qn

from workbook.core import verbatim

W_VAL: Final = qn("w:val")
# Word nests styles a few deep; past this a chain is damaged or hostile, and is cut.
MOST_BASED_ON: Final = 32
# Highlight values that do not mark anything read aloud: none, and white, which Google's
# export writes for every run on a white page (it shows nothing on the page either).
NO_HIGHLIGHT: Final = frozenset({"none", "white"})
# Shading fills that are the page's own colour, not a highlighter's.
NO_FILL: Final = frozenset({"", "auto", "ffffff"})
# Values of an on/off property that turn it off.
OFF: Final = frozenset({"0", "false", "off", "none"})
# Verbatim's headings by the names a style may carry: its own aliases, and Word's built-in
# "heading N" (in English whatever the language of the id), which Verbatim renames.
LEVEL_BY_NAME: Final = {
    **{name.lower(): level for level, name in verbatim.LEVEL_NAMES.items()},
    **{f"heading {level}": level for level in range(1, 10)},
}
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.I)
# Verbatim's "convert to default styles": a name with "cite" is the Cite unless it is another
# kind of text first; "underline" is the Underline unless it says it is not.
_NOT_CITE = re.compile(r"\s*(?:underline|emphasis|normal|card|analytic|body)", re.I)
# Verbatim's own names of its Cite style, old and new, for a file that lost the alias.
_CITE_NAMES = re.compile(r"13\s*pt\s*bold|bold\s*\+?\s*1[23]\s*pt")
_NOT_UNDERLINE = re.compile(r"\b(?:no|not|un-?|non-?)\s*underline", re.I)


@dataclass(frozen=True)
class Looks:
    """What a run's formatting says, each None where nothing sets it (so that the style below
    decides): underlined, highlighted, bold, size in half-points, and whether the run is in the
    Cite style."""

    underlined: bool | None = None
    highlighted: bool | None = None
    bold: bool | None = None
    size: int | None = None
    cited: bool | None = None

    def over(self, below: Looks) -> Looks:
        """These looks laid over `below`: each set value wins."""
        return Looks(
            below.underlined if self.underlined is None else self.underlined,
            below.highlighted if self.highlighted is None else self.highlighted,
            below.bold if self.bold is None else self.bold,
            below.size if self.size is None else self.size,
            below.cited if self.cited is None else self.cited,
        )


NO_LOOKS: Final = Looks()


def on(element: Any) -> bool:
    """An on/off property's element (<w:b/>, <w:b w:val="0"/>) read as on or off."""
    return str(element.get(W_VAL, "1")).lower() not in OFF


def run_looks(properties: Any) -> Looks:
    """The looks a w:rPr sets directly (its character style's are `Styles.character_looks`)."""
    underlined = highlighted = bold = None
    size = None
    for child in properties.iterchildren():
        tag = child.tag
        if tag == _U:
            underlined = str(child.get(W_VAL, "single")).lower() not in OFF
        elif tag == _HIGHLIGHT:
            highlighted = str(child.get(W_VAL, "none")).lower() not in NO_HIGHLIGHT
        elif tag == _SHD and highlighted is None:
            highlighted = shaded(child)
        elif tag == _B:
            bold = on(child)
        elif tag == _SZ:
            size = _int(child.get(W_VAL))
    return Looks(underlined, highlighted, bold, size)


def formatting(properties: Any | None) -> tuple[tuple[str, ...], ...]:
    """What of a w:rPr bears on a run's looks, as a key: each such element and its values."""
    if properties is None:
        return ()
    return tuple(
        (child.tag, child.get(W_VAL, ""), child.get(_FILL, ""), child.get(_COLOR, ""))
        for child in properties.iterchildren()
        if child.tag in _BEARING
    )


def shaded(shading: Any) -> bool | None:
    """Whether a run's shading is a highlighter's (Word for Mac and Google's export write
    some highlighting as a fill): a fill of a colour, or a solid pattern in one."""
    fill = str(shading.get(_FILL, "")).lower()
    pattern = str(shading.get(W_VAL, "clear")).lower()
    if pattern == "nil":
        return False
    if fill not in NO_FILL:
        return True
    if pattern == "solid":
        return str(shading.get(_COLOR, "auto")).lower() not in NO_FILL
    return None


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


_U, _HIGHLIGHT, _SHD, _B, _SZ = (qn(f"w:{name}") for name in ("u", "highlight", "shd", "b", "sz"))
_R_STYLE, _P_STYLE, _OUTLINE = qn("w:rStyle"), qn("w:pStyle"), qn("w:outlineLvl")
_FILL, _COLOR = qn("w:fill"), qn("w:color")
_BEARING: Final = frozenset({_U, _HIGHLIGHT, _SHD, _B, _SZ, _R_STYLE})


@dataclass(frozen=True)
class Style:
    """One style as styles.xml defines it: its own settings, not yet those of its base."""

    kind: str
    name: str
    alias: str
    based_on: str
    looks: Looks
    outline: int | None  # Word's outline level, 0 for a Pocket; None where it sets none


def _style(element: Any) -> tuple[str, Style]:
    name = alias = based_on = ""
    looks = NO_LOOKS
    outline = None
    for child in element.iterchildren():
        tag = child.tag
        if tag == qn("w:name"):
            name = str(child.get(W_VAL, ""))
        elif tag == qn("w:aliases"):
            alias = str(child.get(W_VAL, "")).split(",")[0].strip()
        elif tag == qn("w:basedOn"):
            based_on = str(child.get(W_VAL, ""))
        elif tag == qn("w:rPr"):
            looks = run_looks(child)
        elif tag == qn("w:pPr"):
            level = child.find(_OUTLINE)
            if level is not None:
                outline = _int(level.get(W_VAL))
    kind = str(element.get(qn("w:type"), "paragraph"))
    return str(element.get(qn("w:styleId"), "")), Style(kind, name, alias, based_on, looks, outline)


class Styles:
    """The styles of one file, each resolved once through the chain it is based on."""

    def __init__(self, styles_element: Any | None) -> None:
        self._styles: dict[str, Style] = {}
        self.default_paragraph = ""
        self.defaults = NO_LOOKS
        if styles_element is None:
            return
        for element in styles_element.iterchildren(qn("w:style")):
            style_id, style = _style(element)
            self._styles.setdefault(style_id, style)
            if style.kind == "paragraph" and on_default(element):
                self.default_paragraph = self.default_paragraph or style_id
        run_defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
        properties = None if run_defaults is None else run_defaults.find(qn("w:rPr"))
        if properties is not None:
            self.defaults = run_looks(properties)
        self._levels: dict[str, int | None] = {}
        self._analytic: dict[str, bool] = {}
        self._paragraph_looks: dict[str, Looks] = {}
        self._run_looks: dict[str, Looks] = {}
        self._looks: dict[tuple[str, tuple[tuple[str, ...], ...]], Looks] = {}

    def _chain(self, style_id: str) -> Iterator[Style]:
        """The style and those it is based on, nearest first; a loop or a missing base ends it."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < MOST_BASED_ON:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                # A style a run or paragraph names that the file does not define (text pasted
                # from another file keeps its style's id): its id is all there is to go by.
                if len(seen) == 1:
                    yield Style("", style_id, "", "", NO_LOOKS, None)
                return
            yield style
            style_id = style.based_on

    def _first(self, style_id: str, find: Callable[[Style], Any]) -> Any:
        return next((found for s in self._chain(style_id) if (found := find(s)) is not None), None)

    def level(self, style_id: str) -> int | None:
        """The Verbatim level (1 Pocket … 4 Tag; deeper outline levels read as Tags) a
        paragraph style gives, or None for a paragraph of text."""
        style_id = style_id or self.default_paragraph
        if style_id not in self._levels:
            # 0, body text, stops the chain as a level would; it is no heading.
            self._levels[style_id] = self._first(style_id, _style_level) or None
        return self._levels[style_id]

    def analytic(self, style_id: str) -> bool:
        """Whether a paragraph style is an analytic's (Verbatim's "Analytic", and its kin)."""
        style_id = style_id or self.default_paragraph
        if style_id not in self._analytic:
            self._analytic[style_id] = bool(
                self._first(style_id, lambda s: True if _named(s, "analytic") else None)
            )
        return self._analytic[style_id]

    def paragraph_looks(self, style_id: str) -> Looks:
        """The looks a paragraph style gives its runs, over the document's defaults."""
        style_id = style_id or self.default_paragraph
        if style_id not in self._paragraph_looks:
            looks = NO_LOOKS
            for style in self._chain(style_id):
                looks = looks.over(style.looks)
            self._paragraph_looks[style_id] = looks.over(self.defaults)
        return self._paragraph_looks[style_id]

    def looks(self, paragraph_style: str, properties: Any | None) -> Looks:
        """A run's looks: its own w:rPr over its character style, over its paragraph's style.
        Each way of formatting a run is worked out once: a file has few, and many runs."""
        key = (paragraph_style, formatting(properties))
        found = self._looks.get(key)
        if found is None:
            found = self.paragraph_looks(paragraph_style)
            if properties is not None:
                character = self.character_looks(run_style(properties))
                found = run_looks(properties).over(character).over(found)
            self._looks[key] = found
        return found

    def character_looks(self, style_id: str) -> Looks:
        """The looks a character style gives: its own settings through its chain, with the
        Cite, Underline and Emphasis read by name as well, so that a renamed look still
        counts."""
        if style_id not in self._run_looks:
            looks = NO_LOOKS
            for style in self._chain(style_id):
                looks = looks.over(replace(style.looks, cited=_cite(style)))
                if _underline(style):
                    looks = looks.over(Looks(underlined=True))
            self._run_looks[style_id] = looks
        return self._run_looks[style_id]


def on_default(element: Any) -> bool:
    return str(element.get(qn("w:default"), "0")).lower() in ("1", "true", "on")


def _named(style: Style, prefix: str) -> bool:
    return any(name.lower().startswith(prefix) for name in (style.name, style.alias) if name)


def _style_level(style: Style) -> int | None:
    """The level a style sets itself: 1 to 4, 0 for body text (outline level 9), None when
    it sets none and its base decides."""
    if style.outline is not None:
        return min(style.outline + 1, verbatim.TAG) if 0 <= style.outline <= 8 else 0
    for name in (style.alias, style.name):
        level = LEVEL_BY_NAME.get(name.strip().lower())
        if level is None and (found := _HEADING_NAME.fullmatch(name.strip())):
            level = int(found.group(1))
        if level is not None:
            return min(level, verbatim.TAG)
    return None


def _cite(style: Style) -> bool | None:
    for name in (style.alias, style.name):
        lowered = name.lower()
        if (
            lowered == verbatim.CITE_STYLE.lower()
            or ("cite" in lowered and not _NOT_CITE.match(lowered))
            or _CITE_NAMES.search(lowered)
        ):
            return True
    return None


def _underline(style: Style) -> bool:
    """Verbatim's Underline and Emphasis by name (Emphasis is underlined with more weight)."""
    for name in (style.alias, style.name):
        lowered = name.lower()
        if "emphasi" in lowered:
            return True
        if "underline" in lowered and not _NOT_UNDERLINE.search(lowered):
            return True
    return False


def paragraph_style(properties: Any | None) -> tuple[str, int | None]:
    """A paragraph's style id and its own outline level, from its w:pPr (None for none)."""
    if properties is None:
        return "", None
    style = properties.find(_P_STYLE)
    outline = properties.find(_OUTLINE)
    level = None if outline is None else _int(outline.get(W_VAL))
    return ("" if style is None else str(style.get(W_VAL, ""))), level


def run_style(properties: Any) -> str:
    style = properties.find(_R_STYLE)
    return "" if style is None else str(style.get(W_VAL, ""))
