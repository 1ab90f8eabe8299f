"""Pages imported from their address: metadata, identity by canonical address, failures."""

from __future__ import annotations

from pathlib import Path

from cli.main import main
from services.web_import import import_urls
from store.anchoring import make_target
from store.ids import article_id
from store.library import Library
from tests.web_pages import STORIES, article_html, story_html
from tests.web_server import serve_html


def test_a_page_is_imported_with_its_metadata_and_its_html_kept(web, library) -> None:
    url = serve_html(web, "/news/bridge?from=home", story_html(0, canonical="/news/bridge"))
    report = import_urls(library, [url])
    assert report.added == ["Harbour bridge to close for repairs"] and not report.failed
    canonical = web.url_for("/news/bridge")
    row = library.find_by_origin(canonical)
    assert row["id"] == article_id(canonical) and row["path"] == canonical
    assert (row["source"], row["byline"], row["published"]) == (
        "Test Gazette", "Maria Lopez", "2025-03-04",
    )  # fmt: skip
    body = library.body(row["id"])
    assert body["original"] == story_html(0, canonical="/news/bridge")
    assert body["text"].startswith("The old harbour bridge will close")
    assert any(group["name"] == "Daniel Okafor" for group in body["analysis"]["groups"])


def test_two_addresses_of_one_story_are_one_article(web, library) -> None:
    canonical = web.url_for("/story/1")
    first = serve_html(web, "/a", story_html(1, canonical=canonical))
    second = serve_html(web, "/b?utm_source=feed", story_html(1, canonical="/story/1"))
    report = import_urls(library, [first, second])
    assert len(report.added) == 1 and len(library.articles()) == 1
    (row,) = library.articles()
    assert row["origin"] == canonical
    again = import_urls(library, [first, second])
    assert len(again.unchanged) + len(again.updated) == 2 and not again.added
    assert len(library.articles()) == 1


def test_fetching_a_changed_page_updates_it_and_places_annotations_again(web, library) -> None:
    title, author, paragraphs = STORIES[2]
    url = serve_html(web, "/farm", article_html(title, author, paragraphs))
    import_urls(library, [url])
    key = article_id(url)
    text = library.body(key)["text"]
    start = text.index("Tom Becker")
    library.add_annotation(key, "tag", tag="farmer", target=make_target(text, start, start + 10))

    web.clear()
    update = "Updated on Wednesday with figures from the regional office of agriculture."
    serve_html(web, "/farm", article_html(title, author, [update, *paragraphs]))
    report = import_urls(library, [url])
    assert report.updated == [title] and not report.orphaned
    new_text = library.body(key)["text"]
    (annotation,) = library.annotations(key)
    target = annotation["target"]
    assert new_text[target["start"] : target["end"]] == "Tom Becker"
    assert target["start"] > start and not annotation.get("orphan")


def test_failed_addresses_are_lines_and_the_others_go_in(web, tmp_path: Path, capsys) -> None:
    good = serve_html(web, "/good", story_html(0))
    web.expect_request("/gone").respond_with_data("no", status=404)
    empty = serve_html(web, "/menu", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    folder = tmp_path / "library"
    refused = "http://127.0.0.1:1/page"
    status = main(["--library", str(folder), "import", web.url_for("/gone"), empty, good, refused])
    assert status == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{web.url_for('/gone')}: HTTP 404 NOT FOUND" in err
    assert f"{empty}: not an article (too little text in the page)" in err
    assert f"{refused}: connection refused" in err
    with Library(folder, read_only=True) as library:
        assert [row["title"] for row in library.articles()] == [STORIES[0][0]]


def test_a_failure_touches_nothing_in_the_library(web, library) -> None:
    url = serve_html(web, "/page", story_html(0))
    import_urls(library, [url])
    before = (library.articles(), library.body(article_id(url)))
    web.clear()
    web.expect_request("/page").respond_with_data("down", status=500)
    report = import_urls(library, [url])
    assert report.failed == [f"{url}: HTTP 500 INTERNAL SERVER ERROR"]
    assert (library.articles(), library.body(article_id(url))) == before
