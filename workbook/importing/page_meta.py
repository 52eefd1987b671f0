"""What a saved web page says of itself, by where it says it: its JSON-LD, its Open Graph,
Highwire (`citation_*`) and Dublin Core tags, the bylines in its text, and what the browser
that saved it wrote at its top.

Every value is gathered as the page writes it, under the place it came from; `citing` cleans
them and chooses among them. Nothing here runs or fetches anything: the page is a parsed tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from workbook.importing.bylines import bylines

# What each place is called in a cite's origins (see core.model.CiteOrigin).
JSON_LD, OPEN_GRAPH, HIGHWIRE, DUBLIN_CORE, BYLINE, FILE = (
    "json-ld",
    "open graph",
    "highwire",
    "dublin core",
    "byline",
    "file",
)
# Plain tags (`<meta name="author">`), which trafilatura reads: what they say is credited to
# its reading ("metadata"), never taken from here.
META_TAGS = "meta tags"
# What each place gives: origin -> cite field -> values, in the order the page writes them.
Found = dict[str, dict[str, list[str]]]

# schema.org's kinds of article (and a report), named bare or with the vocabulary's address.
_ARTICLES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ScholarlyArticle",
        "BlogPosting",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "SocialMediaPosting",
        "LiveBlogPosting",
        "TechArticle",
        "Report",
        "MedicalScholarlyArticle",
    }
)
# Tags, by their lower-cased name or property, and the cite field each gives.
_TAGS = {
    "og:title": (OPEN_GRAPH, "title"),
    "og:site_name": (OPEN_GRAPH, "publication"),
    "og:url": (OPEN_GRAPH, "url"),
    "article:published_time": (OPEN_GRAPH, "date"),
    "article:author": (OPEN_GRAPH, "author"),
    "citation_title": (HIGHWIRE, "title"),
    "citation_author": (HIGHWIRE, "author"),
    "citation_author_institution": (HIGHWIRE, "qualifications"),
    "citation_publication_date": (HIGHWIRE, "date"),
    "citation_date": (HIGHWIRE, "date"),
    "citation_online_date": (HIGHWIRE, "date"),
    "citation_journal_title": (HIGHWIRE, "publication"),
    "citation_conference_title": (HIGHWIRE, "publication"),
    "citation_publisher": (HIGHWIRE, "publication"),
    "citation_public_url": (HIGHWIRE, "url"),
    "citation_fulltext_html_url": (HIGHWIRE, "url"),
    "citation_abstract_html_url": (HIGHWIRE, "url"),
    "citation_pdf_url": (HIGHWIRE, "url"),
    "dc.title": (DUBLIN_CORE, "title"),
    "dc.creator": (DUBLIN_CORE, "author"),
    "dc.date": (DUBLIN_CORE, "date"),
    "dc.date.issued": (DUBLIN_CORE, "date"),
    "dc.publisher": (DUBLIN_CORE, "publication"),
    "author": (META_TAGS, "author"),
    "byl": (META_TAGS, "author"),
    "parsely-author": (META_TAGS, "author"),
    "sailthru.author": (META_TAGS, "author"),
    "date": (META_TAGS, "date"),
    "pubdate": (META_TAGS, "date"),
    "publish-date": (META_TAGS, "date"),
    "parsely-pub-date": (META_TAGS, "date"),
    "sailthru.date": (META_TAGS, "date"),
}
# A site's handle, which some pages give where a name belongs.
HANDLE_TAGS = ("twitter:site", "twitter:creator")
# Chrome's mark on a page it saved, and SingleFile's note, with the address and the date.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_SINGLEFILE = re.compile(r"<!--\s*Page saved with SingleFile(.{0,2000}?)-->", re.I | re.S)
_NOTE_LINE = re.compile(r"^\s*(url|saved date):\s*(.+?)\s*$", re.I | re.M)


def page_meta(tree: Any, html: str) -> tuple[Found, list[str]]:
    """What the page says of itself, by origin, and the site's handles ("@nytimes")."""
    found: Found = {}
    for origin, field, value in [*_json_ld(tree), *_tags(tree), *_saved(html), *_by(tree)]:
        value = " ".join(value.split())
        if value:
            found.setdefault(origin, {}).setdefault(field, []).append(value)
    return found, [value for name, value in _meta_tags(tree) if name in HANDLE_TAGS]


