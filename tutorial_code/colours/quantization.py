"""Lesson 2: reduce the photograph to 16 colours with k-means.

Page: docs/colours/quantization.md (continues lesson 1)
"""

from tutorial_code.colours.sample_image import china
from tutorial_code.timing import best_seconds, compared

# --8<-- [start:prepare]
import numpy as np

# One row per pixel, one column per channel, as floats from 0 to 1.
pixels = china.reshape(-1, 3) / 255
print(
    f"pixels: {pixels.shape}, {pixels.dtype}, {pixels.min()} to {pixels.max()}"
)
# --8<-- [end:prepare]

# --8<-- [start:compare]
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


def fit_and_predict(name: str) -> np.ndarray:
    """Fit model ``name`` on its training data, then label every pixel."""
    return models[name].fit(training_data[name]).predict(pixels)


seconds, mse = {}, {}  # per model: time to fit and predict, and its error
for name, model in models.items():
    # The same seeded fit three times: once to warm up, then the faster of
    # two timed runs (the helper above).
    seconds[name] = best_seconds(fit_and_predict, name, repeats=2)
    labels = model.predict(pixels)
    mse[name] = float(np.mean((pixels - model.cluster_centers_[labels]) ** 2))
    print(
        f"{name:>9}: {duration(seconds[name]):>9}, "
        f"squared error {mse[name]:.6f}"
    )
seconds_shown = {name: duration(value) for name, value in seconds.items()}
sample_speedup_seconds = seconds["full"] / seconds["sample"]
minibatch_versus_full_seconds = compared(seconds["minibatch"], seconds["full"])
minibatch_took_longer_seconds = seconds["minibatch"] > seconds["full"]
# How far the sample fit's error is from the full fit's, in percent.
sample_error_higher = mse["sample"] > mse["full"]
sample_error_difference = 100 * abs(mse["sample"] / mse["full"] - 1)
# How much data each went through: KMeans passes over every pixel, while
# MiniBatchKMeans takes steps on small random batches.
minibatch = models["minibatch"]
kmeans_passes = models["full"].n_iter_
minibatch_steps, batch_size = minibatch.n_steps_, minibatch.batch_size
minibatch_passes = minibatch_steps * batch_size / len(pixels)
print(f"KMeans: {kmeans_passes} passes over all {len(pixels):,} pixels")
print(
    f"MiniBatchKMeans: {minibatch_steps} steps of {batch_size:,} pixels, "
    f"{minibatch_passes:.1f} passes' worth"
)
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
        ax.set_xlabel(channels[x], fontsize=11)
        ax.set_ylabel(channels[y], fontsize=11)
        ax.tick_params(labelsize=11)
        ax.set_title(f"{title}: {channels[x]}-{channels[y]}", fontsize=12)
fig.tight_layout()
plt.show()
# --8<-- [end:colour_space]

from tutorial_code.claims import claim

claim(
    "sample_much_faster",
    sample_speedup_seconds > 2,
    "KMeans on a sample of 10,000 pixels is several times faster than on "
    "every pixel",
)
claim(
    "sample_almost_as_good",
    sample_error_difference < 5,
    "the sample's palette has an error within 5 % of the full fit's",
)
claim(
    "minibatch_sees_fewer_pixels",
    minibatch_passes < kmeans_passes,
    "MiniBatchKMeans went through fewer pixels in all than KMeans",
)
