"""Lesson 3: every method on every case, and what the page concludes."""

import numpy as np

NEEDS_K = ["k-means", "Gaussian mixture", "spectral", "rescaled k-means"]


def test_every_method_is_scored_on_every_case(lesson):
    cases, methods, ari = lesson["cases"], lesson["methods"], lesson["ari"]
    assert len(methods) == 7
    assert set(ari) == {(case, m) for case in cases for m in methods}
    for (case, method), value in ari.items():
        assert -0.5 <= value <= 1
        assert len(lesson["labels"][case, method]) == len(
            lesson["data"][case][1]
        )


def test_each_method_that_needs_k_gets_the_cases_k(lesson):
    for case, (_, k, _, _) in lesson["cases"].items():
        true_k = len(np.unique(lesson["data"][case][1]))
        assert k == (3 if case == "wrong_k" else true_k)
        for method in NEEDS_K:
            assert len(np.unique(lesson["labels"][case, method])) == k


def test_dbscan_leaves_at_most_a_tenth_as_noise(lesson):
    # eps makes nine points in ten core points, and core points are
    # never noise.
    for case in lesson["cases"]:
        noise = np.mean(lesson["labels"][case, "DBSCAN"] == -1)
        assert noise <= 0.1 + 1e-9


def test_the_verdicts_say_what_the_scores_say(lesson):
    ari, cases = lesson["ari"], lesson["cases"]
    others = lesson["others"]
    assert "k-means" not in others
    assert len(others) == lesson["n_others"] == 6
    for case in cases:
        for method in others:
            assert lesson["above"][case, method] == (
                ari[case, method] > ari[case, "k-means"] + 0.05
            )
        assert lesson["n_above"][case] == sum(
            lesson["above"][case, m] for m in others
        )
        other = cases[case][3]
        assert lesson["other_ari"][case] == ari[case, other]
        assert lesson["other_wins"][case] == lesson["above"][case, other]
    assert lesson["n_wins"] == sum(lesson["other_wins"].values())
    assert lesson["n_cases_some_above"] == sum(
        count > 0 for count in lesson["n_above"].values()
    )
    assert lesson["most_cases_above"] == max(lesson["cases_above"].values())


def test_no_method_wins_by_construction(lesson):
    # The page's point: each method fails somewhere, k-means included.
    ari, cases = lesson["ari"], lesson["cases"]
    for method in lesson["methods"]:
        assert min(ari[case, method] for case in cases) < 0.5
    assert lesson["most_cases_above"] < lesson["n_cases"]


def test_silhouette_finds_the_four_blobs(lesson):
    assert lesson["silhouette_k"] == 4
    assert len(np.unique(lesson["data"]["wrong_k"][1])) == 4


def test_the_cases_have_the_shapes_they_claim(lesson):
    sizes = np.bincount(lesson["unequal_size"]()[1])
    assert sizes.max() > 10 * sizes.min()
    points, _ = lesson["unequal_scales"]()
    assert points[:, 1].std() > 10 * points[:, 0].std()
    points, labels = lesson["anisotropic"]()
    spread = np.linalg.eigvalsh(np.cov(points[labels == 0].T))
    assert spread.max() > 4 * spread.min()  # elongated, not round
