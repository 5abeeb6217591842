"""Checks for the exercises of "Going further with the colours".

Each check works out the right answer itself, with NumPy, scikit-learn and
the CIE's formulas, on a small crop of ``china.jpg`` or on data of its own,
and recognises the typical mistakes by what they produce: it computes each
mistaken answer and compares.
"""

import numbers
from functools import cache

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

QUALITY_VS_K = "Quality against the number of colours"
PERCEPTUAL = "Perceptual colour"
DITHERING = "Dithering"
FAST_EXACT = "Twelve million pixels, fast and exact"

CHANNELS = ("red", "green", "blue")
GREY, STEP = 120, 20  # most_visible_step: grey (120, 120, 120), one +20
SKY = (slice(0, 60), slice(215, 335))  # quality_as_k_grows: china's sky
KS = range(2, 13)  # quality_as_k_grows: the values of k


def _close(found, expected, tolerance: float = 1e-6) -> bool:
    import numpy as np

    found, expected = np.asarray(found), np.asarray(expected)
    return found.shape == expected.shape and bool(
        np.allclose(found, expected, rtol=tolerance, atol=tolerance)
    )


# The CIE's formulas, with the typical mistakes of a conversion by hand
# as switches: each switch computes what that mistake gives.


def _lab(
    rgb,
    scale: bool = True,
    gamma: str = "srgb",
    transposed: bool = False,
    white: bool = True,
    cube_root_only: bool = False,
    a_b: str = "right",
):
    import numpy as np

    from tutorial_code.colours_further.lab import (
        EPSILON,
        KAPPA,
        RGB_TO_XYZ,
        WHITE,
    )

    srgb = np.asarray(rgb, dtype=np.float64) / (255 if scale else 1)
    if gamma == "srgb":
        linear = np.where(
            srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4
        )
    elif gamma == "none":
        linear = srgb
    elif gamma == "2.2":
        linear = srgb**2.2
    elif gamma == "no_straight":  # the power part everywhere
        linear = ((srgb + 0.055) / 1.055) ** 2.4
    else:  # "2.4": the power without its offset and straight part
        linear = srgb**2.4
    xyz = linear @ (RGB_TO_XYZ if transposed else RGB_TO_XYZ.T)
    if white:
        xyz = xyz / WHITE
    if cube_root_only:
        f = np.cbrt(xyz)
    else:
        f = np.where(xyz > EPSILON, np.cbrt(xyz), (KAPPA * xyz + 16) / 116)
    lightness = 116 * f[..., 1] - 16
    a = 500 * (f[..., 0] - f[..., 1])
    b = 200 * (f[..., 1] - f[..., 2])
    if a_b == "swapped":
        a, b = b, a
    elif a_b == "signs":
        a, b = -a, -b
    elif a_b == "factors":
        a, b = a / 500 * 200, b / 200 * 500
    return np.stack([lightness, a, b], axis=-1)


def _delta_e(rgb_a, rgb_b):
    import numpy as np

    return np.linalg.norm(_lab(rgb_a) - _lab(rgb_b), axis=-1)


# 1. Which step of 20 shows most? Predict a channel.


def _steps():
    """ΔE of a step of +20 in each channel, from the grey."""
    import numpy as np

    grey = np.full(3, GREY)
    stepped = grey + STEP * np.eye(3, dtype=int)
    return {
        name: float(_delta_e(grey, stepped[i]))
        for i, name in enumerate(CHANNELS)
    }


def _channel(answer) -> str:
    """The channel the answer names, or one sentence saying how to."""
    if isinstance(answer, str) and answer.strip().lower() in CHANNELS:
        return answer.strip().lower()
    if (
        isinstance(answer, numbers.Integral)
        and not isinstance(answer, bool)
        and 0 <= answer < 3
    ):
        return CHANNELS[int(answer)]
    given = repr(answer) if isinstance(answer, str) else describe(answer)
    raise BadInputError(
        "name one channel: 'red', 'green' or 'blue' (or its index 0, 1 "
        f"or 2), not {given}."
    )


