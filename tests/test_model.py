"""Every validation rule of the model, each with an example that breaks it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.test_linear import chain_of_answers
from workbook.core.model import Card, Claim, Workbook, reference_problems
from workbook.storage.store import describe


def problem(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    return describe(caught.value)


def point(data: dict[str, Any], claim: str = "blowback", pid: str = "p2") -> dict[str, Any]:
    return data["claims"][claim]["points"][pid]


def test_the_small_workbook_is_valid(small: Workbook) -> None:
    assert list(small.claims) == ["blowback", "story"]
    assert small.other_side("con") == "pro"
    assert small.other_side("pro") == "con"


def test_a_point_on_an_unknown_side_is_refused(data: dict[str, Any]) -> None:
    point(data)["side"] = "neutral"
    assert problem(data).startswith("claims.blowback.points.p2.side: unknown side 'neutral'")


def test_a_claim_on_an_unknown_side_is_refused(data: dict[str, Any]) -> None:
    data["claims"]["story"]["side"] = "both"
    assert problem(data).startswith("claims.story.side: unknown side 'both'")


def test_an_answer_to_a_missing_point_is_refused(data: dict[str, Any]) -> None:
    point(data)["answers"] = "p9"
    assert problem(data) == "claims.blowback.points.p2.answers: no point 'p9' in this claim"


def test_an_answer_to_a_point_of_another_claim_is_refused(data: dict[str, Any]) -> None:
    data["claims"]["blowback"]["points"]["p2"]["answers"] = "p3"
    data["claims"]["story"]["points"]["p3"] = {"side": "con", "kind": "supports"}
    # the story claim is the author's (con): a con point there supports it.
    assert problem(data).endswith("no point 'p3' in this claim")


def test_an_answer_to_the_same_side_is_refused(data: dict[str, Any]) -> None:
    point(data)["side"] = "con"
    assert "is on the same side" in problem(data)


def test_an_answer_names_what_it_answers(data: dict[str, Any]) -> None:
    del point(data)["answers"]
    assert problem(data) == "claims.blowback.points.p2.answers: name the point this one answers"


def test_only_an_answer_answers(data: dict[str, Any]) -> None:
    point(data, pid="p1")["answers"] = "p2"
    assert problem(data).startswith("claims.blowback.points.p1.answers: only a point of kind")


def test_answers_may_not_loop(data: dict[str, Any]) -> None:
    point(data, pid="p1").update(kind="answers", answers="p2")
    assert problem(data).endswith("answers go round in a loop")


@given(st.lists(st.integers(min_value=-1, max_value=30), min_size=1, max_size=30))
def test_a_loop_is_found_wherever_the_answers_lead(targets: list[int]) -> None:
    """Point i answers point targets[i] (none for -1): each point whose chain of answers comes
    back to a point it passed, as a walk from it finds, and no other, is named as a loop."""
    data = chain_of_answers(1)
    points = data["claims"]["c"]["points"] = {}
    for number, target in enumerate(targets):
        # Odd points are against, even ones for; each answers a point of the other side.
        side = "against" if number % 2 else "for"
        wanted = target - (target % 2 == number % 2) if target >= 0 else -1
        if wanted < 0 or wanted >= len(targets):
            points[f"p{number}"] = {"side": side, "kind": "counters" if number % 2 else "supports"}
        else:
            points[f"p{number}"] = {"side": side, "kind": "answers", "answers": f"p{wanted}"}

    def loops(start: str) -> bool:
        seen, current = {start}, points[start].get("answers")
        while current:
            if current in seen:
                return True
            seen.add(current)
            current = points[current].get("answers")
        return False

    # Built without the workbook's own validation, which would stop at the first loop.
    claim = Claim.model_validate(data["claims"]["c"])
    workbook = Workbook.model_validate(chain_of_answers(1)).model_copy(
        update={"claims": {"c": claim}}
    )
    named = {path.split(".")[3] for path, why in reference_problems(workbook) if "loop" in why}
    assert named == {point_id for point_id in points if loops(point_id)}


def test_a_supporting_point_is_on_the_claims_side(data: dict[str, Any]) -> None:
    point(data, "story", "p1")["kind"] = "supports"
    assert problem(data).startswith("claims.story.points.p1.kind: a point that supports")


def test_a_counter_is_on_the_other_side(data: dict[str, Any]) -> None:
    point(data, pid="p1")["kind"] = "counters"
    assert problem(data).startswith("claims.blowback.points.p1.kind: a point that counters")


def test_an_unknown_kind_is_refused(data: dict[str, Any]) -> None:
    point(data)["kind"] = "rebuts"
    assert problem(data).startswith("claims.blowback.points.p2.kind: Input should be")


@pytest.mark.parametrize("strength", [0, 6, -1])
def test_a_strength_out_of_range_is_refused(data: dict[str, Any], strength: int) -> None:
    point(data, pid="p1")["strength"] = strength
    assert problem(data).startswith("claims.blowback.points.p1.strength: Input should be")


def test_a_strength_must_be_a_number(data: dict[str, Any]) -> None:
    point(data, pid="p1")["strength"] = "4"
    assert problem(data).startswith("claims.blowback.points.p1.strength: Input should be")


def test_a_paragraph_the_essay_does_not_have_is_refused(data: dict[str, Any]) -> None:
    data["claims"]["story"]["paragraph"] = 4
    assert problem(data) == "claims.story.paragraph: the essay has 3 paragraphs, not 4"


def test_paragraphs_count_from_one(data: dict[str, Any]) -> None:
    data["claims"]["story"]["paragraph"] = 0
    assert problem(data).startswith("claims.story.paragraph: Input should be greater than")


def test_a_workbook_has_exactly_two_sides(data: dict[str, Any]) -> None:
    data["sides"]["third"] = {"name": "Third"}
    assert problem(data) == "sides: a workbook has exactly two sides (found 3)"


def test_an_id_must_be_a_bare_key(data: dict[str, Any]) -> None:
    data["claims"]["has space"] = data["claims"].pop("story")
    assert "an id uses only letters" in problem(data)


def test_duplicate_ids_are_refused_by_the_file_format(tmp_path: Path) -> None:
    # Ids are table keys, so a second claim with the same id is a TOML error at its line.
    from workbook.storage.store import WorkbookError, parse

    text = (
        'format = 1\n[essay]\nparagraphs = 1\n[sides.a]\nname = "A"\n[sides.b]\nname = "B"\n'
        '[claims.x]\nparagraph = 1\nside = "a"\nquote = "q"\n'
        '[claims.x]\nparagraph = 1\nside = "a"\nquote = "q"\n'
    )
    with pytest.raises(WorkbookError) as caught:
        parse(text, tmp_path / "w.toml")
    assert (
        str(caught.value) == f"{tmp_path / 'w.toml'}:12:10: duplicate table: an id is given twice"
    )


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        ('title = "not closed', 20, 'a line break inside a "…" string: close it on its line'),
        ("title = not quoted", 9, 'not a value: text goes in quotes, "like this"'),
    ],
)
def test_the_slips_of_a_hand_edit_are_told_in_the_words_of_the_fix(
    tmp_path: Path, line: str, column: int, reason: str
) -> None:
    from workbook.storage.store import WorkbookError, parse

    with pytest.raises(WorkbookError) as caught:
        parse(f"format = 2\n{line}\n", tmp_path / "w.toml")
    assert str(caught.value).startswith(f"{tmp_path / 'w.toml'}:2:{column}: {reason}")


def test_unknown_fields_are_refused(data: dict[str, Any]) -> None:
    data["claims"]["story"]["qoute"] = "typo"
    assert problem(data) == "claims.story.qoute: is not a field of this format"


def test_missing_fields_are_named(data: dict[str, Any]) -> None:
    del data["claims"]["story"]["quote"]
    assert problem(data) == "claims.story.quote: is required"


def test_the_format_version_is_required(data: dict[str, Any]) -> None:
    del data["format"]
    assert problem(data) == "format: is required"


def test_a_tag_is_one_line(data: dict[str, Any]) -> None:
    data["claims"]["story"]["tag"] = "two\nlines"
    assert problem(data).startswith("claims.story.tag: must be one line")


@pytest.mark.parametrize("date", ["2021", "2021-11", "2021-11-07", ""])
def test_card_dates_may_be_partial(date: str) -> None:
    assert Card(date=date).date == date


@pytest.mark.parametrize("date", ["late 2021", "2021-13", "2021-02-30", "21", "2021/11/07"])
def test_a_card_date_that_is_not_a_date_is_refused(data: dict[str, Any], date: str) -> None:
    data["cards"]["smith"]["date"] = date
    assert problem(data).startswith("cards.smith.date: ")


def test_line_ends_are_normalised() -> None:
    assert Card(text="a\r\nb\rc").text == "a\nb\nc"


@pytest.mark.parametrize(
    ("fields", "cite"),
    [
        ({"author": "Will Smith", "date": "2021"}, "Smith 21"),
        ({"author": "Mike Pompeo", "date": "2020-01-13"}, "Pompeo 20"),
        ({"author": "A. Jones and B. Lee", "date": "2019-04"}, "Jones et al. 19"),
        ({"publication": "Military Times", "date": "2019-04-04"}, "Military Times 19"),
        ({"title": "A report"}, "A report"),
        ({}, ""),
    ],
)
def test_the_short_cite_is_derived(fields: dict[str, str], cite: str) -> None:
    assert Card(**fields).cite == cite


def test_an_empty_card_is_an_open_slot() -> None:
    assert Card().is_open
    assert Card(tag="Evidence needed: attack counts").is_open
    assert not Card(url="https://example.org").is_open
    assert not Card(text="quoted words").is_open


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/shadow", "must be relative to the workbook's folder"),
        ("C:\\essay.txt", "separate folders with '/', not '\\'"),
        ("C:/essay.txt", "must be relative to the workbook's folder"),
        ("\\\\server\\share\\essay.txt", "separate folders with '/', not '\\'"),
        ("texts\\essay.txt", "separate folders with '/', not '\\'"),
        ("../essay.txt", "must stay inside the workbook's folder (no '..')"),
        ("texts/../../essay.txt", "must stay inside the workbook's folder (no '..')"),
        ("..", "must stay inside the workbook's folder (no '..')"),
        ("essay\x00.txt", "must not hold control characters"),
        ("essay\x1b[2J.txt", "must not hold control characters"),
        ("essay\x85.txt", "must not hold control characters"),
    ],
)
def test_the_essay_file_must_stay_in_the_workbooks_folder(
    data: dict[str, Any], name: str, reason: str
) -> None:
    data["essay"]["file"] = name
    assert problem(data).startswith(f"essay.file: {reason}")


@pytest.mark.parametrize("name", ["essay.txt", "texts/essay.txt", "./essay.txt", "a..b.txt", ""])
def test_an_essay_file_inside_the_folder_is_kept(data: dict[str, Any], name: str) -> None:
    data["essay"]["file"] = name
    assert Workbook.model_validate(data).essay.file == name


@pytest.mark.parametrize(
    ("key", "shown"),
    [("a\nb", "'a\\nb'"), ("has space", "'has space'"), ("a.b", "'a.b'"), ("", "''")],
)
def test_an_id_that_is_not_plain_is_quoted_in_the_field_path(
    data: dict[str, Any], key: str, shown: str
) -> None:
    data["claims"][key] = data["claims"].pop("story")
    message = problem(data)
    assert message.startswith(f"claims.{shown}: an id uses only letters")
    assert "\n" not in message and "[key]" not in message


def test_an_unknown_field_with_a_line_break_is_quoted(data: dict[str, Any]) -> None:
    data["essay"]["x\ny"] = 1
    assert problem(data) == "essay.'x\\ny': is not a field of this format"


def test_a_long_bad_value_is_cut_short_in_the_message(data: dict[str, Any]) -> None:
    data["essay"]["date"] = "x" * 10_000
    message = problem(data)
    assert message.startswith("essay.date: must be YYYY") and len(message) < 200
    assert message.endswith("xxx…)")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("Feb 2020", "must be YYYY, YYYY-MM or YYYY-MM-DD (got 'Feb 2020')"),
        ("2021-02-30", "'2021-02-30' is not a date"),
    ],
)
def test_a_date_error_quotes_the_value_once(data: dict[str, Any], date: str, message: str) -> None:
    data["essay"]["date"] = date
    assert problem(data) == f"essay.date: {message}"
    with pytest.raises(ValidationError) as caught:
        Card(date=date)
    assert caught.value.errors()[0]["msg"] == message  # as a form shows it beside the field


def test_an_id_error_quotes_the_value_once(data: dict[str, Any]) -> None:
    data["cards"]["a b"] = {}
    assert problem(data) == (
        "cards.'a b': an id uses only letters, digits, '-' and '_' (got 'a b')"
    )


@pytest.mark.parametrize(
    "date", ["٢٠٢١", "۲۰۲۱", "२०२१", "２０２１", "2021-٠٣", "2021-03-٠٧", "𝟐𝟎𝟐𝟏"]
)
def test_only_ascii_digits_make_a_date(data: dict[str, Any], date: str) -> None:
    data["essay"]["date"] = date
    assert problem(data).startswith("essay.date: must be YYYY, YYYY-MM or YYYY-MM-DD (got ")


def test_headings_are_paragraphs_of_the_essay_listed_once_in_order(data: dict[str, Any]) -> None:
    data["essay"]["headings"] = [1, 3]
    Workbook.model_validate(data)
    data["essay"]["headings"] = [3, 1]
    assert problem(data) == "essay.headings: list each heading's paragraph once, in order"
    data["essay"]["headings"] = [1, 4]
    assert problem(data) == "essay.headings: the essay has 3 paragraphs, not 4"


def with_source(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data["sources"] = {"nyt": {"file": "w.nyt.txt", "paragraphs": 2, **fields}}
    return data


def test_a_source_is_a_cite_and_its_stored_text(data: dict[str, Any]) -> None:
    data = with_source(data, title="A page", origins={"title": "open graph"}, pages=[1, 2])
    data["cards"] |= {"c": {"source": "nyt", "text": "Words."}, "e": {"source": "essay"}}
    workbook = Workbook.model_validate(data)
    assert workbook.sources["nyt"].origins == {"title": "open graph"}
    assert workbook.cards["e"].source == "essay"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d["cards"].update(c={"source": "gone"}), "cards.c.source: no source 'gone'"),
        (lambda d: d["sources"].update(essay=d["sources"]["nyt"]), "sources.essay: 'essay' is"),
        (lambda d: d["sources"]["nyt"].update(pages=[1]), "sources.nyt.pages: give one page"),
        (lambda d: d["sources"]["nyt"].update(origins={"x": "pdf"}), "sources.nyt.origins: 'x'"),
        (lambda d: d["sources"]["nyt"].update(file="../x.txt"), "sources.nyt.file: Value error"),
    ],
)
def test_what_a_source_may_not_be(data: dict[str, Any], change: Any, said: str) -> None:
    data = with_source(data)
    change(data)
    assert problem(data).startswith(said.split(": Value error")[0])
