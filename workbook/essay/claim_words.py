"""The words that mark a claim or its evidence, and what they add to a sentence's score.

Argument mining finds claims by their surface: a claim concludes ("therefore"), judges
("reckless", "a mistake"), prescribes ("should") or rejects the other side's view ("the argument
that ... was specious"); its evidence gives a reason ("because") or an example ("for
instance"), counts (numbers), quotes or reports ("officials said"). The lists are short and
hand-written: each entry is a common English marker, and each weight says how far it moves a
sentence towards being a claim (positive) or towards being evidence or a view the author
reports (negative).
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def word_set(listed: str) -> frozenset[str]:
    """The words written in `listed`, between spaces."""
    return frozenset(listed.split())


def words_of(text: str) -> list[str]:
    """The words of `text`, lowered, with one kind of apostrophe."""
    return [word.lower().replace("’", "'") for word in WORD.findall(text)]


class Sentence:
    """A sentence as the markers read it: its text, its lowered words, and those words joined
    between spaces, so that a phrase is found as a run of whole words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = words_of(text)
        self.joined = f" {' '.join(self.words)} "


class Markers:
    """A list of words and phrases, written one after another between commas."""

    def __init__(self, listed: str) -> None:
        phrases = [" ".join(words_of(entry)) for entry in listed.split(",") if entry.strip()]
        self.single = frozenset(p for p in phrases if " " not in p)
        self.runs = tuple(f" {p} " for p in phrases if " " in p)

    def count(self, sentence: Sentence) -> int:
        """How many times the sentence uses one of the markers."""
        return sum(word in self.single for word in sentence.words) + sum(
            sentence.joined.count(run) for run in self.runs
        )

    def opens(self, sentence: Sentence) -> bool:
        """Whether the sentence starts with one of the markers."""
        first = sentence.words[0] if sentence.words else ""
        return first in self.single or sentence.joined.startswith(self.runs)


# An author drawing a conclusion or asserting a finding.
CONCLUDING = Markers(
    """therefore, thus, hence, consequently, clearly, obviously, evidently, undoubtedly, in fact,
    indeed, the truth is, it is clear that, there is no doubt, cannot, can't, will not, won't,
    far from, fails to, failed to, underscores, reflects, shows, demonstrates, proves, reveals,
    is revealing, suggests, means that, that is why, this is why, which is why, the point is,
    the lesson, it follows"""
)
# ", so the council must ..." concludes; "so much", "so that" do not.
CONCLUDING_SO = re.compile(r",\s+so\s+(?!as\b|that\b|far\b|much\b|many\b)", re.I)

# A sentence that opens by drawing the conclusion of what came before: in a short text, the
# claim the whole text argues for.
CONCLUSION_OPENERS = Markers(
    """therefore, thus, hence, so, consequently, in conclusion, to conclude, to sum up, in short,
    in sum, all in all, overall, ultimately, in the end, all things considered, for these
    reasons, for all these reasons, for this reason, that is why, this is why, which is why"""
)

# The author speaking for themself, or summing up: the surest marks of a thesis.
STANCE = Markers(
    """i believe, i think, i feel, i agree, i disagree, i am convinced, i would argue,
    i would say, i say, i suggest, i propose, i recommend, i support, i oppose,
    in my opinion, in my view, from my point of view, personally, we must, we should, we need"""
)
SUMMING_UP = Markers(
    """in conclusion, to conclude, to sum up, in summary, to summarise, to summarize, in short,
    in sum, all in all, overall, ultimately, in the end"""
)

# What ought to be done: a recommendation is a claim.
DEONTIC = Markers(
    """should, shouldn't, must, mustn't, ought, need to, needs to, is needed, have to, has to,
    it is time"""
)
# A hedged prediction or possibility is still the author's judgement, if a weaker one.
HEDGED = Markers("may, might, could, would, can, likely, unlikely, perhaps")

# Words of judgement: what the author thinks of a thing, rather than what happened.
EVALUATIVE = Markers(
    """reckless, failed, failure, fails, dangerous, weak, weaker, wrong, misguided, mistake,
    counterintuitive, dramatic, specious, flawed, misleading, absurd, foolish, unwise, wise,
    risky, costly, harmful, harm, harms, harmed, damage, damaging, counterproductive,
    irresponsible, unacceptable, unfair, unjust, fair, legitimate, effective, ineffective,
    beneficial, benefit, benefits, advantage, disadvantage, valuable, useful, useless, waste,
    essential, crucial, vital, necessary, important, significant, serious, negative, positive,
    good, bad, terrible, disastrous, actually, merely, hardly, surely, worth, pointless,
    unnecessary, excessive, urgent, sensible, reasonable, unreasonable, problem, success,
    successful"""
)