def _most_visible_step(answer) -> str:
    steps = _steps()
    chosen = _channel(answer)
    largest = max(steps, key=steps.get)
    told = ", ".join(f"{name} {steps[name]:.1f}" for name in CHANNELS)
    if chosen == largest:
        return (
            f"a step of {STEP} in {largest} is ΔE {steps[largest]:.1f} "
            f"away ({told}): all three steps are {STEP} apart in RGB, but "
            "the eye does not see them alike."
        )
    if chosen == "blue":
        raise WrongAnswerError(
            f"the blue step is ΔE {steps['blue']:.1f}, the {largest} one "
            f"{steps[largest]:.1f}. Blue changes the hue, but adds little "
            "lightness: in sRGB to XYZ, blue's weight in Y (luminance) is "
            "0.07, green's 0.72."
        )
    if chosen == "red":
        raise WrongAnswerError(
            f"the red step is ΔE {steps['red']:.1f} only, the {largest} "
            f"one {steps[largest]:.1f}. Red's weight in Y (luminance) is "
            "0.21: which channel does the eye's lightness follow most?"
        )
    raise WrongAnswerError(
        f"the {chosen} step is ΔE {steps[chosen]:.1f} ({told}). Convert "
        "the grey and each stepped colour to Lab and compare the distances."
    )


most_visible_step = Exercise(
    "most_visible_step", PERCEPTUAL, _most_visible_step
)


# 2. Quality as k grows: PSNR and mean ΔE of the sky, for k = 2 to 12.


def sky():
    """The crop of ``china.jpg`` of "quality_as_k_grows": sky and a roof's
    edge (the detail of "Dithering")."""
    from sklearn.datasets import load_sample_image

    return load_sample_image("china.jpg")[SKY]


@cache
def _fit(k: int):
    """The centres and labels of one seeded k-means start on the sky."""
    from sklearn.cluster import KMeans

    model = KMeans(n_clusters=k, n_init=1, random_state=0)
    model.fit(sky().reshape(-1, 3))
    return model.cluster_centers_, model.labels_


def _repainted(k: int, rounded: bool = True):
    """The sky in the k colours of its fit, rounded to uint8 or not."""
    import numpy as np

    centres, labels = _fit(k)
    palette = centres.round().astype(np.uint8) if rounded else centres
    return palette[labels].reshape(sky().shape)


@cache
def _sweep(rounded: bool = True) -> dict:
    """The PSNR and mean ΔE of the sky for each k."""
    from tutorial_code.quantize.quality import psnr

    crop = sky()
    images = [_repainted(k, rounded) for k in KS]
    return {
        "psnr": [psnr(crop, image) for image in images],
        "delta_e": [float(_delta_e(crop, image).mean()) for image in images],
    }


@cache
def _mistaken_sweep() -> dict:
    """What the typical mistakes give instead, for each k."""
    import numpy as np

    from tutorial_code.quantize.quality import psnr, psnr_from_mse

    crop = sky()
    scores = {}
    for k in KS:
        image = _repainted(k)
        error = crop.astype(np.float64) - image
        difference = crop - image  # uint8: wraps around
        wrapped = difference.astype(np.float64) ** 2
        wrapped_twice = (difference**2).astype(np.float64)  # wraps again
        delta_e = _delta_e(crop, image)
        for name, value in [
            ("mse", float(np.mean(error**2))),
            ("psnr_of_1", psnr(crop, image, max_value=1)),
            ("psnr_wrapped", psnr_from_mse(float(wrapped.mean()))),
            ("psnr_wrapped_twice", psnr_from_mse(float(wrapped_twice.mean()))),
            ("rgb_distance", float(np.linalg.norm(error, axis=-1).mean())),
            ("delta_e_sum", float(delta_e.sum())),
            ("delta_e_max", float(delta_e.max())),
        ]:
            scores.setdefault(name, []).append(value)
    return scores


