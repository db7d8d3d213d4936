"""HTML to a `Document`: metadata, the article body as paragraphs, and the links inside it.

Parsing is BeautifulSoup with the lxml parser. The body is read by one iterative walk (an explicit
stack, never recursion, so 100,000 nested elements cost no more than 100,000 siblings) that skips
boilerplate subtrees instead of deleting them: scripts and styles, navigation, header, footer,
asides, forms, figures, hidden elements, and elements whose class or id names a cookie banner,
"most read"/"related" lists, sharing widgets, newsletters, advertising or comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from provenance.ingest.document import (
    Anchor,
    Document,
    Paragraph,
    byline_names,
    person_like,
    squash,
    unique_names,
)

_SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas form button select "
    "textarea input nav header footer aside figure figcaption h1 h2 h3 h4 h5 h6 dialog menu "
    "video audio picture img map head title meta link".split()
)
_BLOCK_TAGS = frozenset(
    "p li dd dt pre td th div section article main blockquote ul ol dl table tbody thead tr "
    "body html address hr center details summary caption".split()
)
_BOILERPLATE = re.compile(
    r"^(?:cookies?|.*cookie-?(?:banner|bar|notice|consent)|consent.*|gdpr.*|related.*|.*-related|"
    r"read-?(?:also|more)|most-?(?:read|popular|viewed)|popular.*|recommend.*|trending.*|"
    r"share.*|.*-share|sharing|social.*|newsletter.*|subscribe.*|subscription.*|paywall.*|"
    r"promo.*|ad|ads|advert.*|ad-.*|.*-ad|sponsor.*|sidebar.*|breadcrumbs?|comments?|"
    r"comment-.*|tags|tag-list|author-bio|bio|nav|navbar|navigation|menu.*|site-header|"
    r"site-footer|footer.*|masthead|banner|toolbar|skip-link|print-only|visually-hidden|"
    r"sr-only|hidden|more-stories|outbrain|taboola)$",
    re.I,
)
_BYLINE_CLASS = re.compile(r"^(?:byline.*|.*-byline|author|authors|author-name|.*-author)$", re.I)
_ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle BlogPosting "
    "OpinionNewsArticle BackgroundNewsArticle ReviewNewsArticle Report WebPage".split()
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\-:·•]\s+")
_MAX_JSON_LD = 1_000_000


def document_from_html(html: str, *, url: str | None = None) -> Document:
    """Read an HTML page; `url` (where it came from) resolves relative links."""
    soup = BeautifulSoup(html, "lxml")
    # Metadata lives in <head>; searching only there keeps large bodies from being walked again.
    head = soup.head if soup.head is not None and soup.head.find("meta") else soup
    meta = _meta(head)
    ld = _json_ld(soup)
    canonical = _canonical(head, url)
    base = canonical or url
    root = _article_root(soup)
    paragraphs, bylines = _walk(root, base) if root is not None else ([], [])

    title_tag = head.find("title") or soup.find("title")
    h1 = root.find("h1") if root is not None else None
    publisher = (
        meta.get("og:site_name")
        or ld.get("publisher")
        or meta.get("application-name")
        or _title_suffix(title_tag.get_text() if title_tag else "")
    )
    title = (
        meta.get("og:title")
        or ld.get("headline")
        or meta.get("twitter:title")
        or (squash(h1.get_text(" ")) if h1 else None)
        or (squash(title_tag.get_text(" ")) if title_tag else None)
    )
    if title and publisher:
        title = _strip_site_suffix(title, publisher)

    authors: list[str] = list(ld.get("authors", []))
    for value in (meta.get("author"), meta.get("article:author"), meta.get("dc.creator")):
        if value and not value.startswith(("http://", "https://")):
            authors.extend(n for n in re.split(r"\s*(?:,|&|\band\b)\s*", value) if person_like(n))
    authors.extend(bylines)
    kept = []
    for paragraph in paragraphs:
        names = byline_names(paragraph.text) if len(paragraph.text) < 200 else None
        if names is None:
            kept.append(paragraph)
        else:
            authors.extend(names)

    published = ld.get("datePublished") or next(
        (
            meta[key]
            for key in (
                "article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publish-date",
                "dc.date",
                "dc.date.issued",
                "parsely-pub-date",
                "sailthru.date",
            )
            if meta.get(key)
        ),
        None,
    )
    if published is None and root is not None:
        time_tag = root.find("time", attrs={"datetime": True})
        published = time_tag.get("datetime") if time_tag else None
    return Document(
        title=title,
        paragraphs=tuple(kept),
        publisher=squash(publisher) if publisher else None,
        authors=unique_names(authors),
        url=canonical or ld.get("url") or meta.get("og:url") or url,
        published_at=iso_datetime(published) if isinstance(published, str) else None,
    )


def iso_datetime(value: str) -> str | None:
    """ISO 8601 form of a date found in metadata (ISO or RFC 2822), or None if unreadable."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _meta(soup: Tag) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), squash(content))
    return found


def _canonical(soup: Tag, url: str | None) -> str | None:
    for tag in soup.find_all("link", href=True):
        rel = tag.get("rel") or []
        if "canonical" in [r.lower() for r in rel]:
            href = urljoin(url or "", tag["href"].strip())
            if urlsplit(href).scheme in ("http", "https"):
                return href
    return None


