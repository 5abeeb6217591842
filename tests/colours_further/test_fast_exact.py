"""Going further 5: compiled and cut into cells, exact, the fit as good."""

import numpy as np


def test_the_page_checks_exactness_and_finds_it(lesson):
    assert lesson["photo_exact"] is True
    assert lesson["every_colour_exact"] is True
    assert lesson["coarse_exact"] is True
    assert len(lesson["cube"]) == 2**24
    assert len(lesson["coarse"]) == 32**3


def test_the_python_loop_gives_the_compiled_answers(lesson):
    few = len(lesson["few"])
    np.testing.assert_array_equal(
        lesson["by_python"], lesson["brute_force"][:few]
    )
    assert lesson["python_all_seconds"] == (
        lesson["python_seconds"] * lesson["n_pixels"] / few
    )


def test_most_cells_and_pixels_have_one_candidate(lesson):
    assert 0.5 < lesson["one_candidate"] < 1
    assert 0.5 < lesson["pixels_one_candidate"] < 1
    assert 2 <= lesson["most_candidates"] <= len(lesson["palette"])
    cells = lesson["cells"]
    assert lesson["one_candidate"] == np.mean(np.diff(cells.starts) == 1)
    assert lesson["cells_megabytes"] == sum(a.nbytes for a in cells) / 1e6
    assert lesson["cells_megabytes"] < 2.5


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
    compared = lesson["compared"]
    assert lesson["brute_versus_predict_seconds"] == compared(
        lesson["brute_seconds"], lesson["predict_seconds"]
    )
    assert lesson["numbers_versus_rows_seconds"] == compared(
        lesson["numbers_seconds"], lesson["rows_seconds"]
    )
    assert np.isclose(
        lesson["cells_speedup_seconds"],
        lesson["brute_seconds"] / lesson["assign_seconds"],
    )
    assert np.isclose(
        lesson["speedup_over_predict_seconds"],
        lesson["predict_seconds"] / lesson["assign_seconds"],
    )
    fit = lesson["fit_seconds"]
    assert np.isclose(
        lesson["fit_speedup_seconds"], fit["ten_runs"] / fit["third_then_one"]
    )
    assert lesson["fit_outweighs_assign_seconds"] == (
        fit["ten_runs"] > lesson["assign_seconds"]
    )
    assert np.isclose(
        lesson["overall_speedup_seconds"],
        lesson["seconds_before"] / lesson["seconds_after"],
    )


def test_times_are_processor_seconds_after_a_warm_up(lesson):
    """cpu_seconds: one untimed call, then the best of the timed ones."""
    calls = []
    assert lesson["cpu_seconds"](calls.append, 1, repeats=2) >= 0
    assert calls == [1, 1, 1]
    assert lesson["shown"](0.0123) == "12.3 ms"
    assert lesson["shown"](1.234) == "1.23 s"


def test_distinct_colours_match_np_unique(lesson):
    assert lesson["same_colours"] is True
    colours, counts = lesson["by_numbers"]
    assert counts.sum() == len(lesson["sample"]) == 15_000
    assert len(colours) == lesson["n_distinct"]


def test_a_fresh_copy_is_compiled_and_gives_the_same_answers(lesson):
    np.testing.assert_array_equal(
        lesson["fresh"](lesson["few"], lesson["palette"]), lesson["by_python"]
    )
    assert 0 < lesson["compile_seconds"] < 60


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


def test_the_painted_cells_of_the_slice_have_the_nearest_colour(lesson):
    """A cell with one candidate is painted with it: the nearest colour."""
    painted, nearest = lesson["painted"], lesson["nearest"]
    one = lesson["in_plane"] == 1
    assert 0.5 < one.mean() < 1
    np.testing.assert_array_equal(
        (painted[one, :3] * 255).round(), nearest[one].astype(float)
    )
    assert np.all(painted[~one, 3] == 0)
