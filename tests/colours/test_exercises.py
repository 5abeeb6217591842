"""Colours, exercises: each check accepts the page's solution, says "not
answered yet" to the starter code, recognises typical mistakes, and answers
bad input with one sentence."""

import math

import numpy as np
import pytest

from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.colours import (
    float_pixels_bytes,
    honest_compression,
    pixels_and_back,
    psnr_against_k,
    recolour_with_palette,
)
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
)

from ..exercises import assert_one_sentence, wrong

EXERCISES = [
    float_pixels_bytes,
    pixels_and_back,
    honest_compression,
    recolour_with_palette,
    psnr_against_k,
]
CHINA = (427, 640, 3)  # the shape of china.jpg
N_PIXELS = CHINA[0] * CHINA[1]


@pytest.mark.parametrize(
    ("exercise", "solution"),
    [
        (float_pixels_bytes, lambda lesson: lesson["pixels_bytes"]),
        (
            pixels_and_back,
            lambda lesson: (lesson["to_pixels"], lesson["to_image"]),
        ),
        (honest_compression, lambda lesson: lesson["compression_factor"]),
        (recolour_with_palette, lambda lesson: lesson["recolour"]),
        (psnr_against_k, lambda lesson: lesson["quantized_psnr"]),
    ],
    ids=[exercise.name for exercise in EXERCISES],
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, solution):
    assert exercise.verdict(solution(lesson)).status == CORRECT


def test_the_measurements_hold_what_the_page_says(lesson):
    assert lesson["flat_is_a_view"]
    assert lesson["pixels_bytes"] == 8 * lesson["china_bytes"]
    assert lesson["round_trip_exact"]
    assert 5.9 < lesson["factors"][16] < 6
    assert lesson["tiny_factor"] < 1
    assert lesson["learnt_db"] > lesson["corners_db"]
    assert list(lesson["psnr_by_k"]) == [2, 4, 8, 16, 32]
    assert 1 < lesson["smallest_gain"] <= lesson["largest_gain"] < 7


def test_a_blank_is_not_answered_yet():
    def to_pixels(image):
        return ____

    def recolour(image, palette):
        labels = ____
        return palette[labels]

    assert float_pixels_bytes.verdict(____).status == NOT_ANSWERED
    assert pixels_and_back.verdict((to_pixels, ____)).status == NOT_ANSWERED
    assert recolour_with_palette.verdict(recolour).status == NOT_ANSWERED


def test_float_bytes_explain_the_dtype():
    assert float_pixels_bytes.verdict(N_PIXELS * 3 * 8).status == CORRECT
    wrong(float_pixels_bytes, N_PIXELS * 3, "size of china itself")
    wrong(float_pixels_bytes, N_PIXELS * 3 * 4, "float32")
    wrong(float_pixels_bytes, N_PIXELS * 8, "one number per pixel")
    wrong(float_pixels_bytes, N_PIXELS * 3 * 64, "bits")
    wrong(float_pixels_bytes, 12345, "Does reshaping change")


def to_image(pixels, height, width):
    return pixels.reshape(height, width, 3)


def to_pixels(image):
    return image.reshape(-1, 3)


def test_pixels_and_back_recognises_transposes_and_wrong_reshapes():
    assert pixels_and_back.verdict((to_pixels, to_image)).status == CORRECT
    # To pixels.
    wrong(
        pixels_and_back, (lambda i: i.reshape(-1, 3).T, to_image), "transposed"
    )
    wrong(pixels_and_back, (lambda i: i.reshape(3, -1), to_image), "3 rows")
    wrong(pixels_and_back, (lambda i: i.ravel(), to_image), "flat")
    wrong(pixels_and_back, (lambda i: i, to_image), "image's shape")
    wrong(
        pixels_and_back,
        (lambda i: i.transpose(2, 0, 1).reshape(-1, 3), to_image),
        "a row is not a pixel",
    )
    wrong(
        pixels_and_back,
        (lambda i: i.reshape(3, -1).T, to_image),
        "a row is not a pixel",
    )
    wrong(pixels_and_back, (lambda i: i.reshape(-1, 3) / 255, to_image), "255")
    # Back to an image.
    wrong(
        pixels_and_back,
        (to_pixels, lambda p, h, w: p.reshape(w, h, 3)),
        "width and height swapped",
    )
    wrong(
        pixels_and_back,
        (to_pixels, lambda p, h, w: p.reshape(w, h, 3).transpose(1, 0, 2)),
        "column by column",
    )
    wrong(
        pixels_and_back,
        (to_pixels, lambda p, h, w: p.T.reshape(h, w, 3)),
        "channels got mixed up",
    )
    wrong(
        pixels_and_back,
        (to_pixels, lambda p, h, w: p.reshape(3, h, w)),
        "channels first",
    )


def factor(raw=3, bits=lambda k: math.ceil(math.log2(k)), palette=3):
    """A compression factor with a chosen mistake."""

    def compression_factor(n_pixels, k):
        packed = math.ceil(n_pixels * bits(k) / 8) + palette * k
        return raw * n_pixels / packed

    return compression_factor


