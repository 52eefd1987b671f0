"""The workbook's benchmark: its costs as ratios to the libraries it is built on.

    python -m tests.benchmark [--rounds N]
        [--only workbooks|suggest|new|sources|check|word|flow|claims]

Each measure is taken side by side with its reference in the same run, alternating, and the
ratio of the medians is compared with its budget, so a noisy machine moves both sides alike.
The workbook's modules are compiled to bytecode first, as an installed package's are (where
PYTHONDONTWRITEBYTECODE is set, each start would otherwise compile them again), so that the
app's start is measured, not the compiler.
Prints a Markdown table. Not part of the test run.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import gc
import io
import os
import platform
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pyte
import tomli_w

import workbook
from workbook.commands import main as workbook_main
from workbook.essay.paragraphs import split_paragraphs
from workbook.essay.sentences import sentence_spans
from workbook.essay.suggest import suggest
from workbook.exports.brief import render
from workbook.importing.source import read_document
from workbook.importing.webpage import extraction_options
from workbook.storage.places import positions_folder, seed_path
from workbook.storage.store import dumps, load_with_essay, to_data, validate

from . import claim_corpora
from .benchmark_flow import flow_rows
from .scaled import scaled

SIZES = (20, 200, 2000)
BIN = Path(sys.executable).parent
BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("bare app ready")

    Bare().run()
    """
)


def in_terminal(command: list[str], markers: list[str], cwd: Path) -> tuple[float, int]:
    """Run `command` in a pseudo-terminal of 120x40: seconds until one of `markers` is on the
    screen, and the process's peak memory in KiB. Quits it with ctrl+q once it has shown.

    The time is when the bytes that show the marker arrived, not when this emulator had parsed
    them: pyte takes about a millisecond per kilobyte, where a terminal takes microseconds, so
    parsing as the bytes come in would count a full screen's frame as slower than a bare one
    and hold back the reading of what follows."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    seen: float | None = None
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    peak = 0
    deadline = start + 60
    closed = False
    while not closed and time.perf_counter() < deadline:
        if not select.select([master], [], [], 0.2)[0]:
            continue
        chunks, closed = read_arrived(master)
        for arrived, chunk in chunks:
            stream.feed(chunk)
            if seen is None and any(m in line for line in screen.display for m in markers):
                seen = arrived - start
                peak = peak_memory(child.pid)
                os.write(master, b"\x11")
    if not closed:
        child.kill()
    child.wait()
    os.close(master)
    if seen is None:
        raise RuntimeError(f"{command} never showed {markers}: {screen.display}")
    return seen, peak


def read_arrived(master: int) -> tuple[list[tuple[float, bytes]], bool]:
    """Everything the terminal holds now, each read with the moment it was taken, and whether
    the program has closed the terminal. A program that never stops writing is read in
    bounded batches."""
    chunks: list[tuple[float, bytes]] = []
    while len(chunks) < 256 and select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            return chunks, True
        if not chunk:
            return chunks, True
        chunks.append((time.perf_counter(), chunk))
    return chunks, False


def peak_memory(pid: int) -> int:
    """The process's peak resident memory so far, in KiB (a forked child's rusage would count
    the benchmark's own memory from before the exec)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def side_by_side(
    ours: Callable[[], float], reference: Callable[[], float], rounds: int
) -> tuple[float, float]:
    """Medians of `ours` and `reference`, measured alternately."""
    mine, theirs = [], []
    for _ in range(rounds):
        mine.append(ours())
        theirs.append(reference())
    return statistics.median(mine), statistics.median(theirs)


