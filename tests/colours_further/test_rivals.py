"""Going further 2: every quantizer keeps to 16 colours; k-means leads."""

import inspect

import numpy as np
import pytest

from tutorial_code.quantize.quantizer import fit_palette, quantize

from ..conftest import DOCS


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


def test_quantize_learns_from_the_same_sample(lesson):
    """kmeans_sample is the baseline for quantize's starts: same pixels."""
    pixels = lesson["pixels"]
    chosen = np.random.default_rng(0).choice(len(pixels), 15_000, False)
    np.testing.assert_array_equal(lesson["sample"], pixels[chosen])
    defaults = inspect.signature(quantize).parameters
    assert defaults["sample_size"].default == 15_000
    assert defaults["seed"].default == 0


def test_the_page_describes_quantize_as_the_library_does():
    """The page once said "ten starts" after the library had changed."""
    page = (DOCS / "colours_further" / "rivals.md").read_text("utf-8")
    source = inspect.getsource(fit_palette)
    assert "n_init=5" in source
    assert "// 3" in source
    assert "five k-means++ starts on a random third" in " ".join(page.split())
    assert "ten starts" not in page
    assert "n_init=10" not in page


def test_every_method_is_timed_warm_on_the_same_photo(lesson):
    seconds = lesson["seconds"]
    assert set(seconds) == set(lesson["methods"])
    assert all(0 < value < 60 for value in seconds.values())
    # Each call gives the same result: the timed calls are the shown one.
    for name in ("random", "quantize", "fast_octree"):
        palette, _ = lesson["methods"][name]()
        np.testing.assert_array_equal(lesson["palettes"][name], palette)


def test_conclusions_are_computed_from_the_table(lesson):
    db, seconds = lesson["quality_db"], lesson["seconds"]
    assert lesson["sample_gap_db"] == pytest.approx(
        db["kmeans_all"] - db["kmeans_sample"]
    )
    assert lesson["sample_speedup_seconds"] == pytest.approx(
        seconds["kmeans_all"] / seconds["kmeans_sample"]
    )
    assert lesson["starts_gain_db"] == pytest.approx(
        db["quantize"] - db["kmeans_sample"]
    )
    by_time = sorted(seconds, key=seconds.get)
    assert lesson["fastest_seconds"] == by_time[0]
    assert lesson["runner_up_seconds"] == by_time[1]
    assert lesson["lead_seconds"] == pytest.approx(
        seconds[by_time[1]] / seconds[by_time[0]]
    )
    assert lesson["octree_beats_random"] == (db["fast_octree"] > db["random"])
    assert lesson["fastest_db"] == db[lesson["fastest_seconds"]]
    assert lesson["best_db"] == db[lesson["best"]]
    assert (
        0
        < lesson["assign_share_seconds"]
        == pytest.approx(lesson["assign_seconds"] / seconds["quantize"])
    )


def test_durations_never_read_zero(lesson):
    duration = lesson["duration"]
    assert duration(0.0123) == "12.3 ms"
    assert duration(0.0004) == "0.4 ms"
    assert duration(1.234) == "1.23 s"
    for shown in lesson["seconds_shown"].values():
        assert shown not in {"0.00 s", "0.0 ms"}
