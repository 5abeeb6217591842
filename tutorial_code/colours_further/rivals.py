"""Going further 2: k-means against other colour quantizers, at 16 colours.

Page: docs/colours_further/rivals.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.image_files import write_indexed_png
from tutorial_code.quantize.quantizer import assign_pixels, quantize
from tutorial_code.timing import best_seconds

# --8<-- [start:methods]
import numpy as np
from PIL import Image
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image
from sklearn.metrics import pairwise_distances_argmin

china = load_sample_image("china.jpg")
pixels = china.reshape(-1, 3)
n_pixels, n_colours = len(pixels), 16
rng = np.random.default_rng(0)
sample = pixels[rng.choice(len(pixels), 15_000, replace=False)]


def kmeans_fit(model, data):
    """Fit a scikit-learn model on ``data`` (float32), label every pixel."""
    model.fit(data.astype(np.float32))
    labels = model.predict(pixels.astype(np.float32))
    return model.cluster_centers_.round().astype(np.uint8), labels


def one_start(model_class):
    """The k-means model with a single start (n_init=1), seeded."""
    return model_class(n_clusters=n_colours, n_init=1, random_state=0)


def pillow(method):
    """Pillow's own quantizer, without dithering."""
    indexed = Image.fromarray(china).quantize(
        n_colours, method=method, dither=Image.Dither.NONE
    )
    palette = np.array(indexed.getpalette(), np.uint8).reshape(-1, 3)
    return palette, np.asarray(indexed)


# 16 pixels picked at random as the palette: the bar to clear.
random_colours = pixels[rng.choice(len(pixels), n_colours, replace=False)]


def random_palette():
    """The random palette, and each pixel's nearest colour in it."""
    return random_colours, pairwise_distances_argmin(pixels, random_colours)


methods = {  # short names: they are the table's rows
    # Like with like: one start each, float32, on 15,000 pixels or on all.
    "kmeans_sample": lambda: kmeans_fit(one_start(KMeans), sample),
    "kmeans_all": lambda: kmeans_fit(one_start(KMeans), pixels),
    # Our quantize(): the same 15,000 pixels, its own starts (see above).
    "quantize": lambda: quantize(china, n_colours),
    "median_cut": lambda: pillow(Image.Quantize.MEDIANCUT),
    "max_coverage": lambda: pillow(Image.Quantize.MAXCOVERAGE),
    "fast_octree": lambda: pillow(Image.Quantize.FASTOCTREE),
    "random": random_palette,
}
# --8<-- [end:methods]


# --8<-- [start:compare]
def duration(seconds: float) -> str:
    """A time as "1.23 s", or as "12.3 ms" under a tenth of a second."""
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


seconds, quality_db, png_bytes, colours_used = {}, {}, {}, {}
palettes, results = {}, {}
for number, (name, method) in enumerate(methods.items()):
    palette, indices = method()
    # The same call again: once untimed, then the best of three (helper).
    seconds[name] = best_seconds(method)
    indices = np.asarray(indices).reshape(china.shape[:2])
    palettes[name], results[name] = palette, palette[indices]
    quality_db[name] = psnr(china, results[name])
    png_bytes[name] = write_indexed_png(
        f"method-{number}.png", palette, indices
    )
    colours_used[name] = len(np.unique(indices))
print(f"{'':15}{'time':>10}{'PSNR':>10}{'PNG bytes':>11}{'colours':>9}")
for name in methods:
    print(
        f"{name:15}{duration(seconds[name]):>10}{quality_db[name]:7.2f} dB"
        f"{png_bytes[name]:>11,}{colours_used[name]:>9}"
    )
# --8<-- [end:compare]

# --8<-- [start:conclude]
seconds_shown = {name: duration(value) for name, value in seconds.items()}
best = max(quality_db, key=quality_db.get)
best_is_kmeans = best in {"kmeans_sample", "kmeans_all", "quantize"}
# The sample against all pixels, both with one start: how many dB apart?
sample_gap_db = quality_db["kmeans_all"] - quality_db["kmeans_sample"]
sample_speedup_seconds = seconds["kmeans_all"] / seconds["kmeans_sample"]
# quantize's starts against a single one, on the same sample.
starts_gain_db = quality_db["quantize"] - quality_db["kmeans_sample"]
# The fastest method, and how far ahead of the next.
by_time_seconds = sorted(seconds, key=seconds.get)
fastest_seconds, runner_up_seconds = by_time_seconds[:2]
lead_seconds = seconds[runner_up_seconds] / seconds[fastest_seconds]
fastest_seconds_shown = seconds_shown[fastest_seconds]
fastest_db = quality_db[fastest_seconds]
best_seconds_shown, best_db = seconds_shown[best], quality_db[best]
octree_beats_random = quality_db["fast_octree"] > quality_db["random"]
# Every method below the best, by how many dB.
behind_best_db = {
    name: quality_db[best] - db for name, db in quality_db.items()
}
# Of quantize's time, how much is assigning every pixel to its palette?
assign_seconds = best_seconds(assign_pixels, pixels, palettes["quantize"])
assign_share_seconds = assign_seconds / seconds["quantize"]
print(f"best PSNR: {best}; fastest: {fastest_seconds}")
print(f"sample vs all pixels, one start each: {sample_gap_db:+.2f} dB")
print(f"quantize vs one start, on the sample: {starts_gain_db:+.2f} dB")
print(f"quantize's assignment of every pixel: {duration(assign_seconds)}")
# --8<-- [end:conclude]

# --8<-- [start:details]
import matplotlib.pyplot as plt

# Four large panels: the original, our quantize, median cut, fast octree.
detail = (slice(150, 250), slice(240, 390))  # a 100 x 150 pixel detail
shown = ["quantize", "median_cut", "fast_octree"]
fig, axes = plt.subplots(2, 2, figsize=(8, 5.9))
panels = [("original", china)] + [(name, results[name]) for name in shown]
for ax, (name, image) in zip(axes.flat, panels, strict=True):
    ax.imshow(image[detail], interpolation="nearest")
    label = "" if name == "original" else f": {quality_db[name]:.1f} dB"
    ax.set_title(f"{name}{label}", fontsize=11)
    ax.set_xticks([])  # no ticks, but a frame around each image
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:details]

from tutorial_code.claims import claim

claim(
    "similar_sizes",
    max(png_bytes.values()) < 1.25 * min(png_bytes.values()),
    "all the PNG files are of a similar size (within 25 % of each other)",
)
claim(
    "sample_enough",
    abs(sample_gap_db) < 0.5,
    "k-means on 15,000 pixels is within half a decibel of k-means on all",
)
claim(
    "sample_much_faster",
    sample_speedup_seconds > 2,
    "k-means on the sample is several times faster than on every pixel",
)
claim(
    "starts_matter_little",
    abs(starts_gain_db) < 0.25 * behind_best_db["median_cut"],
    "quantize's starts change PSNR by a small fraction of the gap between "
    "the best method and median cut",
)
claim(
    "fastest_well_ahead",
    lead_seconds > 2,
    "the fastest method took less than half the time of the next",
)
claim(
    "fit_dominates",
    assign_share_seconds < 0.5,
    "most of quantize's time on this photo is learning the palette",
)
