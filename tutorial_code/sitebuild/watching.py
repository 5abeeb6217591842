"""Quicker rebuilds under ``mkdocs serve``: file events, compiled templates.

MkDocs looks for changed files every half second (a polling watcher), so an
edit waits 0.25 s on average before a rebuild starts; the system's file
events (inotify on Linux) say at once. And each rebuild loads the
configuration afresh, with a new theme whose Jinja templates would all be
compiled again: compiled once, they are kept for the life of the process.
"""

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

# What an edit does to a file; opening or reading one is not an edit.
EDITS = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent]
# Python writes compiled modules there when a lesson imports a module.
IGNORED_FOLDER = "__pycache__"


class _EditsOnly(FileSystemEventHandler):
    """Pass on the events of edited files, outside ``__pycache__``."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = (str(event.src_path), str(event.dest_path))
        if not any(IGNORED_FOLDER in path for path in paths):
            self.handler.dispatch(event)


class EditsObserver(Observer):
    """A watcher on the system's file events that reports edits only."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list | None = None,
    ) -> ObservedWatch:
        return super().schedule(
            _EditsOnly(event_handler),
            path,
            recursive=recursive,
            event_filter=event_filter or EDITS,
        )


def watch_with_file_events(server, watched: list[str]) -> None:
    """Move ``mkdocs serve``'s ``watched`` paths to an ``EditsObserver``.

    Call it before the server starts (MkDocs' ``on_serve``); paths watched
    later go to the new observer too.
    """
    for path in watched:
        server.unwatch(path)
    server.observer = EditsObserver()
    for path in watched:
        server.watch(path)


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, by template and source checksum, in memory."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


TEMPLATES = _MemoryBytecodeCache()


def keep_compiled_templates(env: Environment) -> None:
    """Let ``env`` reuse templates compiled by earlier builds' environments.

    Jinja checks each template's source against its checksum: an edited
    template is compiled again.
    """
    env.bytecode_cache = TEMPLATES
