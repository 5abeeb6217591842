"""Scaling out 2: k-means on a Dask cluster, with dask-ml and from scratch.

Page: docs/scaling/dask_cluster.md
"""

from tutorial_code.scaling.chunks import (
    FRAME_PIXELS,
    frame,
    load_block,
    lloyd_step,
)

# --8<-- [start:array]
import dask.array as da
import numpy as np

n_frames = 2
# No data yet: a recipe of n_frames tasks, each making one frame.
pixels = da.map_blocks(
    load_block, dtype=np.float32, chunks=((FRAME_PIXELS,) * n_frames, (3,))
)
n_tasks = len(pixels.__dask_graph__())
n_pixels = pixels.shape[0]
print(f"{n_pixels:,} pixels in {pixels.numblocks[0]} chunks")
print(f"{pixels.nbytes / 1e6:.1f} MB once loaded; {n_tasks} tasks to load it")
# --8<-- [end:array]

# --8<-- [start:local]
import numpy as np
from sklearn.cluster import KMeans

# The same pixels in this process, for scikit-learn to compare with.
local = np.vstack([frame(i) for i in range(n_frames)]).astype(np.float32)
# scikit-learn's tol is relative to the data's spread; dask-ml's is absolute.
tol = 1e-4 * local.var(axis=0).mean()
sklearn_kmeans = KMeans(n_clusters=8, n_init=1, random_state=0).fit(local)
sklearn_iterations = sklearn_kmeans.n_iter_
print(f"scikit-learn: {sklearn_iterations} Lloyd iterations")
print(f"stops when the centres' squared moves add up to < {tol:.3f}")
# --8<-- [end:local]

# --8<-- [start:progress]
import logging


class PrintShifts(logging.Handler):
    """In a with block: print each Lloyd iteration that dask-ml logs."""

    logger = logging.getLogger("dask_ml.cluster.k_means")

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.shifts: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Shift"):  # logged as "Shift: %0.4f"
            self.shifts.append(float(record.args[0]))
            print(
                f"iteration {len(self.shifts):2}: "
                f"centres moved {self.shifts[-1]:.4f}"
            )

    def __enter__(self) -> "PrintShifts":
        self.logger.setLevel(logging.INFO)
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exception) -> None:
        self.logger.removeHandler(self)


# --8<-- [end:progress]

# --8<-- [start:cluster]
import numpy as np
from dask.distributed import Client, LocalCluster
from dask_ml.cluster import KMeans as DaskKMeans

# The cluster closes at the end of the block, even if something raises.
with (
    PrintShifts() as progress,
    LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        dashboard_address=None,  # no dashboard,
        # and its web server on any free port: another cluster may run
        scheduler_kwargs={"dashboard_address": ":0"},
    ) as cluster,
    Client(cluster) as client,
):
    pixels = pixels.persist()  # the workers load their frames and keep them
    dask_kmeans = DaskKMeans(
        n_clusters=8,
        init="k-means||",
        oversampling_factor=8,  # candidates drawn per round, on average
        init_max_iter=2,  # rounds of k-means|| sampling
        tol=tol,
        random_state=0,
        n_init=1,
    ).fit(pixels)
    # One more Lloyd iteration, ours, from the centres dask-ml returned.
    centres = dask_kmeans.cluster_centers_.astype(np.float64)
    our_centres = lloyd_step(pixels, centres)
dask_iterations = dask_kmeans.n_iter_
our_shift = float(((our_centres - centres) ** 2).sum())
dask_last_shift = progress.shifts[-1]
same_last_step = bool(np.isclose(our_shift, dask_last_shift, rtol=1e-3))
print(f"our iteration: centres moved {our_shift:.4f}")
# --8<-- [end:cluster]

# --8<-- [start:compare]
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import pairwise_distances


def inertia(points: np.ndarray, centres: np.ndarray) -> float:
    """Sum of squared distances from each point to its nearest centre."""
    distances = pairwise_distances(points, centres.astype(np.float64))
    return float((distances**2).min(axis=1).sum())


distances = pairwise_distances(sklearn_kmeans.cluster_centers_, centres)
rows, cols = linear_sum_assignment(distances)  # match centres one to one
largest_centre_gap = float(distances[rows, cols].max())
same_palette = largest_centre_gap < 10  # a few units on the 0-255 scale
sklearn_inertia = inertia(local, sklearn_kmeans.cluster_centers_)
dask_inertia = inertia(local, centres)
dask_to_sklearn = dask_inertia / sklearn_inertia
nearest = pairwise_distances(local, centres.astype(np.float64)).min(axis=1)
distance_sum = float(nearest.sum())
dask_ml_squares = bool(np.isclose(dask_kmeans.inertia_, dask_inertia))
dask_ml_distances = bool(np.isclose(dask_kmeans.inertia_, distance_sum))
print(
    f"matched centres are at most {largest_centre_gap:.2f} apart (RGB units)"
)
print(f"inertia, scikit-learn: {sklearn_inertia:.5g}")
print(f"inertia, dask-ml:      {dask_inertia:.5g} ({dask_to_sklearn:.4f} x)")
print(f"dask-ml's inertia_:    {dask_kmeans.inertia_:.5g}")
print(f"sum of distances:      {distance_sum:.5g}")
# --8<-- [end:compare]

from tutorial_code.claims import claim

claim(
    "same_last_step",
    same_last_step,
    "our Lloyd iteration moved the centres as far as dask-ml's last one",
)
claim(
    "stops_below_tol",
    dask_last_shift < tol <= min(progress.shifts[:-1]),
    "dask-ml stopped at the first iteration whose shift fell below tol",
)
claim(
    "inertia_attribute_is_not_inertia",
    not dask_ml_squares,
    "dask-ml's inertia_ is not the sum of squared distances",
)
