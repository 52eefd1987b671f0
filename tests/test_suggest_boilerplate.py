"""What is not the author's argument is never suggested: the page's furniture, questions, sarcasm.

Every line here is written for these tests in the style of opinion pages' furniture; none is
copied from a page or a corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_linear import repeated
from tests.test_suggest import run
from tests.timing import LINEAR, growth
from workbook.essay.boilerplate import RECOGNISERS, not_the_authors
from workbook.essay.suggest import suggest
from workbook.importing.source import read_document

FURNITURE = {
    "a call to follow, subscribe or read more": [
        "Follow the Daily Ledger's Opinion desk on Facebook, Instagram and Threads.",
        "Follow us on Bluesky for more of our columnists' views.",
        "Like the Harbour Post on Facebook and join the conversation there.",
        "Sign up for the Morning Argument newsletter to get our best opinion pieces.",
        "Subscribe to the Weekly Review for unlimited commentary on the week's news.",
        "Read more: Why the council's parking plan is doomed from the start.",
        "Related: The case against a four-day school week in rural districts.",
        "Contact us at the address below if you have a tip about this story.",
        "Share this article with a friend who cares about local transit.",
        "Listen to this article read aloud by our narrator in about six minutes.",
        "Download our app to read the rest of this week's opinion section offline.",
        "Click here for more of our coverage of the transit levy and its critics.",
        "Find out more about our newsletters and the columnists who write them.",
        "Share your thoughts in the comments, and keep them civil to one another.",
        "Register for free to keep reading our columnists' work this month.",
    ],
    "the publisher's offer or notice": [
        "Get the best of our commentary delivered to your inbox every Sunday morning.",
        "Copyright 2024 The Harbour Post Company, with all rights reserved worldwide.",
    ],
    "a note on the piece itself": [
        "This article is part of a series on the future of public libraries.",
        "This column has been updated to reflect the mayor's statement on Friday.",
        "An earlier version of this op-ed misstated the year the bridge was built.",
        "Editor's note: The author's brother serves on the transit board.",
        "Correction: The bond measure passed in 2019, not in 2018 as first written.",
        "This essay first appeared in the spring issue of the Riverbank Quarterly.",
    ],
    "the publisher's invitation": [
        "The Ledger is committed to publishing a wide range of letters from readers.",
        "We'd like to hear what you think about this or any of our other articles.",
        "Submit a letter of no more than 200 words through the form on this page.",
        "Letters may be sent to opinion-letters@ledger.example with the writer's town.",
    ],
    "a disclaimer": [
        "The views expressed here are the author's own and not those of her employer.",
        "The opinions expressed in this column do not necessarily reflect the paper's.",
        "This piece is for informational purposes only and is not financial advice.",
        "Any views in the piece are solely the author's own and nobody else's at all.",
        "The positions taken are those of the authors and of no institution at all.",
    ],
    "a caption or credit": [
        "Photo: Commuters wait for a delayed train at the central station in March.",
        "Illustration by Sam Okafor, using images from the city's archive of maps.",
        "Credit: Dana Kim for the Harbour Post, taken at the rally on Saturday.",
        "Protesters gather outside the statehouse on Tuesday morning. John Roe/Reuters",
    ],
    "sarcasm": [
        "Yeah, right, because another committee will surely fix the buses this time.",
        "Cut the library budget again and let the children read billboards instead; what "
        "could possibly go wrong?",
        "Raising the fares will bring riders back, said no one ever in this city.",
        "Sure, let's privatise the buses again, because that worked so well last time.",
    ],
    "a question left for the reader": [
        "What would you give up so that the trains ran on time every single day?",
        "Is this really the city we want to leave to our children and grandchildren?",
    ],
}

ARGUMENT = [
    "We should follow the money before we decide whether the stadium deal is fair.",
    "The council must share the cost of the bridge with the county that uses it most.",
    "Readers of this paper deserve a council that publishes its budget on time.",
    "The report shows that the fare cut brought riders back within a single year.",
    "This decision does not reflect the will of the people who voted for the levy.",
    "Its defenders say the plan is cheap, but its costs are hidden in the upkeep.",
    "A professor of economics at the state university has argued for a fare cut.",
    "Subscription fees for public data are a tax on the curious and should go.",
    "The mayor is the former head of the transit board and knows its failures.",
    "Like most teenagers, I spend hours every day on Instagram and TikTok.",
    "People follow politicians on Twitter more closely than they read newspapers.",
    "This report is based on figures the council itself has disowned.",
    "Art — and what the city spends on it — is a public good worth defending.",
    "Correction — not punishment — should be the first aim of every prison.",
    "Register to vote, and then vote against a levy that taxes the poor twice.",
    "Find more money for the buses, and the queues at the depot will end.",
    "Share your view with the council before it votes on the fares on Friday.",
    "Watch the first hour of any council meeting and the problem is plain.",
    "Recommended - by every study of the subject - is a fare cut for the young.",
]


@pytest.mark.parametrize(
    ("what", "line"), [(what, line) for what, lines in FURNITURE.items() for line in lines]
)
def test_each_kind_of_furniture_is_recognised(what: str, line: str) -> None:
    assert not_the_authors(line) == what
    # However its words are spaced: a line break or two spaces between them change nothing.
    assert not_the_authors(line.replace(" ", "\n")) == what
    assert not_the_authors(line.replace(" ", "  ")) == what


@pytest.mark.parametrize("line", ARGUMENT)
def test_arguments_that_use_the_same_words_are_the_authors(line: str) -> None:
    assert not_the_authors(line) is None
    assert not_the_authors(line, near_the_end=False) is None


BIOS = [
    "Ana Ortega is a professor of urban planning at Riverbank University.",
    "Tom Hale is a contributing opinion writer and the author of a book on buses.",
    "Priya N. Rao was a senior fellow at the Civic Transit Institute until 2022.",
    "Lee Park is the author of three books about the city's waterfront.",
    "Maria Gomez is a researcher at Harbour Health.",
    "He is the author of a history of the city's buses and the fares they charged.",
    "She is a senior fellow at the Civic Transit Institute and writes on city budgets.",
]


@pytest.mark.parametrize("line", BIOS)
def test_the_authors_biography_at_the_end(line: str) -> None:
    assert not_the_authors(line, near_the_end=True) == "the author's biography"
    # Earlier in the essay, a sentence about someone's role may be part of the argument.
    assert not_the_authors(line, near_the_end=False) is None


OP_ED = [
    "Free buses are worth their cost",
    "By Ana Ortega",
    "Follow the Harbour Post Opinion section on Facebook, Instagram and Threads.",
    "Every winter the number 12 bus is packed by seven in the morning. The city should make "
    "its buses free, and it should start with the routes that serve its poorest districts.",
    "Photo: Riders board the number 12 bus on Main Street in January.",
    "Fares bring in little: they pay for a tenth of the service, and collecting them slows "
    "every stop. Free buses would therefore cost the city less than it fears.",
    "Critics say that free rides would fill the buses with people who have nowhere to go. "
    "That is a misguided reason to keep out the riders who need the bus most.",
    "Sign up for the Argument, our newsletter of the week's best opinion pieces.",
    "This article is part of Fixing the City, a series on what local government can do.",
    "In the end, free buses are a sensible investment, and the council must fund them now.",
    "The Harbour Post is committed to publishing a diversity of letters to the editor. "
    "We'd like to hear what you think about this or any of our articles.",
    "The views expressed here are the author's own.",
    "Ana Ortega is a professor of urban planning at Riverbank University and a contributing "
    "opinion writer.",
]


def test_an_op_eds_furniture_is_never_in_its_top_ten() -> None:
    top = suggest(OP_ED, top=10)
    assert len(top) == 7  # the author's seven sentences of argument, and nothing else
    assert {s.paragraph for s in top} == {4, 6, 7, 10}
    # The conclusion is the author's last paragraph, not the page's furniture after it.
    assert "in the conclusion" in next(s for s in top if s.paragraph == 10).why


def test_with_the_furniture_taken_out_the_ranking_is_the_same() -> None:
    authored = [p if number in (1, 2, 4, 6, 7, 10) else "" for number, p in enumerate(OP_ED, 1)]
    assert [s.quote for s in suggest(OP_ED)] == [s.quote for s in suggest(authored)]


def test_a_questions_answer_stands_first_in_a_short_text() -> None:
    text = [
        "Should the city make its buses free? It should, and soon. Free buses would cost "
        "less than the fares bring in once collecting them is counted. They would also clear "
        "the roads of cars at rush hour."
    ]
    top = suggest(text)
    assert all(not s.quote.endswith("?") for s in top)
    assert top[0].quote.startswith("Free buses would cost")


def test_a_sentence_about_one_thing_is_no_biography() -> None:
    # One capitalised word before "is a ..." is the subject of an argument, not a name.
    for argued in (
        "Hunting is a duty that every member of a rural family shares.",
        "Education is the best doctor a poor district can hire.",
    ):
        assert not_the_authors(argued, near_the_end=True) is None, argued


def test_a_short_text_has_no_biography_to_leave_out() -> None:
    # In a text too short to be an article with a biography at its end, a sentence that names
    # someone and their role is part of the argument.
    text = [
        "Towns should keep their small libraries open.",
        "A library is the only warm and free place where many children can read after school.",
        "Maria Gomez is a teacher at the school on Mill Road, and her pupils read there daily.",
    ]
    assert {s.paragraph for s in suggest(text)} == {1, 2, 3}
    # In an article of four paragraphs or more, the same line at its end is a biography.
    article = [*text[:2], "Closing them would be a loss the poorest streets would feel.", text[2]]
    assert {s.paragraph for s in suggest(article)} == {1, 2, 3}


# A saved opinion page whose article holds the publisher's furniture among the author's
# paragraphs, as pages are built: the extractor keeps it, and suggest must leave it out.
SAVED_PAGE = Path(__file__).parent / "pages" / "opinion-furniture.html"


def test_a_saved_pages_furniture_is_never_listed() -> None:
    saved = SAVED_PAGE
    paragraphs = read_document(saved).paragraphs
    kept = [p for p in paragraphs if p.startswith(("Follow", "Sign up", "The views"))]
    assert len(kept) == 3  # the extractor keeps the furniture: suggest is what leaves it out
    status, out, err = run("suggest", saved, "--json")
    assert (status, err) == (0, "")
    listed = json.loads(out)
    assert {item["paragraph"] for item in listed} == {1, 2, 4, 6}
    assert listed[0]["quote"].startswith("In the end, free buses")


# Hostile texts for the recognisers' patterns: each is tried on every sentence, so a text that
# is one long sentence reaches each pattern whole.
HOSTILE: dict[str, Callable[[int], str]] = {
    "names without end": repeated("Ana Bo Cy "),
    "calls without a platform": repeated("follow us like us join us "),
    "pieces speaking of themselves": repeated("this article this column "),
    "views and disclaimers": repeated("views expressed views "),
    "at signs": repeated("a@b.c@d "),
    "slashes and credits": repeated("/ / via via "),
    "sarcasm's words": repeated("yeah oh what could go "),
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_furniture_is_recognised_in_linear_time(shape: str) -> None:
    ratio = growth(HOSTILE[shape], lambda text: not_the_authors(text, True), enough=0.01)
    assert ratio < LINEAR, f"{shape}: 4 times the text took {ratio:.1f} times as long"


PIECES = st.sampled_from(
    [
        "follow",
        "Like",
        "us",
        "on",
        "via",
        "Facebook",
        "inbox",
        "your",
        "to",
        "subscribers",
        "get",
        "newsletter",
        "free",
        "©",
        "Copyright",
        "2024",
        "committed",
        "publishing",
        "we'd",
        "like",
        "hear",
        "letter",
        "letters",
        "@",
        "a@b.co",
        "views",
        "expressed",
        "are",
        "those",
        "of",
        "the",
        "author",
        "not",
        "necessarily",
        "reflect",
        "own",
        "solely",
        "informational",
        "purposes",
        "only",
        "financial",
        "advice",
        "Getty",
        "Images",
        "/",
        "Reuters",
        "yeah",
        "Oh",
        "right",
        "what",
        "could",
        "possibly",
        "go",
        "wrong",
        "said",
        "no",
        "one",
        "ever",
        "/s",
        "because",
        "that",
        "worked",
        "so",
        "well",
        "Photo:",
        "By",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", ", ", ". ", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=14))
def test_a_recognisers_words_only_spare_it_sentences_it_would_not_match(
    pieces: list[tuple[str, str]],
) -> None:
    """Each pattern that may match anywhere is tried only on sentences with one of its words:
    the words must be ones no match can be without."""
    sentence = "".join(piece + separator for piece, separator in pieces)
    for pattern, _, words in RECOGNISERS:
        if pattern.search(sentence):
            assert not words or any(word in sentence.lower() for word in words), pattern.pattern


TURNED = [
    "Sign up for our newsletter, the pages beg, and follow us on Facebook, Instagram and X; but "
    "every subscription a reader gives a national newsletter is one a local paper never gets.",
    "Follow us on Instagram, the ads say, but the towns that followed lost their papers first.",
    "Subscribe to everything, the platforms urge; yet a town that reads no local paper stops "
    "voting in its own elections.",
]


@pytest.mark.parametrize("line", TURNED)
def test_a_call_the_author_quotes_and_turns_against_is_the_authors(line: str) -> None:
    """A call to follow or subscribe that the sentence goes on to argue against ("…; but …")
    is the author's argument about it, not the page's furniture: such a thesis was never
    suggested."""
    assert not_the_authors(line) is None


def test_a_thesis_written_in_furnitures_words_is_suggested() -> None:
    essay = [
        "Newsletters are killing local news",
        TURNED[0] + " Towns should subsidise their papers instead.",
        "Local papers closed at a rate of two a week last year.",
        "Sign up for our newsletter.",
    ]
    quotes = [s.quote for s in suggest(essay, title=essay[0], headings=[1])]
    assert TURNED[0] in quotes and "Sign up for our newsletter." not in quotes
