"""Checks for the exercises of "Digits".

Each check works out the right answer itself, with scikit-learn, SciPy or
NumPy on the digits (or on data of its own), and recognises the typical
mistakes by what they produce.
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

CENTRES = "Plotting the cluster centres"
EVALUATION = "Model evaluation"
CONFUSION = "Interpreting the confusion matrix"


@functools.cache
def _digits():
    from sklearn.datasets import load_digits

    return load_digits()


@functools.cache
def _clusters(pixels: str = "raw", n_init: int | str = 10):
    """The chapter's fit, KMeans(10, n_init, random_state=0), on the raw
    pixels or rescaled ones ("standard", "minmax", "images"): each
    image's cluster."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    data = _digits().data
    if pixels == "standard":
        data = StandardScaler().fit_transform(data)
    elif pixels == "minmax":
        data = MinMaxScaler().fit_transform(data)
    elif pixels == "images":  # each image standardised: the wrong axis
        data = StandardScaler().fit_transform(data.T).T
    kmeans = KMeans(n_clusters=10, n_init=n_init, random_state=0)
    return kmeans.fit_predict(data)


@functools.cache
def _chapter_centres():
    """The centres of the chapter's fit on the raw pixels."""
    import numpy as np

    data, clusters = _digits().data, _clusters()
    return np.array([data[clusters == c].mean(axis=0) for c in range(10)])


def _one_to_one_accuracy(labels, clusters) -> float:
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics.cluster import contingency_matrix

    table = contingency_matrix(labels, clusters)
    rows, columns = linear_sum_assignment(table, maximize=True)
    return float(table[rows, columns].sum() / table.sum())


def _majority_accuracy(labels, clusters) -> float:
    from sklearn.metrics.cluster import contingency_matrix

    table = contingency_matrix(labels, clusters)
    return float(table.max(axis=0).sum() / table.sum())


def _accuracy(answer, what: str) -> float:
    """``answer`` as an accuracy, a fraction from 0 to 1; a percentage or
    a number out of range is a wrong answer, anything else bad input."""
    import math

    import numpy as np

    if isinstance(answer, (bool, np.bool_)) or not isinstance(
        answer, (int, float, np.integer, np.floating)
    ):
        raise BadInputError(
            f"{what} should be one number (like 0.25 for 25 %), "
            f"not {describe(answer)}."
        )
    value = float(answer)
    if not math.isfinite(value):
        raise BadInputError(f"{what} should be a number, not {value}.")
    if 1 < value <= 100:
        raise WrongAnswerError(
            f"{value:g} is more than 1: write the accuracy as a fraction "
            "from 0 to 1 (0.25 for 25 %), not as a percentage."
        )
    if not 0 <= value <= 1:
        raise WrongAnswerError(
            "an accuracy is the share of the images that are right: a "
            "number from 0 to 1."
        )
    return value


# 1. Predict, then check: majority vote's accuracy with a single cluster.


def _one_cluster_accuracy(answer) -> str:
    import numpy as np

    counts = np.bincount(_digits().target)
    expected = counts.max() / counts.sum()
    value = _accuracy(answer, "your prediction")
    if abs(value - expected) <= 0.005:
        return (
            "with one cluster, majority vote gives every image the "
            f"cluster's most frequent digit, {counts.argmax()}: its "
            f"{counts.max()} images of {counts.sum():,} are right "
            f"({expected:.1%}), about one in ten, as the digits are about "
            "equally frequent."
        )
    if value >= 0.99:
        raise WrongAnswerError(
            "the one cluster holds every image, and majority vote gives it "
            "a single digit: only the images of that digit are right."
        )
    if value <= 0.001:
        raise WrongAnswerError(
            "majority vote gives the cluster its most frequent digit, so "
            "every image of that digit is right: that is far more than "
            "none (or one)."
        )
    if value > 0.5:
        raise WrongAnswerError(
            "that is near what ten clusters get; with one cluster, every "
            "image gets the same digit, and no digit makes up half of the "
            "images."
        )
    raise WrongAnswerError(
        "with one cluster, every image is given the same digit, the most "
        "frequent one. Which share of the images show it? (Count the "
        "images of each digit.)"
    )


one_cluster_accuracy = Exercise(
    "one_cluster_accuracy", EVALUATION, _one_cluster_accuracy
)


# 2. Write the code: the mean image of each digit.


