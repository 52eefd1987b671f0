"""Cards proven against their sources: every way a cut card can drift is caught, passages joined
by an ellipsis are a warning, and `workbook check` says which card, and the closest passage."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import ESSAY, SMALL
from workbook.commands import main
from workbook.core.cutting import PARAGRAPH_BREAK, cut_text
from workbook.core.marks import Marked, compose, plain
from workbook.core.model import Card
from workbook.core.proving import Proof, SourceText, prove, standing
from workbook.core.sequences import longest_prefix, occurrences
from workbook.essay.proofs import JOINED, drift_problem, join_warning

# A think tank's report, one paragraph a line, as `source add` stores it.
REPORT = [
    "Proxy Wars After the Strike",
    "By Dana Reyes, senior fellow",
    "In the year after the strike, attacks on coalition bases in Iraq rose by a third. "
    "Militias that had been quiet for months claimed most of them. The rise was steepest "
    "in the provinces nearest the border.",
    "Officials in Washington read the drop in direct attacks as deterrence. The militias "
    "read it as a change of tactics, and said so.",
    "A restored deterrence is not a lasting one. Every commander we spoke to expected the "
    "attacks to return within two years.",
    "The report's recommendations follow.",
]
NAME = "w.report.source.txt"


def cut(first: int, last: int) -> str:
    return cut_text(REPORT, first, last)


SOURCE = SourceText(REPORT)


# Each mutation of a card cut of paragraphs 3 to 5, what the proof finds, and what check says.
MUTATIONS: dict[str, tuple[str, Proof, str]] = {
    "a word changed": (
        cut(3, 5).replace("rose by a third", "rose by half"),
        Proof("drifted", drift="words", part=1),
        "its paragraph 1 is not the words of w.report.source.txt; the closest is “…bases in Iraq "
        "rose by a third. Militias",
    ),
    "a sentence dropped": (
        cut(3, 5).replace(" Militias that had been quiet for months claimed most of them.", ""),
        Proof("drifted", drift="words", part=1),
        "its paragraph 1 is not the words of w.report.source.txt; the closest is “…Iraq rose by "
        "a third. Militias that had been quiet",
    ),
    "a paragraph's end dropped": (
        cut(3, 5).replace(
            " Every commander we spoke to expected the attacks to return within two years.", ""
        ),
        Proof("drifted", drift="part", part=3, paragraph=5, follows=5),
        "its paragraph 3 is part of paragraph 5 of w.report.source.txt, cut short: it goes on "
        "“Every commander we spoke to",
    ),
    "a paragraph's beginning dropped": (
        cut(3, 3)[len("In the year after the strike, ") :],
        Proof("drifted", drift="part", part=1, paragraph=3),
        "it is part of paragraph 3 of w.report.source.txt, not all of it: it begins “In the "
        "year after",
    ),
    "a word added": (
        cut(3, 4).replace("Officials in Washington", "Senior officials in Washington"),
        Proof("drifted", drift="words", part=2, follows=4),
        "its paragraph 2 is not the words of w.report.source.txt; the closest is “Officials in "
        "Washington",
    ),
    "a paragraph left out": (
        PARAGRAPH_BREAK.join([REPORT[2], REPORT[4]]),
        Proof("drifted", drift="order", part=2, paragraph=5, follows=4),
        "not one run of the paragraphs of w.report.source.txt: its paragraph 2 is paragraph 5, "
        "not 4",
    ),
    "paragraphs out of order": (
        PARAGRAPH_BREAK.join([REPORT[3], REPORT[2]]),
        Proof("drifted", drift="order", part=2, paragraph=3, follows=5),
        "its paragraph 2 is paragraph 3, not 5",
    ),
    "an empty text": ("", Proof("drifted", drift="empty", part=1), "is empty"),
}


def summary(proof: Proof) -> tuple[object, ...]:
    return proof.standing, proof.drift, proof.part, proof.paragraph, proof.follows


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_each_way_a_card_drifts_is_caught_and_said(mutation: str) -> None:
    text, expected, said = MUTATIONS[mutation]
    proof = prove(text, SOURCE)
    assert summary(proof) == summary(expected)
    assert standing(Card(source="report", text=text), REPORT) == "drifted"
    problem = drift_problem(proof, SOURCE, NAME, text.count(PARAGRAPH_BREAK) + 1)
    assert said in problem
    assert "\n" not in problem


def test_the_cut_itself_and_its_marked_copy_are_proven() -> None:
    text = cut(3, 5)
    marked = text.replace("rose by a third", "==rose by a third==").replace(
        "A restored deterrence", "==A restored deterrence=="
    )
    for card_text in (text, marked):
        assert summary(prove(card_text, SOURCE))[:1] == ("proven",)
        assert prove(card_text, SOURCE).first == 3
    # The marks come out before the words are compared, and nowhere else.
    drifted = marked.replace("==rose by a third==", "==rose by half==")
    assert prove(drifted, SOURCE).standing == "drifted"


@pytest.mark.parametrize("ellipsis", ["…", "...", " … ", " ... ", " . . . "])
def test_passages_joined_by_an_ellipsis_are_a_warning_not_drift(ellipsis: str) -> None:
    first = "In the year after the strike, attacks on coalition bases in Iraq rose by a third."
    second = "Every commander we spoke to expected the attacks to return within two years."
    proof = prove(f"{first}{ellipsis}{second}", SOURCE)
    assert (proof.standing, proof.passages) == ("joined", (3, 5))
    assert join_warning(proof, NAME) == f"{JOINED} (paragraphs 3 and 5 of {NAME})"
    assert standing(Card(source="r", text=f"{first}{ellipsis}{second}"), REPORT) == "joined"


def test_an_ellipsis_the_source_has_is_no_join() -> None:
    """A card with the source's own ellipsis is the source's words: whole, it is proven; cut
    short, it is part of a paragraph, not passages joined."""
    source = SourceText(["He said… nothing more.", "Then he left."])
    assert prove("He said… nothing more.", source).standing == "proven"
    assert prove("He said… nothing", source).drift == "part"


def test_an_ellipsis_that_joins_words_not_the_sources_is_drift() -> None:
    text = "In the year after the strike … attacks will never return."
    assert prove(text, SOURCE).standing == "drifted"


def test_a_long_paragraph_is_shown_where_the_card_leaves_it() -> None:
    long = " ".join(f"Sentence {n} of a long paragraph." for n in range(40))
    source = SourceText(["A title", long])
    card = long.replace("Sentence 30 of", "Sentence thirty of")
    problem = drift_problem(prove(card, source), source, NAME, 1)
    assert "“…" in problem and "Sentence 30 of" in problem, problem
    assert problem.endswith("in paragraph 2")


def test_a_card_of_words_from_nowhere_is_not_close_to_anything() -> None:
    proof = prove("Completely unrelated words about the weather in spring.", SOURCE)
    problem = drift_problem(proof, SOURCE, NAME, 1)
    assert problem == f"it is not the words of {NAME}, and nothing in it comes close"


# Paragraphs as a source's stored text has them: one line each, no blank ones, no marks.
paragraph = (
    st.text(st.characters(exclude_characters="\n\r=", exclude_categories=("Cs",)), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(paragraph, min_size=1, max_size=8), st.data())
def test_any_cut_of_any_source_is_proven_marked_or_not(
    paragraphs: list[str], data: st.DataObject
) -> None:
    """Cut, then proven: whatever the paragraphs hold (ellipses, brackets, any script), and
    with any of its words marked to be read aloud."""
    first = data.draw(st.integers(1, len(paragraphs)))
    last = data.draw(st.integers(first, len(paragraphs)))
    text = cut_text(paragraphs, first, last)
    source = SourceText(paragraphs)
    proof = prove(text, source)
    assert proof.standing == "proven"
    assert (
        paragraphs[proof.first - 1 : proof.first - 1 + last - first + 1]
        == paragraphs[first - 1 : last]
    )
    # Marked as the app and the marking keys mark: words and their layers composed, so that a
    # source's own backslash before the mark is escaped (inserting "==" by hand would not be).
    words = plain(text)
    at = data.draw(st.integers(0, len(words)))
    to = data.draw(st.integers(at, len(words)))
    runs = [Marked(False, False, words[:at]), Marked(False, True, words[at:to])]
    marked = compose([*runs, Marked(False, False, words[to:])])
    assert prove(marked, source).standing == "proven"


def test_a_source_ending_in_a_backslash_is_proven_highlighted_whole() -> None:
    source = SourceText(["000000\\"])
    text = cut_text(source.paragraphs, 1, 1)
    assert prove(compose([Marked(False, True, plain(text))]), source).standing == "proven"


items = st.lists(st.sampled_from("abc"), max_size=40)


@given(st.lists(st.sampled_from("ab"), min_size=1, max_size=5), items)
@example(["a", "a", "b"], ["a"] * 30 + ["b"])
def test_every_place_of_a_run_of_paragraphs_is_found(run: list[str], within: list[str]) -> None:
    """As the places of words in a text: the first few one by one, the rest by one pass."""
    every = [at for at in range(len(within)) if within[at : at + len(run)] == run]
    assert list(occurrences(run, within)) == every


@given(st.lists(st.sampled_from("ab"), min_size=1, max_size=6), items)
def test_the_longest_run_found_is_the_longest(run: list[str], within: list[str]) -> None:
    best = max(
        (
            n
            for n in range(len(run) + 1)
            for at in range(len(within) + 1)
            if within[at : at + n] == run[:n]
        ),
    )
    length, start = longest_prefix(run, within)
    assert length == best
    assert within[start : start + length] == run[:length]


# The command line: a workbook with a source beside it, and cards cut from it.


def workbook_with(folder: Path, cards: dict[str, dict[str, Any]], text: bool = True) -> Path:
    data = copy.deepcopy(SMALL)
    data["sources"] = {"report": {"title": "Proxy Wars", "file": NAME, "paragraphs": len(REPORT)}}
    data["cards"].update(cards)
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    if text:
        (folder / NAME).write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    path = folder / "w.toml"
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return path


PROVEN = {"source": "report", "tag": "Attacks rose", "text": cut(3, 4)}
FROM_THE_ESSAY = {"source": "essay", "text": "Strikes bring blowback. They always do."}


def test_check_proves_every_cut_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook_with(tmp_path, {"cut": PROVEN, "mine": FROM_THE_ESSAY})
    before = path.read_bytes()
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "  2 cut cards: 2 proven" in out.splitlines()
    assert err == ""
    assert path.read_bytes() == before


def test_check_fails_on_a_drifted_card_naming_it_and_the_closest_passage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = {**PROVEN, "text": cut(3, 4).replace("rose by a third", "rose by half")}
    path = workbook_with(tmp_path, {"cut": PROVEN, "edited": edited})
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "  2 cut cards: 1 proven, 1 drifted" in out.splitlines()
    assert err.startswith(
        f"{path}: cards.edited.text: its paragraph 1 is not the words of {NAME}; the closest is"
    )
    assert err.count("\n") == 1


def test_check_warns_of_an_ellipsis_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    joined = {"source": "report", "text": REPORT[2] + " … " + REPORT[4]}
    path = workbook_with(tmp_path, {"joined": joined})
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"  cards.joined.text: {JOINED} (paragraphs 3 and 5 of {NAME})" in out.splitlines()
    assert "1 cut card: 1 joined by an ellipsis" in out
    assert err == ""


def test_check_says_in_one_line_when_a_sources_text_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = {f"c{n}": PROVEN for n in range(5)}
    path = workbook_with(tmp_path, cards, text=False)
    assert main(["check", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert (
        f"  cards not proven (c0, c1, c2 and 2 more): the text of sources.report, {NAME}, "
        "is not beside it"
    ) in out.splitlines()
    assert "5 cut cards: 5 not proven (the source's text is not there)" in out


def test_a_source_text_that_leads_out_of_the_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A teammate's workbook cannot make check (or cut) read a file elsewhere through a link
    planted as a source's text: one line, status 2, as for the essay's."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = workbook_with(folder, {"cut": PROVEN}, text=False)
    outside = tmp_path / "private.txt"
    outside.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    (folder / NAME).symlink_to(outside)
    before = path.read_bytes()
    for command in (
        ["check", str(path)],
        ["cut", str(path), "report", "--paragraphs", "3", "--tag", "t"],
    ):
        assert main(command) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == (f"{path}: sources.report.file: {NAME} leads outside the workbook's folder\n")
    assert path.read_bytes() == before