# Comparing or ranking is asserting: "more harm than good", "the cheapest way".
COMPARING = Markers("more, less, fewer, better, worse, rather, most, least, best, worst")
NOT_SUPERLATIVE = word_set(
    """interest request protest contest forest harvest honest modest manifest west rest test
    guest quest suggest arrest invest digest conquest inquest unrest"""
)

# Rejecting the other side's view: "the argument that ...", "Pompeo's contention".
VIEWS = word_set("argument claim contention idea notion view belief assumption myth premise")
POINTING = word_set("the this that their his her its such")
NEGATION = Markers("not, no, never, none, nothing, neither, nor, cannot")

# Turning against what came before; the claim usually follows.
CONTRAST = Markers(
    """however, but, yet, nevertheless, nonetheless, still, instead, on the contrary, rather,
    even so, in reality, the truth is, in fact"""
)
# Conceding, or reporting what others hold: the author's claim is elsewhere.
CONCEDING = Markers(
    """admittedly, of course, granted, it is true that, it may be true, to be sure, some people,
    some argue, some say, some claim, some believe, many people, critics, supporters, opponents,
    proponents, advocates, those who, one might, one could, it could be argued,
    it is often said"""
)
# "the authority argues that ...": someone other than the author holds the view.
HOLDING = word_set(
    """argue argues argued say says claim claims claimed believe believes insist insists
    insisted contend contends maintain maintains think thinks"""
)

# Adding a new argument to the ones before: in an essay, what follows is the next claim.
ADDING = Markers(
    """first, firstly, first of all, second, secondly, third, thirdly, finally, moreover,
    furthermore, additionally, besides, what is more, equally, another reason,
    another advantage, another problem, another point, also"""
)

# Giving a reason or an example: the sentence holds evidence for a claim.
PREMISE = Markers(
    """because, for example, for instance, such as, e.g., due to, given that, as a result of,
    thanks to, to illustrate"""
)
EXAMPLE_FIRST = Markers("for example, for instance, because, to illustrate")
SHOWING = word_set("shows showed shown reveals revealed demonstrates demonstrated")
MONTHS = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
)
# "since" gives a time, not a reason, before these.
SINCE_A_TIME = MONTHS | word_set("then last early records")

# A story told from a point in time ("Last summer", "On November 7"): an anecdote, which
# illustrates a claim rather than makes one.
SOME_TIME = word_set("last this every each one early late")
TIME_UNITS = MONTHS | word_set(
    """week weekday weekend month year summer winter spring autumn fall morning afternoon
    evening night day"""
)
AT_A_TIME = word_set("on in by until since")

# Narration tells what happened, in the past tense; a claim says what is, what will be or what
# ought to be. A sentence with a verb of the past and none of the present or of a modal
# narrates: an anecdote or a report, the evidence for a claim rather than the claim.
PAST = word_set(
    """was were had did went said told came saw took made got began became found gave left felt
    thought knew tried asked wrote won lost paid spent"""
)
PRESENT = word_set(
    """is are am 's 're 'm be isn't aren't do does don't doesn't has have hasn't haven't will
    won't would wouldn't shall should shouldn't can can't cannot could couldn't may might must
    mustn't ought need needs remains remain seems seem means mean"""
)
SUBJECTS = word_set("i we you he she they it")

# Someone else's words or findings: testimony and statistics.
REPORTING = Markers(
    """said, says, told, stated, reported, reports, according to, announced, wrote, noted,
    declared, testified, boasted, found that, a study, the study, studies, survey, research,
    researchers, data, poll, statistics, officials, in the words of"""
)
NUMBER = re.compile(r"(?<![\w.])[$€£]?\d[\d,.]*%?|\b(?:percent|per cent|million|billion)\b", re.I)
DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+\d|\b(?:19|20)\d\d\b",
    re.I,
)
# A quotation of a few words or more is testimony; a word or two in quotes is a scare quote
# or a name, and says little.
QUOTATION = re.compile(r"[“\"]([^”\"]{1,600})[”\"]")


