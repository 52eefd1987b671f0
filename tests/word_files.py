"""Word files made at test time as Word and Verbatim write them: a package python-docx makes,
its styles and paragraphs written as raw XML where python-docx has no way to say them (a
style's alias, a run inside a link or a smart tag, a tracked change, a field, shading).

`paragraph` and `run` write WordprocessingML; `word_file` puts paragraphs and styles into a
real .docx. The Verbatim styles are Verbatim 6's: the built-in headings renamed Pocket, Hat,
Block and Tag by alias, and the character styles "Style 13 pt Bold" (Cite), "Style Underline"
(Underline) and Emphasis.

`write_tub` builds a squad's tub the simple way, with python-docx's own headings: Pockets,
Hats and Blocks above Tags, a cite and a card's text under each Tag.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACES = f'xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="{MC}"'


def heading_style(style_id: str, name: str, alias: str, level: int, based_on: str = "") -> str:
    aliases = f'<w:aliases w:val="{alias}"/>' if alias else ""
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style {NAMESPACES} w:type="paragraph" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{aliases}{base}<w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:sz w:val="{34 - 2 * level}"/></w:rPr></w:style>'
    )


def character_style(style_id: str, name: str, alias: str, properties: str) -> str:
    aliases = f'<w:aliases w:val="{alias}"/>' if alias else ""
    return (
        f'<w:style {NAMESPACES} w:type="character" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{aliases}<w:basedOn w:val="DefaultParagraphFont"/>'
        f"<w:rPr>{properties}</w:rPr></w:style>"
    )


VERBATIM_STYLES = [
    heading_style("Heading1", "heading 1", "Pocket", 1),
    heading_style("Heading2", "heading 2", "Hat", 2),
    heading_style("Heading3", "heading 3", "Block", 3),
    heading_style("Heading4", "heading 4", "Tag", 4),
    character_style("Style13ptBold", "Style 13 pt Bold", "Cite", '<w:b/><w:sz w:val="26"/>'),
    character_style("StyleUnderline", "Style Underline", "Underline", '<w:u w:val="single"/>'),
    character_style("Emphasis", "Emphasis", "", '<w:b/><w:i w:val="0"/><w:u w:val="single"/>'),
    (
        f'<w:style {NAMESPACES} w:type="paragraph" w:customStyle="1" w:styleId="Analytic">'
        '<w:name w:val="Analytic"/><w:basedOn w:val="Heading4"/></w:style>'
    ),
]
# Word for Mac in German: the built-in headings' ids in its language, the Cite style by its
# alias alone, and an underline style named in lower case.
MAC_STYLES = [
    heading_style("berschrift1", "heading 1", "Pocket", 1),
    heading_style("berschrift2", "heading 2", "Hat", 2),
    heading_style("berschrift3", "heading 3", "Block", 3),
    heading_style("berschrift4", "heading 4", "Tag", 4),
    character_style("Zitat13pt", "Zitat 13 pt", "Cite", '<w:b/><w:sz w:val="26"/>'),
    character_style("underline", "underline", "", '<w:u w:val="single"/>'),
]


def run(
    text: str,
    *,
    style: str = "",
    underline: str = "",
    highlight: str = "",
    fill: str = "",
    bold: bool = False,
    size: int = 0,
) -> str:
    """A w:r: its character style by id, direct underline ("single", "none"), highlight colour,
    shading fill, bold and size in half-points."""
    properties = "".join(
        [
            f'<w:rStyle w:val="{style}"/>' if style else "",
            "<w:b/>" if bold else "",
            f'<w:sz w:val="{size}"/>' if size else "",
            f'<w:highlight w:val="{highlight}"/>' if highlight else "",
            f'<w:u w:val="{underline}"/>' if underline else "",
            f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "",
        ]
    )
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(*content: str, style: str = "", outline: int | None = None) -> str:
    """A w:p of runs (or any inline XML), in a paragraph style by id, perhaps with an outline
    level of its own (0 for a Pocket)."""
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    )
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p {NAMESPACES}>{ppr}{''.join(content)}</w:p>"


def text(words: str, style: str = "") -> str:
    """A paragraph of plain runs."""
    return paragraph(run(words), style=style)


def hyperlink(*runs: str) -> str:
    return f'<w:hyperlink r:id="rId99" w:history="1">{"".join(runs)}</w:hyperlink>'


def smart_tag(*runs: str) -> str:
    content = "".join(runs)
    return f'<w:smartTag w:uri="urn:schemas-microsoft-com" w:element="place">{content}</w:smartTag>'


def inserted(*runs: str) -> str:
    return f'<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">{"".join(runs)}</w:ins>'


def deleted(words: str) -> str:
    return (
        '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
        f'<w:delText xml:space="preserve">{escape(words)}</w:delText></w:r></w:del>'
    )


def moved_from(words: str) -> str:
    return (
        f'<w:moveFrom w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z">{run(words)}</w:moveFrom>'
    )


def simple_field(instruction: str, *runs: str) -> str:
    return f"<w:fldSimple w:instr={quoteattr(instruction)}>{''.join(runs)}</w:fldSimple>"


def complex_field(instruction: str, result: str) -> str:
    """A field as Word writes most: its code between begin and separate, its result after."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def word_bytes(paragraphs: Iterable[str], styles: Iterable[str] = VERBATIM_STYLES) -> bytes:
    """A .docx's bytes: python-docx's blank document, its styles of the same ids replaced by
    `styles`, its body these paragraphs."""
    document = Document()
    styles_element = document.styles.element
    for xml in styles:
        style = parse_xml(xml)
        style_id = style.get(qn("w:styleId"))
        for old in styles_element.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == style_id:
                styles_element.remove(old)
        styles_element.append(style)
    body = document.element.body
    for old in list(body):
        if old.tag == qn("w:p"):
            body.remove(old)
    section = body.find(qn("w:sectPr"))
    for xml in paragraphs:
        element = parse_xml(xml)
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word_file(
    path: Path, paragraphs: Iterable[str], styles: Iterable[str] = VERBATIM_STYLES
) -> Path:
    path.write_bytes(word_bytes(paragraphs, styles))
    return path


