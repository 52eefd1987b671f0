"""The brief: a reviewed golden file, GFM structure, and text that cannot break it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbook.core.model import Workbook
from workbook.exports.brief import BriefOptions, inline, link_target, render
from workbook.storage.places import seed_path
from workbook.storage.store import load, load_with_essay

from .strategies import text, workbooks

GOLDEN = Path(__file__).parent / "golden" / "soleimani-blowback.brief.md"
# The brief's own raw HTML: line breaks, claim anchors, the anchors of cards where they are
# printed, and a card's underlined words.
OUR_HTML = re.compile(r'<br>|</a>|<a id="(?:claim|card)-[A-Za-z0-9_-]+">|</?ins>')


def gfm(linkify: bool = False) -> MarkdownIt:
    return MarkdownIt("gfm-like", {"linkify": linkify})


def linked(brief: str) -> list[str]:
    """The links of the brief as a linkifier renders it (GitHub and many editors do), and that
    every table row still has two cells there."""
    hrefs, cells = [], -1
    for token in gfm(linkify=True).parse(brief):
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            assert cells == 2, cells
        for child in token.children or []:
            if child.type == "link_open":
                hrefs.append(str(child.attrs["href"]))
    return hrefs


def is_ours_or_web(href: str) -> bool:
    return href.lower().startswith(("http://", "https://")) or href.startswith(
        ("#claim-", "#card-")
    )


def plain(token: Token) -> str:
    """What a reader sees of an inline token: its text, with line breaks as newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline" and child.content == "<br>":
            parts.append("\n")
    return "".join(parts)


def seen(text: str) -> str:
    """Text as a reader sees it: parsers replace NUL and trim and fold white space."""
    return " ".join(text.replace("\x00", "\ufffd").split())


def check_structure(workbook: Workbook, brief: str, columns: list[str]) -> list[Token]:
    """Every table has two cells in every row, the headers are the sides' names, every claim's
    tag is a heading, and the only HTML is ours: claim anchors and line breaks."""
    tokens = gfm().parse(brief)
    names = [seen(workbook.sides[s].name) for s in columns]
    tables = 0
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables += 1
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            assert row is not None
            row.append(seen(plain(tokens[index + 1])))
        elif token.type == "tr_close":
            assert row is not None and len(row) == 2, row
            if tokens[index - 1].type == "th_close":
                assert row == names
            row = None
        elif token.type == "html_block":
            raise AssertionError(f"raw HTML block: {token.content!r}")
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline":
                    assert OUR_HTML.fullmatch(child.content), child.content
                if child.type == "link_open":
                    href = child.attrs["href"]
                    assert is_ours_or_web(str(href)), href
    assert tables == len(workbook.claims)
    for href in linked(brief):
        assert is_ours_or_web(href), href
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"]
    anchored = {h.children[0].content: plain(h) for h in headings if h.children}
    for claim_id, claim in workbook.claims.items():
        shown = anchored.get(f'<a id="claim-{claim_id}">')
        assert shown is not None, claim_id
        if claim.tag or not claim.quote:
            assert seen(shown) == seen(claim.tag or claim_id), claim_id
        else:  # named by the start of its quote
            assert seen(claim.quote[:40]) in seen(shown), claim_id
    return tokens


def seed_brief(options: BriefOptions | None = None) -> str:
    """The seed's brief as `export` writes it: with the essay's paragraphs read beside it."""
    workbook, paragraphs = load_with_essay(seed_path())
    assert paragraphs is not None
    return render(workbook, replace(options or BriefOptions(), paragraphs=tuple(paragraphs)))


def test_the_seeds_brief_matches_the_reviewed_golden_file() -> None:
    assert seed_brief() == GOLDEN.read_text(encoding="utf-8")


def test_the_seeds_brief_is_well_formed() -> None:
    workbook = load(seed_path())
    check_structure(workbook, render(workbook), list(workbook.sides))
    swapped = ["deterrence", "blowback"]
    check_structure(workbook, render(workbook, BriefOptions(ours="deterrence")), swapped)


def test_cites_only_leaves_out_card_texts() -> None:
    workbook = load(seed_path())
    full = render(workbook)
    short = render(workbook, BriefOptions(card_text=False))
    quoted = "first military action by the Biden administration"
    assert quoted in full and quoted not in short
    assert "[UPI 20](https://upi.com/" in short


