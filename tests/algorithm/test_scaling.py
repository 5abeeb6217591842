"""Lesson 4: timings are measured fairly; the page's words follow them."""

import numpy as np
import pytest


@pytest.fixture
def settings(lesson) -> list[dict]:
    """Every setting measured: per model, its fit time, steps and inertia."""
    return [*lesson["by_n"].values(), *lesson["by_k"].values()]


def test_every_fit_was_timed_and_counted(lesson, settings):
    assert len(settings) == len(lesson["sizes"]) + len(lesson["ks"])
    for measured in settings:
        assert set(measured) == set(lesson["names"])
        for name, result in measured.items():
            assert 0 < result["fit_seconds"] < 60
            if name == "bisecting":  # it reports no iterations
                assert result["steps"] is None
                assert result["step_seconds"] is None
                continue
            assert result["steps"] >= 1
            assert result["step_seconds"] == pytest.approx(
                result["fit_seconds"] / result["steps"]
            )


def test_lloyd_and_elkan_take_the_same_steps_to_the_same_inertia(settings):
    for measured in settings:
        lloyd, elkan = measured["lloyd"], measured["elkan"]
        assert lloyd["steps"] == elkan["steps"]
        assert np.isclose(lloyd["inertia"], elkan["inertia"])


def test_the_slopes_are_fitted_to_the_timings(lesson):
    for against, xs, results in [
        ("n", lesson["sizes"], lesson["by_n"]),
        ("k", lesson["ks"], lesson["by_k"]),
    ]:
        for what in ("fit", "step"):
            slopes = lesson[f"slope_{what}_{against}_seconds"]
            for name, fitted in slopes.items():
                times = [results[x][name][f"{what}_seconds"] for x in xs]
                expected = np.polyfit(np.log(xs), np.log(times), 1)[0]
                assert np.isclose(fitted, expected)
    # Eight times the data cannot be free, nor cost more than quadratic.
    assert 0.1 < lesson["slope_fit_n_seconds"]["lloyd"] < 2.0


@pytest.mark.parametrize(
    ("slope", "words"),
    [
        (-0.13, "fell as n grew"),  # a time that fell did not grow slowly
        (0.05, "hardly changed as n grew"),
        (0.5, "grew less than in proportion to n"),
        (1.1, "grew about in proportion to n"),
        (0.9, "grew about in proportion to n"),
        (1.6, "grew more than in proportion to n"),
    ],
)
def test_growth_words_each_case(lesson, slope, words):
    assert lesson["growth"](slope, "n") == words


def test_fastest_keeps_every_method_within_the_margin(lesson):
    fastest = lesson["fastest"]
    assert fastest({"a": 1.0, "b": 2.0, "c": 3.0}) == ["a"]
    assert fastest({"a": 1.05, "b": 1.0, "c": 3.0}) == ["a", "b"]  # a tie
    assert fastest({"a": 1.0, "b": 1.0}) == ["a", "b"]


def test_the_words_follow_the_measurements(lesson, settings):
    compared, growth = lesson["compared"], lesson["growth"]
    for at, results, x in [
        ("n", lesson["by_n"], lesson["largest_n"]),
        ("k", lesson["by_k"], lesson["largest_k"]),
    ]:
        times = {m: results[x][m]["fit_seconds"] for m in lesson["names"]}
        versus = lesson[f"versus_lloyd_at_{at}_seconds"]
        for name, seconds in times.items():
            assert versus[name] == compared(seconds, times["lloyd"])
        assert lesson[f"fastest_at_{at}_seconds"] == lesson["fastest"](times)
        assert min(times, key=times.get) in lesson[f"fastest_at_{at}_seconds"]
    slopes_n = lesson["slope_step_n_seconds"]
    assert lesson["lloyd_step_n_growth_seconds"] == growth(
        slopes_n["lloyd"], "n"
    )
    assert lesson["minibatch_step_n_growth_seconds"] == growth(
        slopes_n["minibatch"], "n"
    )
    assert lesson["elkan_ever_faster_seconds"] == any(
        compared(s["elkan"]["fit_seconds"], s["lloyd"]["fit_seconds"])
        == "faster than"
        for s in settings
    )


def test_inertia_excess_is_relative_to_the_lowest(lesson):
    for name in lesson["names"]:
        assert 0 <= lesson["worst_excess"][name] < 1
    assert min(lesson["worst_excess"].values()) >= 0
