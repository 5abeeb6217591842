"""Lesson 1: the from-scratch run, its figures' data and scikit-learn's."""

import numpy as np


def test_the_run_takes_enough_updates_for_the_strip(lesson):
    assert lesson["n_updates"] >= 3  # the strip shows updates 1, 2 and last
    assert len(lesson["history"]) == lesson["n_updates"] + 1


def test_inertia_falls_and_never_rises(lesson):
    assert lesson["always_down"]
    assert lesson["final_inertia"] < lesson["first_inertia"]
    assert np.all(np.diff(lesson["half_steps"]) <= 1e-9)


def test_scikit_learn_with_tol_zero_gives_the_same_answer(lesson):
    assert lesson["same_labels"]
    assert lesson["centres_match"]
    assert lesson["centre_gap"] < 1e-12
    assert lesson["sklearn_passes"] == lesson["n_updates"] + 1


def test_the_default_tol_stops_no_later(lesson):
    assert lesson["default_passes"] <= lesson["sklearn_passes"]
    assert 0 <= lesson["default_gap"] < 1.0


def test_reached_best_says_what_the_inertias_say(lesson):
    best = lesson["best"].inertia_
    assert best <= lesson["final_inertia"] * (1 + 1e-9)
    assert lesson["reached_best"] == (
        lesson["final_inertia"] <= best * (1 + 1e-9)
    )


def test_the_far_start_empties_a_cluster_and_both_recover(lesson):
    assert 0 in lesson["counts"].tolist()
    assert not np.isnan(lesson["empty_centres"]).any()
    assert lesson["empty_same_labels"]
    assert lesson["empty_match"]


def test_the_regions_are_the_nearest_centres(lesson):
    regions = lesson["regions"]
    assert set(np.unique(regions)) == set(range(lesson["k"]))


def test_default_stops_earlier_says_what_the_passes_say(lesson):
    assert lesson["default_stops_earlier"] == (
        lesson["default_passes"] < lesson["sklearn_passes"]
    )
