"""The Word export in Verbatim's structure, read back with python-docx: headings by level,
cites, card texts and the marked words."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import plain, runs
from workbook.core.model import Card, Workbook
from workbook.core.verbatim import cite_line
from workbook.exports.docx import LIBRARY, READ_SIZE, WordOptions, export
from workbook.exports.verbatim_styles import CITE_STYLE_NAME, UNDERLINE_STYLE_NAME
from workbook.storage.places import seed_path
from workbook.storage.store import load

from .conftest import small_data
from .strategies import workbooks
from .timing import LINEAR, growth
from .verbatim_parser import card_cuts


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_seed_in_verbatims_structure(tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    assert (
        main(["export", str(seed_path()), "--to", "docx", "--ours", "deterrence", "-o", str(out)])
        == 0
    )
    seed = load(seed_path())
    document = docx.Document(str(out))
    # Pockets: the sides, ours first; a block for each claim in each pocket.
    assert headings(document, 1) == ["Deterrence", "Blowback"]
    assert len(headings(document, 3)) == 2 * len(seed.claims)
    sections = list(dict.fromkeys(c.section for c in seed.claims.values()))
    assert headings(document, 2) == sections * 2
    reads = [
        seed.cards[c] for cl in seed.claims.values() for p in cl.points.values() for c in p.cards
    ]
    # A Tag for each card a point reads, for each point (its own, with no cite), and for each
    # claim's quote in each pocket.
    points = [p for cl in seed.claims.values() for p in cl.points.values()]
    assert len(headings(document, 4)) == len(reads) + len(points) + 2 * len(seed.claims)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    # Each card under its Tag: its cite paragraph, the short cite in Verbatim's Cite style, and
    # a Normal paragraph for each paragraph of its text.
    cards = [card for card in reads if not card.is_open]
    assert len([t for t in headings(document, 4) if t in {c.tag for c in cards}]) >= len(cards)
    for card in cards:
        at = texts.index(card.tag)
        cite = paragraphs[at + 1]
        short, rest = cite_line(card)
        assert cite.runs[0].text == short and cite.runs[0].style.name == CITE_STYLE_NAME
        assert cite.text == short + rest
        said = plain(card.text).split(PARAGRAPH_BREAK) if card.text else []
        body = paragraphs[at + 2 : at + 2 + len(said)]
        assert [p.text for p in body] == said
        assert all(p.style.name == "Normal" for p in body)
        if len(said) == 1:
            for run, (marked, words) in zip(body[0].runs, runs(card.text), strict=True):
                assert run.text == words
                assert (run.font.highlight_color == WD_COLOR_INDEX.YELLOW) == marked


def test_the_default_name_is_beside_the_workbook(seed_copy: Path) -> None:
    assert main(["export", str(seed_copy), "--to", "docx"]) == 0
    assert (seed_copy.parent / f"{seed_copy.stem}.docx").is_file()


@settings(max_examples=60, deadline=None)
@given(workbooks())
def test_any_workbook_makes_a_file_word_reads(workbook: Workbook) -> None:
    document = docx.Document(io.BytesIO(export(workbook)))
    read = {c for cl in workbook.claims.values() for p in cl.points.values() for c in p.cards}
    # A pocket for each side, then the cards no point reads, under the pocket of the library.
    library = [LIBRARY] if set(workbook.cards) - read else []
    assert headings(document, 1)[2:] == library
    assert len(headings(document, 3)) == 2 * len(workbook.claims)
    # Nothing but a card's own words follows its cite up to the next heading.
    for cut in card_cuts(document):
        if len(cut) > 1:
            assert cut[0] in {
                docx_text(card.tag) for card in workbook.cards.values() if not card.is_open
            } | {"(untagged card)"}


def test_a_quote_that_closes_with_its_own_quotation_mark_gets_no_second_one(
    small: Workbook,
) -> None:
    small.claims["story"].quote = "Deterrence is “a story told afterwards.”"
    texts = [p.text for p in docx.Document(io.BytesIO(export(small))).paragraphs]
    assert "Deterrence is “a story told afterwards.” ¶3" in texts
    assert not any("””" in text for text in texts)


def card_runs(workbook: Workbook, card_id: str) -> list[docx.text.run.Run]:
    """The runs of the card's text in the Word file: the paragraph after its cite."""
    document = docx.Document(io.BytesIO(export(workbook)))
    paragraphs = document.paragraphs
    at = [p.text for p in paragraphs].index(workbook.cards[card_id].tag)
    return paragraphs[at + 2].runs