def _two_lists(answer):
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        raise BadInputError(
            "give the two lists together, (quality_db, mean_delta_e), "
            f"not {describe(answer)}."
        )
    import numpy as np

    scores = {
        "PSNR": "psnr(crop, repainted), one number for the whole crop",
        "ΔE": "the mean over the pixels, delta_e(crop, repainted).mean()",
    }
    for values, (what, how) in zip(answer, scores.items(), strict=True):
        try:
            shape = np.shape(values)
        except ValueError:  # items of different shapes
            shape = ()
        if len(shape) > 1:
            raise WrongAnswerError(
                f"each {what} you gave is an array of shape {shape[1:]}: "
                f"give one number per k, {how}."
            )
    return [
        as_array(values, what, shape=(None,))
        for values, what in zip(
            answer, ("quality_db", "mean_delta_e"), strict=True
        )
    ]


def _words_for_drops(values, ks, falls: bool) -> str:
    """Where a list of scores went the wrong way, in words."""
    import numpy as np

    steps = np.diff(values)
    wrong = [
        k for k, step in zip(ks[1:], steps, strict=True) if (step > 0) == falls
    ]
    if not wrong:
        return "at every step"
    return "at every step but k = " + ", ".join(map(str, wrong))


def _quality_as_k_grows(answer) -> str:
    import numpy as np

    quality, delta = _two_lists(answer)
    n = len(KS)
    if len(quality) != n or len(delta) != n:
        raise WrongAnswerError(
            f"you gave {len(quality)} PSNRs and {len(delta)} ΔEs: one of "
            f"each per k, for k = {KS.start} to {KS.stop - 1} ({n} values)."
        )
    right = any(
        _close(quality, s["psnr"]) and _close(delta, s["delta_e"])
        for s in (_sweep(rounded=True), _sweep(rounded=False))
    )
    if right:
        ks = list(KS)
        rises = _words_for_drops(quality, ks, falls=False)
        falls = _words_for_drops(delta, ks, falls=True)
        return (
            f"from k = {ks[0]} to {ks[-1]} the PSNR rose {rises}, from "
            f"{quality[0]:.1f} to {quality[-1]:.1f} dB; the mean ΔE fell "
            f"{falls}, from {delta[0]:.2f} to {delta[-1]:.2f}."
        )
    s = {**_sweep(), **_mistaken_sweep()}
    if _close(quality, s["delta_e"]) and _close(delta, s["psnr"]):
        raise WrongAnswerError(
            "the two lists are swapped: give (quality_db, mean_delta_e), "
            "the PSNRs first."
        )
    if _close(quality[::-1], s["psnr"]) or _close(delta[::-1], s["delta_e"]):
        raise WrongAnswerError(
            f"your lists run from k = {KS.stop - 1} down to {KS.start}: "
            "give them in the order of ks."
        )
    if _close(quality, s["mse"]):
        raise WrongAnswerError(
            "quality_db holds mean squared errors: turn each into a PSNR in "
            "dB with psnr(crop, repainted), 10 log10(255² / MSE)."
        )
    if _close(quality, s["psnr_of_1"]):
        raise WrongAnswerError(
            "these PSNRs take 1 as the largest value a pixel can have; "
            "the crop's channels run from 0 to 255 (psnr's default)."
        )
    if _close(quality, s["psnr_wrapped"]) or _close(
        quality, s["psnr_wrapped_twice"]
    ):
        raise WrongAnswerError(
            "the differences were taken in uint8, which wraps around "
            "(10 - 20 gives 246, not -10): let psnr subtract, or convert "
            "to float first."
        )
    if _close(delta, s["rgb_distance"]):
        raise WrongAnswerError(
            "mean_delta_e holds distances in RGB; ΔE is the distance in "
            "CIELAB: delta_e(crop, repainted).mean()."
        )
    if _close(delta, s["delta_e_sum"]):
        raise WrongAnswerError(
            "mean_delta_e holds the sum of ΔE over the pixels: take its "
            "mean, one number per k that does not grow with the crop."
        )
    if _close(delta, s["delta_e_max"]):
        raise WrongAnswerError(
            "mean_delta_e holds each k's largest ΔE: take the mean over "
            "all the pixels."
        )
    # Another seed or other settings: k-means lands elsewhere, mostly near.
    psnr_close = np.median(np.abs(quality - s["psnr"])) < 1
    delta_close = np.median(np.abs(delta - s["delta_e"])) < 0.2
    if psnr_close and delta_close:
        raise WrongAnswerError(
            "your scores are close to ours but not the same: fit each k "
            "as the starter code does, KMeans(n_clusters=k, n_init=1, "
            "random_state=0) on the crop's pixels, and repaint the whole "
            "crop with its palette."
        )
    raise WrongAnswerError(
        "these are not the PSNR and mean ΔE of the sky repainted with k "
        "colours: repaint with palette[model.labels_] in the crop's shape, "
        "then psnr(crop, repainted) and delta_e(crop, repainted).mean()."
    )


