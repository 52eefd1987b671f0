"""Reading a squad's Word files in Verbatim's structure into cards: the structure (Pockets,
Hats, Blocks, Tags, cites, analytics), the marks however Word wrote them, Word's quirks, and
the files that cannot be read, each refused in one line."""

from __future__ import annotations

from pathlib import Path

from tests.word_files import (
    MAC_STYLES,
    cite,
    complex_field,
    deleted,
    hyperlink,
    inserted,
    moved_from,
    paragraph,
    run,
    simple_field,
    smart_tag,
    tag,
    text,
    word_file,
)
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import marked_runs
from workbook.core.model import Card
from workbook.core.verbatim import cite_line
from workbook.importing.word_file import read_word

SMITH = (
    "Smith 20",
    " [John Smith, professor of history at Yale, 2020-01-02, “A Title”, The Review,"
    " https://example.org/a, accessed 2026-12-07] //AB",
)


def test_a_tub_is_read_into_its_cards_filed_under_its_headings(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "tub.docx",
        [
            text("Prepared by the squad"),
            text("1AC", "Heading1"),
            text("Advantage one", "Heading2"),
            text("Warming", "Heading3"),
            tag("Warming is real"),
            cite(*SMITH),
            text("The planet is warming."),
            tag("Our own analytic: they drop it"),
            text("An analytic in Verbatim's style", "Analytic"),
            text("Economy", "Heading3"),
            tag("Growth is fine"),
            cite("Jones ND", " [Ann Jones, No Date, “Growth”, The Economist]"),
            text("Growth is fine."),
            text("Neg", "Heading1"),
            tag("Under a Pocket alone"),
            cite("Lee 19", " [Kim Lee, 2019, “Other”, Paper]"),
            text("Words."),
        ],
    )
    read = read_word(path)
    assert [card.tag for card in read.cards] == [
        "Warming is real",
        "Growth is fine",
        "Under a Pocket alone",
    ]
    assert [card.filed_under for card in read.cards] == [
        ["1AC", "Advantage one", "Warming"],
        ["1AC", "Advantage one", "Economy"],
        ["Neg"],
    ]
    assert (read.analytics, read.skipped) == (2, 1)
    first = read.cards[0]
    assert first.model_dump(exclude_defaults=True) == {
        "tag": "Warming is real",
        "author": "John Smith",
        "qualifications": "professor of history at Yale",
        "date": "2020-01-02",
        "title": "A Title",
        "publication": "The Review",
        "url": "https://example.org/a",
        "accessed": "2026-12-07",
        "cutter": "AB",
        "cited_as": "".join(SMITH),
        "filed_under": ["1AC", "Advantage one", "Warming"],
        "text": "The planet is warming.",
    }
    assert read.cards[1].date == "" and read.cards[1].author == "Ann Jones"


def card_file(path: Path, *body: str, short: str = "Smith 20") -> Card:
    """The one card of a file: a Tag, a cite and `body`'s paragraphs."""
    read = read_word(word_file(path, [tag("A tag"), cite(short, SMITH[1]), *body]))
    assert len(read.cards) == 1
    return read.cards[0]


def test_marks_split_across_runs_mid_word_are_joined(tmp_path: Path) -> None:
    card = card_file(
        tmp_path / "split.docx",
        paragraph(
            run("The "),
            run("impor", style="StyleUnderline"),
            run("tant", style="StyleUnderline"),
            run(" wo", style="StyleUnderline", highlight="yellow"),
            run("rds", style="Emphasis", highlight="cyan"),
            run(" are", highlight="green"),
            run(" here."),
        ),
    )
    assert card.text == "The ++important== words++ are== here."


def test_runs_in_links_smart_tags_and_insertions_are_read_and_deletions_are_not(
    tmp_path: Path,
) -> None:
    card = card_file(
        tmp_path / "wrapped.docx",
        paragraph(
            run("Read "),
            hyperlink(run("the link", style="StyleUnderline", highlight="yellow")),
            smart_tag(run(" in Paris", underline="single")),
            inserted(run(" inserted")),
            deleted(" deleted"),
            moved_from(" moved away"),
            run("."),
        ),
    )
    assert card.text == "Read ++==the link== in Paris++ inserted."


def test_a_fields_result_is_read_not_its_code(tmp_path: Path) -> None:
    card = card_file(
        tmp_path / "fields.docx",
        paragraph(
            run("See "),
            simple_field("HYPERLINK https://example.org", run("the page", highlight="yellow")),
            run(" and "),
            complex_field(" PAGE ", "page 4"),
            run("."),
        ),
    )
    assert card.text == "See ==the page== and page 4."


