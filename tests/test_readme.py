"""The README stays true: every test it names as the proof of a promise exists."""

from __future__ import annotations

import re
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def test_every_test_the_readme_names_exists() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"`((?:tui/|browser/)?test_\w+\.py)(?:::(\w+))?`", readme)
    assert len(named) > 20
    for file, name in named:
        source = (TOP / "tests" / file).read_text(encoding="utf-8")
        if name:
            assert re.search(rf"^(?:async )?def {name}\(|^{name} = ", source, re.M), (
                f"README names {file}::{name}, which is not there"
            )


def test_the_layout_lists_every_module() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    for module in sorted((TOP / "workbook").glob("*.py")):
        if module.name not in ("__init__.py", "__main__.py"):
            assert f"  {module.name}" in readme, f"README's layout lacks {module.name}"
