"""Checks for the exercises of "Colours".

Each check works out the right answer itself, with NumPy or scikit-learn on
an image of its own (a small random one, or scikit-learn's flower.jpg
shrunk), and recognises the typical mistakes by what they produce: a
transposed array, a reshape in the wrong order, indices instead of
colours, uint8 arithmetic that wraps around, colours left in 0 to 1, a
palette or a rounding left out of a size.
"""

import functools

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

SAMPLE_IMAGE = "Loading a sample image"
QUANTIZATION = "From millions to 16 colours"
RESULTS = "Plotting the results"


def _number(value, what: str) -> float:
    """``value`` as a float, if it is one number; else BadInputError."""
    import numbers

    import numpy as np

    if value is None:
        raise BadInputError(f"{what} should be a number, not None.")
    if isinstance(value, bool) or not isinstance(
        value, (numbers.Real, np.ndarray)
    ):
        raise BadInputError(
            f"{what} should be a number, not {describe(value)}."
        )
    if isinstance(value, np.ndarray) and value.shape != ():
        raise WrongAnswerError(
            f"{what} is {describe(value)}; it should be one number."
        )
    return float(value)


def _china_shape() -> tuple[int, int, int]:
    from sklearn.datasets import load_sample_image

    return load_sample_image("china.jpg").shape


def _close(found: float, expected: float, tolerance: float = 1e-9) -> bool:
    return abs(found - expected) <= tolerance * max(1.0, abs(expected))


# 1. How big are the pixels? ------------------------------------------------


def _float_pixels_bytes(answer) -> str:
    height, width, channels = _china_shape()
    n_values = height * width * channels
    expected = n_values * 8  # float64: 8 bytes per number
    found = _number(answer, "your prediction")
    if _close(found, expected):
        return (
            f"{expected:,} bytes: the same {n_values:,} numbers as china, "
            "now float64, 8 bytes each instead of 1."
        )
    mistakes = {
        n_values: (
            "that is the size of china itself, 1 byte per number. "
            "Reshaping keeps the numbers, but what does dividing uint8 "
            "numbers by 255 give: whole numbers?"
        ),
        n_values * 4: (
            "that would be float32, 4 bytes per number. NumPy's division "
            "gives float64 unless told otherwise: how many bytes is that?"
        ),
        height * width * 8: (
            "that counts one number per pixel; a pixel is 3 numbers (red, "
            "green, blue), and each takes the bytes of a float64."
        ),
        n_values * 64: (
            "that counts bits: a float64 takes 64 bits, which is 8 bytes."
        ),
    }
    for size, explanation in mistakes.items():
        if _close(found, size):
            raise WrongAnswerError(explanation)
    raise WrongAnswerError(
        f"china holds {height} x {width} x {channels} numbers, 1 byte "
        "each. Does reshaping change how many numbers there are? Does "
        "dividing by 255 change how many bytes each takes?"
    )


float_pixels_bytes = Exercise(
    "float_pixels_bytes", QUANTIZATION, _float_pixels_bytes
)


# 2. Pixels and back ---------------------------------------------------------


def _distinct_image(height: int, width: int, seed: int):
    """A small uint8 image whose numbers are all different, so that a
    number out of place shows."""
    import numpy as np

    rng = np.random.default_rng(seed)
    values = rng.permutation(256)[: height * width * 3]
    return values.astype(np.uint8).reshape(height, width, 3)


