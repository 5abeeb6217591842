"""Every page in the navigation, in Chromium: light, dark and on a phone."""

import re
from functools import partial
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import Request, urlopen

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tutorial_code.sitebuild.preview import serving

from ..pages import nav_urls
from .conftest import MOUNTS
from .visit import (
    PHONE,
    Visit,
    copy_problems,
    figure_background_problems,
    heading_problems,
    image_problems,
    in_parallel,
    offline_context,
    open_page,
    overflow_problems,
    page_problems,
    switch_to_dark,
    weight_problems,
)

PAGES = nav_urls()
# Each chapter's notebook page (kmeans-<chapter>/), the heaviest pages.
NOTEBOOK_PAGES = [path for path in PAGES if "/kmeans-" in path]


def representatives(paths: list[str]) -> list[str]:
    """The home page, the first page of each chapter, one notebook page and
    the pages outside chapters: each kind of page the site has."""
    chosen, chapters = [], set()
    for path in paths:
        chapter = path.split("/")[0]
        if path.count("/") <= 1 or chapter not in chapters:
            chosen.append(path)
            chapters.add(chapter)
    return chosen + [path for path in NOTEBOOK_PAGES if path in paths][:1]


# What every page shares (the theme's colours, scripts and highlighting) is
# checked on one page of each kind: the dark scheme's audit, the contrast
# of code, the visits under the root.
REPRESENTATIVES = representatives(PAGES)
CLIPBOARD = ["clipboard-read", "clipboard-write"]


# The header, the navigation and code blocks are made by the theme (code by
# its highlighter), the same on every page: the audit of a whole page runs
# on the representative pages, in both schemes. On every other page it
# audits what the page itself brings: its content, code blocks aside.
PAGE_OWN = {
    "include": [[".md-content"]],
    "exclude": [["pre"], [".jp-InputArea"]],
}
ONLY_VIOLATIONS = {"resultTypes": ["violations"]}


