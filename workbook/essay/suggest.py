"""Suggested claims: the essay's sentences ranked by how much each reads like a claim.

The ranking works as argument mining does, with features a debater can check by eye. Each
sentence of the essay's body is a candidate; headings, bylines and datelines are not, nor are
fragments of fewer than five words, nor what is not the author's argument: the publisher's
furniture, a disclaimer, a caption, the author's biography, a question left for the reader, and
sarcasm (see `workbook.essay.boilerplate`). A candidate's score adds up:

- its markers (see `markers`): concluding words ("therefore", "shows", "cannot"), the author
  speaking or summing up ("in my opinion", "in conclusion"), prescriptions ("should", "must"),
  words of judgement ("reckless", "a mistake"), comparisons, rejecting a view ("the argument
  that ...") and opening a new argument ("Moreover"), all raise it; giving a reason or an
  example ("because", "for instance"), conceding ("admittedly", "some people say"), a view held
  by someone else ("the authority argues that"), numbers and dates, quotations, reporting
  ("officials said", "a study"), an anecdote told from a point in time ("Last summer, ...") and
  questions lower it, since they mark evidence, or a view the author goes on to answer;
- where it stands: a paragraph's first sentence (its topic sentence) and its last, and the
  essay's opening paragraphs (where the thesis is set out, most often at the end of the first)
  and its last (the conclusion), are where writers put their claims. A short text of one
  paragraph states its claim first and argues for it after, unless a sentence opens by drawing
  the conclusion ("Therefore, ...", "In short, ..."), which then is the claim; and the claim
  stated first is often restated at its end;
- what it shares with the title, with the conclusion and with the rest of the essay: a sentence
  that uses their content words is on the essay's main line of argument, where an aside or an
  anecdote is not;
- its length: a very short or a very long sentence is less often a claim.

The sum is turned into a score between 0 and 1 (a logistic curve); the scores order the
sentences of one essay and mean little across essays. Each suggestion says `why`: the features
that raised it, strongest first. The weights are set by how strongly each feature marks a claim
in how argumentative writing is taught and described, not fitted to any corpus; how well they do
on annotated corpora is measured from outside the project (`tests/claim_corpora.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbook.essay.boilerplate import BIO_ARTICLE, BIO_PARAGRAPHS, not_the_authors
from workbook.essay.claim_words import (
    CONCLUSION_OPENERS,
    STANCE,
    WORD,
    Sentence,
    marker_scores,
    word_set,
    words_of,
)
from workbook.essay.sentences import sentence_spans

# Fewer words than this is a fragment ("It cannot."), not a claim one can argue with.
MIN_WORDS = 5


@dataclass(frozen=True)
class Suggestion:
    """A sentence of the essay that reads like a claim: its words are
    `paragraphs[paragraph - 1][start:end]`."""

    paragraph: int  # from 1
    start: int
    end: int
    quote: str
    score: float
    # The features that raised its score, strongest first (see `explained`).
    why: tuple[str, ...] = ()


# Words too common to tie a sentence to the title or the conclusion.
STOP_WORDS = word_set("""
    a about above after again against all also although am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even ever
    few for from further had has have having he her here hers him his how however i if in into is
    it its itself just less many may me might more most much must my no nor not now of off on once
    one only or other our ours out over own per same she should since so some still such than that
    the their theirs them then there these they this those though through to too under until up
    upon us very was we were what when where whether which while who whom why will with within
    without would yet you your
    """)

# Words that make a line a sentence: a short line with none of them is a dateline or a caption.
VERB_LIKE = word_set("""
    is are was were be been being am has have had do does did will would shall should can could
    may might must need needs make makes made take takes took give gives gave bring brings brought
    go goes went get gets got keep keeps kept become becomes became seem seems remain remains mean
    means show shows help helps lead leads cause causes say says said think thinks know knows want
    wants let lets come comes came put puts leave leaves left stop stops work works pay pays cost
    costs
    """)
# "By Ana Ortega", "by: staff", "Posted by", "Published 4 March": but not "By 2030, ...".
BYLINE = re.compile(
    r"^[\W_]*(?:(?i:by)\s*:|(?i:by)\s+(?:the\s+)?[A-Z]|"
    r"(?i:(?:written|posted|photo(?:graph)?s?)\s+by\b|(?:published|posted|updated|filed)\b))"
)
# What ends a sentence, before any closing quote marks, brackets and the like. The text's end is
# matched read backwards: searched for forwards, a run of punctuation is read again from each of
# its characters, and a long run costs its length squared.
SENTENCE_STOPS = frozenset(".!?…:;")
_CLOSING = re.compile(r"[\W_]*")


def suggest(
    paragraphs: list[str],
    headings: Sequence[int] = (),
    title: str = "",
    top: int | None = None,
) -> list[Suggestion]:
    """The sentences of `paragraphs` that read most like claims, best first; at most `top`.

    `headings` are the numbers (from 1) of the paragraphs that are headings. A paragraph that
    looks like a heading, a byline or a dateline is skipped even when it is not listed. When no
    `title` is given and the first of several paragraphs looks like one (a heading, or a single
    question such as an essay's prompt), it serves as the title.
    """
    if top is not None and top < 0:
        raise ValueError(f"top must be at least 0 (got {top})")
    ranked = sorted(candidates(paragraphs, headings, title), key=_rank)
    return ranked if top is None else ranked[:top]


def _rank(suggestion: Suggestion) -> tuple[float, int, int]:
    return -suggestion.score, suggestion.paragraph, suggestion.start


def candidates(
    paragraphs: list[str], headings: Sequence[int] = (), title: str = ""
) -> list[Suggestion]:
    """Every candidate sentence with its score, in the essay's order."""
    return [
        Suggestion(
            number, start, end, paragraphs[number - 1][start:end], _logistic(parts), _why(parts)
        )
        for number, start, end, parts in explained(paragraphs, headings, title)
    ]


def _why(parts: dict[str, float]) -> tuple[str, ...]:
    """The features that raised a score, strongest first."""
    raised = sorted((-value, name) for name, value in parts.items() if value > 0)
    return tuple(name for _, name in raised)


def explained(
    paragraphs: list[str], headings: Sequence[int] = (), title: str = ""
) -> list[tuple[int, int, int, dict[str, float]]]:
    """Every candidate as (paragraph, start, end, what each feature adds to its score).

    What is not the author's argument (see `workbook.essay.boilerplate`) is no candidate, and a
    paragraph with nothing else is left out before positions are counted, so that a newsletter's
    line or the author's biography at the end does not stand as the conclusion."""
    skipped = set(headings)
    if not title and len(paragraphs) > 1 and looks_like_title(paragraphs[0]):
        title = paragraphs[0]
        skipped.add(1)
    numbers = [
        number
        for number, text in enumerate(paragraphs, 1)
        if number not in skipped and not looks_like_heading(text) and not looks_like_byline(text)
    ]
    spans = {number: sentence_spans(paragraphs[number - 1]) for number in numbers}
    last_paragraphs = set(numbers[-BIO_PARAGRAPHS:]) if len(numbers) >= BIO_ARTICLE else set()
    authored = {
        number: _authored(paragraphs[number - 1], spans[number], number in last_paragraphs)
        for number in numbers
    }
    body = [number for number in numbers if authored[number]]
    if not body:
        return []
    title_words = content_words(title)
    last = body[-1]
    conclusion_words = content_words(paragraphs[last - 1]) if len(body) > 1 else set()
    opening_words = content_words(paragraphs[body[0] - 1])
    found = []
    vocabularies: list[set[str]] = []
    for place, number in enumerate(body):
        # Where a sentence stands is counted among the paragraph's candidates: a question
        # before a topic sentence, or a credit after the last, does not move it.
        count = len(authored[number])
        for order, (index, sentence) in enumerate(authored[number].items()):
            start, end = spans[number][index]
            parts = marker_scores(sentence)
            parts.update(_position(place, len(body), order, count))
            if len(body) == 1:
                # A short text's conclusion drawn at the start of a sentence, or the author's
                # own view said as theirs, outweighs standing first: the text argues for it.
                parts["draws the text's conclusion"] = 2.5 * CONCLUSION_OPENERS.opens(sentence)
                parts["states the author's position"] = 1.5 * bool(STANCE.count(sentence))
            own = {_stem(word) for word in sentence.words} - STOP_STEMS
            vocabularies.append(own)
            parts["shares the title's words"] = 2.0 * _overlap(own, title_words)
            if number != last:
                parts["shares the conclusion's words"] = 1.5 * _overlap(own, conclusion_words)
            elif len(body) > 2:
                # An essay's conclusion restates its thesis: the sentence of the last paragraph
                # that takes up the opening paragraph's words is the thesis again.
                parts["restates the opening"] = 1.0 * _overlap(own, opening_words)
            parts["length"] = _length(len(sentence.words))
            found.append((number, start, end, parts))
    _restated([parts for *_, parts in found], vocabularies, len(body))
    for (*_, parts), centre in zip(found, _centrality(vocabularies), strict=True):
        parts["central to the essay"] = 0.5 * centre
    return [(n, s, e, {k: v for k, v in parts.items() if v}) for n, s, e, parts in found]


def _authored(
    paragraph: str, spans: list[tuple[int, int]], near_the_end: bool
) -> dict[int, Sentence]:
    """The paragraph's sentences that may be claims, by their index: long enough, and the
    author's argument rather than the page's furniture, a question or sarcasm. `near_the_end`
    says the paragraph is among an article's last, where its author's biography stands."""
    kept = {}
    for index, (start, end) in enumerate(spans):
        sentence = Sentence(paragraph[start:end])
        if len(sentence.words) >= MIN_WORDS and not not_the_authors(sentence.text, near_the_end):
            kept[index] = sentence
    return kept


def _restated(parts: list[dict[str, float]], words: list[set[str]], paragraphs: int) -> None:
    """In a text of one paragraph, the claim stated first is often restated in its last
    sentence ("So hunting is good for the land"): a sentence whose words come back at the end
    is the one the text argues for. (An essay's conclusion is a paragraph: see `explained`.)"""
    if paragraphs != 1 or len(parts) < 3:
        return
    for features, own in zip(parts[:-1], words[:-1], strict=True):
        features["restated at the end"] = 1.0 * _overlap(own, words[-1])


def _centrality(sentences: list[set[str]]) -> list[float]:
    """How much each sentence shares its words with the others, from 0 to 1 (the most)."""
    spread: dict[str, int] = {}
    for words in sentences:
        for word in words:
            spread[word] = spread.get(word, 0) + 1
    raw = [
        sum(spread[w] - 1 for w in words) / math.sqrt(len(words)) if words else 0.0
        for words in sentences
    ]
    most = max(raw, default=0.0)
    return [r / most if most else 0.0 for r in raw]


def _position(place: int, paragraphs: int, index: int, sentences: int) -> dict[str, float]:
    """Where writers put claims: topic sentences, the thesis and the conclusion.

    A text of one paragraph states its claim first, as a topic sentence does, and argues for
    it after; its last sentence is the claim again only when it says it concludes, which the
    markers find, or restates the first. An essay of several paragraphs sets out its thesis in
    the opening paragraph, most often at its end, and sums it up in its last."""
    first, last = index == 0, index == sentences - 1
    if paragraphs == 1:
        return {"opens a short text": 2.0 * first}
    parts = {
        "opens its paragraph": 0.6 * first,
        "closes its paragraph": 0.4 * (last and not first),
    }
    if place == 0:
        parts["in the opening paragraph"] = 0.5 + 0.4 * (last and sentences > 1)
    elif place == 1:
        parts["in the opening paragraphs"] = 0.25
    if place == paragraphs - 1:
        parts["in the conclusion"] = 0.5 + 0.3 * first
    return parts


def _length(words: int) -> float:
    return -0.3 if words < 6 or words > 60 else 0.0


def _logistic(parts: dict[str, float]) -> float:
    return round(1.0 / (1.0 + math.exp(-(sum(parts.values()) - 1.0))), 4)


def _stem(word: str) -> str:
    # Cutting lowered words to their first six letters matches "assassinate" with
    # "assassination" and "deterrence" with "deterred" without a stemmer's tables.
    return word.removesuffix("'s")[:6]


STOP_STEMS = frozenset(_stem(word) for word in STOP_WORDS)


def content_words(text: str) -> set[str]:
    return {_stem(word) for word in words_of(text)} - STOP_STEMS


def _overlap(these: set[str], those: set[str]) -> float:
    """How much two sets of words share, from 0 to 1 (the cosine of their sets)."""
    if not these or not those:
        return 0.0
    return len(these & those) / math.sqrt(len(these) * len(those))


def looks_like_heading(paragraph: str) -> bool:
    """A short line that does not end as a sentence does: a title or a section's heading."""
    return len(WORD.findall(paragraph)) <= 12 and not ends_a_sentence(paragraph)


def ends_a_sentence(text: str) -> bool:
    """Whether `text` ends with a stop ("." "!" "?" "…" ":" ";"), maybe after closing marks."""
    closing = _CLOSING.match(text[::-1])
    return closing is not None and not SENTENCE_STOPS.isdisjoint(closing.group())


def looks_like_title(paragraph: str) -> bool:
    """A heading, or the one short question an essay sets out to answer, alone on its line."""
    if looks_like_byline(paragraph):
        return False
    question = paragraph.rstrip().endswith("?") and len(WORD.findall(paragraph)) <= 25
    return looks_like_heading(paragraph) or (question and len(sentence_spans(paragraph)) == 1)


def looks_like_byline(paragraph: str) -> bool:
    """The author's name, where or when the piece appeared: not part of the argument."""
    words = WORD.findall(paragraph)
    if len(words) <= 20 and BYLINE.search(paragraph):
        return True
    return len(words) <= 10 and not any(_verb_like(word) for word in words)


def _verb_like(word: str) -> bool:
    word = word.lower()
    return word in VERB_LIKE or (len(word) > 4 and word.endswith("ed"))
