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
