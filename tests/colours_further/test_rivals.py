"""Going further 2: every quantizer keeps to 16 colours; k-means leads."""


def test_every_method_uses_at_most_16_colours(lesson):
    assert set(lesson["colours_used"]) == set(lesson["methods"])
    for name, used in lesson["colours_used"].items():
        assert 1 <= used <= 16, name


def test_quality_ranks_as_measured_before(lesson):
    db = lesson["quality_db"]
    assert 26.5 < db["kmeans_sample"] < 28.5
    assert abs(db["kmeans_sample"] - db["kmeans_all"]) < 0.5
    assert db["kmeans_sample"] > db["median_cut"] > db["random"]
    assert db["random"] > db["fast_octree"]
    assert lesson["best"] == max(db, key=db.get)
    assert lesson["best"].startswith("kmeans")
