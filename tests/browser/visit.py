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
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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
MIN_DARK_CONTRAST = 3.0  # WCAG's minimum for graphics and large text

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


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (last axis: R, G, B)."""
    c = np.asarray(rgb, dtype=float)[..., :3] / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(colours: np.ndarray, background: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio of each colour against the background."""
    one, two = relative_luminance(colours), relative_luminance(background)
    return (np.maximum(one, two) + 0.05) / (np.minimum(one, two) + 0.05)


def ink_contrast(image: Image.Image, background: np.ndarray) -> float | None:
    """Median contrast with the page of what a figure draws straight on it.

    "Ink" is every opaque pixel next to a fully transparent one: the edges of
    text, ticks and lines drawn on the transparent background, and the rims
    of opaque panels. None for an image with no transparency, which brings
    its own background.
    """
    rgba = np.asarray(image.convert("RGBA"))
    clear = rgba[..., 3] == 0
    if not clear.any():
        return None
    near_clear = np.zeros_like(clear)
    near_clear[1:] |= clear[:-1]
    near_clear[:-1] |= clear[1:]
    near_clear[:, 1:] |= clear[:, :-1]
    near_clear[:, :-1] |= clear[:, 1:]
    ink = (rgba[..., 3] >= 128) & near_clear
    return float(np.median(contrast(rgba[ink][:, :3], background)))


def dark_contrast_problems(page: Page) -> list[str]:
    """Each figure shown in dark mode must stand out from the dark page.

    The rule runs on the image the browser actually shows (its currentSrc),
    against the page's computed background: a figure drawn for a white page
    (black text and lines on transparency) fails it.
    """
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.md-main')).backgroundColor"
    )
    base = np.array([int(x) for x in re.findall(r"\d+", background)[:3]])
    sources = page.evaluate(
        "[...document.querySelectorAll('.md-content img')]"
        ".filter(i => i.offsetParent !== null).map(i => i.currentSrc)"
    )
    problems = []
    for source in sources:
        if source.startswith("data:"):
            continue  # notebook outputs: opaque, with their own background
        with urlopen(source) as response:  # from our own server
            body = response.read()
        with Image.open(io.BytesIO(body)) as image:
            ratio = ink_contrast(image, base)
        if ratio is not None and ratio < MIN_DARK_CONTRAST:
            problems.append(
                f"ink contrast {ratio:.1f}:1 on the dark page: {source}"
            )
    return problems


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
