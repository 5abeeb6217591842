"""How k-means works, exercises: each check accepts the page's solution,
says "not answered yet" to the starter code, recognises typical mistakes,
and answers bad input with one sentence."""

import numpy as np
import pytest

from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.algorithm import (
    assign_with_a_loop,
    kmeans_plus_plus_seeding,
    random_start_inertias,
    scaled_inertia,
    update_step,
)
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
)

from ..exercises import assert_one_sentence, wrong


@pytest.mark.parametrize(
    ("exercise", "solution"),
    [
        (assign_with_a_loop, "assign_loop"),
        (update_step, "update_means"),
        (kmeans_plus_plus_seeding, "seed_centres"),
        (random_start_inertias, "inertias"),
    ],
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, solution):
    assert exercise.verdict(lesson[solution]).status == CORRECT


def test_a_blank_is_not_answered_yet():
    def assign(points, centres):
        return [____ for point in points]

    assert assign_with_a_loop.verdict(assign).status == NOT_ANSWERED
    assert scaled_inertia.verdict(____).status == NOT_ANSWERED
    assert random_start_inertias.verdict([____] * 20).status == NOT_ANSWERED


def test_scaled_inertia_explains_the_square():
    assert scaled_inertia.verdict(4).status == CORRECT
    wrong(scaled_inertia, 2, "squared")
    wrong(scaled_inertia, 1, "clusters stay the same")
    wrong(scaled_inertia, 8, "one point at distance d")
    assert scaled_inertia.verdict(True).status == BAD_INPUT


def nearest(points, centres):
    return ((points[:, None] - centres[None]) ** 2).sum(-1)


def test_assign_recognises_its_typical_mistakes():
    wrong(assign_with_a_loop, lambda p, c: nearest(p, c).argmax(1), "farthest")
    wrong(assign_with_a_loop, lambda p, c: nearest(p, c).argmin(0), "one per")
    wrong(assign_with_a_loop, lambda p, c: nearest(p, c).min(1), "distances")
    wrong(
        assign_with_a_loop,
        lambda p, c: c[nearest(p, c).argmin(1)],
        "centres themselves",
    )
    wrong(
        assign_with_a_loop,
        lambda p, c: nearest(p, c).argsort(1),
        "np.argsort",
    )
    wrong(
        assign_with_a_loop,
        lambda p, c: nearest(p, c).argmin(1) + 1,
        "one too high",
    )
    wrong(  # only the first coordinate counted
        assign_with_a_loop,
        lambda p, c: nearest(p[:, :1], c[:, :1]).argmin(1),
        "sum the squares",
    )


def test_assign_turns_an_error_in_the_learners_code_into_a_sentence():
    def broken(points, centres):
        return points @ centres  # shapes do not match

    found = assign_with_a_loop.verdict(broken)
    assert found.status == WRONG
    assert "your code raised ValueError" in found.message
    assert_one_sentence(found)


def test_update_recognises_its_typical_mistakes():
    def means(points, labels, k, axis=0):
        return np.array([points[labels == c].mean(axis) for c in range(k)])

    wrong(update_step, lambda p, y, k: means(p, y, k).T, "one row per")
    wrong(
        update_step,
        lambda p, y, k: np.array([p[y == c].mean() for c in range(k)]),
        "wrong axis",
    )
    wrong(
        update_step,
        lambda p, y, k: np.array([p[y == c].sum(0) for c in range(k)]),
        "sums",
    )
    wrong(
        update_step,
        lambda p, y, k: np.array([p[y == c][0] for c in range(k)]),
        "first point",
    )
    wrong(update_step, lambda p, y, k: means(p, y, k, axis=1), "wrong axis")
    wrong(
        update_step,
        lambda p, y, k: np.array([p[c].mean() for c in range(k)]),
        "point number c",
    )
    wrong(update_step, lambda p, y, k: p[:k], "point number c itself")


def seeding(
    weight=lambda d2: d2, farthest=False, as_index=False, newest_only=False
):
    """A k-means++ seeding with a chosen mistake."""

    def seed(points, k, rng):
        chosen = [int(rng.integers(len(points)))]
        while len(chosen) < k:
            gaps = nearest(points, points[chosen])
            d2 = gaps[:, -1] if newest_only else gaps.min(1)
            if farthest:
                chosen.append(int(d2.argmax()))
            else:
                p = weight(d2)
                chosen.append(int(rng.choice(len(points), p=p / p.sum())))
        return np.array(chosen) if as_index else points[chosen]

    return seed


def test_seeding_tells_the_rules_apart():
    assert kmeans_plus_plus_seeding.verdict(seeding()).status == CORRECT
    wrong(kmeans_plus_plus_seeding, seeding(np.sqrt), "distance D, not")
    wrong(kmeans_plus_plus_seeding, seeding(lambda d2: d2 > 0), "random start")
    wrong(kmeans_plus_plus_seeding, seeding(farthest=True), "farthest first")
    wrong(kmeans_plus_plus_seeding, seeding(as_index=True), "indices")
    wrong(kmeans_plus_plus_seeding, seeding(newest_only=True), "NEAREST")


def test_seeding_explains_numpys_complaints_about_chances():
    def chances(make):
        def seed(points, k, rng):
            centres = [points[rng.integers(len(points))]]
            while len(centres) < k:
                gaps = nearest(points, np.array(centres))
                p = make(gaps)
                centres.append(points[rng.choice(len(points), p=p)])
            return np.array(centres)

        return seed

    def per_centre(gaps):
        d2 = gaps.min(0)
        return d2 / d2.sum()

    wrong(kmeans_plus_plus_seeding, chances(per_centre), "one per point")
    wrong(kmeans_plus_plus_seeding, chances(lambda g: g.min(1)), "add up to 1")


def test_random_starts_recognise_settings_left_out():
    from sklearn.cluster import KMeans

    from tutorial_code.exercise_checks.algorithm import eight_blobs

    points = eight_blobs()

    def inertias(**settings):
        return [
            KMeans(8, random_state=seed, **settings).fit(points).inertia_
            for seed in range(20)
        ]

    best_of_ten = inertias(init="random")
    wrong(random_start_inertias, best_of_ten, "n_init left out")
    right = inertias(init="random", n_init=1)
    wrong(random_start_inertias, sorted(right), "another order")
    wrong(random_start_inertias, [-x for x in right], ".score")
    wrong(random_start_inertias, inertias(n_init=1), "k-means++")
    same = KMeans(8, init="random", n_init=1, random_state=0)
    same = same.fit(points).inertia_
    wrong(random_start_inertias, [same] * 20, "same random_state")
    wrong(random_start_inertias, best_of_ten[:5], "you gave 5")