def test_direct_formatting_stands_in_for_the_styles(tmp_path: Path) -> None:
    """A file made without Verbatim's styles: headings by outline level, the short cite in
    bold at 13 pt, underlining and highlighting in any colour set on the runs, and underlining
    taken off a run of an underlined style."""
    path = word_file(
        tmp_path / "direct.docx",
        [
            paragraph(run("Pocket by outline"), outline=0),
            paragraph(run("Block by outline"), outline=2),
            paragraph(run("A tag by outline"), outline=3),
            paragraph(run("Smith 20", bold=True, size=26), run(SMITH[1])),
            paragraph(
                run("under", underline="single"),
                run(" double", underline="double"),
                run(" none", style="StyleUnderline", underline="none"),
                run(" red", highlight="red"),
                run(" dark", highlight="darkBlue"),
                run(" white", highlight="white"),
                run(" off", highlight="none"),
            ),
        ],
        styles=[],
    )
    (card,) = read_word(path).cards
    assert card.filed_under == ["Pocket by outline", "Block by outline"]
    assert card.tag == "A tag by outline"
    assert (card.author, card.date, card.cutter) == ("John Smith", "2020-01-02", "AB")
    assert card.text == "++under double++ none== red dark== white off"


def test_a_file_as_word_for_mac_writes_it(tmp_path: Path) -> None:
    """Styles with the ids of another language's Word, the Cite by its alias alone, a lower
    case underline style, and highlighting written as shading."""
    path = word_file(
        tmp_path / "mac.docx",
        [
            text("Kapitel", "berschrift1"),
            text("Ein Tag", "berschrift4"),
            paragraph(run("Smith 20", style="Zitat13pt"), run(SMITH[1])),
            paragraph(
                run("shaded", fill="FFFF00"),
                run(" white fill", fill="FFFFFF"),
                run(" auto fill", fill="auto"),
                run(" lower", style="underline"),
            ),
        ],
        styles=MAC_STYLES,
    )
    (card,) = read_word(path).cards
    assert (card.tag, card.filed_under, card.author) == ("Ein Tag", ["Kapitel"], "John Smith")
    assert card.text == "==shaded== white fill auto fill++ lower++"


def test_card_text_of_several_paragraphs_list_paragraphs_and_blank_ones(
    tmp_path: Path,
) -> None:
    card = card_file(
        tmp_path / "paragraphs.docx",
        text("First paragraph."),
        text("   "),
        paragraph(),
        text("A point in a list.", "ListParagraph"),
        text("Last."),
    )
    assert card.text == PARAGRAPH_BREAK.join(["First paragraph.", "A point in a list.", "Last."])


def test_a_cite_in_two_paragraphs_is_one_cite(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "two-line.docx",
        [
            tag("A tag"),
            paragraph(run("Roper 15", style="Style13ptBold")),
            text("(Cindy Roper, doctoral student, “Title,” Journal, 3-4-2015, https://x.org/r)"),
            text("The card's words."),
        ],
    )
    (card,) = read_word(path).cards
    assert card.cited_as == (
        "Roper 15 (Cindy Roper, doctoral student, “Title,” Journal, 3-4-2015, https://x.org/r)"
    )
    assert (card.author, card.date, card.title, card.url) == (
        "Cindy Roper",
        "2015-03-04",
        "Title",
        "https://x.org/r",
    )
    assert card.text == "The card's words."


def test_headings_by_styles_based_on_them_and_a_cite_read_by_its_words(tmp_path: Path) -> None:
    based = (
        '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:type="paragraph" w:styleId="MyTag"><w:name w:val="My own tag"/>'
        '<w:basedOn w:val="Heading4"/></w:style>'
    )
    from tests.word_files import VERBATIM_STYLES

    path = word_file(
        tmp_path / "based.docx",
        [
            text("A tag in a style based on Tag", "MyTag"),
            text("Smith ’20 (John Smith, professor, January 2, 2020, “A Title,” Foreign Affairs)"),
            text("The words."),
        ],
        styles=[*VERBATIM_STYLES, based],
    )
    (card,) = read_word(path).cards
    assert card.tag == "A tag in a style based on Tag"
    assert (card.author, card.date, card.publication) == (
        "John Smith",
        "2020-01-02",
        "Foreign Affairs",
    )


def test_a_tags_text_with_no_cite_is_an_analytic_and_its_lines_are_skipped(
    tmp_path: Path,
) -> None:
    read = read_word(
        word_file(
            tmp_path / "analytic.docx",
            [tag("They have no warrant"), text("Extend our point: it stands.")],
        )
    )
    assert (read.cards, read.analytics, read.skipped) == ([], 1, 1)


# The export's own form reads back card for card.