def axe_problems(page: Page, *, whole: bool) -> list[str]:
    """Serious and critical findings of axe-core, on the whole page or on
    what the page itself brings."""
    violations = (
        Axe()
        .run(page, None if whole else PAGE_OWN, ONLY_VIOLATIONS)
        .response["violations"]
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html']}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


def light_figures(visit: Visit) -> list[str]:
    """Figures shown whose file is not the dark variant (an image inline
    in a notebook page is none)."""
    return [
        image["src"][:100]
        for image in visit.images
        if image["visible"]
        and not re.search(r"-dark\.\w+$", image["src"].split("#")[0])
    ]


# The search index is the same for every page, and its worker indexes it
# on every load (a third of a load's work): it is loaded and searched on
# the representative pages and in test_reader.py; elsewhere an empty one.
SEARCH_INDEX = "**/search/search_index.json"
NO_DOCS = {
    "config": {
        "lang": ["en"],
        "separator": "[\\s\\-]+",
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
    },
    "docs": [],
}


def audit(url: str, browser: Browser, path: str) -> dict[str, dict]:
    """Every finding on one page, by view: "light" and "dark" on a desktop
    screen, "phone" (light, 390 px wide).

    One load serves all three: the page is narrowed to a phone's width and
    back, then switched to dark with the toggle. A representative page gets
    what the others share, in full: its whole audit in both schemes, and
    its visit lasts until the network is idle, so that what the scripts
    fetch late is recorded too.
    """
    representative = path in REPRESENTATIVES
    context = offline_context(browser, permissions=CLIPBOARD)
    if not representative:
        context.route(SEARCH_INDEX, lambda route: route.fulfill(json=NO_DOCS))
    try:
        wait = "networkidle" if representative else "load"
        page, light = open_page(context, url + path, "light", wait)
        found = {
            "light": {
                "visit": light,
                "axe": axe_problems(page, whole=representative),
                "headings": heading_problems(page),
                "background": figure_background_problems(page),
            }
        }
        desktop = page.viewport_size
        page.set_viewport_size(PHONE)
        found["phone"] = {"overflow": overflow_problems(page)}
        page.set_viewport_size(desktop)
        dark = switch_to_dark(page, light)
        found["dark"] = {
            "visit": dark,
            "background": figure_background_problems(page),
            "variants": light_figures(dark),
        }
        if representative:
            found["dark"]["axe"] = axe_problems(page, whole=True)
        # Last: it opens the folds.
        found["light"]["copy"] = copy_problems(page, click=representative)
        return found
    finally:
        context.close()


@pytest.fixture(scope="session")
def deployed(deployed_url) -> dict:
    """Every page as deployed (under the sub-path), with every finding,
    keyed by (path, view).

    The audit reads a page's DOM and styles, so it runs under the sub-path
    only; what loads is checked under both mounts too (``root_visits``).
    """
    # The heaviest first: none is left for the end.
    heaviest_first = sorted(PAGES, key=lambda path: path not in NOTEBOOK_PAGES)
    audits = in_parallel(partial(audit, deployed_url), heaviest_first)
    return {
        (path, view): findings
        for path, views in audits.items()
        for view, findings in views.items()
    }


def load(url: str, browser: Browser, path: str) -> Visit:
    context = offline_context(browser)
    try:
        return open_page(context, url + path, "light", "load")[1]
    finally:
        context.close()


# Under the root, a visit of each kind of page: the scripts, and what they
# fetch, are the same on every page; every file each page names is fetched
# under both mounts by test_every_file_a_page_names_is_served.
ROOT_VISITS = REPRESENTATIVES
MOUNTED = [("sub-path", path) for path in PAGES] + [
    ("root", path) for path in ROOT_VISITS
]


@pytest.fixture(scope="session")
def root_visits(site) -> dict[str, Visit]:
    with serving(site, MOUNTS["root"]) as url:
        return in_parallel(partial(load, url), ROOT_VISITS)


def visits(mount: str, path: str, deployed: dict, root: dict) -> list[Visit]:
    if mount == "root":
        return [root[path]]
    return [deployed[path, scheme]["visit"] for scheme in ("light", "dark")]


@pytest.mark.parametrize(("mount", "path"), MOUNTED)
def test_page_loads_without_errors_or_other_hosts(
    deployed, root_visits, mount, path
):
    for visit in visits(mount, path, deployed, root_visits):
        assert page_problems(visit) == [], visit.scheme


@pytest.mark.parametrize(("mount", "path"), MOUNTED)
def test_images_load_and_say_what_they_show(
    deployed, root_visits, mount, path
):
    for visit in visits(mount, path, deployed, root_visits):
        assert image_problems(visit) == [], visit.scheme


NAMED_FILE = re.compile(
    r"<(?:a|img|link|script|source)\b[^>]*?\b(href|src|srcset)=\"([^\"]+)\""
)


def named_files(page_url: str, html: str) -> set[str]:
    """The address of every file of the site that a page names."""
    found = set()
    for attribute, value in NAMED_FILE.findall(html):
        # srcset: "url 2x, url 1x"
        candidates = value.split(",") if attribute == "srcset" else [value]
        for candidate in candidates:
            reference = candidate.strip().split(" ")[0]
            if urlsplit(reference).scheme or reference.startswith("#"):
                continue  # another host or inline data; a place on the page
            found.add(urljoin(page_url, reference).split("#")[0])
    return found


def test_every_file_a_page_names_is_served(base_url):
    """Under each mount, every file any page links to or loads is there."""
    missing = []
    for page_url in [base_url + path for path in PAGES]:
        with urlopen(page_url) as response:
            html = response.read().decode()
        for url in sorted(named_files(page_url, html)):
            try:
                urlopen(Request(url, method="HEAD")).close()
            except HTTPError as error:
                missing.append(f"{page_url} names {url}: {error.code}")
    assert missing == []


def test_the_file_check_reads_every_kind_of_reference():
    page = "http://127.0.0.1:1/site/a/"
    html = (
        '<img src="../f.webp#only-dark"><link href="s.css">'
        '<source srcset="x.webp 2x, y.webp 1x"><a href="https://x.org/">'
        '<a href="#here"><script src="/site/j.js"></script>'
        '<img src="data:image/png;base64,iVBOR">'
    )
    assert named_files(page, html) == {
        "http://127.0.0.1:1/site/f.webp",
        "http://127.0.0.1:1/site/a/s.css",
        "http://127.0.0.1:1/site/a/x.webp",
        "http://127.0.0.1:1/site/a/y.webp",
        "http://127.0.0.1:1/site/j.js",
    }


@pytest.mark.parametrize("path", PAGES)
def test_first_load_stays_under_the_budget(deployed, path):
    assert weight_problems(deployed[path, "light"]["visit"]) == []


@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_order(deployed, path):
    assert deployed[path, "light"]["headings"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(deployed, path):
    for view in ("light", "dark"):
        assert deployed[path, view].get("axe", []) == [], view


def test_the_dark_audit_covers_every_chapter():
    chapters = {path.split("/")[0] for path in PAGES}
    assert chapters <= {path.split("/")[0] for path in REPRESENTATIVES}


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_on_a_phone(deployed, path):
    assert deployed[path, "phone"]["overflow"] == []


@pytest.mark.parametrize("path", PAGES)
def test_figures_are_drawn_for_the_scheme_shown(deployed, path):
    """On the page's own background, in both schemes (notebook pages too):
    the dark scheme shows the dark variants (light text, for a dark page)."""
    assert deployed[path, "dark"]["variants"] == [], "light figures in dark"
    for view in ("light", "dark"):
        assert deployed[path, view]["background"] == [], view


@pytest.mark.parametrize("path", PAGES)
def test_every_code_block_has_a_working_copy_button(deployed, path):
    assert deployed[path, "light"]["copy"] == []