def _is_kmeans_result(centres, data) -> bool:
    """Whether ``centres`` are where k-means stops on ``data``: each is the
    mean of the points nearest to it."""
    import numpy as np
    from sklearn.metrics import pairwise_distances_argmin

    nearest = pairwise_distances_argmin(data, centres)
    if len(np.unique(nearest)) < len(centres):
        return False
    means = [data[nearest == c].mean(axis=0) for c in range(len(centres))]
    return bool(np.allclose(means, centres, atol=1e-6))


def _mean_over_images(answer, counts) -> None:
    """A list of means over the wrong axis: one row per image of a digit."""
    if not isinstance(answer, (list, tuple)) or len(answer) != len(counts):
        return
    for digit, (mean, count) in enumerate(zip(answer, counts, strict=True)):
        shape = getattr(mean, "shape", ())
        if len(shape) >= 1 and shape[0] == count and shape != (8, 8):
            raise WrongAnswerError(
                f"your mean of digit {digit} has shape {shape}, one row "
                f"per image of it ({count}): a mean over the wrong axis. "
                "Average over axis 0 (one image after another), which "
                "keeps the 8x8 grid."
            )


def _digit_mean_images(answer) -> str:
    import numpy as np

    digits = _digits()
    images, target = digits.images, digits.target
    expected = np.array([images[target == d].mean(axis=0) for d in range(10)])
    _mean_over_images(answer, np.bincount(target))
    means = as_array(answer, "your mean images")
    if means.shape == (10, 64):
        if np.allclose(means, expected.reshape(10, 64)):
            raise WrongAnswerError(
                "these are the right means, but each is a flat row of 64 "
                "pixels: average digits.images (8x8 grids) instead of "
                "digits.data, or reshape to (10, 8, 8)."
            )
        if _is_kmeans_result(means, digits.data):
            raise WrongAnswerError(
                "these are k-means cluster centres: this exercise groups "
                "the images by their true digit (digits.target), not by "
                "cluster."
            )
        raise WrongAnswerError(
            "your answer has one row of 64 pixels per digit; give 8x8 "
            "images, shape (10, 8, 8), each the mean of its digit's images."
        )
    if means.shape == (10,):
        raise WrongAnswerError(
            "your answer holds one number per digit, the mean of all its "
            "pixels: average over axis 0 only (one image after another), "
            "which keeps the 8x8 grid."
        )
    if means.shape == (10, 8):
        raise WrongAnswerError(
            f"your answer has shape {means.shape}: a mean over the wrong "
            "axis. Average the images of a digit over axis 0 (one image "
            "after another), which keeps the 8x8 grid."
        )
    if means.shape == (8, 8):
        raise WrongAnswerError(
            "your answer is a single 8x8 image; give one per digit, shape "
            "(10, 8, 8): row d the mean of the images of digit d."
        )
    if means.shape == (8, 8, 10):
        raise WrongAnswerError(
            "the digits are on the last axis: put them first, shape "
            "(10, 8, 8), so that means[d] is the image of digit d."
        )
    if means.shape == images.shape[:1]:
        raise WrongAnswerError(
            f"your answer holds one value per image ({means.shape[0]:,}); "
            "give one mean 8x8 image per digit, shape (10, 8, 8)."
        )
    if means.shape != expected.shape:
        raise BadInputError(
            f"your mean images should have shape (10, 8, 8), "
            f"not {means.shape}."
        )
    if np.allclose(means, expected):
        return (
            "each image is the mean of all the images of its digit: the "
            "centres k-means would find if its clusters were the digits."
        )
    if np.allclose(means, expected.transpose(0, 2, 1)):
        raise WrongAnswerError(
            "each image is transposed (its rows are the columns of the "
            "mean): average digits.images as they are, without .T."
        )
    counts = np.bincount(target)[:, None, None]
    if np.allclose(means, expected * counts):
        raise WrongAnswerError(
            "these are the sums of each digit's images: divide by the "
            "number of images of the digit to get the mean."
        )
    first = np.array([images[np.argmax(target == d)] for d in range(10)])
    if np.allclose(means, first):
        raise WrongAnswerError(
            "these are single images, the first of each digit (like "
            "digits.images[:10]); average all the images of each digit."
        )
    matches = [
        [d for d in range(10) if np.allclose(mean, expected[d])]
        for mean in means
    ]
    if all(matches) and len({m[0] for m in matches}) == 10:
        raise WrongAnswerError(
            "these are the ten mean images, in another order: row d should "
            "be the mean of the images whose label is d."
        )
    if _is_kmeans_result(means.reshape(10, 64), digits.data):
        raise WrongAnswerError(
            "these are k-means cluster centres: this exercise groups the "
            "images by their true digit (digits.target), not by cluster."
        )
    raise WrongAnswerError(
        "some images are not the mean of their digit's images: select the "
        "images of digit d (digits.images[digits.target == d]) and average "
        "them over axis 0."
    )


