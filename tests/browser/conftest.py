"""A real Chromium (Debian's package, driven by Playwright) on the built site.

Without Chromium the suite is skipped, loudly; with REQUIRE_BROWSER=1 (set
by .ci/run) a missing browser is an error instead.
"""

import os
from pathlib import Path

import pytest

from tutorial_code.sitebuild.preview import serving, site_path

from ..conftest import PROJECT
from .visit import chromium, launch, offline_context

SKIPPED = "BROWSER SUITE SKIPPED: no Chromium (apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    if chromium() is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise pytest.UsageError(
                "REQUIRE_BROWSER=1 but Chromium is missing"
            )
        config.browser_suite_skipped = True
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=SKIPPED))


# The site as GitHub Pages serves a project site, under its sub-path, and as
# a host serving it at the root: every check passes under both.
MOUNTS = {"sub-path": site_path(PROJECT / "mkdocs.yml"), "root": "/"}


@pytest.fixture(scope="session", params=list(MOUNTS))
def base_url(request, site: Path):
    """The built site, served on 127.0.0.1 for the length of the session."""
    with serving(site, MOUNTS[request.param]) as url:
        yield url


@pytest.fixture(scope="session")
def deployed_url(site: Path):
    """The site under its sub-path only, for checks of what runs in a page
    (scripts, styles), which the mount cannot change: every file they need
    is checked to load under both mounts."""
    with serving(site, MOUNTS["sub-path"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """An offline browser profile that may use the clipboard."""
    context = offline_context(
        browser, permissions=["clipboard-read", "clipboard-write"]
    )
    yield context
    context.close()
