"""Lloyd's algorithm from scratch, in NumPy: the two steps and the loop.

Shown on the page docs/algorithm/step_by_step.md; the scaling-out lessons
reuse ``assign`` and ``centre_sums`` on chunks of data.
"""

# --8<-- [start:assign]
import numpy as np


def assign(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """The index of each point's nearest centre (squared distance)."""
    # |p - c|^2 = |p|^2 - 2 p.c + |c|^2; |p|^2 is the same for every centre.
    scores = (centres**2).sum(axis=1) - 2 * points @ centres.T
    return scores.argmin(axis=1)


# --8<-- [end:assign]


# --8<-- [start:update]
import numpy as np


def centre_sums(
    points: np.ndarray, labels: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per cluster: the sum of its points and how many there are."""
    sums = np.zeros((k, points.shape[1]))
    np.add.at(sums, labels, points)
    return sums, np.bincount(labels, minlength=k)


def update(
    points: np.ndarray, labels: np.ndarray, centres: np.ndarray
) -> np.ndarray:
    """Move each centre to the mean of its points (an empty one stays)."""
    sums, counts = centre_sums(points, labels, len(centres))
    moved = centres.copy()
    filled = counts > 0
    moved[filled] = sums[filled] / counts[filled, None]
    return moved


# --8<-- [end:update]
