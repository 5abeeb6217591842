"""Scaling out 1: learn centres from a sample or a stream, assign in chunks.

Page: docs/scaling/sample_stream.md
"""

from tutorial_code.scaling.chunks import FRAME_PIXELS, frame
from tutorial_code.timing import best_seconds, one_call_seconds

# --8<-- [start:archive]
from pathlib import Path

import numpy as np

n_frames = 32
shape = (n_frames * FRAME_PIXELS, 3)
path = Path("archive.npy")


def is_written(path: Path) -> bool:
    """Whether ``path`` already holds the whole archive (then reuse it)."""
    if not path.exists():
        return False
    on_disk = np.load(path, mmap_mode="r")
    last = on_disk[-FRAME_PIXELS:] if on_disk.shape == shape else None
    return last is not None and np.array_equal(last, frame(n_frames - 1))


if not is_written(path):
    # A memory-mapped .npy file: written frame by frame, never all in memory.
    out = np.lib.format.open_memmap(path, "w+", np.uint8, shape)
    for i in range(n_frames):
        out[i * FRAME_PIXELS : (i + 1) * FRAME_PIXELS] = frame(i)
    out.flush()
    del out
archive = np.load(path, mmap_mode="r")  # reads pages from disk on demand
budget_megabytes = 20
all_float32_megabytes = archive.size * 4 / 1e6
print(f"archive: {len(archive):,} pixels, {archive.nbytes / 1e6:.1f} MB")
print(f"as float32, all at once: {all_float32_megabytes:.1f} MB")
print(f"memory this lesson allows itself: {budget_megabytes} MB")
# --8<-- [end:archive]

# --8<-- [start:chunks]
from collections.abc import Iterator

import numpy as np


def chunks(archive: np.ndarray, size: int = FRAME_PIXELS) -> Iterator:
    """The archive, ``size`` pixels at a time, as float32 arrays."""
    for start in range(0, len(archive), size):
        yield archive[start : start + size].astype(np.float32)


def assign_all(model, archive: np.ndarray, out: str) -> float:
    """Write each pixel's nearest centre to the file ``out``, chunk by chunk.

    Returns the inertia: the sum of squared distances to those centres.
    """
    labels = np.lib.format.open_memmap(out, "w+", np.uint8, (len(archive),))
    centres = model.cluster_centers_
    inertia, start = 0.0, 0
    for chunk in chunks(archive):
        nearest = model.predict(chunk)
        labels[start : start + len(chunk)] = nearest
        inertia += float(((chunk - centres[nearest]) ** 2).sum())
        start += len(chunk)
    labels.flush()
    return inertia


# --8<-- [end:chunks]

# --8<-- [start:score]
import numpy as np

# The same 100,000 pixels score every model: scoring all 8.7 million would
# cost a pass over the archive per model.
scoring_rows = np.unique(
    np.random.default_rng(1000).integers(0, len(archive), 100_000)
)
scoring_pixels = archive[scoring_rows].astype(np.float32)


def per_pixel(model) -> float:
    """Mean squared distance from the scoring pixels to their nearest centre
    (the inertia per pixel)."""
    return -model.score(scoring_pixels) / len(scoring_pixels)


# --8<-- [end:score]

# --8<-- [start:stream]
import numpy as np
from sklearn.cluster import MiniBatchKMeans


seeds = (0, 1, 2)
n_passes = 2
n_batches = 2  # mini-batches per chunk


def one_pass(model: MiniBatchKMeans, archive: np.ndarray) -> None:
    """One mini-batch step per batch, over the whole archive.

    Neighbouring pixels look alike, so a batch takes every n_batches-th
    pixel of the chunk: each batch is spread over the whole frame.
    """
    for chunk in chunks(archive):
        for first in range(n_batches):
            model.partial_fit(chunk[first::n_batches])


streams, stream_scores, pass_seconds = {}, {}, []
for seed in seeds:
    # compute_labels=False: no labels per batch, we assign every pixel after.
    streams[seed] = MiniBatchKMeans(
        n_clusters=16,
        batch_size=FRAME_PIXELS // n_batches,
        n_init=1,
        random_state=seed,
        compute_labels=False,
    )
    stream_scores[seed] = []
    for _ in range(n_passes):
        # A pass changes the model, so it cannot be repeated: timed once.
        pass_seconds.append(one_call_seconds(one_pass, streams[seed], archive))
        stream_scores[seed].append(per_pixel(streams[seed]))
    after = ", ".join(f"{score:.1f}" for score in stream_scores[seed])
    print(f"seed {seed}, per pixel after each pass: {after}")
best_stream_seed = min(seeds, key=lambda seed: stream_scores[seed][-1])
stream = streams[best_stream_seed]
print(f"{stream.n_steps_} mini-batch steps per seed")
fastest_pass_seconds = min(pass_seconds)
print(
    f"one pass: {fastest_pass_seconds:.2f} s (fastest of {len(pass_seconds)})"
)
# --8<-- [end:stream]

# --8<-- [start:sample]
import numpy as np
from sklearn.cluster import KMeans


