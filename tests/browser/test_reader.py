"""What readers do besides reading: search, switch colours, use keys."""

import re

import pytest
from playwright.sync_api import Page

from tutorial_code.sitebuild.preview import serving

from ..pages import nav_urls
from .conftest import MOUNTS, offline_context
from .visit import full_size_problems, open_figure_at_full_size, open_page

SEARCHES = [
    ("confusion matrix", "digits/confusion_matrix/"),
    ("quantization", "colours/quantization/"),
    ("Hungarian", "digits/evaluation/"),
    ("silhouette", "digits_further/choosing_k/"),
    ("decompression bomb", "colours/own_image/"),
]


def search(page: Page, query: str, page_path: str) -> None:
    """Type ``query`` into Material's search; wait until ``page_path`` is
    among the results (a timeout here means search never found it)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)  # typed, as Material listens for keys
    # Results are redrawn as the query grows: wait until the page is listed.
    page.wait_for_function(
        """path => [...document.querySelectorAll('.md-search-result__item a')]
                   .some(link => link.href.includes(path))""",
        arg=page_path,
        timeout=10_000,
    )


@pytest.mark.parametrize(("query", "page_path"), SEARCHES)
def test_search_finds_the_lesson(context, deployed_url, query, page_path):
    page = context.new_page()
    page.goto(deployed_url, wait_until="load")
    search(page, query, page_path)


def test_search_works_under_each_mount(context, base_url):
    """Its index and worker load from wherever the site is mounted."""
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    search(page, *SEARCHES[0])


def test_the_colour_toggle_switches_scheme_and_figures(context, deployed_url):
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(deployed_url, wait_until="load")

    def scheme() -> str:
        return page.evaluate("document.body.dataset.mdColorScheme")

    def shown_figure() -> str:
        return page.evaluate(
            "[...document.querySelectorAll('.md-content img')]"
            ".find(i => i.offsetParent !== null).getAttribute('src')"
        )

    assert scheme() == "default"
    assert "-light." in shown_figure()
    page.locator("label[title='Switch to dark mode']").click()
    assert scheme() == "slate"
    assert "-dark." in shown_figure()
    page.locator("label[title='Switch to light mode']").click()
    assert scheme() == "default"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_figure_opened_at_full_size_keeps_its_schemes_background(
    context, deployed_url, scheme
):
    """A click on a figure shows it alone, in the browser's image viewer:
    on the page's dark background in dark mode (its text is light), on
    white in light mode, whatever the viewer puts behind an image."""
    page, _ = open_page(context, deployed_url, scheme, "load")
    open_figure_at_full_size(page)
    assert full_size_problems(page, scheme) == []


@pytest.mark.parametrize("path", ["", "digits/evaluation/"])
def test_a_keyboard_reaches_search_and_navigation(context, deployed_url, path):
    page = context.new_page()
    page.goto(deployed_url + path, wait_until="load")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                """() => {
                  const e = document.activeElement;
                  if (e.matches('.md-search__input')) return 'search';
                  if (e.closest('.md-sidebar--primary .md-nav')) return 'nav';
                  return e.tagName;
                }"""
            )
        )
    assert {"search", "nav"} <= reached, reached
    page.keyboard.press("/")  # Material's shortcut for search
    assert page.evaluate("document.activeElement.matches('.md-search__input')")


def test_the_suite_visits_every_page_of_the_site(site):
    """The pages checked (the navigation) are all the pages there are."""
    found = {
        "" if path.parent == site else f"{path.parent.relative_to(site)}/"
        for path in site.rglob("index.html")
    }
    assert found == set(nav_urls())


def test_a_missing_page_shows_a_404_page_with_ways_back(browser, site):
    """As on GitHub Pages: any unknown address under the site gets 404.html."""
    with serving(site, MOUNTS["sub-path"]) as url:
        context = offline_context(browser)
        page = context.new_page()
        broken = []
        page.on("requestfailed", lambda request: broken.append(request.url))
        page.on(
            "response",
            lambda r: (
                r.status >= 400
                and r.request.resource_type != "document"
                and broken.append(r.url)
            ),
        )
        response = page.goto(url + "digits/no-such-lesson/", wait_until="load")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert broken == []  # styles, scripts and icon all load
        page.get_by_role(
            "link", name=re.compile("Loading a sample image")
        ).first.click()
        page.wait_for_load_state()
        assert page.url == url + "colours/sample_image/"
        assert page.locator("h1").inner_text().startswith("Loading a sample")
        context.close()
