"""Lesson 2: reduce the photograph to 16 colours with k-means.

Page: docs/colours/quantization.md (continues lesson 1)
"""

from tutorial_code.colours.sample_image import china

# --8<-- [start:prepare]
import numpy as np

# One row per pixel, one column per channel, as floats from 0 to 1.
pixels = china.reshape(-1, 3) / 255
print(
    f"pixels: {pixels.shape}, {pixels.dtype}, {pixels.min()} to {pixels.max()}"
)
# --8<-- [end:prepare]

# --8<-- [start:compare]
import time

from sklearn.cluster import KMeans, MiniBatchKMeans


def duration(seconds: float) -> str:
    """A time as "1.23 s", or as "12.3 ms" under a tenth of a second."""
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


rng = np.random.default_rng(0)
sample = pixels[rng.choice(len(pixels), size=10_000, replace=False)]
# Like with like: one start each (n_init=1), the same float64 pixels; only
# the algorithm and the data it learns from differ.
models = {
    "full": KMeans(n_clusters=16, n_init=1, random_state=0),
    "sample": KMeans(n_clusters=16, n_init=1, random_state=0),
    "minibatch": MiniBatchKMeans(n_clusters=16, n_init=1, random_state=0),
}
training_data = {"full": pixels, "sample": sample, "minibatch": pixels}

seconds, mse = {}, {}  # per model: time to fit and predict, and its error
for name, model in models.items():
    start_seconds = time.perf_counter()
    labels = model.fit(training_data[name]).predict(pixels)
    seconds[name] = time.perf_counter() - start_seconds
    mse[name] = float(np.mean((pixels - model.cluster_centers_[labels]) ** 2))
    print(
        f"{name:>9}: {duration(seconds[name]):>9}, "
        f"squared error {mse[name]:.6f}"
    )
seconds_shown = {name: duration(value) for name, value in seconds.items()}
sample_faster_than_full_seconds = seconds["sample"] < seconds["full"]
minibatch_faster_than_full_seconds = seconds["minibatch"] < seconds["full"]
# How far the sample fit's error is from the full fit's, in percent.
sample_error_higher = mse["sample"] > mse["full"]
sample_error_difference = 100 * abs(mse["sample"] / mse["full"] - 1)
# --8<-- [end:compare]

# --8<-- [start:quantize]
kmeans = models["sample"]
labels = kmeans.predict(pixels)  # the nearest of the 16 centres, per pixel
palette = kmeans.cluster_centers_  # 16 colours, floats from 0 to 1
quantized = (
    (palette[labels] * 255).round().astype(np.uint8).reshape(china.shape)
)
n_colours = len(np.unique(quantized.reshape(-1, 3), axis=0))
print(f"quantized: {quantized.shape}, {quantized.dtype}, {n_colours} colours")
# --8<-- [end:quantize]

# --8<-- [start:colour_space]
import matplotlib.pyplot as plt

# The same 5,000 random pixels, before and after, drawn in their own colour.
subset = np.random.default_rng(1).choice(
    len(pixels), size=5_000, replace=False
)
rows = [
    ("original", pixels[subset], 1, "none"),  # small dots, then ...
    ("16 colours", palette[labels[subset]], 90, "black"),  # ... 16 large
]
channels = ["red", "green", "blue"]
fig, axes = plt.subplots(2, 2, figsize=(8, 7.4), sharex=True, sharey=True)
for row_axes, (title, colours, size, edge) in zip(axes, rows):
    for ax, (x, y) in zip(row_axes, [(0, 1), (1, 2)]):
        # A black edge keeps a grey centre visible on the mid-grey ground.
        ax.scatter(
            colours[:, x], colours[:, y], c=colours, s=size, edgecolors=edge
        )
        ax.set_facecolor("0.5")  # mid grey: dark and light colours both show
        ax.set_xlabel(channels[x])
        ax.set_ylabel(channels[y])
        ax.set_title(f"{title}: {channels[x]}-{channels[y]}", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:colour_space]