sample_size = 50_000


def fit_on_sample(seed: int) -> KMeans:
    """KMeans on sample_size pixels drawn at random from the archive."""
    rng = np.random.default_rng(seed)
    rows = np.unique(rng.integers(0, len(archive), sample_size))  # sorted
    model = KMeans(n_clusters=16, n_init=1, random_state=seed)
    return model.fit(archive[rows].astype(np.float32))


samples = {seed: fit_on_sample(seed) for seed in seeds}
sample_scores = {seed: per_pixel(model) for seed, model in samples.items()}
for seed, model in samples.items():
    print(
        f"seed {seed}, per pixel: {sample_scores[seed]:.1f} "
        f"({model.n_iter_} Lloyd iterations)"
    )
best_sample_seed = min(seeds, key=sample_scores.get)
sampled = samples[best_sample_seed]
sample_seconds = best_seconds(fit_on_sample, best_sample_seed, repeats=2)
print(f"draw the sample and fit: {sample_seconds:.2f} s")
# --8<-- [end:sample]

# --8<-- [start:memory]
import tracemalloc

from sklearn.base import clone

tracemalloc.start()  # traces every allocation NumPy and Python make
one_pass(clone(stream), archive)  # what a pass of the stream holds
stream_inertia = assign_all(stream, archive, "labels_stream.npy")
stream_peak_megabytes = tracemalloc.get_traced_memory()[1] / 1e6
tracemalloc.reset_peak()
fit_on_sample(best_sample_seed)
sample_inertia = assign_all(sampled, archive, "labels_sample.npy")
sample_peak_megabytes = tracemalloc.get_traced_memory()[1] / 1e6
tracemalloc.stop()
print(f"stream (seed {best_stream_seed}), a pass and assigning every pixel:")
print(f"  peak {stream_peak_megabytes:.1f} MB")
print(f"  per pixel, all pixels: {stream_inertia / len(archive):.1f}")
print(f"sample (seed {best_sample_seed}), a fit and assigning every pixel:")
print(f"  peak {sample_peak_megabytes:.1f} MB")
print(f"  per pixel, all pixels: {sample_inertia / len(archive):.1f}")
# --8<-- [end:memory]

# --8<-- [start:compare]
import numpy as np

final_stream_scores = [scores[-1] for scores in stream_scores.values()]
stream_range = (min(final_stream_scores), max(final_stream_scores))
sample_range = (min(sample_scores.values()), max(sample_scores.values()))
# What the last pass changed, on average, and how far the best stream
# stayed above the worst sample: relative to the score before.
last_pass_change = float(
    np.mean([after[-1] / after[-2] - 1 for after in stream_scores.values()])
)
stream_gap = stream_range[0] / sample_range[1] - 1
sample_to_stream = sample_inertia / stream_inertia
peak_megabytes = max(stream_peak_megabytes, sample_peak_megabytes)
within_budget = peak_megabytes <= budget_megabytes
print("per pixel over the seeds, lowest to highest:")
print(f"  stream: {stream_range[0]:.1f} to {stream_range[1]:.1f}")
print(f"  sample: {sample_range[0]:.1f} to {sample_range[1]:.1f}")
print(f"the last pass changed a stream's score by {last_pass_change:+.1%}")
print(f"the best stream scored {stream_gap:.1%} above the worst sample")
print(f"inertia of the best of each, sample / stream: {sample_to_stream:.4f}")
print(
    f"highest peak: {peak_megabytes:.1f} MB of {budget_megabytes} MB allowed"
)
# --8<-- [end:compare]

# --8<-- [start:palettes]
import matplotlib.pyplot as plt
import numpy as np


def by_brightness(centres: np.ndarray) -> np.ndarray:
    """The centres as RGB colours (uint8), darkest first."""
    colours = np.clip(centres, 0, 255).round().astype(np.uint8)
    return colours[np.argsort(colours.astype(int).sum(axis=1))]


fig, axes = plt.subplots(2, 1, figsize=(7.5, 2.8))
passes, size = f"{n_passes} passes", f"{sample_size:,} pixels"
rows_of_swatches = {
    f"Streamed: MiniBatchKMeans, {passes} (seed {best_stream_seed})": stream,
    f"Sampled: KMeans on {size} (seed {best_sample_seed})": sampled,
}
for ax, (title, model) in zip(axes, rows_of_swatches.items()):
    ax.imshow(by_brightness(model.cluster_centers_)[None], aspect="auto")
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
# --8<-- [end:palettes]

from tutorial_code.claims import claim

claim(
    "every_sample_beats_every_stream",
    sample_range[1] < stream_range[0],
    "every sample's centres scored lower than every stream's",
)
claim(
    "sample_is_better",
    sample_inertia < stream_inertia,
    "on all the pixels, the best sample's centres have a lower inertia "
    "than the best stream's",
)
claim(
    "last_pass_gains_less_than_the_gap",
    -last_pass_change < stream_gap,
    "the last pass lowered the streams' scores by less than the gap "
    "between the best stream and the worst sample",
)
