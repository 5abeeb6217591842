"""The cluster-to-label matchings of tutorial_code/digits/matching.py."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutorial_code.digits.matching import (
    hungarian_mapping,
    majority_vote_mapping,
    mapped_accuracy,
)


def from_table(table: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Labels and clusters whose contingency table is ``table``."""
    labels, clusters = [], []
    for label, row in enumerate(table):
        for cluster, count in enumerate(row):
            labels += [label] * count
            clusters += [cluster] * count
    return np.array(labels), np.array(clusters)


# Rows: labels 0, 1, 2; columns: clusters 0, 1, 2. Clusters 0 and 1 both hold
# mostly zeros, so majority vote never predicts label 1.
TABLE = [
    [5, 4, 0],
    [0, 3, 1],
    [0, 0, 6],
]


def test_majority_vote_on_a_known_table():
    labels, clusters = from_table(TABLE)
    mapping = majority_vote_mapping(labels, clusters)
    assert mapping.tolist() == [0, 0, 2]
    assert mapped_accuracy(labels, clusters, mapping) == pytest.approx(15 / 19)


def test_hungarian_on_a_known_table():
    labels, clusters = from_table(TABLE)
    mapping = hungarian_mapping(labels, clusters)
    assert mapping.tolist() == [0, 1, 2]
    assert mapped_accuracy(labels, clusters, mapping) == pytest.approx(14 / 19)


def test_labels_that_are_not_0_to_k():
    labels, clusters = from_table(TABLE)
    names = np.array([10, 20, 30])
    assert hungarian_mapping(names[labels], clusters).tolist() == [10, 20, 30]
    assert majority_vote_mapping(names[labels], clusters).tolist() == [
        10,
        10,
        30,
    ]


def test_more_clusters_than_labels_cannot_be_one_to_one():
    with pytest.raises(ValueError, match="no more clusters than labels"):
        hungarian_mapping(np.array([0, 0, 1, 1]), np.array([0, 1, 2, 2]))


@st.composite
def clusterings(draw) -> tuple[np.ndarray, np.ndarray]:
    """True labels and k clusters (ids 0..k-1), with no fewer labels than k."""
    k = draw(st.integers(1, 6))
    n_labels = draw(st.integers(k, 8))
    n_free = draw(st.integers(0, 50))
    # The first samples use every label and cluster id; the rest are free.
    labels = list(range(n_labels))
    labels += draw(
        st.lists(
            st.integers(0, n_labels - 1), min_size=n_free, max_size=n_free
        )
    )
    clusters = [i % k for i in range(n_labels)]
    clusters += draw(
        st.lists(st.integers(0, k - 1), min_size=n_free, max_size=n_free)
    )
    return np.array(labels), np.array(clusters)


@given(clusterings(), st.randoms())
def test_a_perfect_clustering_scores_one(clustering, random):
    labels, _ = clustering
    k = int(labels.max()) + 1
    clusters = np.array(random.sample(range(k), k))[labels]  # renamed labels
    for match in (hungarian_mapping, majority_vote_mapping):
        assert mapped_accuracy(labels, clusters, match(labels, clusters)) == 1


@given(clusterings(), st.randoms())
def test_renaming_the_clusters_changes_no_accuracy(clustering, random):
    labels, clusters = clustering
    k = int(clusters.max()) + 1
    renamed = np.array(random.sample(range(k), k))[clusters]
    for match in (hungarian_mapping, majority_vote_mapping):
        before = mapped_accuracy(labels, clusters, match(labels, clusters))
        after = mapped_accuracy(labels, renamed, match(labels, renamed))
        assert after == pytest.approx(before)


@given(clusterings())
def test_hungarian_is_one_to_one_and_never_beats_majority(clustering):
    labels, clusters = clustering
    hungarian = hungarian_mapping(labels, clusters)
    assert len(set(hungarian.tolist())) == len(hungarian)
    majority = majority_vote_mapping(labels, clusters)
    hungarian_score = mapped_accuracy(labels, clusters, hungarian)
    assert hungarian_score <= mapped_accuracy(labels, clusters, majority)
