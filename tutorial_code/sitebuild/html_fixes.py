"""Rewrites of the HTML that Material and nbconvert produce.

Each fixes something the browser tests found: an accessibility gap, a
request to another host, or a notebook page that behaves unlike the others.
"""

import re
from html import escape

SEARCH_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog">'
)
# nbconvert's notebook template loads MathJax, and Mermaid when a notebook
# has a diagram, from a CDN. No notebook has either (a test checks), and
# the site makes no requests to other hosts, so those scripts are dropped.
MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
OTHER_HOST = re.compile(r"""(src=|import\()["']https?://""")
CODE_CELL = '<div class="highlight-ipynb hl-python">'
# A code block in a Markdown cell, such as a shell command: Material gives
# it a copy button once its text is in a <code> element, as on the pages.
MARKDOWN_CELL_CODE = re.compile(
    r'(<div class="highlight"><pre>)(.*?)(</pre></div>)', re.DOTALL
)
# nbconvert's cell ids ("cell-id=cell-3") are not valid in CSS selectors,
# which Material's copy button builds from them.
CELL_ID = re.compile(r'id="cell-id=([\w-]+)"')
NO_ALT = re.compile(r'alt="(No description has been provided for this image)"')
# An image a cell shows: nbconvert's <img>, whose src is the file the
# notebook names for it (notebooks.py): the site's light variant.
OUTPUT_IMAGE = re.compile(
    r'(<div class="jp-RenderedImage[^"]*"[^>]*>\s*)(<img\b[^>]*>)'
)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
LIGHT_VARIANT = re.compile(r"-light\.webp$")
# An image left as the notebook has it: inline, or one variant for both
# schemes.
UNPAIRED_IMAGE = re.compile(
    r'<img\b[^>]*\bsrc="(data:image/[^"]{0,40}|[^"#]*-light\.webp)"'
)


def name_search_dialog(html: str) -> str:
    """Material's search dialog has no accessible name (an axe violation)."""
    return html.replace(
        SEARCH_DIALOG, f'{SEARCH_DIALOG[:-1]} aria-label="Search">'
    )


def fix_notebook_page(html: str, alts: list[str | None]) -> str:
    """A notebook page as offline, accessible and copyable as the others.

    ``alts`` are the alt texts of the notebook's images, in order (the
    pages give them; nbconvert cannot).
    """
    html = MATHJAX.sub("", html)
    html = SCRIPT.sub(lambda s: "" if OTHER_HOST.search(s[0]) else s[0], html)
    # A code cell wider than the page scrolls: keyboards must reach it.
    html = html.replace(CODE_CELL, f'{CODE_CELL[:-1]} tabindex="0">')
    html = MARKDOWN_CELL_CODE.sub(r"\1<code>\2</code>\3", html)
    html = CELL_ID.sub(r'id="notebook-\1"', html)
    remaining = iter(alts)
    html = NO_ALT.sub(
        lambda m: f'alt="{escape(next(remaining, None) or m[1])}"', html
    )
    return show_site_figures(html)


def show_site_figures(html: str) -> str:
    """Each image of a notebook page as the site's figures are shown: the
    light and the dark variant (sharp, 200 dpi, in the page's colours),
    each a link to itself at full size, as ``markdown_ext`` writes them.

    Raises ValueError if an image is left as the notebook shows it (white,
    100 dpi): a change in nbconvert's markup must not go unnoticed.
    """
    html = OUTPUT_IMAGE.sub(lambda m: m[1] + _figure_links(m[2]), html)
    left = UNPAIRED_IMAGE.search(html)
    if left:
        raise ValueError(
            f"a notebook page shows an image without the site's light and "
            f"dark variants (src={left[1]!r}): check html_fixes.OUTPUT_IMAGE "
            f"against nbconvert's markup"
        )
    return html


def _figure_links(image: str) -> str:
    attributes = dict(ATTRIBUTE.findall(image))
    light = attributes.get("src", "")
    if not LIGHT_VARIANT.search(light):
        return image  # reported by show_site_figures
    size = " ".join(
        f'{name}="{attributes[name]}"'
        for name in ("width", "height")
        if name in attributes
    )
    links = []
    for scheme in ("light", "dark"):
        src = LIGHT_VARIANT.sub(f"-{scheme}.webp", light) + f"#only-{scheme}"
        links.append(
            f'<a class="figure-link" href="{src}" title="Open full size">'
            f'<img alt="{attributes.get("alt", "")}" {size} loading="lazy" '
            f'src="{src}"/></a>'
        )
    return "".join(links)
