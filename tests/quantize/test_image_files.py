"""Reading every kind of image as 8-bit pixels; writing indexed PNGs safely."""

import numpy as np
import pytest
from PIL import Image

from tutorial_code.quantize.image_files import read_image, write_indexed_png
from tutorial_code.quantize.quality import psnr

from .images import INPUTS, PHOTO, alpha_mask


@pytest.mark.parametrize("name", INPUTS)
def test_every_kind_reads_as_8_bit_pixels(name, tmp_path):
    write, (width, height), transparent = INPUTS[name]
    write(tmp_path / name)
    pixels = read_image(tmp_path / name)
    assert pixels.dtype == np.uint8
    assert pixels.shape == (height, width, 4 if transparent else 3)


def gray(image: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(image).convert("L"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("rgb.png", PHOTO),
        ("rgb-16-bit.png", PHOTO),  # the high byte of each 16-bit value
        ("grayscale.png", np.dstack([gray(PHOTO)] * 3)),
        ("grayscale-16-bit.png", np.dstack([gray(PHOTO)] * 3)),
    ],
)
def test_lossless_kinds_read_exactly(name, expected, tmp_path):
    INPUTS[name][0](tmp_path / name)
    np.testing.assert_array_equal(read_image(tmp_path / name), expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cmyk.jpg", PHOTO),  # not colour-inverted, as some CMYK JPEGs go
        ("exif-rotated.jpg", np.rot90(PHOTO, k=-1)),  # turned as shown
    ],
)
def test_jpeg_kinds_read_close_to_the_photo(name, expected, tmp_path):
    INPUTS[name][0](tmp_path / name)
    assert psnr(expected, read_image(tmp_path / name)) > 30


def test_alpha_is_kept_and_invisible_colours_are_merged(tmp_path):
    INPUTS["rgba.png"][0](tmp_path / "rgba.png")
    pixels = read_image(tmp_path / "rgba.png")
    np.testing.assert_array_equal(pixels[..., 3], alpha_mask())
    transparent = pixels[..., 3] == 0
    assert transparent.any()
    assert (pixels[transparent] == 0).all()


def test_an_opaque_rgba_image_reads_as_rgb(tmp_path):
    opaque = np.dstack([PHOTO, np.full(PHOTO.shape[:2], 255, np.uint8)])
    Image.fromarray(opaque).save(tmp_path / "opaque.png")
    np.testing.assert_array_equal(read_image(tmp_path / "opaque.png"), PHOTO)


@pytest.mark.parametrize("channels", [3, 4])
def test_an_indexed_png_round_trips(channels, tmp_path):
    rng = np.random.default_rng(0)
    palette = rng.integers(0, 256, size=(16, channels), dtype=np.uint8)
    indices = rng.integers(0, 16, size=(5, 7), dtype=np.uint8)
    size = write_indexed_png(tmp_path / "out.png", palette, indices)
    assert size == (tmp_path / "out.png").stat().st_size
    with Image.open(tmp_path / "out.png") as png:
        assert png.mode == "P"
        mode = "RGBA" if channels == 4 else "RGB"
        np.testing.assert_array_equal(np.asarray(png), indices)
        np.testing.assert_array_equal(
            np.asarray(png.convert(mode)), palette[indices]
        )


def interrupt_while_saving(monkeypatch) -> None:
    """Make Pillow write half a file, then be interrupted (Ctrl-C)."""

    def save(self, file, *args, **kwargs):
        file.write(b"\x89PNG half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(Image.Image, "save", save)


def test_an_interrupted_write_leaves_no_file(monkeypatch, tmp_path):
    interrupt_while_saving(monkeypatch)
    palette = np.zeros((2, 3), dtype=np.uint8)
    with pytest.raises(KeyboardInterrupt):
        write_indexed_png(tmp_path / "out.png", palette, np.zeros((2, 2)))
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_the_old_file_whole(monkeypatch, tmp_path):
    (tmp_path / "out.png").write_bytes(b"the previous output")
    interrupt_while_saving(monkeypatch)
    palette = np.zeros((2, 3), dtype=np.uint8)
    with pytest.raises(KeyboardInterrupt):
        write_indexed_png(tmp_path / "out.png", palette, np.zeros((2, 2)))
    assert list(tmp_path.iterdir()) == [tmp_path / "out.png"]
    assert (tmp_path / "out.png").read_bytes() == b"the previous output"
