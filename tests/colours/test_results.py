"""Lesson 3 of Colours: quality and the honest sizes are plausible."""

from PIL import Image


def test_psnr_of_16_colours_is_between_25_and_30_db(lesson):
    assert 25 <= lesson["quality_db"] <= 30


def test_the_png_is_a_real_16_colour_indexed_image(lesson):
    with Image.open(lesson["folder"] / "china-16-colours.png") as png:
        assert png.mode == "P"
        assert png.size == (640, 427)
        assert len(png.getcolors()) <= 16
    assert (lesson["folder"] / "china-16-colours.png").stat().st_size == (
        lesson["png_bytes"]
    )


def test_sizes_tell_the_true_compression(lesson):
    assert lesson["raw_bytes"] == 427 * 640 * 3
    assert lesson["float64_bytes"] == 8 * lesson["raw_bytes"]
    assert 5.9 < lesson["packed_factor"] <= 6
    assert lesson["png_bytes"] < lesson["packed_bytes"]
    assert lesson["claimed_factor"] == 2**20