def exported_card(path: Path, card: Card) -> Path:
    """`card` written as the Word export writes it: a Tag, the cite line of `cite_line` with
    its short cite in the Cite style, and the text's paragraphs with their marks as runs."""
    short, rest = cite_line(card)
    body = []
    for words in card.text.split(PARAGRAPH_BREAK):
        runs = [
            run(
                piece.words,
                style="StyleUnderline" if piece.underlined else "",
                highlight="yellow" if piece.highlighted else "",
            )
            for piece in marked_runs(words)
        ]
        body.append(paragraph(*runs))
    return word_file(path, [tag(card.tag), cite(short, rest), *body])


def test_a_card_as_the_export_writes_it_reads_back_the_same(tmp_path: Path) -> None:
    card = Card(
        tag="Sanctions fail",
        author="Jane Smith and Li Wei",
        qualifications="professor of economics, Columbia",
        date="2021-03-04",
        title="Why Sanctions Fail, Again",
        publication="Foreign Affairs",
        url="https://example.org/sanctions",
        accessed="2026-12-07",
        cutter="AB",
        text="Sanctions ++rarely ==work==++.\n\nThey ==harden== regimes, C\\++ and all.",
    )
    (read,) = read_word(exported_card(tmp_path / "export.docx", card)).cards
    assert read.model_dump(exclude={"cited_as"}) == card.model_dump(exclude={"cited_as"})
    assert read.cited_as == "".join(cite_line(card))


def test_underlining_comes_through_the_style_chains_but_not_from_the_paragraph_mark(
    tmp_path: Path,
) -> None:
    """A paragraph style that underlines, a character style based on the Underline style, and
    a paragraph whose mark alone (w:pPr/w:rPr) is formatted, which formats no run."""
    from tests.word_files import NAMESPACES, VERBATIM_STYLES

    styles = [
        *VERBATIM_STYLES,
        f'<w:style {NAMESPACES} w:type="paragraph" w:styleId="Underlined">'
        '<w:name w:val="Card underlined"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>',
        f'<w:style {NAMESPACES} w:type="character" w:styleId="Mine">'
        '<w:name w:val="Mine"/><w:basedOn w:val="StyleUnderline"/></w:style>',
    ]
    mark_only = (
        f'<w:p {NAMESPACES}><w:pPr><w:rPr><w:rStyle w:val="StyleUnderline"/>'
        '<w:highlight w:val="yellow"/></w:rPr></w:pPr>'
        f"{run('mark only')}</w:p>"
    )
    path = word_file(
        tmp_path / "chains.docx",
        [
            tag("A tag"),
            cite(*SMITH),
            paragraph(run("by paragraph "), run("not", underline="none"), style="Underlined"),
            paragraph(run("by chain", style="Mine")),
            mark_only,
        ],
        styles=styles,
    )
    (card,) = read_word(path).cards
    assert card.text == PARAGRAPH_BREAK.join(["++by paragraph ++not", "++by chain++", "mark only"])


def test_a_compatibility_blocks_fallback_is_read_once(tmp_path: Path) -> None:
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        f"{run('choice')}</mc:Choice><mc:Fallback>{run('fallback', highlight='yellow')}"
        "</mc:Fallback></mc:AlternateContent>"
    )
    card = card_file(tmp_path / "alternate.docx", paragraph(run("Read the "), alternate))
    assert card.text == "Read the ==fallback=="


def test_a_cite_with_no_style_is_read_by_its_words_only_with_text_after_it(
    tmp_path: Path,
) -> None:
    long_cite = (
        "Jonathan Smith, Distinguished Professor of Political Science and International Affairs"
        " at the Massachusetts Institute of Technology and Senior Fellow, 3-4-2020, “Title”"
    )
    read = read_word(
        word_file(
            tmp_path / "unstyled.docx",
            [
                tag("A card whose cite has no style"),
                text(long_cite),
                text("The card's words."),
                tag("An analytic with a note"),
                text("They conceded this in 2020; extend it."),
            ],
        )
    )
    assert [(card.tag, card.date, card.text) for card in read.cards] == [
        ("A card whose cite has no style", "2020-03-04", "The card's words.")
    ]
    assert (read.analytics, read.skipped) == (1, 1)


def test_styles_the_file_does_not_define_are_read_by_their_ids(tmp_path: Path) -> None:
    """Text pasted from a Verbatim file keeps its styles' ids even where the file has none of
    their definitions: Verbatim's ids say what they are."""
    path = word_file(
        tmp_path / "undefined.docx",
        [
            text("A tag", "Heading4"),
            paragraph(run("Jane "), run("Smith 20", style="Style13ptBold"), run(", professor")),
            paragraph(run("underlined", style="StyleUnderline"), run(" plain")),
        ],
        styles=[],
    )
    (card,) = read_word(path).cards
    assert (card.author, card.date, card.text) == ("Jane Smith", "2020", "++underlined++ plain")
