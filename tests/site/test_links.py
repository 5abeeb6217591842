"""No internal link of the built site is broken, and no anchor is missing."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tutorial_code.sitebuild.preview import site_path

from ..conftest import PROJECT

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]+)"')
# Where the site is mounted: the 404 page links from there, since it is
# served at any address.
MOUNT = site_path(PROJECT / "mkdocs.yml")


def target_file(site: Path, page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    if path.startswith(MOUNT):  # from the site's root, as on the 404 page
        target = site / path.removeprefix(MOUNT)
    elif path.startswith("/"):  # outside the site: not one of its files
        target = site / "outside the site" / path.lstrip("/")
    else:
        target = page.parent / path if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve()


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in site.rglob("*.html"):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "javascript:")):
                continue
            target = target_file(site, page, href)
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(ID.findall(target.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert broken == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="missing/">x</a><a href="#nowhere">y</a><p id="here"></p>'
    )
    page = tmp_path / "index.html"
    assert not target_file(tmp_path, page, "missing/").is_file()
    ids = set(ID.findall(page.read_text()))
    assert "nowhere" not in ids
    assert "here" in ids
