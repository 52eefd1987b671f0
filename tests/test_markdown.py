"""Reading Markdown: the blocks CommonMark finds, each paragraph the file's own characters, and
a reading time that grows with the file, not faster."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.timing import growth
from workbook.importing.document import Document
from workbook.importing.markdown import read_markdown


def test_a_block_quote_gives_its_paragraphs_without_their_marks() -> None:
    document = read_markdown(
        "Before.\n\n> The fare box covers\n> a third of *running* costs.\n>\n"
        "> ## Quoted heading\n>\n> - a quoted item\n\nAfter.\n"
    )
    assert document == Document(
        [
            "Before.",
            "The fare box covers a third of *running* costs.",
            "Quoted heading",
            "- a quoted item",
            "After.",
        ],
        [3],
    )


def test_an_indented_paragraph_is_a_paragraph_not_code() -> None:
    # Essays indent the first line of a paragraph, by four spaces or a tab.
    document = read_markdown(
        "# Title\n\n    The fare box covers\na third.\n\n\tEleven seconds\na passenger.\n"
    )
    assert document.paragraphs == ["The fare box covers a third.", "Eleven seconds a passenger."]


def test_a_fence_gives_its_text_without_the_fences() -> None:
    document = read_markdown(
        "Intro.\n\n```text\nA quoted passage\nover two lines.\n\nAnd one more.\n```\n"
    )
    assert document.paragraphs == [
        "Intro.",
        "A quoted passage over two lines.",
        "And one more.",
    ]


def test_a_table_gives_a_paragraph_a_row_as_written() -> None:
    document = read_markdown(
        "| Year | Fare |\n|------|-----:|\n| 2019 | 2.50 \\| 3.00 |\n\n"
        "> | Quoted | row |\n> |---|---|\n"
    )
    assert document.paragraphs == [
        "| Year | Fare |",
        "| 2019 | 2.50 \\| 3.00 |",
        "| Quoted | row |",
    ]


def test_html_is_kept_as_written_unless_it_holds_no_text() -> None:
    document = read_markdown(
        '<!-- a note to self -->\n\n<div align="center">\n\n**Free buses**\n\n</div>\n\n'
        "<p>A paragraph in <em>HTML</em>.</p>\n\nText with <b>inline</b> tags.\n"
    )
    assert document.paragraphs == [
        "**Free buses**",
        "<p>A paragraph in <em>HTML</em>.</p>",
        "Text with <b>inline</b> tags.",
    ]


def test_notes_and_escapes_are_kept_as_written() -> None:
    document = read_markdown(
        "Fares[^1] &amp; \\*costs\\*.\n\n[1]: Harbour Courier, 2024\n\n[^1]: Ibid.\n"
    )
    assert document.paragraphs == [
        "Fares[^1] &amp; \\*costs\\*.",
        "[1]: Harbour Courier, 2024",
        "[^1]: Ibid.",
    ]


def test_list_items_nested_or_numbered_are_a_paragraph_each() -> None:
    document = read_markdown(
        "1. First\n2) Second\n   continued\n\n- a\n  - b\n    - c\n\n  more of a\n\n007. Bond\n"
    )
    assert document.paragraphs == [
        "1. First",
        "2) Second continued",
        "- a",
        "- b",
        "- c",
        "more of a",
        "007. Bond",
    ]


def test_a_rule_under_a_list_item_is_a_break_not_a_heading() -> None:
    assert read_markdown("- item\n---\n\nText\n").headings == []


@pytest.mark.parametrize(
    "nested",
    [
        ">" * 150 + " Deep.\n\nAfter.\n",
        "".join("  " * depth + "- item\n" for depth in range(150)) + "\nAfter.\n",
    ],
    ids=["block quotes", "lists"],
)
def test_nesting_deeper_than_the_parser_reads_loses_no_text(nested: str) -> None:
    """Past its nesting limit markdown-it-py drops the rest of the document: the reader keeps
    the text as plain paragraphs instead."""
    document = read_markdown("---\ntitle: Deep\n---\n" + nested)
    assert document.paragraphs[-1] == "After."
    assert "".join(document.paragraphs).count("Deep.") == nested.count("Deep.")
    assert "".join(document.paragraphs).count("item") == nested.count("item")
    assert document.title == "Deep"


# A document of lines: some are markup alone, the rest a block's marks and then words (with
# inline markup between them). A word is text wherever it stands.
WORDS = [f"w{n}" for n in range(6)]
markup_line = st.sampled_from(
    ["", "", "---", "===", "***", "```", "~~~", "<div>", "<!-- c -->", "|---|---|", ">", "-", "#"]
)
text_line = st.builds(
    lambda marks, words: marks + "".join(words),
    st.sampled_from(
        ["", "", "# ", "## ", "- ", "  - ", "1. ", "> ", ">> ", "> - ", "    ", "\t", "| "]
    ),
    st.lists(
        st.sampled_from(
            [*WORDS, " ", " ", " | ", "*", "_", "`", "\\", "[", "](", "&amp;", "<b>", "</b>", "  "]
        ),
        min_size=1,
        max_size=10,
    ),
)


def subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(character in rest for character in part)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(markup_line, text_line), min_size=1, max_size=30))
def test_every_word_is_kept_and_every_paragraph_is_the_files_own(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    document = read_markdown(text)
    read = [document.title, *document.paragraphs]
    if not text.startswith("---"):  # a front matter's other fields are left out
        for word in WORDS:
            assert text.count(word) == sum(part.count(word) for part in read), word
    # In order, and character for character: only white space and block marks are left out.
    assert subsequence("".join("".join(read).split()), "".join(text.split()))
    for paragraph in document.paragraphs:
        assert paragraph and paragraph == " ".join(paragraph.split())


# Markdown that a careless parser reads in quadratic time, made n characters long. The deeply
# nested shapes stay inside markdown-it-py's nesting limit; those "on one line" go past it, to
# the plain reading that keeps their text.
SHAPES: dict[str, Callable[[int], str]] = {
    "heading with runs of spaces": lambda n: "# x" + " " * (n // 2) + "y" + " " * (n // 2) + "#\n",
    "closed heading": lambda n: "#" + " " * (n // 2) + "###" + " " * (n // 2) + "x\n",
    "underlined heading": lambda n: "x\n" + "=" * (n // 2) + " " * (n // 2) + "\n",
    "runs of punctuation": lambda n: "*_[`<!>|\\-~#(" * (n // 15) + "\n",
    "lines of punctuation": lambda n: "*_[`<!>|\\-~#(\n" * (n // 15),
    "one huge paragraph": lambda n: "word *word* [word](x) " * (n // 22) + "\n",
    "one huge paragraph of lines": lambda n: "word *word* [word](x)\n" * (n // 22),
    "deeply nested lists": lambda n: "".join("  " * (i % 45) + "- item\n" for i in range(n // 52)),
    "nested lists on one line": lambda n: "- " * (n // 2) + "x\n",
    "deeply nested block quotes": lambda n: (">" * 90 + " x\n") * (n // 93),
    "block quotes on one line": lambda n: "> " * (n // 2) + "x\n",
    "wide table": lambda n: (
        "| a " * (n // 12) + "|\n" + "|---" * (n // 12) + "|\n" + "| 1 " * (n // 12) + "|\n"
    ),
    "long table": lambda n: "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * (n // 10),
    "unclosed fences": lambda n: "```\n~~~\n" * (n // 8),
    "unclosed comments": lambda n: "<!--" * (n // 4) + "\n",
    "front matter": lambda n: "---\n" + "key: value\n" * (n // 11) + "---\nText.\n",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_reading_time_grows_with_the_text_not_faster(shape: str) -> None:
    """The time for 4n characters against the time for n: about 4 when reading is linear, 16
    when quadratic. n grows until the short text takes long enough to time."""
    ratio = growth(SHAPES[shape], read_markdown)
    assert ratio < 10, f"{shape}: 4 times the text took {ratio:.1f} times as long"
