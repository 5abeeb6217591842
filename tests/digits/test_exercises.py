"""Digits, exercises: each check accepts the page's solution, says "not
answered yet" to the starter code, recognises typical mistakes, and answers
bad input with one sentence."""

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics.cluster import contingency_matrix
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
)
from tutorial_code.exercise_checks.digits import (
    digit_mean_images,
    match_centres_to_digits,
    one_cluster_accuracy,
    precision_per_digit,
    standardised_accuracy,
)

from ..exercises import assert_one_sentence, wrong

EXERCISES = [
    one_cluster_accuracy,
    digit_mean_images,
    precision_per_digit,
    standardised_accuracy,
    match_centres_to_digits,
]
DIGITS = load_digits()


@pytest.mark.parametrize(
    ("exercise", "solution"),
    [
        (one_cluster_accuracy, "one_cluster_score"),
        (digit_mean_images, "digit_means"),
        (precision_per_digit, "precision"),
        (standardised_accuracy, "scaled_accuracy"),
        (match_centres_to_digits, "match_centres"),
    ],
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, solution):
    assert exercise.verdict(lesson[solution]).status == CORRECT


def test_the_page_quotes_plausible_results(lesson):
    assert 0.09 < lesson["one_cluster_score"] < 0.12
    assert lesson["scaled_accuracy"] < lesson["raw_accuracy"]
    assert lesson["largest_scaled"] > 16
    assert 0 <= lesson["n_agree"] <= 10
    assert lesson["least_trusted"] != lesson["least_trusted_intruder"]


def test_a_blank_is_not_answered_yet():
    def precision(matrix):
        return ____

    def match(centres, means):
        costs = ____
        return costs

    assert one_cluster_accuracy.verdict(____).status == NOT_ANSWERED
    assert digit_mean_images.verdict([____] * 10).status == NOT_ANSWERED
    assert precision_per_digit.verdict(precision).status == NOT_ANSWERED
    assert standardised_accuracy.verdict(____).status == NOT_ANSWERED
    assert match_centres_to_digits.verdict(match).status == NOT_ANSWERED


def test_one_cluster_accuracy_explains_majority_vote():
    counts = np.bincount(DIGITS.target)
    assert one_cluster_accuracy.verdict(0.1).status == CORRECT  # "a tenth"
    assert one_cluster_accuracy.verdict(counts.max() / 1797).status == CORRECT
    wrong(one_cluster_accuracy, 1, "only the images of that digit")
    wrong(one_cluster_accuracy, 1.0, "only the images of that digit")
    wrong(one_cluster_accuracy, 0, "far more than none")
    wrong(one_cluster_accuracy, 1 / 1797, "far more than none")
    wrong(one_cluster_accuracy, 10.2, "not as a percentage")
    wrong(one_cluster_accuracy, 0.79, "ten clusters")
    wrong(one_cluster_accuracy, 0.3, "Count the images")
    wrong(one_cluster_accuracy, -0.1, "from 0 to 1")


def digit_means(axis=0, images=DIGITS.images, target=DIGITS.target):
    """Each digit's mean over ``axis``, as a list (the starter's way)."""
    return [images[target == d].mean(axis=axis) for d in range(10)]


def test_mean_images_recognise_their_typical_mistakes():
    means = np.array(digit_means())
    assert digit_mean_images.verdict(means).status == CORRECT
    assert digit_mean_images.verdict(list(means)).status == CORRECT
    wrong(digit_mean_images, means.transpose(0, 2, 1), "transposed")
    wrong(digit_mean_images, digit_means(axis=1), "wrong axis")
    wrong(digit_mean_images, digit_means(axis=2), "wrong axis")
    wrong(digit_mean_images, digit_means(axis=(1, 2)), "wrong axis")
    wrong(digit_mean_images, digit_means(axis=None), "axis 0 only")
    wrong(digit_mean_images, means.reshape(10, 64), "flat row of 64")
    flat = np.array(digit_means(images=DIGITS.data))
    wrong(digit_mean_images, flat, "flat row")
    wrong(digit_mean_images, DIGITS.images[:10], "single images")
    wrong(digit_mean_images, means[::-1], "in another order")
    wrong(digit_mean_images, means.mean(axis=0), "single 8x8 image")
    wrong(digit_mean_images, np.moveaxis(means, 0, -1), "last axis")
    wrong(digit_mean_images, DIGITS.target, "one value per image")
    counts = np.bincount(DIGITS.target)[:, None, None]
    wrong(digit_mean_images, means * counts, "sums")
    kmeans = KMeans(n_clusters=10, n_init=10, random_state=0).fit(DIGITS.data)
    centres = kmeans.cluster_centers_
    wrong(digit_mean_images, centres.reshape(10, 8, 8), "cluster centres")
    wrong(digit_mean_images, centres, "cluster centres")
    wrong(digit_mean_images, means + 1, "digits.target == d")


def test_precision_recognises_its_typical_mistakes():
    def correct(m):
        return m.diagonal() / m.sum(axis=0)

    assert precision_per_digit.verdict(correct).status == CORRECT
    wrong(
        precision_per_digit,
        lambda m: m.diagonal() / m.sum(axis=1),
        "recall",
        "axis 0",
    )
    wrong(
        precision_per_digit,
        lambda m: m.T.diagonal() / m.T.sum(axis=0),  # a transposed matrix
        "recall",
    )
    wrong(
        precision_per_digit,
        lambda m: m.diagonal() / m.sum(),
        "number of all the images",
    )
    wrong(precision_per_digit, lambda m: m.diagonal(), "counts")
    wrong(precision_per_digit, lambda m: m / m.sum(axis=0), "whole")
    wrong(precision_per_digit, lambda m: m.trace() / m.sum(), "single")
    wrong(precision_per_digit, lambda m: 1 / correct(m), "upside down")
    wrong(
        precision_per_digit,
        lambda m: m.diagonal() // m.sum(axis=0),
        "not with //",
    )
    wrong(precision_per_digit, lambda m: 1 - correct(m), "wrong answers")
    wrong(
        precision_per_digit,
        lambda m: m.diagonal() / m.mean(axis=0),
        "column's mean",
    )
    wrong(precision_per_digit, lambda m: correct(m)[:-1], "one per digit")


