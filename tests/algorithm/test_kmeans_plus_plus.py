"""Lesson 2: random starts against k-means++, over many seeds."""

import numpy as np


def test_every_seed_ran_for_every_seeding(lesson):
    for name in lesson["seeders"]:
        assert len(lesson["final"][name]) == lesson["n_seeds"]
        assert np.all(lesson["excess"][name] >= 0)
        assert np.all(lesson["updates"][name] >= 1)
    assert min(values.min() for values in lesson["excess"].values()) == 0


def test_k_means_plus_plus_starts_better_than_random_points(lesson):
    # The prose words these two comparisons from the booleans; on blobs
    # as well separated as the page's, k-means++ should win both.
    assert lesson["plus_beats_random"] == (
        lesson["share_plus"] > lesson["share_random"]
    )
    assert lesson["plus_is_quicker"] == (
        lesson["updates_plus"] < lesson["updates_random"]
    )
    assert lesson["plus_beats_random"]
    assert (
        lesson["median_excess"]["k-means++"]
        <= lesson["median_excess"]["random"]
    )


def test_the_n_init_chances_grow_with_n_init(lesson):
    for name in lesson["seeders"]:
        p = lesson["share_best"][name]
        assert 0 <= p <= 1
        assert lesson["chance_best"][name] == 1 - (1 - p) ** 10
        assert lesson["chance_best"][name] >= p


def test_the_figure_shows_k_centres_per_start(lesson):
    for start in lesson["starts"].values():
        assert start.shape == (lesson["k"], 2)
        assert len(np.unique(start, axis=0)) == lesson["k"]


def test_blobs_without_centre_counts_blobs_with_no_centre(lesson):
    count, k = lesson["blobs_without_centre"], lesson["k"]
    points, y = lesson["X"], lesson["y"]
    means = np.array([points[y == blob].mean(axis=0) for blob in range(k)])
    assert count(means) == 0  # one centre on every blob
    assert count(np.repeat(means[:1], k, axis=0)) == k - 1  # all on one
    assert count(means[[0, 0, 2, 3, 4, 5, 6, 7]]) == 1


def test_the_repair_counts_say_what_the_runs_say(lesson):
    for name in lesson["seeders"]:
        had_gap = lesson["empty_start"][name] > 0
        has_gap = lesson["empty_end"][name] > 0
        assert lesson["left_empty"][name] == had_gap.sum()
        assert lesson["filled"][name] == (had_gap & ~has_gap).sum()
        # Here a blob left empty at the start is never emptied later, and
        # a run ends above the lowest inertia exactly when a blob is empty.
        assert not (has_gap & ~had_gap).any()
        assert np.array_equal(lesson["excess"][name] > 1e-9, has_gap)
    assert 0 < lesson["filled_random"] < lesson["left_empty_random"]
    assert lesson["left_empty_plus"] < lesson["left_empty_random"]
