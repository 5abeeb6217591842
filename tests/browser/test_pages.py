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


@pytest.fixture(scope="session")
def audit(browser, deployed_url, screenshots) -> dict:
    """Accessibility findings of every page in each colour scheme.

    The audit reads a page's DOM and styles, so it runs under the sub-path
    only, as deployed; the screenshots for authors come from the same visit.
    """
    found = {}
    for scheme in ("light", "dark"):
        context = offline_context(browser)
        for path in PAGES:
            page, _ = open_page(context, deployed_url + path, scheme)
            page.screenshot(  # JPEG: tall pages encode several times faster
                path=screenshots / shot_name(path, scheme),
                full_page=True,
                quality=80,
            )
            violations = Axe().run(page).response["violations"]
            found[path, scheme] = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['html']}"
                for v in violations
                if v["impact"] in {"serious", "critical"}
            ]
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
def report(browser, base_url) -> dict:
    """One visit of every page in each colour scheme, with its findings."""
    found = {}
    for scheme in ("light", "dark"):
        context = offline_context(browser)
        for path in PAGES:
            page, visit = open_page(context, base_url + path, scheme)
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
            found[path, scheme] = findings
            page.close()
        context.close()
    return found


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_other_hosts(report, path):
    for scheme in ("light", "dark"):
        assert page_problems(report[path, scheme]["visit"]) == []


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_say_what_they_show(report, path):
    for scheme in ("light", "dark"):
        assert image_problems(report[path, scheme]["visit"]) == []


@pytest.mark.parametrize("path", PAGES)
def test_first_load_stays_under_the_budget(report, path):
    assert weight_problems(report[path, "light"]["visit"]) == []


@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_order(report, path):
    assert report[path, "light"]["headings"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(audit, path):
    for scheme in ("light", "dark"):
        assert audit[path, scheme] == [], scheme


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_on_a_phone(phone, path):
    assert phone[path] == []


@pytest.mark.parametrize("path", PAGES)
def test_figures_are_legible_in_dark_mode(report, path):
    assert report[path, "dark"]["variants"] == [], "light figures in dark mode"
    assert report[path, "dark"]["contrast"] == []


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
    buttons = page.locator(
        ".md-content :is(.md-code__button[data-md-type=copy], clipboard-copy)"
    )
    blocks = page.locator(
        ".md-content pre:has(code), .md-content .jp-InputArea pre"
    )
    assert buttons.count() == blocks.count()
    for index in range(buttons.count()):
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
