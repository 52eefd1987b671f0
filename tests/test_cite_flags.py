"""A source's cite fields flagged for the user to check: found, guessed, or missing."""

from __future__ import annotations

from typing import Any

import pytest

from workbook.core.cite_flags import cite_fields, cite_of, field_flag, flags, to_check
from workbook.core.model import Workbook


@pytest.fixture
def workbook(data: dict[str, Any]) -> Workbook:
    data["sources"] = {
        "lee": {
            "file": "w.lee.source.txt",
            "paragraphs": 2,
            "author": "Ann Lee",
            "title": "Strikes",
            "publication": "The Daily",
            "url": "https://example.org/strikes",
            "accessed": "2026-03-02",
            "origins": {
                "author": "byline",
                "title": "open graph",
                "publication": "file",
                "accessed": "today",
                "date": "json-ld",  # an origin, but nothing found there
            },
        }
    }
    return Workbook.model_validate(data)


def test_a_byline_and_a_files_own_text_are_guesses(workbook: Workbook) -> None:
    flagged = {f.name: f.flag for f in cite_fields(workbook, "lee")}
    assert flagged == {
        "author": "guessed",
        "qualifications": "missing",
        "date": "missing",  # empty: missing, whatever its origin says
        "title": "found",
        "publication": "guessed",
        "url": "found",  # no origin recorded: typed into the file by hand
        "accessed": "found",  # the day it was added: what the workbook knows
    }
    assert [f.name for f in to_check(cite_fields(workbook, "lee"))] == [
        "author",
        "qualifications",
        "date",
        "publication",
    ]
    fields, origins = cite_of(workbook, "lee")
    assert flags(fields, origins) == ["author~", "qualifications?", "date?", "publication~"]


def test_the_essays_cite_has_its_own_fields_only(workbook: Workbook) -> None:
    fields = cite_fields(workbook, "essay")
    assert [f.name for f in fields] == ["author", "date", "title", "publication", "url"]
    assert {f.name: f.flag for f in fields}["title"] == "found"
    assert {f.name: f.flag for f in fields}["author"] == "missing"


@pytest.mark.parametrize("origin", ["metadata", "json-ld", "highwire", "pdf", "typed", ""])
def test_a_field_read_from_what_a_page_declares_is_found(origin: str) -> None:
    assert field_flag("author", "Ann Lee", origin) == "found"
    assert field_flag("author", "  ", origin) == "missing"


def test_an_address_the_browser_noted_is_found_not_guessed() -> None:
    assert field_flag("url", "https://example.org/a", "file") == "found"
    assert field_flag("title", "A title", "file") == "guessed"
