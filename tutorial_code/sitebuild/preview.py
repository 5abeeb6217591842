"""Serve the built site as GitHub Pages will: under its sub-path, gzipped.

    python -m tutorial_code.sitebuild.preview [SITE_DIR] [--port N]

A project site lives at ``https://<owner>.github.io/<repository>/``, not at
the root of a host. This serves ``site/`` at the path of ``site_url`` (from
``mkdocs.yml``), compresses text as Pages does, and answers unknown paths
with the site's 404 page: what readers will get, before it is deployed.
The browser tests serve the site with it too.
"""

import argparse
import functools
import gzip
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb"}


class PagesHandler(SimpleHTTPRequestHandler):
    """Static files under ``prefix`` (e.g. "/kmeans-in-practice/")."""

    def __init__(self, *args, prefix: str, **kwargs) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def send_head(self):
        url_path = self.path.split("?")[0]
        if not url_path.startswith(self.prefix):
            if url_path + "/" == self.prefix:  # the sub-path without "/"
                return self._redirect(self.prefix)
            return self._not_found()
        path = Path(self.translate_path("/" + url_path[len(self.prefix) :]))
        if path.is_dir():
            if not url_path.endswith("/"):
                return self._redirect(url_path + "/")
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body = path.read_bytes()
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = gzip_ok and path.suffix in COMPRESSED
        if compress:
            body = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _redirect(self, location: str):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(site: Path, prefix: str, port: int = 0) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on 127.0.0.1; yield its URL."""
    handler = functools.partial(
        PagesHandler, directory=str(site), prefix=prefix
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def site_path(config_file: Path = Path("mkdocs.yml")) -> str:
    """The path part of ``site_url``, e.g. "/kmeans-in-practice/"."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(str(config_file)).site_url or "/").path
    return path if path.endswith("/") else path + "/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    if not (arguments.site / "index.html").is_file():
        parser.error(f"no built site in {arguments.site}: run make build")
    with serving(arguments.site, site_path(), arguments.port) as url:
        print(f"Serving {arguments.site} at {url} (Ctrl-C to stop)")
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
