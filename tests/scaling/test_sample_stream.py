"""Lesson 1: a stream and a sample, within a memory budget."""

import shutil

import numpy as np
from sklearn.cluster import KMeans

from tutorial_code.scaling.chunks import FRAME_PIXELS, frame
from tutorial_code.sitebuild.results import LessonResults

from ..conftest import RESULTS
from .conftest import run_lesson_code


def test_the_archive_is_bigger_than_the_budget(lesson):
    archive = lesson["archive"]
    assert archive.shape == (lesson["n_frames"] * FRAME_PIXELS, 3)
    assert archive.nbytes / 1e6 > lesson["budget_megabytes"]
    assert np.array_equal(archive[:FRAME_PIXELS], frame(0))


def test_peaks_stay_within_the_budget(lesson):
    for peak in ("stream_peak_megabytes", "sample_peak_megabytes"):
        assert 0 < lesson[peak] <= lesson["budget_megabytes"], peak
    assert lesson["within_budget"]


def test_every_pixel_is_assigned(lesson):
    for name in ("labels_stream.npy", "labels_sample.npy"):
        labels = np.load(lesson["folder"] / name, mmap_mode="r")
        assert len(labels) == len(lesson["archive"])
        assert labels.max() < 16


def test_the_comparison_matches_the_inertias(lesson):
    ratio = lesson["sample_inertia"] / lesson["stream_inertia"]
    assert lesson["sample_to_stream"] == ratio
    assert 0.5 < ratio < 1.5


def test_the_stream_had_a_fair_run(lesson):
    # Several seeds, several passes, several mini-batches per chunk.
    seeds = lesson["seeds"]
    assert len(seeds) >= 3
    assert lesson["n_passes"] >= 2
    assert lesson["n_batches"] >= 2
    steps = lesson["n_frames"] * lesson["n_batches"] * lesson["n_passes"]
    assert lesson["stream"].n_steps_ == steps
    for seed in seeds:
        assert len(lesson["stream_scores"][seed]) == lesson["n_passes"]
    assert len(lesson["pass_seconds"]) == len(seeds) * lesson["n_passes"]


def test_the_best_of_each_is_the_lowest_score(lesson):
    final = {seed: s[-1] for seed, s in lesson["stream_scores"].items()}
    assert final[lesson["best_stream_seed"]] == min(final.values())
    assert lesson["stream_range"] == (min(final.values()), max(final.values()))
    samples = lesson["sample_scores"]
    assert samples[lesson["best_sample_seed"]] == min(samples.values())


def test_scores_estimate_the_inertia_per_pixel(lesson):
    # The scoring sample stands in for all the pixels: within a few percent.
    n = len(lesson["archive"])
    best = lesson["stream_scores"][lesson["best_stream_seed"]][-1]
    assert np.isclose(best, lesson["stream_inertia"] / n, rtol=0.03)
    best = lesson["sample_scores"][lesson["best_sample_seed"]]
    assert np.isclose(best, lesson["sample_inertia"] / n, rtol=0.03)


def test_per_pixel_is_the_mean_squared_distance(lesson):
    model = lesson["sampled"]
    pixels = lesson["scoring_pixels"]
    nearest = model.cluster_centers_[model.predict(pixels)]
    expected = ((pixels - nearest) ** 2).sum(axis=1).mean()
    assert np.isclose(lesson["per_pixel"](model), expected, rtol=1e-4)


def test_the_pass_change_reads_with_its_sign(lesson):
    # The page prints it as "+x %" or "-x %": the mean relative change.
    changes = [s[-1] / s[-2] - 1 for s in lesson["stream_scores"].values()]
    assert np.isclose(lesson["last_pass_change"], np.mean(changes))
    assert f"{lesson['last_pass_change']:+.1%}"[0] in "+-"


def test_a_second_run_reuses_the_archive_and_adds_no_file(lesson, tmp_path):
    folder = tmp_path / "again"
    folder.mkdir()
    shutil.copy2(lesson["folder"] / "archive.npy", folder / "archive.npy")
    written = (folder / "archive.npy").stat().st_mtime_ns
    run_lesson_code("sample_stream", folder)
    assert (folder / "archive.npy").stat().st_mtime_ns == written
    assert sorted(p.name for p in folder.iterdir()) == [
        "archive.npy",
        "labels_sample.npy",
        "labels_stream.npy",
    ]


def test_assign_all_gives_kmeans_inertia(lesson, tmp_path):
    rng = np.random.default_rng(0)
    points = rng.integers(0, 256, (FRAME_PIXELS + 500, 3)).astype(np.uint8)
    model = KMeans(n_clusters=4, n_init=1, random_state=0).fit(
        points.astype(np.float32)
    )
    inertia = lesson["assign_all"](model, points, str(tmp_path / "l.npy"))
    expected = -model.score(points.astype(np.float32))
    assert np.isclose(inertia, expected, rtol=1e-4)
    labels = np.load(tmp_path / "l.npy")
    assert np.array_equal(labels, model.predict(points.astype(np.float32)))


def test_the_sample_wins_as_the_page_recommends(lesson):
    # The page concludes "learn the centres from a sample": it must hold.
    claims = LessonResults(RESULTS)["scaling.sample_stream"]["claims"]
    assert set(claims) == {
        "every_sample_beats_every_stream",
        "sample_is_better",
        "last_pass_gains_less_than_the_gap",
    }
    assert lesson["sample_range"][1] < lesson["stream_range"][0]
    assert lesson["stream_gap"] > 0
