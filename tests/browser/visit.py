"""Visit a page in Chromium the way a reader does, and record what happened.

Each check turns a record into a list of problems; an empty list passes.
The checks are plain functions so that tests can show that each one fails
on a page with the fault it looks for.
"""

import io
import os
import queue
import re
import shutil
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Literal, TypeVar
from urllib.parse import urlsplit
from urllib.request import urlopen

import numpy as np
from matplotlib.colors import to_rgb
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tutorial_code.sitebuild.figures import (
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    contrast,
)

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Chromiums visiting at once: a visit mostly waits (for the network to go
# idle, for images, for the page's scripts), so three overlap well on two
# cores.
BROWSERS = 3
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_FIRST_LOAD_BYTES = 1_500_000
LOCAL_HOST = "127.0.0.1"
# A figure's background may differ from the page's by a lossy encoding's
# rounding, never by a visible edge.
MAX_BACKGROUND_CONTRAST = 1.05
SCHEME_BACKGROUNDS = {"light": LIGHT_BACKGROUND, "dark": DARK_BACKGROUND}

PLACEHOLDER_ALT = re.compile(
    r"^\s*$|^(figure|image|img|plot|graph|chart|picture|photo)\s*\d*$"
    r"|\.(png|jpe?g|gif|svg|webp)$|no description",
    re.IGNORECASE,
)


def chromium() -> str | None:
    """Debian's Chromium, or the browser $CHROMIUM names (as on GitHub)."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=chromium(), args=LAUNCH_ARGS
    )


def offline_context(browser: Browser, **options) -> BrowserContext:
    """A fresh browser profile whose requests to other hosts all fail."""
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**options)
    context.route(
        lambda url: not url.startswith("http://127.0.0.1"),
        lambda route: route.abort(),
    )
    return context


Job = TypeVar("Job", bound=Hashable)
Found = TypeVar("Found")


def in_parallel(
    visit: Callable[[Browser, Job], Found], jobs: list[Job]
) -> dict[Job, Found]:
    """``visit(browser, job)`` for every job, on ``BROWSERS`` Chromiums at
    once (each in a thread of its own, as Playwright asks). Each takes the
    next job when it is done with one, so none waits while jobs remain."""
    waiting: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        waiting.put(job)

    def work() -> list[tuple[Job, Found]]:
        done = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                while True:
                    try:
                        job = waiting.get_nowait()
                    except queue.Empty:
                        return done
                    done.append((job, visit(browser, job)))
            finally:
                browser.close()

    with ThreadPoolExecutor(BROWSERS) as pool:
        runs = [pool.submit(work) for _ in range(BROWSERS)]
        return dict(pair for run in runs for pair in run.result())


@dataclass
class Visit:
    url: str
    scheme: str
    status: int = 0
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    first_load_bytes: int = 0
    images: list[dict] = field(default_factory=list)


def open_page(
    context: BrowserContext,
    url: str,
    scheme: str,
    wait_until: Literal["load", "networkidle"] = "networkidle",
) -> tuple[Page, Visit]:
    """Load ``url`` in ``scheme`` ("light" or "dark"), lazy images included.

    "networkidle" waits until nothing has loaded for half a second, so that
    what scripts fetch later is recorded too; "load" is enough to see what
    the page itself needs.
    """
    page = context.new_page()
    visit = Visit(url, scheme)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and visit.console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    response = page.goto(url, wait_until=wait_until)
    visit.status = response.status if response else 0
    visit.first_load_bytes = _bytes_so_far(page)
    _load_lazy_images(page)
    visit.images = page.evaluate(_IMAGES_JS)
    return page, visit


def switch_to_dark(page: Page, visit: Visit) -> Visit:
    """Switch a light page to dark with Material's toggle, as a reader does:
    the visit, now showing the dark scheme's images."""
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    _load_lazy_images(page)
    return replace(visit, scheme="dark", images=page.evaluate(_IMAGES_JS))


def _bytes_so_far(page: Page) -> int:
    total = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".reduce((sum, r) => sum + r.transferSize, 0)"
    )
    navigation = page.evaluate(
        "performance.getEntriesByType('navigation')[0].transferSize"
    )
    return int(total + navigation)


def _load_lazy_images(page: Page) -> None:
    """Load the images a reader would see by scrolling down the page."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]')"
        ".forEach(image => { image.loading = 'eager'; })"
    )
    page.wait_for_function(
        "[...document.images]"
        ".every(image => image.complete || image.offsetParent === null)"
    )


_IMAGES_JS = """
[...document.querySelectorAll('.md-content img')].map(img => ({
  src: img.currentSrc || img.src,
  alt: img.getAttribute('alt'),
  width: img.naturalWidth,
  visible: img.offsetParent !== null,
}))
"""


def remote_requests(visit: Visit) -> list[str]:
    return [
        url
        for url in visit.requests
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
        and urlsplit(url).hostname != LOCAL_HOST
    ]


def page_problems(visit: Visit) -> list[str]:
    problems = []
    if visit.status != 200:
        problems.append(f"status {visit.status}")
    problems += [f"console error: {error}" for error in visit.console_errors]
    problems += [
        f"request to another host: {url}" for url in remote_requests(visit)
    ]
    return problems


def image_problems(visit: Visit) -> list[str]:
    problems = []
    for image in visit.images:
        if not image["visible"]:
            continue  # the other colour scheme's variant
        name = image["src"][:80]
        if image["width"] == 0:
            problems.append(f"image did not load: {name}")
        if image["alt"] is None or PLACEHOLDER_ALT.search(image["alt"]):
            problems.append(
                f"no meaningful alt text ({image['alt']!r}): {name}"
            )
    return problems


def weight_problems(visit: Visit) -> list[str]:
    if visit.first_load_bytes > MAX_FIRST_LOAD_BYTES:
        return [f"first load {visit.first_load_bytes:,} bytes"]
    return []


def heading_problems(page: Page) -> list[str]:
    levels = page.evaluate(
        "[...document.querySelectorAll('.md-content :is(h1,h2,h3,h4,h5,h6)')]"
        ".map(h => Number(h.tagName[1]))"
    )
    problems = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1s"]
    for before, after in pairwise(levels):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
    return problems


def border_colour(image: Image.Image, behind: np.ndarray) -> np.ndarray:
    """The commonest colour of an image's outermost pixels, as shown on a
    page of colour ``behind``: a figure's own background."""
    rgba = np.asarray(image.convert("RGBA"), dtype=float)
    alpha = rgba[..., 3:] / 255
    shown = rgba[..., :3] * alpha + behind * (1 - alpha)
    ring = np.concatenate([shown[0], shown[-1], shown[:, 0], shown[:, -1]])
    colours, counts = np.unique(ring.round(), axis=0, return_counts=True)
    return colours[counts.argmax()]


