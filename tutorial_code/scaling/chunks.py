"""The data of the scaling-out lessons, and what a worker does with a chunk.

A synthetic photo archive: frame ``i`` is one of scikit-learn's two sample
photos, lit differently and with sensor noise, made from ``i`` alone, so
that any process on any machine makes the same frame without being sent it.

Shown on the pages docs/scaling/sample_stream.md (``frames``) and
docs/scaling/dask_cluster.md (``blocks``, ``lloyd``).
"""

from tutorial_code.algorithm.lloyd import assign, centre_sums

# --8<-- [start:frames]
import numpy as np
from sklearn.datasets import load_sample_image

FRAME_PIXELS = 427 * 640  # both sample photos are 427 by 640 pixels


def frame(index: int) -> np.ndarray:
    """Frame ``index`` of the archive: (FRAME_PIXELS, 3) uint8 RGB pixels."""
    rng = np.random.default_rng(index)
    photo = load_sample_image(("china.jpg", "flower.jpg")[index % 2])
    gain = rng.uniform(0.7, 1.2, size=3).astype(np.float32)  # the lighting
    noise = 3 * rng.standard_normal(photo.shape, dtype=np.float32)
    pixels = np.clip(photo * gain + noise, 0, 255).round()
    return pixels.astype(np.uint8).reshape(-1, 3)


# --8<-- [end:frames]


# --8<-- [start:blocks]
import numpy as np


def load_block(block_id: tuple[int, int]) -> np.ndarray:
    """Block ``(i, 0)`` of the archive as a dask array: frame i, float32."""
    return frame(block_id[0]).astype(np.float32)


def block_sums(block: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """One block's share of a Lloyd step: per centre, [sum of points, count].

    The assignment step of the from-scratch k-means, then the sums the
    update step needs. Adding the blocks' results gives the whole data's.
    """
    sums, counts = centre_sums(block, assign(block, centres), len(centres))
    return np.column_stack([sums, counts])


# --8<-- [end:blocks]


# --8<-- [start:lloyd]
import dask
import dask.array as da
import numpy as np


def lloyd_step(
    pixels: da.Array, centres: np.ndarray, **compute_options
) -> np.ndarray:
    """One Lloyd iteration on a cluster: each centre moved to its mean.

    Each block's sums are computed where the block is; only those small
    (k, features + 1) arrays travel, to be added. ``compute_options`` go to
    ``dask.compute`` (for example ``workers=[...]``).
    """
    per_block = [
        dask.delayed(block_sums)(block, centres)
        for block in pixels.to_delayed().ravel()
    ]
    (totals,) = dask.compute(dask.delayed(sum)(per_block), **compute_options)
    sums, counts = totals[:, :-1], totals[:, -1]
    moved = centres.copy()
    filled = counts > 0  # an empty cluster's centre stays where it is
    moved[filled] = sums[filled] / counts[filled, None]
    return moved


# --8<-- [end:lloyd]