quality_as_k_grows = Exercise(
    "quality_as_k_grows", QUALITY_VS_K, _quality_as_k_grows
)


# 3. CIELAB by hand.


def _test_colours():
    """Colours to convert: the corners of the cube, greys, dark and light
    tones (both sides of the formulas' thresholds), and a grid."""
    import numpy as np

    levels = np.array([0, 3, 8, 10, 11, 20, 60, 128, 200, 255])
    grid = np.stack(np.meshgrid(levels, levels, levels), -1).reshape(-1, 3)
    return grid.astype(np.uint8)


# Each mistake of a conversion by hand: the switches of _lab that make it,
# and what to say.
_LAB_MISTAKES = [
    (
        {"scale": False},
        "the channels were not divided by 255 first: sRGB's formulas take "
        "values from 0 to 1.",
    ),
    (
        {"gamma": "none"},
        "sRGB's gamma was not undone: the values from 0 to 1 go into the "
        "matrix as they are, but it takes linear light. Apply the sRGB "
        "curve first (a straight part up to 0.04045, a power of 2.4 above).",
    ),
    (
        {"gamma": "2.2"},
        "a plain power of 2.2 is only an approximation of sRGB's curve, "
        "off most in dark colours: use the exact formula, with its straight "
        "part up to 0.04045 and ((v + 0.055) / 1.055) ** 2.4 above.",
    ),
    (
        {"gamma": "2.4"},
        "v ** 2.4 is not sRGB's curve: it is ((v + 0.055) / 1.055) ** 2.4 "
        "above 0.04045, and v / 12.92 below.",
    ),
    (
        {"gamma": "no_straight"},
        "the darkest colours are off: up to 0.04045, sRGB's curve is the "
        "straight line v / 12.92, and the power ((v + 0.055) / 1.055) ** 2.4 "
        "only above (one np.where).",
    ),
    (
        {"transposed": True},
        "the matrix is transposed: each XYZ value mixes the three channels "
        "of one colour, linear @ RGB_TO_XYZ.T (or RGB_TO_XYZ @ one colour).",
    ),
    (
        {"white": False},
        "XYZ was not divided by the white point WHITE: without it, white "
        "does not come out as L* 100, a* 0, b* 0.",
    ),
    (
        {"cube_root_only": True},
        "the cube root was taken everywhere: below EPSILON the formula is "
        "a straight line, (KAPPA * t + 16) / 116, which is what sets the "
        "darkest colours apart.",
    ),
    (
        {"a_b": "swapped"},
        "a* and b* are swapped: a* = 500 (f(X) - f(Y)) is red against "
        "green, b* = 200 (f(Y) - f(Z)) yellow against blue.",
    ),
    (
        {"a_b": "signs"},
        "a* and b* have the wrong sign: a* = 500 (f(X) - f(Y)), positive "
        "for red; b* = 200 (f(Y) - f(Z)), positive for yellow.",
    ),
    (
        {"a_b": "factors"},
        "the factors of a* and b* are swapped: 500 for a*, 200 for b*.",
    ),
]


