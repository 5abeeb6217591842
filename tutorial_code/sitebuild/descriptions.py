"""A description of each page for link previews: its first paragraph.

Search engines and chat apps show a page's ``<meta name="description">``
under its title. Written by hand it goes stale; taken from the rendered page
it always says what the page says.
"""

import html
import re

MAX_LENGTH = 160  # what link previews show before they cut
ADMONITION = re.compile(r'<div class="admonition.*?</div>', re.DOTALL)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def first_paragraph(page_html: str) -> str | None:
    """The text of the first paragraph outside admonitions, shortened."""
    match = PARAGRAPH.search(ADMONITION.sub("", page_html))
    if match is None:
        return None
    text = " ".join(html.unescape(TAG.sub("", match[1])).split())
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