def test_the_compression_factor_recognises_each_miscount():
    assert honest_compression.verdict(factor()).status == CORRECT
    wrong(honest_compression, lambda n, k: 256**3 / k, "1 million")
    wrong(
        honest_compression,
        lambda n, k: 24 / math.ceil(math.log2(k)),
        "24 bits over",
    )
    wrong(honest_compression, factor(palette=0), "palette is missing")
    wrong(honest_compression, factor(bits=math.log2), "Round log2(k) up")
    wrong(honest_compression, factor(bits=lambda k: k), "not k bits")
    wrong(honest_compression, factor(palette=1), "3 bytes (red")
    wrong(honest_compression, factor(raw=1), "takes 3 bytes")
    wrong(
        honest_compression,
        lambda n, k: 3 * n / (n * math.ceil(math.log2(k)) + 3 * k),
        "divide",
    )
    wrong(
        honest_compression,
        lambda n, k: 1 / factor()(n, k),
        "upside down",
    )
    wrong(
        honest_compression,
        lambda n, k: 3 * n / (n * math.log2(k) / 8 + 3 * k),
        "nothing was rounded up",
    )
    wrong(
        honest_compression,
        lambda n, k: 3 * n / (n * math.ceil(math.log2(k)) / 8 + 3 * k),
        "bytes were not rounded up",
    )
    wrong(
        honest_compression,
        lambda n, k: 3 * n / (n * math.ceil(math.log2(k)) // 8 + 3 * k),
        "rounded down",
    )
    wrong(  # right for china.jpg only
        honest_compression,
        lambda n, k: factor()(n, k) if k == 16 else 6.0,
        "right for china.jpg",
    )


def recolouring(
    farthest=False, uint8=False, dtype=None, absolute=False, axis=2
):
    """A recolour function with a chosen mistake."""

    def recolour(image, palette):
        pixels = image.reshape(-1, 3)
        if not uint8:
            pixels = pixels.astype(float)
        gaps = pixels[:, None, :] - palette[None, :, :]
        distances = (np.abs(gaps) if absolute else gaps**2).sum(axis)
        labels = distances.argmax(1) if farthest else distances.argmin(1)
        result = palette[labels].reshape(image.shape)
        return result if dtype is None else result.astype(dtype)

    return recolour


def test_recolour_recognises_its_typical_mistakes():
    assert recolour_with_palette.verdict(recolouring()).status == CORRECT
    wrong(recolour_with_palette, recolouring(uint8=True), "wraps around")
    wrong(recolour_with_palette, recolouring(farthest=True), "farthest")
    wrong(recolour_with_palette, recolouring(absolute=True), "absolute")
    wrong(recolour_with_palette, recolouring(axis=1), "summed over axis 1")
    wrong(recolour_with_palette, recolouring(dtype=float), "uint8")
    right = recolouring()
    wrong(
        recolour_with_palette,
        lambda i, p: right(i, p) / 255,
        "from 0 to 1",
    )
    wrong(
        recolour_with_palette,
        lambda i, p: right(i, p).reshape(-1, 3),
        "one row per pixel",
    )

    def indices(image, palette):
        gaps = image.reshape(-1, 1, 3).astype(float) - palette[None]
        return (gaps**2).sum(2).argmin(1).reshape(image.shape[:2])

    wrong(recolour_with_palette, indices, "palette index")
    wrong(  # the mean colour of the image for every pixel
        recolour_with_palette,
        lambda i, p: np.broadcast_to(i.mean((0, 1)), i.shape),
        "not in the palette",
    )


def psnr_with(scale=255, uint8=False, reduce=np.mean, image_scale=1):
    """A quantized_psnr function with a chosen mistake."""

    def quantized_psnr(image, labels, palette):
        quantized = (palette[labels] * scale).reshape(image.shape)
        if uint8:
            quantized = quantized.round().astype(np.uint8)
        original = image if image_scale == 1 else image / image_scale
        mse = reduce((original - quantized) ** 2)
        return 10 * np.log10(255**2 / mse)

    return quantized_psnr


def test_psnr_recognises_scaling_and_overflow():
    assert psnr_against_k.verdict(psnr_with()).status == CORRECT

    def rounded(image, labels, palette):  # the lesson's uint8, subtracted
        quantized = (palette[labels] * 255).round().astype(np.uint8)
        quantized = quantized.reshape(image.shape)
        mse = np.mean((image.astype(float) - quantized) ** 2)
        return 10 * np.log10(255**2 / mse)

    assert psnr_against_k.verdict(rounded).status == CORRECT
    wrong(psnr_against_k, psnr_with(scale=1), "multiply the colours by 255")
    wrong(psnr_against_k, psnr_with(scale=1, image_scale=255), "48 dB")
    wrong(psnr_against_k, psnr_with(uint8=True), "wraps")
    wrong(psnr_against_k, psnr_with(reduce=np.sum), "mean of the squared")
    wrong(psnr_against_k, psnr_with(scale=254), "expected")  # a near miss

    def flat(image, labels, palette):  # colours not reshaped
        return 10 * np.log10(255**2 / np.mean((image - palette[labels]) ** 2))

    wrong(psnr_against_k, flat, "different shapes")

    def per_channel(image, labels, palette):
        quantized = (palette[labels] * 255).reshape(image.shape)
        return 10 * np.log10(255**2 / ((image - quantized) ** 2).mean((0, 1)))

    wrong(psnr_against_k, per_channel, "not one number")


def test_an_error_in_the_learners_code_becomes_a_sentence():
    def broken(image, palette):
        return image @ palette  # shapes do not match

    found = recolour_with_palette.verdict(broken)
    assert found.status == WRONG
    assert "your code raised ValueError" in found.message
    assert_one_sentence(found)


@pytest.mark.parametrize(
    "exercise",
    [honest_compression, recolour_with_palette, psnr_against_k],
    ids=lambda x: x.name,
)
def test_a_function_returning_none_gets_one_sentence(exercise):
    found = exercise.verdict(lambda *args: None)
    assert found.status == BAD_INPUT, found
    assert_one_sentence(found)


def test_pixels_and_back_needs_two_functions():
    found = pixels_and_back.verdict(to_pixels)
    assert found.status == BAD_INPUT
    assert "pair" in found.message
    found = pixels_and_back.verdict((to_pixels, None))
    assert found.status == BAD_INPUT
    assert_one_sentence(found)