digit_mean_images = Exercise("digit_mean_images", CENTRES, _digit_mean_images)


# 3. Write the code: precision, each digit's share of right answers.


def _confusion_matrices():
    """Two confusion matrices (true digit x predicted digit) whose rows
    and columns add up to different totals."""
    import numpy as np

    small = np.array(
        [[50, 3, 0, 7], [10, 40, 2, 0], [0, 25, 30, 1], [4, 0, 0, 60]]
    )
    rng = np.random.default_rng(28)
    large = rng.integers(0, 15, (10, 10)) + np.diag(rng.integers(60, 170, 10))
    return [small, large]


def _precision_per_digit(precision) -> str:
    import numpy as np

    for matrix in _confusion_matrices():
        diagonal = matrix.diagonal()
        expected = diagonal / matrix.sum(axis=0)
        try:
            answer = call(precision, matrix.copy())
        except IndexError as error:
            if isinstance(error, np.exceptions.AxisError):
                raise  # a wrong axis, not a wrong size
            raise WrongAnswerError(
                f"your code went past the end of a {len(matrix)} x "
                f"{len(matrix)} matrix: the check tries matrices of other "
                "sizes than 10, so count the digits with len(matrix)."
            ) from None
        if answer is None:
            raise BadInputError(f"your function returned {describe(answer)}")
        found = as_array(answer, "what your function returns")
        n = len(matrix)
        if found.shape == matrix.shape:
            raise WrongAnswerError(
                f"your function returned a whole {n}x{n} table; return one "
                "value per digit: the diagonal (the right answers) divided "
                "by the column totals."
            )
        if found.shape == ():
            raise WrongAnswerError(
                "your function returned a single number (an accuracy?); "
                "return one value per digit, one per column of the matrix."
            )
        if found.shape != expected.shape:
            raise WrongAnswerError(
                f"your function returned {describe(answer)} for a {n}x{n} "
                f"matrix; it should return {n} values, one per digit."
            )
        if np.allclose(found, expected):
            continue
        if np.allclose(found, diagonal / matrix.sum(axis=1)):
            raise WrongAnswerError(
                "you divided by the row totals, the images of each true "
                "digit: that is the recall, the share of each digit found. "
                "Precision divides by the column totals (sum over axis 0): "
                "the images predicted as each digit."
            )
        if np.allclose(found, diagonal / matrix.sum()):
            raise WrongAnswerError(
                "you divided by the number of all the images; divide each "
                "digit's right answers by the images predicted as that "
                "digit (its column total)."
            )
        if np.allclose(found, diagonal):
            raise WrongAnswerError(
                "these are counts of right answers, not shares: divide "
                "each by its column total."
            )
        if np.allclose(found, diagonal // matrix.sum(axis=0)):
            raise WrongAnswerError(
                "your shares are rounded down to whole numbers (0 or 1): "
                "divide with /, not with //."
            )
        if np.allclose(found, 1 / expected):
            raise WrongAnswerError(
                "your fractions are upside down: the right answers go on "
                "top, the column totals below."
            )
        if np.allclose(found, 1 - expected):
            raise WrongAnswerError(
                "this is the share of wrong answers in each column; "
                "precision is the share of right ones."
            )
        if np.allclose(found, diagonal / matrix.mean(axis=0)):
            raise WrongAnswerError(
                "you divided by each column's mean; divide by its sum, "
                "the number of images predicted as that digit."
            )
        raise WrongAnswerError(
            "for each digit, take the right answers (the diagonal) and "
            "divide by all the images predicted as that digit (its "
            "column's total)."
        )
    return (
        "each digit's precision is its right answers over the images "
        "predicted as it, as sklearn.metrics.precision_score gives, on two "
        "confusion matrices."
    )


precision_per_digit = Exercise(
    "precision_per_digit", CONFUSION, _precision_per_digit
)


# 4. Measure and explain: standardise the pixels, fit, score one-to-one.


def _standardised_accuracy(answer) -> str:
    target = _digits().target
    value = _accuracy(answer, "your accuracy")
    # Half an image: an accuracy rounded to four decimals still counts.
    tolerance = 0.5 / len(target)
    expected = _one_to_one_accuracy(target, _clusters("standard"))
    raw = _one_to_one_accuracy(target, _clusters("raw"))
    if abs(value - expected) < tolerance:
        change = "lowers" if expected < raw else "changes"
        return (
            f"standardising the pixels {change} the one-to-one accuracy, "
            f"from {raw:.1%} on the raw pixels to {expected:.1%}."
        )
    if abs(value - raw) < tolerance:
        raise WrongAnswerError(
            "this is the accuracy on the raw pixels (or on pixels all "
            "divided by the same number, which changes nothing): fit on "
            "X = StandardScaler().fit_transform(digits.data)."
        )
    mistakes = [
        (
            lambda: _majority_accuracy(target, _clusters("standard")),
            "this is majority vote's accuracy (each cluster its most "
            "frequent digit); score one-to-one, with hungarian_mapping.",
        ),
        (
            lambda: _one_to_one_accuracy(
                target, _clusters("standard", "auto")
            ),
            "this is the accuracy of a single k-means run: n_init was left "
            "out (its default, 'auto', makes one run). Pass n_init=10.",
        ),
        (
            lambda: _one_to_one_accuracy(target, _clusters("minmax")),
            "this is the accuracy with MinMaxScaler or MaxAbsScaler (each "
            "pixel from 0 to 1); this exercise standardises each pixel "
            "with StandardScaler (mean 0, standard deviation 1).",
        ),
        (
            lambda: _one_to_one_accuracy(target, _clusters("images")),
            "you standardised each image (each row of digits.data) over "
            "its 64 pixels: the wrong axis. Standardise each pixel (each "
            "column) over the images, as StandardScaler does.",
        ),
        (
            lambda: _majority_accuracy(target, _clusters("raw")),
            "this is majority vote's accuracy on the raw pixels: fit on "
            "the standardised pixels, and score one-to-one.",
        ),
    ]
    for mistaken, explanation in mistakes:
        if abs(value - mistaken()) < tolerance:
            raise WrongAnswerError(explanation)
    if abs(value - expected) < 0.005 and value == round(value, 3):
        raise WrongAnswerError(
            f"close: is your value rounded? Give at least four decimals "
            f"(the accuracy itself, not {value:g})."
        )
    if abs(value - expected) < 0.02:
        raise WrongAnswerError(
            "close, but not the same fit: use KMeans(n_clusters=10, "
            "n_init=10, random_state=0), as the starter code says; another "
            "random_state (or none) can end elsewhere."
        )
    raise WrongAnswerError(
        "this is not the one-to-one accuracy of KMeans(n_clusters=10, "
        "n_init=10, random_state=0) on the standardised pixels: "
        "standardise, fit, match with hungarian_mapping, then score with "
        "mapped_accuracy."
    )


standardised_accuracy = Exercise(
    "standardised_accuracy", EVALUATION, _standardised_accuracy
)


# 5. Stretch: match the centres to the digits' mean images, one-to-one.


def _centre_and_mean_sets():
    """Centres and means to match: the chapter's fit and the digits' mean
    images (many centres are nearest to one mean); and two centres on a
    line whose closest pair is not part of the best matching."""
    import numpy as np

    digits = _digits()
    means = np.array(
        [digits.data[digits.target == d].mean(axis=0) for d in range(10)]
    )
    line_centres = np.array([[1.0, 0.0], [-1.2, 0.0]])
    line_means = np.array([[0.0, 0.0], [2.2, 0.0]])
    # Three points of a plane whose best matching by squared distance is
    # not the best by plain (or city-block, or largest-coordinate) distance.
    plane_centres = np.array([[7.0, 5.0], [5.0, 3.0], [7.0, 3.0]])
    plane_means = np.array([[3.0, 8.0], [2.0, 2.0], [7.0, 6.0]])
    return [
        (_chapter_centres(), means),
        (line_centres, line_means),
        (plane_centres, plane_means),
    ]


def _greedy(costs):
    """Closest pair first, then the closest of the pairs left, and so on."""
    import numpy as np

    costs = costs.astype(float).copy()
    mapping = np.full(len(costs), -1)
    for _ in range(len(costs)):
        row, column = np.unravel_index(np.argmin(costs), costs.shape)
        mapping[row] = column
        costs[row, :] = np.inf
        costs[:, column] = np.inf
    return mapping


def _assignment(costs, maximize=False):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows, columns = linear_sum_assignment(costs, maximize=maximize)
    mapping = np.empty(len(costs), dtype=int)
    mapping[rows] = columns
    return mapping


def _total(costs, mapping) -> float:
    """The total cost of a matching: row i matched to column mapping[i]."""
    return float(sum(costs[row, column] for row, column in enumerate(mapping)))


def _match_centres_to_digits(match) -> str:
    import numpy as np

    for centres, means in _centre_and_mean_sets():
        k = len(centres)
        answer = call(match, centres.copy(), means.copy())
        if answer is None:
            raise BadInputError(f"your function returned {describe(answer)}")
        if isinstance(answer, tuple) and len(answer) == 2:
            raise WrongAnswerError(
                "your function returned two arrays, as "
                "linear_sum_assignment does; combine them into one mapping: "
                "mapping[centre_rows] = digit_columns."
            )
        found = as_array(answer, "what your function returns")
        if found.shape == (k, len(means)) and k > 1:
            raise WrongAnswerError(
                "your function returned a table (the costs?); return the "
                f"mapping, one digit per centre ({k} values)."
            )
        if found.shape != (k,):
            raise WrongAnswerError(
                f"your function returned {describe(answer)}; it should "
                f"return one digit per centre, shape ({k},)."
            )
        if found.dtype.kind == "f" and not np.all(found == np.round(found)):
            raise WrongAnswerError(
                "your mapping holds fractions (distances?); it should hold "
                "the digit given to each centre, whole numbers."
            )
        found = found.astype(int)
        if found.min() < 0 or found.max() >= len(means):
            raise WrongAnswerError(
                "your costs are not one number per centre and mean (a "
                f"{k} x {len(means)} table, summed over the pixels): each "
                "value of the mapping should be a digit, a row of the "
                f"means, 0 to "
                f"{len(means) - 1}."
            )
        squared = ((centres[:, None] - means[None]) ** 2).sum(axis=2)
        distances = np.sqrt(squared)
        one_to_one = len(set(found.tolist())) == k

        if one_to_one and _total(squared, found) <= (
            _total(squared, _assignment(squared)) + 1e-9
        ):
            continue  # the best matching, by squared distance
        if one_to_one and _total(distances, found) <= (
            _total(distances, _assignment(distances)) + 1e-9
        ):
            raise WrongAnswerError(
                "this is the best matching by plain distance, not by "
                "squared distance: k-means' cost is the squared distance "
                "(as the inertia), and the two can choose differently. "
                "Square the distances (cdist(..., 'sqeuclidean'))."
            )
        if not one_to_one:
            if (found == squared.argmin(axis=1)).all():
                raise WrongAnswerError(
                    "each centre got its nearest mean, so some centres got "
                    "the same digit: a many-to-one matching. Give each "
                    "centre its own digit, with linear_sum_assignment on "
                    "the costs."
                )
            raise WrongAnswerError(
                "two centres got the same digit: a one-to-one matching "
                "gives each centre a digit of its own."
            )
        best = _assignment(squared)
        if (found == _greedy(squared)).all():
            raise WrongAnswerError(
                "this matches the closest pair first, then the closest of "
                "the rest (greedy): that is not always the smallest total. "
                "linear_sum_assignment finds the best matching."
            )
        if any(
            (found == _assignment(costs, maximize=True)).all()
            for costs in (squared, distances)
        ):
            raise WrongAnswerError(
                "this matching makes the total distance as large as "
                "possible: distances are costs, so let "
                "linear_sum_assignment minimise them (no maximize=True)."
            )
        if (found == np.argsort(best)).all():
            raise WrongAnswerError(
                "this gives each digit its centre (digit -> centre): are "
                "your costs transposed? costs[c, d] needs one row per "
                "centre and one column per mean, and mapping[c] the digit "
                "of centre c."
            )
        raise WrongAnswerError(
            "each centre has a digit of its own, but the matched pairs are "
            "not as close as they can be in total: compute the squared "
            "distance from every centre to every mean (a k x k table of "
            "costs, summed over the pixels), and let linear_sum_assignment "
            "choose."
        )
    return (
        "each centre got its own digit, with the smallest total distance "
        "(as linear_sum_assignment finds it), on two sets of centres."
    )


match_centres_to_digits = Exercise(
    "match_centres_to_digits", EVALUATION, _match_centres_to_digits
)
