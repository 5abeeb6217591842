"""A real Chromium (Debian's package, driven by Playwright) on the built site.

Without Chromium the suite is skipped, loudly; with REQUIRE_BROWSER=1 (set
by .ci/run) a missing browser is an error instead.
"""

import functools
import gzip
import io
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..conftest import PROJECT

SCREENSHOTS = PROJECT / ".cache" / "screenshots"
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb"}
SKIPPED = "BROWSER SUITE SKIPPED: no Chromium (apt-get install chromium)"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


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


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves files as static hosts (GitHub Pages) do: text gzipped."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()  # directory redirects, images, 404s
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path):
    """The built site, served on 127.0.0.1 for the length of the session."""
    handler = functools.partial(_StaticHost, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


def offline_context(browser, **options):
    """A fresh browser profile whose requests to other hosts all fail."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, **options
    )
    context.route(
        lambda url: not url.startswith("http://127.0.0.1"),
        lambda route: route.abort(),
    )
    return context


@pytest.fixture
def context(browser):
    """An offline browser profile that may use the clipboard."""
    context = offline_context(
        browser, permissions=["clipboard-read", "clipboard-write"]
    )
    yield context
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Full-page screenshots of every page, kept for authors to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
