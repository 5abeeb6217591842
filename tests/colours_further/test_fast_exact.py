"""Going further 5: the colour table is exact, the fit as good and faster."""

import numpy as np


def test_the_page_checks_exactness_and_finds_it(lesson):
    assert lesson["photo_exact"] is True
    assert lesson["cube_exact"] is True
    assert len(lesson["cube"]) == 32**3


def test_most_colours_and_pixels_are_decided_by_their_cell(lesson):
    assert 0.5 < lesson["decided"] < 1
    assert 0.5 < lesson["in_decided_cells"] < 1
    assert lesson["table_megabytes"] == 2**24 / 1e6


def test_the_floor_is_computed_from_the_pixel_count(lesson):
    n = lesson["n_pixels"]
    assert n == 2560 * 1708
    assert lesson["flops"] == n * len(lesson["palette"]) * 6
    assert lesson["bytes_moved"] == 4 * n
    assert lesson["floor_seconds"] > 0
    assert lesson["above_floor_seconds"] == (
        lesson["assign_seconds"] > lesson["floor_seconds"]
    )


def test_the_words_follow_the_measurements(lesson):
    assert lesson["assign_beats_brute_force_seconds"] == (
        lesson["assign_seconds"] < lesson["brute_seconds"]
    )
    assert lesson["assign_beats_predict_seconds"] == (
        lesson["assign_seconds"] < lesson["predict_seconds"]
    )
    fit = lesson["fit_seconds"]
    assert lesson["fit_faster_seconds"] == (
        fit["third_then_one"] < fit["ten_runs"]
    )
    assert lesson["fit_outweighs_assign_seconds"] == (
        fit["ten_runs"] > lesson["assign_seconds"]
    )
    assert lesson["faster_overall_seconds"] == (
        lesson["seconds_after"] < lesson["seconds_before"]
    )


def test_the_new_fit_keeps_the_quality(lesson):
    db = lesson["quality_db"]
    assert len(db["ten_runs"]) == len(db["third_then_one"]) == 3
    for values in db.values():
        assert all(26.5 < x < 29 for x in values)
    assert abs(lesson["psnr_change_db"]) < 0.1
    assert np.isclose(
        lesson["psnr_change_db"],
        np.mean(db["third_then_one"]) - np.mean(db["ten_runs"]),
    )


def test_before_and_after_use_16_colours(lesson):
    assert lesson["palette"].shape == (16, 3)
    assert lesson["palette"].dtype == np.uint8


def test_the_figure_slice_agrees_with_the_table(lesson):
    looked_up, nearest = lesson["looked_up"], lesson["nearest"]
    palette = lesson["palette"]
    known = looked_up != lesson["UNDECIDED"]
    np.testing.assert_array_equal(palette[looked_up[known]], nearest[known])
