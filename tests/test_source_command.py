"""`workbook source add`, `list` and `remove`: a saved page, a PDF or a text added as a source,
its text stored beside the workbook one paragraph a line, its cite in the workbook; listed
with what to check; taken out only when no card cites it. Bad input: one line, status 2, the
workbook and its folder as they were."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.pdfs import THINK_TANK, plain, report_pdf
from tests.strategies import text
from tests.test_pdf import BAD, blank_pages
from workbook.commands import main
from workbook.core.model import CITE_FIELDS, Card, Source, Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.importing import sources
from workbook.importing.sources import read_source
from workbook.storage.store import load, save

from .conftest import ESSAY, small_data

PAGES = Path(__file__).parent / "pages"
SAVED = {
    "ledger.html": PAGES / "sources" / "ledger.html",
    "journal.html": PAGES / "sources" / "journal.html",
    "byline.html": PAGES / "sources" / "byline.html",
    "editorial.html": PAGES / "sources" / "editorial.html",
}
IDS = {
    "ledger.html": "okonkwo-2025",
    "journal.html": "kowalczyk-2021",
    "byline.html": "raman",
    "editorial.html": "the-river-needs-a-plan",
    "report.pdf": "ostby-2024",
}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def listing(folder: Path) -> dict[str, bytes | None]:
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the small workbook, its essay, the saved pages and a report PDF."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    save(Workbook.model_validate(small_data()), tmp_path / "small.toml")
    for name, page in SAVED.items():
        shutil.copyfile(page, tmp_path / name)
    (tmp_path / "report.pdf").write_bytes(report_pdf(THINK_TANK))
    return tmp_path


def test_each_source_is_added_listed_and_stored_a_paragraph_a_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, source_id in IDS.items():
        status, out, err = run(capsys, "source", "add", "small.toml", name)
        assert (status, err) == (0, "")
        assert out.count("\n") == 1 and out.split()[-1] == source_id
    status, out, _ = run(capsys, "source", "list", "small.toml", "--json")
    listed = {row["id"]: row for row in json.loads(out)}
    assert list(listed) == ["essay", *IDS.values()]
    for name, source_id in IDS.items():
        row = listed[source_id]
        read = read_source(folder / name)
        assert row["file"] == f"small.{source_id}.source.txt"
        text = (folder / row["file"]).read_text(encoding="utf-8")
        assert text == "".join(f"{p}\n" for p in read.paragraphs)
        assert split_paragraphs(text) == read.paragraphs
        assert row["paragraphs"] == len(read.paragraphs)
        assert {k: row[k] for k in read.cite.fields} == read.cite.fields
        assert row["origins"] == read.cite.origins
        assert set(row["missing"]) == {
            field
            for field in ("author", "qualifications", "date", "title", "publication", "url")
            if field not in read.cite.fields
        }
    assert listed["ostby-2024"]["pages"] == read_source(folder / "report.pdf").pages
    assert listed["okonkwo-2025"]["pages"] is False
    assert listed["essay"]["file"] == "small.txt"
    assert run(capsys, "check", "small.toml")[0] == 0


def test_a_pdfs_text_and_pages_are_stored(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "source", "add", "small.toml", "report.pdf")[0] == 0
    source = load(folder / "small.toml").sources["ostby-2024"]
    text = (folder / "small.ostby-2024.source.txt").read_text(encoding="utf-8")
    assert split_paragraphs(text)[-len(THINK_TANK.body) :] == plain(THINK_TANK.body)
    assert len(source.pages) == source.paragraphs and source.pages[0] == 1
    assert (source.title, source.author, source.date) == (
        "Fare-free transit: a cost review",
        "Maren Østby and Tomás Reyes",
        "2024-03-18",
    )
    assert source.origins["title"] == "pdf"


def test_the_list_flags_what_to_check(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("ledger.html", "byline.html"):
        run(capsys, "source", "add", "small.toml", name)
    today = dt.date.today().isoformat()
    assert load(folder / "small.toml").sources["raman"].accessed == today
    status, out, _ = run(capsys, "source", "list", "small.toml")
    assert status == 0
    # The short cite is the cards' own (cites.short_cite), whatever its rule.
    workbook = load(folder / "small.toml")
    cites = [
        Card(title="An essay").cite,
        Card(**_cite_fields(workbook.sources["okonkwo-2025"])).cite,
        Card(**_cite_fields(workbook.sources["raman"])).cite,
    ]
    width = max(map(len, cites))
    assert out.splitlines() == [
        f"essay         {cites[0]:<{width}}  “An essay”  author? date? publication? url?",
        f"okonkwo-2025  {cites[1]:<{width}}  “A congestion charge is the fairest road tax we have”",
        f"raman         {cites[2]:<{width}}  “Why our library should open on Sundays”  "
        "author~ qualifications? date? publication? url?",
    ]


def _cite_fields(source: Source) -> dict[str, str]:
    return {name: getattr(source, name) for name in CITE_FIELDS}


def test_ids_are_free_and_chosen_or_given(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, "source", "add", "small.toml", "ledger.html")[1].split()[-1] == "okonkwo-2025"
    )
    assert (
        run(capsys, "source", "add", "small.toml", "ledger.html")[1].split()[-1] == "okonkwo-2025-2"
    )
    out = run(capsys, "source", "add", "small.toml", "byline.html", "--id", "sundays")[1]
    assert out.split()[-1] == "sundays"
    assert (folder / "small.sundays.source.txt").is_file()


@pytest.mark.parametrize(
    ("source_id", "message"),
    [
        ("essay", "--id: 'essay' is the workbook's essay; give the source another id"),
        ("two words", "--id: an id uses only letters, digits, '-' and '_' (got 'two words')"),
        (
            "taken",
            "small.toml: source 'taken' is there already; give another --id, or remove it first",
        ),
    ],
)
def test_an_id_that_will_not_do_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], source_id: str, message: str
) -> None:
    run(capsys, "source", "add", "small.toml", "byline.html", "--id", "taken")
    before = listing(folder)
    assert run(capsys, "source", "add", "small.toml", "ledger.html", "--id", source_id) == (
        2,
        "",
        message + "\n",
    )
    assert listing(folder) == before


def test_the_id_is_the_authors_surname_and_year_else_the_title() -> None:
    def made(**cite: str) -> str:
        return sources.source_id_for(cite, "file-name", ["smith-2021"])

    assert made(author="Ann Smith and Bo Lee", date="2021-03") == "smith-2021-2"
    assert made(author="José Østergård", date="2019") == "ostergard-2019"
    assert made(author="Harbour Policy Institute", date="2024") == "harbour-policy-institute-2024"
    assert (
        made(title="Why Our Library Should Open on Sundays, Really")
        == "why-our-library-should-open"
    )
    assert made(title="Essay") == "essay-2"  # never the essay's id
    assert made() == "file-name"
    assert sources.source_id_for({}, "", []) == "source"


NAV_ONLY = (
    b"<!doctype html><html><head><title>Harbour Courier</title></head><body>"
    b'<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
    b"</body></html>"
)


def a_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


BAD_FILES = {
    "nav.html": (lambda: NAV_ONLY, "nav.html: no paragraph found"),
    "empty.txt": (lambda: b"", "empty.txt: the document is empty"),
    "report.html": (
        lambda: report_pdf(THINK_TANK),
        "report.html: is a PDF, not a web page as its name says; name it .pdf to add it as one",
    ),
    "report.md": (
        lambda: report_pdf(THINK_TANK),
        "report.md: is a PDF, not a Markdown file as its name says",
    ),
    "word.pdf": (
        a_zip,
        "word.pdf: is not a PDF, as its name says (it looks like a ZIP archive",
    ),
    "page.pdf": (lambda: NAV_ONLY, "page.pdf: is not a PDF, as its name says (it does not begin"),
    **{
        f"{name}.pdf": (lambda make=make: make(report_pdf(THINK_TANK)), message)
        for name, (make, message) in BAD.items()
    },
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_source_is_one_line_and_changes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    make, message = BAD_FILES[name]
    (folder / name).write_bytes(make())
    before = listing(folder)
    status, out, err = run(capsys, "source", "add", "small.toml", name)
    assert (status, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
    assert listing(folder) == before


def test_what_is_not_a_regular_file_is_refused_at_once(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(folder / "pipe.html")
    (folder / "folder.pdf").mkdir()
    before = listing(folder)
    assert run(capsys, "source", "add", "small.toml", "pipe.html")[2] == (
        "pipe.html: is a named pipe (FIFO), not a regular file\n"
    )
    assert run(capsys, "source", "add", "small.toml", "folder.pdf")[2] == (
        "folder.pdf: is a folder, not a document\n"
    )
    assert run(capsys, "source", "add", "small.toml", os.devnull)[2] == (
        f"{os.devnull}: is a character device, not a regular file\n"
    )
    assert run(capsys, "source", "add", "small.toml", "none.pdf")[2] == "none.pdf: no such file\n"
    assert listing(folder) == before


def test_a_huge_page_is_refused_before_it_is_read(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(folder / "huge.html", "wb") as page:
        page.truncate(513 * 1024 * 1024)  # sparse: no disk is used
    before = listing_names(folder)
    status, _, err = run(capsys, "source", "add", "small.toml", "huge.html")
    assert status == 2
    assert err == "huge.html: is 513.0 MB, past the 512 MB a workbook may be\n"
    assert listing_names(folder) == before


def listing_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_text_of_the_sources_name_that_is_another_file_is_never_replaced(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "small.raman.source.txt").write_text("My own notes.\n", encoding="utf-8")
    before = listing(folder)
    status, _, err = run(capsys, "source", "add", "small.toml", "byline.html")
    assert status == 2
    assert err == ("small.raman.source.txt: is another file, not a source's text; not replaced\n")
    assert listing(folder) == before
    # The same text already there is this source's: it is kept, and the source added.
    (folder / "small.raman.source.txt").unlink()
    run(capsys, "source", "add", "small.toml", "byline.html")
    run(capsys, "source", "remove", "small.toml", "raman")
    os.rename(folder / "small.raman.source.txt.bak", folder / "small.raman.source.txt")
    status, out, _ = run(capsys, "source", "add", "small.toml", "byline.html")
    assert status == 0 and "already stored in small.raman.source.txt" in out


def test_a_text_never_goes_through_a_link_out_of_the_folder(
    folder: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "planted.txt"
    (folder / "small.raman.source.txt").symlink_to(outside)
    before = listing_names(folder)
    status, _, err = run(capsys, "source", "add", "small.toml", "byline.html")
    assert status == 2 and "link that leads out of its folder" in err
    assert listing_names(folder) == before and not outside.exists()


def test_the_workbook_must_be_one_that_holds_sources(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.storage.places import seed_path

    status, _, err = run(capsys, "source", "add", seed_path(), "byline.html")
    assert status == 2 and "bundled positions, which are read-only" in err
    import tomli_w

    from .conftest import small_v1_data

    (folder / "old.toml").write_text(tomli_w.dumps(small_v1_data()), encoding="utf-8")
    before = listing(folder)
    status, _, err = run(capsys, "source", "add", "old.toml", "byline.html")
    assert (status, err) == (
        2,
        "old.toml: is format 1, which holds no sources; `workbook fmt old.toml` upgrades it to "
        "format 2\n",
    )
    assert listing(folder) == before


def test_a_failed_save_takes_the_text_back(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.importing import source_edits
    from workbook.storage.files import WorkbookError

    def full_disk(workbook: object, path: Path) -> bytes:
        raise WorkbookError(f"{path}: cannot save: No space left on device")

    monkeypatch.setattr(source_edits, "save", full_disk)
    before = listing(folder)
    assert run(capsys, "source", "add", "small.toml", "byline.html")[2] == (
        "small.toml: cannot save: No space left on device\n"
    )
    assert listing(folder) == before


def with_a_card_from(folder: Path, source_ids: list[str]) -> None:
    workbook = load(folder / "small.toml")
    for number, source_id in enumerate(source_ids):
        data = workbook.model_dump(exclude_defaults=True)
        data.setdefault("cards", {})[f"cut-{number}"] = {"tag": "Cut", "source": source_id}
        workbook = Workbook.model_validate(data)
    save(workbook, folder / "small.toml")


def test_remove_refuses_while_a_card_cites_the_source(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "source", "add", "small.toml", "byline.html")
    with_a_card_from(folder, ["raman", "raman"])
    before = listing(folder)
    assert run(capsys, "source", "remove", "small.toml", "raman") == (
        2,
        "",
        "small.toml: source 'raman' is cited by 2 cards (cut-0, cut-1); take them out or cut "
        "them again from another source first\n",
    )
    assert listing(folder) == before


def test_remove_takes_the_table_out_and_keeps_the_text_as_a_backup(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "source", "add", "small.toml", "byline.html")
    text = (folder / "small.raman.source.txt").read_bytes()
    assert run(capsys, "source", "remove", "small.toml", "raman") == (
        0,
        "small.toml: source raman removed; its text is kept as small.raman.source.txt.bak\n",
        "",
    )
    assert load(folder / "small.toml").sources == {}
    assert not (folder / "small.raman.source.txt").exists()
    assert (folder / "small.raman.source.txt.bak").read_bytes() == text
    assert (folder / "small.toml").read_bytes() == _canonical_small(folder)


def _canonical_small(folder: Path) -> bytes:
    from workbook.storage.store import dumps

    return dumps(Workbook.model_validate(small_data())).encode("utf-8")


@pytest.mark.parametrize(
    ("source_id", "message"),
    [
        ("essay", "small.toml: 'essay' is the workbook's essay, which stays"),
        ("nobody", "small.toml: no source 'nobody' (its sources: raman)"),
    ],
)
def test_remove_refuses_what_is_no_source(
    folder: Path, capsys: pytest.CaptureFixture[str], source_id: str, message: str
) -> None:
    run(capsys, "source", "add", "small.toml", "byline.html")
    before = listing(folder)
    assert run(capsys, "source", "remove", "small.toml", source_id) == (2, "", message + "\n")
    assert listing(folder) == before


def test_remove_never_moves_a_file_the_source_names_but_does_not_own(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = load(folder / "small.toml")
    data = workbook.model_dump(exclude_defaults=True)
    data["sources"] = {"hand": {"file": "small.txt", "paragraphs": 3}}  # the essay, by hand
    save(Workbook.model_validate(data), folder / "small.toml")
    status, out, _ = run(capsys, "source", "remove", "small.toml", "hand")
    assert (status, out) == (0, "small.toml: source hand removed\n")
    assert (folder / "small.txt").read_text(encoding="utf-8") == ESSAY


def test_the_installed_command_adds_lists_and_removes(folder: Path) -> None:
    command = Path(sys.executable).parent / "workbook"

    def workbook(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), *args], capture_output=True, text=True, timeout=120, check=False
        )

    added = workbook("source", "add", "small.toml", "journal.html")
    assert (added.returncode, added.stderr) == (0, "")
    source_id = added.stdout.split()[-1]
    assert source_id == "kowalczyk-2021"
    listed = json.loads(workbook("source", "list", "small.toml", "--json").stdout)
    assert listed[1]["author"] == "Marta Kowalczyk; Siobhán Brennan; Youssef Haddad"
    refused = workbook("source", "add", "small.toml", "journal.html", "--id", "essay")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert workbook("source", "remove", "small.toml", source_id).returncode == 0


def test_a_pdf_of_more_pages_than_a_source_may_have(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "book.pdf").write_bytes(blank_pages(2001))
    before = listing(folder)
    status, _, err = run(capsys, "source", "add", "small.toml", "book.pdf")
    assert status == 2 and "2,001 pages, past the 2,000 a source may have" in err
    assert listing(folder) == before


def test_a_markdown_and_a_text_file_are_sources_too(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "notes.md").write_text(
        "---\ntitle: Buses and the budget\nauthor: Ann Smith\ndate: 2023-05-02\n---\n\n"
        "First paragraph, wrapped\nover two lines.\n\n## A heading\n\nThird.\n",
        encoding="utf-8",
    )
    (folder / "pasted.txt").write_text("One paragraph.\n\nAnother one.\n", encoding="utf-8")
    assert run(capsys, "source", "add", "small.toml", "notes.md")[1].split()[-1] == "smith-2023"
    assert run(capsys, "source", "add", "small.toml", "pasted.txt")[1].split()[-1] == "pasted"
    workbook = load(folder / "small.toml")
    notes, pasted = workbook.sources["smith-2023"], workbook.sources["pasted"]
    assert (notes.title, notes.author, notes.date) == (
        "Buses and the budget",
        "Ann Smith",
        "2023-05-02",
    )
    assert notes.origins == {
        "title": "metadata",
        "author": "metadata",
        "date": "metadata",
        "accessed": "today",
    }
    assert (folder / notes.file).read_text(encoding="utf-8") == (
        "First paragraph, wrapped over two lines.\nA heading\nThird.\n"
    )
    assert (pasted.title, pasted.author, pasted.paragraphs) == ("", "", 2)
    assert pasted.origins == {"accessed": "today"}


@given(st.lists(text, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_a_sources_text_gives_back_its_paragraphs(texts: list[str]) -> None:
    """Whatever a reader gives (its paragraphs, white space made one space), the stored text,
    one paragraph a line, is read back as exactly those paragraphs."""
    from workbook.importing.document import clean

    found = [paragraph for paragraph in map(clean, texts) if paragraph]
    assume(found)
    stored = "".join(f"{paragraph}\n" for paragraph in found)
    assert split_paragraphs(stored) == found


def test_a_link_in_the_folder_to_nothing_yet_is_written_through_and_taken_back(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link of the text's name to a file of the folder that is not there yet is written
    through, as every file of the workbook's is; and a failed save takes back what it wrote."""
    from workbook.importing import source_edits
    from workbook.storage.files import WorkbookError

    (folder / "small.raman.source.txt").symlink_to("texts-raman.txt")
    real_save = source_edits.save

    def full_disk(workbook: object, path: Path) -> bytes:
        raise WorkbookError(f"{path}: cannot save: No space left on device")

    monkeypatch.setattr(source_edits, "save", full_disk)
    before = listing_names(folder)
    assert run(capsys, "source", "add", "small.toml", "byline.html")[0] == 2
    assert listing_names(folder) == before and not (folder / "texts-raman.txt").exists()
    monkeypatch.setattr(source_edits, "save", real_save)
    status, out, _ = run(capsys, "source", "add", "small.toml", "byline.html")
    assert status == 0 and " stored in small.raman.source.txt" in out and "already" not in out
    read = read_source(folder / "byline.html")
    assert split_paragraphs((folder / "texts-raman.txt").read_text("utf-8")) == read.paragraphs
    assert (folder / "small.raman.source.txt").is_symlink()
