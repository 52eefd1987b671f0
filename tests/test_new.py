"""`workbook new`: a workbook started from an essay, with nothing written when it cannot be."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workbook.commands import main
from workbook.essay.paragraphs import split_paragraphs
from workbook.importing import importer
from workbook.storage.files import WorkbookError
from workbook.storage.store import load

PAGES = Path(__file__).parent / "pages"
# What the essay keeps of its cite: compared field by field, so a field of another kind added to
# the essay (its dismissed suggestions) is not taken for a cite field.
CITE_KEYS = ("title", "author", "date", "publication", "url")

# What each saved page says about its article, and text of the page around it that must not
# reach the essay: navigation, cookie banners, share links, newsletter boxes, related
# articles, comments, advertisements, sidebars and footers.
SAVED_PAGES: dict[str, dict[str, Any]] = {
    "news": {
        "title": "Free buses would pay for themselves sooner than the council thinks",
        "author": "Maren Østby",
        "date": "2024-03-18",
        "publication": "The Harbour Courier",
        "url": "https://harbourcourier.example/opinion/2024/03/18/free-buses",
        "furniture": [
            "cookies",
            "Manage preferences",
            "Subscribe from",
            "Sport",
            "Share on",
            "Copy link",
            "Morning Briefing",
            "inbox before breakfast",
            "Sign me up",
            "Topics:",
            "More from Opinion",
            "harbour wall",
            "library hours",
            "All rights reserved",
            "Privacy policy",
        ],
    },
    "blog": {
        "title": "Homework has no place in primary school",
        "author": "Tomás Reyes",
        "date": "2023-10-02",
        "publication": "Chalk Dust",
        "url": "https://chalkdust.example/2023/10/homework-primary/",
        "furniture": [
            "Notes from a primary classroom",
            "About me",
            "Posted on",
            "Tagged",
            "Previous post",
            "phonics",
            "thoughts on",
            "Jo Pennington",
            "spelling sheets",
            "how much routine matters",
            "a lovely touch",
            "Leave a Reply",
            "will not be published",
            "Recent Posts",
            "WordPress",
        ],
    },
    "magazine": {
        "title": "Closing nuclear plants early is a climate mistake",
        "author": "Ingrid Halvorsen",
        "date": "2022-11-07",
        "publication": "The Meridian Review",
        "url": "",
        "furniture": [
            "Sign in",
            "Podcasts",
            "min read",
            "Advertisement",
            "SolarNest",
            "writes about energy and industry",
            "Most read",
            "four-day week",
            "night train",
            "Subscribe for",
            "Start my subscription",
            "Meridian Media Ltd",
        ],
    },
}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every name in `folder`, with the bytes of each regular file (a pipe is not read)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}


def expected(page: str) -> tuple[list[str], list[int]]:
    """The article's paragraphs and headings, written out by hand: "## " marks a heading."""
    lines = (PAGES / f"{page}.expected.txt").read_text(encoding="utf-8").splitlines()
    headings = [n for n, line in enumerate(lines, 1) if line.startswith("## ")]
    return [line.removeprefix("## ") for line in lines], headings


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", sorted(SAVED_PAGES))
def test_a_saved_page_gives_its_article_and_nothing_else(
    capsys: pytest.CaptureFixture[str], folder: Path, page: str
) -> None:
    shutil.copyfile(PAGES / f"{page}.html", folder / f"{page}.html")
    paragraphs, headings = expected(page)
    status, out, err = run(capsys, "new", f"{page}.html")
    assert (status, err) == (0, "")
    assert out == (
        f"{page}.toml: {len(paragraphs)} paragraphs from {page}.html; "
        f"open it with: workbook {page}.toml\n"
    )
    essay = (folder / f"{page}.txt").read_text(encoding="utf-8")
    assert split_paragraphs(essay) == paragraphs
    assert essay == "".join(f"{p}\n" for p in paragraphs)
    workbook = load(folder / f"{page}.toml")
    facts = SAVED_PAGES[page]
    assert workbook.title == facts["title"]
    assert workbook.essay.model_dump(include=set(CITE_KEYS)) == {
        key: facts[key] for key in CITE_KEYS
    }
    assert workbook.essay.dismissed == []  # a new workbook has dismissed no suggestion
    assert (workbook.essay.file, workbook.essay.paragraphs) == (f"{page}.txt", len(paragraphs))
    assert workbook.essay.headings == headings
    assert workbook.claims == {}
    written = essay + (folder / f"{page}.toml").read_text(encoding="utf-8")
    for furniture in facts["furniture"]:
        assert furniture in (PAGES / f"{page}.html").read_text(encoding="utf-8")
        assert furniture not in written, furniture
    assert run(capsys, "check", f"{page}.toml")[0] == 0
    assert run(capsys, "fmt", "--check", f"{page}.toml")[:3] == (0, "", "")


