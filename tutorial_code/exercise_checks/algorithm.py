"""Checks for the exercises of "How k-means works".

Each check works out the right answer itself, with scikit-learn or NumPy on
data of its own, and recognises the typical mistakes by what they produce.
"""

import functools

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

STEP_BY_STEP = "The algorithm, step by step"
KMEANS_PLUS_PLUS = "Starting well: k-means++"


def _blobs(seed: int = 0, n: int = 60, k: int = 3, dimensions: int = 2):
    from sklearn.datasets import make_blobs

    points, _ = make_blobs(
        n_samples=n, centers=k, n_features=dimensions, random_state=seed
    )
    return points


def _scaled_inertia_factor(answer) -> str:
    from sklearn.cluster import KMeans

    points = _blobs()
    fits = [
        KMeans(n_clusters=3, n_init=1, random_state=0).fit(points * scale)
        for scale in (1, 2)
    ]
    factor = fits[1].inertia_ / fits[0].inertia_
    if isinstance(answer, (str, bool)) or not isinstance(answer, (int, float)):
        raise BadInputError(
            f"write the factor as a number (like 3), not {describe(answer)}."
        )
    if abs(answer - factor) < 1e-6:
        return (
            f"the inertia grows by a factor of {factor:.0f}. The clusters "
            "are the same, every distance doubles, and the inertia adds up "
            "squared distances: 2² = 4."
        )
    if abs(answer - 2) < 1e-6:
        raise WrongAnswerError(
            "every distance doubles, but the inertia adds up squared "
            "distances. What does squaring do to a factor of 2?"
        )
    if abs(answer - 1) < 1e-6:
        raise WrongAnswerError(
            "the clusters stay the same (every point keeps its nearest "
            "centre), but the distances to the centres do not."
        )
    raise WrongAnswerError(
        "think of one point at distance d from its centre: what is its "
        "share of the inertia before and after doubling the coordinates?"
    )


scaled_inertia = Exercise(
    "scaled_inertia", STEP_BY_STEP, _scaled_inertia_factor
)


def _assign_with_a_loop(assign) -> str:
    from sklearn.metrics import pairwise_distances_argmin

    for seed, (n, k, dimensions) in enumerate([(40, 3, 2), (25, 5, 4)]):
        points = _blobs(seed, n, k, dimensions)
        centres = points[:k] + 0.5
        expected = pairwise_distances_argmin(points, centres)
        answer = call(assign, points, centres)
        if answer is None:
            raise BadInputError(f"your function returned {describe(answer)}")
        labels = as_array(answer, "what your function returns")
        if labels.shape == (k,):
            raise WrongAnswerError(
                f"your function returned {k} values, one per centre; it "
                "should give one per point: loop over the points, and for "
                "each find its nearest centre."
            )
        if labels.shape == centres[expected].shape:
            raise WrongAnswerError(
                "your function returned the nearest centres themselves "
                "(one row of coordinates per point); return their index "
                "(0 to k - 1) instead."
            )
        if labels.ndim == 2 and len(labels) == len(points):
            raise WrongAnswerError(
                "each item of what your function returns is an array of "
                f"{labels.shape[1]} values; it should be one number, the "
                "index of the nearest centre (np.argsort gives them all, "
                "sorted: keep only the smallest's index)."
            )
        if labels.shape != expected.shape:
            raise WrongAnswerError(
                f"your function returned {describe(answer)}; it should "
                f"return one centre index per point ({len(points)} here)."
            )
        if labels.dtype.kind == "f" and not (labels == labels.round()).all():
            raise WrongAnswerError(
                "your function returned distances, not indices: keep the "
                "index of the smallest distance (the argmin), not the "
                "distance itself."
            )
        farthest = ((points[:, None] - centres[None]) ** 2).sum(-1).argmax(1)
        if (labels == farthest).all():
            raise WrongAnswerError(
                "each point got its farthest centre: keep the smallest "
                "distance (argmin), not the largest."
            )
        if (labels == expected + 1).all():
            raise WrongAnswerError(
                "every index is one too high: the first centre is number "
                "0, as Python counts (positions in a list start at 0)."
            )
        if not (labels == expected).all():
            wrong = int((labels != expected).sum())
            raise WrongAnswerError(
                f"{wrong} of {len(points)} points got another centre than "
                "their nearest. Compare each point with every centre, and "
                "sum the squares over all the coordinates of a point."
            )
    return (
        "every point got the index of its nearest centre, as "
        "scikit-learn's pairwise_distances_argmin gives, on two data sets."
    )


assign_with_a_loop = Exercise(
    "assign_with_a_loop", STEP_BY_STEP, _assign_with_a_loop
)


