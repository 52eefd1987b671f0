"""Quotes as a keyboard types them: found in the essay's own characters, refused with help."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.essay.brackets import occurrences
from workbook.essay.paragraphs import find_quote, split_paragraphs
from workbook.essay.quotes import (
    closest_passage,
    differences,
    essay_problem,
    essay_quote,
    locate_quote,
    normalised,
    quote_problem,
    verbatim_problem,
)
from workbook.storage.places import seed_path
from workbook.storage.store import WorkbookError, dumps, load

SEED_ESSAY = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))
ESSAY = "He said “don’t go” — and she said ‘fine’… It was—as ever—late. Don’t ask."


def found(typed: str, paragraph: str = ESSAY) -> str | None:
    span = locate_quote(typed, paragraph)
    return None if span is None else paragraph[span[0] : span[1]]


@pytest.mark.parametrize(
    ("typed", "essay"),
    [
        ('He said "don\'t go"', "He said “don’t go”"),
        ("she said 'fine'", "she said ‘fine’"),
        ("don't go\" - and", "don’t go” — and"),
        ('go" -- and she', "go” — and she"),
        ("go”—and she", "go” — and she"),
        ("It was-as ever-late.", "It was—as ever—late."),
        ("It was – as ever – late.", "It was—as ever—late."),
        ("It was--as ever--late.", "It was—as ever—late."),
        ("'fine'... It was", "‘fine’… It was"),
        ("said  \n\t“don’t", "said “don’t"),
        ("said\u00a0“don’t", "said “don’t"),
        ("It was—as ever—la\u00adte.", "It was—as ever—late."),
    ],
)
def test_keyboard_spellings_find_the_essays_characters(typed: str, essay: str) -> None:
    assert found(typed) == essay


def test_the_essays_curly_marks_are_found_when_the_essay_is_straight() -> None:
    straight = 'He said "don\'t go" - and then... nothing'
    assert found("said “don’t go” — and then… nothing", straight) == (
        'said "don\'t go" - and then... nothing'
    )


def test_an_exact_match_comes_first() -> None:
    paragraph = "Don't stop. Don’t stop."
    assert found("Don’t stop.", paragraph) == "Don’t stop."
    assert locate_quote("Don’t stop.", paragraph) == (12, 23)
    assert locate_quote("Don't stop.", paragraph) == (0, 11)


def test_letter_case_is_forgiven_where_the_match_is_unique() -> None:
    assert found("HE SAID “DON’T") == "He said “don’t"
    assert found("don’t ask.") == "Don’t ask."
    assert locate_quote("HE SAID", ESSAY) is None  # "He said", and "she said" holds "he said"


def test_the_same_case_wins_over_another_case() -> None:
    paragraph = "The strike. the strike."
    assert locate_quote("the Strike", "The strike. THE STRIKE.") is None
    assert found("The strike", paragraph) == "The strike"
    assert locate_quote("the strike", paragraph) == (12, 22)
    assert locate_quote("the strike.", "The STRIKE. the strike.") == (12, 23)


def test_several_differently_cased_matches_are_ambiguous() -> None:
    assert found("don't") == "don’t"  # the same case wins
    assert locate_quote("DON'T", ESSAY) is None  # “don’t” or “Don’t”: which one?
    assert locate_quote("THE STRIKE", "The strike. the Strike.") is None


def test_half_of_a_character_is_no_match() -> None:
    assert locate_quote("fine’.", ESSAY) is None  # the essay's "…" is not two dots
    assert locate_quote("s", "Straße") == (0, 1)  # not half of the "ss" that "ß" folds to
    assert found("STRASSE", "Die Straße.") == "Straße"


@pytest.mark.parametrize("typed", ["", "   ", "\n\t", "\u00a0"])
def test_nothing_typed_is_nowhere(typed: str) -> None:
    assert locate_quote(typed, ESSAY) is None
    assert essay_quote(typed, ESSAY) is None
    assert quote_problem(typed, ESSAY, 1) == "the essay's words, verbatim"


def test_the_bracket_convention_still_works_and_forgives_too() -> None:
    paragraph = SEED_ESSAY[2]
    assert found("[I]n January 2020", paragraph) == "n January 2020"
    typed = 'Pompeo then claimed that the assassination "re-establish[ed] deterrence"'
    assert found(typed, paragraph) == (
        "Pompeo then claimed that the assassination “re-establish[ed] deterrence”"
    )
    # "..." is "…", not words left out: a quote stays one stretch of the paragraph.
    assert locate_quote('[I]n January 2020 ... gave a speech titled "The', paragraph) is None


def regex_find_quote(quote: str, paragraph: str) -> tuple[int, int] | None:
    """`find_quote` as a regular expression with an optional group for each bracket: the same
    answers, in time exponential in the brackets the paragraph also has side by side."""
    start = paragraph.find(quote)
    if start >= 0:
        return start, start + len(quote)
    parts = re.split(r"(\[[^\]\n]*\])", quote)
    pattern = "".join(
        f"(?:{re.escape(part)})?" if part.startswith("[") else re.escape(part) for part in parts
    )
    match = re.search(pattern, paragraph)
    return None if match is None or match.start() == match.end() else match.span()


# Words and brackets of other letters: a bracket of the essay is one token, inside which the
# quote's words are not looked for, where the expression would find "a" of "[a]".
bracketed = st.lists(st.sampled_from(["a", "b", " ", "[x]", "[y]", "[xy]", "[]"]), max_size=14)


@settings(max_examples=500)
@given(bracketed, bracketed)
def test_brackets_are_taken_as_a_regular_expression_would(
    quote: list[str], text: list[str]
) -> None:
    """Each bracket matches its text as written or nothing, and the leftmost place wins, with
    as many brackets taken as the first ones can: as the expression reads it, without its time.
    (A quote of brackets only, which the expression finds only at the start, is left out.)"""
    typed, paragraph = "".join(quote), "".join(text)
    assume(re.sub(r"\[[^\]]*\]", "", typed))
    assert find_quote(typed, paragraph) == regex_find_quote(typed, paragraph)


@settings(max_examples=300)
@given(st.text("ab.", min_size=1, max_size=6), st.text("ab.", max_size=80))
@example("..", "." * 60)
@example("a.a", "a.a.a" * 15 + "ba.a")
def test_every_place_of_the_words_is_found_past_the_quick_ones(words: str, text: str) -> None:
    """A text that repeats itself holds the words at many places, overlapping: the first few
    come from `str.find`, the rest from one pass, and together they are every place."""
    every = [at for at in range(len(text)) if text.startswith(words, at)]
    assert list(occurrences(words, text)) == every


def test_what_to_store_keeps_the_typed_brackets_and_takes_the_essays_characters() -> None:
    paragraph = SEED_ESSAY[2]
    verbatim = "[I]n January 2020, just days after the United States assassinated Maj. Gen."
    assert essay_quote(verbatim, paragraph) == verbatim  # nothing to forgive: kept as typed
    assert essay_quote(verbatim.replace("just days", "JUST  days"), paragraph) == verbatim
    typed = 'then-Secretary of State Mike Pompeo gave a speech titled "The Restoration'
    assert essay_quote(f"[the] {typed}", paragraph) == (
        "[the] then-Secretary of State Mike Pompeo gave a speech titled “The Restoration"
    )
    assert essay_quote(f"[The ]{typed}", paragraph) == (
        "[The ]then-Secretary of State Mike Pompeo gave a speech titled “The Restoration"
    )
    assert essay_quote('[ed] deterrence" with Iran', paragraph) == "[ed] deterrence” with Iran"


# Rich in what keyboards get wrong: quote marks, dashes, spaces, dots, and letters of two cases.
ALPHABET = "aAbBcC xyz’‘“”'\"—–-‐…. \u00a0\n\t"
paragraphs = st.text(alphabet=ALPHABET, min_size=1, max_size=120)


def keyboardify(text: str, lower: bool) -> str:
    text = re.sub("[’‘]", "'", text)
    text = re.sub("[“”]", '"', text)
    text = re.sub("[—–‐]", "-", text).replace("…", "...")
    text = re.sub(r"\s+", " ", text)
    return text.lower() if lower else text


@given(paragraphs, st.data(), st.booleans())
def test_a_keyboard_copy_of_any_passage_is_found_in_the_paragraphs_own_characters(
    paragraph: str, data: st.DataObject, lower: bool
) -> None:
    start = data.draw(st.integers(0, len(paragraph) - 1))
    end = data.draw(st.integers(start + 1, len(paragraph)))
    typed = keyboardify(paragraph[start:end], lower)
    span = locate_quote(typed, paragraph)
    if not typed.strip():
        assert span is None
        return
    if span is None:
        # Only letter case can leave a passage unfound: when it matches in several places.
        assert lower
        folded = normalised(typed.strip(), fold_case=True)
        hay = normalised(paragraph, fold_case=True)
        assert len(re.findall(f"(?=({re.escape(folded)}))", hay)) > 1
        return
    a, b = span
    assert 0 <= a < b <= len(paragraph)
    assert normalised(paragraph[a:b], lower).strip() == normalised(typed, lower).strip()
    stored = essay_quote(typed, paragraph)
    assert stored is not None and stored in paragraph
    assert find_quote(stored, paragraph) is not None


def test_the_closest_passage_to_a_near_miss_is_the_essays() -> None:
    paragraph = SEED_ESSAY[4]
    typed = "the argument that the strike reestablished 'real deterence'"
    assert closest_passage(typed, paragraph) == (
        "the argument that the strike re-established “real deterrence”"
    )
    assert quote_problem(typed, paragraph, 5) == (
        "not the words of paragraph 5; the closest is "
        "“the argument that the strike re-established “real deterrence””"
    )


def test_a_long_closest_passage_is_cut_short() -> None:
    paragraph = SEED_ESSAY[2]
    typed = paragraph[:200].replace("Soleimani", "Solemani")
    passage = closest_passage(typed, paragraph)
    assert passage.endswith("…") and len(passage) <= 80
    assert paragraph.startswith(passage[:-1])


def test_a_quote_from_another_paragraph_is_not_close_to_anything() -> None:
    typed = "Pasta should be cooked in plenty of salted water until it is just done."
    assert quote_problem(typed, SEED_ESSAY[2], 3) == (
        "not the words of paragraph 3, and nothing in it comes close"
    )
    assert quote_problem("don’t ask.", ESSAY, 1) == ""


def test_a_quote_no_paragraph_holds_names_the_closest_passage_and_its_paragraph() -> None:
    typed = "the argument that the strike reestablished 'real deterence'"
    assert essay_problem(typed, SEED_ESSAY) == (
        "not the words of any paragraph; the closest is "
        "“the argument that the strike re-established “real deterrence””, in paragraph 5"
    )
    typed = "Pasta should be cooked in plenty of salted water until it is just done."
    assert essay_problem(typed, SEED_ESSAY) == (
        "not the words of any paragraph, and nothing in the essay comes close"
    )
    assert essay_problem("  ", SEED_ESSAY) == "the essay's words, verbatim"


def test_the_closest_passage_is_named_by_the_paragraph_that_holds_it() -> None:
    """A quote with a sentence left out is most like a window as long as itself, which may
    begin paragraphs early, in short ones, and run on into the quote's: the paragraph named,
    and the passage shown, are the one that holds most of it."""
    paragraphs = [
        "Proxy Wars After the Strike",
        "By Dana Reyes, senior fellow",
        "In the year after the strike, attacks on coalition bases in Iraq rose by a third. "
        "Militias that had been quiet for months claimed most of them. The rise was steepest "
        "in the provinces nearest the border.",
    ]
    typed = paragraphs[2].replace(
        " Militias that had been quiet for months claimed most of them.", ""
    )
    assert essay_problem(typed, paragraphs) == (
        "not the words of any paragraph; the closest is “In the year after the strike, attacks "
        "on coalition bases in Iraq rose by a…”, in paragraph 3"
    )


def test_the_closest_passage_is_quick_on_a_long_paragraph() -> None:
    paragraph = " ".join(SEED_ESSAY)  # about 8,000 characters
    begin = time.perf_counter()
    for typed in (paragraph[4000:4030], paragraph[100:400], paragraph[:3000] + "x"):
        closest_passage(typed.replace("e", "a"), paragraph)
    quote_problem("x" * 1_000_000, paragraph, 1)
    assert time.perf_counter() - begin < 2


@pytest.mark.parametrize(
    ("typed", "stored", "kinds"),
    [
        ("don't", "don’t", ["quote marks"]),
        ("a - b", "a—b", ["dashes"]),
        ("a — b", "a—b", ["spacing"]),
        ("a  b ", "a b", ["spacing"]),
        ("a...", "a…", ["ellipses"]),
        ("A 'b'", "a ‘b’", ["letter case", "quote marks"]),
        ("ab", "a\u00adb", ["invisible characters"]),
        ("ab", "cd", []),
    ],
)
def test_the_differences_are_named(typed: str, stored: str, kinds: list[str]) -> None:
    assert differences(typed, stored) == kinds


def test_a_stored_quote_is_held_to_the_essays_characters_in_one_line() -> None:
    paragraph = SEED_ESSAY[2]
    assert verbatim_problem("Pompeo’s contention", paragraph, 3) == ""
    assert verbatim_problem("[I]n January 2020", paragraph, 3) == ""
    assert verbatim_problem("Pompeo's contention", paragraph, 3).startswith("not verbatim:")
    assert verbatim_problem("", paragraph, 3) == "is empty, not the words of paragraph 3"
    message = verbatim_problem("Pompeo's\n\ncontention", paragraph, 3)
    assert "\n" not in message and "only the quote marks and spacing differ" in message


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_fmt_fix_quotes_puts_the_essays_characters_in(
    capsys: pytest.CaptureFixture[str], seed_copy: Path
) -> None:
    seed_copy.write_text(dumps(load(seed_copy)), "utf-8")  # in the current format
    original = seed_copy.read_bytes()
    typed = (
        original.decode()
        .replace("Pompeo’s contention", "pompeo's contention")
        .replace("strike—which killed", "strike -- which killed")
    )
    seed_copy.write_text(typed, "utf-8")
    assert run(capsys, "fmt", seed_copy)[0] == 2  # plain fmt refuses, as check does
    status, _, err = run(capsys, "fmt", "--check", "--fix-quotes", seed_copy)
    assert status == 1 and "2 quotes would take the essay's characters" in err
    assert seed_copy.read_text("utf-8") == typed
    status, out, _ = run(capsys, "fmt", "--fix-quotes", seed_copy)
    assert (status, out) == (
        0,
        f"{seed_copy}: reformatted; 2 quotes took the essay's characters "
        "(claims.deterrence-claim-weaker, claims.pmf-upheaval)\n",
    )
    assert seed_copy.read_bytes() == original
    assert run(capsys, "check", seed_copy)[0] == 0


def test_fmt_fix_quotes_refuses_what_it_cannot_fix(
    capsys: pytest.CaptureFixture[str], seed_copy: Path
) -> None:
    typed = seed_copy.read_text("utf-8").replace("reckless decision", "rash decision")
    seed_copy.write_text(typed, "utf-8")
    status, _, err = run(capsys, "fmt", "--fix-quotes", seed_copy)
    assert status == 2 and "claims.reckless-decision.quote: not the words" in err
    assert seed_copy.read_text("utf-8") == typed
    (seed_copy.parent / "soleimani-blowback.txt").unlink()
    status, _, err = run(capsys, "fmt", "--fix-quotes", seed_copy)
    assert status == 2 and "is not there, so no quote can be fixed" in err


def test_fmt_fix_quotes_refuses_the_bundled_seed(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "fmt", "--fix-quotes", seed_path())
    assert status == 2 and err == f"{seed_path()}: the bundled seed is read-only\n"


def seed_error(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        load(path)
    return str(caught.value)


def test_check_says_what_the_essay_has_for_a_straight_apostrophe(seed_copy: Path) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("Pompeo’s contention", "Pompeo's contention"), "utf-8")
    assert seed_error(seed_copy) == (
        f"{seed_copy}: claims.deterrence-claim-weaker.quote: not verbatim: paragraph 3 of "
        "soleimani-blowback.txt has “…has revealed, Pompeo’s contention is even weaker almost "
        "two years later.” (only the quote marks differ); "
        "workbook fmt --fix-quotes puts the essay's characters in"
    )


def test_check_names_the_closest_passage_for_a_typo(seed_copy: Path) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("reckless decision to", "reckless descision to"), "utf-8")
    assert seed_error(seed_copy) == (
        f"{seed_copy}: claims.reckless-decision.quote: not the words of paragraph 2 of "
        "soleimani-blowback.txt; the closest is “The United States and Iraq are still feeling "
        "the far-reaching consequences of…”"
    )
