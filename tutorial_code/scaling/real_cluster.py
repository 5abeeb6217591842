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
from tutorial_code.timing import best_seconds, one_call_seconds

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
import dask.array as da
import numpy as np
from sklearn.cluster import KMeans


n_frames = 4
pixels = da.map_blocks(
    load_block, dtype=np.float32, chunks=((FRAME_PIXELS,) * n_frames, (3,))
)
centres = frame(0)[:: FRAME_PIXELS // 8][:8].astype(np.float64)  # any 8 do
n_tasks = 100
# One photo, 427 by 640 pixels, on this machine: sample, fit and assign.
photo = frame(0).reshape(427, 640, 3)
quantize_seconds = best_seconds(quantize, photo, 8)


def fit_and_assign(kmeans, points) -> np.ndarray:
    """Fit ``kmeans`` on ``points``, then label every point.

    For scikit-learn or dask-ml: ``np.asarray`` computes a dask array.
    """
    return np.asarray(kmeans.fit(points).predict(points))


# The same work as on the cluster below: fit on every pixel, and assign.
local_kmeans = KMeans(n_clusters=8, n_init=1, random_state=0)
points = photo.reshape(-1, 3).astype(np.float32)
local_photo_seconds = best_seconds(
    fit_and_assign, local_kmeans, points, repeats=2
)
local_iterations = local_kmeans.n_iter_
print(
    f"quantize the photo here (sample, fit, assign): {quantize_seconds:.2f} s"
)
print(
    f"fit every pixel here ({local_iterations} iterations), and assign: "
    f"{local_photo_seconds:.2f} s"
)
# --8<-- [end:plan]

# --8<-- [start:measure]
import contextlib
import functools
import os

import dask.array as da
import numpy as np
from dask.distributed import Client, get_client, wait
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
        times[f"workers{len(used)}_frames{frames}"] = best_seconds(
            step, repeats=2
        )
    return times  # the workers drop the frames when ``loaded`` goes


def run_tasks(client: Client, n: int) -> list:
    """``n`` tasks that do (almost) nothing, run on the cluster."""
    return client.gather(client.map(abs, range(n), pure=False))


with contextlib.ExitStack() as opened:
    # Starting the cluster is paid once: timed once, on purpose.
    startup_seconds = one_call_seconds(opened.enter_context, connect())
    client = get_client()  # the client connect() opened
    workers = client.scheduler_info()["workers"]  # address: details
    n_threads = sum(client.nthreads().values())  # the workers' threads
    task_seconds = best_seconds(run_tasks, client, n_tasks) / n_tasks
    step_seconds = {  # two workers first: both load their libraries at once
        **time_steps(client, sorted(workers)[:2]),
        **time_steps(client, sorted(workers)[:1]),
    }
    # The photo, fitted and assigned on the cluster instead.
    one_frame = pixels[:FRAME_PIXELS].persist()  # loaded before timing
    wait(one_frame)
    # Stopping as scikit-learn does (tol scaled by the variance), as on the
    # previous page: dask-ml's default tol is absolute.
    photo_tol = 1e-4 * photo.reshape(-1, 3).var(axis=0).mean()
    photo_kmeans = DaskKMeans(
        n_clusters=8,
        oversampling_factor=8,
        init_max_iter=2,
        tol=photo_tol,
        random_state=0,
    )
    # Fresh workers first import dask-ml and compile its Numba code: the
    # first fit pays for that, on purpose timed alone. The same fit again,
    # warmed up, takes seconds: timed once. (fit_and_assign: see above.)
    first_fit_seconds = one_call_seconds(
        fit_and_assign, photo_kmeans, one_frame
    )
    cluster_photo_seconds = one_call_seconds(
        fit_and_assign, photo_kmeans, one_frame
    )
    photo_iterations = photo_kmeans.n_iter_
n_workers = len(workers)
n_cores = os.cpu_count()  # this machine's
print(f"cluster start: {startup_seconds:.2f} s")
print(
    f"{n_workers} workers, {n_threads} threads; this machine: {n_cores} cores"
)
task_milliseconds = task_seconds * 1000
print(f"scheduler overhead per task: {task_milliseconds:.1f} ms")
for key, seconds in step_seconds.items():
    print(f"one Lloyd iteration, {key}: {seconds:.2f} s")
print(
    f"the photo on the cluster (fit, {photo_iterations} iterations, assign):"
)
print(f"  on fresh workers: {first_fit_seconds:.2f} s")
print(f"  warmed up: {cluster_photo_seconds:.2f} s")
# --8<-- [end:measure]

# --8<-- [start:summary]
one, two = (f"workers{n}_frames{n_frames}" for n in (1, 2))
# Ratios as seconds per second: how long one takes while the other takes 1 s.
one_worker_seconds_per_second = step_seconds[one] / step_seconds[two]
half, full = (f"workers2_frames{n}" for n in (n_frames // 2, n_frames))
double_data_seconds_per_second = step_seconds[full] / step_seconds[half]
cluster_seconds_per_quantize_second = cluster_photo_seconds / quantize_seconds
# Per Lloyd iteration, since the two fits start from different seeds and
# run different numbers of iterations. Each time also holds a start and an
# assignment, spread over fewer iterations here: that favours the cluster.
cluster_iteration_seconds = cluster_photo_seconds / photo_iterations
local_iteration_seconds = local_photo_seconds / local_iterations
cluster_seconds_per_local_second = (
    cluster_iteration_seconds / local_iteration_seconds
)
# Two workers can at best halve the time: a larger ratio is noise.
beyond_two_seconds = one_worker_seconds_per_second > 2
two_workers_faster_seconds = one_worker_seconds_per_second > 1
# Less than twice the time for twice the data: a fixed cost per iteration.
less_than_double_seconds = double_data_seconds_per_second < 2
print(f"1 worker takes {one_worker_seconds_per_second:.2f} s per second of 2")
print(
    f"twice the data takes {double_data_seconds_per_second:.2f} s per second"
)
print(
    f"the cluster takes {cluster_seconds_per_quantize_second:.1f} s "
    "per second of sample-and-assign here"
)
print(
    f"per iteration: {cluster_iteration_seconds:.3f} s on the cluster, "
    f"{local_iteration_seconds:.3f} s here"
)
# --8<-- [end:summary]

from tutorial_code.claims import claim

claim(
    "sample_and_assign_far_faster",
    cluster_photo_seconds > 2 * quantize_seconds,
    "sampling and assigning the photo here took less than half the time "
    "the warmed-up cluster took to fit and assign it",
)
claim(
    "iteration_far_faster_here",
    cluster_iteration_seconds > 2 * local_iteration_seconds,
    "an iteration of the fit on every pixel took less than half as long "
    "here as on the warmed-up cluster",
)
