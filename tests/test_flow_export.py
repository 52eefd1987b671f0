"""`workbook flow export`: the flow as a spreadsheet in Verbatim Flow's layout, read back with
openpyxl, and as Markdown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from openpyxl import load_workbook

from tests.strategies import text
from workbook.commands import main
from workbook.practice.flow import Argument, Flow, Sheet
from workbook.practice.flow_file import Opened
from workbook.practice.flow_sheets import CELL_MOST, grid, spreadsheet, worksheet_title
from workbook.practice.formats import BUILT_IN
from workbook.storage.files import shown_lines
from workbook.storage.toml_data import parse_toml

POLICY = BUILT_IN["policy-hs"]
SPEECHES = ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"]


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def flowed(seed_copy: Path) -> Path:
    out = seed_copy.parent / "r.flow.toml"
    assert (
        main(
            ["flow", "new", str(seed_copy), "--format", "policy-hs", "--as", "Aff", "-o", str(out)]
        )
        == 0
    )
    return out


def test_each_answer_stands_across_from_what_it_answers() -> None:
    sheet = Sheet(
        arguments={
            "a": Argument(speech="1AC", text="A"),
            "b": Argument(speech="1NC", text="B", answers="a"),
            "c": Argument(speech="1NC", text="C", answers="a"),
            "d": Argument(speech="2AC", text="D", answers="c"),
            "e": Argument(speech="2AC", extends="a", mark="kicked"),
            "f": Argument(speech="1NC", text="F"),
        }
    )
    rows = grid(sheet, POLICY, {"f"})
    assert [row[:3] for row in rows] == [
        ["A", "B", ""],
        ["", "C", "D"],
        ["", "", "ext. A [kicked]"],
        ["", "F [dropped]", ""],
    ]


def test_a_long_chain_of_answers_is_laid_out_without_recursion() -> None:
    # Longer than Python's recursion limit; each argument with two answers, the second of
    # which goes on a row of its own.
    arguments = {"a0": Argument(speech="1AC", text="0")}
    for number in range(1, 3000):
        arguments[f"a{number}"] = Argument(speech="1NC", text=str(number), answers=f"a{number - 1}")
        arguments[f"b{number}"] = Argument(speech="2NC", text="b", answers=f"a{number - 1}")
    rows = grid(Sheet(arguments=arguments), POLICY, set())
    assert len(rows) == 3000
    assert rows[-1][3] == "b"


def test_worksheet_titles_are_what_excel_takes_once_each() -> None:
    taken: set[str] = set()
    long = "Is it [really] a: threat? / or * not" + "x" * 40
    first = worksheet_title(long, taken)
    second = worksheet_title(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)


def test_the_spreadsheet_reads_back_in_verbatim_flows_layout(flowed: Path, tmp_path: Path) -> None:
    out = tmp_path / "round.xlsx"
    assert main(["flow", "export", str(flowed), "--to", "xlsx", "-o", str(out)]) == 0
    book = load_workbook(out)
    flow = parse_toml(flowed.read_text(encoding="utf-8"))
    assert len(book.worksheets) == len(flow["sheets"])
    first = book.worksheets[0]
    assert first.title == flow["sheets"]["reckless-decision"]["title"][:31]
    # A column a speech, headed by its name; no column for a cross-examination.
    assert [cell.value for cell in first[1]] == SPEECHES
    p1 = flow["sheets"]["reckless-decision"]["arguments"]["p1"]["text"]
    p2 = flow["sheets"]["reckless-decision"]["arguments"]["p2"]["text"]
    assert first["A2"].value == p1
    assert first["B2"].value == p2  # the 1NC's answer, across from the 1AC's point
    dropped = [c for row in first.iter_rows() for c in row if str(c.value).endswith("[dropped]")]
    assert dropped and all(c.font.color.rgb.endswith("C00000") for c in dropped)


def test_a_formula_in_a_flow_is_written_as_text(flowed: Path, tmp_path: Path) -> None:
    text = flowed.read_text(encoding="utf-8")
    flowed.write_text(
        text.replace('text = "The essay', 'text = "=HYPERLINK(1)The essay', 1), encoding="utf-8"
    )
    out = tmp_path / "round.xlsx"
    assert main(["flow", "export", str(flowed), "--to", "xlsx", "-o", str(out)]) == 0
    cell = load_workbook(out).worksheets[0]["A2"]
    assert cell.data_type == "s" and str(cell.value).startswith("=HYPERLINK")


def test_the_markdown_flow_is_a_table_a_sheet(flowed: Path) -> None:
    assert main(["flow", "export", str(flowed), "--to", "md"]) == 0
    written = flowed.with_name("r.md").read_text(encoding="utf-8")
    assert written.startswith("# Flow: Policy (high school), as Aff\n")
    assert "| 1AC | 1NC | 2AC | 2NC | 1NR | 1AR | 2NR | 2AR |" in written
    assert written.count("\n## ") == len(parse_toml(flowed.read_text("utf-8"))["sheets"])
    assert "\\[dropped\\]" in written


def test_an_export_never_replaces_the_flow_or_its_workbook(
    flowed: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in (flowed, seed_copy)}
    for target in before:
        for to in ("md", "xlsx"):
            assert main(["flow", "export", str(flowed), "--to", to, "-o", str(target)]) == 2
    assert {p: p.read_bytes() for p in before} == before
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 4 and all(line.startswith(str(flowed.parent)) for line in said)


def test_a_markdown_flow_goes_to_standard_output(
    flowed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["flow", "export", str(flowed), "--to", "md", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# Flow: Policy (high school), as Aff\n")
    assert not flowed.with_name("r.md").exists()


@settings(max_examples=40, deadline=None)
@given(words=text, title=text)
def test_any_words_make_a_spreadsheet_that_reads_back(words: str, title: str) -> None:
    sheet = Sheet(
        title=" ".join(title.split()),
        arguments={"a": Argument(speech="1AC", text=words), "b": Argument(speech="2AR")},
    )
    flow = Flow(
        flow=1,
        workbook="w.toml",
        format="policy-hs",
        ours="Aff",
        sides={"Aff": "for", "Neg": "against"},
        sheets={"s": sheet},
    )
    opened = Opened(flow, None, POLICY, Path("w.toml"))  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(spreadsheet(opened)))
    cell = book.worksheets[0]["A2"].value
    assert cell == shown_lines(sheet.arguments["a"].text + " [dropped]")


def test_a_cell_longer_than_excel_keeps_is_cut() -> None:
    from workbook.practice.flow_sheets import cell_value

    assert len(cell_value("x" * 40_000, str)) == CELL_MOST
    assert cell_value("x" * 10, str) == "x" * 10


def test_a_claims_sheet_with_no_title_is_named_as_its_claim(flowed: Path, tmp_path: Path) -> None:
    text = flowed.read_text(encoding="utf-8")
    start = text.index('title = "The strike was reckless')
    end = text.index("\n", start)
    flowed.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert main(["flow", "export", str(flowed), "--to", "md", "-o", str(tmp_path / "f.md")]) == 0
    written = (tmp_path / "f.md").read_text(encoding="utf-8")
    tag = "The strike was reckless, and the U.S. and Iraq are still paying for it"
    assert f"\n## {tag}\n" in written  # the claim's tag, from the workbook; not its id