def _update_step(update) -> str:
    import numpy as np

    k, size = 4, 12  # clusters of equal size, their points shuffled
    points = _blobs(3, k * size, k, 3)
    labels = np.random.default_rng(0).permutation(np.arange(k * size) % k)
    expected = np.array([points[labels == c].mean(axis=0) for c in range(k)])
    answer = call(update, points, labels, k)
    centres = as_array(answer, "what your function returns")
    wrong_axis = np.array([points[labels == c].mean(axis=1) for c in range(k)])
    if centres.shape == wrong_axis.shape and np.allclose(centres, wrong_axis):
        raise WrongAnswerError(
            f"your centres have shape {centres.shape}: each row holds one "
            "mean per point of the cluster, a mean over the wrong axis. "
            "Average over axis 0 (down the rows), which keeps one value "
            "per coordinate."
        )
    if centres.shape == expected.T.shape and centres.shape != expected.shape:
        raise WrongAnswerError(
            f"your centres have shape {centres.shape}: one row per "
            f"coordinate. Return one row per cluster, shape {expected.shape}."
        )
    if centres.shape == (k,) and np.allclose(
        centres, [points[c].mean() for c in range(k)]
    ):
        raise WrongAnswerError(
            "you averaged the coordinates of point number c, not the points "
            "labelled c: select those with points[labels == c]."
        )
    if centres.shape == expected.shape and np.allclose(centres, points[:k]):
        raise WrongAnswerError(
            "each centre is point number c itself, not the mean of the "
            "points labelled c: select those with points[labels == c]."
        )
    if centres.shape in {(k,), (len(points),)}:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}: a mean over the "
            "wrong axis. Average the points of each cluster over axis 0 "
            "(down the rows), which keeps one value per coordinate."
        )
    if centres.shape != expected.shape:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; it should return "
            f"k rows of {points.shape[1]} coordinates, shape {expected.shape}."
        )
    if np.allclose(centres, expected * size):
        raise WrongAnswerError(
            "these are the sums of each cluster's points: divide each by "
            "the number of points in its cluster to get the mean."
        )
    firsts = [points[labels == c][0] for c in range(k)]
    if np.allclose(centres, firsts):
        raise WrongAnswerError(
            "each centre is the first point of its cluster: it should be "
            "the mean of all of them."
        )
    if not np.allclose(centres, expected):
        raise WrongAnswerError(
            "some centres are not the mean of their cluster's points: "
            "select the points whose label is c (points[labels == c]) and "
            "average them."
        )
    return "each centre is the mean of the points assigned to it."


update_step = Exercise("update_step", STEP_BY_STEP, _update_step)

# k-means++ on three points of a line: from each possible first centre, the
# chance of each point being the second, as each way of drawing gives it.
_LINE = [[0.0], [1.0], [3.0]]
_RULES = {
    "D²": lambda gaps: gaps**2,
    "D": lambda gaps: gaps,
    "uniform": lambda gaps: (gaps > 0).astype(float),
}
_DRAWS = 1500
_SQUARE = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]


# What NumPy says when chances are made wrongly, and what it means here.
_CHANCE_ERRORS = {
    "must have same size": (
        "your chances have one value per centre, not one per point: take "
        "the smallest squared distance of each point, over the centres "
        "(min over axis=1)."
    ),
    "contain NaN": (
        "your chances hold NaN (not a number): D² divided by its sum needs "
        "D² to be the squared distances themselves, not indices."
    ),
    "do not sum to 1": (
        "your chances do not add up to 1: divide each point's D² by the "
        "sum of them all."
    ),
    "non-negative": "your chances must not be negative: use D², not -D².",
}


