"""Lesson 2 of Colours: the recolouring, checked on every pixel."""

import numpy as np
import pytest


def test_quantized_image_keeps_shape_and_dtype_with_16_colours(lesson):
    quantized, china = lesson["quantized"], lesson["china"]
    assert quantized.shape == china.shape
    assert quantized.dtype == china.dtype
    colours = np.unique(quantized.reshape(-1, 3), axis=0)
    assert len(colours) <= 16
    assert lesson["n_colours"] == len(colours)


def test_every_output_colour_is_a_centre(lesson):
    centres = (lesson["palette"] * 255).round().astype(np.uint8)
    used = np.unique(lesson["quantized"].reshape(-1, 3), axis=0)
    centre_set = {tuple(centre) for centre in centres}
    assert all(tuple(colour) in centre_set for colour in used)


def test_each_pixel_gets_its_nearest_centre(lesson):
    pixels, palette, labels = (
        lesson["pixels"],
        lesson["palette"],
        lesson["labels"],
    )
    distances = ((pixels[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2)
    chosen = distances[np.arange(len(pixels)), labels]
    np.testing.assert_allclose(chosen, distances.min(axis=1), atol=1e-12)


def test_fitting_on_a_sample_loses_little_quality(lesson):
    mse = lesson["mse"]
    assert set(mse) == {"full", "sample", "minibatch"}
    assert 0 < mse["full"] < 0.01
    assert mse["sample"] < 1.1 * mse["full"]


def test_the_three_fits_compare_like_with_like(lesson):
    models = lesson["models"]
    assert {model.n_init for model in models.values()} == {1}
    assert {model.n_clusters for model in models.values()} == {16}
    assert {model.random_state for model in models.values()} == {0}
    mse = lesson["mse"]
    assert lesson["sample_error_higher"] == (mse["sample"] > mse["full"])


def test_the_words_follow_the_timings(lesson):
    seconds, compared = lesson["seconds"], lesson["compared"]
    assert all(0 < value < 60 for value in seconds.values())
    assert lesson["sample_speedup_seconds"] == (
        seconds["full"] / seconds["sample"]
    )
    assert lesson["minibatch_versus_full_seconds"] == compared(
        seconds["minibatch"], seconds["full"]
    )
    assert lesson["minibatch_took_longer_seconds"] == (
        seconds["minibatch"] > seconds["full"]
    )


def test_the_data_each_fit_went_through_is_counted(lesson):
    models, n = lesson["models"], len(lesson["pixels"])
    assert lesson["kmeans_passes"] == models["full"].n_iter_ >= 1
    minibatch = models["minibatch"]
    assert lesson["minibatch_steps"] == minibatch.n_steps_ >= 1
    assert lesson["minibatch_passes"] == pytest.approx(
        minibatch.n_steps_ * minibatch.batch_size / n
    )


def test_durations_are_shown_in_ms_under_a_tenth_of_a_second(lesson):
    duration = lesson["duration"]
    assert duration(0.05) == "50.0 ms"
    assert duration(0.1) == "0.10 s"
    assert set(lesson["seconds_shown"]) == set(lesson["seconds"])
