"""Lesson 4 of Colours: the functions, a large photo, and the command."""

import re

import numpy as np
from PIL import Image

from tutorial_code.quantize import cli

from ..conftest import DOCS


def test_the_photo_gets_16_colours_of_good_quality(lesson):
    assert lesson["palette"].shape == (16, 3)
    assert 25 <= lesson["quality_db"] <= 30
    with Image.open(lesson["folder"] / "photo-16-colours.png") as png:
        assert png.mode == "P"
        assert png.size == (640, 427)
        np.testing.assert_array_equal(np.asarray(png), lesson["indices"])
    assert lesson["png_bytes"] == (
        (lesson["folder"] / "photo-16-colours.png").stat().st_size
    )


def test_the_png_is_compared_with_the_jpeg_it_came_from(lesson):
    assert lesson["png_smaller_than_jpeg"] == (
        lesson["png_bytes"] < lesson["jpeg_bytes"]
    )


def test_the_large_photo_is_timed(lesson):
    assert 0 < lesson["large_seconds"] < 60


def test_a_large_photo_needs_little_memory(lesson):
    assert lesson["n_large"] == 4240 * 2829
    assert lesson["indices_megabytes"] == lesson["n_large"] / 1e6
    assert lesson["indices_megabytes"] <= lesson["peak_megabytes"]
    assert lesson["peak_megabytes"] < lesson["float64_megabytes"] / 5


def test_the_command_prints_what_the_functions_compute(lesson, capsys):
    folder = lesson["folder"]
    status = cli.main([str(folder / "photo.jpg"), str(folder / "cli.png")])
    assert status == 0
    printed = capsys.readouterr().out
    assert f"PSNR {lesson['quality_db']:.2f} dB" in printed
    assert f"-> {lesson['png_bytes']:,} bytes" in printed
    assert (folder / "cli.png").read_bytes() == (
        (folder / "photo-16-colours.png").read_bytes()
    )


def test_the_page_gives_the_options_true_defaults():
    page = (DOCS / "colours" / "own_image.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `--(\w+)[^|]*\| (.*) \|$", page, re.M))
    defaults = vars(cli.parser().parse_args(["in.jpg", "out.png"]))
    for option in ("colors", "sample", "seed"):
        assert f"(default {defaults[option]:,})" in rows[option], option
    assert "2 to 256" in rows["colors"]
