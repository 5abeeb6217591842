"""Going further 5: twelve million pixels, fast and exact.

Page: docs/colours_further/fast_exact.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.quantizer import (
    CELL,
    PER_AXIS,
    assign_pixels,
    cell_candidates,
    distinct_colours,
    fit_palette,
    nearest_colours,
    quantize,
)
from tutorial_code.timing import (
    best_seconds,
    compared,
    one_call_seconds,
)

# --8<-- [start:photo]
import numpy as np
from PIL import Image
from sklearn.datasets import load_sample_image

china = Image.fromarray(load_sample_image("china.jpg"))
photo = np.asarray(china.resize((2560, 1708), Image.Resampling.LANCZOS))
pixels = photo.reshape(-1, 3)
n_pixels = len(pixels)
print(f"{photo.shape[1]} x {photo.shape[0]} photo: {n_pixels:,} pixels")
# --8<-- [end:photo]

# --8<-- [start:timer]
import time

from threadpoolctl import threadpool_limits

threadpool_limits(1)  # NumPy's and scikit-learn's code on one thread


def cpu_seconds(work, *args, repeats: int = 3) -> float:
    """``best_seconds`` of ``work(*args)`` in processor seconds: the work
    done, added up over the threads that did it."""
    return best_seconds(work, *args, repeats=repeats, clock=time.process_time)


def shown(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1e3:.1f} ms"


# --8<-- [end:timer]

# --8<-- [start:before]
from sklearn.cluster import KMeans


def quantize_before(image: np.ndarray, n_colors: int = 16, seed: int = 0):
    """The quantizer before this page: ten k-means runs, then predict."""
    pixels = image.reshape(-1, 3)
    rng = np.random.default_rng(seed)
    sample = pixels[rng.choice(len(pixels), 15_000, replace=False)]
    colours, counts = np.unique(sample, axis=0, return_counts=True)
    kmeans = KMeans(n_clusters=n_colors, n_init=10, random_state=seed)
    kmeans.fit(colours.astype(np.float32), sample_weight=counts)
    palette = kmeans.cluster_centers_.round().astype(np.uint8)
    kmeans.cluster_centers_ = palette.astype(np.float32)
    return palette, kmeans.predict(pixels.astype(np.float32))


palette, _ = quantize_before(photo)
seconds_before = cpu_seconds(lambda: quantize_before(photo), repeats=2)
print(f"quantize_before: {shown(seconds_before)}")
# KMeans.predict alone, with the palette as the centres.
centres = palette.astype(np.float32)
model = KMeans(n_clusters=16, init=centres, n_init=1).fit(centres)
predict_seconds = cpu_seconds(
    lambda: model.predict(pixels.astype(np.float32)), repeats=2
)
print(f"KMeans.predict, all pixels: {shown(predict_seconds)}")
# --8<-- [end:before]

# --8<-- [start:floor]
n_colours = len(palette)
flops = n_pixels * n_colours * 3 * 2  # a multiply and an add per channel
bytes_moved = n_pixels * (3 + 1)  # read three bytes, write a one-byte index
# This machine's speed on one core: a large copy, a large float32 product.
big = np.ones(2**24, dtype=np.float32)
copy_seconds = cpu_seconds(big.copy)
bytes_per_second = 2 * big.nbytes / copy_seconds  # read + written
square = np.ones((1024, 1024), dtype=np.float32)
product_seconds = cpu_seconds(lambda: square @ square)
flops_per_second = 2 * 1024**3 / product_seconds
floor_seconds = max(flops / flops_per_second, bytes_moved / bytes_per_second)
floor_seconds_text = shown(floor_seconds)
predict_seconds_text = shown(predict_seconds)
print(f"{flops / 1e9:.2f} GFLOP and {bytes_moved / 1e6:.0f} MB to move")
print(f"copying {2 * big.nbytes / 1e6:.0f} MB: {shown(copy_seconds)}")
print(f"a 1024 x 1024 float32 product: {shown(product_seconds)}")
print(f"floor: {floor_seconds_text}")
# --8<-- [end:floor]

# --8<-- [start:brute]
few = pixels[:2000]  # the loop in plain Python is slow: time it on a few
by_python = nearest_colours.py_func(few, palette)  # the loop, not compiled
python_seconds = cpu_seconds(lambda: nearest_colours.py_func(few, palette))
python_all_seconds = python_seconds * n_pixels / len(few)
brute_force = nearest_colours(pixels, palette)
brute_seconds = cpu_seconds(lambda: nearest_colours(pixels, palette))
print(f"Python loop, {len(few):,} pixels: {shown(python_seconds)}")
print(f"  so all pixels would take about {shown(python_all_seconds)}")
print(f"compiled, all pixels: {shown(brute_seconds)}")
same_answers = np.array_equal(by_python, brute_force[: len(few)])
print(f"same answers: {same_answers}")
compiled_speedup_seconds = python_all_seconds / brute_seconds
brute_versus_predict_seconds = compared(brute_seconds, predict_seconds)
# --8<-- [end:brute]


# --8<-- [start:cells]
def cell_numbers(colours: np.ndarray) -> np.ndarray:
    """Each RGB colour's cell, numbered (red, green, blue) in base PER_AXIS."""
    r, g, b = (colours // CELL).astype(np.intp).T
    return (r * PER_AXIS + g) * PER_AXIS + b


cells_seconds = cpu_seconds(lambda: cell_candidates(palette))
cells = cell_candidates(palette)
counts = np.diff(cells.starts)  # candidates per cell
cells_megabytes = sum(array.nbytes for array in cells) / 1e6
one_candidate = cells.single.mean()
pixels_one_candidate = cells.single[cell_numbers(pixels)].mean()
most_candidates = counts.max()
print(f"cell_candidates: {shown(cells_seconds)}, {cells_megabytes:.2f} MB")
print(f"cells with one candidate: {one_candidate:.1%}")
print(f"pixels of the photo in those cells: {pixels_one_candidate:.1%}")
print(f"most candidates in a cell: {most_candidates}")
# --8<-- [end:cells]

# --8<-- [start:slice]
import matplotlib.pyplot as plt

blue = 96  # a slice of the colour cube: every (red, green) at this blue
red, green = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
plane = np.stack([red, green, np.full_like(red, blue)], axis=-1)
plane = plane.reshape(-1, 3).astype(np.uint8)
nearest = palette[nearest_colours(plane, palette)].reshape(256, 256, 3)
# Each colour's cell: how many candidates it has, and the first.
cell = cell_numbers(plane)
in_plane = counts[cell].reshape(256, 256)
painted = np.zeros((256, 256, 4))  # cells with more candidates stay clear
one = in_plane == 1
painted[one, :3] = palette[cells.first[cell]].reshape(256, 256, 3)[one] / 255
painted[one, 3] = 1
fig, axes = plt.subplots(1, 2, figsize=(8, 4.4))
titles = [f"nearest colour, blue = {blue}", "cells with one candidate"]
for ax, image, title in zip(axes, [nearest, painted], titles):
    ax.imshow(image.transpose(1, 0, 2), origin="lower", extent=(0, 256) * 2)
    ax.set_xticks(range(0, 257, 64))
    ax.set_yticks(range(0, 257, 64))
    ax.set_xlabel("red", fontsize=11)
    ax.tick_params(labelsize=11)
    ax.set_title(title, fontsize=12)
axes[0].set_ylabel("green", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:slice]

# --8<-- [start:zoom]
import matplotlib.patheffects as effects

# Around a corner where regions meet: 14 x 14 cells.
reds, greens = slice(116, 172), slice(12, 68)
fig, ax = plt.subplots(figsize=(5, 5))
window = nearest[reds, greens].transpose(1, 0, 2)
extent = (reds.start, reds.stop, greens.start, greens.stop)
ax.imshow(window, origin="lower", extent=extent)
ax.set_xticks(range(reds.start, reds.stop + 1, 4 * CELL))
ax.set_yticks(range(greens.start, greens.stop + 1, 4 * CELL))
ax.set_xticks(range(reds.start, reds.stop + 1, CELL), minor=True)
ax.set_yticks(range(greens.start, greens.stop + 1, CELL), minor=True)
ax.grid(which="minor", color="white", linewidth=0.6, alpha=0.6)
outline = [effects.withStroke(linewidth=2.5, foreground="black")]
style = dict(ha="center", va="center", color="white", path_effects=outline)
for red in range(reds.start, reds.stop, CELL):
    for green in range(greens.start, greens.stop, CELL):
        n = in_plane[red, green]
        if n > 1:  # a boundary may cross this cell: its candidates
            ax.text(red + CELL / 2, green + CELL / 2, n, **style)
ax.set_xlabel("red")
ax.set_ylabel("green")
ax.set_title(f"cells of {CELL} colours, blue = {blue}", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:zoom]

# --8<-- [start:assign]
assign_seconds = cpu_seconds(lambda: assign_pixels(pixels, palette))
print(f"KMeans.predict:       {shown(predict_seconds)}")
print(f"compiled brute force: {shown(brute_seconds)}")
print(f"assign_pixels:        {shown(assign_seconds)}")
cells_speedup_seconds = brute_seconds / assign_seconds
speedup_over_predict_seconds = predict_seconds / assign_seconds
above_floor_seconds = assign_seconds > floor_seconds
# --8<-- [end:assign]

# --8<-- [start:first_call]
import numba

fresh = numba.njit(nearest_colours.py_func)  # a copy without machine code
# Its first call compiles it: timed on purpose, once, in wall-clock time.
compile_seconds = one_call_seconds(fresh, few, palette)
compile_seconds_text = shown(compile_seconds)
print(f"compiling nearest_colours: {compile_seconds_text}")
# --8<-- [end:first_call]

# --8<-- [start:exact]
photo_exact = np.array_equal(assign_pixels(pixels, palette), brute_force)
# All 2**24 colours of the cube, against the brute force.
levels = np.arange(256, dtype=np.uint8)
cube = np.stack(np.meshgrid(*[levels] * 3), -1).reshape(-1, 3)
every_colour_exact = np.array_equal(
    assign_pixels(cube, palette), nearest_colours(cube, palette)
)
# Every 8th level, against exact integer distances computed by NumPy.
coarse = np.stack(np.meshgrid(*[levels[::8]] * 3), -1).reshape(-1, 3)
differences = coarse[:, None, :].astype(np.int64) - palette[None, :, :]
expected = (differences**2).sum(axis=-1).argmin(axis=1)
coarse_exact = np.array_equal(assign_pixels(coarse, palette), expected)
print(f"photo: same as brute force: {photo_exact}")
print(f"all {len(cube):,} colours: same as brute force: {every_colour_exact}")
print(f"{len(coarse):,} of them: as NumPy's int64 distances: {coarse_exact}")
# --8<-- [end:exact]


# --8<-- [start:distinct]
# A 15,000-pixel sample of china.jpg itself, not enlarged: its colours.
original = np.asarray(china)
original_pixels = original.reshape(-1, 3)
rng = np.random.default_rng(0)
chosen = rng.choice(len(original_pixels), 15_000, replace=False)
sample = original_pixels[chosen]
by_rows = np.unique(sample, axis=0, return_counts=True)
by_numbers = distinct_colours(sample)
same_colours = all(map(np.array_equal, by_rows, by_numbers))
n_distinct = len(by_numbers[0])
print(f"{n_distinct:,} distinct colours, the same both ways: {same_colours}")
rows_seconds = cpu_seconds(
    lambda: np.unique(sample, axis=0, return_counts=True)
)
numbers_seconds = cpu_seconds(distinct_colours, sample)
print(f"np.unique(sample, axis=0): {shown(rows_seconds)}")
print(f"distinct_colours(sample):  {shown(numbers_seconds)}")
numbers_versus_rows_seconds = compared(numbers_seconds, rows_seconds)
# --8<-- [end:distinct]


# --8<-- [start:fit]
def ten_runs(colours, counts, rng):
    """The fit before: ten k-means runs on all the sample's colours."""
    kmeans = KMeans(n_clusters=16, n_init=10, random_state=0)
    kmeans.fit(colours.astype(np.float32), sample_weight=counts)
    return kmeans.cluster_centers_.round().astype(np.uint8)


def third_then_one(colours, counts, rng):
    return fit_palette(colours, counts, 16, rng)


# Three samples of china.jpg, both fits on each; timed on the first.
fit_seconds, quality_db = {}, {}
for seed in range(3):
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(original_pixels), 15_000, replace=False)
    colours, counts = distinct_colours(original_pixels[chosen])
    for fit in (ten_runs, third_then_one):
        fitted = fit(colours, counts, rng)
        indices = assign_pixels(original_pixels, fitted)
        quantized = fitted[indices].reshape(original.shape)
        quality_db.setdefault(fit.__name__, []).append(
            psnr(original, quantized)
        )
        if seed == 0:  # the same colours for both fits
            fit_seconds[fit.__name__] = cpu_seconds(
                fit, colours, counts, np.random.default_rng(0), repeats=2
            )