HEADLINES = [
    "Iran strikes back at bases in Iraq after the killing of Soleimani",
    "Oil prices rise as tensions grow in the Gulf region this week.",
    "Opinion: the strike was reckless and brought no deterrence at all",
]
LINKS = "".join(f'<p><a href="/{n}">{line}</a></p>' for n, line in enumerate(HEADLINES))
MENU = " | ".join(
    f'<a href="/{w}">{w}</a>' for w in ["Home", "World", "Politics", "Opinion", "Sport"]
)
NAVIGATION_PAGES = {
    "headlines": f"<main>{LINKS}</main>",
    "headlines in an article": f"<article>{LINKS}</article>",
    "a menu": f"<div>{MENU}</div>",
    "a menu and headlines": f"<header>{MENU}</header><div>{LINKS}</div><footer>{MENU}</footer>",
}


@pytest.mark.parametrize("body", NAVIGATION_PAGES.values(), ids=NAVIGATION_PAGES)
def test_a_page_of_links_and_no_article_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], folder: Path, body: str
) -> None:
    page = f"<!doctype html><html><head><title>News</title></head><body>{body}</body></html>"
    (folder / "home.html").write_text(page, encoding="utf-8")
    status, out, err = run(capsys, "new", "home.html")
    assert (status, out) == (2, "")
    assert err in (
        "home.html: no article, only links (menus, lists of headlines)\n",
        "home.html: no paragraph found\n",
    )
    assert listing(folder) == {"home.html": page.encode()}