def _seeding(seeding, points, k, seed):
    """The learner's centres, with NumPy's complaints about chances
    explained."""
    import warnings

    import numpy as np

    rng = np.random.default_rng(seed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return call(seeding, points, k, rng)
    except ValueError as error:
        for words, meaning in _CHANCE_ERRORS.items():
            if words in str(error):
                raise WrongAnswerError(meaning) from None
        raise


def _second_centre_rule(seeding) -> str:
    import numpy as np

    points = np.array(_LINE)
    for seed in range(200):  # a third centre: never one already chosen
        centres = as_array(
            _seeding(seeding, np.array(_SQUARE), 3, seed),
            "what your function returns",
        )
        if centres.shape == (3, 2) and len(np.unique(centres, axis=0)) < 3:
            raise WrongAnswerError(
                "with k = 3, a point already chosen was drawn again: a "
                "point's D² is its squared distance to the NEAREST centre "
                "chosen so far (the smallest over all of them), which is 0 "
                "for a chosen point."
            )
    counts = np.zeros((3, 3))  # first centre, second centre
    for seed in range(_DRAWS):
        answer = _seeding(seeding, points, 2, seed)
        centres = as_array(answer, "what your function returns")
        if centres.shape == (2,) and centres.dtype.kind in "iu":
            raise WrongAnswerError(
                "your function returned indices of points; return the "
                "centres themselves (points[chosen]), shape (k, features)."
            )
        if centres.shape != (2, 1):
            raise WrongAnswerError(
                f"your function returned {describe(answer)} for k = 2 "
                "points with 1 feature; it should return shape (2, 1): "
                "k centres, each a point of the data."
            )
        found = [np.flatnonzero((points == c).all(axis=1)) for c in centres]
        if any(len(index) == 0 for index in found):
            raise WrongAnswerError(
                "a centre is not one of the data points: k-means++ picks "
                "its centres among the points."
            )
        first, second = (int(index[0]) for index in found)
        if first == second:
            raise WrongAnswerError(
                "the same point was picked twice: a point already chosen "
                "has D² = 0, so with chances proportional to D² it has "
                "none."
            )
        counts[first, second] += 1
    if np.ptp(counts.sum(axis=1)) > 0.2 * _DRAWS:
        raise WrongAnswerError(
            "the first centre is not drawn uniformly: each point should be "
            "as likely as any other to be the first."
        )
    gaps = np.abs(points - points.T)
    observed = counts / counts.sum(axis=1, keepdims=True)
    distances = {}
    for rule, weight in _RULES.items():
        chance = weight(gaps)
        chance /= chance.sum(axis=1, keepdims=True)
        distances[rule] = np.abs(observed - chance).sum(axis=1).max() / 2
    if (counts[:, gaps.argmax(axis=1)].diagonal() == counts.sum(axis=1)).all():
        raise WrongAnswerError(
            "the second centre is always the farthest point: that is "
            "'farthest first', not k-means++. Draw it at random, with a "
            "chance proportional to D², the squared distance."
        )
    closest = min(distances, key=distances.get)
    if closest == "D²" and distances["D²"] < 0.06:
        return (
            f"over {_DRAWS} seeds, each point became the second centre as "
            "often as the D² rule says (within "
            f"{distances['D²']:.0%} of its chances)."
        )
    if closest == "D":
        raise WrongAnswerError(
            "your chances follow the distance D, not its square: "
            "k-means++ draws with probability proportional to D²."
        )
    if closest == "uniform":
        raise WrongAnswerError(
            "every point is as likely as another to be the second centre: "
            "that is a random start. Weight each point by D², its squared "
            "distance to the nearest centre chosen so far."
        )
    raise WrongAnswerError(
        "the second centre is not drawn with probability proportional to "
        "D², the squared distance to the nearest centre chosen so far."
    )


kmeans_plus_plus_seeding = Exercise(
    "kmeans_plus_plus_seeding", KMEANS_PLUS_PLUS, _second_centre_rule
)


def eight_blobs():
    """The data of "Starting well: k-means++" (and of its exercise)."""
    from sklearn.datasets import make_blobs

    return make_blobs(
        n_samples=500,
        centers=8,
        cluster_std=0.7,
        center_box=(-10, 10),
        random_state=10,
    )[0]


@functools.cache
def _inertias(init: str, n_init: int | str) -> tuple[float, ...]:
    """The inertias of 20 fits on the eight blobs, random_state 0 to 19
    (worked out once per session: the check may run many times)."""
    from sklearn.cluster import KMeans

    points = eight_blobs()
    return tuple(
        KMeans(8, init=init, n_init=n_init, random_state=seed)
        .fit(points)
        .inertia_
        for seed in range(20)
    )


def _random_start_inertias(answer) -> str:
    import numpy as np

    def inertias(init: str = "k-means++", n_init="auto") -> np.ndarray:
        return np.array(_inertias(init, n_init))

    found = as_array(answer, "your inertias", shape=(None,))
    if len(found) != 20:
        raise WrongAnswerError(
            f"you gave {len(found)} inertias: fit once per seed, "
            "random_state=0 to 19, and give the 20 inertias in that order."
        )
    expected = inertias(init="random", n_init=1)
    if np.allclose(found, expected, rtol=1e-9):
        poor = int((expected > 1.01 * expected.min()).sum())
        return (
            f"{poor} of the 20 single random starts ended more than 1 % "
            f"above the best of them ({expected.min():,.1f})."
        )
    if np.ptp(found) <= 1e-9 * found.max():
        raise WrongAnswerError(
            "all 20 inertias are the same: did every fit use the same "
            "random_state? Give fit number i random_state=i."
        )
    if np.allclose(found, inertias(init="random"), rtol=1e-9):
        raise WrongAnswerError(
            "each of these is the best of 10 starts: n_init=10, or n_init "
            "left out (for init='random' its default, 'auto', runs 10 "
            "starts and keeps the best). Set n_init=1 to see single starts."
        )
    if np.allclose(np.sort(found), np.sort(expected), rtol=1e-9):
        raise WrongAnswerError(
            "these are the right inertias in another order: keep seed "
            "order, random_state=0 first."
        )
    if (found < 0).all():
        raise WrongAnswerError(
            "your inertias are negative: .score(X) gives minus the "
            "inertia. Use the fitted model's .inertia_."
        )
    if np.allclose(found, inertias(n_init=1), rtol=1e-9):
        raise WrongAnswerError(
            "these fits started from k-means++ (the default init): this "
            "exercise is about random starts, init='random'."
        )
    raise WrongAnswerError(
        "these are not the inertias of KMeans(8, init='random', n_init=1, "
        "random_state=seed) on the data of the starter code, for seed in "
        "range(20)."
    )


random_start_inertias = Exercise(
    "random_start_inertias", KMEANS_PLUS_PLUS, _random_start_inertias
)
