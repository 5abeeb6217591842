"""Lesson 3: connecting to a running cluster, and the measured costs."""

import sys

from dask.distributed import LocalCluster

from tutorial_code.scaling.chunks import FRAME_PIXELS
from tutorial_code.sitebuild.results import LessonResults

from ..conftest import RESULTS
from .conftest import WORKER_PRELOAD, child_processes


def test_no_process_is_left_behind(site):
    """The build checks each lesson's own processes once it ends."""
    assert LessonResults(RESULTS)["scaling.real_cluster"]["left_running"] == []


def test_every_step_was_timed(lesson):
    steps = lesson["step_seconds"]
    assert len(steps) == 4
    assert all(seconds > 0 for seconds in steps.values())
    assert lesson["n_workers"] == 2  # no DASK_SCHEDULER_ADDRESS here
    assert 0 < lesson["task_seconds"] < min(steps.values())


def test_sample_and_assign_beats_the_cluster_on_one_photo(lesson):
    # The page says so: one photo is far too small to be worth a cluster.
    assert lesson["quantize_is_faster_seconds"]
    assert lesson["cluster_seconds_per_quantize_second"] > 1
    assert len(lesson["photo_labels"]) == FRAME_PIXELS


def test_connect_uses_the_cluster_the_address_names(lesson, monkeypatch):
    before = child_processes()
    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as running:
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", running.scheduler_address)
        with lesson["connect"]() as client:
            assert client.scheduler.address == running.scheduler_address
            assert len(client.scheduler_info()["workers"]) == 1
            # These tests' workers start with their imports done (conftest).
            imported = client.run(lambda: set(sys.modules))
            assert all(x >= WORKER_PRELOAD for x in imported.values())
        assert running.status.name == "running"  # still there for others
    assert child_processes() - before == set()