def _by(tree: Any) -> Iterator[tuple[str, str, str]]:
    return ((BYLINE, "author", name) for name in bylines(tree))


def _meta_tags(tree: Any) -> Iterator[tuple[str, str]]:
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        if key and isinstance(content, str):
            yield key.strip().lower().replace("dcterms.", "dc."), content


def _tags(tree: Any) -> Iterator[tuple[str, str, str]]:
    for key, content in _meta_tags(tree):
        if key in _TAGS:
            origin, field = _TAGS[key]
            yield origin, field, content


def _saved(html: str) -> Iterator[tuple[str, str, str]]:
    """The address and date a browser wrote at the top of a page it saved."""
    head = html[:4096]
    chrome = _SAVED_FROM.search(head)
    if chrome:
        yield FILE, "url", chrome[1]
    note = _SINGLEFILE.search(html[:8192])
    if note:
        for key, value in _NOTE_LINE.findall(note[1]):
            yield FILE, "url" if key.lower() == "url" else "accessed", value


# JSON-LD.


def _json_ld(tree: Any) -> Iterator[tuple[str, str, str]]:
    """The first article's cite in the page's JSON-LD blocks."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # a block that is no JSON is skipped, as a browser skips it
        nodes = list(_nodes(data))
        ids = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        for node in nodes:
            if _is_article(node):
                yield from _article(node, ids)
                return


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """The objects at a JSON-LD block's top, in a list, or in a `@graph` (not deeper)."""
    tops = data if isinstance(data, list) else [data]
    for top in tops:
        if isinstance(top, dict):
            yield top
            graph = top.get("@graph")
            if isinstance(graph, list):
                yield from (node for node in graph if isinstance(node, dict))


def _is_article(node: dict[str, Any]) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and re.split(r"[/:#]", k)[-1] in _ARTICLES for k in kinds)


def _article(
    node: dict[str, Any], ids: dict[str, dict[str, Any]]
) -> Iterator[tuple[str, str, str]]:
    for key in ("headline", "name"):
        yield from ((JSON_LD, "title", text) for text in _texts(node.get(key))[:1])
    authors = [_resolved(author, ids) for author in _listed(node.get("author"))]
    for author in authors:
        yield from ((JSON_LD, "author", name) for name in _names(author))
    if authors and isinstance(authors[0], dict):
        for key in ("jobTitle", "affiliation"):
            for value in _listed(authors[0].get(key)):
                value = _resolved(value, ids)
                yield from ((JSON_LD, "qualifications", name) for name in _names(value))
    for key in ("datePublished", "dateCreated"):
        yield from ((JSON_LD, "date", text) for text in _texts(node.get(key)))
    for key in ("publisher", "isPartOf", "sourceOrganization"):
        for publisher in _listed(node.get(key)):
            yield from ((JSON_LD, "publication", n) for n in _names(_resolved(publisher, ids)))
    yield from ((JSON_LD, "url", text) for text in _texts(node.get("url")))
    page = node.get("mainEntityOfPage")
    page = page.get("@id") if isinstance(page, dict) else page
    yield from ((JSON_LD, "url", text) for text in _texts(page))


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _resolved(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    """A reference to another node of the page's graph ({"@id": ...}) as that node."""
    if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
        return ids.get(value["@id"], value)
    return value


def _names(value: Any) -> list[str]:
    """A person's or organisation's name: the text itself, or the object's `name`."""
    if isinstance(value, dict):
        return _texts(value.get("name"))
    return _texts(value)


def _texts(value: Any) -> list[str]:
    return [text for text in _listed(value) if isinstance(text, str) and text.strip()]