def test_rebuttal_chains_read_across_and_down(small: Workbook) -> None:
    brief = render(small)
    rows = [line for line in brief.splitlines() if line.startswith("| **p")]
    # p1 (Blowback) beside its answer p2 (Deterrence); p2 is left unanswered, Blowback's gap.
    assert rows[0].startswith("| **p1** · supports") and "| **p2** · answers p1" in rows[0]
    assert rows[0].count("*unanswered by") == 1
    assert rows[0].endswith("◇ *unanswered by Blowback* |")


def test_coverage_links_to_the_claims_left_unanswered(small: Workbook) -> None:
    brief = render(small, BriefOptions(rate=2))
    coverage = brief.split("## Coverage")[1]
    assert "[Strikes backfire](#claim-blowback)" in coverage
    assert "[Deterrence is a story](#claim-story)" in coverage
    assert "words in its column: about" in coverage and "at 2 words a minute" in coverage


def test_a_claim_with_no_tag_is_named_by_its_quote(small: Workbook) -> None:
    """A claim made from the essay and not yet tagged: its heading and its coverage link name
    it by the start of its quote, never by the id the user never typed."""
    long_quote = "Deterrence is a story told afterwards " * 3
    claims = {
        "blowback": small.claims["blowback"].model_copy(update={"tag": ""}),
        "story": small.claims["story"].model_copy(update={"tag": "", "quote": long_quote}),
    }
    brief = render(small.model_copy(update={"claims": claims}))
    quote = small.claims["blowback"].quote
    assert f'<a id="claim-blowback"></a>“{quote}”' in brief
    assert f"[“{quote}”](#claim-blowback)" in brief
    assert "[“Deterrence is a story told afterwards Deterrence is a…”](#claim-story)" in brief
    assert '### <a id="claim-story"></a>story' not in brief


HOSTILE = [
    "a | b || c",
    "line one\nline two\n\nafter a blank line",
    "`code` and ``` fences ```",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![img](http://x/y.png)",
    "# heading\n- list\n> quote\n1. numbered",
    "&amp; &#124; &lt;",
    "trailing backslash \\",
    "***bold*** ~~strike~~ _u_",
    "| --- | --- |",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_keeps_the_structure(small: Workbook, hostile: str) -> None:
    point = small.claims["blowback"].points["p1"]
    point.text = hostile
    card = small.cards["smith"]
    card.tag = hostile.replace("\n", " ")
    card.text = hostile
    card.url = "javascript:alert(1)"
    small.claims["story"].tag = hostile.replace("\n", " ")
    small.sides["con"].name = hostile.replace("\n", " ")
    check_structure(small, render(small), ["con", "pro"])


LINKISH = [
    "a@b.com",
    "mail me: a.b+c@example.co.uk",
    "ftp://host.example.com/x",
    "FTP://host.example.com/x",
    "mailto:x@y.org",
    "xmpp:foo@bar.com",
    "see //example.com/x",
    "(//example.com)",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "<mailto:x@y.org>",
    "<ftp://example.com>",
    "https://example.org//a@b.com",
    "www.example.com and ftp.example.com",
]


def shown(brief: str) -> str:
    return "\n".join(plain(t) for t in gfm(linkify=True).parse(brief) if t.type == "inline")


@pytest.mark.parametrize("linkish", LINKISH)
def test_only_web_addresses_become_links_under_a_linkifier(small: Workbook, linkish: str) -> None:
    point = small.claims["blowback"].points["p1"]
    point.text = small.cards["smith"].text = small.cards["smith"].tag = linkish
    small.claims["story"].tag = small.sides["pro"].thesis = small.motion = linkish
    brief = render(small)
    hrefs = linked(brief)
    assert all(is_ours_or_web(href) for href in hrefs), hrefs
    if "http" not in linkish:  # a linkifier shows the escapes inside a web address as written
        assert shown(brief).count(seen(linkish)) >= 5  # the reader sees the text as written
    check_structure(small, brief, ["con", "pro"])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("a@b.com", "a\\@b.com"),
        ("ftp://h.org/x", "ftp\\:/\\/h.org/x"),
        ("mailto:x@y", "mailto\\:x\\@y"),
        ("see //h.org", "see /\\/h.org"),
        ("https://h.org/a//b", "https://h.org/a//b"),
        ("HTTP://h.org", "HTTP://h.org"),
        ("Note: plain text, 10:30, a/b", "Note: plain text, 10:30, a/b"),
    ],
)
def test_the_escapes_are_few_and_the_source_reads_well(text: str, source: str) -> None:
    assert inline(text) == source