def test_an_article_that_links_some_of_its_words_is_read(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    prose = (
        "<p>The strike on Soleimani was, as <a href='/a'>the report</a> shows, a reckless use of"
        " force that bought no lasting deterrence and unleashed more attacks on Americans.</p>"
    )
    page = f"<html><body><header>{MENU}</header><article>{prose * 2}{LINKS}</article></body></html>"
    (folder / "essay.html").write_text(page, encoding="utf-8")
    assert run(capsys, "new", "essay.html")[0] == 0


def test_plain_text_is_read_as_the_essay_reader_reads_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    (folder / "typed.txt").write_text(
        "Free buses are  cheaper\nthan they look.\n\n\tThe fare box covers a third.\n\n\n"
        "Short line\n\nLast one.\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "new", "typed.txt", "-o", "prep.toml")
    assert (status, out) == (
        0,
        "prep.toml: 4 paragraphs from typed.txt; open it with: workbook prep.toml\n",
    )
    assert (folder / "prep.txt").read_text(encoding="utf-8") == (
        "Free buses are cheaper than they look.\nThe fare box covers a third.\n"
        "Short line\nLast one.\n"
    )
    workbook = load(folder / "prep.toml")
    assert (workbook.title, workbook.essay.title, workbook.essay.headings) == ("typed", "", [])
    assert run(capsys, "check", "prep.toml")[0] == 0


def test_markdown_headings_and_title(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    (folder / "column.md").write_text(
        "# Free buses, *now*\n\nThe fare box covers\na third of *running* costs.\n\n"
        "## What a fare costs\nEleven seconds a passenger.\n\n- first item\n- second\n  item\n\n"
        "Who pays\n--------\n\n***\n\nThe end.\n",
        encoding="utf-8",
    )
    assert run(capsys, "new", "column.md")[0] == 0
    assert (folder / "column.txt").read_text(encoding="utf-8").splitlines() == [
        "The fare box covers a third of *running* costs.",
        "What a fare costs",
        "Eleven seconds a passenger.",
        "- first item",
        "- second item",
        "Who pays",
        "The end.",
    ]
    workbook = load(folder / "column.toml")
    assert (workbook.title, workbook.essay.title) == ("Free buses, *now*", "Free buses, *now*")
    assert workbook.essay.headings == [2, 6]


def test_standard_input_needs_an_output_and_reads_bytes(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (PAGES / "blog.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(capsys, "new", "-") == (
        2,
        "",
        "-o: name the workbook to write when the essay comes from standard input\n",
    )
    assert listing(folder) == {}
    status, out, _ = run(capsys, "new", "-", "-o", "homework.toml")
    assert (status, out) == (
        0,
        "homework.toml: 8 paragraphs from standard input; open it with: workbook homework.toml\n",
    )
    assert load(folder / "homework.toml").essay.author == "Tomás Reyes"


def test_a_pipe_into_the_installed_command(folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "new", "-", "-o", "piped.toml"],
        input=b"First paragraph.\nSecond paragraph.\n",
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert (folder / "piped.txt").read_bytes() == b"First paragraph.\nSecond paragraph.\n"
    assert load(folder / "piped.toml").title == "piped"


NAV_ONLY = (
    b"<!doctype html><html><head><title>Harbour Courier</title></head><body>"
    b'<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
    b"<footer><p>\xc2\xa9 2024 Harbour Courier Media Ltd. All rights reserved.</p></footer>"
    b"</body></html>"
)
BAD_SOURCES = {
    "empty.txt": (b"", "empty.txt: the document is empty"),
    "blank.txt": (b" \n\t\r\n  \n", "blank.txt: the document is empty"),
    "blank16.txt": ("\ufeff \n \n".encode("utf-16-le"), "blank16.txt: the document is empty"),
    "image.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "image.txt: looks like a PNG image, not text",
    ),
    "report.md": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "report.md: looks like a PDF document, not text",
    ),
    "nul.txt": (b"text\x00with a NUL\n", "nul.txt: holds binary data, not text"),
    "controls.txt": (
        b"\x01\x02\x03\x04 almost no text",
        "controls.txt: holds binary data, not text",
    ),
    "undecodable.txt": (
        b"Fine line\nA caf\xe9 then \x81 byte\n",
        "undecodable.txt:2:13: neither UTF-8 nor Windows-1252 text (byte 0x81)",
    ),
    "bad16.txt": (b"\xff\xfe\x00\xd8a\x00", "bad16.txt: not UTF-16 text (at byte 2)"),
    "nav.html": (NAV_ONLY, "nav.html: no paragraph found"),
}


@pytest.mark.parametrize("name", sorted(BAD_SOURCES))
def test_a_bad_source_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path, name: str
) -> None:
    data, message = BAD_SOURCES[name]
    (folder / name).write_bytes(data)
    before = listing(folder)
    assert run(capsys, "new", name) == (2, "", message + "\n")
    assert listing(folder) == before


def test_what_is_not_a_regular_file_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "folder.md").mkdir()
    before = listing(folder)
    assert run(capsys, "new", "pipe.txt") == (
        2,
        "",
        "pipe.txt: is a named pipe (FIFO), not a regular file\n",
    )
    assert run(capsys, "new", "folder.md")[2] == "folder.md: is a folder, not a document\n"
    assert run(capsys, "new", "none.txt")[2] == "none.txt: no such file\n"
    assert listing(folder) == before


def essay_and_workbook(folder: Path) -> Path:
    source = folder / "source.txt"
    source.write_text("One.\nTwo.\n", encoding="utf-8")
    return source


