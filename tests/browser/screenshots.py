"""Full-page screenshots of the built site, for authors to look at.

``make screenshots`` builds the site and saves every page in four views
(1280 px and 390 px wide, light and dark) in .cache/screenshots/; name
pages to take only those:

    python -m tests.browser.screenshots [site] [--pages digits/evaluation/ ...]
"""

import argparse
import sys
from functools import partial
from pathlib import Path

from playwright.sync_api import Browser

from tutorial_code.sitebuild.preview import serving, site_path

from ..conftest import PROJECT
from ..pages import nav_urls
from .visit import DESKTOP, PHONE, in_parallel, offline_context, open_page

FOLDER = PROJECT / ".cache" / "screenshots"
VIEWS = {
    "light": ("light", DESKTOP),
    "dark": ("dark", DESKTOP),
    "phone": ("light", PHONE),
    "phone-dark": ("dark", PHONE),
}


def shot_name(path: str, view: str) -> str:
    return f"{path.strip('/').replace('/', '_') or 'index'}-{view}.jpg"


def shoot(url: str, browser: Browser, job: tuple[str, str]) -> Path:
    path, view = job
    scheme, viewport = VIEWS[view]
    context = offline_context(browser, viewport=viewport)
    try:
        page, _ = open_page(context, url + path, scheme, "load")
        shot = FOLDER / shot_name(path, view)
        # JPEG: tall pages encode several times faster than PNG.
        page.screenshot(path=shot, full_page=True, quality=80)
        return shot
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.browser.screenshots"
    )
    parser.add_argument("site", nargs="?", type=Path, default=PROJECT / "site")
    parser.add_argument("--pages", nargs="+", default=nav_urls())
    arguments = parser.parse_args()
    unknown = set(arguments.pages) - set(nav_urls())
    if unknown:
        parser.error(f"not pages of the site: {', '.join(sorted(unknown))}")
    if not (arguments.site / "index.html").is_file():
        parser.error(f"no built site in {arguments.site} (run make build)")
    FOLDER.mkdir(parents=True, exist_ok=True)
    jobs = [(path, view) for path in arguments.pages for view in VIEWS]
    with serving(arguments.site, site_path(PROJECT / "mkdocs.yml")) as url:
        shots = in_parallel(partial(shoot, url), jobs)
    print(f"{len(shots)} screenshots in {FOLDER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
