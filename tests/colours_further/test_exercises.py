"""Going further with colours, exercises: each check accepts the page's
solution, says "not answered yet" to the starter code, recognises typical
mistakes, and answers bad input with one sentence."""

import numpy as np
import pytest

from tutorial_code.colours_further.lab import (
    EPSILON,
    KAPPA,
    RGB_TO_XYZ,
    WHITE,
    delta_e,
    rgb_to_lab,
)
from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.colours_further import (
    floyd_steinberg,
    lab_by_hand,
    most_visible_step,
    nearest_exactly,
    quality_as_k_grows,
    sky,
)
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
    WRONG,
)
from tutorial_code.quantize.quality import psnr

from ..exercises import assert_one_sentence, wrong

EXERCISES = [
    most_visible_step,
    quality_as_k_grows,
    lab_by_hand,
    nearest_exactly,
    floyd_steinberg,
]


@pytest.mark.parametrize(
    ("exercise", "names"),
    [
        (most_visible_step, ["largest_step"]),
        (quality_as_k_grows, ["quality_db", "mean_delta_e"]),
        (lab_by_hand, ["srgb_to_lab"]),
        (nearest_exactly, ["nearest_by_product"]),
        (floyd_steinberg, ["dither"]),
    ],
    ids=lambda x: getattr(x, "name", ""),
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, names):
    answer = tuple(lesson[name] for name in names)
    answer = answer[0] if len(answer) == 1 else answer
    assert exercise.verdict(answer).status == CORRECT


def test_the_solutions_found_what_the_page_says(lesson):
    assert lesson["largest_step"] == "green"
    assert lesson["largest_gap"] < 1e-9
    assert lesson["same_as_brute_force"]
    assert lesson["pixel_db"]["dithered"] < lesson["pixel_db"]["plain"]
    assert lesson["afar_db"]["dithered"] > lesson["afar_db"]["plain"]
    assert 45 <= lesson["middle_lightness"] <= 60


def test_a_blank_is_not_answered_yet():
    def convert(rgb):
        return ____

    assert most_visible_step.verdict(____).status == NOT_ANSWERED
    assert quality_as_k_grows.verdict(([____], [____])).status == NOT_ANSWERED
    assert lab_by_hand.verdict(convert).status == NOT_ANSWERED
    assert nearest_exactly.verdict(convert).status == NOT_ANSWERED
    assert floyd_steinberg.verdict(convert).status == NOT_ANSWERED


# 1. Which step shows most?


def test_a_step_is_named_by_channel_or_index():
    for answer in ("green", "Green ", 1):
        assert most_visible_step.verdict(answer).status == CORRECT


def test_a_step_named_otherwise_gets_one_sentence():
    found = most_visible_step.verdict("g")
    assert found.status == BAD_INPUT
    assert "not 'g'" in found.message
    assert_one_sentence(found)


def test_each_other_step_gets_its_own_explanation():
    wrong(most_visible_step, "blue", "blue step is ΔE", "0.07")
    wrong(most_visible_step, 0, "red step is ΔE", "0.21")


# 2. Quality as k grows.

KS = range(2, 13)


def sweep(seed=0, rounded=True):
    """The sky repainted for each k: a list of images."""
    from sklearn.cluster import KMeans

    crop = sky()
    images = []
    for k in KS:
        model = KMeans(n_clusters=k, n_init=1, random_state=seed)
        model.fit(crop.reshape(-1, 3))
        centres = model.cluster_centers_
        palette = centres.round().astype(np.uint8) if rounded else centres
        images.append(palette[model.labels_].reshape(crop.shape))
    return images


@pytest.fixture(scope="module")
def repainted():
    return sweep()


def scored(images, quality=psnr, delta=None):
    crop = sky()
    delta = delta or (lambda a, b: float(delta_e(a, b).mean()))
    return (
        [quality(crop, image) for image in images],
        [delta(crop, image) for image in images],
    )


