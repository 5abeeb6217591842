"""Going further 1: the seed study's statistics come from its own runs."""

import numpy as np
import pytest

from ..digits.reading import MIN_PHONE_TEXT_PX, phone_text_px, rendered


def runs_with(lesson, n_init: int) -> list[dict]:
    return [run for run in lesson["runs"] if run["n_init"] == n_init]


def test_every_seed_was_fitted_with_both_n_init(lesson):
    for n_init in (1, 10):
        assert len(runs_with(lesson, n_init)) == lesson["n_seeds"] >= 20


def test_statistics_are_computed_from_the_runs(lesson):
    for index, n_init in enumerate((1, 10)):
        runs = runs_with(lesson, n_init)
        accuracy = [run["accuracy"] for run in runs]
        assert lesson["accuracy_spread"][index] == pytest.approx(
            100 * (max(accuracy) - min(accuracy))
        )
        assert lesson["not_one_to_one"][index] == sum(
            not run["one_to_one"] for run in runs
        )
        gaps = [run["majority_accuracy"] - run["accuracy"] for run in runs]
        assert lesson["n_overstated"][index] == sum(gap > 0 for gap in gaps)
        assert lesson["largest_gap_points"][index] == pytest.approx(
            100 * max(gaps)
        )
    single = runs_with(lesson, 1)
    lowest = min(single, key=lambda run: run["inertia"])
    assert lesson["lowest_inertia_accuracy"] == lowest["accuracy"]
    assert lesson["best_accuracy"] == max(run["accuracy"] for run in single)
    assert lesson["best_is_lowest"] == (
        lowest["accuracy"] == lesson["best_accuracy"]
    )


def test_ten_starts_are_steadier_and_never_worse_in_inertia(lesson):
    spread_1, spread_10 = lesson["accuracy_spread"]
    assert spread_10 < spread_1
    inertia_1 = [run["inertia"] for run in runs_with(lesson, 1)]
    inertia_10 = [run["inertia"] for run in runs_with(lesson, 10)]
    assert min(inertia_10) <= min(inertia_1) * (1 + 1e-9)
    assert np.median(inertia_10) <= np.median(inertia_1)


def test_scores_are_in_plausible_ranges(lesson):
    for run in lesson["runs"]:
        assert 0.5 < run["accuracy"] < 0.95
        assert 0.4 < run["ari"] < 0.9
        assert 0.5 < run["nmi"] < 0.9
    assert lesson["ari_correlation"] > 0.5


def test_majority_vote_never_claims_less_and_only_when_not_one_to_one(lesson):
    for run in lesson["runs"]:
        assert run["majority_accuracy"] >= run["accuracy"]
        if run["one_to_one"]:  # then both matchings are the same
            assert run["majority_accuracy"] == pytest.approx(run["accuracy"])
    assert lesson["mostly_not_one_to_one"] == (
        lesson["not_one_to_one"][0] > lesson["n_seeds"] / 2
    )


def test_the_plot_reads_on_a_phone(lesson):
    assert phone_text_px(lesson["folder"], "plot") >= MIN_PHONE_TEXT_PX


@pytest.mark.parametrize("most", [True, False])
def test_the_share_of_shared_digits_reads_for_both_outcomes(most):
    text = rendered(
        "digits_further/stability",
        digits_further__stability__mostly_not_one_to_one=most,
    )
    word = "more" if most else "not more"
    assert f"that is {word} than half of the single-start fits" in text


@pytest.mark.parametrize("lowest_is_best", [True, False])
def test_the_inertia_question_is_answered_either_way(lowest_is_best):
    text = rendered(
        "digits_further/stability",
        digits_further__stability__best_is_lowest=lowest_is_best,
    )
    assert "## Is the lowest inertia the best accuracy?" in text
    answer = "It is:" if lowest_is_best else "It is not:"
    assert f"{answer} among the single-start fits" in text
