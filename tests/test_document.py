"""Reading a document: encodings, the kinds of source, and paragraphs that are the source's own
characters."""

from __future__ import annotations

import encodings
import encodings.aliases
import pkgutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbook.essay.paragraphs import split_paragraphs
from workbook.importing.decoding import decode_document
from workbook.importing.document import Document, clean, partial_date
from workbook.importing.markdown import read_markdown
from workbook.importing.source import document_kind, read_document
from workbook.importing.webpage import ATTRIBUTES, read_webpage, without_crowding
from workbook.storage.files import WorkbookError


def one_a_line(document: Document) -> str:
    """The essay's text as a new workbook writes it."""
    return "".join(f"{paragraph}\n" for paragraph in document.paragraphs)


# Curly quotes, an accented letter, an en and an em dash: what Windows-1252 holds beyond ASCII.
TEXT = "“Fares,” said the café owner — ‘never’ – free.\nA second paragraph.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252"],
)
def test_each_encoding_is_decoded(tmp_path: Path, encoded: bytes) -> None:
    assert decode_document(encoded, "x.txt") == TEXT
    path = tmp_path / "essay.txt"
    path.write_bytes(encoded)
    assert read_document(path).paragraphs == TEXT.splitlines()


def page(charset_tag: str, body: str) -> str:
    sentence = "A sentence long enough to be taken for the article of a page that has one. "
    return (
        f"<!DOCTYPE html><html><head>{charset_tag}<title>Page</title></head><body><article>"
        f"<p>{body}</p><p>{sentence * 3}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("tag", "codec"),
    [
        ('<meta charset="koi8-r">', "koi8-r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
        ("<meta charset='ISO-8859-1'>", "cp1252"),  # as browsers read it
    ],
)
def test_a_page_is_read_in_the_charset_it_declares(tmp_path: Path, tag: str, codec: str) -> None:
    words = "Привет, мир." if codec == "koi8-r" else "“Le café” — ‘bon’."
    path = tmp_path / "page.html"
    path.write_bytes(page(tag, words).encode(codec))
    assert read_document(path).paragraphs[0] == words


def test_a_wrong_declaration_falls_back_to_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page('<meta charset="us-ascii">', "Café — ok").encode("utf-8"))
    assert read_document(path).paragraphs[0] == "CafÃ© â€” ok"  # what a browser shows too
    path.write_bytes(page('<meta charset="no-such-codec">', "Café — ok").encode("utf-8"))
    assert read_document(path).paragraphs[0] == "Café — ok"


def test_a_tag_keeps_its_first_attributes_and_the_page_the_rest() -> None:
    crowded = " ".join(f'a{number}="{number}"' for number in range(ATTRIBUTES + 100))
    kept = " ".join(f'a{number}="{number}"' for number in range(ATTRIBUTES))
    html = f'<p class="x" id=y>A</p><div {crowded} />B<br/><i a="<b c d">C</i>'
    assert (
        without_crowding(html) == f'<p class="x" id=y>A</p><div {kept} />B<br/><i a="<b c d">C</i>'
    )
    article = "<p>" + "The strike was reckless, and it brought blowback on every side. " * 4
    html = f"<html><body><article><div {crowded}>{article}</p></div></article></body></html>"
    assert read_webpage(html, "page.html").paragraphs == [article[3:].strip()]


@pytest.mark.parametrize(
    "label",
    [
        "punycode",
        "undefined",
        "rot13",
        "unicode_escape",
        "utf-7",
        "idna",
        "hex",
        "base64",
        "zlib",
        "uu",
        "palmos",
        "utf-16-le",
    ],
)
def test_a_charset_no_page_is_written_in_is_read_as_if_undeclared(
    tmp_path: Path, label: str
) -> None:
    """Python has codecs that are no web page's charset; some fail on any text in ways of their
    own. Such a declaration is passed over, as a browser passes over what it does not know."""
    for words in ("Plain words, a \\backslash\\ and +AGEAYQ-.", "“Le café” — ‘bon’."):
        path = tmp_path / "page.html"
        path.write_bytes(page(f'<meta charset="{label}">', words).encode())
        assert read_document(path).paragraphs[0] == words


# Every codec Python has, by the name of its module, and each of their other names.
CODECS = sorted(
    {module.name for module in pkgutil.iter_modules(encodings.__path__)}
    | set(encodings.aliases.aliases)
)


@pytest.mark.parametrize("codec", CODECS)
def test_no_charset_a_page_declares_fails_but_in_one_line(codec: str) -> None:
    for words in ("Plain words.", "“Le café” — ‘bon’.", "\u4e2d\u6587"):
        for encoded in (words.encode(), words.encode("utf-16-le")):
            raw = page(f'<meta charset="{codec}">', "").encode() + encoded
            try:
                assert decode_document(raw, "page.html")
            except WorkbookError as error:
                assert "\n" not in str(error) and str(error).startswith("page.html")