def underlined(run: docx.text.run.Run) -> bool:
    """Underlined as Verbatim underlines: by its Underline style, or directly."""
    return bool(run.underline) or run.style.name == UNDERLINE_STYLE_NAME


def test_underlined_and_highlighted_words_are_underlined_and_highlighted(
    small: Workbook,
) -> None:
    small.cards["smith"].text = "The ++strike ==was reckless== and costly++ in C\\++ ==said=="
    shown = [
        (run.text, underlined(run), run.font.highlight_color == WD_COLOR_INDEX.YELLOW,
         run.font.size == READ_SIZE)
        for run in card_runs(small, "smith")
    ]  # fmt: skip
    assert shown == [
        ("The ", False, False, False),
        ("strike ", True, False, True),  # underlined: what matters, at reading size
        ("was reckless", True, True, True),  # highlighted: read aloud
        (" and costly", True, False, True),
        (" in C++ ", False, False, False),  # the source's own "++", no mark
        # Highlighted alone, as the card marks it: a reader of the file gets the card's own
        # marks back, not an underline the card never had.
        ("said", False, True, True),
    ]


def test_a_card_with_nothing_highlighted_is_printed_whole_with_its_underlining(
    small: Workbook,
) -> None:
    small.cards["smith"].text = "Read ++whole++ at reading size"
    runs_shown = card_runs(small, "smith")
    assert [run.text for run in runs_shown] == ["Read ", "whole", " at reading size"]
    assert all(run.font.size == READ_SIZE for run in runs_shown)
    assert [underlined(run) for run in runs_shown] == [False, True, False]
    assert not any(run.font.highlight_color for run in runs_shown)


def docx_text(text: str) -> str:
    """A line as Word gives it back: characters XML cannot hold replaced."""
    from workbook.exports.verbatim_styles import xml_text

    return xml_text(text)


# Verbatim's styles and the document's own properties.


def test_the_styles_are_verbatims(small: Workbook) -> None:
    """The heading styles carry Verbatim's aliases and looks, card text is Calibri, and the
    character styles of a card are there by Verbatim's names: none of python-docx's blue
    headings, italic Tags or serif body."""
    styles = docx.Document(io.BytesIO(export(small))).styles
    aliases = {
        level: styles[f"Heading {level}"].element.find(qn("w:aliases")).get(qn("w:val"))
        for level in (1, 2, 3, 4)
    }
    assert aliases == {1: "Pocket", 2: "Hat", 3: "Block", 4: "Tag"}
    sizes = {level: styles[f"Heading {level}"].font.size for level in (1, 2, 3, 4)}
    assert sizes == {1: Pt(26), 2: Pt(22), 3: Pt(16), 4: Pt(13)}
    for level in (1, 2, 3, 4):
        heading = styles[f"Heading {level}"]
        assert heading.font.bold and not heading.font.italic
        assert heading.font.color.rgb is None and heading.font.color.theme_color is None
        assert bool(heading.paragraph_format.page_break_before) == (level < 4)
    assert styles["Heading 2"].font.underline == WD_UNDERLINE.DOUBLE
    assert styles["Heading 3"].font.underline == WD_UNDERLINE.SINGLE
    assert styles["Normal"].font.name == "Calibri" and styles["Normal"].font.size == Pt(11)
    cite = styles[CITE_STYLE_NAME]
    assert cite.font.bold and cite.font.size == Pt(13)
    assert styles[UNDERLINE_STYLE_NAME].font.underline
    emphasis = styles["Emphasis"]
    assert emphasis.font.bold and emphasis.font.underline and emphasis.font.italic is False
    alias = cite.element.find(qn("w:aliases")).get(qn("w:val"))
    assert alias == "Cite"


def test_the_document_says_what_it_is_who_made_it_and_when(
    small_file: Path, tmp_path: Path
) -> None:
    assert main(["config", "initials", "JD"]) == 0
    out = tmp_path / "small.docx"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert main(["export", str(small_file), "-o", str(out)]) == 0
    properties = docx.Document(str(out)).core_properties
    assert properties.title == "Small"
    assert properties.subject == "This House regrets the strike."
    assert properties.author == properties.last_modified_by == "JD"
    assert properties.comments == ""
    assert properties.created is not None and properties.modified is not None
    assert before <= properties.created.replace(tzinfo=dt.UTC) <= dt.datetime.now(dt.UTC)
    assert properties.modified == properties.created


def test_a_user_with_no_initials_is_no_author(small: Workbook) -> None:
    properties = docx.Document(io.BytesIO(export(small))).core_properties
    assert properties.author == ""
    assert "python-docx" not in (properties.author + properties.comments)


# The layout: points as analytics, answers named, open slots, the library.