def test_the_sweep_is_right_with_or_without_rounding(repainted):
    assert quality_as_k_grows.verdict(scored(repainted)).status == CORRECT
    unrounded = scored(sweep(rounded=False))
    assert quality_as_k_grows.verdict(unrounded).status == CORRECT


def test_the_sweep_recognises_its_typical_mistakes(repainted):
    quality, delta = scored(repainted)
    wrong(quality_as_k_grows, (delta, quality), "swapped")
    wrong(quality_as_k_grows, (quality[::-1], delta[::-1]), "down to")
    wrong(quality_as_k_grows, (quality[:-1], delta[:-1]), "you gave 10")

    def mse(a, b):
        return float(np.mean((a.astype(float) - b) ** 2))

    def in_uint8(a, b):  # the differences wrap around
        return 10 * np.log10(255**2 / np.mean((a - b).astype(float) ** 2))

    def rgb_distance(a, b):
        return float(np.linalg.norm(a.astype(float) - b, axis=-1).mean())

    wrong(quality_as_k_grows, scored(repainted, mse), "mean squared errors")
    wrong(
        quality_as_k_grows,
        scored(repainted, lambda a, b: psnr(a, b, max_value=1)),
        "take 1 as the largest",
    )
    wrong(quality_as_k_grows, scored(repainted, in_uint8), "wraps around")
    wrong(
        quality_as_k_grows,
        scored(repainted, delta=rgb_distance),
        "distances in RGB",
    )
    wrong(
        quality_as_k_grows,
        scored(repainted, delta=lambda a, b: float(delta_e(a, b).sum())),
        "sum of ΔE",
    )
    wrong(
        quality_as_k_grows,
        scored(repainted, delta=lambda a, b: float(delta_e(a, b).max())),
        "largest ΔE",
    )


def test_the_sweep_recognises_delta_e_left_per_pixel(repainted):
    quality, _ = scored(repainted)
    per_pixel = [delta_e(sky(), image) for image in repainted]
    wrong(quality_as_k_grows, (quality, per_pixel), "mean over the pixels")


def test_the_sweep_with_another_seed_is_not_accepted():
    wrong(quality_as_k_grows, scored(sweep(seed=1)), "random_state=0")


# 3. CIELAB by hand.


def by_hand(
    scale=255,
    gamma="srgb",
    matrix=RGB_TO_XYZ.T,
    white=WHITE,
    f_below=True,
    a_factor=500,
    b_factor=200,
    swap=False,
):
    """A conversion as a learner might write it, with a chosen mistake."""

    def convert(rgb):
        v = np.asarray(rgb, dtype=np.float64) / scale
        if gamma == "srgb":
            linear = np.where(
                v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4
            )
        elif gamma == "no straight":
            linear = ((v + 0.055) / 1.055) ** 2.4
        else:
            linear = v**gamma
        xyz = linear @ matrix / white
        f = np.cbrt(xyz)
        if f_below:
            f = np.where(xyz > EPSILON, f, (KAPPA * xyz + 16) / 116)
        lightness = 116 * f[..., 1] - 16
        a = a_factor * (f[..., 0] - f[..., 1])
        b = b_factor * (f[..., 1] - f[..., 2])
        if swap:
            a, b = b, a
        return np.stack([lightness, a, b], axis=-1)

    return convert


def test_lab_by_hand_recognises_each_step_done_wrong():
    assert lab_by_hand.verdict(by_hand()).status == CORRECT
    assert lab_by_hand.verdict(rgb_to_lab).status == CORRECT
    wrong(lab_by_hand, by_hand(scale=1), "divided by 255")
    wrong(lab_by_hand, by_hand(gamma=1), "gamma was not undone")
    wrong(lab_by_hand, by_hand(gamma=2.2), "power of 2.2")
    wrong(lab_by_hand, by_hand(gamma=2.4), "is not sRGB's curve")
    wrong(lab_by_hand, by_hand(matrix=RGB_TO_XYZ), "transposed")
    wrong(lab_by_hand, by_hand(white=1), "white point")
    wrong(lab_by_hand, by_hand(f_below=False), "cube root was taken")
    wrong(lab_by_hand, by_hand(swap=True), "swapped")
    wrong(lab_by_hand, by_hand(a_factor=-500, b_factor=-200), "wrong sign")
    wrong(lab_by_hand, by_hand(a_factor=200, b_factor=500), "factors")
    wrong(lab_by_hand, by_hand(a_factor=400), "a* differ")
    wrong(lab_by_hand, by_hand(gamma="no straight"), "darkest colours")


