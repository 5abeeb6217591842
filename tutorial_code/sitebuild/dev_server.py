"""``mkdocs serve`` as authors run it (``make serve``), for tests, benches.

The server runs on a free port of 127.0.0.1 for the length of a ``with``
block and ends with it; its log is kept in a file.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tutorial_code.sitebuild.preview import site_path

# As in the Makefile: a rebuild renders only what a change touched.
SERVE = ["mkdocs", "serve", "--dirty"]


@dataclass
class DevServer:
    root: str  # e.g. http://127.0.0.1:8123/kmeans-in-practice/
    log: Path

    def page(self, path: str) -> str:
        """The text of a page (``digits/evaluation``); "" if none yet."""
        url = self.root + (f"{path}/" if path else "")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def mkdocs_serve(project: Path, timeout: float = 300) -> Iterator[DevServer]:
    """Serve ``project``; yields once its home page is served."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mount = site_path(project / "mkdocs.yml")
    with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as log:
        server = DevServer(f"http://127.0.0.1:{port}{mount}", Path(log.name))
        process = subprocess.Popen(
            [sys.executable, "-m", *SERVE, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "</html>" in server.page("").lower(), timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        server.log.unlink(missing_ok=True)


def wait_for(condition: Callable[[], bool], timeout: float) -> float:
    """Seconds until ``condition()`` holds; TimeoutError after ``timeout``."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"not done within {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start