def _lab_by_hand(convert) -> str:
    import numpy as np

    colours = _test_colours()
    expected = _lab(colours)
    found = as_array(call(convert, colours), "what your function returns")
    if found.shape == expected.T.shape and found.shape != expected.shape:
        raise WrongAnswerError(
            f"your function returned shape {found.shape}: L*, a*, b* as "
            "rows. Stack them on the last axis (axis=-1), one row per "
            f"colour: shape {expected.shape}."
        )
    if found.shape != expected.shape:
        raise WrongAnswerError(
            f"for {len(colours)} colours your function returned "
            f"{describe(found)}; it should return shape {expected.shape}: "
            "L*, a*, b* on the last axis."
        )
    if np.allclose(found, expected, atol=1e-4):
        red = _lab(np.array([255, 0, 0]))
        return (
            f"all {len(colours):,} colours match the CIE's formulas; sRGB "
            f"red is L* {red[0]:.2f}, a* {red[1]:.2f}, b* {red[2]:.2f}."
        )
    one_row = _lab(colours[:1])
    if np.allclose(found, one_row, atol=1e-6):
        raise WrongAnswerError(
            "every colour got the first colour's Lab: convert each row."
        )
    for switches, explanation in _LAB_MISTAKES:
        if np.allclose(found, _lab(colours, **switches), atol=1e-6):
            raise WrongAnswerError(explanation)
    wrong = ~np.isclose(found, expected, atol=1e-4).all(axis=0)
    names = [
        name for name, w in zip(("L*", "a*", "b*"), wrong, strict=True) if w
    ]
    # Which straight part do the colours that differ all fall on?
    from tutorial_code.colours_further.lab import EPSILON, RGB_TO_XYZ, WHITE

    off = ~np.isclose(found, expected, atol=1e-4).all(axis=1)
    srgb = colours / 255
    linear = np.where(
        srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4
    )
    small_xyz = (linear @ RGB_TO_XYZ.T / WHITE <= EPSILON).any(axis=1)
    if small_xyz[off].all():
        raise WrongAnswerError(
            f"{', '.join(names)} differ from the CIE's formulas only where "
            "X, Y or Z is small (dark or strongly saturated colours): check "
            "the straight part of f, (KAPPA * t + 16) / 116 up to EPSILON."
        )
    if (srgb <= 0.04045).any(axis=1)[off].all():
        raise WrongAnswerError(
            f"{', '.join(names)} differ from the CIE's formulas only where "
            "a channel is 10 or less: check the straight part of the sRGB "
            "curve, v / 12.92 up to 0.04045."
        )
    raise WrongAnswerError(
        f"{', '.join(names)} differ from the CIE's formulas. Check each "
        "step: divide by 255, undo the sRGB curve, multiply by the matrix "
        "and divide by WHITE, f(t), then L* = 116 f(Y) - 16, "
        "a* = 500 (f(X) - f(Y)), b* = 200 (f(Y) - f(Z))."
    )


lab_by_hand = Exercise("lab_by_hand", PERCEPTUAL, _lab_by_hand)


# 4. Nearest colours, exactly, with one matrix product.


@cache
def _palette_and_pixels():
    """16 colours and pixels to assign: a grid over the colour cube, and
    pixels exactly halfway between two palette colours (ties), with the
    lower index on the darker side of one tie and on the lighter side of
    the other."""
    import numpy as np

    rng = np.random.default_rng(7)
    palette = rng.integers(10, 246, size=(16, 3))
    palette[5] = palette[4] + [0, 0, 2]  # tie at palette[4] + (0, 0, 1)
    palette[9] = palette[8] - [2, 0, 0]  # tie at palette[8] - (1, 0, 0)
    levels = np.arange(0, 256, 15)
    grid = np.stack(np.meshgrid(levels, levels, levels), -1).reshape(-1, 3)
    ties = [palette[4] + [0, 0, 1], palette[8] - [1, 0, 0]]
    pixels = np.concatenate([grid, ties])
    return palette.astype(np.uint8), pixels.astype(np.uint8)


