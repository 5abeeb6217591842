"""What readers see is lesson code and finished prose: checked on every page.

Each check here caught a real defect once: lint pragmas in shown code, a
placeholder left in a page, a timing printed as ``0.00 s``, figure text too
small to read where the figure is shown, a dark figure's text lost on the
dark page, words meant for the site's authors ("issue 14 set the goal",
"commit 3fb3e7f").
"""

import html
import re

import pytest

from tutorial_code.sitebuild.results import LessonResults

from ..conftest import RESULTS
from ..pages import code_blocks, lessons, nav_urls

PRAGMA = re.compile(r"#\s*(noqa|type:\s*ignore|pragma|fmt:|ruff:|pylint:)")
PLACEHOLDER = re.compile(
    r"<this repository>|\bTODO\b|\bFIXME\b|\bXXX\b|\[missing:|lorem ipsum"
    r'|class="measurement"',  # the build's mark, shown as text in code
    re.IGNORECASE,
)
# A measurement rounded to nothing says nothing.
ZERO = re.compile(r"(?<![\d.])0\.0+ (s|ms|MB)\b")
# Words about the site's making, for its authors: issues, commits (by name
# or by hash: 7 to 40 hex digits, a digit and a letter among them, not a
# #colour), goals they set.
AUTHOR_FACING = re.compile(
    r"\bissues?\b|\bcommits?\b|\bgoals? set\b"
    r"|(?<![\w#])(?=[\da-f]*\d)(?=[\da-f]*[a-f])[\da-f]{7,40}\b",
    re.IGNORECASE,
)
# Widths, in CSS pixels, that a figure is shown at: Material's content
# column beside both sidebars on a 1280 px screen, and a 390 px phone.
DESKTOP_WIDTH, PHONE_WIDTH = 750, 358
# Smallest text size, in CSS pixels, at each (a phone reader can also open
# the figure at full size with a click).
MIN_DESKTOP_PX, MIN_PHONE_PX = 9.5, 6.5
# WCAG's minimum contrast for graphics: a dark figure's text and lines
# against the dark page.
MIN_DARK_CONTRAST = 3.0


def page_files(site):
    return [site / url / "index.html" for url in nav_urls()]


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_no_lint_pragma_reaches_a_reader(site):
    for path in page_files(site):
        for _, _, code in code_blocks(path.read_text(encoding="utf-8")):
            assert not PRAGMA.search(code), f"{path}: {PRAGMA.search(code)[0]}"


def test_no_placeholder_is_left_in_a_page(site):
    for path in page_files(site):
        text = visible_text(path.read_text(encoding="utf-8"))
        assert not PLACEHOLDER.search(text), (path, PLACEHOLDER.search(text))


def test_no_measurement_reads_zero(site):
    for path in page_files(site):
        text = visible_text(path.read_text(encoding="utf-8"))
        assert not ZERO.search(text), (path, ZERO.search(text)[0])


def test_no_page_speaks_to_the_sites_authors(site):
    found = {}
    for path in page_files(site):
        text = visible_text(path.read_text(encoding="utf-8"))
        words = sorted({m[0] for m in AUTHOR_FACING.finditer(text)})
        if words:
            found[str(path.relative_to(site).parent)] = words
    assert found == {}


def shown_text_px(figure: dict, width: int) -> float:
    """The smallest text of a figure, in CSS px, shown ``width`` px wide."""
    points_to_px = 100 / 72  # figures are drawn at 100 CSS px per inch
    scale = min(1.0, width / figure["width"])
    return figure["min_font_pt"] * points_to_px * scale


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_figure_text_is_legible_where_it_is_shown(site, lesson):
    figures = LessonResults(RESULTS)[lesson.id]["figures"]
    for section, figure in figures.items():
        if figure["min_font_pt"] is None:  # no text at all
            continue
        desktop = shown_text_px(figure, DESKTOP_WIDTH)
        phone = shown_text_px(figure, PHONE_WIDTH)
        assert desktop >= MIN_DESKTOP_PX, f"{section}: {desktop:.1f} px"
        assert phone >= MIN_PHONE_PX, f"{section}: {phone:.1f} px on a phone"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_dark_figures_stand_out_from_the_dark_page(site, lesson):
    """Measured where the figure is drawn, on a transparent background (the
    files bring the page's background, so that they read when opened
    alone)."""
    figures = LessonResults(RESULTS)[lesson.id]["figures"]
    for section, figure in figures.items():
        ratio = figure["dark_ink_contrast"]
        if ratio is None:  # nothing drawn on the page's background
            continue
        assert ratio >= MIN_DARK_CONTRAST, f"{section}: {ratio:.1f}:1"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("x = 1  # noqa: F811", PRAGMA),
        ("git clone <this repository>", PLACEHOLDER),
        ('fastest: <span class="measurement">octree</span>', PLACEHOLDER),
        ("fit: 0.00 s", ZERO),
        ("Issue 14 set the goal for this site.", AUTHOR_FACING),
        ("ours before the commit that made it fast", AUTHOR_FACING),
        ("the site of its day (3fb3e7f): 16 lessons", AUTHOR_FACING),
        ("the goal set by the authors", AUTHOR_FACING),
    ],
)
def test_the_checks_catch_what_they_look_for(text, found):
    assert found.search(text)
    assert not found.search("x = 1  # the mean, 10.05 s")
    assert not found.search("colour #1f77b4, 1234567 pixels, 2.5e-10 s")
