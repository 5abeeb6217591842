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
    """Move each centre to the mean of its points.

    A cluster left with no points has no mean: as scikit-learn does, its
    centre jumps to the point farthest from its own centre, which leaves
    its old cluster.
    """
    sums, counts = centre_sums(points, labels, len(centres))
    empty = np.flatnonzero(counts == 0)
    if len(empty) > 0:
        gaps = ((points - centres[labels]) ** 2).sum(axis=1)
        farthest = np.argsort(gaps)[::-1][: len(empty)]
        for cluster, point in zip(empty, farthest):
            sums[labels[point]] -= points[point]
            counts[labels[point]] -= 1
            sums[cluster], counts[cluster] = points[point], 1
    return sums / counts[:, None]


# --8<-- [end:update]


# --8<-- [start:loop]
import numpy as np


def inertia(
    points: np.ndarray, labels: np.ndarray, centres: np.ndarray
) -> float:
    """The sum of squared distances from each point to its centre."""
    return float(((points - centres[labels]) ** 2).sum())


def lloyd(
    points: np.ndarray, centres: np.ndarray, max_iter: int = 300
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Alternate the two steps until no point changes cluster.

    Returns the labels, the final centres and the centres after each
    update (the first item is the starting centres).
    """
    history = [centres]
    labels = assign(points, centres)
    for _ in range(max_iter):
        centres = update(points, labels, centres)
        history.append(centres)
        new_labels = assign(points, centres)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return labels, centres, history


# --8<-- [end:loop]