def test_lab_by_hand_points_to_a_straight_part_done_wrong():
    def f_without_16(rgb):
        v = np.asarray(rgb, dtype=np.float64) / 255
        linear = np.where(
            v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4
        )
        xyz = linear @ RGB_TO_XYZ.T / WHITE
        f = np.where(xyz > EPSILON, np.cbrt(xyz), KAPPA * xyz / 116)
        return np.stack(
            [
                116 * f[..., 1] - 16,
                500 * (f[..., 0] - f[..., 1]),
                200 * (f[..., 1] - f[..., 2]),
            ],
            axis=-1,
        )

    def gamma_without_12_92(rgb):
        v = np.asarray(rgb, dtype=np.float64) / 255
        linear = np.where(v <= 0.04045, v, ((v + 0.055) / 1.055) ** 2.4)
        xyz = linear @ RGB_TO_XYZ.T / WHITE
        f = np.where(xyz > EPSILON, np.cbrt(xyz), (KAPPA * xyz + 16) / 116)
        return np.stack(
            [
                116 * f[..., 1] - 16,
                500 * (f[..., 0] - f[..., 1]),
                200 * (f[..., 1] - f[..., 2]),
            ],
            axis=-1,
        )

    wrong(lab_by_hand, f_without_16, "straight part of f")
    wrong(lab_by_hand, gamma_without_12_92, "a channel is 10 or less")


def test_lab_by_hand_recognises_wrong_shapes():
    wrong(lab_by_hand, lambda rgb: by_hand()(rgb).T, "as rows")
    wrong(lab_by_hand, lambda rgb: by_hand()(rgb)[:, 0], "L*, a*, b*")


# 4. The nearest colour, exactly.


def product(scores_of, take=np.argmin, axis=1):
    """A nearest-colour function from a formula for the scores."""

    def nearest(pixels, palette):
        x, c = pixels.astype(np.int64), palette.astype(np.int64)
        return take(scores_of(x, c), axis=axis)

    return nearest


def test_nearest_exactly_recognises_its_typical_mistakes():
    right = product(lambda x, c: (c**2).sum(1) - 2 * x @ c.T)
    assert nearest_exactly.verdict(right).status == CORRECT
    wrong(
        nearest_exactly,
        product(lambda x, c: (c**2).sum(1) - 2 * x @ c.T, take=np.argmax),
        "farthest",
    )
    wrong(nearest_exactly, product(lambda x, c: -2 * x @ c.T), "|c|² term")
    wrong(
        nearest_exactly,
        product(lambda x, c: (c**2).sum(1) + 2 * x @ c.T),
        "wrong sign",
    )
    wrong(
        nearest_exactly,
        product(lambda x, c: (c**2).sum(1) - x @ c.T),
        "factor 2",
    )
    wrong(
        nearest_exactly,
        product(lambda x, c: (c**2).sum(1) - 2 * x @ c.T, axis=0),
        "one per colour",
    )


def test_nearest_exactly_recognises_uint8_floats_and_colours():
    def in_uint8(pixels, palette):
        scores = (palette**2).sum(axis=1) - 2 * pixels @ palette.T
        return scores.argmin(axis=1)

    def in_floats(pixels, palette):
        x, c = pixels / 255, palette / 255
        return ((c**2).sum(1) - 2 * x @ c.T).argmin(axis=1)

    def colours(pixels, palette):
        x, c = pixels.astype(np.int64), palette.astype(np.int64)
        return palette[((c**2).sum(1) - 2 * x @ c.T).argmin(axis=1)]

    wrong(nearest_exactly, in_uint8, "uint8")
    wrong(nearest_exactly, in_floats, "halfway between two colours")
    wrong(nearest_exactly, colours, "returned colours")
    wrong(
        nearest_exactly,
        product(lambda x, c: (c**2).sum(1) - 2 * x @ c.T, take=np.min),
        "not indices",
    )


