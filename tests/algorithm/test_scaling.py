"""Lesson 4: timings are measured; the text's comparisons hold for them."""

import numpy as np


def test_every_fit_was_timed(lesson):
    for table in (lesson["n_seconds"], lesson["k_seconds"]):
        for times in table.values():
            assert set(times) == set(lesson["names"])
            assert all(0 < t < 60 for t in times.values())


def test_the_slopes_are_fitted_to_the_timings(lesson):
    for name in lesson["names"]:
        times = [lesson["n_seconds"][n][name] for n in lesson["sizes"]]
        expected = np.polyfit(np.log(lesson["sizes"]), np.log(times), 1)[0]
        assert np.isclose(lesson["slope_n_seconds"][name], expected)
    # Sixteen times the data cannot be free, nor cost more than quadratic.
    assert 0.1 < lesson["slope_n_seconds"]["lloyd"] < 2.0


def test_the_words_follow_the_slopes(lesson):
    slopes = lesson["slope_k_seconds"]
    assert lesson["minibatch_flatter_in_k_seconds"] == (
        slopes["minibatch"] < slopes["lloyd"]
    )
    assert lesson["bisecting_flatter_in_k_seconds"] == (
        slopes["bisecting"] < slopes["lloyd"]
    )


def test_lloyd_and_elkan_reach_the_same_inertia(lesson):
    assert lesson["same_lloyd_elkan"]


def test_inertia_excess_is_relative_to_the_lowest(lesson):
    for name in lesson["names"]:
        assert 0 <= lesson["worst_excess"][name] < 1
    assert min(lesson["worst_excess"].values()) >= 0
