"""A distributed fit survives a worker that dies in the middle of it.

That is what a real engine gives over a home-made pool of processes: the
nanny restarts the killed worker, the scheduler reruns the tasks whose
results died with it (here: loading its frames again), and the fit ends
as if nothing had happened.
"""

import logging
import os
import signal

import dask.array as da
import numpy as np
from dask.distributed import Client, LocalCluster
from dask_ml.cluster import KMeans as DaskKMeans
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import pairwise_distances

from tutorial_code.scaling.chunks import FRAME_PIXELS, load_block

from .conftest import child_processes, left_since

N_FRAMES = 2
MAX_ITER = 6


class OnIteration(logging.Handler):
    """Call ``action()`` once, after the given Lloyd iteration of dask-ml."""

    def __init__(self, iteration: int, action) -> None:
        super().__init__(level=logging.INFO)
        self.iteration, self.action, self.seen = iteration, action, 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Shift"):
            self.seen += 1
            if self.seen == self.iteration:
                self.action()


def fit(pixels: da.Array, handler: logging.Handler | None = None):
    logger = logging.getLogger("dask_ml.cluster.k_means")
    logger.setLevel(logging.INFO)
    if handler is not None:
        logger.addHandler(handler)
    try:
        return DaskKMeans(
            n_clusters=8,
            oversampling_factor=8,
            init_max_iter=2,
            max_iter=MAX_ITER,
            tol=0,  # always MAX_ITER iterations
            random_state=0,
        ).fit(pixels)
    finally:
        if handler is not None:
            logger.removeHandler(handler)


def test_fit_survives_a_killed_worker():
    before = child_processes()
    pixels = da.map_blocks(
        load_block, dtype=np.float32, chunks=((FRAME_PIXELS,) * N_FRAMES, (3,))
    )
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        pixels = pixels.persist()
        undisturbed = fit(pixels)
        pids = client.run(os.getpid)  # worker address -> process id
        victim = pids[sorted(pids)[0]]

        def kill() -> None:
            os.kill(victim, signal.SIGKILL)

        disturbed = fit(pixels, OnIteration(MAX_ITER // 3, kill))
        client.wait_for_workers(2, timeout=60)
        after = set(client.run(os.getpid).values())
    assert victim not in after  # the nanny started a new worker process
    assert len(after) == 2
    assert disturbed.n_iter_ == undisturbed.n_iter_ == MAX_ITER
    gaps = pairwise_distances(
        undisturbed.cluster_centers_, disturbed.cluster_centers_
    )
    rows, cols = linear_sum_assignment(gaps)
    assert gaps[rows, cols].max() < 1e-3  # RGB units
    assert np.isclose(undisturbed.inertia_, disturbed.inertia_, rtol=1e-6)
    assert left_since(before) == set()
