"""Lesson 3 runs end to end; its results are in the plausible range."""

import numpy as np


def test_accuracy_is_near_eighty_percent(lesson):
    assert 0.70 <= lesson["hungarian_accuracy"] <= 0.90
    assert lesson["hungarian_accuracy"] <= lesson["majority_accuracy"]


def test_hungarian_gives_every_digit_to_one_cluster(lesson):
    assert sorted(lesson["hungarian"].tolist()) == list(range(10))


def test_shared_and_missing_digits_describe_the_majority_vote(lesson):
    majority = lesson["majority"].tolist()
    for digit in lesson["shared_digits"]:
        assert majority.count(digit) > 1
    for digit in lesson["missing_digits"]:
        assert digit not in majority
    assert len(lesson["missing_digits"]) == 10 - len(set(majority))
    assert lesson["n_relabelled"] == int(
        np.sum(lesson["majority"] != lesson["hungarian"])
    )