# 5. Floyd-Steinberg by hand.

RIGHT = [(0, 1, 7 / 16), (1, -1, 3 / 16), (1, 0, 5 / 16), (1, 1, 1 / 16)]


def dithering(neighbours=RIGHT, sign=1, from_original=False, colours=False):
    """Floyd-Steinberg as a learner might write it, with a chosen mistake."""

    def dither(image, palette):
        values = image.astype(np.float64)
        palette_f = palette.astype(np.float64)
        height, width, _ = values.shape
        indices = np.zeros((height, width), dtype=np.int64)
        for row in range(height):
            for column in range(width):
                value = values[row, column]
                nearest = ((palette_f - value) ** 2).sum(axis=1).argmin()
                indices[row, column] = nearest
                if from_original:
                    value = image[row, column].astype(np.float64)
                error = sign * (value - palette_f[nearest])
                for dr, dc, share in neighbours:
                    r, c = row + dr, column + dc
                    if 0 <= r < height and 0 <= c < width:
                        values[r, c] += share * error
        return palette[indices] if colours else indices

    return dither


def test_dithering_recognises_its_typical_mistakes():
    assert floyd_steinberg.verdict(dithering()).status == CORRECT
    wrong(floyd_steinberg, dithering(neighbours=[]), "no pixel's colour")
    wrong(floyd_steinberg, dithering(sign=-1), "wrong way")
    wrong(floyd_steinberg, dithering(from_original=True), "original pixel")
    transposed = [(dc, dr, share) for dr, dc, share in RIGHT]
    wrong(floyd_steinberg, dithering(neighbours=transposed), "swapped")
    mirrored = [(dr, -dc if dr else dc, share) for dr, dc, share in RIGHT]
    wrong(floyd_steinberg, dithering(neighbours=mirrored), "3/16 and 1/16")
    whole = [(dr, dc, share * 16) for dr, dc, share in RIGHT]
    wrong(floyd_steinberg, dithering(neighbours=whole), "divide by 16")
    wrong(floyd_steinberg, dithering(colours=True), "returned colours")
    only_right = [(0, 1, 1.0)]
    wrong(floyd_steinberg, dithering(neighbours=only_right), "differ from")


def test_dithering_accepts_clipping_and_other_arithmetic():
    """Clipping each value to 0..255 before choosing its colour, and
    sharing as error * 7 / 16 (other rounding), is still Floyd-Steinberg."""

    def clipped(image, palette):
        values = image.astype(np.float64)
        height, width, _ = values.shape
        indices = np.zeros((height, width), dtype=np.int64)
        for row in range(height):
            for column in range(width):
                value = values[row, column].clip(0, 255)
                gaps = ((palette.astype(np.float64) - value) ** 2).sum(1)
                indices[row, column] = nearest = gaps.argmin()
                error = value - palette[nearest]
                for dr, dc, weight in [(0, 1, 7), (1, -1, 3), (1, 0, 5)]:
                    if row + dr < height and 0 <= column + dc < width:
                        values[row + dr, column + dc] += error * weight / 16
                if row + 1 < height and column + 1 < width:
                    values[row + 1, column + 1] += error / 16
        return indices

    assert floyd_steinberg.verdict(clipped).status == CORRECT


def test_an_error_in_the_learners_code_becomes_a_sentence():
    def broken(image, palette):
        return image @ palette  # shapes do not match

    found = floyd_steinberg.verdict(broken)
    assert found.status == WRONG
    assert "your code raised" in found.message
    assert_one_sentence(found)