def page_background(page: Page) -> np.ndarray:
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return np.array([int(x) for x in re.findall(r"\d+", colour)[:3]])


def background_problems(figure: np.ndarray, page: np.ndarray) -> list[str]:
    """A figure's background must be the page's: no box around it, and
    the figure drawn for this colour scheme."""
    ratio = float(contrast(figure, page))
    if ratio > MAX_BACKGROUND_CONTRAST:
        return [
            f"background {figure.astype(int).tolist()} on a page of "
            f"{page.astype(int).tolist()} (contrast {ratio:.2f}:1)"
        ]
    return []


def figure_background_problems(page: Page) -> list[str]:
    """Each figure shown sits on the page's own background.

    The rule runs on the image the browser actually shows (its currentSrc,
    an inline image too), against the page's computed background: a
    figure drawn for the other scheme, or shown as a notebook draws it (on
    white), fails it.
    """
    behind = page_background(page)
    sources = page.evaluate(
        "[...document.querySelectorAll('.md-content img')]"
        ".filter(i => i.offsetParent !== null).map(i => i.currentSrc)"
    )
    problems = []
    for source in sources:
        with urlopen(source) as response:  # our own server, or data:
            body = response.read()
        with Image.open(io.BytesIO(body)) as image:
            colour = border_colour(image, behind)
        problems += [
            f"{problem}: {source[:100]}"
            for problem in background_problems(colour, behind)
        ]
    return problems


def open_figure_at_full_size(page: Page) -> Page:
    """Click the first figure the page shows, as a reader does to see it
    at full size: the browser shows the image alone."""
    page.locator("a.figure-link:visible").first.click()
    page.wait_for_url(re.compile(r"\.webp(#.*)?$"))
    page.wait_for_function("document.images[0]?.complete")
    return page


def full_size_problems(page: Page, scheme: str) -> list[str]:
    """The figure opened alone (the browser's image viewer) shows the
    background of its page's scheme: light text stays readable on it."""
    expected = np.array(to_rgb(SCHEME_BACKGROUNDS[scheme])) * 255
    shot = page.locator("img").first.screenshot()
    with Image.open(io.BytesIO(shot)) as image:
        colour = border_colour(image, expected)
    return background_problems(colour, expected)


_OVERFLOW_JS = """
(() => {
  const problems = [];
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page scrolls sideways (${page.scrollWidth} px)`);
  }
  const wide = '.md-content :is(pre, code, .jp-OutputArea-output, table)';
  for (const element of document.querySelectorAll(wide)) {
    if (element.scrollWidth <= element.clientWidth + 1) continue;
    const overflow = getComputedStyle(element).overflowX;
    if (overflow === 'hidden' || overflow === 'clip') {
      problems.push(`cut off: <${element.tagName.toLowerCase()}> ` +
                    element.textContent.slice(0, 40));
    }
  }
  return problems;
})()
"""


def overflow_problems(page: Page) -> list[str]:
    """Nothing is cut off, and only code and tables scroll sideways."""
    return page.evaluate(_OVERFLOW_JS)


# Material's copy button on pages, mkdocs-jupyter's in notebook cells.
COPY_BUTTONS = (
    ".md-content :is(.md-code__button[data-md-type=copy], clipboard-copy)"
)
CODE_BLOCKS = ".md-content pre:has(code), .md-content .jp-InputArea pre"


def copy_problems(page: Page, *, click: bool) -> list[str]:
    """Every code block has a copy button, and (``click``) the buttons copy
    their code.

    Folded helpers are opened first, as a reader does to copy one. Clicking
    the first button, the last and the first in a fold shows that they copy
    (each is the same Material button). Needs clipboard permissions.
    """
    page.evaluate(
        "document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    buttons = page.locator(COPY_BUTTONS)
    count, blocks = buttons.count(), page.locator(CODE_BLOCKS).count()
    if count != blocks:
        return [f"{blocks} code blocks but {count} copy buttons"]
    if not click:
        return []
    first_folded = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].indexOf(
            document.querySelector('.md-content details .md-code__button'))""",
        COPY_BUTTONS,
    )
    problems = []
    for index in sorted({0, count - 1, first_folded} - {-1} if count else ()):
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
        copied = page.evaluate("navigator.clipboard.readText()").strip()
        if not copied or copied != code.strip():
            problems.append(f"copy button {index} copied {copied[:40]!r}")
    return problems