def test_an_existing_workbook_needs_force(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    essay_and_workbook(folder)
    (folder / "source.toml").write_text("mine\n", encoding="utf-8")
    before = listing(folder)
    status, out, err = run(capsys, "new", "source.txt")
    assert (status, out, err) == (2, "", "source.toml: already exists (--force replaces it)\n")
    assert listing(folder) == before
    status, out, _ = run(capsys, "new", "source.txt", "--force")
    assert status == 0
    assert load(folder / "source.toml").essay.paragraphs == 2
    assert (folder / "source.toml.bak").read_text(encoding="utf-8") == "mine\n"


def test_an_essay_with_other_text_needs_force_and_the_same_text_is_kept(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    essay_and_workbook(folder)
    essay = folder / "prep.txt"
    essay.write_text("Someone else's essay.\n", encoding="utf-8")
    before = listing(folder)
    err = run(capsys, "new", "source.txt", "-o", "prep.toml")[2]
    assert err == "prep.txt: already exists with other text (--force replaces it)\n"
    assert listing(folder) == before
    assert run(capsys, "new", "source.txt", "-o", "prep.toml", "--force")[0] == 0
    assert essay.read_text(encoding="utf-8") == "One.\nTwo.\n"
    assert (folder / "prep.txt.bak").read_text(encoding="utf-8") == "Someone else's essay.\n"
    # The same paragraphs, however they are laid out, are the essay already: it stays.
    essay.write_text("One.\n\nTwo.\n", encoding="utf-8")
    (folder / "prep.toml").unlink()
    assert run(capsys, "new", "source.txt", "-o", "prep.toml")[0] == 0
    assert essay.read_text(encoding="utf-8") == "One.\n\nTwo.\n"
    assert run(capsys, "check", "prep.toml")[0] == 0


def test_the_source_is_never_rewritten(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    source = folder / "essay.txt"
    source.write_text("Typed by hand,\nwrapped.\n\nSecond one.\n", encoding="utf-8")
    assert run(capsys, "new", "essay.txt")[0] == 0  # it is its own essay already
    assert source.read_text(encoding="utf-8") == "Typed by hand,\nwrapped.\n\nSecond one.\n"
    assert run(capsys, "check", "essay.toml")[0] == 0
    source.write_text("Two  spaces\tand a tab.\n", encoding="utf-8")
    before = listing(folder)
    status, _, err = run(capsys, "new", "essay.txt", "--force")
    assert status == 2
    assert err == (
        "essay.txt: is the document being read, and its text would change; "
        "give the workbook another name with -o\n"
    )
    (folder / "notes.toml").write_text("Notes kept as TOML by mistake.\n", encoding="utf-8")
    before = listing(folder)
    assert run(capsys, "new", "notes.toml", "--force")[2] == (
        "notes.toml: is the document being read; give the workbook another name with -o\n"
    )
    assert listing(folder) == before


def test_an_essay_that_leads_out_of_the_folder_is_refused_even_with_force(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    essay_and_workbook(folder)
    outside = tmp_path_factory.mktemp("elsewhere") / "essay.txt"
    (folder / "prep.txt").symlink_to(outside)
    before = listing(folder)
    status, _, err = run(capsys, "new", "source.txt", "-o", "prep.toml", "--force")
    assert (status, err) == (2, "prep.txt: leads outside the workbook's folder\n")
    assert listing(folder) == before and not outside.exists()


def test_a_workbook_that_cannot_be_written_leaves_no_essay(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    essay_and_workbook(folder)
    before = listing(folder)

    def full_disk(workbook: object, path: Path) -> bytes:
        raise WorkbookError(f"{path}: cannot save: No space left on device")

    monkeypatch.setattr(importer, "save", full_disk)
    assert run(capsys, "new", "source.txt", "-o", "x.toml")[2] == (
        "x.toml: cannot save: No space left on device\n"
    )
    assert listing(folder) == before


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("notes.md", "notes.md: a workbook's name ends in .toml"),
        ("missing/x.toml", "missing/x.txt: cannot save: No such file or directory"),
        ("source.toml", "source.toml: is read-only"),
    ],
)
def test_an_output_that_cannot_be_written_writes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path, out: str, message: str
) -> None:
    essay_and_workbook(folder)
    (folder / "source.toml").write_text("mine\n", encoding="utf-8")
    (folder / "source.toml").chmod(0o444)
    before = listing(folder)
    assert run(capsys, "new", "source.txt", "-o", out, "--force") == (2, "", message + "\n")
    assert listing(folder) == before


@pytest.mark.parametrize(
    ("args", "sides", "motion"),
    [
        ([], {"author": ("The author", ""), "opposing": ("The other side", "")}, ""),
        (
            ["--motion", " This House would ban homework. "],
            {
                "proposition": ("Proposition", "This House would ban homework."),
                "opposition": ("Opposition", ""),
            },
            "This House would ban homework.",
        ),
        (
            ["--side", "teacher=The teacher"],
            {"teacher": ("The teacher", ""), "opposing": ("The other side", "")},
            "",
        ),
        (
            ["--motion", "Ban it.", "--side", "ban=Ban", "--side", "keep=Keep homework"],
            {"ban": ("Ban", "Ban it."), "keep": ("Keep homework", "")},
            "Ban it.",
        ),
    ],
)
def test_sides_and_motion(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    args: list[str],
    sides: dict[str, tuple[str, str]],
    motion: str,
) -> None:
    essay_and_workbook(folder)
    assert run(capsys, "new", "source.txt", *args)[0] == 0
    workbook = load(folder / "source.toml")
    assert {key: (s.name, s.thesis) for key, s in workbook.sides.items()} == sides
    assert list(workbook.sides) == list(sides)
    assert workbook.motion == motion


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--side", "a=A", "--side", "b=B", "--side", "c=C"], "a workbook has two sides (got 3)"),
        (["--side", "no key=A"], "a side's key uses only letters, digits, '-' and '_'"),
        (["--side", "=A"], "a side's key uses only letters"),
        (["--side", "ours=  "], "ours: the side needs a name"),
        (["--side", "ours"], "expected KEY=NAME (got 'ours')"),
        (["--side", "opposing=Them"], "the two sides need different keys (both are 'opposing')"),
        (["--side", "a=A", "--side", "a=B"], "the two sides need different keys"),
    ],
)
def test_a_bad_side_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], folder: Path, args: list[str], message: str
) -> None:
    essay_and_workbook(folder)
    before = listing(folder)
    status, out, err = run(capsys, "new", "source.txt", *args)
    assert (status, out) == (2, "")
    assert err.startswith(f"--side: {message}") and err.count("\n") == 1
    assert listing(folder) == before


