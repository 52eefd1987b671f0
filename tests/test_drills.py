"""Drills' spaced repetition on fixed dates, and the history kept beside the workbook."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.practice.drills import (
    Drill,
    Record,
    drills_for,
    history_path,
    is_due,
    load_history,
    mark,
    order,
    our_answers,
    save_history,
)
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import load

MONDAY = dt.date(2026, 3, 2)


def test_a_point_got_moves_up_a_box_and_comes_back_later() -> None:
    record = mark(None, True, MONDAY)
    assert record == Record(2, dt.date(2026, 3, 3), 1, 0)
    record = mark(record, True, dt.date(2026, 3, 3))
    assert record.box == 3 and record.due == dt.date(2026, 3, 6)
    for _ in range(5):
        record = mark(record, True, MONDAY)
    assert record.box == 5 and record.due == dt.date(2026, 3, 16)
    missed = mark(record, False, dt.date(2026, 3, 16))
    assert missed == Record(1, dt.date(2026, 3, 16), 7, 1)
    assert is_due(missed, dt.date(2026, 3, 16)) and not is_due(record, dt.date(2026, 3, 15))


def test_the_weakest_due_points_come_first() -> None:
    a, b, c, d, e = (Drill("c1", p) for p in "abcde")
    history = {
        a.key: Record(3, MONDAY, 2, 0),  # due today, box 3
        b.key: Record(1, MONDAY, 0, 2),  # missed twice: the weakest
        c.key: Record(4, dt.date(2026, 3, 9), 3, 0),  # not due for a week
        e.key: Record(2, dt.date(2026, 3, 3), 1, 0),  # due tomorrow
    }
    assert order([a, b, c, d, e], history, MONDAY) == [b, d, a, e, c]
    tomorrow = MONDAY + dt.timedelta(1)
    assert order([a, b, c, d, e], history, tomorrow) == [b, d, e, a, c]


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=20),
        st.builds(
            Record,
            st.integers(1, 5),
            st.none() | st.dates(),
            st.integers(0, 1000),
            st.integers(0, 1000),
        ),
        max_size=8,
    )
)
def test_the_history_round_trips(history: dict[str, Record]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.drills.toml"
        save_history(path, history)
        assert load_history(path) == history


def test_the_history_is_kept_beside_the_workbook_atomically(tmp_path: Path) -> None:
    workbook = tmp_path / "round.toml"
    path = history_path(workbook)
    assert path == tmp_path / "round.drills.toml"
    history = {"c1/p1": mark(None, False, MONDAY)}
    save_history(path, history)
    assert load_history(path) == history
    assert [p.name for p in tmp_path.iterdir()] == ["round.drills.toml"]  # no temporary left


def test_the_seeds_history_goes_to_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    path = history_path(seed_path())
    assert path.parent == tmp_path / "workbook" / "drills"
    assert path.name.endswith(f"-{seed_path().stem}.drills.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[drills."c/p"]\nbox = 9\n', r"drills.'c/p'.box: must be a whole number from 1 to 5"),
        ('[drills."c/p"]\ndue = "soon"\n', r"due: must be a date"),
        ("drills = 3\n", r"drills: must be a table"),
        ("[drills\n", r"x.drills.toml:1:8: "),  # the line and column, like every TOML file
    ],
)
def test_a_bad_history_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "x.drills.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError, match=expected) as raised:
        load_history(path)
    assert "\n" not in str(raised.value)


def test_drills_are_the_other_sides_points_with_our_answers() -> None:
    workbook = load(seed_path())
    ours, theirs = list(workbook.sides)
    found = drills_for(workbook, ours)
    assert found
    assert all(workbook.claims[d.claim_id].points[d.point_id].side == theirs for d in found)
    answered = [d for d in found if our_answers(workbook, d, ours)]
    assert answered
    for drill in answered:
        for _, point in our_answers(workbook, drill, ours):
            assert point.answers == drill.point_id and point.side == ours
