"""Going further 5: twelve million pixels, fast and exact.

Page: docs/colours_further/fast_exact.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.quantizer import (
    CELL,
    PER_AXIS,
    assign_pixels,
    cell_candidates,
    fit_palette,
    nearest_colours,
    quantize,
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


def best_seconds(work, repeats: int = 3) -> float:
    """The shortest of a few runs of ``work()``: processor seconds, added
    up over the threads that did the work."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


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
seconds_before = best_seconds(lambda: quantize_before(photo), repeats=2)
print(f"quantize_before: {shown(seconds_before)}")
# KMeans.predict alone, with the palette as the centres.
centres = palette.astype(np.float32)
model = KMeans(n_clusters=16, init=centres, n_init=1).fit(centres)
predict_seconds = best_seconds(
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
copy_seconds = best_seconds(big.copy)
bytes_per_second = 2 * big.nbytes / copy_seconds  # read + written
square = np.ones((1024, 1024), dtype=np.float32)
product_seconds = best_seconds(lambda: square @ square)
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
start_seconds = time.process_time()
by_python = nearest_colours.py_func(few, palette)  # the loop, not compiled
python_seconds = time.process_time() - start_seconds
python_all_seconds = python_seconds * n_pixels / len(few)
brute_seconds = best_seconds(lambda: nearest_colours(pixels, palette))
brute_force = nearest_colours(pixels, palette)
print(f"Python loop, {len(few):,} pixels: {shown(python_seconds)}")
print(f"  so all pixels would take about {shown(python_all_seconds)}")
print(f"compiled, all pixels: {shown(brute_seconds)}")
print(f"same answers: {np.array_equal(by_python, brute_force[: len(few)])}")
compiled_speedup_seconds = python_all_seconds / brute_seconds
brute_beats_predict_seconds = brute_seconds < predict_seconds
# --8<-- [end:brute]


# --8<-- [start:cells]
def cell_numbers(colours: np.ndarray) -> np.ndarray:
    """Each RGB colour's cell, numbered (red, green, blue) in base PER_AXIS."""
    r, g, b = (colours // CELL).astype(np.intp).T
    return (r * PER_AXIS + g) * PER_AXIS + b


cells_seconds = best_seconds(lambda: cell_candidates(palette))
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
    ax.set_xlabel("red")
    ax.set_title(title, fontsize=11)
axes[0].set_ylabel("green")
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
assign_seconds = best_seconds(lambda: assign_pixels(pixels, palette))
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
start_seconds = time.perf_counter()
fresh(few, palette)  # its first call compiles it
compile_seconds = time.perf_counter() - start_seconds
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


# --8<-- [start:fit]
def ten_runs(colours, counts, rng):
    """The fit before: ten k-means runs on all the sample's colours."""
    kmeans = KMeans(n_clusters=16, n_init=10, random_state=0)
    kmeans.fit(colours.astype(np.float32), sample_weight=counts)
    return kmeans.cluster_centers_.round().astype(np.uint8)


def third_then_one(colours, counts, rng):
    return fit_palette(colours, counts, 16, rng)


# On china.jpg itself, to keep it quick: three samples, both fits on each.
original = np.asarray(china)
original_pixels = original.reshape(-1, 3)
fit_seconds, quality_db = {}, {}
for seed in range(3):
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(original_pixels), 15_000, replace=False)
    sample = original_pixels[chosen]
    colours, counts = np.unique(sample, axis=0, return_counts=True)
    for fit in (ten_runs, third_then_one):
        start_seconds = time.process_time()
        fitted = fit(colours, counts, rng)
        seconds = time.process_time() - start_seconds
        name = fit.__name__
        fit_seconds[name] = min(seconds, fit_seconds.get(name, seconds))
        indices = assign_pixels(original_pixels, fitted)
        quantized = fitted[indices].reshape(original.shape)
        quality_db.setdefault(name, []).append(psnr(original, quantized))
for name, seconds in fit_seconds.items():
    dbs = ", ".join(f"{db:.2f}" for db in quality_db[name])
    print(f"{name:15} {shown(seconds):>9}   PSNR {dbs} dB")
psnr_change_db = np.mean(quality_db["third_then_one"]) - np.mean(
    quality_db["ten_runs"]
)
print(f"mean change: {psnr_change_db:+.3f} dB")
fit_faster_seconds = fit_seconds["third_then_one"] < fit_seconds["ten_runs"]
fit_outweighs_assign_seconds = fit_seconds["ten_runs"] > assign_seconds
# --8<-- [end:fit]

# --8<-- [start:total]
seconds_after = best_seconds(lambda: quantize(photo, 16), repeats=2)
print(f"quantize before: {shown(seconds_before)}")
print(f"quantize now:    {shown(seconds_after)}")
faster_overall_seconds = seconds_after < seconds_before
# --8<-- [end:total]
