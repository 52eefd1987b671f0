"""A Word document built on Verbatim's styles, as the circuit's files and its tools have them:
the look of Pocket, Hat, Block and Tag, card text in Normal, and the character styles of a
card (Cite, Underline, Emphasis); and the document's own properties, set for this file.

Verbatim (the circuit's template for Word) renames four built-in heading styles and gives them
its own looks: Pocket (Heading 1) boxed, Hat (Heading 2) double underlined, Block (Heading 3)
underlined, each on a page of its own and centred; Tag (Heading 4) bold, 13 points. Its short
cite is the character style "Style 13 pt Bold", aliased Cite, and its underlining "Style
Underline", aliased Underline: Verbatim's macros and the parsers built on its files look for
these names (a parser of Verbatim files takes a run whose style name holds "13 pt Bold" for a
cite, and one whose holds "Underline" for underlined). The values here are the template's, as
its styles part defines them; python-docx's own defaults (blue headings, an italic Tag, a
serif body, "python-docx" as the author in 2013) would be read as a file of no one's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Final

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from workbook.core.verbatim import (
    BLOCK,
    CITE_STYLE,
    EMPHASIS_STYLE,
    HAT,
    LEVEL_NAMES,
    POCKET,
    TAG,
    UNDERLINE_STYLE,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.oxml.xmlchemy import BaseOxmlElement

# The names the styles have in Verbatim's template, by which python-docx and the parsers find
# them; each carries its Verbatim alias (core/verbatim.py's names) beside it.
CITE_STYLE_NAME: Final = "Style 13 pt Bold"
UNDERLINE_STYLE_NAME: Final = "Style Underline"
EMPHASIS_STYLE_NAME: Final = EMPHASIS_STYLE
CARD_FONT: Final = "Calibri"
# Card text at 11 points; sizes are in half points, as Word writes them.
_HALF_POINTS: Final = {POCKET: 52, HAT: 44, BLOCK: 32, TAG: 26}
_BOX = "".join(
    f'<w:{edge} w:val="single" w:sz="24" w:space="{space}" w:color="auto"/>'
    for edge, space in (("top", 1), ("left", 4), ("bottom", 1), ("right", 4))
)
# What each heading adds to the look they share: Pocket boxed, Hat double underlined, Block
# underlined; the three above Tag each start a page and stand centred.
_HEADING_LOOK: Final = {
    POCKET: ("<w:pageBreakBefore/>", f"<w:pBdr>{_BOX}</w:pBdr>", "", '<w:jc w:val="center"/>'),
    HAT: ("<w:pageBreakBefore/>", "", '<w:u w:val="double"/>', '<w:jc w:val="center"/>'),
    BLOCK: ("<w:pageBreakBefore/>", "", '<w:u w:val="single"/>', '<w:jc w:val="center"/>'),
    TAG: ("", "", "", ""),
}


def _heading_style(level: int) -> str:
    page, border, underline, centred = _HEADING_LOOK[level]
    before = 240 if level == POCKET else 40
    size = _HALF_POINTS[level]
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Heading{level}">'
        f'<w:name w:val="heading {level}"/><w:aliases w:val="{LEVEL_NAMES[level]}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        f'<w:uiPriority w:val="{level - 1}"/><w:qFormat/>'
        f"<w:pPr><w:keepNext/><w:keepLines/>{page}{border}"
        f'<w:spacing w:before="{before}" w:after="0"/>{centred}'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{underline}</w:rPr>'
        "</w:style>"
    )


def _character_style(style_id: str, name: str, alias: str, looks: str) -> str:
    return (
        f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:aliases w:val="{alias}"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
        f"<w:rPr>{looks}</w:rPr></w:style>"
    )


_NORMAL = (
    f'<w:style {nsdecls("w")} w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/><w:aliases w:val="Normal/Card"/><w:qFormat/>'
    f'<w:rPr><w:rFonts w:ascii="{CARD_FONT}" w:hAnsi="{CARD_FONT}" w:cs="{CARD_FONT}"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>'
)
_STYLES: Final = (
    _NORMAL,
    *(_heading_style(level) for level in (POCKET, HAT, BLOCK, TAG)),
    _character_style(
        "Style13ptBold", CITE_STYLE_NAME, CITE_STYLE, '<w:b/><w:bCs/><w:sz w:val="26"/>'
    ),
    _character_style(
        "StyleUnderline",
        UNDERLINE_STYLE_NAME,
        UNDERLINE_STYLE,
        '<w:b w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/>',
    ),
    # Verbatim's Emphasis is the built-in style, bold and underlined rather than italic.
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="Emphasis">'
    f'<w:name w:val="{EMPHASIS_STYLE_NAME}"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:qFormat/><w:rPr><w:b/><w:i w:val="0"/><w:sz w:val="22"/><w:u w:val="single"/></w:rPr>'
    "</w:style>",
)


# Characters XML 1.0 cannot hold, which Word would refuse to open and lxml refuses to write.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """The text with each character XML cannot hold replaced: every text a Word file is
    given (a paragraph, a run, a property) goes through here."""
    return _NOT_XML.sub("\ufffd", text)


def _set_style(styles: BaseOxmlElement, xml: str) -> None:
    """Put the style `xml` in place of the template's style of its id, or add it."""
    style = parse_xml(xml)
    style_id = style.get(qn("w:styleId"))
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == style_id:
            old.addprevious(style)
            styles.remove(old)
            return
    styles.append(style)


def verbatim_document(
    title: str, author: str, subject: str = "", now: dt.datetime | None = None
) -> DocumentObject:
    """An empty document with Verbatim's styles, its properties saying what it is, who made it
    (the user's name or initials, or no one) and when (`now`, by default this moment)."""
    document = Document()
    styles = document.styles.element
    # The template's body font is its theme's, a serif: card text is Calibri, as Verbatim's.
    for fonts in styles.findall(f"{qn('w:docDefaults')}//{qn('w:rFonts')}"):
        fonts.getparent().remove(fonts)
    for xml in _STYLES:
        _set_style(styles, xml)
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    properties = document.core_properties
    properties.title = xml_text(title)
    properties.subject = xml_text(subject)
    properties.author = xml_text(author)
    properties.last_modified_by = xml_text(author)
    properties.comments = ""
    properties.created = when
    properties.modified = when
    properties.revision = 1
    return document