def test_precision_says_when_the_number_of_digits_is_typed_in():
    def ten_digits(matrix):
        return [matrix[d, d] / matrix[:, d].sum() for d in range(10)]

    wrong(precision_per_digit, ten_digits, "len(matrix)")


def test_precision_turns_an_error_in_the_learners_code_into_a_sentence():
    found = precision_per_digit.verdict(lambda m: m.diagonal() / m.sum(2))
    assert found.status == WRONG
    assert "your code raised" in found.message
    assert_one_sentence(found)


def one_to_one(clusters, vote=False):
    table = contingency_matrix(DIGITS.target, clusters)
    if vote:
        return table.max(axis=0).sum() / table.sum()
    rows, columns = linear_sum_assignment(table, maximize=True)
    return table[rows, columns].sum() / table.sum()


def fit(data, **settings):
    settings = {"n_init": 10, "random_state": 0, **settings}
    return KMeans(n_clusters=10, **settings).fit_predict(data)


def test_standardised_accuracy_recognises_settings_left_out():
    scaled = StandardScaler().fit_transform(DIGITS.data)
    right = one_to_one(fit(scaled))
    assert standardised_accuracy.verdict(right).status == CORRECT
    rounded = round(right, 4)
    assert standardised_accuracy.verdict(rounded).status == CORRECT
    wrong(standardised_accuracy, one_to_one(fit(DIGITS.data)), "raw pixels")
    wrong(standardised_accuracy, one_to_one(fit(DIGITS.data / 16)), "raw")
    wrong(standardised_accuracy, one_to_one(fit(scaled), vote=True), "major")
    wrong(
        standardised_accuracy,
        one_to_one(fit(scaled, n_init="auto")),
        "n_init was left out",
    )
    wrong(
        standardised_accuracy,
        one_to_one(fit(MinMaxScaler().fit_transform(DIGITS.data))),
        "MinMaxScaler",
    )
    wrong(
        standardised_accuracy,
        one_to_one(fit(scaled, random_state=2)),
        "random_state",
    )
    per_image = StandardScaler().fit_transform(DIGITS.data.T).T
    wrong(standardised_accuracy, one_to_one(fit(per_image)), "each image")
    wrong(standardised_accuracy, 100 * right, "percentage")
    wrong(standardised_accuracy, round(right, 2), "rounded")
    wrong(standardised_accuracy, 0.3, "standardise, fit, match")


def squared(centres, means):
    return ((centres[:, None] - means[None]) ** 2).sum(axis=2)


def matching(maximize=False, inverse=False, as_pair=False, root=False):
    """A one-to-one matching of centres to means, with a chosen mistake."""

    def match(centres, means):
        costs = squared(centres, means)
        rows, columns = linear_sum_assignment(
            np.sqrt(costs) if root else costs, maximize=maximize
        )
        if as_pair:
            return rows, columns
        mapping = np.empty(len(centres), dtype=int)
        if inverse:
            mapping[columns] = rows
        else:
            mapping[rows] = columns
        return mapping

    return match


def greedy(centres, means):
    costs = squared(centres, means)
    mapping = np.full(len(costs), -1)
    for _ in range(len(costs)):
        row, column = np.unravel_index(np.argmin(costs), costs.shape)
        mapping[row] = column
        costs[row, :] = np.inf
        costs[:, column] = np.inf
    return mapping


def test_matching_tells_one_to_one_apart_from_its_look_alikes():
    check = match_centres_to_digits
    assert check.verdict(matching()).status == CORRECT
    wrong(check, matching(root=True), "plain distance")

    def city_blocks(centres, means):
        costs = np.abs(centres[:, None] - means[None]).sum(axis=2)
        rows, columns = linear_sum_assignment(costs)
        return columns[np.argsort(rows)]

    assert check.verdict(city_blocks).status == WRONG
    wrong(check, lambda c, m: squared(c, m).argmin(axis=1), "many-to-one")
    wrong(check, lambda c, m: np.zeros(len(c), int), "same digit")
    wrong(check, matching(maximize=True), "as large as possible")
    wrong(check, matching(inverse=True), "each digit its centre")
    wrong(  # costs with one row per mean
        check,
        lambda c, m: matching()(m, c),
        "transposed",
    )
    wrong(check, matching(as_pair=True), "two arrays")
    wrong(check, greedy, "greedy")
    wrong(check, squared, "a table")
    wrong(check, lambda c, m: matching()(c, m) + 0.5, "fractions")
    wrong(check, lambda c, m: matching()(c, m) + 1, "0 to")
    wrong(check, lambda c, m: matching()(c, m)[:-1], "shape")
    wrong(  # one-to-one, but not the best: the identity
        check, lambda c, m: np.arange(len(c)), "not as close"
    )


@pytest.mark.parametrize(
    "exercise",
    [precision_per_digit, match_centres_to_digits],
    ids=lambda x: x.name,
)
def test_a_function_that_returns_nothing_gets_one_sentence(exercise):
    def forgot_to_return(*arrays):
        pass

    found = exercise.verdict(forgot_to_return)
    assert found.status == BAD_INPUT, found
    assert "return" in found.message
    assert_one_sentence(found)
