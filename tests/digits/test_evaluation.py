"""Lesson 3 runs end to end; its results are in the plausible range."""

import numpy as np
import pytest

from .reading import rendered

PAGE = "digits/evaluation"


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


def test_counts_agree_exactly_when_every_relabelled_cluster_ties(lesson):
    table, majority, hungarian = (
        lesson["table"],
        lesson["majority"],
        lesson["hungarian"],
    )
    ties = all(
        table[majority[c], c] == table[hungarian[c], c]
        for c in lesson["relabelled"]
    )
    assert lesson["same_count"] == ties
    assert lesson["same_count"] == (
        lesson["n_right_majority"] == lesson["n_right_hungarian"]
    )
    if lesson["majority_is_one_to_one"]:
        assert lesson["same_count"]
        assert lesson["n_relabelled"] == 0


def test_the_two_stories_on_synthetic_clusters():
    """An even split ties the two counts; an uneven one does not."""
    from tutorial_code.digits.matching import (
        hungarian_mapping,
        majority_vote_mapping,
        mapped_accuracy,
    )

    def scores(split: int) -> tuple[float, float]:
        # Cluster 0: 100 zeros; cluster 1: 100 zeros and `split` ones.
        labels = np.array([0] * 100 + [0] * 100 + [1] * split)
        clusters = np.array([0] * 100 + [1] * (100 + split))
        majority = majority_vote_mapping(labels, clusters)
        hungarian = hungarian_mapping(labels, clusters)
        return (
            mapped_accuracy(labels, clusters, majority),
            mapped_accuracy(labels, clusters, hungarian),
        )

    even_majority, even_hungarian = scores(100)
    assert even_majority == even_hungarian
    uneven_majority, uneven_hungarian = scores(60)
    assert uneven_majority > uneven_hungarian


def test_purity_is_majority_vote_for_more_clusters(lesson):
    from sklearn.cluster import KMeans

    from tutorial_code.digits.matching import (
        majority_vote_mapping,
        mapped_accuracy,
    )

    ks, purities = lesson["purity_ks"], lesson["purities"]
    assert ks == [10, 20, 50, 100]
    assert purities[0] == lesson["majority_accuracy"]
    data, target = lesson["digits"].data, lesson["digits"].target
    clusters = KMeans(n_clusters=20, n_init=10, random_state=0).fit_predict(
        data
    )
    vote = majority_vote_mapping(target, clusters)
    assert purities[1] == mapped_accuracy(target, clusters, vote)
    assert lesson["purity_rises"] == all(np.diff(purities) > 0)


@pytest.mark.parametrize("tie", [True, False])
def test_the_page_reads_right_whether_this_fit_ties_or_not(tie):
    text = rendered(PAGE, digits__evaluation__same_count=tie)
    if tie:
        assert "In this build the two counts are the same." in text
        assert "This fit is a tie, so on its own it does not show" in text
    else:
        assert "In this build the two counts differ." in text
        assert "This fit shows the difference, and the seed study" in text


def test_the_page_leads_with_the_seed_study_and_names_purity():
    text = rendered(PAGE)
    lead = text[: text.index("## Majority vote")]
    assert "seed study" in lead
    assert "scored higher than the one-to-one matching" in lead
    assert "purity" in text
    # Majority vote is a classifier too: the page must not say otherwise.
    assert "could deliver" not in text
