"""Scaling out 3: the same code on a real cluster, and what it costs.

Page: docs/scaling/real_cluster.md
"""

from tutorial_code.quantize.quantizer import quantize
from tutorial_code.scaling.chunks import (
    FRAME_PIXELS,
    frame,
    load_block,
    lloyd_step,
)

# --8<-- [start:connect]
import contextlib
import os
from collections.abc import Iterator

from dask.distributed import Client, LocalCluster


@contextlib.contextmanager
def connect(n_workers: int = 2) -> Iterator[Client]:
    """A client of the cluster at $DASK_SCHEDULER_ADDRESS, else a local one.

    On leaving the block the client closes, and a local cluster with it; a
    cluster that was already running keeps running.
    """
    address = os.environ.get("DASK_SCHEDULER_ADDRESS")  # "tcp://host:8786"
    if address:
        with Client(address) as client:
            yield client
    else:
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                dashboard_address=None,  # no dashboard,
                # and its web server on any free port: another may run
                scheduler_kwargs={"dashboard_address": ":0"},
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client


# --8<-- [end:connect]

# --8<-- [start:plan]
import time

import dask.array as da
import numpy as np


def best_seconds(function, repeats: int = 3) -> float:
    """The shortest of ``repeats`` timed calls of ``function()``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


n_frames = 4
pixels = da.map_blocks(
    load_block, dtype=np.float32, chunks=((FRAME_PIXELS,) * n_frames, (3,))
)
centres = frame(0)[:: FRAME_PIXELS // 8][:8].astype(np.float64)  # any 8 do
n_tasks = 100
# One photo, 427 by 640 pixels: on this machine, sample and assign.
photo = frame(0).reshape(427, 640, 3)
quantize_seconds = best_seconds(lambda: quantize(photo, 8))
print(
    f"quantize one photo here (sample, fit, assign): {quantize_seconds:.2f} s"
)
# --8<-- [end:plan]

# --8<-- [start:measure]
import functools

import dask.array as da
import numpy as np
from dask.distributed import Client, wait
from dask_ml.cluster import KMeans as DaskKMeans


def time_steps(client: Client, used: list[str]) -> dict[str, float]:
    """Time a Lloyd iteration on half and all of the frames, on ``used``.

    Each frame is loaded by, and stays on, one of the ``used`` workers. The
    array has a name of its own: under the same name, frames another call
    left in memory would be used where they are.
    """
    named = da.map_blocks(
        load_block,
        dtype=np.float32,
        chunks=pixels.chunks,
        name=f"frames-on-{len(used)}-workers",
    )
    loaded = client.persist(named, workers=used)
    wait(loaded)
    times = {}
    for frames in (n_frames // 2, n_frames):
        step = functools.partial(
            lloyd_step,
            loaded[: frames * FRAME_PIXELS],
            centres,
            workers=used,
            allow_other_workers=False,
        )
        times[f"workers{len(used)}_frames{frames}"] = best_seconds(step, 2)
    return times  # the workers drop the frames when ``loaded`` goes


start_seconds = time.perf_counter()
with connect() as client:
    startup_seconds = time.perf_counter() - start_seconds
    workers = client.scheduler_info()["workers"]  # address: details
    # The scheduler's cost per task: tasks that do (almost) nothing.
    tasks = functools.partial(client.map, abs, range(n_tasks), pure=False)
    task_seconds = best_seconds(lambda: client.gather(tasks())) / n_tasks
    step_seconds = {
        **time_steps(client, sorted(workers)[:1]),
        **time_steps(client, sorted(workers)[:2]),
    }
    # The photo, fitted and assigned on the cluster instead.
    one_frame = pixels[:FRAME_PIXELS].persist()  # loaded before timing
    wait(one_frame)
    # Stopping as scikit-learn does (tol scaled by the variance), as on the
    # previous page: dask-ml's default tol is absolute.
    photo_tol = 1e-4 * photo.reshape(-1, 3).var(axis=0).mean()
    start_seconds = time.perf_counter()
    photo_kmeans = DaskKMeans(
        n_clusters=8,
        oversampling_factor=8,
        init_max_iter=2,
        tol=photo_tol,
        random_state=0,
    ).fit(one_frame)
    photo_labels = photo_kmeans.predict(one_frame).compute()
    cluster_photo_seconds = time.perf_counter() - start_seconds
    photo_iterations = photo_kmeans.n_iter_
n_workers = len(workers)
print(f"cluster start: {startup_seconds:.2f} s, {n_workers} workers")
print(f"scheduler overhead per task: {task_seconds:.4f} s")
for key, seconds in step_seconds.items():
    print(f"one Lloyd iteration, {key}: {seconds:.2f} s")
print(
    f"the photo on the cluster (fit, {photo_iterations} iterations, assign): "
    f"{cluster_photo_seconds:.2f} s"
)
# --8<-- [end:measure]

# --8<-- [start:summary]
one, two = (f"workers{n}_frames{n_frames}" for n in (1, 2))
# Ratios as seconds per second: how long one takes while the other takes 1 s.
one_worker_seconds_per_second = step_seconds[one] / step_seconds[two]
half, full = (f"workers2_frames{n}" for n in (n_frames // 2, n_frames))
double_data_seconds_per_second = step_seconds[full] / step_seconds[half]
cluster_seconds_per_quantize_second = cluster_photo_seconds / quantize_seconds
quantize_is_faster_seconds = quantize_seconds < cluster_photo_seconds
print(f"1 worker takes {one_worker_seconds_per_second:.2f} s per second of 2")
print(
    f"twice the data takes {double_data_seconds_per_second:.2f} s per second"
)
print(
    f"the cluster takes {cluster_seconds_per_quantize_second:.2f} s "
    "per second of sample-and-assign"
)
# --8<-- [end:summary]
