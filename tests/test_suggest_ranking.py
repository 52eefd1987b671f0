"""How a short text's central claim is found, and why each suggestion was ranked where it is.

The texts are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_suggest import run
from workbook.essay.suggest import explained, suggest

# A short argument in one paragraph, its claim first and reasons after, each reason with
# words of judgement and comparison of its own.
CLAIM_FIRST = [
    "Towns should keep their small libraries open. A library is often the only warm and free "
    "place where a child can read after school. Its loans cost far less than the books a "
    "family would otherwise have to buy. Closing it would be a serious loss to the poorest "
    "streets."
]
# The same argument with its claim drawn at the end.
CLAIM_LAST = [
    "A library is often the only warm and free place where a child can read after school. "
    "Its loans cost far less than the books a family would otherwise have to buy. Closing it "
    "would be a serious loss to the poorest streets. Therefore, towns should keep their small "
    "libraries open."
]


def test_a_short_text_states_its_claim_first() -> None:
    top = suggest(CLAIM_FIRST)
    assert top[0].quote == "Towns should keep their small libraries open."
    assert "opens a short text" in top[0].why


def test_a_conclusion_drawn_at_the_end_outweighs_standing_first() -> None:
    top = suggest(CLAIM_LAST)
    assert top[0].quote.startswith("Therefore, towns should keep")
    assert top[0].why[0] == "draws the text's conclusion"


def test_the_claim_restated_at_the_end_is_raised() -> None:
    text = [
        "Small libraries deserve their funding. A child can read there after school for free. "
        "The loans cost less than buying books. In short, small libraries deserve the money "
        "they get."
    ]
    parts = {text[0][s:e]: p for _, s, e, p in explained(text)}
    assert parts["Small libraries deserve their funding."]["restated at the end"] > 0.5
    assert "restated at the end" not in parts["The loans cost less than buying books."]


def test_why_lists_what_raised_a_score_strongest_first() -> None:
    for suggestion, (*_, parts) in zip(
        sorted(suggest(CLAIM_LAST), key=lambda s: s.start), explained(CLAIM_LAST), strict=True
    ):
        raised = [name for name, value in parts.items() if value > 0]
        assert sorted(suggestion.why) == sorted(raised)
        values = [parts[name] for name in suggestion.why]
        assert values == sorted(values, reverse=True)


def test_suggest_says_why_when_asked(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(CLAIM_LAST[0], encoding="utf-8")
    status, out, err = run("suggest", essay, "--top", "2", "--why")
    assert (status, err) == (0, "")
    first, why, _, _ = out.splitlines()
    assert first.startswith("¶1  ") and first.endswith(
        "Therefore, towns should keep their small libraries open."
    )
    assert why == "    why: " + ", ".join(suggest(CLAIM_LAST)[0].why)
    status, out, err = run("suggest", essay, "--top", "2", "--why", "--json")
    listed = json.loads(out)
    assert [item["why"] for item in listed] == [list(s.why) for s in suggest(CLAIM_LAST, top=2)]
    # Without --why, the listing and the JSON are as they were.
    status, out, err = run("suggest", essay, "--top", "2", "--json")
    assert all(set(item) == {"paragraph", "quote", "score"} for item in json.loads(out))