def keystroke_cost(path: Path, keys: str, presses: int) -> float:
    """Seconds a key, in the app running headless, for moving between claims or typing."""
    import asyncio

    from workbook.tui.app import WorkbookApp
    from workbook.tui.screens.prep.screen import PrepScreen

    async def measure() -> float:
        gc.disable()  # as the open command has it while the app starts (`commands/open.py`)
        app = WorkbookApp(path)
        async with app.run_test(size=(120, 40)) as pilot:
            while not gc.isenabled():  # the main screen is up, and the app has settled
                await pilot.pause(0.01)
            assert any(isinstance(s, PrepScreen) for s in app.screen_stack)
            await pilot.pause()
            if keys == "type":
                await pilot.press("tab", "a")
                sequence = ["x"] * presses
            else:
                sequence = ["down", "up"] * (presses // 2)
            start = time.perf_counter()
            await pilot.press(*sequence)
            await pilot.pause()
            return (time.perf_counter() - start) / len(sequence)

    try:
        return asyncio.run(measure())
    finally:
        gc.unfreeze()
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmark")
    parser.add_argument("--rounds", type=int, default=5, help="measures of each kind")
    parser.add_argument(
        "--only",
        choices=("workbooks", "suggest", "new", "sources", "check", "word", "flow", "claims"),
        action="append",
        help="measure only these rows: the workbooks of 20 to 2,000 claims, suggested claims, "
        "a new workbook from a saved page, sources added from a page and a PDF, checking "
        "2,000 cut cards, reading a Word file of cards, or typing into a flow of 40 sheets; "
        "claims: how often suggestions find annotated claims (tests/claim_corpora.py)",
    )
    claim_corpora.add_arguments(parser)
    args = parser.parse_args()
    everything = ("workbooks", "suggest", "new", "sources", "check", "word", "flow", "claims")
    rounds, only = args.rounds, set(args.only or everything)
    compileall.compile_dir(Path(workbook.__file__).parent, quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="workbook-bench-"))
    rows: list[Row] = []
    try:
        if "workbooks" in only:
            rows += run(folder, rounds)
        if "suggest" in only:
            rows += suggest_rows(rounds)
        if "new" in only:
            rows += new_rows(folder, rounds)
        if "sources" in only:
            rows += source_rows(folder, rounds)
        if "check" in only:
            rows += check_rows(folder, rounds)
        if "word" in only:
            rows += word_rows(folder, rounds)
        if "flow" in only:
            rows += flow_rows(rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if rows:
        print(report(rows, rounds))
    if "claims" in only:
        print(f"\n{claim_corpora.report(*claim_corpora.corpora(args))}")


Row = tuple[str, str, float | None, float | None]


def run(folder: Path, rounds: int) -> list[Row]:
    shutil.copyfile(
        positions_folder() / "soleimani-blowback.txt", folder / "soleimani-blowback.txt"
    )
    paths = {}
    for size in SIZES:
        paths[size] = folder / f"claims-{size}.toml"
        paths[size].write_text(dumps(scaled(size)), encoding="utf-8")
    (folder / "bare.py").write_text(BARE_APP, encoding="utf-8")
    big = paths[2000]
    workbook_command = [str(BIN / "workbook")]
    bare_command = [sys.executable, "bare.py"]
    rows: list[Row] = []
    megabytes = big.stat().st_size / 1e6

    def loading_line(size: int) -> float:
        markers = ["Reading", "Claims "]
        return in_terminal([*workbook_command, paths[size].name], markers, folder)[0]

    # What the user came for: the first claim's tag in the list, not a loading line.
    first_tag = next(iter(scaled(20).claims.values())).tag[:30]

    def first_claim() -> float:
        return in_terminal([*workbook_command, paths[20].name], [first_tag], folder)[0]

    def bare_frame() -> float:
        return in_terminal(bare_command, ["bare app ready"], folder)[0]

    ours, theirs = side_by_side(first_claim, bare_frame, rounds)
    rows.append(
        ("First claim on screen (20 claims) / bare app's first frame", "1.25", ours / theirs, ours)
    )
    # A small file's first frame is its first look (the row above); a large file's is the
    # loading line, shown while its first look is worked out.
    ours, theirs = side_by_side(lambda: loading_line(2000), bare_frame, rounds)
    first_frame = "First frame (2,000 claims: the loading line) / bare app's first frame"
    rows.append((first_frame, "1.25", ours / theirs, ours))

    def fully_shown() -> float:
        return in_terminal([*workbook_command, big.name], ["Claims 2000/2000"], folder)[0]

    text = big.read_text(encoding="utf-8")

    def bare_and_parse() -> float:
        return bare_frame() + timed(lambda: tomllib.loads(text))

    ours, theirs = side_by_side(fully_shown, bare_and_parse, rounds)
    rows.append(
        (
            f"2,000 claims fully shown / bare app + tomllib ({megabytes:.1f} MB)",
            "1.2",
            ours / theirs,
            ours,
        )
    )

    small_keys = keystroke_cost(paths[20], "move", 40)
    big_keys = keystroke_cost(big, "move", 40)
    rows.append(
        ("Key: move between claims, 2,000 / 20 claims", "1.2", big_keys / small_keys, big_keys)
    )
    small_keys = keystroke_cost(paths[20], "type", 40)
    big_keys = keystroke_cost(big, "type", 40)
    rows.append(
        ("Key: type in an editor, 2,000 / 20 claims", "1.2", big_keys / small_keys, big_keys)
    )

    workbook = load_with_essay(big)[0]
    ours, theirs = side_by_side(
        lambda: timed(lambda: load_with_essay(big)),
        lambda: timed(lambda: tomllib.loads(text)),
        rounds,
    )
    rows.append(("Load and validate 2,000 / tomllib.loads", "1.5", ours / theirs, ours))
    data = tomllib.loads(text)
    ours, theirs = side_by_side(
        lambda: timed(lambda: dumps(workbook)),
        lambda: timed(lambda: tomli_w.dumps(data, multiline_strings=True)),
        rounds,
    )
    rows.append(("Save (serialise) 2,000 / tomli_w.dumps", "1.5", ours / theirs, ours))
    assert to_data(workbook) == data  # the same data on both sides
    ours, theirs = side_by_side(
        lambda: timed(lambda: render(workbook)),
        lambda: timed(lambda: load_with_essay(big)),
        rounds,
    )
    rows.append(("Export the brief, 2,000 / loading it", "1.2", ours / theirs, ours))

    _, mine = in_terminal([*workbook_command, big.name], ["Claims 2000/2000"], folder)
    _, bare = in_terminal(bare_command, ["bare app ready"], folder)
    rows.append(
        (
            f"Peak memory, 2,000 claims: {mine / 1024:.0f} MB; bare app: {bare / 1024:.0f} MB",
            "report",
            mine / bare,
            None,
        )
    )
    return rows


def long_essay(words: int) -> tuple[list[str], list[int], str]:
    """An essay of about `words` words: the seed's body, over and over, each time under a
    heading of its own and with its paragraphs in another order."""
    seed = split_paragraphs((positions_folder() / "soleimani-blowback.txt").read_text("utf-8"))
    body = [p for number, p in enumerate(seed, 1) if number not in (1, 4, 9)]
    paragraphs: list[str] = [seed[0]]
    headings: list[int] = []
    part = 0
    while sum(len(p.split()) for p in paragraphs) < words:
        part += 1
        paragraphs.append(f"Part {part}")
        headings.append(len(paragraphs))
        turn = part % len(body)
        paragraphs += body[turn:] + body[:turn]
    return paragraphs, headings, seed[1]


def suggest_rows(rounds: int) -> list[Row]:
    paragraphs, headings, title = long_essay(10_000)
    words = sum(len(p.split()) for p in paragraphs)
    sentence_spans("Ready.")  # pysbd is imported on first use: not part of either measure
    ours, theirs = side_by_side(
        lambda: timed(lambda: suggest(paragraphs, headings, title)),
        lambda: timed(lambda: [sentence_spans(p) for p in paragraphs]),
        rounds,
    )
    return [
        (f"Suggest claims, {words:,} words / its sentences (pysbd)", "1.5", ours / theirs, ours)
    ]


PAGES = Path(__file__).parent / "pages"
WORDS = 10_000


def long_page() -> str:
    """A saved news page shaped like tests/pages/news.html, its article repeated with numbered
    headings until it holds about WORDS words."""
    page = (PAGES / "news.html").read_text(encoding="utf-8")
    start = page.index('<div class="story-body">') + len('<div class="story-body">')
    end = page.index('<footer class="story-footer">')
    end = page.rindex("</div>", start, end)
    article = page[start:end]
    words = len((PAGES / "news.expected.txt").read_text(encoding="utf-8").split())
    copies = [
        article.replace("</h2>", f" ({n})</h2>").replace("<p>", f"<p>{n}. ")
        for n in range(1, -(-WORDS // words) + 1)
    ]
    return page[:start] + "".join(copies) + page[end:]


def new_rows(folder: Path, rounds: int) -> list[Row]:
    """`workbook new` on a long saved page, against trafilatura's extraction of the same text."""
    import trafilatura

    page = folder / "long-page.html"
    page.write_text(long_page(), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    out = folder / "long-page.toml"
    document = read_document(page)
    words = sum(len(p.split()) for p in document.paragraphs)

    def new() -> float:
        with contextlib.redirect_stdout(io.StringIO()):
            return timed(lambda: workbook_main(["new", str(page), "-o", str(out), "--force"]))

    def extraction() -> float:
        return timed(lambda: trafilatura.bare_extraction(html, **extraction_options()))

    new()  # the first call pays for importing trafilatura; neither side is measured with it
    ours, theirs = side_by_side(new, extraction, rounds)
    # Beyond the extraction, `new` reads and decodes the page, parses its options, turns the
    # article into paragraphs, validates the workbook and writes it, synced, with a backup.
    name = f"New workbook from a saved page ({words:,} words) / trafilatura's extraction"
    return [(name, "1.5", ours / theirs, ours)]


CUT_CARDS = 2_000
SOURCES = 20


def cut_workbook(folder: Path) -> Path:
    """The seed with CUT_CARDS more cards, each one to three paragraphs cut from one of SOURCES
    sources of a hundred paragraphs (the seed's body, numbered), with the source's cite, and
    the sources' texts beside it."""
    shutil.copyfile(
        positions_folder() / "soleimani-blowback.txt", folder / "soleimani-blowback.txt"
    )
    data = to_data(load_with_essay(seed_path())[0])
    body = split_paragraphs((positions_folder() / "soleimani-blowback.txt").read_text("utf-8"))
    texts = {}
    for number in range(SOURCES):
        source_id = f"report{number}"
        texts[source_id] = [f"{number}.{n} {body[n % len(body)]}" for n in range(100)]
        name = f"cut.{source_id}.source.txt"
        (folder / name).write_text("\n".join(texts[source_id]) + "\n", encoding="utf-8")
        data.setdefault("sources", {})[source_id] = {
            "author": f"Author {number}",
            "date": "2021-03-04",
            "title": f"Report {number}",
            "publication": "A Think Tank",
            "url": f"https://example.org/{number}",
            "accessed": "2026-12-01",
            "file": name,
            "paragraphs": 100,
        }
    for number in range(CUT_CARDS):
        source_id = f"report{number % SOURCES}"
        first = number * 7 % 98
        text = "\n\n".join(texts[source_id][first : first + 1 + number % 3])
        cite = {
            k: v for k, v in data["sources"][source_id].items() if k not in ("file", "paragraphs")
        }
        data["cards"][f"cut-{number}"] = {
            **cite,
            "tag": f"Card {number}",
            "source": source_id,
            "cutter": "AB",
            "text": text,
        }
    path = folder / "cut.toml"
    path.write_text(dumps(validate(data, path)), encoding="utf-8")
    return path


def check_rows(folder: Path, rounds: int) -> list[Row]:
    """`workbook check` of 2,000 cut cards, each proven against its source's text, against
    parsing the file: the budget `check` had before it proved cards, loading's own."""
    path = cut_workbook(folder)
    text = path.read_text(encoding="utf-8")

    def check() -> float:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            seconds = timed(lambda: workbook_main(["check", str(path)]))
        assert f"{CUT_CARDS} cut cards: {CUT_CARDS} proven" in out.getvalue()
        return seconds

    ours, theirs = side_by_side(check, lambda: timed(lambda: tomllib.loads(text)), rounds)
    megabytes = path.stat().st_size / 1e6
    name = f"Check 2,000 cut cards against their sources / tomllib.loads ({megabytes:.1f} MB)"
    return [(name, "1.5", ours / theirs, ours)]


PDF_PAGES = 100


def source_rows(folder: Path, rounds: int) -> list[Row]:
    """`workbook source add` of a long saved page, against trafilatura's extraction of the same
    text; and of a 100-page report, against pypdf's own text extraction of its pages."""
    import trafilatura
    from pypdf import PdfReader

    from .pdfs import long_report, report_pdf

    page = folder / "source-page.html"
    page.write_text(long_page(), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    pdf = folder / "source-report.pdf"
    pdf.write_bytes(report_pdf(long_report(PDF_PAGES)))
    raw = pdf.read_bytes()
    essay = folder / "essay.txt"
    essay.write_text("The essay under study.\n", encoding="utf-8")
    workbook = folder / "sources.toml"
    with contextlib.redirect_stdout(io.StringIO()):
        workbook_main(["new", str(essay), "-o", str(workbook), "--force"])
    before = workbook.read_bytes()

    def add(source: Path) -> Callable[[], float]:
        def measure() -> float:
            # Each round adds the source to the same workbook, as it was before.
            workbook.write_bytes(before)
            for text in folder.glob("sources.*.source.txt"):
                text.unlink()
            with contextlib.redirect_stdout(io.StringIO()):
                return timed(lambda: workbook_main(["source", "add", str(workbook), str(source)]))

        return measure

    def extraction() -> float:
        return timed(lambda: trafilatura.bare_extraction(html, **extraction_options()))

    def pypdf_text() -> float:
        return timed(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages])

    add(page)()  # the first call pays for importing trafilatura and pypdf
    add(pdf)()
    words = sum(len(p.split()) for p in read_document(page).paragraphs)
    page_ours, page_theirs = side_by_side(add(page), extraction, rounds)
    pdf_ours, pdf_theirs = side_by_side(add(pdf), pypdf_text, rounds)
    # Beyond the extraction, `source add` reads the page's own metadata (JSON-LD, tags,
    # bylines) and writes the text and the workbook; for a PDF it places each line, leaves
    # out headers and footers and joins lines and broken words.
    return [
        (
            f"Source from a saved page ({words:,} words) / trafilatura's extraction",
            "1.5",
            page_ours / page_theirs,
            page_ours,
        ),
        (
            f"Source from a {PDF_PAGES}-page PDF ({pdf_ours / PDF_PAGES:.3f} s a page) "
            "/ pypdf's extract_text",
            "1.5",
            pdf_ours / pdf_theirs,
            pdf_ours,
        ),
    ]


WORD_PAGES = 300


def word_rows(folder: Path, rounds: int) -> list[Row]:
    """Reading a Word file of WORD_PAGES pages of cards into cards, against python-docx
    opening it alone (which parses every part of it)."""
    from docx import Document

    from workbook.importing.word_file import read_word

    from .word_files import tub

    path = folder / "tub.docx"
    path.write_bytes(tub(WORD_PAGES))
    cards = len(read_word(path).cards)
    ours, theirs = side_by_side(
        lambda: timed(lambda: read_word(path)), lambda: timed(lambda: Document(str(path))), rounds
    )
    megabytes = path.stat().st_size / 1e6
    # Beyond python-docx's parsing (in C, lxml's), the import walks every paragraph and run in
    # Python, resolves each run's looks through its styles, reads each cite, and composes each
    # card's marked text, which the card's validation reads through again.
    name = (
        f"Read a {WORD_PAGES}-page Word file ({cards} cards, {megabytes:.1f} MB) "
        "/ python-docx opening it"
    )
    return [(name, "8", ours / theirs, ours)]


def report(rows: list[Row], rounds: int) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()} "
        f"({cpu}, {os.cpu_count()} cores); medians of {rounds} rounds.",
        "",
        "| measure | ratio | budget | ours (s) | within |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, budget, ratio, seconds in rows:
        within = "—" if budget == "report" else ("yes" if ratio <= float(budget) else "**no**")
        shown = "" if seconds is None else f"{seconds:.3f}"
        lines.append(f"| {name} | {ratio:.2f} | {budget} | {shown} | {within} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