def tag(words: str) -> str:
    return text(words, "Heading4")


def cite(short: str, rest: str) -> str:
    """A cite paragraph as Verbatim writes it: the short cite in the Cite style."""
    return paragraph(run(short, style="Style13ptBold"), run(rest))


def encrypted_office_file() -> bytes:
    """An Office file locked with a password as Office writes one: an OLE compound file whose
    root holds the streams EncryptionInfo and EncryptedPackage (empty here: what tells it is
    the directory). One sector of allocation table, one of directory, 512 bytes each."""
    end, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")  # minor version
    header[26:28] = (3).to_bytes(2, "little")  # major version: 512-byte sectors
    header[28:30] = b"\xfe\xff"  # little-endian
    header[30:32] = (9).to_bytes(2, "little")  # sector size 2**9
    header[32:34] = (6).to_bytes(2, "little")  # mini sector size 2**6
    header[44:48] = (1).to_bytes(4, "little")  # one allocation table sector
    header[48:52] = (1).to_bytes(4, "little")  # the directory starts at sector 1
    header[56:60] = (4096).to_bytes(4, "little")  # mini stream cutoff
    header[60:64] = end.to_bytes(4, "little")  # no mini allocation table
    header[68:72] = end.to_bytes(4, "little")  # no more DIFAT sectors
    header[76:80] = (0).to_bytes(4, "little")  # the allocation table is sector 0
    header[80:512] = b"\xff" * 432
    table = bytearray(b"\xff" * 512)
    table[0:4] = fat_sector.to_bytes(4, "little")
    table[4:8] = end.to_bytes(4, "little")

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        data = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        data[0 : len(encoded)] = encoded
        data[64:66] = len(encoded).to_bytes(2, "little")
        data[66] = kind  # 5 the root, 2 a stream
        data[67] = 1  # black
        data[68:72] = no_stream.to_bytes(4, "little")
        data[72:76] = right.to_bytes(4, "little")
        data[76:80] = child.to_bytes(4, "little")
        data[116:120] = end.to_bytes(4, "little")
        return bytes(data)

    directory = (
        entry("Root Entry", 5, 1, no_stream)
        + entry("EncryptionInfo", 2, no_stream, 2)
        + entry("EncryptedPackage", 2, no_stream, no_stream)
        + bytes(128)
    )
    return bytes(header) + bytes(table) + directory


