import time
from pathlib import Path

from jinja2 import DictLoader, Environment
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from tutorial_code.sitebuild.dev_server import wait_for
from tutorial_code.sitebuild.watching import (
    TEMPLATES,
    EditsObserver,
    keep_compiled_templates,
)


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(Path(str(event.src_path)).name)


def test_the_watcher_reports_edits_at_once_not_reads_or_compiled_modules(
    tmp_path,
):
    (tmp_path / "__pycache__").mkdir()
    page = tmp_path / "page.md"
    page.write_text("before")
    recorder = Recorder()
    observer = EditsObserver()
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    try:
        page.read_text()  # a build reads every page: not an edit
        (tmp_path / "__pycache__/lesson.pyc").write_bytes(b"compiled")
        time.sleep(0.3)
        assert recorder.paths == []
        page.write_text("after")
        # The polling watcher of MkDocs looks every 0.5 s.
        assert wait_for(lambda: "page.md" in recorder.paths, 5) < 0.25
    finally:
        observer.stop()
        observer.join()


def test_templates_are_compiled_once_and_again_when_edited(monkeypatch):
    TEMPLATES.clear()
    source = {"page.html": "<p>{{ text }}</p>"}
    first = Environment(loader=DictLoader(source))
    keep_compiled_templates(first)
    assert first.get_template("page.html").render(text="a") == "<p>a</p>"

    # A later build's environment reuses the compiled template ...
    later = Environment(loader=DictLoader(source))
    keep_compiled_templates(later)

    def compile_again(*args, **kwargs):
        raise AssertionError("compiled again")

    with monkeypatch.context() as patch:
        patch.setattr(later, "compile", compile_again)
        assert later.get_template("page.html").render(text="b") == "<p>b</p>"

    # ... unless the template was edited.
    edited = Environment(loader=DictLoader({"page.html": "<b>{{ text }}</b>"}))
    keep_compiled_templates(edited)
    assert edited.get_template("page.html").render(text="c") == "<b>c</b>"
