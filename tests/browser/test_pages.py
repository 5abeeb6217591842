"""Every page in the navigation, in Chromium, light and dark."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..pages import nav_urls
from .conftest import offline_context
from .visit import (
    PHONE,
    dark_contrast_problems,
    heading_problems,
    image_problems,
    open_page,
    overflow_problems,
    page_problems,
    weight_problems,
)

PAGES = nav_urls()


def shot_name(path: str, scheme: str) -> str:
    return f"{path.strip('/').replace('/', '_') or 'index'}-{scheme}.jpg"


def representatives(paths: list[str]) -> list[str]:
    """The home page, the first page of each chapter, one notebook page and
    the pages outside chapters: each kind of page the site has."""
    chosen, chapters = [], set()
    for path in paths:
        chapter = path.split("/")[0]
        if path.count("/") <= 1 or chapter not in chapters:
            chosen.append(path)
            chapters.add(chapter)
    notebooks = [path for path in paths if "/kmeans-" in path]
    return chosen + notebooks[:1]


# Material's copy button on pages, mkdocs-jupyter's in notebook cells.
BUTTONS = (
    ".md-content :is(.md-code__button[data-md-type=copy], clipboard-copy)"
)
# Colours come from the theme's variables, shared by every page: the dark
# scheme's audit covers each kind of page, the light one every page.
DARK_AUDIT = representatives(PAGES)


@pytest.fixture(scope="session")
def deployed(browser, deployed_url, screenshots) -> dict:
    """Every page as deployed (under the sub-path), light and dark: one visit
    each, with every finding, and a screenshot for authors.

    The audit reads a page's DOM and styles, so it runs under the sub-path
    only; what loads is checked under both mounts (``report``).
    """
    found = {}
    for scheme in ("light", "dark"):
        context = offline_context(browser)
        for path in PAGES:
            page, visit = open_page(context, deployed_url + path, scheme)
            page.screenshot(  # JPEG: tall pages encode several times faster
                path=screenshots / shot_name(path, scheme),
                full_page=True,
                quality=80,
            )
            findings = {"visit": visit}
            if scheme == "light":
                findings["headings"] = heading_problems(page)
            else:
                findings["contrast"] = dark_contrast_problems(page)
                findings["variants"] = [
                    image["src"]
                    for image in visit.images
                    if image["visible"]
                    and not image["src"].startswith("data:")
                    and not re.search(
                        r"-dark\.\w+$", image["src"].split("#")[0]
                    )
                ]
            if scheme == "light" or path in DARK_AUDIT:
                violations = Axe().run(page).response["violations"]
                findings["axe"] = [
                    f"{v['id']} ({v['impact']}): {v['nodes'][0]['html']}"
                    for v in violations
                    if v["impact"] in {"serious", "critical"}
                ]
            found[path, scheme] = findings
            page.close()
        context.close()
    return found


@pytest.fixture(scope="session")
def phone(browser, deployed_url, screenshots) -> dict:
    """Every page on a phone's width (light), with what does not fit.

    Its screenshots sit beside the desktop ones, for authors.
    """
    found = {}
    context = offline_context(browser, viewport=PHONE)
    for path in PAGES:
        page, _ = open_page(context, deployed_url + path, "light")
        page.screenshot(
            path=screenshots / shot_name(path, "phone"),
            full_page=True,
            quality=80,
        )
        found[path] = overflow_problems(page)
        page.close()
    context.close()
    return found


@pytest.fixture(scope="module")
def report(browser, base_url, deployed_url, deployed) -> dict:
    """What loads, under each mount: the deployed visits, and under the
    root a light visit of every page."""
    if base_url == deployed_url:
        return {key: findings["visit"] for key, findings in deployed.items()}
    found = {}
    context = offline_context(browser)
    for path in PAGES:
        page, found[path, "light"] = open_page(
            context, base_url + path, "light"
        )
        page.close()
    context.close()
    return found


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_other_hosts(report, path):
    for (visited, scheme), visit in report.items():
        if visited == path:
            assert page_problems(visit) == [], scheme


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_say_what_they_show(report, path):
    for (visited, scheme), visit in report.items():
        if visited == path:
            assert image_problems(visit) == [], scheme


@pytest.mark.parametrize("path", PAGES)
def test_first_load_stays_under_the_budget(deployed, path):
    assert weight_problems(deployed[path, "light"]["visit"]) == []


@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_order(deployed, path):
    assert deployed[path, "light"]["headings"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(deployed, path):
    for scheme in ("light", "dark"):
        assert deployed[path, scheme].get("axe", []) == [], scheme


def test_the_dark_audit_covers_every_chapter():
    chapters = {path.split("/")[0] for path in PAGES}
    assert chapters <= {path.split("/")[0] for path in DARK_AUDIT}


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_on_a_phone(phone, path):
    assert phone[path] == []


@pytest.mark.parametrize("path", PAGES)
def test_figures_are_legible_in_dark_mode(deployed, path):
    dark = deployed[path, "dark"]
    assert dark["variants"] == [], "light figures in dark mode"
    assert dark["contrast"] == []


@pytest.mark.parametrize("path", PAGES)
def test_every_code_block_has_a_working_copy_button(
    context, deployed_url, path
):
    page = context.new_page()
    page.goto(deployed_url + path, wait_until="networkidle")
    # A reader opens a folded helper to copy it.
    page.evaluate(
        "document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    # Material's copy button on pages, mkdocs-jupyter's in notebook cells.
    buttons = page.locator(BUTTONS)
    blocks = page.locator(
        ".md-content pre:has(code), .md-content .jp-InputArea pre"
    )
    assert buttons.count() == blocks.count()
    # Every block has its button; clicking the first, the last and the first
    # in a fold shows that they copy (each is the same Material button).
    first_folded = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].indexOf(
            document.querySelector('.md-content details .md-code__button'))""",
        BUTTONS,
    )
    count = buttons.count()
    tried = {0, count - 1, first_folded} - {-1} if count else set()
    for index in sorted(tried):
        button = buttons.nth(index)
        button.scroll_into_view_if_needed()
        button.hover()
        target = button.get_attribute("data-clipboard-target")
        if target:  # Material names the code it copies
            code = page.locator(target).inner_text()
        else:  # mkdocs-jupyter: the <pre> with the id in "for"
            code = page.locator(f"#{button.get_attribute('for')}").inner_text()
        page.evaluate("navigator.clipboard.writeText('')")
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == code.strip(), f"copy button {index}"
        assert copied.strip(), f"copy button {index} copied nothing"