for name, seconds in fit_seconds.items():
    dbs = ", ".join(f"{db:.2f}" for db in quality_db[name])
    print(f"{name:15} {shown(seconds):>9}   PSNR {dbs} dB")
psnr_change_db = np.mean(quality_db["third_then_one"]) - np.mean(
    quality_db["ten_runs"]
)
print(f"mean change: {psnr_change_db:+.3f} dB")
fit_speedup_seconds = fit_seconds["ten_runs"] / fit_seconds["third_then_one"]
fit_outweighs_assign_seconds = fit_seconds["ten_runs"] > assign_seconds
# --8<-- [end:fit]

# --8<-- [start:total]
seconds_after = cpu_seconds(lambda: quantize(photo, 16), repeats=2)
print(f"quantize before: {shown(seconds_before)}")
print(f"quantize now:    {shown(seconds_after)}")
overall_speedup_seconds = seconds_before / seconds_after
# --8<-- [end:total]

from tutorial_code.claims import claim

claim(
    "exact",
    photo_exact and every_colour_exact and coarse_exact and same_answers,
    "every check of exactness finds the same answers as brute force",
)
claim(
    "predict_far_above_floor",
    predict_seconds > 5 * floor_seconds,
    "KMeans.predict takes many times the floor",
)
claim(
    "same_colours",
    same_colours,
    "distinct_colours gives the colours and counts np.unique gives",
)
claim(
    "cells_beat_brute_force",
    cells_speedup_seconds > 1.5,
    "assigning by cells is clearly faster than the compiled brute force",
)
claim(
    "fit_dominates",
    fit_outweighs_assign_seconds,
    "the ten k-means runs took longer than assigning every pixel",
)
claim(
    "new_fit_faster",
    fit_speedup_seconds > 2,
    "the new fit is several times faster than ten full runs",
)
claim(
    "same_quality",
    abs(psnr_change_db) < 0.1,
    "the new fit's palettes are within 0.1 dB of ten full runs' on average",
)
claim(
    "faster_overall",
    overall_speedup_seconds > 1.5,
    "the new quantize is clearly faster than the one before",
)
