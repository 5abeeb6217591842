"""Going further 2: what the measures pick on the digits."""

import numpy as np


def test_one_score_per_k_from_2_to_20(lesson):
    assert lesson["ks"] == list(range(2, 21))
    for name in ("inertias", "silhouettes", "calinski_harabasz"):
        assert len(lesson[name]) == len(lesson["ks"])


def test_inertia_falls_as_k_grows(lesson):
    assert np.all(np.diff(lesson["inertias"]) < 0)


def test_the_picks_are_the_maxima_and_plausible(lesson):
    ks, silhouettes = lesson["ks"], lesson["silhouettes"]
    assert lesson["silhouette_k"] == ks[int(np.argmax(silhouettes))]
    assert 6 <= lesson["silhouette_k"] <= 14
    assert 0.1 < max(silhouettes) < 0.3
    assert (
        lesson["calinski_harabasz_k"]
        == ks[int(np.argmax(lesson["calinski_harabasz"]))]
    )


def test_the_drops_around_ten_are_small(lesson):
    assert 0 < lesson["drop_at_10"] < 0.1
    assert 0 < lesson["drop_at_9"] < 0.1