def _json_ld(soup: BeautifulSoup) -> dict:
    """Headline, dates, publisher, authors and url of the first article object in JSON-LD."""
    for script in soup.find_all("script", type="application/ld+json"):
        raw = script.string or script.get_text()
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for item in _ld_objects(data):
            types = item.get("@type")
            types = set(types) if isinstance(types, list) else {types}
            if types & _ARTICLE_TYPES and ("headline" in item or "author" in item):
                return _ld_article(item)
    return {}


def _ld_objects(data: object) -> Iterator[dict]:
    """Every dict in a JSON-LD document, `@graph` lists included, without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(v for k, v in item.items() if k == "@graph" or isinstance(v, list))


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return squash(value) if isinstance(value, str) and value.strip() else None


def _ld_article(item: dict) -> dict:
    found: dict = {}
    for key in ("headline", "datePublished", "url"):
        if isinstance(item.get(key), str) and item[key].strip():
            found[key] = squash(item[key])
    publisher = _ld_name(item.get("publisher"))
    if publisher:
        found["publisher"] = publisher
    authors = item.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    names = [_ld_name(a) for a in authors]
    found["authors"] = [n for n in names if n and person_like(n)]
    return found


def _title_suffix(title: str) -> str | None:
    parts = _TITLE_SEPARATORS.split(squash(title))
    return parts[-1] if len(parts) > 1 and len(parts[-1].split()) <= 4 else None


def _strip_site_suffix(title: str, publisher: str) -> str:
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and squash(parts[-1]).casefold() == publisher.casefold():
        return title[: title.rfind(parts[-1])].rstrip(" |\u2013\u2014-:·•")
    return title


def _boilerplate(tag: Tag) -> bool:
    if tag.name in _SKIP_TAGS or tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true" or tag.get("role") in ("navigation", "banner", "dialog"):
        return True
    style = tag.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none", style, re.I):
        return True
    classes = tag.get("class") or []
    ident = tag.get("id")
    tokens = [*classes, ident] if isinstance(ident, str) else classes
    return any(_BOILERPLATE.match(token) for token in tokens)


def _article_root(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article: the largest <article>, articleBody, <main> or <body>."""
    candidates = soup.find_all("article") or soup.find_all(attrs={"itemprop": "articleBody"})
    if candidates:
        return max(candidates, key=lambda tag: sum(len(p.get_text()) for p in tag.find_all("p")))
    return soup.find("main") or soup.find("body") or soup


def _is_byline(tag: Tag) -> bool:
    if tag.get("rel") and "author" in tag.get("rel"):
        return True
    if tag.get("itemprop") == "author":
        return True
    return any(_BYLINE_CLASS.match(c) for c in tag.get("class") or [])


class _Paragraphs:
    """Text collector for the walk: buffers inline text, flushes at block boundaries."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[Anchor] = []
        self.paragraphs: list[Paragraph] = []

    def add(self, text: str) -> None:
        text = re.sub(r"\s+", " ", text)
        if not text or (text == " " and (not self.parts or self.parts[-1].endswith(" "))):
            return
        if text.startswith(" ") and self.parts and self.parts[-1].endswith(" "):
            text = text[1:]
        self.parts.append(text)
        self.length += len(text)

    def anchor(self, start: int, href: str) -> None:
        url = urljoin(self.base or "", href.strip())
        if urlsplit(url).scheme in ("http", "https") and self.length > start:
            self.anchors.append(Anchor(start, self.length, url, ""))

    def flush(self) -> None:
        text = "".join(self.parts)
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        stripped = stripped.rstrip()
        if stripped:
            anchors = []
            for raw in self.anchors:
                span = text[raw.start : raw.end]
                label = span.strip()
                if label:
                    start = raw.start + span.index(label[0]) - shift
                    anchors.append(Anchor(start, start + len(label), raw.url, label))
            self.paragraphs.append(Paragraph(stripped, tuple(anchors)))
        self.parts, self.length, self.anchors = [], 0, []


def _walk(root: Tag, base: str | None) -> tuple[list[Paragraph], list[str]]:
    """Paragraphs of the article body and the names found in byline elements."""
    out = _Paragraphs(base)
    bylines: list[str] = []
    # Each frame: (tag, iterator over its children, anchor start or None).
    stack: list[tuple[Tag, Iterator, int | None]] = [(root, iter(root.contents), None)]
    while stack:
        tag, children, anchor_start = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tag.name in _BLOCK_TAGS or tag.name == "br":
                out.flush()
            elif tag.name == "q":
                out.add("\u201d")
            if anchor_start is not None and isinstance(tag.get("href"), str):
                out.anchor(anchor_start, tag["href"])
            continue
        if isinstance(child, Tag):
            if child.name == "br":
                out.flush()
                continue
            if _boilerplate(child):
                continue
            if _is_byline(child):
                text = squash(child.get_text(" "))
                names = byline_names(text) or ([text] if person_like(text) else [])
                bylines.extend(names)
                continue
            if child.name in _BLOCK_TAGS:
                out.flush()
            elif child.name == "q":
                out.add("\u201c")
            start = out.length if child.name == "a" else None
            stack.append((child, iter(child.contents), start))
        elif type(child) is NavigableString:
            out.add(str(child))
    out.flush()
    return out.paragraphs, bylines
