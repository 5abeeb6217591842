"""Going further 2: what the measures pick on the digits."""

import numpy as np
import pytest

from ..digits.reading import MIN_PHONE_TEXT_PX, phone_text_px


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


@pytest.mark.parametrize("section", ["curves", "silhouette_diagrams"])
def test_the_figures_read_on_a_phone(lesson, section):
    assert phone_text_px(lesson["folder"], section) >= MIN_PHONE_TEXT_PX


def test_images_below_zero_are_counted_for_each_k_shown(lesson):
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_samples

    assert len(lesson["n_below_zero"]) == len(lesson["shown_ks"])
    k = lesson["shown_ks"][0]
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(
        lesson["X"]
    )
    widths = silhouette_samples(lesson["X"], labels)
    assert lesson["n_below_zero"][0] == int(np.sum(widths < 0))