def paragraph_texts(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_point_is_a_tag_of_its_own_and_an_answer_names_what_it_answers(
    small: Workbook,
) -> None:
    shown = paragraph_texts(export(small))
    start = shown.index(("Heading 1", "Deterrence"))
    assert shown[start:] == [
        ("Heading 1", "Deterrence"),
        ("Heading 2", "Intro"),
        ("Heading 3", "Strikes backfire"),
        ("Heading 4", "“Strikes bring blowback.” ¶2"),
        ("Heading 4", "A2: Attacks rose. — Not because of it."),
        ("Heading 3", "Deterrence is a story"),
        ("Heading 4", "“Deterrence is a story told afterwards.” ¶3"),
        ("Heading 4", "Counters: It held."),
        ("Heading 4", "☐ evidence needed"),  # an open slot: a Tag and no cite, never a card
    ]
    assert ("Heading 4", "Supports: Attacks rose. (★★★★)") in shown[:start]


def test_the_cards_no_point_reads_come_under_the_headings_they_were_filed_under(
    small: Workbook,
) -> None:
    filed = {"One": ["Aff", "Adv", "Impact"], "Two": ["Aff", "Adv", "Solvency"], "Three": ["Aff"]}
    for tag, under in [*filed.items(), ("Four", [])]:
        small.cards[tag] = Card(tag=tag, author="Ann Lee", date="2020", text="a", filed_under=under)
    shown = paragraph_texts(export(small))
    start = shown.index(("Heading 1", "Aff"))
    headings_after = [(style, text) for style, text in shown[start:] if style != "Normal"]
    assert headings_after == [
        ("Heading 1", "Aff"),
        ("Heading 2", "Adv"),
        ("Heading 3", "Impact"),
        ("Heading 4", "One"),
        ("Heading 3", "Solvency"),
        ("Heading 4", "Two"),
        # Filed under the pocket alone, after a hat: the pocket is named again.
        ("Heading 1", "Aff"),
        ("Heading 4", "Three"),
        ("Heading 1", LIBRARY),
        ("Heading 4", "Four"),
    ]


def test_a_card_whose_cite_gave_no_field_keeps_the_line_its_file_wrote(small: Workbook) -> None:
    small.cards["odd"] = Card(tag="Odd", cited_as="Kritik Collective, zine, spring", text="w")
    small.cards["read"] = Card(
        tag="Read", author="Ann Lee", date="2020", cited_as="Lee 20 [old line]", text="w"
    )
    document = docx.Document(io.BytesIO(export(small)))
    texts = [p.text for p in document.paragraphs]
    odd = document.paragraphs[texts.index("Odd") + 1]
    assert [run.text for run in odd.runs] == ["Kritik Collective", ", zine, spring"]
    assert odd.runs[0].style.name == CITE_STYLE_NAME
    # Fields read from the line are the card's cite: edited in the workbook, they are written.
    read = document.paragraphs[texts.index("Read") + 1]
    assert read.text == "".join(cite_line(small.cards["read"]))


# The options: one side, disclosure.


def test_one_side_alone_is_its_blocks_with_no_pocket(small_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "pro.docx"
    assert main(["export", str(small_file), "--side", "Deterrence", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    assert headings(document, 1) == []  # no library, no other side
    assert headings(document, 3) == ["Strikes backfire", "Deterrence is a story"]
    assert "Supports: Attacks rose. (★★★★)" not in [p.text for p in document.paragraphs]
    assert document.core_properties.title == "Small · Deterrence"


def test_one_side_or_disclosure_is_refused_where_the_format_writes_both(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(small_file.parent.iterdir())
    for asked in (["--side", "pro"], ["--disclosure"]):
        assert main(["export", str(small_file), "--to", "md", *asked]) == 2
        err = capsys.readouterr().err
        assert err == f"{asked[0]}: only --to docx writes it (not md)\n"
    assert main(["export", str(small_file), "--to", "docx", "--side", "nobody"]) == 2
    assert capsys.readouterr().err == "--side: no side 'nobody' (sides: con, pro)\n"
    assert sorted(small_file.parent.iterdir()) == before


def test_a_disclosure_gives_each_cards_first_and_last_words(small: Workbook) -> None:
    words = [f"w{n}" for n in range(60)]
    small.cards["smith"].text = "==" + " ".join(words[:30]) + "==\n\n" + " ".join(words[30:])
    small.cards["short"] = Card(tag="Short", author="Bo Li", date="2020", text="a ==few== words")
    document = docx.Document(io.BytesIO(export(small, WordOptions(disclosure=True))))
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Attacks rose")
    assert texts[at + 1] == "".join(cite_line(small.cards["smith"]))
    assert texts[at + 2 : at + 5] == [" ".join(words[:25]), "AND", " ".join(words[-25:])]
    assert document.paragraphs[at + 5].style.name.startswith("Heading")
    at = texts.index("Short")
    assert texts[at + 2] == "a few words"


# Time: every text path linear in its input.


def one_card(text: str) -> Workbook:
    workbook = Workbook.model_validate(small_data())
    workbook.cards["smith"].text = text
    return workbook


def library_of(count: int) -> Workbook:
    """`count` cards no point reads, filed under headings that change from card to card."""
    workbook = Workbook.model_validate(small_data())
    for number in range(count):
        path = ["Aff", f"Hat {number % 3}", f"Block {number % 7}"][: number % 4]
        workbook.cards[f"c{number}"] = Card(
            tag=f"Tag {number}", author="Ann Lee", date="2020", text="a ==b== c", filed_under=path
        )
    return workbook


EXPORT_SHAPES = {
    "many marks": lambda n: one_card("==a== ++b++ c " * (n // 14)),
    "many paragraphs": lambda n: one_card("a ==b\n\nc== " * (n // 12)),
    "escaped signs": lambda n: one_card("\\=\\+" * (n // 4)),
    "a long card": lambda n: one_card("word " * (n // 5)),
    "a long library": lambda n: library_of(n // 50),
}


@pytest.mark.parametrize("shape", EXPORT_SHAPES)
def test_the_word_export_is_linear(shape: str) -> None:
    ratio = growth(EXPORT_SHAPES[shape], export, size=4_000, enough=0.05)
    assert ratio < LINEAR, f"{shape}: 4 times the input took {ratio:.1f} times as long"


def test_where_reading_stops_is_found_in_linear_time() -> None:
    from workbook.exports.docx import stop_offset

    def text(n: int) -> tuple[str, int]:
        return "a ==b c== " * (n // 10), n // 10

    ratio = growth(text, lambda made: stop_offset(*made), size=10_000)
    assert ratio < LINEAR, f"4 times the card took {ratio:.1f} times as long"


def test_cites_only_leaves_out_the_cards_texts(small_file: Path, tmp_path: Path) -> None:
    """`--cites-only` leaves out the cards' texts in the Word file as in the brief: each card
    its Tag and its cite alone."""
    from workbook.storage.store import save

    small = load(small_file)
    small.cards["smith"].text = "Attacks ==rose== sharply"
    save(small, small_file)
    out = tmp_path / "cites.docx"
    assert main(["export", str(small_file), "--cites-only", "-o", str(out)]) == 0
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    at = paragraphs.index(("Heading 4", "Attacks rose"))
    assert paragraphs[at + 1] == ("Normal", "".join(cite_line(small.cards["smith"])))
    assert paragraphs[at + 2][0].startswith("Heading")
    assert ("Normal", "Attacks rose sharply") not in paragraphs


@settings(max_examples=40, deadline=None)
@given(workbooks(), st.booleans(), st.booleans(), st.booleans())
def test_any_workbook_in_any_layout_makes_a_file_word_reads(
    workbook: Workbook, one_side: bool, disclosure: bool, card_text: bool
) -> None:
    """One side alone, a disclosure, cites only: for any workbook, a file Word reads, whose
    every card cut is a card's own Tag, cite and words."""
    side = next(iter(workbook.sides)) if one_side else None
    options = WordOptions(side=side, disclosure=disclosure, card_text=card_text, author="AB")
    document = docx.Document(io.BytesIO(export(workbook, options)))
    assert len(headings(document, 1)) >= (0 if one_side else 2)
    tags = {docx_text(card.tag) for card in workbook.cards.values()} | {"(untagged card)"}
    for cut in card_cuts(document):
        assert len(cut) == 1 or cut[0] in tags


def test_a_card_read_by_three_points_stands_whole_under_each_in_word(small: Workbook) -> None:
    """Unlike the brief, the Word file keeps each Block self-contained: a card read by three
    points is its Tag, cite and text under each, so a Block copied into a speech carries it and
    the circuit's parsers count every read."""
    small.cards["smith"].text = "Attacks ==rose sharply== after the strike"
    small.claims["blowback"].points["p2"].cards = ["smith"]
    small.claims["story"].points["p1"].cards = ["smith"]
    texts = [p.text for p in docx.Document(io.BytesIO(export(small))).paragraphs]
    assert texts.count("Attacks rose sharply after the strike") == 3
    assert texts.count("".join(cite_line(small.cards["smith"]))) == 3