def test_line_breaks_stay_visible() -> None:
    assert inline("one\ntwo") == "one<br>two"
    cell = inline("x\ny")
    assert "x<br>y" in gfm().render(f"| a | b |\n| --- | --- |\n| {cell} | z |\n")


def test_only_web_addresses_become_links() -> None:
    assert link_target("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
    assert link_target("javascript:alert(1)") is None
    assert link_target("data:text/html,hi") is None
    assert link_target("") is None


linkish = st.lists(
    st.one_of(
        st.sampled_from(["@", ":", "//", "/", ".", "www.", ".com", "http", "ftp", "mailto", "a"]),
        st.sampled_from(LINKISH),
        text,
    ),
    max_size=6,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(workbooks(), st.lists(st.one_of(text, linkish), min_size=3, max_size=3))
def test_arbitrary_text_never_breaks_the_brief(workbook: Workbook, extra: list[str]) -> None:
    for claim in workbook.claims.values():
        for point in claim.points.values():
            point.text += extra[0]
    for card in workbook.cards.values():
        card.text += extra[1]
        card.tag += extra[2].replace("\n", " ").replace("\r", " ")
    check_structure(workbook, render(workbook), list(workbook.sides))


def test_an_answer_never_stands_left_of_the_point_it_answers(small: Workbook) -> None:
    """With the answering side first, the point answered takes its row alone and the answer
    follows on the next: the exchange still reads across, then down."""
    from workbook.exports.brief import CardLines, exchange_rows

    claim = small.claims["blowback"]  # p1 (con) answered by p2 (pro)
    cards = CardLines(small.cards, with_text=True)
    con_first = exchange_rows(claim, ["con", "pro"], cards)
    assert len(con_first) == 1 and "**p1**" in con_first[0][0] and "**p2**" in con_first[0][1]
    pro_first = exchange_rows(claim, ["pro", "con"], cards)
    assert len(pro_first) == 2
    assert pro_first[0][0] == "" and "**p1**" in pro_first[0][1]
    assert "**p2**" in pro_first[1][0] and pro_first[1][1] == ""


def test_a_card_reads_as_its_cite_our_tag_its_full_cite_and_its_marked_text(
    small: Workbook,
) -> None:
    from workbook.exports.brief import card_line, column_words

    card = small.cards["smith"]
    card.publication, card.url = "The Review", "https://example.org/a"
    card.text = "Attacks ==rose sharply== after the strike, ==by a third=="
    line = card_line(card, with_text=True)
    assert line == (
        "▪ [Smith 21](https://example.org/a) — *our tag:* Attacks rose"
        "<br>Ann Smith, 2021, The Review, [https://example.org/a](https://example.org/a)"
        "<br>“Attacks **rose sharply** after the strike, **by a third**”"
    )
    assert "“" not in card_line(card, with_text=False)  # no words of ours in quotation marks
    tokens = gfm().parseInline(line)[0].children or []
    bold = [t.content for i, t in enumerate(tokens) if i and tokens[i - 1].type == "strong_open"]
    assert bold == ["rose sharply", "by a third"]
    # Con reads p1's text (2 words), the tag (2) and the marked words (5).
    assert column_words(small, "con", BriefOptions()) == 2 + 2 + 5
    card.text = "No marks: read whole"
    assert column_words(small, "con", BriefOptions()) == 2 + 2 + 4
    assert column_words(small, "con", BriefOptions(card_text=False)) == 2 + 2


def test_words_that_close_with_their_own_quotation_mark_get_no_second_one(
    small: Workbook,
) -> None:
    small.cards["smith"].text = "Hajizadeh said: “That night we had the ==readiness== for war.”"
    small.claims["story"].quote = "Deterrence is “a story told afterwards.”"
    brief = render(small)
    assert "<br>Hajizadeh said: “That night we had the **readiness** for war.”" in brief
    assert "> Deterrence is “a story told afterwards.”\n" in brief
    assert "””" not in brief and "““" not in brief


def test_the_essays_address_is_written_out_for_paper(small: Workbook) -> None:
    small.essay.url = "https://example.org/essays/the_strike"
    essay_line = next(line for line in render(small).splitlines() if line.startswith("**Essay:**"))
    assert essay_line == (
        "**Essay:** “An essay”, [https://example.org/essays/the\\_strike]"
        "(https://example.org/essays/the_strike)"
    )
    assert linked(render(small)).count("https://example.org/essays/the_strike") == 1
    small.essay.url = "ftp://example.org/essay"  # shown, but not as a link
    assert f"**Essay:** “An essay”, {inline(small.essay.url)}\n" in render(small)


def test_claims_before_the_first_heading_are_under_the_opening(small: Workbook) -> None:
    for claim in small.claims.values():
        claim.section = ""
    assert "\n## An essay\n" in render(small)  # no headings: the essay's title names them
    small.essay.headings = [1]
    brief = render(small)
    assert "\n## Opening\n" in brief and "no section" not in brief


BOTH_LAYERS = "The ++strike ==was reckless== and costly++, in C\\++, ==said== Smith"


def test_a_card_shows_its_underlining_and_its_highlighting(small: Workbook) -> None:
    from workbook.exports.brief import card_line, column_words

    card = small.cards["smith"]
    card.text = BOTH_LAYERS
    line = card_line(card, with_text=True)
    assert line.endswith(
        "<br>“The <ins>strike **was reckless** and costly</ins>, in C++, **said** Smith”"
    )
    tokens = gfm().parseInline(line)[0].children or []
    kinds = [t.type if t.type != "html_inline" else t.content for t in tokens]
    at = kinds.index("<ins>")
    assert kinds[at : at + 7] == [
        "<ins>", "text", "strong_open", "text", "strong_close", "text", "</ins>"
    ]  # fmt: skip
    bold = [t.content for i, t in enumerate(tokens) if i and tokens[i - 1].type == "strong_open"]
    assert bold == ["Smith 21", "was reckless", "said"]  # the short cite, then the card's
    # The reading time counts the highlighted words (3) besides p1's text and the tag (2 + 2).
    assert column_words(small, "con", BriefOptions()) == 2 + 2 + 3
    card.text = "++Underlined++ but nothing highlighted: read whole"
    assert column_words(small, "con", BriefOptions()) == 2 + 2 + 6
    check_structure(small, render(small), list(small.sides))


def read_three_times(small: Workbook) -> Workbook:
    """The small workbook with Smith's card read by three points, under two claims."""
    small.cards["smith"].text = "Attacks ==rose sharply== after the strike"
    small.cards["smith"].url = "https://example.org/a"
    small.claims["blowback"].points["p2"].cards = ["smith"]
    small.claims["story"].points["p1"].cards = ["slot", "smith"]
    return small


def test_a_card_read_by_three_points_is_printed_once_and_cited_twice(small: Workbook) -> None:
    brief = render(read_three_times(small))
    assert brief.count("after the strike”") == 1  # its text, once
    assert brief.count('<a id="card-smith"></a>▪ card 1: [Smith 21](https://example.org/a)') == 1
    cited = "▪ [Smith 21](#card-smith), card 1, printed above"
    assert brief.count(cited) == 2
    # Printed under the first point that reads it, in the brief's order: p1, then p2's cite.
    table = brief.split("### ")[1]
    assert table.index("card 1: [Smith 21]") < table.index(cited)
    assert "#card-smith" in linked(brief)
    check_structure(small, brief, list(small.sides))
    index = brief.split("## Index of cards")[1]
    assert (
        "- [Smith 21](#card-smith), card 1: [Strikes backfire](#claim-blowback) p1, p2; "
        "[Deterrence is a story](#claim-story) p1"
    ) in index


def test_the_first_printing_follows_the_order_the_brief_is_read_in(small: Workbook) -> None:
    """With the answering side first, the answer stands on the row below the point it answers:
    the card is printed in full under the point above, whichever was written first."""
    small = read_three_times(small)
    brief = render(small, BriefOptions(ours="pro"))
    rows = [line for line in brief.splitlines() if line.startswith("| ")]
    printed = next(i for i, row in enumerate(rows) if "card 1: [Smith 21]" in row)
    assert "**p1** · supports" in rows[printed]
    check_structure(small, brief, ["pro", "con"])


def test_notes_are_shown_with_the_card_and_the_claim_labelled_as_ours(small: Workbook) -> None:
    small.cards["smith"].notes = "Two unnamed officials; the date is from the page's address."
    small.claims["blowback"].notes = "The essay's own slip:\nread it as written."
    brief = render(read_three_times(small))
    card_note = "<br>*Note:* Two unnamed officials; the date is from the page's address."
    assert brief.count(card_note) == 1  # with the card, where it is printed in full
    assert "\n*Note:* The essay's own slip:<br>read it as written.\n" in brief
    assert "“Two unnamed" not in brief  # our words, never in quotation marks
    check_structure(small, brief, list(small.sides))


def test_unanswered_marks_only_the_other_sides_gaps(small: Workbook) -> None:
    """A point the other side has not answered says so, naming that side, exactly where
    coverage counts a gap of that side; a point answered says nothing."""
    from workbook.core.coverage import unanswered

    brief = render(small)
    for claim_id, claim in small.claims.items():
        table = brief.split(f'<a id="claim-{claim_id}"></a>')[1].split("\n### ")[0]
        cells = [c for line in table.splitlines() for c in line.split(" | ")]
        for point_id, point in claim.points.items():
            cell = next(c for c in cells if f"**{point_id}** ·" in c)
            other = small.other_side(point.side)
            gap = point_id in unanswered(claim, other)
            assert (f"*unanswered by {small.sides[other].name}*" in cell) == gap
            assert f"*unanswered by {small.sides[point.side].name}*" not in cell
    assert "answer missing" not in brief
    # p1 of the first claim is answered by p2: only p2, Deterrence's last word, is marked.
    assert brief.count("*unanswered by Blowback*") == 2  # p2 here, and story's p1


def test_the_judges_copy_leaves_out_what_the_team_keeps(small: Workbook) -> None:
    small.cards["smith"].notes = "Team only: read the second half first."
    small.claims["story"].notes = "Team only: a weak claim."
    small = read_three_times(small)
    full = render(small)
    judge = render(small, BriefOptions(judge=True))
    for kept in ("Team only", "evidence needed", "unanswered by", "★", "## Coverage"):
        assert kept in full and kept not in judge, kept
    assert judge.count("after the strike”") == 1 and "card 1: [Smith 21]" in judge
    assert "## Index of cards" in judge
    check_structure(small, judge, list(small.sides))


def test_paragraphs_are_counted_as_the_published_essay_reads() -> None:
    """The seed's essay text holds a byline, the title and two headings as paragraphs of their
    own: its paragraph 15 is the published essay's 11th body paragraph."""
    brief = seed_brief()
    workbook = load(seed_path())
    assert "its body paragraphs from 1, its title, byline and headings not counted" in brief
    last = next(cid for cid, c in workbook.claims.items() if c.paragraph == 15)
    heading = brief.split(f'<a id="claim-{last}"></a>')[1]
    assert "\n> — body paragraph 11, a claim of" in heading.split("| ---")[0]
    title = next(cid for cid, c in workbook.claims.items() if c.paragraph == 2)
    assert "\n> — the essay's title, a claim of" in brief.split(f'"claim-{title}"')[1][:900]
    assert "— paragraph 15" not in brief and "— body paragraph 12" not in brief


def test_without_the_essays_text_a_paragraph_says_what_it_counts(small: Workbook) -> None:
    brief = render(small)
    assert "> — paragraph 2 of the essay's text, a claim of Blowback" in brief
    assert "not counted" not in brief
    with_text = render(small, BriefOptions(paragraphs=("By a writer", "Strikes.", "Deterrence.")))
    assert "> — body paragraph 1, a claim of Blowback" in with_text  # the byline not counted


def test_export_numbers_the_paragraphs_from_the_essays_text(small_file: Path) -> None:
    from workbook.commands import main

    out = small_file.with_name("out.md")
    assert main(["export", str(small_file), "-o", str(out)]) == 0
    assert "> — body paragraph 2, a claim of Blowback" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("hostile", HOSTILE + LINKISH)
def test_hostile_notes_keep_the_structure(small: Workbook, hostile: str) -> None:
    small.cards["smith"].notes = hostile
    small.claims["story"].notes = hostile
    brief = render(read_three_times(small))
    check_structure(small, brief, ["con", "pro"])
    assert all(is_ours_or_web(href) for href in linked(brief))


def test_a_card_read_by_many_points_keeps_the_brief_linear(small: Workbook) -> None:
    """One card read by every point, and every point in the index under its claim: the brief's
    time grows as its points do."""
    from workbook.core.model import Point

    from .timing import LINEAR, growth

    def many(n: int) -> Workbook:
        points = {
            f"p{i}": Point(side="con", kind="supports", text="Attacks rose.", cards=["smith"])
            for i in range(n)
        }
        claims = {"blowback": small.claims["blowback"].model_copy(update={"points": points})}
        return small.model_copy(update={"claims": claims})

    ratio = growth(many, render, size=200)
    assert ratio < LINEAR, f"4 times the points took {ratio:.1f} times as long"