def _judge_to_pixels(pixels, image) -> None:
    import numpy as np

    height, width, _ = image.shape
    n = height * width
    expected = image.reshape(-1, 3)
    if pixels.shape == (3, n):
        if np.array_equal(pixels, image.reshape(3, -1)):
            raise WrongAnswerError(
                f"to_pixels returned shape (3, {n}) and cut the numbers, "
                "in reading order, into 3 rows: a row is not even one "
                "channel. Ask for one row per pixel and 3 columns: "
                "reshape(-1, 3)."
            )
        raise WrongAnswerError(
            f"to_pixels returned the pixels transposed, shape (3, {n}): "
            "one row per channel. k-means wants one row per sample (a "
            f"pixel) and one column per feature (a channel): ({n}, 3)."
        )
    if pixels.shape == image.shape:
        raise WrongAnswerError(
            f"to_pixels returned an array of the image's shape, "
            f"{image.shape}; it should have one row per pixel: ({n}, 3)."
        )
    if pixels.shape == (3 * n,):
        raise WrongAnswerError(
            "to_pixels returned one flat row of all the numbers; keep "
            f"each pixel's 3 channels together, one pixel a row: ({n}, 3)."
        )
    if pixels.shape != expected.shape:
        raise WrongAnswerError(
            f"to_pixels returned {describe(pixels)}; for an image of "
            f"shape {image.shape} it should return ({n}, 3), one row per "
            "pixel."
        )
    if np.allclose(pixels, expected / 255):
        raise WrongAnswerError(
            "to_pixels divided by 255. Here keep the numbers as they are "
            "(0 to 255), so that to_image can give back the very same "
            "image; the lesson scales them afterwards, for k-means."
        )
    scrambled = {
        "channels first": image.transpose(2, 0, 1).reshape(-1, 3),
        "reshape(3, -1).T": image.reshape(3, -1).T,
        "Fortran order": image.reshape(-1, 3, order="F"),
    }
    if any(np.array_equal(pixels, wrong) for wrong in scrambled.values()):
        raise WrongAnswerError(
            f"the shape is right, ({n}, 3), but a row is not a pixel: row "
            "0 should be image[0, 0], the first pixel's red, green and "
            "blue. Reshaping after moving the channels first (or .T, or "
            "order='F') puts three numbers in a row that are not one pixel's. "
            "image.reshape(-1, 3) keeps each pixel's numbers together."
        )
    if not np.array_equal(pixels, expected):
        raise WrongAnswerError(
            "to_pixels changed the numbers or their order: row i should "
            "be the i-th pixel, reading the image row by row, as "
            "image.reshape(-1, 3) gives."
        )


def _judge_to_image(back, pixels, image) -> None:
    import numpy as np

    height, width, _ = image.shape
    if back.shape == (width, height, 3):
        raise WrongAnswerError(
            f"to_image returned shape {back.shape}: width and height "
            "swapped. An image array has its rows first: (height, width, "
            f"3), here {image.shape}."
        )
    if back.shape == (3, height, width):
        raise WrongAnswerError(
            f"to_image returned shape {back.shape}, the channels first; "
            "Matplotlib and this chapter keep them last: (height, width, "
            f"3), here {image.shape}."
        )
    if back.shape != image.shape:
        raise WrongAnswerError(
            f"to_image returned {describe(back)}; for height {height} and "
            f"width {width} it should return {image.shape}."
        )
    swapped = pixels.reshape(width, height, 3).transpose(1, 0, 2)
    if np.array_equal(back, swapped):
        raise WrongAnswerError(
            "the shape is right, but the pixels went back column by "
            "column (reshape to (width, height, 3), then transposed). The "
            "pixels are in reading order, row by row: reshape(height, "
            "width, 3) puts them back."
        )
    mixed = [
        pixels.T.reshape(height, width, 3),
        pixels.reshape(3, height, width).transpose(1, 2, 0),
    ]
    if any(np.array_equal(back, wrong) for wrong in mixed):
        raise WrongAnswerError(
            "the shape is right, but the channels got mixed up: each row "
            "of pixels is one pixel's (red, green, blue), so reshape it "
            "as it is, without .T or moving axes: reshape(height, width, "
            "3)."
        )
    if not np.array_equal(back, image):
        raise WrongAnswerError(
            "to_image did not give back the image: pixel i should land "
            "at row i // width, column i % width, with its 3 channels in "
            "order, as pixels.reshape(height, width, 3) puts it."
        )


def _pixels_and_back(answer) -> str:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise BadInputError(
            "this check takes your two functions as a pair, "
            f"(to_pixels, to_image), not {describe(answer)}."
        )
    to_pixels, to_image = answer
    for height, width, seed in [(5, 7, 0), (6, 4, 1)]:
        image = _distinct_image(height, width, seed)
        found = call(to_pixels, image.copy())
        pixels = as_array(found, "what to_pixels returns")
        _judge_to_pixels(pixels, image)
        found = call(to_image, image.reshape(-1, 3).copy(), height, width)
        back = as_array(found, "what to_image returns")
        _judge_to_image(back, image.reshape(-1, 3), image)
    return (
        "to_pixels gives one row per pixel, in reading order, and "
        "to_image puts every pixel back where it was, on two images of "
        "different shapes."
    )