# A page of a tub: a Tag, a cite, and about 450 words of card text in three paragraphs, marked
# as the circuit marks a card: most of it underlined in short stretches, some highlighted.
_WORDS = [
    "the",
    "economy",
    "sanctions",
    "regime",
    "policy",
    "evidence",
    "growth",
    "warming",
    "nuclear",
    "deterrence",
    "alliance",
    "trade",
    "report",
    "shows",
    "that",
    "because",
    "therefore",
    "however",
    "analysts",
    "expect",
    "risk",
]


def card_page(number: int) -> list[str]:
    """One page of a tub as Word saves it: each run and paragraph with its revision ids, the
    words not underlined shrunk to 8 pt, and a spelling mark here and there."""
    paragraphs = [
        tag(f"Card {number}: sanctions fail because regimes adapt"),
        cite(f"Smith {number % 30:02d}", SMITH_REST),
    ]
    for part in range(3):
        runs = []
        for stretch in range(25):
            words = " ".join(_WORDS[(number + part + stretch + k) % len(_WORDS)] for k in range(6))
            kind = (number + stretch) % 4
            runs.append(
                run(
                    words + " ",
                    style=("StyleUnderline", "Emphasis", "", "StyleUnderline")[kind],
                    highlight="cyan" if kind == 3 else "",
                    size=16 if kind == 2 else 0,
                ).replace("<w:r>", f'<w:r w:rsidRPr="00{number % 97:02d}A{stretch:03d}">')
            )
            if stretch % 9 == 0:
                runs.append('<w:proofErr w:type="spellStart"/>')
        paragraphs.append(
            paragraph(*runs).replace("<w:p ", f'<w:p w:rsidR="00{part}B{number:04d}" ', 1)
        )
    return paragraphs


SMITH_REST = (
    " [John Smith, professor of economics at Yale, 2020-01-02, “Why Sanctions Fail”,"
    " Foreign Affairs, https://example.org/a, accessed 2026-12-07] //AB"
)


def tub(pages: int) -> bytes:
    """A Word file of `pages` pages of cards, under a Pocket, Hats and Blocks."""
    body = [text("1AC", "Heading1")]
    for number in range(pages):
        if number % 50 == 0:
            body.append(text(f"Advantage {number // 50 + 1}", "Heading2"))
        if number % 10 == 0:
            body.append(text(f"Block {number // 10 + 1}", "Heading3"))
        body += card_page(number)
    return word_bytes(body)


# A tub written with python-docx's own heading styles, as a squad's simplest file is.
@dataclass(frozen=True)
class WordCard:
    tag: str
    cite: str  # the cite paragraph, whole
    # The card's text as runs: (words, underlined, highlighted).
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)


def write_tub(path: Path, filed: list[tuple[int, str] | WordCard | str]) -> Path:
    """A Word file of headings (level, text), cards, and analytics (a bare str: a Tag with no
    cite after it), in order."""
    document = Document()
    for item in filed:
        if isinstance(item, tuple):
            document.add_heading(item[1], item[0])
        elif isinstance(item, str):
            document.add_heading(item, 4)
        else:
            document.add_heading(item.tag, 4)
            document.add_paragraph(item.cite)
            paragraph = document.add_paragraph()
            for words, underlined, highlighted in item.runs:
                run = paragraph.add_run(words)
                run.underline = underlined
                if highlighted:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.save(str(path))
    return path


SMITH = WordCard(
    "Strikes win wages",
    "Smith 21 [Jane Smith, professor of labor history, 2021, “Strikes”, The Review]",
    [("Workers who ", False, False), ("strike win", True, True), (" higher wages.", False, False)],
)
JONES = WordCard(
    "Strikes end fast",
    "Jones 19 [Tom Jones, economist, 2019]",
    [("Most strikes end ", False, False), ("within a week", True, False), (".", False, False)],
)
LEE = WordCard(
    "Wages stall", "Lee 20 [Ann Lee, 2020]", [("Wages stall after strikes.", False, True)]
)

# A tub: a Pocket, a Hat and a Block above two cards and an analytic; a second Block with one.
TUB: list[tuple[int, str] | WordCard | str] = [
    (1, "Aff Answers"),
    (2, "Strikes"),
    (3, "AT: Strikes backfire"),
    SMITH,
    "No link: the strike was local",
    JONES,
    (3, "AT: Wages"),
    LEE,
]
