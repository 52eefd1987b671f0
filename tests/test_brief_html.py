"""The printable brief: the Markdown brief as one self-contained page, and hostile text in it."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.core.model import Workbook
from workbook.exports.brief import BriefOptions, render
from workbook.exports.brief_html import page, render_html
from workbook.storage.places import seed_path
from workbook.storage.store import load, load_with_essay

from .strategies import text, workbooks
from .test_brief import HOSTILE, LINKISH, read_three_times

# Every tag the page may hold: the page's frame, what Markdown makes, and the contents.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3", "p",
    "strong", "em", "a", "br", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "u", "mark",  # a card's underlined and highlighted words
    "ol", "ul", "li",
}  # fmt: skip


class Page(HTMLParser):
    """The tags, links, ids and visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")
        if tag in ("style", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    @property
    def shown(self) -> str:
        return " ".join("".join(self.text).split())


def parsed(html: str) -> Page:
    reader = Page()
    reader.feed(html)
    reader.close()
    return reader


def check_page(html: str) -> Page:
    """No script, no handler, no tag of the user's, no link but to the web or the page."""
    reader = parsed(html)
    assert set(reader.tags) <= ALLOWED_TAGS, set(reader.tags) - ALLOWED_TAGS
    assert reader.tags.count("style") == 1 and reader.tags.count("body") == 1
    for tag, name, value in reader.attrs:
        assert not name.startswith("on"), (tag, name, value)
        assert name in ("id", "href", "rel", "lang", "charset", "http-equiv", "content", "name",
                        "class", "aria-labelledby"), (tag, name)  # fmt: skip
    for href in reader.hrefs:
        if href.startswith("#"):
            assert href[1:] in reader.ids, href
        else:
            assert re.match(r"https?://", href), href
    assert "<script" not in html.lower()
    return reader


def test_the_seeds_page_holds_the_briefs_content_and_its_contents() -> None:
    workbook = load(seed_path())
    html = render_html(workbook)
    reader = check_page(html)
    # The sections, then the contents, the coverage and the index of cards.
    assert html.count("<h2") == len({c.section for c in workbook.claims.values()}) + 3
    for claim_id, claim in workbook.claims.items():
        assert f'href="#claim-{claim_id}"' in html  # in the contents, and coverage may link too
        assert " ".join(claim.tag.split()) in reader.shown
        for point in claim.points.values():
            assert " ".join(point.text.split()) in reader.shown
    assert reader.shown.count("evidence needed") == render(workbook).count("evidence needed")
    assert html.count("<table>") == len(workbook.claims)
    assert "<title>Soleimani: blowback or deterrence?</title>" in html


def test_options_reach_the_page() -> None:
    workbook = load(seed_path())
    short = render_html(workbook, BriefOptions(ours="deterrence", card_text=False))
    assert "first military action by the Biden administration" not in short
    heads = re.findall(r"<th>(.*?)</th>", short)
    assert heads[:2] == ["Deterrence", "Blowback"]


def test_the_page_asks_for_nothing_from_the_network() -> None:
    html = render_html(load(seed_path()))
    assert "default-src 'none'" in html
    assert not re.search(r"\b(src|srcset|@import|url\()", html.split("</style>")[1])
    assert "url(" not in html.split("</style>")[0]


HOSTILE_HTML = [
    *HOSTILE,
    *LINKISH,
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](JaVaScRiPt:alert(1)) [y](vbscript:msgbox) [z](file:///etc/passwd)",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;script&#x3E; &#60;b&#62;",
    "<!-- comment --> <![CDATA[ x ]]> <?php ?>",
    '"><script>alert(1)</script>',
    "W" * 5000,
    "https://example.org/" + "a" * 3000,
]


@pytest.mark.parametrize("hostile", HOSTILE_HTML)
def test_hostile_text_stays_text(small: Workbook, hostile: str) -> None:
    one_line = hostile.replace("\n", " ")
    point = small.claims["blowback"].points["p1"]
    point.text = hostile
    card = small.cards[point.cards[0]]
    card.tag, card.text = one_line, hostile
    card.url = "javascript:alert(1)"
    story_card = small.cards[small.claims["story"].points["p1"].cards[0]]
    story_card.url = "data:text/html,<script>x</script>"
    small.claims["story"].tag = small.title = small.motion = one_line
    small.sides["con"].name = one_line
    small.claims["story"].section = one_line
    reader = check_page(render_html(small))
    # The reader sees what was typed, as typed (white space folded, as a browser shows it).
    assert " ".join(hostile.split()) in reader.shown


def test_raw_html_and_odd_links_in_the_markdown_become_text() -> None:
    """Should the Markdown ever carry raw HTML or a link of another scheme, the page shows it
    as text: the brief's escaping is not the page's only guard."""
    markdown = (
        "# T\n\n<script>alert(1)</script>\n\n<div onclick=x>block</div>\n\n"
        "a <img src=x onerror=y> b [c](javascript:alert(1)) [d](http://ok.example/) "
        '![e](http://x.example/e.png) [f](mailto:x@y.z) <a href="data:x">g</a><br>h\n'
    )
    html = page(markdown)
    reader = check_page(html)
    assert reader.hrefs == ["http://ok.example/"]
    assert "<script>alert(1)</script>" in reader.shown  # as text, escaped in the source
    assert "&lt;img src=x onerror=y&gt;" in html and "<br>" in html


def test_contents_link_to_every_heading(small: Workbook) -> None:
    html = render_html(small)
    nav = html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert targets == [
        "part-1", "claim-blowback", "claim-story", "part-2", "part-3", "part-4", "part-5"
    ]  # fmt: skip
    ids = parsed(html).ids
    assert all(ids.count(t) == 1 for t in targets)


@settings(max_examples=40, deadline=None)
@given(workbooks(), st.lists(text, min_size=2, max_size=2))
def test_arbitrary_text_never_breaks_the_page(workbook: Workbook, extra: list[str]) -> None:
    for claim in workbook.claims.values():
        claim.tag += extra[0].replace("\n", " ").replace("\r", " ")
        for point in claim.points.values():
            point.text += extra[1]
    check_page(render_html(workbook))


def test_export_to_html_writes_beside_the_workbook(seed_copy: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workbook", "export", *args],
            cwd=seed_copy.parent,
            capture_output=True,
            text=True,
        )

    done = run(seed_copy.name, "--to", "html")
    out = seed_copy.parent / "soleimani-blowback.brief.html"
    assert done.returncode == 0 and done.stdout.strip().endswith(f"brief written to {out.name}")
    workbook, paragraphs = load_with_essay(seed_copy)  # as export reads it, its essay with it
    assert paragraphs is not None
    as_read = BriefOptions(paragraphs=tuple(paragraphs))
    assert out.read_text(encoding="utf-8") == render_html(workbook, as_read)
    assert not (seed_copy.parent / "soleimani-blowback.brief.md").exists()
    named = run(seed_copy.name, "-o", "print.HTML")  # the name says html, so html it is
    assert named.returncode == 0 and (seed_copy.parent / "print.HTML").read_text(
        encoding="utf-8"
    ).startswith("<!DOCTYPE html>")
    as_md = run(seed_copy.name, "--to", "md", "-o", "plain.html")
    assert as_md.returncode == 0
    assert (seed_copy.parent / "plain.html").read_text(encoding="utf-8").startswith("# ")
    before = seed_copy.read_bytes()
    refused = run(seed_copy.name, "--to", "html", "-o", seed_copy.name)
    assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1
    assert "Traceback" not in refused.stderr and seed_copy.read_bytes() == before
    essay = run(seed_copy.name, "--to", "html", "-o", "soleimani-blowback.txt")
    assert essay.returncode == 2 and "essay" in essay.stderr
    wrong = run(seed_copy.name, "--to", "pdf")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_the_page_underlines_and_highlights_a_cards_words(small: Workbook) -> None:
    card = small.cards["smith"]
    card.text = "The ++strike ==was reckless== and costly++, in C\\++, ==said== Smith"
    html = render_html(small)
    reader = check_page(html)
    assert "The <u>strike <mark>was reckless</mark> and costly</u>, in C++, <mark>said</mark>" in (
        html
    )
    assert "The strike was reckless and costly, in C++, said Smith" in reader.shown
    # Printed without colour, the highlighted words still stand out: bold, and kept in print.
    style = html.split("<style>")[1].split("</style>")[0]
    assert re.search(r"mark \{[^}]*font-weight: bold;[^}]*print-color-adjust: exact;", style)
    # The Markdown brief keeps its bold: only the page has a highlighter's colour.
    assert "**was reckless**" in render(small) and "<mark>" not in render(small)


def test_a_card_cited_again_links_to_where_the_page_prints_it(small: Workbook) -> None:
    html = render_html(read_three_times(small))
    reader = check_page(html)
    assert reader.ids.count("card-smith") == 1
    assert reader.hrefs.count("#card-smith") == 3  # two cites of it, and its index entry
    assert reader.shown.count("after the strike”") == 1


def test_an_address_written_out_is_set_apart_from_the_cite_read_aloud(small: Workbook) -> None:
    html = render_html(read_three_times(small))
    assert '<a href="https://example.org/a" rel="noopener noreferrer">Smith 21</a>' in html
    assert (
        '<a href="https://example.org/a" rel="noopener noreferrer" class="address">'
        "https://example.org/a</a>"
    ) in html
    assert "td a.address { font-weight: normal; font-size: .85em; }" in html