pixels_and_back = Exercise("pixels_and_back", SAMPLE_IMAGE, _pixels_and_back)


# 3. An honest compression factor --------------------------------------------


def _packed_bytes(n_pixels: int, k: int, bits: float, palette_bytes: int):
    import math

    return math.ceil(n_pixels * bits / 8) + palette_bytes * k


def _honest_factor(n_pixels: int, k: int) -> float:
    import math

    bits = math.ceil(math.log2(k))
    return 3 * n_pixels / _packed_bytes(n_pixels, k, bits, 3)


def _factor_mistakes(n_pixels: int, k: int) -> dict[str, float]:
    """What each typical mistake makes of the factor."""
    import math

    bits = math.ceil(math.log2(k))
    raw = 3 * n_pixels
    return {
        "palettes": 256**3 / k,
        "bits only": 24 / bits,
        "no palette": raw / math.ceil(n_pixels * bits / 8),
        "log2 not rounded up": raw
        / _packed_bytes(n_pixels, k, math.log2(k), 3),
        "nothing rounded up": raw / (n_pixels * math.log2(k) / 8 + 3 * k),
        "bytes not rounded up": raw / (n_pixels * bits / 8 + 3 * k),
        "bytes rounded down": raw / (n_pixels * bits // 8 + 3 * k),
        "a bit per colour": raw / _packed_bytes(n_pixels, k, k, 3),
        "palette 1 byte a colour": raw / _packed_bytes(n_pixels, k, bits, 1),
        "raw 1 byte a pixel": n_pixels / _packed_bytes(n_pixels, k, bits, 3),
        "bits as bytes": raw / (n_pixels * bits + 3 * k),
        "upside down": _packed_bytes(n_pixels, k, bits, 3) / raw,
    }


_FACTOR_MISTAKES = {
    "palettes": (
        "that is 256³ / k, the book's “compression factor of around 1 "
        "million”: a ratio of how many colours a pixel may take, not of "
        "sizes. Count bytes: 3 a pixel before; after, an index a pixel "
        "plus the palette."
    ),
    "bits only": (
        "that is 24 bits over the bits of an index: right for the "
        "pixels, but the file must also hold the palette (3 bytes a "
        "colour), which matters for small images and large palettes."
    ),
    "no palette": (
        "the palette is missing: the packed image must also store the k "
        "colours, 3 bytes each, or the indices mean nothing."
    ),
    "log2 not rounded up": (
        "an index takes a whole number of bits: k = 5 colours need 3 "
        "bits (2 bits count only to 4). Round log2(k) up: math.ceil."
    ),
    "nothing rounded up": (
        "nothing was rounded up: an index takes a whole number of bits "
        "(k = 5 colours need 3, math.ceil(math.log2(k))), and a file a "
        "whole number of bytes (round the indices' bytes up too)."
    ),
    "bytes not rounded up": (
        "the indices' bytes were not rounded up: 1,001 indices of 3 bits "
        "are 375.375 bytes, which a file stores in 376. Use math.ceil."
    ),
    "bytes rounded down": (
        "the indices' bytes were rounded down (// 8): 1,001 indices of 3 "
        "bits are 375.375 bytes, and a file needs 376 to hold them all. "
        "Round up: math.ceil(n_pixels * bits / 8)."
    ),
    "a bit per colour": (
        "an index of one of k colours takes log2(k) bits (rounded up), "
        "not k bits: 16 colours need 4 bits, since 2⁴ = 16."
    ),
    "palette 1 byte a colour": (
        "each palette colour takes 3 bytes (red, green, blue), not 1."
    ),
    "raw 1 byte a pixel": (
        "before quantizing, a pixel takes 3 bytes (24 bits: red, green "
        "and blue), not 1."
    ),
    "bits as bytes": (
        "the indices were counted in bits, the rest in bytes: divide "
        "the bits of all the indices by 8 (rounding up) to get bytes."
    ),
    "upside down": (
        "your factor is upside down: raw size over packed size tells how "
        "many times smaller the packed image is."
    ),
}

# Image sizes (pixels) and palette sizes the check tries: china.jpg with 16
# colours, then cases where the palette and the rounding matter.
_FACTOR_CASES = [(273_280, 16), (1_000, 256), (1_001, 5), (64, 2), (100, 100)]


def _honest_compression(compression_factor) -> str:
    factors = [
        _number(
            call(compression_factor, n_pixels, k),
            f"compression_factor({n_pixels}, {k})",
        )
        for n_pixels, k in _FACTOR_CASES
    ]
    expected = [_honest_factor(n_pixels, k) for n_pixels, k in _FACTOR_CASES]
    off = [
        case
        for case, found, right in zip(
            _FACTOR_CASES, factors, expected, strict=True
        )
        if not _close(found, right, 1e-6)
    ]
    if not off:
        return (
            f"china.jpg with 16 colours packs {expected[0]:.2f} times "
            "smaller, not a million times; and a 100-pixel image with 100 "
            f"colours gets {expected[-1]:.2f} times “smaller”: larger, as "
            "its palette outweighs its pixels."
        )
    mistaken = [_factor_mistakes(n, k) for n, k in _FACTOR_CASES]
    for mistake, explanation in _FACTOR_MISTAKES.items():
        if all(
            _close(found, wrong[mistake], 1e-6)
            for found, wrong in zip(factors, mistaken, strict=True)
        ):
            raise WrongAnswerError(explanation)
    n_pixels, k = off[0]
    found = factors[_FACTOR_CASES.index(off[0])]
    right = _honest_factor(n_pixels, k)
    first = (
        "right for china.jpg with 16 colours, but "
        if off[0] != (_FACTOR_CASES[0])
        else ""
    )
    raise WrongAnswerError(
        f"{first}compression_factor({n_pixels}, {k}) should be "
        f"{right:.3f}, not {found:.3f}: raw bytes (3 a pixel) over packed "
        "bytes (log2(k) bits a pixel rounded up, in whole bytes rounded "
        "up, plus 3 bytes a palette colour)."
    )


honest_compression = Exercise(
    "honest_compression", RESULTS, _honest_compression
)


# 4. A palette you choose ----------------------------------------------------


def _squared_distances(pixels, palette):
    """Each pixel's squared distance to each palette colour, exactly."""
    pixels, palette = pixels.astype(int), palette.astype(int)
    return ((pixels[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2)


def _recolour_mistakes(pixels, palette) -> dict[str, object]:
    """The colours each typical mistake gives every pixel."""
    import numpy as np

    gaps = _squared_distances(pixels, palette)
    wrapped = pixels[:, None, :] - palette[None, :, :]  # uint8: wraps
    labels = {
        "farthest": gaps.argmax(axis=1),
        "axis 1": ((pixels[:, None, :].astype(int) - palette[None, :, :]) ** 2)
        .sum(axis=1)
        .argmin(axis=1),
        "uint8": (wrapped.astype(int) ** 2).sum(axis=2).argmin(axis=1),
        "uint8 squared": (wrapped**2).sum(axis=2).argmin(axis=1),
        "absolute": np.abs(
            pixels[:, None, :].astype(int) - palette[None, :, :]
        )
        .sum(axis=2)
        .argmin(axis=1),
    }
    return {mistake: palette[found] for mistake, found in labels.items()}


_RECOLOUR_MISTAKES = {
    "farthest": (
        "each pixel got its farthest palette colour: keep the smallest "
        "distance (argmin), not the largest."
    ),
    "axis 1": (
        "the squares were summed over axis 1, the palette colours; sum "
        "over axis 2, the channels, to get one squared distance per pixel "
        "and colour, shape (n_pixels, k)."
    ),
    "uint8": (
        "the differences were computed in uint8, which wraps around: 10 "
        "- 20 gives 246, not -10, so far colours look near. Convert the "
        "pixels to int or float before subtracting (.astype(float))."
    ),
    "uint8 squared": (
        "the distances were computed in uint8, which wraps around: 10 - "
        "20 gives 246, and squares wrap too (16² gives 0). Convert the "
        "pixels to int or float before subtracting (.astype(float))."
    ),
    "absolute": (
        "these are the nearest colours by the sum of absolute "
        "differences; k-means, and this exercise, use the squared "
        "(Euclidean) distance: sum the squares of the differences."
    ),
}


def _random_image_and_palette(seed: int, height: int, width: int, k: int):
    import numpy as np

    rng = np.random.default_rng(seed)
    image = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    palette = rng.integers(0, 256, size=(k, 3), dtype=np.uint8)
    return image, palette


def _judge_recoloured(result, image, palette) -> None:
    import numpy as np

    height, width, _ = image.shape
    n, k = height * width, len(palette)
    whole = result.dtype.kind in "iu" or np.all(result == np.round(result))
    in_range = whole and result.min() >= 0 and result.max() < k
    if result.shape in {(height, width), (n,)} and in_range:
        raise WrongAnswerError(
            "recolour returned each pixel's palette index (0 to "
            f"{k - 1}), not its colour: palette[labels] turns indices "
            "into colours, then reshape them to the image's shape."
        )
    if result.shape == (n, 3):
        raise WrongAnswerError(
            f"recolour returned one row per pixel, shape ({n}, 3); give "
            f"the image back in its own shape, {image.shape}: "
            ".reshape(image.shape)."
        )
    if result.shape == (width, height, 3) and width != height:
        raise WrongAnswerError(
            f"recolour returned shape {result.shape}: width and height "
            f"swapped. Reshape to image.shape, {image.shape}."
        )
    if result.shape != image.shape:
        raise WrongAnswerError(
            f"recolour returned {describe(result)}; it should return an "
            f"image of the same shape as its input, {image.shape}."
        )
    colours = result.reshape(-1, 3).astype(float)
    if result.dtype.kind == "f" and colours.max() <= 1 and palette.max() > 1:
        raise WrongAnswerError(
            "recolour returned colours from 0 to 1; the palette and the "
            "image are uint8, 0 to 255: give each pixel its palette "
            "colour as it is, without dividing by 255."
        )
    to_palette = ((colours[:, None, :] - palette[None, :, :]) ** 2).sum(2)
    if not np.all(to_palette.min(axis=1) < 1e-9):
        raise WrongAnswerError(
            "some pixels got colours that are not in the palette: each "
            "pixel should take one palette row exactly, palette[labels]."
        )
    chosen = palette[to_palette.argmin(axis=1)]
    pixels = image.reshape(-1, 3)
    gaps = _squared_distances(pixels, palette)
    best = gaps.min(axis=1)
    got = ((pixels.astype(int) - chosen.astype(int)) ** 2).sum(axis=1)
    if np.array_equal(got, best):
        if result.dtype != np.uint8:
            raise WrongAnswerError(
                "every pixel got its nearest colour, but the image holds "
                f"{result.dtype} numbers: Matplotlib shows floats as 0 to "
                "1 (anything above 1 is white). Return uint8 like the "
                "palette: palette[labels], or .astype(np.uint8)."
            )
        return
    for mistake, colours_given in _recolour_mistakes(pixels, palette).items():
        if np.array_equal(chosen, colours_given):
            raise WrongAnswerError(_RECOLOUR_MISTAKES[mistake])
    wrong = int((got != best).sum())
    raise WrongAnswerError(
        f"{wrong} of {n} pixels did not get their nearest palette colour: "
        "for each pixel, sum the squared differences over its 3 channels "
        "(axis=2 of a (pixels, colours, channels) array) and keep the "
        "colour with the smallest sum."
    )


def _recolour_with_palette(recolour) -> str:
    for seed, height, width, k in [(2, 9, 13, 5), (3, 11, 6, 8)]:
        image, palette = _random_image_and_palette(seed, height, width, k)
        found = call(recolour, image.copy(), palette.copy())
        result = as_array(found, "what recolour returns")
        _judge_recoloured(result, image, palette)
    return (
        "every pixel got its nearest palette colour, in the image's shape "
        "and as uint8, on two random images and palettes."
    )


recolour_with_palette = Exercise(
    "recolour_with_palette", QUANTIZATION, _recolour_with_palette
)


# 5. PSNR against the number of colours ------------------------------------


@functools.cache
def _flower_quantized():
    """flower.jpg, every 8th pixel, its labels and palette (0 to 1) for
    k = 4. Made once; the check hands the learner's function copies."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.datasets import load_sample_image

    image = load_sample_image("flower.jpg")[::8, ::8]
    kmeans = KMeans(n_clusters=4, n_init=1, random_state=0)
    labels = kmeans.fit_predict(image.reshape(-1, 3) / 255)
    return image, labels.astype(np.int64), kmeans.cluster_centers_


def _decibels(mse: float) -> float:
    import math

    return 10 * math.log10(255**2 / mse) if mse > 0 else math.inf


def _psnr_mistakes(image, labels, palette) -> dict[str, float]:
    """The PSNR each typical mistake gives."""
    import numpy as np

    colours = palette[labels].reshape(image.shape)  # 0 to 1
    rounded = (colours * 255).round().astype(np.uint8)
    cut = (colours * 255).astype(np.uint8)  # no rounding: truncated
    image_01 = image / 255
    squares = (image - colours * 255) ** 2
    return {
        "unscaled": _decibels(np.mean((image - colours) ** 2)),
        "both 0 to 1": _decibels(np.mean((image_01 - colours) ** 2)),
        "uint8": _decibels(np.mean((image - rounded).astype(float) ** 2)),
        "uint8 cut": _decibels(np.mean((image - cut).astype(float) ** 2)),
        "uint8 squared": _decibels(np.mean((image - rounded) ** 2)),
        "uint8 squared cut": _decibels(np.mean((image - cut) ** 2)),
        "sum": _decibels(np.sum(squares)),
        "root": _decibels(np.sqrt(np.mean(squares))),
    }


_UINT8 = (
    "image and quantized are both uint8, and uint8 arithmetic wraps "
    "around: 10 - 20 gives 246, not -10. Convert one of them to float "
    "before subtracting (image.astype(float) - quantized)."
)
_PSNR_MISTAKES = {
    "unscaled": (
        "the palette is in 0 to 1 (k-means learnt it from pixels / 255), "
        "but the image is in 0 to 255: multiply the colours by 255 "
        "before comparing them with the image."
    ),
    "both 0 to 1": (
        "you compared colours from 0 to 1 but kept 255 as the peak: the "
        "PSNR is 48 dB too high (20 log10 255). Compare in 0 to 255: "
        "multiply the palette's colours by 255, and leave the image as "
        "it is."
    ),
    "uint8": _UINT8,
    "uint8 cut": _UINT8,
    "uint8 squared": _UINT8,
    "uint8 squared cut": _UINT8,
    "sum": (
        "mse is the mean of the squared differences, over all the "
        "pixels and channels, not their sum."
    ),
    "root": (
        "that is the square root of the mean squared error (the RMSE); "
        "the formula wants the MSE itself."
    ),
}
_DB_TOLERANCE = 1e-4  # float rounding, float32 arithmetic


def _quantized_psnr(quantized_psnr) -> str:
    import numpy as np

    if not callable(quantized_psnr):
        call(quantized_psnr)  # one sentence: it takes a function
    image, labels, palette = _flower_quantized()
    try:
        found = call(
            quantized_psnr, image.copy(), labels.copy(), palette.copy()
        )
    except ValueError as error:
        if "broadcast" not in str(error):
            raise
        raise WrongAnswerError(
            "your code subtracted arrays of different shapes: palette"
            f"[labels] has one row per pixel, {palette[labels].shape}, and "
            f"the image is {image.shape}. Reshape the colours to "
            "image.shape first."
        ) from None
    if found is None:
        raise BadInputError(f"quantized_psnr returned {describe(found)}")
    if isinstance(found, np.ndarray) and found.shape != ():
        raise WrongAnswerError(
            f"quantized_psnr returned {describe(found)}, not one number: "
            "take the mean over all the pixels and channels (np.mean with "
            "no axis)."
        )
    found = _number(found, "what quantized_psnr returns")
    colours = palette[labels].reshape(image.shape) * 255
    expected = _decibels(float(np.mean((image - colours) ** 2)))
    # The colours as floats, rounded to whole numbers, or cut to them.
    right = [
        expected,
        *(
            _decibels(float(np.mean((image - whole(colours)) ** 2)))
            for whole in (np.round, np.trunc)
        ),
    ]
    if any(abs(found - value) <= _DB_TOLERANCE for value in right):
        return (
            f"{expected:.2f} dB for this check's own image (flower.jpg, "
            "shrunk, in 4 colours): the palette back in 0 to 255, the "
            "differences in floats."
        )
    for mistake, value in _psnr_mistakes(image, labels, palette).items():
        if abs(found - value) <= _DB_TOLERANCE:
            raise WrongAnswerError(_PSNR_MISTAKES[mistake])
    raise WrongAnswerError(
        f"quantized_psnr gave {found:.3f} dB where {expected:.3f} dB was "
        "expected: recolour each pixel with palette[labels], times 255, "
        "in the image's shape; then the mean of the squared differences "
        "with the image, in floats."
    )


psnr_against_k = Exercise("psnr_against_k", RESULTS, _quantized_psnr)