def _brute_force(pixels, palette):
    """Each pixel's nearest palette index (lowest on ties), in int64."""
    import numpy as np

    gaps = pixels[:, None, :].astype(np.int64) - palette[None, :, :]
    return (gaps**2).sum(axis=-1).argmin(axis=1)


def _mistaken_scores(pixels, palette, mistake: str):
    """The scores a mistaken product gives, for every pixel and colour."""
    import numpy as np

    x, c = pixels.astype(np.int64), palette.astype(np.int64)
    squares, products = (c**2).sum(axis=1), x @ c.T
    if mistake == "no_squares":
        return -2 * products
    if mistake == "plus":
        return squares + 2 * products
    if mistake == "no_two":
        return squares - products
    if mistake == "uint8":  # the same formula, on the uint8 arrays
        with np.errstate(over="ignore"):
            return (palette**2).sum(axis=1) - 2 * pixels @ palette.T
    raise ValueError(mistake)


_NEAREST_MISTAKES = {
    "no_squares": "the |c|² term is missing: -2 x·c alone favours the "
    "colours with the largest values, bright ones, whatever the pixel. "
    "The scores are |c|² - 2 x·c (only |x|², the same for every colour of "
    "a pixel, can be left out).",
    "plus": "the cross term has the wrong sign: |x - c|² = |x|² - 2 x·c "
    "+ |c|², so the scores are |c|² - 2 x·c.",
    "no_two": "the factor 2 of the cross term is missing: the scores are "
    "|c|² - 2 x·c.",
    "uint8": "the product was computed in uint8, which wraps around above "
    "255: convert the pixels and the palette to int64 first.",
}


def _nearest_exactly(nearest) -> str:
    import numpy as np

    palette, pixels = _palette_and_pixels()
    expected = _brute_force(pixels, palette)
    answer = call(nearest, pixels.copy(), palette.copy())
    found = as_array(answer, "what your function returns")
    n, k = len(pixels), len(palette)
    if found.shape == (k,):
        raise WrongAnswerError(
            f"your function returned {k} values, one per colour: the "
            "minimum of each column. Take it over axis=1 instead, along "
            "each pixel's row of scores."
        )
    if found.shape == (n, 3):
        raise WrongAnswerError(
            "your function returned colours; return their indices in the "
            "palette (0 to k - 1), as argmin gives them."
        )
    if found.shape != (n,):
        raise WrongAnswerError(
            f"for {n:,} pixels your function returned {describe(answer)}; "
            "it should return one palette index per pixel."
        )
    if found.dtype.kind == "f" and not np.all(found == np.round(found)):
        raise WrongAnswerError(
            "your function returned scores or distances, not indices: "
            "keep the position of each row's smallest score (argmin)."
        )
    found = found.astype(np.int64)
    if found.min() < 0 or found.max() >= k:
        raise WrongAnswerError(
            f"your function returned values from {found.min():,} to "
            f"{found.max():,}: scores or distances, not indices. Keep the "
            f"position of each row's smallest score (argmin), 0 to {k - 1}."
        )
    if np.array_equal(found, expected):
        return (
            f"all {n:,} pixels got their nearest colour, the lowest index "
            "on the two ties, as brute force in whole numbers gives."
        )
    x = pixels.astype(np.int64)
    gaps = ((x[:, None, :] - palette[None, :, :].astype(np.int64)) ** 2).sum(
        -1
    )
    if np.array_equal(found, gaps.argmax(axis=1)):
        raise WrongAnswerError(
            "each pixel got its farthest colour: keep the smallest score "
            "(argmin), not the largest."
        )
    for mistake, explanation in _NEAREST_MISTAKES.items():
        scores = _mistaken_scores(pixels, palette, mistake)
        if np.array_equal(found, scores.argmin(axis=1)):
            raise WrongAnswerError(explanation)
    wrong = found != expected
    nearest_gap = gaps.min(axis=1)
    tied = (gaps == nearest_gap[:, None]).sum(axis=1) > 1
    found_gap = gaps[np.arange(n), found.clip(0, k - 1)]
    if np.all(tied[wrong]) and np.all(found_gap[wrong] == nearest_gap[wrong]):
        raise WrongAnswerError(
            f"{int(wrong.sum())} pixel(s) exactly halfway between two "
            "colours got the higher index: computed in whole numbers, the "
            "two scores are equal and argmin keeps the first. Scaling to "
            "floats (/ 255) rounds them apart."
        )
    raise WrongAnswerError(
        f"{int(wrong.sum())} of {n:,} pixels did not get their nearest "
        "colour. Compute the scores |c|² - 2 x·c in int64, one row per "
        "pixel and one column per colour, and keep each row's argmin."
    )


