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


def test_the_blobs_of_the_centres_say_what_the_page_says(lesson):
    y, points = lesson["y"], lesson["X"]
    for centres, blobs in [
        (lesson["start"], lesson["start_blobs"]),
        (lesson["centres"], lesson["final_blobs"]),
    ]:
        gaps = ((centres[:, None] - points[None]) ** 2).sum(axis=2)
        nearest = gaps.argmin(axis=1)
        assert np.array_equal(blobs, y[nearest])
    start_blobs, final_blobs = lesson["start_blobs"], lesson["final_blobs"]
    assert lesson["blobs_without_centre"] == 4 - len(set(start_blobs))
    moved = [
        name
        for name, before, after in zip(
            lesson["names"], start_blobs, final_blobs, strict=True
        )
        if before != after
    ]
    assert lesson["moved_across"] == moved
    assert lesson["one_centre_per_blob"] == (len(set(final_blobs)) == 4)
    # The start centres are data points: each is in its own point's blob.
    rows = [np.flatnonzero((points == c).all(1))[0] for c in lesson["start"]]
    assert np.array_equal(start_blobs, y[rows])


def test_the_region_plot_is_drawn_true(lesson):
    """Equal scales across and up, so right angles are drawn as such."""
    ax = lesson["ax"]
    assert ax.get_title().startswith("Each centre's region")
    assert ax.get_aspect() == 1.0
    fig = ax.figure
    fig.draw_without_rendering()
    box = ax.get_window_extent()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    per_unit_across = box.width / (x1 - x0)
    per_unit_up = box.height / (y1 - y0)
    assert abs(per_unit_across / per_unit_up - 1) < 0.01
