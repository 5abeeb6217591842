"""Visit a page in Chromium the way a reader does, and record what happened.

Each check turns a record into a list of problems; an empty list passes.
The checks are plain functions so that tests can show that each one fails
on a page with the fault it looks for.
"""

import io
import re
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urlsplit

import numpy as np
from PIL import Image
from playwright.sync_api import BrowserContext, Page

MAX_FIRST_LOAD_BYTES = 1_500_000
LOCAL_HOST = "127.0.0.1"
MIN_DARK_CONTRAST = 3.0  # WCAG's minimum for graphics and large text

PLACEHOLDER_ALT = re.compile(
    r"^\s*$|^(figure|image|img|plot|graph|chart|picture|photo)\s*\d*$"
    r"|\.(png|jpe?g|gif|svg|webp)$|no description",
    re.IGNORECASE,
)


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
    context: BrowserContext, url: str, scheme: str
) -> tuple[Page, Visit]:
    """Load ``url`` in ``scheme`` ("light" or "dark"), lazy images included."""
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
    response = page.goto(url, wait_until="networkidle")
    visit.status = response.status if response else 0
    visit.first_load_bytes = _bytes_so_far(page)
    _load_lazy_images(page)
    visit.images = page.evaluate(_IMAGES_JS)
    return page, visit


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
    rgba = np.asarray(image.convert("RGBA"), dtype=int)
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
        body = page.request.get(source).body()
        with Image.open(io.BytesIO(body)) as image:
            ratio = ink_contrast(image, base)
        if ratio is not None and ratio < MIN_DARK_CONTRAST:
            problems.append(
                f"ink contrast {ratio:.1f}:1 on the dark page: {source}"
            )
    return problems


PHONE = {"width": 390, "height": 844}

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
