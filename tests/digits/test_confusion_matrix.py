"""Lesson 4 runs end to end; its results are in the plausible range."""

import numpy as np
import pytest

from .reading import rendered


def test_matrix_counts_every_image_once(lesson):
    matrix = lesson["matrix"]
    assert matrix.shape == (10, 10)
    assert matrix.sum() == 1797
    accuracy = np.trace(matrix) / matrix.sum()
    evaluation_accuracy = np.mean(
        lesson["predicted"] == lesson["digits"].target
    )
    assert accuracy == evaluation_accuracy


def test_most_confused_pair_has_the_most_mistakes(lesson):
    matrix = lesson["matrix"]
    a, b = lesson["digit_a"], lesson["digit_b"]
    assert a != b
    assert (lesson["n_a_as_b"], lesson["n_b_as_a"]) == (
        matrix[a, b],
        matrix[b, a],
    )
    off_diagonal = matrix - np.diag(np.diag(matrix))
    both_ways = off_diagonal + off_diagonal.T
    assert matrix[a, b] + matrix[b, a] == both_ways.max()


def test_gallery_shows_real_mistakes(lesson):
    target, predicted = lesson["digits"].target, lesson["predicted"]
    a, b = lesson["digit_a"], lesson["digit_b"]
    assert len(lesson["a_as_b"]) == lesson["n_a_as_b"]
    assert np.all(target[lesson["a_as_b"]] == a)
    assert np.all(predicted[lesson["a_as_b"]] == b)


def test_recall_names_the_best_and_worst_digit(lesson):
    recall = lesson["recall"]
    assert 0 <= recall.min() <= recall.max() <= 1
    assert recall[lesson["best_digit"]] == recall.max()
    assert recall[lesson["worst_digit"]] == recall.min()


def test_the_story_is_told_by_the_share_of_mistakes_one_way(lesson):
    n_a_as_b, n_b_as_a = lesson["n_a_as_b"], lesson["n_b_as_a"]
    larger = max(n_a_as_b, n_b_as_a)
    assert lesson["share_one_way"] == larger / (n_a_as_b + n_b_as_a)
    assert 0.5 <= lesson["share_one_way"] <= 1
    assert lesson["mostly_one_way"] == (
        3 * larger >= 2 * (n_a_as_b + n_b_as_a)
    )
    true, guess = lesson["swallowed"], lesson["swallower"]
    assert lesson["matrix"][true, guess] == larger


@pytest.mark.parametrize("one_way", [True, False])
def test_the_story_reads_for_both_outcomes(one_way):
    text = rendered(
        "digits/confusion_matrix",
        digits__confusion_matrix__mostly_one_way=one_way,
    )
    if one_way:
        assert "tell the second story: one cluster took in many" in text
    else:
        assert "tell the first story: two clusters blur into each" in text