nearest_exactly = Exercise("nearest_exactly", FAST_EXACT, _nearest_exactly)


# 5. Floyd-Steinberg dithering by hand.

# Where each pixel's error goes: (row step, column step, share).
FLOYD_STEINBERG = (
    (0, 1, 7 / 16),
    (1, -1, 3 / 16),
    (1, 0, 5 / 16),
    (1, 1, 1 / 16),
)


def _dither(
    image, palette, neighbours=FLOYD_STEINBERG, mistake="", clip=False
):
    """Floyd-Steinberg, or one of its typical mistakes: each pixel's index.

    The scan runs row by row, left to right; the nearest colour is by
    squared distance, the lowest index on ties. ``mistake``: "sign" (the
    error pushed the wrong way), "original" (the error of the original
    pixel, not of the value the errors changed)."""
    import numpy as np

    values = np.asarray(image, dtype=np.float64).copy()
    colours = np.asarray(palette, dtype=np.float64)
    height, width, _ = values.shape
    indices = np.zeros((height, width), dtype=np.int64)
    for row in range(height):
        for column in range(width):
            value = values[row, column]
            if clip:
                value = value.clip(0, 255)
            nearest = int(((colours - value) ** 2).sum(axis=1).argmin())
            indices[row, column] = nearest
            if mistake == "original":
                value = np.asarray(image[row, column], dtype=np.float64)
            error = value - colours[nearest]
            if mistake == "sign":
                error = -error
            for dr, dc, share in neighbours:
                r, c = row + dr, column + dc
                if 0 <= r < height and 0 <= c < width:
                    values[r, c] += share * error
    return indices


def _follows_floyd_steinberg(image, palette, indices, clip) -> bool:
    """Whether each pixel's index is a nearest colour of its value, the
    errors of the indices before it passed on (so near ties, which float
    rounding may decide either way, are accepted)."""
    import numpy as np

    values = np.asarray(image, dtype=np.float64).copy()
    colours = np.asarray(palette, dtype=np.float64)
    height, width, _ = values.shape
    for row in range(height):
        for column in range(width):
            value = values[row, column]
            if clip:
                value = value.clip(0, 255)
            gaps = ((colours - value) ** 2).sum(axis=1)
            chosen = indices[row, column]
            if gaps[chosen] > gaps.min() + 1e-6:
                return False
            error = value - colours[chosen]
            for dr, dc, share in FLOYD_STEINBERG:
                r, c = row + dr, column + dc
                if 0 <= r < height and 0 <= c < width:
                    values[r, c] += share * error
    return True


@cache
def _dither_tests():
    """Two tiny images and their palettes: a ramp from dark blue to pale
    yellow with four colours, and a patch of the sky with two."""
    import numpy as np

    ramp = np.linspace([20, 30, 90], [240, 220, 150], 9)
    ramp = np.broadcast_to(ramp, (5, 9, 3)).round().astype(np.uint8)
    ramp_palette = np.array(
        [[0, 0, 0], [255, 255, 255], [40, 60, 160], [230, 200, 90]], np.uint8
    )
    patch = sky()[20:26, 40:48]
    pixels = patch.reshape(-1, 3)
    patch_palette = np.array([pixels.min(axis=0), pixels.max(axis=0)])
    return [(ramp, ramp_palette), (patch, patch_palette)]


