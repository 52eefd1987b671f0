"""Parsing in a forked process gives exactly what parsing here gives, errors included."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workbook.storage.parallel import WORTH_IT, Parse
from workbook.storage.store import WorkbookError, dumps, parse

from .scaled import scaled

BIG = dumps(scaled(400))


def test_a_large_text_is_parsed_elsewhere_to_the_same_data() -> None:
    assert len(BIG) > WORTH_IT
    parsing = Parse(BIG)
    assert parsing.pid != 0
    assert parsing.result() == tomllib.loads(BIG)


def test_a_small_text_is_parsed_here() -> None:
    parsing = Parse('format = 1\ntitle = "x"\n')
    assert parsing.pid == 0
    assert parsing.result() == {"format": 1, "title": "x"}


def test_errors_come_back_as_the_same_one_line(tmp_path: Path) -> None:
    broken = BIG.replace('title = "', 'title = "\n', 1)
    path = tmp_path / "big.toml"
    with pytest.raises(WorkbookError) as here:
        parse(broken, path)
    with pytest.raises(WorkbookError) as elsewhere:
        parse(broken, path, Parse(broken))
    assert str(elsewhere.value) == str(here.value)
    assert str(here.value).startswith(f"{path}:2:")


def test_deep_nesting_is_refused_from_elsewhere_too(tmp_path: Path) -> None:
    deep = BIG + "x = " + "[" * 50_000 + "]" * 50_000 + "\n"
    with pytest.raises(WorkbookError, match="nested too deeply"):
        parse(deep, tmp_path / "deep.toml", Parse(deep))


def glance_of(data: dict[str, object]) -> str:
    return f"a look at {data['title']}"


def test_a_look_comes_first_and_the_data_after_it() -> None:
    parsing = Parse('format = 1\ntitle = "x"\n', glance_of)
    assert parsing.pid != 0 and parsing.looking  # a small text is parsed elsewhere for a look
    assert parsing.ready(10)
    assert parsing.first_look() == "a look at x"
    assert not parsing.looking
    assert parsing.result() == {"format": 1, "title": "x"}


def test_the_data_comes_without_taking_the_look() -> None:
    parsing = Parse('format = 1\ntitle = "x"\n', glance_of)
    assert parsing.result() == {"format": 1, "title": "x"}
    assert parsing.first_look() is None


def failing_look(data: dict[str, object]) -> object:
    raise ValueError("no look")


def test_a_look_that_fails_is_none_and_the_data_still_comes() -> None:
    parsing = Parse('format = 1\ntitle = "x"\n', failing_look)
    assert parsing.first_look() is None
    assert parsing.result() == {"format": 1, "title": "x"}


def test_no_look_at_text_that_does_not_parse(tmp_path: Path) -> None:
    broken = 'title = "\n'
    parsing = Parse(broken, glance_of)
    assert parsing.first_look() is None
    with pytest.raises(WorkbookError) as elsewhere:
        parse(broken, tmp_path / "w.toml", parsing)
    with pytest.raises(WorkbookError) as here:
        parse(broken, tmp_path / "w.toml")
    assert str(elsewhere.value) == str(here.value)
