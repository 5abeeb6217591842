"""Scaling out 1: learn centres from a sample or a stream, assign in chunks.

Page: docs/scaling/sample_stream.md
"""

from tutorial_code.scaling.chunks import FRAME_PIXELS, frame

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

# --8<-- [start:stream]
import time
import tracemalloc

from sklearn.cluster import MiniBatchKMeans

tracemalloc.start()  # traces every allocation NumPy and Python make
start_seconds = time.perf_counter()
# compute_labels=False: no labels per chunk, we assign every pixel after.
stream = MiniBatchKMeans(
    n_clusters=16, n_init=1, random_state=0, compute_labels=False
)
for chunk in chunks(archive):
    stream.partial_fit(chunk)  # one mini-batch step per chunk
stream_inertia = assign_all(stream, archive, "labels_stream.npy")
stream_seconds = time.perf_counter() - start_seconds
stream_peak_megabytes = tracemalloc.get_traced_memory()[1] / 1e6
tracemalloc.stop()
print(f"partial_fit on {stream.n_steps_} chunks, then assign every pixel")
print(f"time: {stream_seconds:.2f} s")
print(f"peak memory: {stream_peak_megabytes:.1f} MB")
print(f"inertia: {stream_inertia:.4g}")
# --8<-- [end:stream]

# --8<-- [start:sample]
import time
import tracemalloc

import numpy as np
from sklearn.cluster import KMeans

sample_size = 50_000
tracemalloc.start()
start_seconds = time.perf_counter()
rng = np.random.default_rng(0)
rows = np.unique(rng.integers(0, len(archive), sample_size))  # sorted
sampled = KMeans(n_clusters=16, n_init=1, random_state=0)
sampled.fit(archive[rows].astype(np.float32))
sample_inertia = assign_all(sampled, archive, "labels_sample.npy")
sample_seconds = time.perf_counter() - start_seconds
sample_peak_megabytes = tracemalloc.get_traced_memory()[1] / 1e6
tracemalloc.stop()
print(f"KMeans on {len(rows):,} sampled pixels, then assign every pixel")
print(f"time: {sample_seconds:.2f} s")
print(f"peak memory: {sample_peak_megabytes:.1f} MB")
print(f"inertia: {sample_inertia:.4g}")
# --8<-- [end:sample]

# --8<-- [start:compare]
sample_to_stream = sample_inertia / stream_inertia
sample_is_better = sample_inertia < stream_inertia
peak_megabytes = max(stream_peak_megabytes, sample_peak_megabytes)
within_budget = peak_megabytes <= budget_megabytes
print(f"inertia, sample / stream: {sample_to_stream:.4f}")
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
rows_of_swatches = {
    "Streamed: MiniBatchKMeans.partial_fit, one pass": stream,
    f"Sampled: KMeans on {len(rows):,} pixels": sampled,
}
for ax, (title, model) in zip(axes, rows_of_swatches.items()):
    ax.imshow(by_brightness(model.cluster_centers_)[None], aspect="auto")
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
# --8<-- [end:palettes]
