"""HTML and plain text to a Document: metadata, the body without boilerplate, links, bylines."""

from __future__ import annotations

from provenance.ingest import extract
from provenance.ingest.document import byline_names, document_from_text
from provenance.ingest.markup import document_from_html, iso_datetime

GRAPH_PAGE = """<html><head>
<title>Ignored title | The Ledger</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Ledger site"},
  {"@type": ["NewsArticle"], "headline": "Rates held steady",
   "datePublished": "2026-03-01T08:00:00+01:00",
   "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bo Chen"}],
   "publisher": {"@type": "Organization", "name": "The Ledger"},
   "url": "https://ledger.example/rates"}]}
</script>
</head><body>
<header><nav><a href="/">Home</a> Markets said nothing.</nav></header>
<div id="cookie-consent">We use cookies, Cookie Bot said.</div>
<main><article>
<h1>Rates held steady</h1>
<p>The central bank kept rates at 4%,
<a href="https://wire.example/rates">Wire Service</a> said.</p>
<script>var x = "Jane Doe said";</script>
<figure><figcaption>Photo: Reuters said</figcaption></figure>
<div class="related-links"><a href="/other">Other story, its author said</a></div>
<p style="display:none">Hidden text, a ghost said.</p>
<p>Inflation eased <q>slightly</q> in February.</p>
</article>
<aside class="most-read"><h3>Most read</h3><a href="/x">Story</a></aside>
</main>
<footer>Copyright The Ledger. <a href="/about">About</a></footer>
</body></html>"""


def test_json_ld_graph_metadata():
    document = document_from_html(GRAPH_PAGE)
    assert document.title == "Rates held steady"
    assert document.publisher == "The Ledger"
    assert document.authors == ("Ana Lima", "Bo Chen")
    assert document.published_at == "2026-03-01T08:00:00+01:00"
    assert document.url == "https://ledger.example/rates"


def test_body_skips_navigation_banners_scripts_asides_and_hidden_text():
    document = document_from_html(GRAPH_PAGE)
    assert [p.text for p in document.paragraphs] == [
        "The central bank kept rates at 4%, Wire Service said.",
        "Inflation eased \u201cslightly\u201d in February.",
    ]


def test_anchor_positions_and_outbound_links():
    result = extract(GRAPH_PAGE)
    anchor = document_from_html(GRAPH_PAGE).paragraphs[0].anchors[0]
    assert (anchor.start, anchor.end, anchor.text) == (35, 47, "Wire Service")
    assert [(link.url, link.text) for link in result.links] == [
        ("https://wire.example/rates", "Wire Service")
    ]
    assert [(c.source, c.target, c.relation, c.url) for c in result.citations] == [
        ("The Ledger", "Wire Service", "paraphrases", "https://wire.example/rates"),
        ("The Ledger", "Wire Service", "links_to", "https://wire.example/rates"),
    ]


def test_opengraph_meta_author_canonical_and_relative_links():
    html = """<html><head>
    <meta property="og:site_name" content="Coast Post">
    <meta property="og:title" content="Ferry strike ends – Coast Post">
    <meta name="author" content="Lena Berg and Omar Haddad">
    <meta property="article:published_time" content="Tue, 03 Mar 2026 10:00:00 GMT">
    <link rel="canonical" href="/news/ferry">
    </head><body><p class="byline">By Lena Berg</p>
    <p>Talks ended at dawn, <a href="/union">the union</a> said.</p></body></html>"""
    document = document_from_html(html, url="https://coast.example/amp/ferry")
    assert document.title == "Ferry strike ends"
    assert document.publisher == "Coast Post"
    assert document.authors == ("Lena Berg", "Omar Haddad")
    assert document.published_at == "2026-03-03T10:00:00+00:00"
    assert document.url == "https://coast.example/news/ferry"
    assert [p.text for p in document.paragraphs] == ["Talks ended at dawn, the union said."]
    assert document.paragraphs[0].anchors[0].url == "https://coast.example/union"
    result = extract(html, url="https://coast.example/amp/ferry")
    assert result.links == ()  # a link to the article's own site is not outbound


def test_title_tag_suffix_gives_the_publisher_when_nothing_else_does():
    document = document_from_html(
        "<html><head><title>Dam opens | River Times</title></head><body><p>Text.</p></body></html>"
    )
    assert (document.title, document.publisher) == ("Dam opens", "River Times")


def test_byline_names():
    assert byline_names("By Priya Natarajan") == ["Priya Natarajan"]
    assert byline_names("By Jane Doe and John Roe in Oslo") == ["Jane Doe", "John Roe"]
    assert byline_names("By Staff Reporter") == []
    assert byline_names("Bystanders fled the scene") is None


def test_plain_text_title_byline_and_paragraphs():
    document = document_from_text(
        "Harbor Gazette: Port weighs tariffs\nFirst paragraph.\nSecond paragraph.\nBy Jonas Brekke"
    )
    assert document.title == "Harbor Gazette: Port weighs tariffs"
    assert document.authors == ("Jonas Brekke",)
    assert [p.text for p in document.paragraphs] == ["First paragraph.", "Second paragraph."]


def test_plain_text_with_blank_lines_joins_wrapped_lines():
    document = document_from_text("Title\n\nOne line\nwrapped here.\n\nNext paragraph.\n")
    assert [p.text for p in document.paragraphs] == ["One line wrapped here.", "Next paragraph."]


def test_plain_text_publisher_comes_from_self_reference():
    result = extract("Title\nThe mayor will resign, the Valley Courier has learned.\n")
    assert result.publisher == "Valley Courier"
    assert result.citations == ()


def test_plain_text_publisher_falls_back_to_the_url_host():
    result = extract("Title\nThe mayor will resign.", url="https://www.courier.example/a")
    assert result.publisher == "courier.example"


def test_iso_datetime():
    assert iso_datetime("2026-02-11T09:30:00Z") == "2026-02-11T09:30:00+00:00"
    assert iso_datetime("2026-02-11") == "2026-02-11T00:00:00"
    assert iso_datetime("yesterday") is None