_TRANSPOSED = ((1, 0, 7 / 16), (-1, 1, 3 / 16), (0, 1, 5 / 16), (1, 1, 1 / 16))
_MIRRORED = ((0, 1, 7 / 16), (1, 1, 3 / 16), (1, 0, 5 / 16), (1, -1, 1 / 16))
_WHOLE = ((0, 1, 7), (1, -1, 3), (1, 0, 5), (1, 1, 1))
_DITHER_MISTAKES = [
    (
        {"neighbours": ()},
        "no pixel's colour changed: each got the palette colour nearest "
        "its own value, as without dithering. Pass each pixel's error on "
        "to its neighbours, and choose each colour from the value the "
        "errors changed.",
    ),
    (
        {"mistake": "sign"},
        "the error was pushed the wrong way: it is the value minus the "
        "colour chosen (what rounding lost), added to the neighbours.",
    ),
    (
        {"mistake": "original"},
        "the error passed on is the original pixel's, not that of its "
        "value after its neighbours' errors arrived: take value - colour, "
        "where value is values[row, column].",
    ),
    (
        {"neighbours": _TRANSPOSED},
        "rows and columns are swapped: 7/16 goes to the right, (0, 1), and "
        "the rest to the row below, (1, -1), (1, 0) and (1, 1).",
    ),
    (
        {"neighbours": _MIRRORED},
        "3/16 and 1/16 are swapped: 3/16 goes below and to the left, "
        "(1, -1), and 1/16 below and to the right, (1, 1).",
    ),
    (
        {"neighbours": _WHOLE},
        "the shares are 7, 3, 5 and 1 sixteenths: divide by 16, or the "
        "error passed on is 16 times too large.",
    ),
]


def _floyd_steinberg(dither) -> str:
    import numpy as np

    for number, (image, palette) in enumerate(_dither_tests()):
        answer = call(dither, image.copy(), palette.copy())
        found = as_array(answer, "what your function returns")
        height, width, _ = image.shape
        if found.shape == image.shape:
            raise WrongAnswerError(
                "your function returned colours; return each pixel's index "
                f"in the palette, shape ({height}, {width})."
            )
        if found.shape == (width, height) != (height, width):
            raise WrongAnswerError(
                f"your indices have shape {found.shape}: one row per "
                f"column. Return one row per row of the image, shape "
                f"({height}, {width})."
            )
        if found.shape != (height, width):
            raise WrongAnswerError(
                f"for a {height} x {width} image your function returned "
                f"{describe(answer)}; return one palette index per pixel, "
                f"shape ({height}, {width})."
            )
        if found.dtype.kind == "f" and not np.all(found == np.round(found)):
            raise WrongAnswerError(
                "your function returned fractions: return each pixel's "
                "index in the palette, a whole number from 0 to k - 1."
            )
        found = found.astype(np.int64)
        if found.min() < 0 or found.max() >= len(palette):
            raise WrongAnswerError(
                f"some indices are outside 0 to {len(palette) - 1}: return "
                "each pixel's index in the palette."
            )
        if any(
            _follows_floyd_steinberg(image, palette, found, clip)
            for clip in (False, True)
        ):
            continue
        for switches, explanation in _DITHER_MISTAKES:
            if np.array_equal(found, _dither(image, palette, **switches)):
                raise WrongAnswerError(explanation)
        expected = _dither(image, palette)
        wrong = np.argwhere(found != expected)
        row, column = (int(i) for i in wrong[0])
        what = ("a ramp of 5 x 9 pixels", "a patch of sky of 6 x 8")[number]
        raise WrongAnswerError(
            f"on {what}, {len(wrong)} pixels differ from Floyd-Steinberg, "
            f"the first at row {row}, column {column}. Scan row by row, "
            "left to right; choose each pixel's nearest colour from its "
            "value, then pass value - colour on: 7/16 right, 3/16 below "
            "left, 5/16 below, 1/16 below right."
        )
    return (
        "on a ramp and on a patch of sky, every pixel got the colour "
        "Floyd-Steinberg gives it, the errors of the pixels before it "
        "passed on."
    )


floyd_steinberg = Exercise("floyd_steinberg", DITHERING, _floyd_steinberg)
