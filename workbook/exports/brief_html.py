"""The brief as one printable web page: the Markdown brief rendered to HTML, with a table of
contents and print styles, in a single file that needs no network and runs no script.

The page is made from the Markdown brief itself, so it always holds the same content. User text
reaches it escaped by the brief; on top of that, the only raw HTML let through is the brief's
own (line breaks, claim anchors, and a card's underlined and highlighted words), and the only
links are to http and https addresses or to anchors in the page. Anything else is shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from workbook.exports.brief import BriefOptions, render

if TYPE_CHECKING:
    from workbook.core.model import Workbook

# The raw HTML the Markdown brief writes: line breaks in cells, the anchors of claims and of
# cards where they are printed, and a card's underlined (<ins>, which the page writes as <u>)
# and highlighted words.
_OUR_HTML = re.compile(r'<br>|</a>|<a id="(?:claim|card)-[A-Za-z0-9_-]+">|</?ins>|</?mark>')
_UNDERLINE = {"<ins>": "<u>", "</ins>": "</u>"}
_CLAIM_ANCHOR = re.compile(r'<a id="(claim-[A-Za-z0-9_-]+)">')
_WEB = re.compile(r"https?://", re.IGNORECASE)

# Page margins: the print styles and the tests that measure the layout share them.
MARGIN_MM = 12

STYLE = """
:root { color-scheme: light; }
html { font-size: 12pt; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem;
  font-family: "Charter", "Georgia", "DejaVu Serif", "Liberation Serif", serif;
  line-height: 1.4; color: #111; background: #fff;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.6rem; margin: 0 0 .6rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; }
h1, h2, h3 { line-height: 1.25; break-after: avoid; page-break-after: avoid; }
p { margin: .35rem 0; }
blockquote {
  margin: .3rem 0 .5rem; padding: .1rem .8rem; border-left: 3px solid #888; color: #222;
  break-after: avoid; page-break-after: avoid; break-inside: avoid;
}
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: .4rem 0 1rem; }
th, td {
  width: 50%; vertical-align: top; text-align: left; padding: .3rem .45rem;
  border: 1px solid #999; font-size: .95rem; overflow-wrap: anywhere; word-break: break-word;
}
th { background: #eee; }
/* Highlighted words are read aloud: bold as well as coloured, so that they stand out in print
   without colour too. */
mark {
  background: #fff176; color: inherit; font-weight: bold;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
thead { display: table-header-group; }
tr, td { break-inside: auto; page-break-inside: auto; }
a { color: #0645ad; }
nav.contents ol { padding-left: 1.4rem; margin: .2rem 0; }
nav.contents > ol > li { margin-top: .3rem; }
nav.contents li li { font-size: .95rem; }
@page {
  margin: %(margin)smm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; }
}
@media print {
  /* The brief is carried into a round: type a debater reads at arm's length, set close, so
     that the seed's brief prints on about half the pages it took at 11.5 points. */
  html { font-size: 10pt; }
  body { line-height: 1.28; }
  th, td { padding: .2rem .35rem; }
  p { margin: .25rem 0; }
  h2 { margin-top: 1rem; }
  h3 { margin-top: .8rem; }
  body { max-width: none; padding: 0; }
  nav.contents { break-after: page; page-break-after: always; line-height: 1.25; }
  a { color: inherit; text-decoration: none; }
  td a[href^="http"] { font-weight: bold; }
  td a.address { font-weight: normal; font-size: .85em; }
  th { background: #e6e6e6; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("%(margin)s", str(MARGIN_MM))

# No script, no request: the page may use only its own inline styles.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    rules = md.add_render_rule
    rules("html_inline", _html_inline)
    rules("html_block", _html_block)
    rules("link_open", _link_open)
    rules("link_close", _link_close)
    rules("image", _image)
    return md


def _html_inline(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = tokens[idx].content
    if not _OUR_HTML.fullmatch(content):
        return escape(content)
    return _UNDERLINE.get(content, content)


def _html_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"<p>{escape(tokens[idx].content)}</p>\n"


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = str(token.attrs.get("href", ""))
    kept = bool(_WEB.match(href)) or href.startswith("#")
    # Links do not nest, but the stack keeps each close paired with its open all the same.
    env.setdefault("links", []).append(kept)
    if not kept:
        return ""
    if _WEB.match(href):
        token.attrSet("rel", "noopener noreferrer")
        # An address written out (a full cite line's) is set small on paper: it is there to be
        # found, not read aloud, and in bold it took two or three lines of a column.
        words = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if words is not None and words.type == "text" and _WEB.match(words.content):
            token.attrSet("class", "address")
    return self.renderToken(tokens, idx, options, env)


def _link_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    links = env.get("links") or [False]
    return "</a>" if links.pop() else ""


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The page loads nothing: an image stands as its text.
    return escape(tokens[idx].content)


def _heading_text(md: MarkdownIt, inline: Token) -> str:
    children = [c for c in inline.children or [] if c.type != "html_inline"]
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    return renderer.renderInline(children, md.options, {}).strip()


def _anchor_headings(md: MarkdownIt, tokens: list[Token]) -> list[tuple[int, str, str]]:
    """Gives every heading below the title an anchor; returns (level, anchor, text as HTML)."""
    headings: list[tuple[int, str, str]] = []
    parts = 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag == "h1":
            continue
        inline = tokens[index + 1]
        claim = next(
            (
                m[1]
                for c in inline.children or []
                if c.type == "html_inline" and (m := _CLAIM_ANCHOR.fullmatch(c.content))
            ),
            None,
        )
        anchor = claim
        if anchor is None:
            parts += 1
            anchor = f"part-{parts}"
            token.attrSet("id", anchor)
        headings.append((int(token.tag[1]), anchor, _heading_text(md, inline)))
    return headings


def contents(headings: list[tuple[int, str, str]]) -> str:
    """A nested list of links: sections, each with the claims under it."""
    out = ['<nav class="contents" aria-labelledby="contents">', '<h2 id="contents">Contents</h2>']
    out.append("<ol>")
    open_sub = False
    for level, anchor, text in headings:
        item = f'<li><a href="#{escape(anchor)}">{text}</a>'
        if level <= 2:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            elif out[-1].startswith("<li>"):
                out[-1] += "</li>"
            out.append(item)
        else:
            if not open_sub:
                out.append("<ol>")
                open_sub = True
            out.append(item + "</li>")
    if open_sub:
        out.append("</ol></li>")
    elif out[-1].startswith("<li>"):
        out[-1] += "</li>"
    out += ["</ol>", "</nav>"]
    return "\n".join(out)


def page(markdown: str) -> str:
    """A Markdown brief as a whole HTML page."""
    md = _markdown()
    env: EnvType = {}
    tokens = md.parse(markdown, env)
    headings = _anchor_headings(md, tokens)
    first = next(
        (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag != "h1"),
        len(tokens),
    )
    front = md.renderer.render(tokens[:first], md.options, env)
    body = md.renderer.render(tokens[first:], md.options, env)
    title_index = next((i for i, t in enumerate(tokens) if t.tag == "h1"), None)
    title = "Brief"
    if title_index is not None:
        title = "".join(
            c.content for c in tokens[title_index + 1].children or [] if c.type == "text"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            front.rstrip(),
            contents(headings),
            body.rstrip(),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render_html(workbook: Workbook, options: BriefOptions | None = None) -> str:
    """The brief of `workbook` as one self-contained, printable HTML page: the words read
    aloud highlighted, as a highlighter marks them on paper."""
    return page(render(workbook, replace(options or BriefOptions(), highlight="mark")))
