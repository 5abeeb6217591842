"""Lesson 1: a stream and a sample, within a memory budget."""

import shutil

import numpy as np
from sklearn.cluster import KMeans

from tutorial_code.scaling.chunks import FRAME_PIXELS, frame

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
    assert lesson["sample_is_better"] == (ratio < 1)
    assert 0.5 < ratio < 1.5


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
    assert lesson["sample_is_better"]
