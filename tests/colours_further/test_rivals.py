"""Going further 2: every quantizer keeps to 16 colours; k-means leads."""

import pytest


def test_every_method_uses_at_most_16_colours(lesson):
    assert set(lesson["colours_used"]) == set(lesson["methods"])
    for name, used in lesson["colours_used"].items():
        assert 1 <= used <= 16, name


def test_quality_ranks_as_measured_before(lesson):
    db = lesson["quality_db"]
    assert 26.5 < db["kmeans_sample"] < 28.5
    assert abs(db["kmeans_sample"] - db["kmeans_all"]) < 0.5
    assert db["quantize"] > db["median_cut"] > db["random"]
    assert db["random"] > db["fast_octree"]
    assert lesson["best"] == max(db, key=db.get)
    assert lesson["best_is_kmeans"]


def test_conclusions_are_computed_from_the_table(lesson):
    db, seconds = lesson["quality_db"], lesson["seconds"]
    assert lesson["sample_gap_db"] == pytest.approx(
        db["kmeans_all"] - db["kmeans_sample"]
    )
    assert lesson["sample_within_half_db"] == (
        abs(lesson["sample_gap_db"]) < 0.5
    )
    assert lesson["sample_faster_than_all_seconds"] == (
        seconds["kmeans_sample"] < seconds["kmeans_all"]
    )
    assert lesson["minibatch_faster_than_all_seconds"] == (
        seconds["minibatch_all"] < seconds["kmeans_all"]
    )
    assert lesson["fastest_seconds"] == min(seconds, key=seconds.get)
    assert lesson["octree_beats_random"] == (db["fast_octree"] > db["random"])
    assert lesson["fastest_db"] == db[lesson["fastest_seconds"]]
    assert lesson["best_db"] == db[lesson["best"]]


def test_durations_never_read_zero(lesson):
    duration = lesson["duration"]
    assert duration(0.0123) == "12.3 ms"
    assert duration(0.0004) == "0.4 ms"
    assert duration(1.234) == "1.23 s"
    for shown in lesson["seconds_shown"].values():
        assert shown not in {"0.00 s", "0.0 ms"}
