"""The reader of annotated corpora that suggested claims are measured on, and one measure.

The corpora lie outside the project (their licences allow measuring, not shipping): the test
that reads one skips when it is not there. The essays' reader is shown a file written here in
their form, of our own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.claim_corpora import (
    MICROTEXTS_PART2,
    editorials,
    first_sentence,
    is_a_claim,
    last_sentence,
    microtexts,
    persuasive_essays,
    ranked,
    top_k,
    top_one,
    top_ten_claims,
)


@pytest.mark.skipif(not MICROTEXTS_PART2.is_dir(), reason="the shared corpora are not here")
def test_the_microtexts_are_read_with_their_central_claims() -> None:
    texts, implicit = microtexts(MICROTEXTS_PART2)
    assert len(texts) + implicit == len(list(MICROTEXTS_PART2.glob("*.xml"))) == 171
    assert implicit == 34  # written in by the annotators: no sentence could be them
    for text in texts:
        assert len(text.paragraphs) == 1 and text.claims == text.major
        for _, start, end in text.claims:
            claim = text.paragraphs[0][start:end]
            assert claim == claim.strip() and len(claim.split()) >= 2
    # Not a figure that could drift with the texts' sentences, but the measure's direction:
    # the ranking finds more central claims first than either ranking that knows nothing.
    assert top_one(texts, ranked) > top_one(texts, first_sentence)
    assert top_one(texts, ranked) > top_one(texts, last_sentence)


def tokens(text: str, label: str = "O") -> list[str]:
    words = text.split()
    labels = [label] if label == "O" else [f"B-{label}"] + [f"I-{label}"] * (len(words) - 1)
    return [f"{word}_en\t{tag}" for word, tag in zip(words, labels * len(words), strict=False)]


def test_persuasive_essays_are_read_into_paragraphs_and_claims(tmp_path: Path) -> None:
    essay = [
        tokens("Buses for all"),
        [],
        tokens("Many cities charge fares .")
        + tokens("Buses should be free", "MajorClaim")
        + tokens(". Fares keep out the poor .", "O"),
        [],
        tokens("First ,")
        + tokens("free buses cost less than they seem", "Claim")
        + tokens(", as fares ' costs show .")
        + tokens("Collecting fares slows every stop", "Premise")
        + tokens("."),
    ]
    lines = [line for block in essay for line in ([*block] if block else [""])]
    corpus = tmp_path / "essays.conll"
    corpus.write_text("\n".join([*lines, "", "", *lines]) + "\n", encoding="utf-8")
    first, second = persuasive_essays(corpus)
    assert first.title == "Buses for all" and first.paragraphs == second.paragraphs
    assert first.paragraphs == [
        "Many cities charge fares. Buses should be free. Fares keep out the poor.",
        "First, free buses cost less than they seem, as fares' costs show. Collecting fares "
        "slows every stop.",
    ]
    quoted = [first.paragraphs[n - 1][s:e] for n, s, e in first.claims]
    assert quoted == ["Buses should be free", "free buses cost less than they seem"]
    assert [first.paragraphs[n - 1][s:e] for n, s, e in first.major] == quoted[:1]
    # The first two sentences hold the major claim, not the claim: half of the two.
    assert top_k([first], first_sentence) == 0.5
    assert top_one([first], first_sentence) == 0.0
    assert top_one([first], lambda text: first_sentence(text)[1:]) == 1.0


def test_editorials_are_read_with_the_authors_claims(tmp_path: Path) -> None:
    def segment(number: int, text: str, label: str) -> dict[str, object]:
        return {"number": number, "text": text, "label": label}

    editorial = {
        "paragraphs": [
            [segment(1, "Buses for all.", "title")],
            [
                segment(2, "Last spring the council raised fares again", "anecdote"),
                segment(3, ".", "no-unit"),
                segment(4, "That was a mistake the city cannot afford", "assumption"),
                segment(5, ".", "no-unit"),
            ],
            [
                segment(6, "Free buses would cost less than they seem", "assumption"),
                segment(7, ",", "no-unit"),
                segment(8, '"fares pay for a tenth of the service," the auditor said', "testimony"),
                segment(9, ".", "no-unit"),
            ],
        ]
    }
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "001-buses.json").write_text(json.dumps(editorial), encoding="utf-8")
    (text,) = editorials(tmp_path)
    assert (text.name, text.title) == ("paper/001-buses", "Buses for all.")
    assert text.paragraphs == [
        "Last spring the council raised fares again. That was a mistake the city cannot afford.",
        'Free buses would cost less than they seem, "fares pay for a tenth of the service," the '
        "auditor said.",
    ]
    assert [text.paragraphs[n - 1][s:e] for n, s, e in text.claims] == [
        "That was a mistake the city cannot afford",
        "Free buses would cost less than they seem",
    ]
    # The first sentence is an anecdote, the second a claim, the third mostly testimony.
    assert [is_a_claim(found, text) for found in first_sentence(text)] == [False, True, False]
    assert top_ten_claims([text], first_sentence) == 1 / 3
