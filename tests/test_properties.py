"""Property tests: any workbook survives save and load unchanged, and saves byte-stable."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings

from workbook.core.model import Workbook
from workbook.storage.store import dumps, load, parse, save

from .strategies import workbooks


@settings(max_examples=150, deadline=None)
@given(workbooks())
def test_text_round_trip_is_exact_and_stable(workbook: Workbook) -> None:
    text = dumps(workbook)
    again = parse(text, Path("random.toml"))
    assert again == workbook
    assert dumps(again) == text


@settings(max_examples=30, deadline=None)
@given(workbooks())
def test_file_round_trip_is_byte_stable(workbook: Workbook) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.toml"
        save(workbook, path)
        first = path.read_bytes()
        assert load(path) == workbook
        save(load(path), path)
        assert path.read_bytes() == first