def marker_scores(s: Sentence) -> dict[str, float]:
    """What each kind of marker in the sentence adds to its score."""
    text = s.text
    return {
        "concludes": 0.9 * min(2, CONCLUDING.count(s)) + 0.6 * bool(CONCLUDING_SO.search(text)),
        "speaks for the author": 1.5 * bool(STANCE.count(s)),
        "sums up": 1.5 * SUMMING_UP.opens(s),
        "prescribes": 1.0 * bool(DEONTIC.count(s)),
        "hedges": 0.3 * bool(HEDGED.count(s)),
        "judges": 0.45 * min(3, EVALUATIVE.count(s)),
        "compares": 0.35 * min(2, comparisons(s)),
        "rejects a view": 0.8 * rejects_a_view(s),
        "denies": 0.3 * bool(NEGATION.count(s) or any(w.endswith("n't") for w in s.words)),
        "turns": 0.5 * CONTRAST.opens(s),
        "adds an argument": 0.4 * adds_an_argument(s),
        "concedes": -1.2 * CONCEDING.opens(s),
        "reports a view": -0.8 * reports_a_view(s),
        "gives a reason": -0.6 * gives_a_reason(s) - 0.9 * opens_with_a_reason(s),
        "tells a story": -0.5 * tells_a_story(s),
        "narrates": -0.5 * narrates(s),
        "reports": -0.8 * min(2, REPORTING.count(s)),
        "counts": -0.35 * min(3, len(NUMBER.findall(text))) - 0.2 * bool(DATE.search(text)),
        "quotes": -quotation_weight(text),
        "asks": -1.0 * text.rstrip("”\"’') ").endswith("?"),
    }


def _pairs(s: Sentence) -> zip[tuple[str, str]]:
    return zip(s.words, s.words[1:], strict=False)


def comparisons(s: Sentence) -> int:
    """Comparatives and superlatives: "more", "the best", "cheaper than", "the cheapest"."""
    found = COMPARING.count(s)
    for word, after in _pairs(s):
        if after == "than" and len(word) > 4 and word.endswith("er"):
            found += word not in COMPARING.single and word != "other"
        elif word == "the" and len(after) > 4 and after.endswith("est"):
            found += after not in NOT_SUPERLATIVE
    return found


def rejects_a_view(s: Sentence) -> bool:
    """ "the argument that ...", "Pompeo's contention": a view named in order to answer it."""
    words = s.words
    for at, word in enumerate(words[:-1]):
        noun = words[at + 1]
        if noun in VIEWS and (
            word.endswith("'s") or (word in POINTING and words[at + 2 : at + 3] == ["that"])
        ):
            return True
    return False


def reports_a_view(s: Sentence) -> bool:
    """Someone other than "I" or "we" who argues, says or believes that ..."""
    words = s.words
    return any(
        word in HOLDING
        and words[at + 1] == "that"
        and (at == 0 or words[at - 1] not in ("i", "we"))
        for at, word in enumerate(words[:-1])
    )


def adds_an_argument(s: Sentence) -> bool:
    # "In addition, ..." adds an argument; "In addition to X, ..." only leads into one.
    return ADDING.opens(s) or (
        s.joined.startswith(" in addition ") and not s.joined.startswith(" in addition to ")
    )


def _since_a_reason(words: list[str], at: int) -> bool:
    after = words[at + 1] if at + 1 < len(words) else ""
    return not (after[:1].isdecimal() or after in SINCE_A_TIME)


def gives_a_reason(s: Sentence) -> bool:
    """ "because", "for example", a causal "since", "as the figures show"."""
    words = s.words
    if PREMISE.count(s):
        return True
    for at, word in enumerate(words):
        if word == "since" and _since_a_reason(words, at):
            return True
        if word == "as" and SHOWING.intersection(words[at + 2 : at + 20]):
            return True
    return False


def opens_with_a_reason(s: Sentence) -> bool:
    return EXAMPLE_FIRST.opens(s) or (s.words[:1] == ["since"] and _since_a_reason(s.words, 0))


def narrates(s: Sentence) -> bool:
    """A verb of the past ("was", "we tried") and none of the present or of a modal."""
    if not PRESENT.isdisjoint(s.words) or any(w.endswith(("'s", "'re", "'ll")) for w in s.words):
        return False
    return not PAST.isdisjoint(s.words) or any(
        word in SUBJECTS and len(after) > 3 and after.endswith("ed") for word, after in _pairs(s)
    )


def tells_a_story(s: Sentence) -> bool:
    words = s.words[:4]
    if len(words) < 2:
        return False
    first, then = words[0], words[1]
    if first in SOME_TIME:
        return then in TIME_UNITS
    if first in AT_A_TIME:
        when = words[2] if then in ("early", "late", "mid") and len(words) > 2 else then
        return when in MONTHS or (len(when) == 4 and when.isdecimal() and when[:2] in ("19", "20"))
    return False


def quotation_weight(text: str) -> float:
    weight = 0.0
    for match in QUOTATION.finditer(text):
        weight += 1.0 if len(WORD.findall(match.group(1))) >= 4 else 0.15
    return min(weight, 1.5)