def test_a_page_is_read_without_the_network(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    shutil.copyfile(PAGES / "news.html", folder / "news.html")
    status, _, err = run(capsys, "new", "news.html")
    assert (status, err) == (0, "")


def test_only_a_web_page_loads_trafilatura(folder: Path) -> None:
    essay_and_workbook(folder)
    shutil.copyfile(PAGES / "blog.html", folder / "blog.html")
    script = (
        "import sys\nfrom workbook.commands import main\n"
        "main(['new', sys.argv[1]])\nprint('trafilatura' in sys.modules)\n"
    )
    loaded = [
        subprocess.run(
            [sys.executable, "-c", script, name],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.splitlines()[-1]
        for name in ("source.txt", "blog.html")
    ]
    assert loaded == ["False", "True"]


def test_a_stray_control_character_never_reaches_the_essay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A few control characters in a long text are taken as text, not binary data: they are
    dropped from the essay's paragraphs, so that none reaches the app, which shows the essay's
    words as they are (an escape there cleared the screen and retitled the terminal)."""
    paragraphs = ["Cities should fund transit now, because waiting costs more every year."] * 12
    paragraphs[3] = "The council must act \x1b[2J\x1b]0;pwned\x07 before the \x9bbudget vote."
    essay = tmp_path / "essay.txt"
    essay.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    status, _, _ = run(capsys, "new", essay, "-o", tmp_path / "w.toml")
    assert status == 0
    text = (tmp_path / "w.txt").read_text(encoding="utf-8")
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "The council must act [2J]0;pwned before the budget vote." in text.splitlines()
