"""The printable brief, printed to PDF by Chromium on A4 and Letter paper."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from workbook.core.model import Card, Workbook
from workbook.exports.brief_html import MARGIN_MM, render_html
from workbook.storage.places import seed_path
from workbook.storage.store import load

PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}  # millimetres
PX_PER_MM = 96 / 25.4  # CSS pixels

# Every element that reaches past the page's width, and every cell whose content is wider than
# the cell: what would be cut off on paper.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, found = [];
  if (document.documentElement.scrollWidth > width)
    found.push(`page ${document.documentElement.scrollWidth} > ${width}`);
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5)
      found.push(`${element.tagName} ${box.left}..${box.right} of ${width}`);
  }
  for (const cell of document.querySelectorAll("th, td"))
    if (cell.scrollWidth > cell.clientWidth + 1)
      found.push(`cell ${cell.scrollWidth} > ${cell.clientWidth}`);
  return found.slice(0, 10);
}"""


# The addresses the print style sheet adds after links: none, as each card's full cite line,
# printed under its cite, holds its address already.
ADDED_ADDRESSES = """() => [...document.querySelectorAll("a")]
  .map(a => getComputedStyle(a, "::after").content)
  .filter(content => content.includes("http"))"""


def words(text: str) -> str:
    """Text as compared: white space folded, and ligatures (ﬀ, ﬁ) as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def with_long_words(workbook: Workbook) -> Workbook:
    """The seed with what overflows a careless layout: a huge word, a long address, a long tag."""
    claim = next(iter(workbook.claims.values()))
    point = next(iter(claim.points.values()))
    point.text += " " + "Unbreakable" * 40
    url = "https://example.org/" + "/".join(["a-very-long-path-segment"] * 20)
    workbook.cards["long"] = Card(tag="W" * 300, author="Ann Author", url=url, text="x" * 500)
    point.cards.append("long")
    claim.tag = "Deterrence" * 12
    return workbook


@pytest.mark.parametrize("paper", PAPERS)
def test_the_printed_brief_has_every_claim_and_nothing_overflows(
    browser: Browser, tmp_path: Path, paper: str
) -> None:
    workbook = with_long_words(load(seed_path()))
    path = tmp_path / "brief.html"
    path.write_text(render_html(workbook), encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
        width_mm, height_mm = PAPERS[paper]
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - width_mm / 25.4 * 72) < 2
        assert abs(float(box.height) - height_mm / 25.4 * 72) < 2
        printed = words(" ".join(p.extract_text() for p in pdf.pages))
        for claim_id, claim in workbook.claims.items():
            if claim_id != next(iter(workbook.claims)):  # the long tag is wrapped mid-word
                assert words(claim.tag) in printed, claim_id
        assert "Deterrence" * 3 in printed.replace(" ", "")
        # The print layout at the width the paper leaves between its margins.
        page.emulate_media(media="print")
        inner = (width_mm - 2 * MARGIN_MM) * PX_PER_MM
        page.set_viewport_size({"width": int(inner), "height": 1000})
        assert page.evaluate("document.documentElement.clientWidth") == int(inner)
        assert page.evaluate(OVERFLOW) == []
        assert page.evaluate(ADDED_ADDRESSES) == []
    finally:
        page.close()


def test_the_seeds_brief_prints_on_about_half_the_pages_it_took(
    browser: Browser, tmp_path: Path
) -> None:
    """Each card printed once, and the print type set close: the seed's brief took 76 pages of
    A4 when every read printed its card in full; now about half that, and every card is in it."""
    workbook = load(seed_path())
    path = tmp_path / "brief.html"
    path.write_text(render_html(workbook), encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    finally:
        page.close()
    assert len(pdf.pages) <= 44, len(pdf.pages)
    printed = words(" ".join(p.extract_text() for p in pdf.pages)).replace(" ", "")
    read = {c for claim in workbook.claims.values() for p in claim.points.values() for c in p.cards}
    filled = [card_id for card_id in read if not workbook.cards[card_id].is_open]
    # Each printed in full, numbered: card 1 to the last.
    assert all(f"card{number}:" in printed for number in range(1, len(filled) + 1))
    assert f"card{len(filled) + 1}:" not in printed
