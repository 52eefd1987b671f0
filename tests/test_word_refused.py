"""Word files read in spite of themselves, or refused: a file that is no Word document it can
read is one line; reading grows linearly with the file however hostile its text; and any file
Word can hold reads into whole cards."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.timing import LINEAR, growth
from tests.word_files import (
    SMITH_REST,
    cite,
    encrypted_office_file,
    paragraph,
    run,
    tag,
    text,
    word_bytes,
    word_file,
)
from workbook.core.model import Card
from workbook.importing import word_package
from workbook.importing.word_file import read_word
from workbook.storage.files import WorkbookError

SMITH = ("Smith 20", SMITH_REST)


# Files that are not Word documents it can read: one line, naming the file.


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def unzipped(raw: bytes) -> dict[str, bytes]:

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    good = word_bytes([tag("A tag"), cite(*SMITH), text("Words.")])
    members = unzipped(good)
    no_document = {k: v for k, v in members.items() if k != "word/document.xml"}
    bad_xml = {**members, "word/document.xml": b"<w:document><w:body>"}
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    files = {
        "cut short": (good[: len(good) // 2], "damaged"),
        "not a zip": (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        "a text renamed": (b"Just some notes.\n", "not a Word document"),
        "empty": (b"", "not a Word document"),
        "a .doc": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
            "Word 97-2003",
        ),
        "encrypted": (encrypted_office_file(), "encrypted"),
        "rtf": (b"{\\rtf1\\ansi Hello}", "Rich Text"),
    }
    found = {}
    for name, (raw, says) in files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(raw)
        found[name] = (path, says)
    found["no document part"] = (zipped(folder / "nodoc.docx", no_document), "damaged")
    found["bad XML"] = (zipped(folder / "badxml.docx", bad_xml), "damaged")
    entity_members = {**members, "word/document.xml": entity}
    found["an entity"] = (zipped(folder / "entity.docx", entity_members), "")
    found["a spreadsheet"] = (zipped(folder / "sheet.docx", {"a.txt": b"x"}), "damaged")
    return found


def test_a_file_that_is_no_readable_word_document_is_one_line(tmp_path: Path) -> None:
    for name, (path, says) in bad_files(tmp_path).items():
        if name == "an entity":
            # Entities are never resolved: the file reads, and no outside file comes in.
            assert "root:" not in str(read_word(path))
            continue
        with pytest.raises(WorkbookError) as raised:
            read_word(path)
        message = str(raised.value)
        assert message.startswith(f"{path}: "), name
        assert "\n" not in message, name
        assert says in message, (name, message)


def test_an_encrypted_file_says_to_save_it_without_a_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(encrypted_office_file())
    with pytest.raises(WorkbookError, match="save a copy without a password"):
        read_word(path)


def test_a_pipe_or_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    with pytest.raises(WorkbookError, match="named pipe"):
        read_word(pipe)
    with pytest.raises(WorkbookError, match="folder"):
        read_word(tmp_path)


def test_a_file_that_unpacks_past_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = word_file(tmp_path / "big.docx", [tag("A tag"), cite(*SMITH), text("x" * 50_000)])
    monkeypatch.setattr(word_package, "MAX_UNPACKED", 40_000)
    with pytest.raises(WorkbookError, match=r"unpacks to .*, past the 40000 bytes a Word file"):
        read_word(path)


# Near-linear in the file.


def cards_file(folder: Path, cards: int) -> Path:
    body = []
    for number in range(cards):
        body += [
            tag(f"Card {number}"),
            cite(*SMITH),
            paragraph(
                *(
                    run(
                        f"word{n} ",
                        style="StyleUnderline" if n % 3 else "",
                        highlight="yellow" if n % 5 == 0 else "",
                    )
                    for n in range(40)
                )
            ),
        ]
    return word_file(folder / f"cards-{cards}.docx", body)


def test_reading_grows_linearly_with_the_file(tmp_path: Path) -> None:
    ratio = growth(lambda n: cards_file(tmp_path, n), read_word, size=20, most=2_000, enough=0.05)
    assert ratio < LINEAR, f"4 times the cards took {ratio:.1f} times as long"


@pytest.mark.parametrize(
    "hostile",
    ["one huge paragraph", "thousands of runs", "a long cite"],
)
def test_hostile_paragraphs_are_read_in_linear_time(tmp_path: Path, hostile: str) -> None:
    def make(n: int) -> Path:
        if hostile == "one huge paragraph":
            body = [tag("A tag"), cite(*SMITH), text("word " * n)]
        elif hostile == "thousands of runs":
            body = [
                tag("A tag"),
                cite(*SMITH),
                paragraph(*(run("a", highlight="yellow" if i % 2 else "") for i in range(n))),
            ]
        else:
            body = [
                tag("A tag"),
                # Commas, runs of spaces, and quotation marks that open no title.
                cite("Smith 20", " [" + "name, " * (n // 6) + " " * n + 'x"' * n + "]"),
                text("w"),
            ]
        return word_file(tmp_path / f"{hostile}-{n}.docx", body)

    ratio = growth(make, read_word, size=2_000, most=400_000)
    assert ratio < LINEAR, f"4 times the text took {ratio:.1f} times as long"


# Any file: the reader never fails on what Word can hold, and each card is a whole card.

xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)
kinds = st.sampled_from(["pocket", "block", "tag", "cite", "text", "analytic", "empty"])


def hostile_paragraph(kind: str, words: str) -> str:
    if kind == "pocket":
        return text(words, "Heading1")
    if kind == "block":
        return text(words, "Heading3")
    if kind == "tag":
        return tag(words)
    if kind == "cite":
        return cite(words[:8], words[8:])
    if kind == "analytic":
        return text(words, "Analytic")
    if kind == "empty":
        return paragraph()
    return paragraph(
        run(words[:10], style="StyleUnderline"), run(words[10:], highlight="yellow"), run("\\")
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(kinds, xml_text), max_size=14))
def test_any_file_reads_into_whole_cards(
    tmp_path_factory: pytest.TempPathFactory, body: list[tuple[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("any") / "any.docx"
    word_file(path, [hostile_paragraph(kind, words) for kind, words in body])
    read = read_word(path)
    tags = [" ".join(w.split()) for kind, w in body if kind == "tag" and w.strip()]
    marked_analytics = sum(1 for kind, w in body if kind == "analytic" and w.strip())
    assert len(read.cards) + read.analytics <= len(tags) + marked_analytics
    for card in read.cards:
        assert card.cited_as and "\n" not in card.tag
        assert Card.model_validate(card.model_dump()) == card


def test_xml_nested_past_the_parsers_limit_is_refused_as_damaged(tmp_path: Path) -> None:
    """libxml2 refuses XML nested past its depth limit (python-docx's parser leaves the limit
    on): a file built to exhaust the reader's stack is one line, not a crash."""
    depth = 5_000
    nested = "<w:smartTag>" * depth + run("deep") + "</w:smartTag>" * depth
    path = word_file(tmp_path / "deep.docx", [tag("A tag"), cite(*SMITH), text("ok")])
    members = unzipped(path.read_bytes())
    document = members["word/document.xml"].decode()
    at = document.index("<w:t")
    members["word/document.xml"] = (document[:at] + nested + document[at:]).encode()
    deep = zipped(tmp_path / "deeper.docx", members)
    with pytest.raises(WorkbookError, match="damaged") as raised:
        read_word(deep)
    assert "\n" not in str(raised.value)
