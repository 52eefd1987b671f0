"""Nothing hangs: every path that reads text or walks the points grows linearly with its input.

Each test makes a hostile input at two sizes, n and 4n, and compares their times (see
`tests.timing`): about 4 when the path is linear, 16 when quadratic, and far more when
exponential. The inputs are the ones that made a careless path slow: runs of spaces, of
punctuation and of brackets, one huge paragraph, long chains of answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.timing import LINEAR, growth
from workbook.core.coverage import check_summary
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import escape, from_layers, marked_runs, plain, unclosed, words_read_aloud
from workbook.core.merge import merge
from workbook.core.model import Card, Workbook
from workbook.core.proving import SourceText, prove, standing
from workbook.core.upgrade import WorkbookV1, upgrade
from workbook.essay.proofs import drift_problem, join_warning
from workbook.essay.quotes import locate_quote, verbatim_problem
from workbook.essay.sentences import WINDOW, sentence_spans
from workbook.essay.suggest import suggest
from workbook.importing.document import read_plain_text
from workbook.importing.webpage import read_webpage


def chain_of_answers(points: int, loop: bool = False) -> dict[str, Any]:
    """A workbook of one claim whose points answer one another in a chain `points` long: each
    answers the one before, and with `loop` the first answers the last."""
    chain = {"p0": {"side": "for", "kind": "supports", "text": "A point."}}
    for number in range(1, points):
        side = "against" if number % 2 else "for"
        chain[f"p{number}"] = {"side": side, "kind": "answers", "answers": f"p{number - 1}"}
    if loop:
        last = points - 1 if points % 2 == 0 else points - 2
        chain["p0"] = {"side": "for", "kind": "answers", "answers": f"p{last}"}
    return {
        "format": 2,
        "title": "A chain",
        "motion": "This House answers.",
        "essay": {"title": "An essay", "paragraphs": 1},
        "sides": {"for": {"name": "For"}, "against": {"name": "Against"}},
        "claims": {"c": {"side": "for", "paragraph": 1, "quote": "q", "points": chain}},
    }


@pytest.mark.parametrize("loop", [False, True], ids=["chain", "loop"])
def test_a_chain_of_answers_is_checked_in_linear_time(loop: bool) -> None:
    def check(data: dict[str, Any]) -> object:
        try:
            return check_summary(Workbook.model_validate(data), "chain.toml")
        except ValueError as error:  # the loop is refused: that is checked in the same time
            return error

    ratio = growth(lambda n: chain_of_answers(n, loop), check, size=200)
    assert ratio < LINEAR, f"4 times the chain took {ratio:.1f} times as long"


def repeated(piece: str) -> Callable[[int], str]:
    """A text of `piece` over and over, n characters long."""
    return lambda n: (piece * (n // len(piece) + 1))[:n]


SENTENCE = (
    'The U.S. Army said on Jan. 3 that it struck (see p. 4), and "Iran replied." Was it wise? '
)
PARAGRAPHS: dict[str, Callable[[int], str]] = {
    "one huge paragraph": repeated(SENTENCE),
    "no sentence ends": repeated("word "),
    "runs of stops": repeated("."),
    "runs of punctuation": repeated("!?…;:,-'\")(]["),
    "abbreviations": repeated("U.S. "),
    "numbered items": repeated("1. "),
    "runs of spaces": lambda n: "A" + " " * (n - 3) + "b.",
}


@pytest.mark.parametrize("shape", PARAGRAPHS)
def test_sentences_are_found_in_linear_time(shape: str) -> None:
    ratio = growth(PARAGRAPHS[shape], sentence_spans, size=WINDOW, enough=0.05)
    assert ratio < LINEAR, f"{shape}: 4 times the paragraph took {ratio:.1f} times as long"


def essay_with(paragraph: Callable[[int], str]) -> Callable[[int], list[str]]:
    """An essay of a title, a claim, and the hostile paragraph of n characters."""
    return lambda n: [
        "A title",
        "The strike was reckless and it should not happen again.",
        paragraph(n),
    ]


# The paragraphs' shapes that reach suggest's own reading of the text, beyond its sentences.
ESSAYS: dict[str, Callable[[int], list[str]]] = {
    "one huge paragraph": essay_with(PARAGRAPHS["one huge paragraph"]),
    "runs of punctuation": essay_with(PARAGRAPHS["runs of punctuation"]),
    "runs of spaces": essay_with(PARAGRAPHS["runs of spaces"]),
    "punctuation between words": essay_with(repeated("a.,;")),
    "punctuation closing a line": essay_with(
        lambda n: "Words here" + ".,;" * (n // 3) + " and more"
    ),
    "quotation marks": essay_with(repeated("“a ")),
    "numbers": essay_with(repeated("1,2.3")),
    "brackets": essay_with(repeated("[…] ")),
    "many paragraphs": lambda n: [SENTENCE] * (n // len(SENTENCE)),
}


@pytest.mark.parametrize("shape", ESSAYS)
def test_suggestions_are_ranked_in_linear_time(shape: str) -> None:
    ratio = growth(ESSAYS[shape], suggest, size=WINDOW, enough=0.02)
    assert ratio < LINEAR, f"{shape}: 4 times the essay took {ratio:.1f} times as long"


Quoted = Callable[[int], tuple[str, str]]


def quote_in(typed: Callable[[int], str], paragraph: Callable[[int], str]) -> Quoted:
    return lambda n: (typed(n), paragraph(n))


# A typed quote and its paragraph, each about n characters.
QUOTES: dict[str, Quoted] = {
    "brackets side by side, not there": quote_in(
        lambda n: repeated("[…]")(n) + " x", lambda n: repeated("[…]")(n) + " y"
    ),
    "brackets side by side, there": quote_in(
        lambda n: repeated("[…]")(n) + " x", lambda n: repeated("[…]")(n) + " x"
    ),
    "brackets the essay lacks": quote_in(repeated("word [ed] "), repeated("word ")),
    "brackets the essay has, typed straight": quote_in(
        repeated("it's [ed] "), repeated("it’s [ed] ")
    ),
    "runs of spaces": quote_in(lambda n: "a" + " " * n + "b", lambda n: "a" + " " * n + "c"),
    "runs of dashes": quote_in(repeated("a - "), repeated("a — ")),
    "ellipses": quote_in(repeated("..."), repeated("…")),
    "letter case": quote_in(repeated("Word "), repeated("word ")),
    "one huge paragraph": quote_in(
        lambda n: "the last words.", lambda n: repeated(SENTENCE)(n) + " the last words."
    ),
    "not there at all": quote_in(
        lambda n: SENTENCE.replace("Army", "Navy") * 4, repeated(SENTENCE)
    ),
}


def locate_and_check(quoted: tuple[str, str]) -> object:
    """What the app does with a typed quote, and what `workbook check` says of a stored one."""
    typed, paragraph = quoted
    return locate_quote(typed, paragraph), verbatim_problem(typed, paragraph, 1)


@pytest.mark.parametrize("shape", QUOTES)
def test_quotes_are_matched_in_linear_time(shape: str) -> None:
    ratio = growth(QUOTES[shape], locate_and_check, size=1_000)
    assert ratio < LINEAR, f"{shape}: 4 times the quote took {ratio:.1f} times as long"


ARTICLE = "<p>" + SENTENCE * 3 + "</p>"


def page(inside: Callable[[int], str]) -> Callable[[int], str]:
    """A saved web page: an article, and the hostile markup of n characters inside it."""
    return lambda n: (
        "<!doctype html><html><head><title>A page</title></head><body><article>"
        f"<h1>A headline</h1>{ARTICLE}{inside(n)}{ARTICLE}</article></body></html>"
    )


def tag(attributes: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: "<div " + attributes(n) + ">x</div>"


def numbered(attribute: str) -> Callable[[int], str]:
    """Attributes of different names (lxml keeps one of those of the same name), n characters:
    `attribute` with {} where the number goes."""
    return lambda n: "".join(attribute.format(i) for i in range(n // len(attribute.format(n))))


PAGES: dict[str, Callable[[int], str]] = {
    "attributes on a tag": page(tag(numbered("a{}=x "))),
    "attributes with quoted values": page(tag(numbered('a{}="1" '))),
    "attributes without spaces": page(tag(numbered('a{}="1"'))),
    "attributes without values": page(tag(numbered("a{} "))),
    "tags in an attribute's value": page(tag(lambda n: 'title="' + repeated("<a b ")(n) + '"')),
    "a long attribute": page(tag(lambda n: 'title="' + "x" * n + '"')),
    "many paragraphs": page(lambda n: ARTICLE * (n // len(ARTICLE))),
    "one huge paragraph": page(lambda n: "<p>" + repeated(SENTENCE)(n) + "</p>"),
    "nested tags": page(lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11)),
    "unclosed tags": page(repeated("<a")),
    "runs of spaces": page(lambda n: "<p>a" + " " * n + "b</p>"),
}


@pytest.mark.parametrize("shape", PAGES)
def test_a_web_page_is_read_in_linear_time(shape: str) -> None:
    ratio = growth(PAGES[shape], lambda html: read_webpage(html, "page.html"), enough=0.1)
    assert ratio < LINEAR, f"{shape}: 4 times the page took {ratio:.1f} times as long"


def merge_of(
    base: Callable[[int], dict[str, Any]],
    ours: Callable[[dict[str, Any], int], None],
    theirs: Callable[[dict[str, Any], int], None],
) -> Callable[[int], tuple[Workbook, Workbook, Workbook]]:
    """Three workbooks of size n: a base, and ours and theirs each changed from it."""

    def make(n: int) -> tuple[Workbook, Workbook, Workbook]:
        sides = []
        for edit in (None, ours, theirs):
            data = base(n)
            if edit is not None:
                edit(data, n)
            sides.append(Workbook.model_validate(data))
        return sides[0], sides[1], sides[2]

    return make


def points_of(data: dict[str, Any]) -> dict[str, Any]:
    return data["claims"]["c"]["points"]


def add_cards(text: str) -> Callable[[dict[str, Any], int], None]:
    """n cards added, each read by a point of its own, under the ids the other side uses too."""

    def edit(data: dict[str, Any], n: int) -> None:
        data["cards"] = {f"c{i}": {"tag": f"{text} {i}"} for i in range(n)}
        points_of(data).update(
            {f"q{i}": {"side": "for", "kind": "supports", "cards": [f"c{i}"]} for i in range(n)}
        )

    return edit


def interleave(data: dict[str, Any], n: int) -> None:
    """A point added after each point of the chain."""
    points = points_of(data)
    data["claims"]["c"]["points"] = {
        key: value
        for old, point in points.items()
        for key, value in ((old, point), (f"{old}-new", {"side": "for", "kind": "supports"}))
    }


def read_cards(data: dict[str, Any], n: int) -> None:
    """A card of the library read by each of n new points."""
    points_of(data).update(
        {f"r{i}": {"side": "for", "kind": "supports", "cards": [f"k{i}"]} for i in range(n)}
    )


def library(n: int) -> dict[str, Any]:
    data = chain_of_answers(n)
    data["cards"] = {f"k{i}": {"tag": f"card {i}"} for i in range(n)}
    return data


def claims(n: int) -> dict[str, Any]:
    data = chain_of_answers(1)
    data["claims"] = {f"c{i}": {"side": "for", "paragraph": 1, "quote": "q"} for i in range(n)}
    return data


def to_the_other_side(data: dict[str, Any], n: int) -> None:
    for claim in data["claims"].values():
        claim["side"] = "against"


def support(data: dict[str, Any], n: int) -> None:
    """A point supporting each claim, on its side as it was: on the wrong one once merged."""
    for claim in data["claims"].values():
        claim["points"] = {"p1": {"side": "for", "kind": "supports"}}


MERGES: dict[str, Callable[[int], tuple[Workbook, Workbook, Workbook]]] = {
    "cards both sides added under one id": merge_of(
        lambda n: chain_of_answers(1), add_cards("ours"), add_cards("theirs")
    ),
    "points added between points on both sides": merge_of(
        chain_of_answers,
        interleave,
        lambda data, n: points_of(data).update(z={"side": "for", "kind": "supports"}),
    ),
    "cards taken out that the other side reads": merge_of(
        library, lambda data, n: data.update(cards={}), read_cards
    ),
    "changes that break a rule once merged": merge_of(claims, to_the_other_side, support),
}


@pytest.mark.parametrize("shape", MERGES)
def test_a_merge_takes_time_linear_in_the_workbooks(shape: str) -> None:
    ratio = growth(MERGES[shape], lambda sides: merge(*sides), size=100)
    assert ratio < LINEAR, f"{shape}: 4 times the workbooks took {ratio:.1f} times as long"


TEXTS: dict[str, Callable[[int], str]] = {
    "byte-order marks around a paragraph": lambda n: (
        "\ufeff " * (n // 4) + "x" + " \ufeff" * (n // 4)
    ),
    "runs of spaces": lambda n: "A" + " " * n + "b.\n",
    "one huge paragraph": repeated(SENTENCE),
    "lines of one paragraph": repeated("A wrapped line of text.\n"),
    "blank lines": lambda n: "A.\n" + "\n" * n + "B.\n",
}


@pytest.mark.parametrize("shape", TEXTS)
def test_a_plain_text_is_read_in_linear_time(shape: str) -> None:
    ratio = growth(TEXTS[shape], read_plain_text, size=4_000)
    assert ratio < LINEAR, f"{shape}: 4 times the text took {ratio:.1f} times as long"


def equal_cards(n: int) -> WorkbookV1:
    """A format 1 workbook whose one point holds n cards equal in every field (open slots)."""
    cards = {f"k{number}": {"tag": "An open slot"} for number in range(n)}
    data = chain_of_answers(1) | {"format": 1}
    data["claims"]["c"]["points"] = {"p0": {"side": "for", "kind": "supports", "cards": cards}}
    return WorkbookV1.model_validate(data)


def test_a_format_1_file_is_upgraded_in_linear_time() -> None:
    ratio = growth(equal_cards, upgrade, size=200)
    assert ratio < LINEAR, f"4 times the cards took {ratio:.1f} times as long"


SAME = "The same paragraph, over and over."


def equal_paragraphs(last: str) -> Callable[[int], tuple[Card, list[str]]]:
    """A source of n equal paragraphs and `last`, and a card of half as many and `last` (a
    paragraph the source ends on, or one it does not have): each of the source's paragraphs
    could begin the card, and a careless search learns otherwise only at the card's end."""

    def make(n: int) -> tuple[Card, list[str]]:
        card = Card(source="s", text=PARAGRAPH_BREAK.join([SAME] * (n // 2) + [last]))
        return card, [SAME] * n + ["The end."]

    return make


@pytest.mark.parametrize("last", ["The end.", "Not in the source."], ids=["proven", "drifted"])
def test_a_card_is_proven_in_linear_time_against_many_equal_paragraphs(last: str) -> None:
    ratio = growth(equal_paragraphs(last), lambda proof: standing(*proof), size=200)
    assert ratio < LINEAR, f"4 times the paragraphs took {ratio:.1f} times as long"


# A card's text of about n characters, as a hand edit could leave it.
CARD_TEXTS: dict[str, Callable[[int], str]] = {
    "runs of spaces": lambda n: "a" + " " * n + "b",
    "runs of stops": repeated("."),
    "spaced stops": repeated(". "),
    "ellipses between words": repeated("word … "),
    "ellipses between the source's words": repeated(SENTENCE[:40] + " … "),
    "one huge paragraph": repeated(SENTENCE),
    "many paragraphs": lambda n: PARAGRAPH_BREAK.join([SENTENCE] * (n // len(SENTENCE))),
    "many blank lines": lambda n: "A" + "\n" * n + "b",
}
REPORTED = SourceText([SENTENCE.strip()] * 3 + ["word " * 20, "The end."])


def what_check_says(card_text: str) -> str:
    proof = prove(card_text, REPORTED)
    if proof.standing == "drifted":
        return drift_problem(proof, REPORTED, "w.s.source.txt", 1)
    return join_warning(proof, "w.s.source.txt") if proof.standing == "joined" else ""


@pytest.mark.parametrize("shape", CARD_TEXTS)
def test_a_cards_text_is_proven_and_reported_in_linear_time(shape: str) -> None:
    ratio = growth(CARD_TEXTS[shape], what_check_says, size=1_000)
    assert ratio < LINEAR, f"{shape}: 4 times the card took {ratio:.1f} times as long"


# A card's text: many marks of both layers, nested and overlapping, and a source's own signs.
MARKED_TEXTS: dict[str, Callable[[int], str]] = {
    "many marks of both layers": repeated("++The ==strike== was++ ==reckless ++and== costly++ "),
    "runs of backslashes before a sign": repeated("\\" * 50 + "=x"),
    "runs of backslashes before no sign": repeated("\\" * 50 + "x"),
    "one run of backslashes": lambda n: "a" + "\\" * n + "b",
    "runs of signs": repeated("=+=+==++===+++ "),
    "one mark around everything": lambda n: "==" + "word " * (n // 5) + "==",
}


@pytest.mark.parametrize("shape", MARKED_TEXTS)
def test_a_cards_marks_are_read_in_linear_time(shape: str) -> None:
    def read(text: str) -> object:
        return marked_runs(text), plain(text), unclosed(text), words_read_aloud(text)

    ratio = growth(MARKED_TEXTS[shape], read, size=4_000)
    assert ratio < LINEAR, f"{shape}: 4 times the card took {ratio:.1f} times as long"


@pytest.mark.parametrize("shape", MARKED_TEXTS)
def test_a_cards_marks_are_written_in_linear_time(shape: str) -> None:
    """A marking written back: every character's layers to a text, and a source escaped."""
    made = MARKED_TEXTS[shape]

    def marking(n: int) -> tuple[str, bytes]:
        words = plain(made(n)) if unclosed(made(n)) is None else made(n)
        return words, bytes(index % 4 for index in range(len(words)))

    ratio = growth(marking, lambda marked: (from_layers(*marked), escape(marked[0])), size=4_000)
    assert ratio < LINEAR, f"{shape}: 4 times the card took {ratio:.1f} times as long"