def test_a_page_in_utf16_and_one_with_an_xml_declaration(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(b"\xff\xfe" + page("", "Deux — mots").encode("utf-16-le"))
    assert read_document(path).paragraphs[0] == "Deux — mots"
    xhtml = '<?xml version="1.0" encoding="UTF-8"?>\n' + page("", "XHTML — kept")
    path.write_bytes(xhtml.encode("utf-8"))
    assert read_document(path).paragraphs[0] == "XHTML — kept"


def test_the_kind_is_told_by_name_then_by_content() -> None:
    assert document_kind("a.htm", "plain words") == "html"
    assert document_kind("a.md", "<p>inline html in markdown</p>") == "markdown"
    assert document_kind("standard input", "\ufeff  <!doctype html><p>x") == "html"
    assert document_kind("a.txt", "Words\n<p>a paragraph</p>") == "html"
    assert document_kind("a.txt", "Intro\n\n## A heading\n\nText") == "markdown"
    assert document_kind("a.txt", "#1 reason: no space after the hash") == "text"


def test_markdown_front_matter_gives_the_cite() -> None:
    document = read_markdown(
        '---\ntitle: "Free buses"\nauthor: Maren Østby\ndate: 2024-03-18T07:00:00Z\n'
        "tags:\n  - transport\n---\nThe fare box.\n\n# Later heading #\n\nEnd.\n"
    )
    assert document == Document(
        ["The fare box.", "Later heading", "End."],
        [2],
        title="Free buses",
        author="Maren Østby",
        date="2024-03-18",
    )
    broken = read_markdown("---\nNot yaml at all\n---\n\nText.\n")
    assert broken.paragraphs == ["Not yaml at all", "Text."]


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-03-18", "2024-03-18"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2024-03-18 10:00", "2024-03-18"),
        ("2024-02-30", ""),
        ("2024-13", ""),
        ("18 March 2024", ""),
        ("20240318", ""),
        ("", ""),
    ],
)
def test_a_date_is_kept_only_when_it_is_a_date(value: str, date: str) -> None:
    assert partial_date(value) == date


def test_white_space_is_one_space_and_every_other_character_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(
        "\ufeff\ufeffA\u00a0\u00a0no-break,\tتب e\u0301 👩\u200d💻\u2028split?\ufeff\n"
        "  \u3000 \n[x] *y* <b>\n",
        encoding="utf-8",
    )
    document = read_document(path)
    # A line separator ends a line, as it does for the essay's reader.
    assert document.paragraphs == ["A no-break, تب e\u0301 👩\u200d💻", "split?", "[x] *y* <b>"]
    assert split_paragraphs(one_a_line(document)) == document.paragraphs


@given(st.text(st.sampled_from(" \t\n\u00a0\ufeffx"), max_size=30))
def test_a_paragraph_loses_its_marks_and_spaces_at_either_end(text: str) -> None:
    """As stripping the marks and the spaces in turns until neither is left would."""
    expected = " ".join(text.split())
    while expected[:1] == "\ufeff" or expected[-1:] == "\ufeff":
        expected = expected.strip("\ufeff").strip()
    assert clean(text) == expected


def test_errors_are_one_line_and_name_the_source() -> None:
    with pytest.raises(WorkbookError) as caught:
        decode_document(b"\x00\x00\x00\x00", "standard input")
    assert str(caught.value) == "standard input: holds binary data, not text"
    with pytest.raises(WorkbookError, match=r"^x\.txt: looks like a ZIP archive"):
        decode_document(b"PK\x03\x04rest", "x.txt")


# Paragraph texts with any character but line breaks, controls (tabs aside) and a leading "#" or
# a "<" (which would make the file read as Markdown or HTML).
paragraph_texts = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufeff<"),
        st.sampled_from(" \t\u00a0\u2009\u3000"),
    ),
    max_size=30,
).filter(lambda t: t.strip(" \t") and not t.lstrip().startswith("#"))


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph_texts, min_size=1, max_size=8))
def test_paragraphs_written_as_text_come_back(texts: list[str]) -> None:
    data = "".join(f"{t}\n" for t in texts).encode("utf-8")
    assume(not data.startswith((b"%PDF-", b"GIF8", b"{\\rtf", b"SQLite")))
    expected = [" ".join(t.split()) for t in texts if t.split()]
    assume(expected)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essay.txt"
        path.write_bytes(data)
        document = read_document(path)
    assert document.paragraphs == expected
    assert split_paragraphs(one_a_line(document)) == expected
