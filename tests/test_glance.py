"""What the main screen says, worked out without Textual: the app's first look at a file."""

from __future__ import annotations

import pickle
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from workbook.core.coverage import claim_ready, coverage, side_summary
from workbook.core.library import point_cards
from workbook.core.model import Workbook
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import load
from workbook.tui.glance import CardLine, PointLine, claim_lines, first_glance, first_look


@pytest.fixture(scope="module")
def seed() -> Workbook:
    return load(seed_path())


def test_every_claim_is_listed_in_order_with_each_sides_readiness(seed: Workbook) -> None:
    sides = list(seed.sides)[::-1]
    lines = claim_lines(seed, sides)
    assert [line.claim_id for line in lines] == list(seed.claims)
    for line in lines:
        claim = seed.claims[line.claim_id]
        for side, ready in zip(sides, line.readiness, strict=True):
            started = any(p.side == side for p in claim.points.values())
            expected = "ready" if claim_ready(claim, side, seed.cards) else None
            assert ready == (expected or ("started" if started else "none"))
        assert (line.section, line.tag, line.quote) == (claim.section, claim.tag, claim.quote)


def test_the_first_glance_shows_the_first_claim_and_both_columns(seed: Workbook) -> None:
    theirs, ours = seed.sides
    glance = first_glance(seed, ours)
    assert list(glance.names) == [ours, theirs]
    first_id, first = next(iter(seed.claims.items()))
    assert glance.head is not None and glance.head.claim_id == first_id
    assert glance.head.tag == first.tag and glance.head.quote == first.quote
    assert f"¶{first.paragraph}" in glance.head.where
    for column, side in zip(glance.columns, (ours, theirs), strict=True):
        assert column.side == side and column.name == seed.sides[side].name
        expected: list[tuple[str, str]] = []
        for point_id, point in first.points.items():
            if point.side == side:
                expected.append((point_id, ""))
                expected += [(point_id, card_id) for card_id, _ in point_cards(seed, point)]
        shown = [
            (line.point_id, line.card_id if isinstance(line, CardLine) else "")
            for line in column.lines
        ]
        assert shown == expected
    reports = coverage(seed)
    assert glance.coverage == tuple(
        (seed.sides[s].name, side_summary(seed, reports[s])) for s in (ours, theirs)
    )


def test_an_answer_names_the_side_it_answers(seed: Workbook) -> None:
    claim_id, claim = next(
        (cid, c)
        for cid, c in seed.claims.items()
        if any(p.kind == "answers" for p in c.points.values())
    )
    answers = [p for p in claim.points.values() if p.kind == "answers"]
    glance = first_glance(seed.model_copy(update={"claims": {claim_id: claim}}), answers[0].side)
    line = next(line for line in glance.columns[0].lines if isinstance(line, PointLine))
    target = claim.points[answers[0].answers]
    assert (line.answers, line.answers_side) == (answers[0].answers, seed.sides[target.side].name)


def test_a_glance_travels_pickled(seed: Workbook) -> None:
    glance = first_glance(seed, next(iter(seed.sides)))
    assert pickle.loads(pickle.dumps(glance)) == glance


def test_the_first_look_is_none_where_the_app_shows_something_else_first(
    seed_copy: Path,
) -> None:
    data = tomllib.loads(seed_copy.read_text(encoding="utf-8"))
    assert first_look(data, seed_copy, None) is not None
    assert first_look(data, seed_copy, "nobody") is None  # the app says --ours names no side
    empty = {**data, "claims": {}}
    assert first_look(empty, seed_copy, None) is None  # the app starts from the essay
    with pytest.raises(WorkbookError):
        first_look({**data, "title": 3}, seed_copy, None)  # the app says what is wrong


def test_working_out_a_glance_loads_neither_textual_nor_the_models_until_asked() -> None:
    script = (
        "import sys, workbook.tui.glance\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'pydantic'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_claims_before_the_first_heading_are_under_the_opening(seed: Workbook) -> None:
    from workbook.tui.glance import claim_head

    workbook = seed.model_copy(deep=True)
    first = next(iter(workbook.claims))
    workbook.claims[first].section = ""  # made before the essay's first heading
    line = claim_lines(workbook, list(workbook.sides))[0]
    assert line.section == "Opening"
    assert claim_head(workbook, first).where.startswith("Opening · ¶")
    workbook.essay.headings = []  # an essay without headings: its title names the part
    assert claim_lines(workbook, list(workbook.sides))[0].section == workbook.essay.title
